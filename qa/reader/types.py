"""The reader's types: :class:`Span` (one window's best answer) and the :class:`Reader` protocol.

Apart from the registry in :mod:`qa.reader.base` so that backends can use them without importing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Span:
    """The best answer span of one window.

    ``start``/``end`` are character offsets into ``windows[window]`` (``text`` is that slice).
    ``score`` is the span's logit minus the window's no-answer logit: > 0 means the reader
    prefers this span to "no answer"; ``probability`` is its logistic squash (a rough
    confidence). ``no_answer`` is ``-score`` (the window's no-answer margin), kept apart so
    callers can threshold either.
    """

    window: int
    start: int
    end: int
    text: str
    score: float
    probability: float
    no_answer: float


@runtime_checkable
class Reader(Protocol):
    """Anything that reads windows for a question."""

    name: str

    def read(self, question: str, windows: Sequence[str], per_window: int = 1) -> list[Span]:
        """Up to ``per_window`` :class:`Span` objects per window that has a candidate, best ``score`` first."""
        ...
