"""A query-embedding cache: repeated questions skip the model entirely."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from threading import Lock

import numpy as np

from embeddings.base import Embedder, ProgressFn


class CachedEmbedder(Embedder):
    """Delegates to ``inner``; remembers the last ``size`` query vectors (thread-safe LRU)."""

    def __init__(self, inner: Embedder, size: int = 4096) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = Lock()
        self.hits = 0
        self.misses = 0

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vec = self._cache.get(text)
            if vec is not None:
                self._cache.move_to_end(text)
                self.hits += 1
                return vec
        vec = self.inner.embed_query(text)
        vec.setflags(write=False)  # shared between callers
        with self._lock:
            self.misses += 1
            self._cache[text] = vec
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return vec

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Cached rows as they are; the others in one call to the inner embedder."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        missing = []
        for i, text in enumerate(texts):
            with self._lock:
                vec = self._cache.get(text)
            if vec is None:
                missing.append(i)
            else:
                out[i] = vec
        with self._lock:
            self.hits += len(texts) - len(missing)
            self.misses += len(missing)
        if missing:
            vecs = self.inner.embed_queries([texts[i] for i in missing])
            with self._lock:
                for i, vec in zip(missing, vecs):
                    self._cache[texts[i]] = vec.copy()
                    self._cache[texts[i]].setflags(write=False)
                    out[i] = vec
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return out

    def embed_passages(
        self, texts: Sequence[str], *, batch_size: int = 16, progress: ProgressFn | None = None
    ) -> np.ndarray:
        return self.inner.embed_passages(texts, batch_size=batch_size, progress=progress)
