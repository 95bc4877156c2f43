"""The reader interface and its registry (``get_reader("trained")``, ``get_reader("none")``).

A reader takes a question and the texts of a few windows (sentences around retrieval hits)
and proposes, per window, the best answer span with a score, plus how strongly that window
says "no answer here". Readers are looked up by name, like the project's embedders and LLM
backends; an unknown name raises :class:`qa.errors.UnknownBackendError` listing valid names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa.errors import UnknownBackendError
from qa.reader.types import Reader, Span

__all__ = ["NoReader", "Reader", "Span", "get_reader", "reader_names"]


class NoReader:
    """The reader that reads nothing: the composer falls back to its own rules."""

    name = "none"

    def read(self, question: str, windows: Sequence[str], per_window: int = 1) -> list[Span]:
        return []


def _trained(**kwargs: object) -> Reader:
    # deferred: torch and the weights load lazily
    from qa.reader.trained import TrainedReader

    return TrainedReader(**kwargs)  # type: ignore[arg-type]


def _trained_fp32(**kwargs: object) -> Reader:
    return _trained(quantise=False, **kwargs)


READERS: dict[str, Callable[..., Reader]] = {"trained": _trained, "trained-fp32": _trained_fp32,
                                             "none": lambda **_: NoReader()}  # fmt: skip
_INSTANCES: dict[str, Reader] = {}


def reader_names() -> list[str]:
    """Valid reader names, sorted."""
    return sorted(READERS)


def get_reader(name: str = "trained", **kwargs: object) -> Reader:
    """The reader called ``name``; without ``kwargs`` one shared instance per name."""
    factory = READERS.get(name)
    if factory is None:
        raise UnknownBackendError("reader", name, list(READERS))
    if kwargs:
        return factory(**kwargs)
    if name not in _INSTANCES:
        _INSTANCES[name] = factory()
    return _INSTANCES[name]
