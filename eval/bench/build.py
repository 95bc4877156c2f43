"""Index build figures, stage by stage: chunking, embedding, BM25, FAISS; size on disk; no-op re-index.

Stages are timed separately on the corpus's own data so each has its own throughput.
Embedding is timed on a fixed random sample (all chunks for small corpora): a full
re-embedding of RGB-zh takes 20 minutes and tells nothing a sample does not.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings import Embedder
from eval.bench.corpora import BenchCorpus
from eval.bench.stage import Stage, stage
from qa.corpus import build_document
from qa.index.builder import BuildOptions, build_from_sources, fingerprint
from qa.index.dense import DenseParams, build_faiss
from qa.index.fields import indexed_text
from qa.index.lexical import LexicalIndex
from qa.index.manifest import Manifest
from qa.index.store import Index
from qa.text.chunk import ChunkParams
from qa.text.tokenize import Tokenizer

EMBED_SAMPLE = 384


@dataclass(slots=True)
class BuildFigures:
    """Build stages of one corpus (``embed`` measured on ``embed.items`` chunks)."""

    chunks: int
    chars: int
    chunking: Stage | None  # None for assembled corpora (chunked once, outside the timing)
    embed: Stage
    embed_full_estimate_s: float
    bm25_tokenize: Stage | None
    bm25_index: Stage
    faiss: Stage
    faiss_kind: str
    disk_mib: float
    disk_breakdown_mib: dict[str, float]
    reindex_unchanged_s: float | None  # `qa index` on an unchanged corpus (None: not measured)
    reindex_note: str = ""


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def disk_usage(directory: Path) -> tuple[float, dict[str, float]]:
    """Total MiB on disk and per top-level entry."""
    parts: dict[str, float] = {}
    for p in directory.rglob("*"):
        if p.is_file():
            top = p.relative_to(directory).parts[0]
            parts[top] = parts.get(top, 0.0) + p.stat().st_size / 2**20
    return round(sum(parts.values()), 2), {k: round(v, 2) for k, v in sorted(parts.items())}


def measure_chunking(corpus: BenchCorpus) -> Stage | None:
    if not corpus.sources:
        return None
    params = ChunkParams()
    chunks, secs = _timed(lambda: [c for s in corpus.sources for c in build_document(s, params)[1]])
    return stage(secs, len(chunks), sum(len(s.data.decode("utf-8")) for s in corpus.sources))


def measure_embedding(texts: list[str], embedder: Embedder, sample: int = EMBED_SAMPLE) -> Stage:
    """Embed a seeded random sample of ``texts`` the way the builder does (batches of 16)."""
    picked = texts if len(texts) <= sample else random.Random(0).sample(texts, sample)
    _, secs = _timed(lambda: embedder.embed_passages(picked, batch_size=16))
    return stage(secs, len(picked), sum(map(len, picked)))


def measure_build(corpus: BenchCorpus, embedder: Embedder) -> BuildFigures:
    """Time every stage on ``corpus`` (its index must exist); assembled corpora bring their own."""
    index = Index.load(corpus.index_dir)
    texts = [indexed_text(c) for c in index.chunks()] if not corpus.stages else []
    n = len(index)
    chars = sum(map(len, texts)) if texts else corpus.stages["bm25_index"].chars
    st = dict(corpus.stages) or _timed_stages(corpus, index, texts, embedder)
    disk, parts = disk_usage(corpus.index_dir)
    reindex, why = measure_unchanged_reindex(corpus, index.manifest, embedder)
    kind = index.manifest.dense.kind
    index.close()
    embed = st["embed"]
    return BuildFigures(
        chunks=n, chars=chars, chunking=st.get("chunking"), embed=embed,
        embed_full_estimate_s=round(n / embed.per_s, 1) if embed.per_s else 0.0,
        bm25_tokenize=st.get("bm25_tokenize"), bm25_index=st["bm25_index"], faiss=st["faiss"], faiss_kind=kind,
        disk_mib=disk, disk_breakdown_mib=parts, reindex_unchanged_s=reindex, reindex_note=why,
    )


def _timed_stages(corpus: BenchCorpus, index: Index, texts: list[str], embedder: Embedder) -> dict[str, Stage]:
    chars = sum(map(len, texts))
    tokenizer = Tokenizer(index.manifest.words)
    tokens, t_tok = _timed(lambda: tokenizer.tokens_many(texts))
    _, t_bm25 = _timed(lambda: LexicalIndex.build(tokens))
    vectors = np.ascontiguousarray(index.vectors())
    _, t_faiss = _timed(lambda: build_faiss(vectors, DenseParams.for_size(len(vectors))))
    out = {"embed": measure_embedding(texts, embedder), "bm25_tokenize": stage(t_tok, len(texts), chars),
           "bm25_index": stage(t_bm25, len(texts), chars), "faiss": stage(t_faiss, len(vectors), chars)}
    chunking = measure_chunking(corpus)
    if chunking is not None:
        out["chunking"] = chunking
    return out


def measure_unchanged_reindex(corpus: BenchCorpus, manifest: Manifest, embedder: Embedder) -> tuple[float | None, str]:
    """Seconds for an index update when nothing changed (sources already read, as by `qa index`).

    Only run when the fingerprint matches: a stale cached index would otherwise be rebuilt.
    """
    if not corpus.sources:
        return None, "assembled corpus: no sources to re-index"
    fp = fingerprint([(s.doc_id, s.sha256) for s in corpus.sources], embedder.name, ChunkParams())
    if fp != manifest.fingerprint:
        return None, "cached index is stale (rules changed since it was built); not rebuilt"
    report, secs = _timed(lambda: build_from_sources(corpus.sources, corpus.index_dir, embedder,
                                                     ChunkParams(), BuildOptions("e5-small")))
    return (round(secs, 3), "") if report.unchanged else (None, "index was not up to date")
