"""The search side of an index, behind one seam: dense and keyword top-n over chunk rows.

An index directory always holds the chunks, texts, document tables, vectors and BM25
statistics (the system of record, and the cache that makes re-indexing incremental).
What answers the two searches is a *store*: ``local`` (FAISS and bm25s files in the
directory) or ``milvus`` (a Milvus collection: Milvus Lite in a file, or a cluster).
Both return chunk rows of the loaded index, so the :class:`~qa.retrieve.Retriever`
fuses, boosts and cites identically whichever store answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True, slots=True)
class Filter:
    """Restrict a search to some documents and/or organisations.

    ``rows`` are the same restriction as chunk rows of the loaded index (the local store
    filters by rows; an engine filters by ``doc_ids`` / ``orgs`` fields it holds).
    """

    rows: np.ndarray
    doc_ids: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hits:
    """Chunk rows, best first, with the store's scores."""

    rows: np.ndarray
    scores: np.ndarray

    @classmethod
    def empty(cls) -> Hits:
        return cls(np.empty(0, np.int64), np.empty(0, np.float32))


@dataclass(frozen=True, slots=True)
class StoreSpec:
    """Which store an index is searched with: a registered ``name`` and, for an engine, its ``uri``."""

    name: str = "local"
    uri: str | None = None
    #: milvus only: "ours" (our jieba tokens and BM25 as sparse vectors) or "builtin" (Milvus's BM25)
    keyword: str = "ours"


class SearchStore(Protocol):
    """What the retriever searches (a loaded index owns one)."""

    name: str

    def dense(self, vector: np.ndarray, n: int, where: Filter | None = None) -> Hits:
        """Top ``n`` chunk rows by inner product with the unit-length query ``vector``."""
        ...

    def keyword(self, tokens: list[str], text: str, n: int, where: Filter | None = None) -> Hits:
        """Top ``n`` chunk rows by BM25 of the query ``tokens`` (``text``: the query they came from)."""
        ...

    def close(self) -> None:
        """Release what the store holds (connections); the index's files stay."""
        ...
