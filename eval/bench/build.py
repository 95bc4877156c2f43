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
class Stage:
    """One build stage: how long, over how much."""

    seconds: float
    items: int
    chars: int
    per_s: float
    chars_per_s: float


def stage(seconds: float, items: int, chars: int) -> Stage:
    """A stage with its throughput (items/s, chars/s) worked out."""
    rate = (lambda n: round(n / seconds, 1)) if seconds > 0 else (lambda n: 0.0)
    return Stage(round(seconds, 3), items, chars, rate(items), rate(chars))


@dataclass(slots=True)
class BuildFigures:
    """Build stages of one corpus (``embed`` measured on ``embed.items`` chunks)."""

    chunks: int
    chars: int
    chunking: Stage | None  # None for assembled corpora (chunked once, outside the timing)
    embed: Stage
    embed_full_estimate_s: float
    bm25_tokenize: Stage
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
    """Time every stage on ``corpus`` (its index must exist)."""
    index = Index.load(corpus.index_dir)
    texts = [indexed_text(c) for c in index.chunks()]
    chars = sum(map(len, texts))
    chunking = measure_chunking(corpus)
    embed = measure_embedding(texts, embedder)
    tokenizer = Tokenizer(index.manifest.words)
    tokens, t_tok = _timed(lambda: tokenizer.tokens_many(texts))
    _, t_bm25 = _timed(lambda: LexicalIndex.build(tokens))
    vectors = np.ascontiguousarray(index.vectors())
    params = DenseParams.for_size(len(vectors))
    _, t_faiss = _timed(lambda: build_faiss(vectors, params))
    disk, parts = disk_usage(corpus.index_dir)
    reindex, why = measure_unchanged_reindex(corpus, index.manifest, embedder)
    index.close()
    return BuildFigures(
        chunks=len(texts), chars=chars, chunking=chunking, embed=embed,
        embed_full_estimate_s=round(len(texts) / embed.per_s, 1) if embed.per_s else 0.0,
        bm25_tokenize=stage(t_tok, len(texts), chars), bm25_index=stage(t_bm25, len(texts), chars),
        faiss=stage(t_faiss, len(vectors), chars), faiss_kind=params.kind,
        disk_mib=disk, disk_breakdown_mib=parts, reindex_unchanged_s=reindex, reindex_note=why,
    )


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
