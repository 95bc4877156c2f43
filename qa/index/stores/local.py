"""The ``local`` store: FAISS and bm25s files in the index directory (the default)."""

from __future__ import annotations

import numpy as np

from qa.index.stores.base import Filter, Hits


class LocalStore:
    """Searches the index's own FAISS index and BM25 model (nothing to connect to)."""

    name = "local"

    def __init__(self, index) -> None:
        self.index = index

    def dense(self, vector: np.ndarray, n: int, where: Filter | None = None) -> Hits:
        rows, scores = self.index.dense.search(vector, n, where.rows if where is not None else None)
        return Hits(rows, scores)

    def keyword(self, tokens: list[str], text: str, n: int, where: Filter | None = None) -> Hits:
        rows, scores = self.index.lexical.search(tokens, n, where.rows if where is not None else None)
        return Hits(rows, scores)

    def close(self) -> None:
        pass
