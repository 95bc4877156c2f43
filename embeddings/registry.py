"""Named embedders, registered like plugins and loaded lazily."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points

from embeddings.base import Embedder

# Built-ins are import strings so that naming one never imports the others' heavy deps.
_BUILTINS: dict[str, str] = {
    "e5-small": "embeddings.e5:E5Embedder",
    "sentence-transformers": "embeddings.st:SentenceTransformerEmbedder",
}
#: the pip extra that brings a built-in's dependencies (the core install has only the default's)
_EXTRAS: dict[str, str] = {"sentence-transformers": "sentence-transformers"}
_registered: dict[str, Callable[..., Embedder] | str] = {}


class MissingDependencyError(ImportError):
    """A built-in embedder whose optional dependencies are not installed; ``extra`` names them."""

    def __init__(self, name: str, extra: str, missing: str | None) -> None:
        super().__init__(f"the {name!r} embedder needs {missing or 'packages'} that are not installed")
        self.name = name
        self.extra = extra


class UnknownEmbedderError(LookupError):
    """Raised for a name nobody registered; the message lists the valid ones."""

    def __init__(self, name: str, valid: list[str]) -> None:
        super().__init__(f"unknown embedder {name!r}; valid names: {', '.join(valid)}")
        self.name = name
        self.valid = valid


def register(name: str, factory: Callable[..., Embedder] | str) -> None:
    """Register an embedder factory (a callable or an ``module:attr`` string)."""
    _registered[name] = factory


def available() -> list[str]:
    """Every embedder name that :func:`get_embedder` accepts."""
    names = set(_BUILTINS) | set(_registered)
    names |= {ep.name for ep in entry_points(group="qa.embedders")}
    return sorted(names)


def get_embedder(name: str, **options: object) -> Embedder:
    """Build the embedder registered under ``name`` with backend-specific options."""
    target = _registered.get(name) or _BUILTINS.get(name)
    if target is None:
        eps = {ep.name: ep for ep in entry_points(group="qa.embedders")}
        if name not in eps:
            raise UnknownEmbedderError(name, available())
        target = eps[name].load()
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        target = getattr(import_module(module), attr)
    try:
        return target(**options)
    except ModuleNotFoundError as exc:  # a backend imports its heavy dependencies when built
        if name in _EXTRAS and name not in _registered:
            raise MissingDependencyError(name, _EXTRAS[name], exc.name) from exc
        raise
