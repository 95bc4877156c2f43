"""From positioned lines to text in reading order, for PDF text layers and OCR alike.

Per page: find a column gutter (a vertical strip in the middle that no line crosses, with
text on both sides) and read the left column before the right one; lines spanning the
gutter (a title) keep their place above or below. Across pages: drop running headers and
footers (the same line, digits aside, near the top or bottom of most pages) and page
numbers. Within a column: a new paragraph starts after a vertical gap, at a first-line
indent, at a change of font size, or after a sentence that stops short of the right
margin; other lines are hard wraps (joined by the cleaner).
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from qa.formats.base import Line
from qa.formats.tables import row_paragraphs
from qa.text.clean import is_open

_PAGE_NUMBER = re.compile(
    r"^[\s\-–—·•]*(?:第\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*/\s*\d{1,4}|\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)?"
    r"[\s\-–—·•]*$|^page\s+\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)
_MARGIN = 0.1  # top/bottom share of the page where running headers and footers sit
_CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])[ \u00a0]+(?=[{_CJK}])")


def tidy(text: str) -> str:
    """Drop the spaces a layout engine puts between CJK and Latin text (2023 年 -> 2023年)."""
    return _SPACE_NEAR_CJK.sub("", " ".join(text.split()))


def reading_order(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines as columns in reading order (spanning lines form their own groups)."""
    gutter = _gutter(lines, width)
    if gutter is None:
        return [sorted(lines, key=lambda l: (l.top, l.x0))]
    left = [l for l in lines if l.x1 <= gutter]
    right = [l for l in lines if l.x0 >= gutter]
    span = [l for l in lines if l.x0 < gutter < l.x1]
    top_of_cols = min(l.top for l in left + right)
    above = sorted((l for l in span if l.top < top_of_cols), key=lambda l: l.top)
    below = sorted((l for l in span if l.top >= top_of_cols), key=lambda l: l.top)
    groups = [above, sorted(left, key=lambda l: l.top), sorted(right, key=lambda l: l.top), below]
    return [g for g in groups if g]


def _gutter(lines: list[Line], width: float) -> float | None:
    """x of an empty vertical strip in the middle third with at least 5 lines on each side."""
    if len(lines) < 10 or width <= 0:
        return None
    bins = [0] * (int(width) + 1)
    for l in lines:
        if l.x1 - l.x0 < 0.6 * width:  # a full-width title does not hide a gutter
            for x in range(max(0, int(l.x0)), min(len(bins), int(l.x1) + 1)):
                bins[x] += 1
    lo, hi = int(width * 0.3), int(width * 0.7)
    best, run_start = None, None
    for x in range(lo, hi + 1):
        if bins[x] == 0:
            run_start = x if run_start is None else run_start
            if best is None or x - run_start > best[1] - best[0]:
                best = (run_start, x)
        else:
            run_start = None
    if best is None or best[1] - best[0] < width * 0.015:
        return None
    gx = (best[0] + best[1]) / 2
    left = sum(1 for l in lines if l.x1 <= gx)
    right = sum(1 for l in lines if l.x0 >= gx)
    return gx if left >= 5 and right >= 5 else None


def running_lines(pages: list[tuple[list[Line], float]]) -> set[str]:
    """Keys of lines that repeat near the top or bottom of at least half the pages (two or more)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines, height in pages:
        keys = {_key(l) for l in lines if _in_margin(l, height)}
        seen.update(keys)
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in seen.items() if n >= need}


def _key(line: Line) -> str:
    """Text with digits masked, and the line's height band: a title under the header is kept."""
    return re.sub(r"\d+", "#", "".join(line.text.split())) + f"@{round(line.top / 6)}"


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom <= height * _MARGIN or line.top >= height * (1 - _MARGIN)


