"""Peers in the same run, on the same data: rank_bm25 vs bm25s, exact FAISS vs the ANN kind.

Both sides get identical inputs (the index's own BM25 tokens; its own vectors and real
query embeddings), so the ratios measure the libraries, not the data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import faiss
import numpy as np

from eval.metrics import LatencySummary, latency_summary, time_each
from qa.index.dense import FLAT_MAX, DenseIndex, DenseParams, build_faiss
from qa.index.lexical import LexicalIndex


@dataclass(slots=True)
class LibraryPair:
    """Ours against a peer: index build seconds and per-query latency."""

    ours: str
    peer: str
    n: int
    build_s_ours: float
    build_s_peer: float
    query_ours: LatencySummary
    query_peer: LatencySummary
    agreement_at_10: float | None = None  # share of the peer's top 10 that ours also returns
    note: str = ""

    @property
    def query_speedup(self) -> float:
        """Peer median / our median (>1: ours is faster)."""
        a, b = self.query_ours.median, self.query_peer.median
        return round(b / a, 1) if a and b else 0.0



def bm25_pair(tokens: list[list[str]], queries: list[list[str]], max_docs: int = 200_000) -> LibraryPair:
    """bm25s (the index's LexicalIndex) against rank_bm25's BM25Okapi on the same tokens."""
    from rank_bm25 import BM25Okapi

    docs = [t or [""] for t in tokens[:max_docs]]
    t = time.perf_counter()
    ours = LexicalIndex.build(docs)
    b_ours = time.perf_counter() - t
    t = time.perf_counter()
    peer = BM25Okapi(docs, k1=1.2, b=0.75)
    b_peer = time.perf_counter() - t
    queries = [q for q in queries if q]

    def peer_top(q: list[str]) -> np.ndarray:
        scores = peer.get_scores(q)
        top = np.argpartition(-scores, min(10, len(scores) - 1))[:10]
        return top[np.argsort(-scores[top])]

    q_ours = time_each(lambda q: ours.search(q, 50), queries)
    q_peer = time_each(peer_top, queries)
    agree = [len(set(ours.search(q, 10)[0].tolist()) & set(peer_top(q).tolist())) / 10 for q in queries[:50]]
    return LibraryPair("bm25s", "rank_bm25 BM25Okapi", len(docs), round(b_ours, 3), round(b_peer, 3),
                       latency_summary(q_ours), latency_summary(q_peer),
                       round(float(np.mean(agree)), 3) if agree else None,
                       "same jieba tokens; both k1=1.2 b=0.75 (bm25s lucene idf, rank_bm25 Okapi idf)")


@dataclass(slots=True)
class AnnFigures:
    """Exact (flat) against the approximate kind on the same vectors and queries."""

    n: int
    kind: str
    params: DenseParams
    recall_at_10: float  # of the exact top 10, as found by the ANN kind (after re-ranking)
    pair: LibraryPair


def ann_pair(vectors: np.ndarray, queries: np.ndarray, params: DenseParams | None = None,
             built: DenseIndex | None = None, built_s: float = 0.0) -> AnnFigures:
    """Flat against ``params`` (default: the kind chosen above ``FLAT_MAX``) over ``vectors``.

    ``built`` is an ANN index loaded from disk (its build took ``built_s``), used instead of
    building another one: at a million vectors that takes most of an hour on 2 cores.
    """
    params = built.params if built is not None else params or DenseParams.for_size(max(len(vectors), FLAT_MAX))
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    t = time.perf_counter()
    flat = DenseIndex(build_faiss(vectors, DenseParams("flat")), DenseParams("flat"))
    b_flat = time.perf_counter() - t
    t = time.perf_counter()
    ann = built if built is not None else DenseIndex(build_faiss(vectors, params), params, vectors=vectors)
    b_ann = built_s if built is not None else time.perf_counter() - t
    exact = [set(flat.search(q, 10)[0].tolist()) for q in queries]
    found = [set(ann.search(q, 10)[0].tolist()) for q in queries]
    recall = float(np.mean([len(e & f) / max(1, len(e)) for e, f in zip(exact, found)]))
    pair = LibraryPair(f"FAISS {params.kind} (M={params.m}, efSearch={params.ef_search}, rerank={params.rerank})",
                       "FAISS IndexFlatIP (exact)", len(vectors), round(b_ann, 3), round(b_flat, 3),
                       latency_summary(time_each(lambda q, ann=ann: ann.search(q, 50), queries)),
                       latency_summary(time_each(lambda q: flat.search(q, 50), queries)))
    return AnnFigures(len(vectors), params.kind, params, round(recall, 4), pair)


def tune_ef(vectors: np.ndarray, queries: np.ndarray,
            efs: tuple[int, ...] = (16, 32, 64, 96, 128, 192, 256, 384, 512, 768, 1024),
            target: float = 0.98, built: DenseIndex | None = None) -> list[tuple[int, float, float]]:
    """(efSearch, recall@10, median ms) for one graph (``built``, or built here): the data behind
    HNSW_EF_SEARCH. Stops one step after the target is passed."""
    base = built.params if built is not None else DenseParams.for_size(max(len(vectors), FLAT_MAX))
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    flat = DenseIndex(build_faiss(vectors, DenseParams("flat")), DenseParams("flat"))
    exact = [set(flat.search(q, 10)[0].tolist()) for q in queries]
    graph = built.index if built is not None else build_faiss(vectors, base)
    rows = []
    for ef in efs:
        p = DenseParams(base.kind, base.m, base.ef_construction, ef, base.rerank)
        ann = DenseIndex(graph, p, vectors=built.vectors if built is not None else vectors)
        found = [set(ann.search(q, 10)[0].tolist()) for q in queries]
        recall = float(np.mean([len(e & f) / 10 for e, f in zip(exact, found)]))
        ms = latency_summary(time_each(lambda q, ann=ann: ann.search(q, 50), queries)).median or 0.0
        rows.append((ef, round(recall, 4), round(ms, 3)))
        if recall >= target + 0.01 or (rows and rows[-1][1] >= target and len(rows) > 1 and rows[-2][1] >= target):
            break
    if built is not None:
        faiss.downcast_index(graph).hnsw.efSearch = base.ef_search  # the tuning changed the shared graph
    return rows
