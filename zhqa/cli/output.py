"""Human-readable rendering for the terminal: snippets with the query terms highlighted."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape

from qa.models import to_jsonable

out = Console(highlight=False, soft_wrap=True)


def info(text: str, to_stderr: bool = False) -> None:
    """A line about what is being done (stderr when stdout carries JSON)."""
    if to_stderr:
        print(text, file=sys.stderr)
    else:
        out.print(escape(text))


def print_json(obj: object) -> None:
    """Machine output: UTF-8 JSON on stdout (Chinese characters kept readable)."""
    sys.stdout.write(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n")


def snippet(text: str, terms: list[str], width: int = 140) -> str:
    """The window of ``text`` with the most query-term characters, terms highlighted (rich markup)."""
    text = " ".join(text.split())
    terms = sorted({t for t in terms if len(t) >= 2 or not t.isascii()}, key=len, reverse=True)
    start = _best_window(text, terms, width)
    window = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + highlight(window, terms) + suffix


def _best_window(text: str, terms: list[str], width: int) -> int:
    if len(text) <= width or not terms:
        return 0
    marks = [0] * len(text)
    for t in terms:
        i = text.find(t)
        while i >= 0:
            for j in range(i, min(i + len(t), len(text))):
                marks[j] = 1
            i = text.find(t, i + 1)
    best, best_at, cur = -1, 0, sum(marks[:width])
    for s in range(0, len(text) - width + 1):
        if s:
            cur += marks[s + width - 1] - marks[s - 1]
        if cur > best:
            best, best_at = cur, s
    return max(0, best_at - 10)


def highlight(text: str, terms: list[str], style: str = "bold yellow") -> str:
    """Escape ``text`` for rich and wrap every occurrence of a term in ``style``."""
    spans: list[tuple[int, int]] = []
    for t in terms:
        i = text.find(t)
        while i >= 0:
            spans.append((i, i + len(t)))
            i = text.find(t, i + len(t))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    parts, pos = [], 0
    for s, e in merged:
        parts.append(escape(text[pos:s]))
        parts.append(f"[{style}]{escape(text[s:e])}[/]")
        pos = e
    parts.append(escape(text[pos:]))
    return "".join(parts)
