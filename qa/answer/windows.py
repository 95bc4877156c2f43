"""The windows the reader reads: consecutive whole sentences of one passage, the most relevant first; and a
window with what misled the reader blanked out, read again (:func:`qa.answer.reading.read`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.answer.evidence import PassageView, Sentence
from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.text.normalize import normalize_for_match

#: characters of whole sentences per window (the reader was trained on windows of 40-150)
WINDOW_CHARS = 150


@dataclass(slots=True)
class Window:
    """Consecutive sentences of one passage, read as one text."""

    view: PassageView
    sentences: list[Sentence]
    text: str
    start: int  # document offset of ``text``


def windows(views: Sequence[PassageView], q: Question, limit: int,
            prefer: Sentence | None = None) -> list[Window]:
    """Up to ``limit`` windows, the ones sharing most of the question's characters first; the
    window of ``prefer`` (the sentence of the rules' best candidate) is read in place of the last."""
    out: list[Window] = []
    for view in views:
        group: list[Sentence] = []
        for sent in view.sentences:
            if group and sent.end - group[0].start > WINDOW_CHARS:
                out.append(_window(view, group))
                group = []
            group.append(sent)
        if group:
            out.append(_window(view, group))
    # an English question is matched by the Chinese words found for it: its letters match nothing
    asked = q.text if q.lang != "en" else "".join([*q.orgs, *(f"{y}年" for y in q.years), *q.terms])
    wanted = set(normalize_for_match(asked)) - set(" ？?。，,的了是")
    ranked = sorted(out, key=lambda w: (-_overlap(wanted, w), w.view.rank, w.start))
    chosen = ranked[:limit]
    if prefer is not None and chosen and not any(_holds(w, prefer) for w in chosen):
        # 该片将于10月13日上映 shares one word with 电影《驱魔人：信徒》上映时间, the windows
        # about the film share many: the reader must see the figure the rules found, or it cannot vouch for it
        chosen[-1] = next((w for w in ranked if _holds(w, prefer)), chosen[-1])
    return chosen


def _holds(w: Window, sent: Sentence) -> bool:
    return any(s is sent for s in w.sentences)


def _window(view: PassageView, group: list[Sentence]) -> Window:
    p = view.passage
    a, b = group[0].start - p.start, group[-1].end - p.start
    return Window(view, list(group), p.text[a:b], group[0].start)


def _overlap(wanted: set[str], w: Window) -> float:
    if not wanted:
        return 0.0
    here = set(normalize_for_match(w.text)) | set(w.view.context_norm)
    return len(wanted & here) / len(wanted)


_CLAUSE_END = re.compile(r"[，,。；;：:！？!?]")


def clause(c: Candidate) -> tuple[int, int]:
    """The document offsets of the clause ``c`` lies in."""
    text, at = c.sentence.text, c.sentence.start
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, 0, c.start)), default=0)
    hi = next((m.end() for m in _CLAUSE_END.finditer(text, c.end)), len(text))
    return at + lo, at + hi


def blanked(w: Window, blanks: Sequence[tuple[int, int]]) -> Window:
    """``w`` with the text at ``blanks`` (document offsets) written as spaces: offsets stay as they were."""
    text = list(w.text)
    for a, b in blanks:
        for i in range(max(a - w.start, 0), min(b - w.start, len(text))):
            text[i] = " "
    return Window(w.view, w.sentences, "".join(text), w.start)


__all__ = ["WINDOW_CHARS", "Window", "blanked", "clause", "windows"]
