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
from qa.answer.names import inside_title, name_after, name_before, person_names
from qa.answer.question import Question
from qa.answer.scoring import (
    TermWeights,
    adjacent,
    coverage,
    focus_here,
    proximity,
    rank_bonus,
    sentence_coverage,
    tightness,
    usable,
)
from qa.answer.units import asks_change, calendar_not_count, unit_fit
from qa.text.figures import figures, medal_part
from qa.text.normalize import extract_dates, extract_quantities, normalize_for_match

#: share of the characters of the question's focus words a sentence must contain
FOCUS_SHARE = 0.5


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


def relevant_sentences(views: list[PassageView], q: Question) -> Iterator[tuple[PassageView, Sentence]]:
    """Sentences that may hold the answer: no conflict with the question, and (when the
    question's wh-clause has content words) at least one of them in the sentence or its
    section context -- a sentence about something else cannot answer what is asked."""
    # characters, not words: jieba cuts a question and a passage differently (确定…为 / 定为)
    focus = set("".join(normalize_for_match(t) for t in q.focus))
    terms = set("".join(normalize_for_match(t) for t in q.terms))
    # an English question's terms are the glossary's guesses ("receive" is 收到, the report says 承接):
    # half of them will do
    share = 0.5 if q.lang == "en" else 0.6
    for view in views:
        for sent in view.sentences:
            if not usable(q, sent, view):
                continue
            chars = set(sent.norm + view.context_norm)
            if focus and len(focus & chars) < FOCUS_SHARE * len(focus) and len(terms & chars) < share * len(terms):
                continue  # says nothing about what is asked, and little about the rest
            yield view, sent


_MEDAL_ASKED = re.compile(r"([金银铜])牌")


