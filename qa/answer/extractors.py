"""Candidate answers of each type, found in the sentences of the retrieved passages.

Every extractor yields :class:`Candidate` objects scored in [0, 1]: mostly how well the
question's terms cover the text around the candidate, then whether the candidate is
of the asked type (the unit of a number, a full date, a name after the asked role),
then the passage's retrieval rank. Sentences that contradict the question's
organisation, year or ordinal are never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qa.answer.evidence import PassageView, Sentence
from qa.answer.names import name_after, name_before
from qa.answer.question import Question
from qa.answer.scoring import (
    TermWeights,
    coverage,
    focus_here,
    proximity,
    rank_bonus,
    sentence_coverage,
    tightness,
    usable,
)
from qa.answer.units import unit_fit
from qa.text.normalize import extract_dates, extract_quantities, normalize_for_match, numbers_in


@dataclass(slots=True)
class Candidate:
    """A possible answer: its text, the sentence that supports it, and its score."""

    answer: str
    sentence: Sentence
    start: int  # span of the answer inside sentence.text
    end: int
    score: float
    coverage: float
    fit: float
    value: float | None = None  # numbers, for comparisons
    unit: str = ""


def _sentences(views: list[PassageView], q: Question) -> Iterator[tuple[PassageView, Sentence]]:
    for view in views:
        for sent in view.sentences:
            if usable(q, sent, view):
                yield view, sent


def numbers(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Quantities whose unit fits and whose clause carries the question's terms."""
    out = []
    asked = numbers_in(q.text)
    focus = [normalize_for_match(t) for t in q.focus] or tw.terms
    for view, sent in _sentences(views, q):
        for qt in extract_quantities(sent.text):
            if _not_an_answer(sent.text, qt.start, qt.value, qt.unit, q):
                continue
            fit = unit_fit(q.unit, qt.unit)
            if (q.unit and fit == 0.0) or (numbers_in(qt.text) & asked):
                continue  # another kind of figure, or a number the question itself states
            if qt.value == 1 and not qt.text[0].isdigit():
                fit *= 0.5  # 一项重要任务: "a task", rarely the count asked for
            seg = sent.segment_at(qt.start)
            cov = coverage(tw, sent, seg, view)
            here = focus_here(sent, seg, focus)
            tight = tightness(sent, seg, tw.terms, qt.text)
            prox = proximity(sent, qt.start, qt.end, focus)
            score = (0.40 * cov + 0.15 * here + 0.25 * fit + 0.10 * tight + 0.05 * prox
                     + 0.05 * rank_bonus(view.rank))
            out.append(Candidate(qt.text, sent, qt.start, qt.end, score, cov, fit, qt.value, qt.unit))
    return out


def _not_an_answer(text: str, start: int, value: float, unit: str, q: Question) -> bool:
    """Per-unit amounts (每一名), ordinals, years posing as counts, bare numbers when a unit is asked."""
    before = text[max(0, start - 1) : start]
    if before in ("每", "第"):
        return True
    if unit == "年" and 1900 <= value <= 2100:
        return True
    return unit == "" and q.unit not in (None, "%")


