"""Any sentence-transformers model: a local model directory or a hub name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.base import Embedder, ProgressFn, batched_by_length, l2_normalise


class SentenceTransformerEmbedder(Embedder):
    """Wraps ``sentence_transformers.SentenceTransformer``.

    ``query_prefix``/``passage_prefix`` serve models trained with role prefixes.
    The name records the model's directory name or hub id, so an index built with
    one model refuses another.
    """

    def __init__(
        self,
        model: str | None = None,
        device: str = "cpu",
        query_prefix: str = "",
        passage_prefix: str = "",
        **_: object,
    ) -> None:
        if not model:
            raise ValueError("the sentence-transformers embedder needs a model (directory or hub name)")
        from sentence_transformers import SentenceTransformer  # deferred: imports torch

        self._model = SentenceTransformer(model, device=device)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        path = Path(model)
        # a local directory is named by its last two parts (bundled models live in .../<pkg>/model)
        ident = "/".join(path.resolve().parts[-2:]) if path.exists() else model
        self.name = f"sentence-transformers:{ident}"
        self._qp, self._pp = query_prefix, passage_prefix

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=len(texts), convert_to_numpy=True,
                                  show_progress_bar=False, normalize_embeddings=True)

    def embed_query(self, text: str) -> np.ndarray:
        return l2_normalise(self._encode([self._qp + text])[0])

    def embed_passages(
        self, texts: Sequence[str], *, batch_size: int = 16, progress: ProgressFn | None = None
    ) -> np.ndarray:
        prefixed = [self._pp + t for t in texts]
        return batched_by_length(prefixed, self._encode, self.dim, batch_size, progress)
