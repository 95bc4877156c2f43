"""The large sizes' building blocks: synthetic vectors, repeated chunks, reading the CRUD corpus."""

from __future__ import annotations

import numpy as np
import pytest

from eval.bench.large import _copies, crud_sources, synthetic_vectors
from eval.external import BENCH_ROOT
from qa.corpus import build_document
from qa.text.chunk import ChunkParams


def test_synthetic_vectors_are_unit_length_and_follow_the_real_mean():
    rng = np.random.default_rng(3)
    direction = rng.standard_normal(48).astype(np.float32)
    real = direction + 0.3 * rng.standard_normal((400, 48)).astype(np.float32)
    real /= np.linalg.norm(real, axis=1, keepdims=True)
    fake = synthetic_vectors(real, 1000, block=300)
    assert fake.shape == (1000, 48) and fake.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fake, axis=1), 1.0, atol=1e-5)
    mean_r, mean_f = real.mean(0), fake.mean(0)
    cos = float(mean_r @ mean_f / np.linalg.norm(mean_r) / np.linalg.norm(mean_f))
    assert cos > 0.95  # same anisotropy as the real embeddings, not uniform on the sphere


@pytest.mark.skipif(not (BENCH_ROOT / "crud-news").exists(), reason="shared/bench not beside the repository")
def test_copies_reach_the_target_with_unique_ids_and_thinned_tokens():
    sources = crud_sources(limit=4)
    assert len(sources) == 4 and all(s.doc_id.startswith("crud_") for s in sources)
    built = [build_document(s, ChunkParams()) for s in sources]
    docs, chunk_lists = [d for d, _ in built], [c for _, c in built]
    tokens = [[["词"] * 20 for _ in cs] for cs in chunk_lists]
    n = sum(map(len, chunk_lists))
    out_docs, counts, chunks, toks = _copies(docs, chunk_lists, tokens, 3 * n)
    assert len(chunks) == sum(counts) >= 3 * n and len(toks) == len(chunks)
    assert len({c.id for c in chunks}) == len(chunks) and len({d.doc_id for d in out_docs}) == len(out_docs)
    assert toks[0] == ["词"] * 20 and sum(map(len, toks[n:])) < 20 * (len(toks) - n)
