"""The dense index: the approximate kind agrees with exact search, every kind survives save/load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa.index.dense import FLAT_MAX, DenseIndex, DenseParams, build_faiss

DIM = 384
N = 3000


def unit(rng: np.random.Generator, n: int, dim: int = DIM) -> np.ndarray:
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    base = unit(rng, N)
    # queries near stored vectors, as real questions are near their passages
    queries = base[rng.choice(N, 40, replace=False)] + 0.05 * unit(rng, 40)
    return base, queries / np.linalg.norm(queries, axis=1, keepdims=True)


def saved(tmp_path: Path, vectors: np.ndarray, params: DenseParams) -> DenseIndex:
    np.save(tmp_path / "vectors.npy", vectors)
    DenseIndex(build_faiss(vectors, params), params).save(tmp_path / "index.faiss")
    return DenseIndex.load(tmp_path / "index.faiss", params)


def recall_at_10(index: DenseIndex, exact: DenseIndex, queries: np.ndarray) -> float:
    hits = 0
    for q in queries:
        want = set(exact.search(q, 10)[0].tolist())
        hits += len(want & set(index.search(q, 10)[0].tolist()))
    return hits / (10 * len(queries))


def test_kind_follows_size():
    assert DenseParams.for_size(FLAT_MAX - 1).kind == "flat"
    big = DenseParams.for_size(FLAT_MAX)
    assert big.kind == "hnsw_sq8" and big.rerank >= 10 and big.ef_search >= 10


@pytest.mark.parametrize("rerank", [DenseParams.for_size(FLAT_MAX).rerank, 0])
def test_ann_recall_against_exact(tmp_path, data, rerank):
    base, queries = data
    exact = DenseIndex(build_faiss(base, DenseParams("flat")), DenseParams("flat"))
    p = DenseParams.for_size(FLAT_MAX)
    ann = saved(tmp_path, base, DenseParams(p.kind, p.m, p.ef_construction, p.ef_search, rerank))
    recall = recall_at_10(ann, exact, queries)
    # exact re-ranking is what lifts the 8-bit codes to near-exact order
    assert recall >= (0.98 if rerank else 0.9), recall


@pytest.mark.parametrize("kind", ["flat", "hnsw_sq8", "hnsw"])
def test_every_kind_round_trips(tmp_path, data, kind):
    base, queries = data
    params = DenseParams(kind) if kind == "flat" else DenseParams(kind, 16, 40, 64, 32 if kind == "hnsw_sq8" else 0)
    before = DenseIndex(build_faiss(base, params), params, vectors=base)
    after = saved(tmp_path, base, params)
    assert after.size == N and after.params == params
    assert type(faiss_downcast(after)) is type(faiss_downcast(before))
    for q in queries[:10]:
        ids_b, scores_b = before.search(q, 5)
        ids_a, scores_a = after.search(q, 5)
        assert ids_a.tolist() == ids_b.tolist()
        np.testing.assert_allclose(scores_a, scores_b, rtol=1e-5, atol=1e-6)


def faiss_downcast(index: DenseIndex):
    import faiss

    return faiss.downcast_index(index.index)


def test_filtered_search_stays_inside_the_filter_and_is_exact(tmp_path, data):
    base, queries = data
    p = DenseParams.for_size(FLAT_MAX)
    ann = saved(tmp_path, base, p)
    allowed = np.arange(1000, 1300)
    ids, scores = ann.search(queries[0], 10, allowed)
    sims = base[allowed] @ queries[0]
    assert set(ids.tolist()) <= set(allowed.tolist())
    assert ids.tolist() == (allowed[np.argsort(-sims)[:10]]).tolist()
    assert np.all(np.diff(scores) <= 0)


def test_empty_and_oversized_requests(data):
    base, queries = data
    empty = DenseIndex(build_faiss(base[:0], DenseParams("flat")), DenseParams("flat"))
    assert empty.search(queries[0], 5)[0].size == 0
    tiny = DenseIndex(build_faiss(base[:3], DenseParams("flat")), DenseParams("flat"), vectors=base[:3])
    assert sorted(tiny.search(queries[0], 10)[0].tolist()) == [0, 1, 2]
