"""Evidence scoring shared by every answer type: term coverage and hard conflicts.

A candidate answer is only as good as the sentence around it: the question's content
terms should appear close to it (same clause best, same sentence good, the passage's
section context a little), and nothing around it may contradict the question's
organisation, year or ordinal (首届 vs 第二届).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from qa.answer.evidence import PassageView, Sentence
from qa.answer.numbered import numbered_names, sibling_only
from qa.answer.question import Question
from qa.text import periods
from qa.text.figures import figures
from qa.text.normalize import normalize_for_match

# how much a term found at each distance from the candidate counts
NEAR_SEGMENT, SAME_SENTENCE, SAME_PASSAGE = 0.85, 0.6, 0.35
FOCUS = 2.0


@dataclass(slots=True)
class TermWeights:
    """Normalised content terms of a question with IDF weights summing to 1."""

    terms: list[str]
    weights: list[float]

    @classmethod
    def build(cls, q: Question, doc_freq: Callable[[str], int], n_docs: int) -> TermWeights:
        focus = {normalize_for_match(t) for t in q.focus}
        terms = [normalize_for_match(t) for t in q.terms]
        terms = [t for t in dict.fromkeys(terms) if t]
        # terms next to the question word say what is asked for: they count double
        raw = [math.log(1 + (n_docs - doc_freq(t) + 0.5) / (doc_freq(t) + 0.5)) * (FOCUS if t in focus else 1.0)
               for t in terms]
        total = sum(raw) or 1.0
        return cls(terms, [w / total for w in raw])


def coverage(tw: TermWeights, sent: Sentence, seg_index: int, view: PassageView,
             siblings: frozenset[int] = frozenset()) -> float:
    """Weighted share of the question's terms found around segment ``seg_index``.

    ``siblings``: segments that are other items of the same list (学习26次，会议学习31次):
    their words describe their own figure, so they do not count as near this one.
    """
    if not tw.terms:
        return 0.0  # nothing of the question can be matched: no support
    segs = sent.segments
    here = segs[seg_index].norm if segs else sent.norm
    near = " ".join(segs[j].norm for j in (seg_index - 1, seg_index + 1)
                    if 0 <= j < len(segs) and j not in siblings)
    score = 0.0
    for term, w in zip(tw.terms, tw.weights):
        if term in here:
            score += w
        elif term in near:
            score += w * NEAR_SEGMENT
        elif term in sent.norm:
            score += w * SAME_SENTENCE
        elif term in view.context_norm or term in view.norm:
            score += w * SAME_PASSAGE
    return score


def sentence_coverage(tw: TermWeights, sent: Sentence, view: PassageView) -> float:
    """Coverage of the whole sentence (for answers that are sentences or spans)."""
    if not tw.terms:
        return 0.0
    score = 0.0
    for term, w in zip(tw.terms, tw.weights):
        if term in sent.norm:
            score += w
        elif term in view.context_norm or term in view.norm:
            score += w * SAME_PASSAGE
    return score


def org_conflict(q: Question, view: PassageView) -> bool:
    """The question names organisations and this passage is about another one."""
    org = view.passage.org
    return bool(q.orgs) and org is not None and org not in q.orgs


def year_conflict(q: Question, sent: Sentence, view: PassageView) -> bool:
    """The sentence (or, if it names none, the document title) is about other years (a span since an
    earlier one, 自2021年12月以来, takes in a later year)."""
    if not q.years:
        return False
    years = sent.years or view.doc_years
    return bool(years) and not (set(q.years) & years) and not any(periods.covers(sent.norm, y) for y in q.years) \
        and not periods.gives_figure_of(sent.norm, q.years)  # 较2023年的12.4万人次: 2023's too


def ordinal_conflict(q: Question, sent: Sentence, view: PassageView | None = None) -> bool:
    """首届 asked, 第二届 found (same classifier, different number)."""
    for asked in q.ordinals:
        same_kind = {o for o in sent.ordinals if o[-1] == asked[-1]}
        if same_kind and asked not in same_kind:
            return True
        # asks about a later edition neither the sentence nor its passage mentions (第80届威尼斯电影节 named
        # in a story's lead, 将于8月30日至9月9日举行 in its next sentence)
        if not same_kind and asked != "第1" + asked[-1] and asked not in sent.norm and \
                (view is None or asked not in view.norm + view.context_norm):
            return True
    return False


def session_conflict(q: Question, sent: Sentence) -> bool:
    """九届四次会议 asked, a sentence about 九届三次会议 found."""
    return bool(q.sessions and sent.sessions and not (q.sessions & sent.sessions))


def period_conflict(q: Question, sent: Sentence) -> bool:
    """第3季度 asked, a sentence about 第2季度 (or 8月 about 9月) found."""
    return periods.conflict(q.norm, sent.norm)


# sizes that name an event or a class rather than a figure asked: 男子50米蛙泳, 10米跳台, 49公斤级
_SIZE_UNITS = frozenset({"米", "公里", "千米", "英里", "公斤", "千克"})


@lru_cache(maxsize=8192)
def _sizes(text: str) -> frozenset[tuple[float, str]]:
    return frozenset((f.value, f.unit) for f in figures(text) if f.unit in _SIZE_UNITS)


def size_conflict(q: Question, sent: Sentence) -> bool:
    """The question names its event by a size (男子50米蛙泳决赛) and the sentence names others of that kind
    (100米) but not it: another race's time is no answer."""
    asked = _sizes(q.text)
    here = _sizes(sent.text) if asked else frozenset()
    return bool(here) and not (asked & here)