def strip_furniture(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    """Lines without running headers/footers and page numbers."""
    out = []
    for l in lines:
        if _in_margin(l, height) and (_key(l) in running or _PAGE_NUMBER.match(l.text.strip())):
            continue
        out.append(l)
    return out


_CAPTION = re.compile(r"^(?:表|table)\s*[\d一二三四五六七八九十]", re.IGNORECASE)


def paragraphs(group: list[Line], fonts: bool = True) -> str:
    """A column's text: runs of table rows as row paragraphs, other lines as paragraphs."""
    parts: list[str] = []
    i = 0
    while i < len(group):
        j = i
        while j < len(group) and bool(group[j].cells) == bool(group[i].cells):
            j += 1
        if group[i].cells and j - i >= 2:
            caption = None
            if parts and _CAPTION.match(parts[-1].rsplit("\n\n", 1)[-1]):
                head, _, caption = parts.pop().rpartition("\n\n")
                if head:
                    parts.append(head)
            parts.append("\n\n".join(row_paragraphs([list(l.cells) for l in group[i:j]], caption)))
        else:
            parts.append(_prose(group[i:j], fonts))
        i = j
    return "\n\n".join(p for p in parts if p)


def _prose(group: list[Line], fonts: bool = True) -> str:
    """Lines as text: one line per source line, a blank line between paragraphs.

    ``fonts``: line heights are font sizes (a text layer), so a size change starts a paragraph
    and a lone larger line is a heading; OCR boxes vary in height with their glyphs.
    """
    if not group:
        return ""
    heights = [l.height for l in group if l.height > 0]
    h = median(heights) if heights else 10.0
    left = min(l.x0 for l in group)
    right = max(l.x1 for l in group)
    gaps = [b.top - a.bottom for a, b in zip(group, group[1:]) if b.top > a.bottom]
    leading = median(gaps) if gaps else h * 0.3
    paras = [[group[0]]]
    for prev, line in zip(group, group[1:]):
        new_para = (
            line.top - prev.bottom > max(leading * 1.8, h * 0.6)  # a blank line's worth of space
            or abs(line.height - prev.height) > (0.1 if fonts else 0.15) * h  # another font size
            or line.x0 - left > h * 1.5  # first-line indent (two CJK characters)
            # the previous line stopped short after a sentence: its paragraph ended (a ragged line
            # that stops mid-sentence is only wrapped)
            or (right - prev.x1 > h * 2.5 and not is_open(prev.text.strip()))
        )
        if new_para:
            paras.append([line])
        else:
            paras[-1].append(line)
    return "\n\n".join(_render(p, h if fonts else float("inf")) for p in paras)


def _render(lines: list[Line], body_height: float) -> str:
    """A paragraph's lines; a lone short line in a larger font, not a sentence, is a heading."""
    texts = [tidy(lines[0].text)]
    for line in lines[1:]:
        text = tidy(line.text)
        if _split_number(texts[-1], text):
            texts[-1] += text  # 1 | 4篇 wrapped mid-number: 14篇, not "1 4篇"
        else:
            texts.append(text)
    text = "\n".join(texts)
    if len(lines) == 1 and lines[0].height > 1.08 * body_height and len(text) <= 50 and is_open(text):
        return f"## {text}"
    return text


_CJK_CHAR = re.compile(rf"[{_CJK}]")


def _split_number(before: str, after: str) -> bool:
    """A number broken by a line wrap in Chinese text (the cleaner would join it with a space)."""
    return bool(before and after and before[-1].isdigit() and after[0].isdigit()
                and _CJK_CHAR.search(before[-12:]))


def page_text(lines: list[Line], width: float, height: float, running: set[str], fonts: bool = True) -> str:
    """One page's text in reading order, furniture removed, paragraphs separated by blank lines
    (``fonts``: False for OCR lines, whose heights are not font sizes)."""
    kept = strip_furniture(lines, height, running)
    return "\n\n".join(t for t in (paragraphs(g, fonts) for g in reading_order(kept, width)) if t)
