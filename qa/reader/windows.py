"""Cut a long text into sentence windows the reader can read in one pass."""

from __future__ import annotations

from dataclasses import dataclass

from qa.reader.data import sentences


@dataclass(frozen=True)
class TextWindow:
    """``text`` is ``source[offset : offset + len(text)]``."""

    offset: int
    text: str


def sentence_windows(text: str, max_chars: int = 150, overlap: int = 1) -> list[TextWindow]:
    """Whole sentences grouped up to ``max_chars``; consecutive windows share ``overlap``
    sentences so an answer at a boundary is whole in one of them. A sentence longer than
    ``max_chars`` is cut into pieces of ``max_chars`` that overlap by a quarter."""
    spans: list[tuple[int, int]] = []
    for a, b in sentences(text):
        step = max_chars - max_chars // 4
        while b - a > max_chars:
            spans.append((a, a + max_chars))
            a += step
        spans.append((a, b))
    out: list[TextWindow] = []
    i = 0
    while i < len(spans):
        j = i
        while j + 1 < len(spans) and spans[j + 1][1] - spans[i][0] <= max_chars:
            j += 1
        lo, hi = spans[i][0], spans[j][1]
        out.append(TextWindow(lo, text[lo:hi]))
        if j + 1 >= len(spans):
            break
        i = max(i + 1, j + 1 - overlap)
    return out
