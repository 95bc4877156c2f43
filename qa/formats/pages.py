"""Where each page starts in the cleaned text.

Cleaning joins lines, rejoins paragraphs across page breaks and drops markers, so page
boundaries cannot be carried through it; they are found again afterwards. Each page's
first characters (whitespace ignored) are searched in the cleaned text, in order, from
where the previous page started.
"""

from __future__ import annotations

from bisect import bisect_right

_PROBE = 12  # characters of a page's opening used to find it


def page_starts(clean: str, raw_pages: list[str]) -> list[int]:
    """Offset in ``clean`` where each page begins (a page not found starts where the previous did)."""
    positions = [i for i, c in enumerate(clean) if not c.isspace()]
    squeezed = "".join(clean[i] for i in positions)
    starts: list[int] = []
    cursor = 0
    for raw in raw_pages:
        probe = "".join(raw.split())
        found = -1
        # shorter probes when cleaning changed the page's first characters (a dropped marker)
        for length in (_PROBE, 6, 3):
            for skip in range(0, min(len(probe), 40), 2):
                key = probe[skip:skip + length]
                if len(key) < min(length, 3):
                    break
                found = squeezed.find(key, cursor)
                if found >= 0:
                    break
            if found >= 0:
                break
        if found < 0 or not positions:
            starts.append(starts[-1] if starts else 0)
            continue
        cursor = found
        starts.append(positions[found])
    if starts:
        starts[0] = 0  # text before the first probe (a title moved by cleaning) is on page 1
    return starts


def page_of(starts: list[int] | tuple[int, ...], offset: int) -> int | None:
    """1-based page of a cleaned-text offset, or None for a document without pages."""
    if not starts:
        return None
    return max(1, bisect_right(starts, offset))