def numbered_conflict(q: Question, sent: Sentence) -> bool:
    """The question names a numbered name (嫦娥六号) and the sentence only another of its stem (嫦娥五号曾于2020年
    带回月球样品1731克): another generation's figure, in the same story."""
    return any(sibling_only(name, sent.norm) for name in _numbered(q.norm, q.text))


@lru_cache(maxsize=1024)  # usable() asks this of every sentence of every window: the question's names once
def _numbered(norm: str, text: str) -> tuple[str, ...]:
    return tuple(numbered_names(norm, text))


def usable(q: Question, sent: Sentence, view: PassageView) -> bool:
    return not (org_conflict(q, view) or year_conflict(q, sent, view) or ordinal_conflict(q, sent, view)
                or session_conflict(q, sent) or period_conflict(q, sent) or size_conflict(q, sent)
                or numbered_conflict(q, sent))


def rank_bonus(rank: int) -> float:
    """1 for the top passage, decaying with rank."""
    return 1.0 / (1.0 + 0.5 * (rank - 1))


def proximity(sent: Sentence, start: int, end: int, terms: list[str]) -> float:
    """1 when a focus term touches the span, decaying with the distance in characters."""
    best = None
    text = sent.text
    for term in terms:
        i = text.find(term)
        while i >= 0:
            gap = start - (i + len(term)) if i < start else i - end
            gap = max(gap, 0)
            best = gap if best is None else min(best, gap)
            i = text.find(term, i + 1)
    return 0.0 if best is None else 1.0 / (1.0 + best / 3.0)


def focus_here(sent: Sentence, seg_index: int, focus: list[str]) -> float:
    """Share of the focus terms (the words next to the question word) in the candidate's own clause."""
    if not focus or not sent.segments:
        return 0.0
    here = sent.segments[seg_index].norm
    return sum(t in here for t in focus) / len(focus)


_NOISE = re.compile(r"[\W\d_]+")


def tightness(sent: Sentence, seg_index: int, terms: list[str], answer: str) -> float:
    """How much of the candidate's clause the question explains (市直 in 11个市直委员工作室 is not)."""
    if not sent.segments:
        return 0.0
    rest = sent.segments[seg_index].norm.replace(normalize_for_match(answer), "", 1)
    for t in sorted(terms, key=len, reverse=True):
        rest = rest.replace(t, "")
    rest = _NOISE.sub("", rest)
    content = _NOISE.sub("", sent.segments[seg_index].norm.replace(normalize_for_match(answer), "", 1))
    return 1.0 - len(rest) / len(content) if content else 1.0


def noun_after(text: str, end: int, noun: str) -> bool:
    """The counted noun (its first two characters) right after ``text[:end]``, a 的 between allowed (3个子课题)."""
    key = noun[:2]
    return text[end:end + len(key) + 1].lstrip("的").startswith(key)


def adjacent(sent: Sentence, start: int, end: int, noun: str | None) -> float:
    """1 when the counted noun touches the number (委员工作室120个, 3个子课题), else 0."""
    if not noun:
        return 0.0
    if noun_after(sent.text, end, noun) or sent.text[max(0, start - len(noun)):start] == noun:
        return 1.0
    # only the noun's head word before it: 基层协商10余次 is not 专题协商 (but 工作室120个 is 委员工作室)
    return 0.5 if sent.text[max(0, start - 2):start] == noun[-2:] else 0.0
