"""The dense side: a FAISS inner-product index over L2-normalised vectors.

Small collections use exact search (``IndexFlatIP``); above ``HNSW_THRESHOLD``
vectors an HNSW graph keeps queries in the millisecond range (its parameters were
chosen by measurement, see ``eval/results/bench``). Vectors themselves live in
``vectors.npy`` beside the index so they can be reused when re-indexing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

HNSW_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


@dataclass(frozen=True, slots=True)
class DenseParams:
    """How the FAISS index was built (recorded in the manifest)."""

    kind: str  # "flat" | "hnsw"
    m: int = 0
    ef_construction: int = 0
    ef_search: int = 0

    @classmethod
    def for_size(cls, n: int) -> "DenseParams":
        """Exact below the threshold, HNSW above it."""
        if n < HNSW_THRESHOLD:
            return cls("flat")
        return cls("hnsw", HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH)


def build_faiss(vectors: np.ndarray, params: DenseParams) -> faiss.Index:
    """Build an inner-product index over ``vectors`` (rows must be unit length)."""
    dim = vectors.shape[1]
    if params.kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif params.kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, params.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = params.ef_construction
        index.hnsw.efSearch = params.ef_search
    else:
        raise ValueError(f"unknown dense index kind {params.kind!r}")
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


class DenseIndex:
    """Search wrapper around a FAISS index (thread-safe for concurrent searches)."""

    def __init__(self, index: faiss.Index, params: DenseParams) -> None:
        self.index = index
        self.params = params
        if params.kind == "hnsw":
            faiss.downcast_index(index).hnsw.efSearch = params.ef_search

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, params: DenseParams, mmap: bool = True) -> "DenseIndex":
        flags = faiss.IO_FLAG_MMAP if mmap and params.kind == "flat" else 0
        return cls(faiss.read_index(str(path), flags), params)

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` (ids, scores); ``allowed`` restricts the search to those ids."""
        k = min(k, self.size)
        if k <= 0:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            sel = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            params = (faiss.SearchParametersHNSW(sel=sel, efSearch=self.params.ef_search)
                      if self.params.kind == "hnsw" else faiss.SearchParameters(sel=sel))
        scores, ids = self.index.search(q, k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]