def numbers(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Quantities whose unit fits and whose clause carries the question's terms."""
    out = []
    asked = {(a.value, a.unit) for a in extract_quantities(q.text)}
    focus = [normalize_for_match(t) for t in q.focus] or tw.terms
    for view, sent in relevant_sentences(views, q):
        quantities = figures(sent.text)  # 1小时25分12秒 whole; no 2963次 out of G2963次
        if medal := _MEDAL_ASKED.search(q.text):  # 多少枚银牌: 44银 of 40金44银42铜
            quantities = [medal_part(x, medal.group(1)) for x in quantities]
        for qt in quantities:
            fit = _number_fit(q, sent.text, qt)
            if fit is None or (qt.value, qt.unit) in asked:
                continue  # another kind of figure, or one the question itself states
            seg = sent.segment_at(qt.start)
            siblings = frozenset(sent.segment_at(o.start) for o in quantities
                                 if o.unit and o.unit == qt.unit and o is not qt) - {seg}
            cov = coverage(tw, sent, seg, view, siblings)
            pred = focus_here(sent, seg, [normalize_for_match(q.predicate)]) if q.predicate else 0.0
            score = (0.30 * cov + 0.10 * focus_here(sent, seg, focus) + 0.10 * pred
                     + 0.20 * fit + 0.10 * adjacent(sent, qt.start, qt.end, q.counted)
                     + 0.10 * tightness(sent, seg, tw.terms, qt.text)
                     + 0.05 * proximity(sent, qt.start, qt.end, focus) + 0.05 * rank_bonus(view.rank))
            end = qt.end
            if not qt.unit and q.counted and sent.text[end:end + 2] == q.counted[:2]:
                end += len(q.counted) if sent.text[end:].startswith(q.counted) else 2  # 12方面
            out.append(Candidate(sent.text[qt.start:end], sent, qt.start, end, score,
                                 cov, fit, qt.value, qt.unit or (q.unit or "")))
    return out


def _number_fit(q: Question, text: str, qt) -> float | None:
    """How well a quantity's unit fits the question; None when it cannot be the answer."""
    before = text[max(0, qt.start - 1) : qt.start]
    if before in ("每", "第") or calendar_not_count(qt.unit, qt.value, q.text, q.unit):
        return None  # per-unit amounts (每一名), ordinals, years and days of the month posing as counts
    if qt.unit == "":
        # a bare number can still be the count when the counted noun follows: 12方面的问题
        noun = q.counted
        if q.unit == "%" and qt.value > 100:
            return None  # 2.492亿 is no share
        if q.unit in ("%", "volume", "worth", "count", None):
            return 0.5
        return 0.8 if noun and text[qt.end:qt.end + 2] == noun[:2] else None
    fit = unit_fit(q.unit, qt.unit)
    if asks_change(q.text) and (_CHANGED.search(text[max(0, qt.start - 4):qt.start]) or (
            q.unit == "%" and qt.unit in ("个百分点", "百分点"))):
        fit = 1.0  # 比2022年多多少: 增加98万人, what a change verb leads; 比上月变化多少: 上升0.1个百分点
    if q.unit and fit == 0.0:
        return None
    if qt.value == 1 and not qt.text[0].isdigit():
        fit *= 0.5  # 一项重要任务: "a task", rarely the count asked for
    return fit


_CHANGED = re.compile(r"(?:上涨|下跌|涨|跌|增长|减少|下降|增加|上升|回落|提高|降低|多|少)了?\s*$")

# a time asked (什么时间, 几点), not a day (哪天, 日期): the time of day written right after the date
ASKS_TIME = re.compile(r"什么时间|几点|几时|具体时间|what time")
TIME_NEXT = re.compile(r"\s*(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里|晚)?\s*\d{1,2}\s*(?:时|点)"
                       r"(?:\s*\d{1,2}\s*分|半)?(?:许|左右)?")

# 7月28日电 after a news agency's place: a dateline (not 7月28日电视剧, 电影, 电网...)
_DATELINE = re.compile(r"电(?![视影台话网力子动商器站池脑])")


def dates(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Dates of the asked granularity (a day, a year, or a year range)."""
    out = []
    born = _BORN.search(q.text) is not None
    for view, sent in relevant_sentences(views, q):
        for d in extract_dates(sent.text):
            if q.date_part == "day":
                fit = 1.0 if d.month and d.day else (0.3 if d.month else 0.0)
            elif q.date_part == "month":  # 哪年哪月出生: 1984年12月
                fit = 1.0 if d.month and not d.day else (0.8 if d.month else 0.2)
            elif q.date_part == "year":
                fit = 1.0 if d.year and not d.month else 0.2
            else:  # 什么时候 / when: any date, the more precise the better
                fit = 1.0 if d.month and d.day else (0.8 if d.year or d.month else 0.3)
            if d.day and ASKS_TIME.search(q.text) and not TIME_NEXT.match(sent.text, d.end):
                # 什么时间登陆: 7月28日9时55分 says more than 7月28日; 几点发射: the day alone does not say it
                fit *= 0.3 if _CLOCK_ASKED.search(q.text) else 0.8
            if d.day and _DATELINE.match(sent.text, d.end):
                fit *= 0.3  # 中新网南京7月28日电: the day a story was filed (its dateline), not the day of its event
            # the year the question already names is not its answer
            named = 0.3 if d.year and q.years and d.year in q.years and d.year_to is None else 1.0
            cov = coverage(tw, sent, sent.segment_at(d.start), view)
            bonus = 0.10 * rank_bonus(view.rank) + (0.15 if born and _BORN_AT.match(sent.text, d.end) else 0.0)
            out.append(Candidate(d.text, sent, d.start, d.end, 0.55 * cov + 0.35 * fit * named + bonus, cov, fit * named))
            year = _year_of(d.text) if q.date_part == "year" and d.month else ""
            if year:  # 哪一年 asked, 1979年10月6日 written: its year is the answer, as well fitted as 1979年 alone
                out.append(Candidate(year, sent, d.start, d.start + len(year), 0.55 * cov + 0.35 * named + bonus, cov, named))
        out += _days_with_time(q, view, sent, tw)
    return out


# a day of the month named alone with a time of day (当地时间10日上午9时许): the dates extractor reads no day alone
_DAY_AT = re.compile(r"(?<![\d月.])([1-9]|[12]\d|3[01])[日号](?=" + TIME_NEXT.pattern + ")")


def _days_with_time(q: Question, view: PassageView, sent: Sentence, tw: TermWeights) -> list[Candidate]:
    """For a time asked (什么时间登陆), the days a sentence names alone with their time of day."""
    if not ASKS_TIME.search(q.text):
        return []
    out = []
    for m in _DAY_AT.finditer(sent.text):
        cov = coverage(tw, sent, sent.segment_at(m.start()), view)
        score = 0.55 * cov + 0.35 * 0.9 + 0.10 * rank_bonus(view.rank)
        out.append(Candidate(m.group(0), sent, m.start(), m.end(), score, cov, 0.9))
    if _CLOCK_ASKED.search(q.text):  # 几点起飞: a time of day written with no day (该航班于10时32分从虹桥起飞)
        for m in _TIME_ALONE.finditer(sent.text):
            cov = coverage(tw, sent, sent.segment_at(m.start()), view)
            score = 0.55 * cov + 0.35 * 0.9 + 0.10 * rank_bonus(view.rank)
            out.append(Candidate(m.group(0).strip(), sent, m.start() + len(m.group(0)) - len(m.group(0).lstrip()),
                                 m.end(), score, cov, 0.9))
    return out


# the time of day asked, not a day: 几点起飞, 几时开幕
_CLOCK_ASKED = re.compile(r"几点|几时|what time", re.IGNORECASE)
# a time of day no day is written right before (a day's own time is read with it: :data:`_DAY_AT`, the dates)
_TIME_ALONE = re.compile(r"(?<![\d日号])" + TIME_NEXT.pattern.removeprefix(r"\s*"))


# a birth date asked (哪年哪月出生, 生日, born), and written (1984年12月生, 1967年7月出生)
_BORN = re.compile(r"出生|生日|生于|\bborn\b|\bbirth", re.IGNORECASE)
_BORN_AT = re.compile(r"\s*(?:出?生|生人)(?![产效活长])")


def _year_of(text: str) -> str:
    """The leading calendar year of a written date (1979年 of 1979年10月6日), or ""."""
    m = re.match(r"\d{4}年", text)
    return m.group(0) if m else ""


def people(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Names next to the asked role (主席周学斌, 通讯员 杨玉芳, 王亮委员工作室).

    Without a role in the question, person names (jieba's ``nr`` tag) in sentences that
    carry the question's terms, with a lower fit.
    """
    out = []
    for view, sent in relevant_sentences(views, q):
        for start, end, at, fit in _names(sent.text, q.role):
            if q.lang == "en" and inside_title(sent.text, start, end):
                continue  # 全宇宙 of 《瞬息全宇宙》 for an English "who" (a Chinese one's reader rarely misreads so)
            cov = coverage(tw, sent, sent.segment_at(at), view)
            score = 0.55 * cov + 0.35 * fit + 0.10 * rank_bonus(view.rank)
            out.append(Candidate(sent.text[start:end], sent, start, end, score, cov, fit))
    return out


def _names(text: str, role: str | None) -> Iterator[tuple[int, int, int, float]]:
    """(start, end, anchor position, fit) of names in ``text``."""
    if role is None:
        for start, end in person_names(text):
            yield start, end, start, 0.6
        return
    for m in re.finditer(re.escape(role), text):
        if m.start() > 0 and text[m.start() - 1] == "副" and not role.startswith("副"):
            continue  # 副主席李四 is no 主席
        found = name_after(text, m.end()) or (name_before(text, m.start()) if role == "委员" else None)
        if found is not None:
            yield found[0], found[1], m.start(), 1.0


def sentences(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """Whole sentences, for questions whose answer is a statement."""
    out = []
    for view, sent in relevant_sentences(views, q):
        cov = sentence_coverage(tw, sent, view)
        score = 0.7 * cov + 0.15 + 0.15 * rank_bonus(view.rank)
        out.append(Candidate(sent.text, sent, 0, len(sent.text), score, cov, 0.5))
    return out
