"""The embedder seam: two methods, float32 L2-normalised vectors."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

import numpy as np

ProgressFn = Callable[[int], None]


class Embedder(ABC):
    """Turns text into unit-length float32 vectors.

    Queries and passages may be embedded differently (E5 prefixes them with
    ``query:``/``passage:``), so the two roles are separate methods. ``name``
    identifies the model exactly; an index records it and refuses another.
    """

    name: str
    dim: int

    @abstractmethod
    def embed_query(self, text: str) -> np.ndarray:
        """One query -> vector of shape ``(dim,)``."""

    @abstractmethod
    def embed_passages(
        self, texts: Sequence[str], *, batch_size: int = 16, progress: ProgressFn | None = None
    ) -> np.ndarray:
        """Passages -> matrix of shape ``(len(texts), dim)``; ``progress(n)`` after each batch."""

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several queries at once -> ``(len(texts), dim)``; the batched query embedder of
        ``qa serve --ray`` calls this. Backends that batch natively override it."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.embed_query(text)
        return out


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows of unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def batched_by_length(
    texts: Sequence[str],
    embed_batch: Callable[[list[str]], np.ndarray],
    dim: int,
    batch_size: int,
    progress: ProgressFn | None = None,
) -> np.ndarray:
    """Embed in batches of similar length (less padding), returning rows in input order."""
    out = np.empty((len(texts), dim), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for lo in range(0, len(order), batch_size):
        idx = order[lo : lo + batch_size]
        out[idx] = embed_batch([texts[i] for i in idx])
        if progress is not None:
            progress(len(idx))
    return l2_normalise(out)