def dates(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Dates of the asked granularity (a day, a year, or a year range)."""
    out = []
    for view, sent in _sentences(views, q):
        for d in extract_dates(sent.text):
            if q.date_part == "day":
                fit = 1.0 if d.month and d.day else (0.3 if d.month else 0.0)
            else:
                fit = 1.0 if d.year and not d.month else 0.2
            if d.year and q.years and d.year in q.years and d.year_to is None:
                fit *= 0.3  # the year the question already names is not its answer
            cov = coverage(tw, sent, sent.segment_at(d.start), view)
            score = 0.55 * cov + 0.35 * fit + 0.10 * rank_bonus(view.rank)
            out.append(Candidate(d.text, sent, d.start, d.end, score, cov, fit))
    return out


def people(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Names next to the asked role (主席周学斌, 通讯员 杨玉芳, 王亮委员工作室)."""
    out = []
    role = q.role
    for view, sent in _sentences(views, q):
        for m in re.finditer(re.escape(role), sent.text) if role else ():
            found = name_after(sent.text, m.end()) or (name_before(sent.text, m.start()) if role == "委员" else None)
            if found is None:
                continue
            start, end = found
            cov = coverage(tw, sent, sent.segment_at(m.start()), view)
            score = 0.55 * cov + 0.35 + 0.10 * rank_bonus(view.rank)
            out.append(Candidate(sent.text[start:end], sent, start, end, score, cov, 1.0))
    return out


_WH = re.compile(r"什么|哪一级|哪一类|哪一家|哪一个|哪个|哪家|哪支|哪里|哪儿|哪所|哪座|哪些|哪位|哪一|哪|谁")
_WANTS_NAME = re.compile(r"叫什么|名称|书名|名字|什么名|称为|叫做")
_TRIM = "了的是为意为叫做名为称为在于，,：:、 “”\"'"
_QUOTED = re.compile(r"“[^”]{1,30}”|《[^》]{1,40}》|「[^」]{1,30}」")


def spans(q: Question, views: list[PassageView], tw: TermWeights, tokenize) -> list[Candidate]:
    """Entity slot filling: the text of a sentence standing where the question's wh-word stands.

    Names in quotes or book-title marks next to the question's terms are preferred when
    the question asks what something is called.
    """
    m = _WH.search(q.text) if q.lang == "zh" else None
    if m is None:
        return sentences(q, views, tw)
    # single characters are too ambiguous to anchor a span (界别 -> 界 would cut 经济界)
    left = [w for w in tokenize(q.text[: m.start()]) if w in q.terms and len(w) >= 2]
    right = [w for w in tokenize(q.text[m.end():]) if w in q.terms and len(w) >= 2]
    wants_name = bool(_WANTS_NAME.search(q.text))
    focus = [normalize_for_match(t) for t in q.focus] or tw.terms
    out = []
    for view, sent in _sentences(views, q):
        cov = sentence_coverage(tw, sent, view)
        for start, end, fit in _slots(sent.text, left, right, wants_name):
            if normalize_for_match(sent.text[start:end]) in q.norm:
                continue  # the question already says it: not an answer
            prox = proximity(sent, start, end, focus)
            score = 0.5 * cov + 0.3 * fit + 0.1 * prox + 0.1 * rank_bonus(view.rank)
            out.append(Candidate(sent.text[start:end], sent, start, end, score, cov, fit))
    return out


def _slots(text: str, left: list[str], right: list[str], wants_name: bool) -> list[tuple[int, int, float]]:
    """Candidate spans with how well they fit: quoted names, and the gap between anchors."""
    out = []
    for mq in _QUOTED.finditer(text):
        near = text[max(0, mq.start() - 12): mq.end() + 12]
        if any(w in near for w in left + right):
            out.append((mq.start(), mq.end(), 1.0 if wants_name else 0.6))
    slot = _anchored(text, left, right)
    if slot is not None:
        start, end, fit = slot
        out.append((start, end, fit * (0.7 if wants_name else 1.0)))
    return out


def _anchored(text: str, left: list[str], right: list[str]) -> tuple[int, int, float] | None:
    """The span after the left word nearest the wh-word and before the next right word.

    The third value says how well it is anchored: words right next to the question
    word on both sides give 1.0; anchors further away in the question count less.
    """
    lpos, lfit = -1, 0.0
    for dist, w in enumerate(reversed(left)):  # the question word closest to the wh-word first
        i = text.find(w)
        if i >= 0:
            lpos, lfit = i + len(w), _ANCHOR_FIT[min(dist, 2)]
            break
    rpos, rfit = -1, 0.0
    for dist, w in enumerate(right):
        i = text.find(w, max(lpos, 0))
        if i >= 0 and (rpos < 0 or i < rpos):
            rpos, rfit = i, _ANCHOR_FIT[min(dist, 2)]
    if lpos < 0 and rpos < 0:
        return None
    if lpos >= 0 and rpos > lpos:
        start, end, fit = lpos, rpos, (lfit + rfit) / 2
    elif lpos >= 0:
        stop = re.search(r"[，,。；;！？!?]", text[lpos:])
        start, end, fit = lpos, lpos + (stop.start() if stop else len(text) - lpos), lfit * 0.6
    else:
        stops = list(re.finditer(r"[，,。；;！？!?、]", text[:rpos]))
        start, end, fit = (stops[-1].end() if stops else 0), rpos, rfit * 0.6
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if not 1 <= end - start <= 30:
        return None
    return start, end, fit


_ANCHOR_FIT = (1.0, 0.6, 0.3)


def sentences(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Whole sentences, for questions whose answer is a statement."""
    out = []
    for view, sent in _sentences(views, q):
        cov = sentence_coverage(tw, sent, view)
        score = 0.7 * cov + 0.15 + 0.15 * rank_bonus(view.rank)
        out.append(Candidate(sent.text, sent, 0, len(sent.text), score, cov, 0.5))
    return out
