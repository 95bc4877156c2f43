"""A timed build stage and its throughput."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Stage:
    """One build stage: how long, over how many items and characters, and the rates."""

    seconds: float
    items: int
    chars: int
    per_s: float
    chars_per_s: float


def stage(seconds: float, items: int, chars: int) -> Stage:
    """A stage with its throughput (items/s, chars/s) worked out."""
    rate = (lambda n: round(n / seconds, 1)) if seconds > 0 else (lambda n: 0.0)
    return Stage(round(seconds, 3), items, chars, rate(items), rate(chars))
