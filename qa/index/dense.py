"""The dense side: a FAISS inner-product index over L2-normalised vectors.

The kind of index follows the collection's size (measured, see ``eval/results/bench``):

* below ``FLAT_MAX`` vectors, exact search (``IndexFlatIP``), memory-mapped;
* above it, an HNSW graph over 8-bit scalar-quantised codes (``IndexHNSWSQ``): a quarter
  of the memory of float vectors, so a million chunks fit the serving budget. Its
  ``rerank`` best candidates are re-scored exactly from ``vectors.npy`` (memory-mapped),
  which restores the order the quantisation blurs: recall@10 against exact search
  stays >= 0.98 at a million vectors.

``vectors.npy`` lives beside ``index.faiss``: it is reused when re-indexing, feeds the
re-ranking, and answers searches restricted to a few documents exactly (a scan of
those rows is cheaper and more accurate than a filtered graph walk). Indexes written
with the earlier ``hnsw`` kind (float vectors in the graph) still load and search.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from qa.index.npyrows import NpyRows

FLAT_MAX = 50_000  # exact search up to here: a flat scan of 50k x 384 floats takes ~2-3 ms
# Measured with eval/bench/ann_sweep.py (eval/results/bench/ann_sweep.md; 200 real RGB-zh question
# embeddings, one thread, 50 candidates as the retriever asks) over a million perturbed real e5 vectors:
# recall@10 against exact search 0.9925 at efSearch 96 (0.63 ms median), 0.989 at 80 (0.59 ms), 0.977 at 64;
# at 280k 0.992 at 96. 96 keeps a margin over the 0.98 target for 0.04 ms; re-ranking 128 gains nothing.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96
RERANK = 64
SUBSET_EXACT_MAX = 20_000  # a filter this small is scanned exactly from vectors.npy
VECTORS = "vectors.npy"


@dataclass(frozen=True, slots=True)
class DenseParams:
    """How the FAISS index was built (recorded in the manifest)."""

    kind: str  # "flat" | "hnsw_sq8" | "hnsw" (older indexes)
    m: int = 0
    ef_construction: int = 0
    ef_search: int = 0
    rerank: int = 0  # candidates re-scored exactly from vectors.npy (0 = none)

    @classmethod
    def for_size(cls, n: int) -> DenseParams:
        """Exact up to ``FLAT_MAX`` vectors, quantised HNSW with exact re-ranking above."""
        if n < FLAT_MAX:
            return cls("flat")
        return cls("hnsw_sq8", HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, RERANK)


def build_faiss(vectors: np.ndarray, params: DenseParams) -> faiss.Index:
    """Build an inner-product index over ``vectors`` (rows must be unit length)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if params.kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif params.kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, params.m, faiss.METRIC_INNER_PRODUCT)
    elif params.kind == "hnsw_sq8":
        index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, params.m, faiss.METRIC_INNER_PRODUCT)
        if len(vectors):
            index.train(vectors)  # per-dimension ranges of the 8-bit codes
    else:
        raise ValueError(f"unknown dense index kind {params.kind!r}")
    if params.kind != "flat":
        index.hnsw.efConstruction = params.ef_construction
        index.hnsw.efSearch = params.ef_search
    if len(vectors):
        index.add(vectors)
    return index


class DenseIndex:
    """Search wrapper around a FAISS index (thread-safe for concurrent searches).

    ``vectors`` (the exact rows: an array, or :class:`NpyRows` over ``vectors.npy``) enables re-ranking and
    exact search over small filters; without them the FAISS index answers alone.
    """

    def __init__(self, index: faiss.Index, params: DenseParams, vectors: np.ndarray | None = None) -> None:
        self.index = index
        self.params = params
        self.vectors = vectors
        if params.kind != "flat":
            faiss.downcast_index(index).hnsw.efSearch = params.ef_search

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, params: DenseParams, mmap: bool = True) -> DenseIndex:
        """Read ``path``; rows of ``vectors.npy`` beside it are read on demand when present
        (:class:`~qa.index.npyrows.NpyRows`: ``pread``, so re-scoring does not grow the RSS)."""
        flags = faiss.IO_FLAG_MMAP if mmap and params.kind == "flat" else 0
        vec_path = path.with_name(VECTORS)
        vectors = NpyRows(vec_path) if vec_path.exists() else None
        return cls(faiss.read_index(str(path), flags), params, vectors)

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (ids, scores); ``allowed`` restricts the search to those ids."""
        k = min(k, self.size)
        if k <= 0:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        q = np.ascontiguousarray(query.reshape(-1), dtype=np.float32)
        if allowed is not None and self._scan_subset(len(allowed)):
            return _exact(self.vectors, np.asarray(allowed, dtype=np.int64), q, k)
        fetch = max(k, self.params.rerank) if self.vectors is not None else k
        scores, ids = _one_thread(self.index.search, q.reshape(1, -1), fetch, params=self._search_params(allowed))
        ids, scores = ids[0], scores[0]
        keep = ids >= 0
        ids, scores = ids[keep], scores[keep]
        if self.params.rerank and self.vectors is not None and len(ids):
            return _exact(self.vectors, ids, q, k)
        return ids[:k], scores[:k]

    def _scan_subset(self, n_allowed: int) -> bool:
        # the flat index scans everything anyway; only a graph index gains from a subset scan
        return (self.vectors is not None and n_allowed <= SUBSET_EXACT_MAX
                and (self.params.kind != "flat" or n_allowed * 4 < self.size))

    def _search_params(self, allowed: np.ndarray | None) -> faiss.SearchParameters | None:
        if allowed is None:
            return None
        sel = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        if self.params.kind == "flat":
            return faiss.SearchParameters(sel=sel)
        return faiss.SearchParametersHNSW(sel=sel, efSearch=self.params.ef_search)


def _one_thread(fn, *args, **kwargs):
    """Run a FAISS call with one OpenMP thread in this thread (the setting is per calling thread).

    One query gains nothing from a second thread and loses when the cores are busy: a flat
    search over RGB-zh's 11k vectors took 1.4-1.8 ms median (p95 7-16 ms) with two threads on
    a loaded machine, 0.6 ms (p95 0.9 ms) with one. Builds keep every thread.
    """
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return fn(*args, **kwargs)
    finally:
        faiss.omp_set_num_threads(before)


def _exact(vectors: np.ndarray, rows: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top ``k`` of ``rows`` by inner product, best first (ties: lower row first)."""
    if len(rows) == 0:
        return np.empty(0, np.int64), np.empty(0, np.float32)
    rows = np.sort(rows)  # ascending rows read the memory map sequentially
    sims = np.asarray(vectors[rows] @ q, dtype=np.float32)
    k = min(k, len(rows))
    top = np.argpartition(-sims, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
    order = top[np.lexsort((rows[top], -sims[top]))]
    return rows[order], sims[order]
