"""Embedders: the ``Embedder`` seam, built-in backends and their registry."""

from embeddings.base import Embedder, l2_normalise
from embeddings.cache import CachedEmbedder
from embeddings.registry import MissingDependencyError, UnknownEmbedderError, available, get_embedder, register

__all__ = [
    "CachedEmbedder",
    "Embedder",
    "MissingDependencyError",
    "UnknownEmbedderError",
    "available",
    "get_embedder",
    "l2_normalise",
    "register",
]
