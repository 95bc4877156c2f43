"""The trained reader inside the composer: it proposes the answer spans, the rules keep them honest.

The retrieved passages that survived the honesty filters (no instructions to the reader, about
what the question names) are cut into windows of whole sentences; the most relevant windows are
read in one batch by a :class:`~qa.reader.Reader`. Each window's best span becomes a
:class:`~qa.answer.extractors.Candidate` in the sentence it starts in, scored by the reader's
confidence, so the rest of the composer (figures with their units, conflicting sources,
citation offsets, abstention) treats it like any other candidate. A span in a sentence that
contradicts the question's organisation, year or session is dropped, whatever its score.

For questions that ask for a figure, a date or a person, the reader picks *which* one and the
typed extractors supply its exact extent (``190件``, ``2023年3月5日``): a span overlapping a
typed candidate is snapped to it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from qa.answer.amounts import wrong_amount
from qa.answer.asking import reader_question
from qa.answer.changes import to_change
from qa.answer.countries import only_countries
from qa.answer.edges import asks_noun, asks_why, tidy
from qa.answer.evidence import PassageView, Sentence
from qa.answer.extractors import Candidate
from qa.answer.fusion import Scored
from qa.answer.measures import moved_to
from qa.answer.namefit import name_after_role
from qa.answer.others import of_another, opens_elsewhere, other_object, other_place, other_team, other_title_end
from qa.answer.question import Question, asks_for_several
from qa.answer.scoring import focus_here, usable
from qa.answer.siblings import credited, not_asked
from qa.answer.spanfit import (
    TYPED,
    coarser_date,
    covers,
    inside_phrase,
    kind_fit,
    narrower,
    other_rate,
    quoted,
    same_answer,
    snap,
    wider,
    with_rank,
    within,
)
from qa.answer.spans import after_subject, at_place, name_after_kind, without_asked_verb
from qa.answer.unwanted import unwanted
from qa.answer.windows import WINDOW_CHARS, Window, blanked, clause, windows
from qa.reader.types import Reader, Span
from qa.text.figures import figures
from qa.text.normalize import normalize_for_match

_EDGE = " \t\n，,。．.；;：:、！!？?“”\"'‘’（）()《》【】[]"
RULES_KEPT = 20  # rule candidates the reader's spans are matched against


def read(reader: Reader, q: Question, views: Sequence[PassageView], limit: int,
         per_window: int = 3, prefer: Sentence | None = None) -> list[Candidate]:
    """The reader's spans over the best ``limit`` windows of ``views`` as candidates, best first.

    ``Candidate.score`` is the reader's probability that the span, not "no answer", is right.
    A span in a sentence that contradicts the question's organisation, year or session is dropped.
    """
    chosen = windows(views, q, limit, prefer)
    if not chosen:
        return []
    out, noun = [], asks_noun(q.text) and q.kind not in TYPED  # a name may end in 发: not a verb then
    why = asks_why(q.text)
    asked = reader_question(q, [w.text for w in chosen])
    spans = [(chosen[s.window], s) for s in reader.read(asked, [w.text for w in chosen], per_window)]
    spans = _read_again(reader, asked, q, spans, per_window, noun, why)
    for w, span in spans:
        c = _candidate(w, span, noun, why)
        if c is not None and usable(q, c.sentence, w.view):
            out.append(c)
    return sorted(out, key=lambda c: (-c.score, c.sentence.start))


def _read_again(reader: Reader, asked: str, q: Question, spans: list[tuple[Window, Span]], per_window: int,
                noun: bool, why: bool, rounds: int = 2) -> list[tuple[Window, Span]]:
    """A window whose best span is no answer to ``q`` is read again with what misled the reader blanked out,
    its spans joining the first reading's: the sentences about another year, session or organisation
    (2019年女足世界杯冠军是美国队 read for 2023年…冠军: the window's other spans were that one's variants, and
    西班牙队…夺得冠军 beside it was never proposed), or the clause of a name the rules would never propose
    (山东泰山获得亚军 read for 冠军). Up to ``rounds`` times: 金牌榜第三名 read 中国 (首位), then 日本 (位列第二),
    and only then 韩国…排名第三."""
    latest = spans
    for _ in range(rounds):
        best: dict[int, tuple[Window, Span]] = {}
        for w, s in latest:
            if id(w) not in best or s.score > best[id(w)][1].score:
                best[id(w)] = (w, s)
        parts = []
        for w, s in best.values():
            c = _candidate(w, s, noun, why)
            blanks = None if c is None else _misled(q, w, c)
            if blanks is not None and (part := blanked(w, blanks)).text.strip(_EDGE):
                parts.append(part)
        if not parts:
            break
        latest = [(parts[s.window], s) for s in reader.read(asked, [p.text for p in parts], per_window)]
        spans = spans + latest
    return spans


def _misled(q: Question, w: Window, c: Candidate) -> list[tuple[int, int]] | None:
    """What to blank out of ``w`` when its best span ``c`` is no answer to ``q`` (None: it may be one)."""
    if not usable(q, c.sentence, w.view):
        return [(sent.start, sent.end) for sent in w.sentences if not usable(q, sent, w.view)]
    if (end := other_title_end(q, c)) is not None:  # 杨志军的《雪山大地》 read for 《宝水》: that name and its work only
        return [(c.sentence.start + c.start, c.sentence.start + end)]
    if q.kind in ("person", "entity") and (unwanted(q, c) or other_object(q, c)):
        # a name of another place or credit; not a figure: with its clause blanked the reader vouches for the
        # sentence's next one (参与委员1100余人次 read again for 参加群众近万人次 on fresh2)
        return [clause(c)]
    if q.kind == "number" and other_team(q, c):
        return [clause(c)]  # 中国代表团获得40枚金牌 read for 美国: the team's own clause is the answer's
    if q.kind == "number" and other_place(q, c):
        # 北京GDP为…，增长5.2%； read for 上海: all of it is 北京's, and so is the next city's sentence
        return [(s.start, s.end) for s in w.sentences if opens_elsewhere(q, s.text)]
    return None


def pool(q: Question, rules: Sequence[Candidate], spans: Sequence[Candidate],
         ranks: dict[str, int] | None = None) -> list[Scored]:
    """Every distinct answer once. A reader span that is the same answer as a rule candidate
    (same sentence, overlapping by at least half the longer one) lends it its probability;
    one that matches none is a candidate of its own (rules' score 0). For figures, dates and
    names the rules' extent wins (``190件``, not the reader's ``190``). What the rules would never
    propose is dropped: no figure for "how many", no date for "when", a figure in another measure
    than the one asked or a rate named otherwise (办复率 for 立案率), a year for "which day"."""
    entries = _widened([Scored(c, c.score, 0.0) for c in rules[:RULES_KEPT]
                          if not other_rate(q, c) and not coarser_date(q, c) and not not_asked(q, c)
                          and not of_another(q, c)], q)
    # keywords naming several things want a statement: the reader's spans only pick among the rules' sentences
    same_as = within if asks_for_several(q) else same_answer
    noun = asks_noun(q.text) and q.kind not in TYPED
    for span in only_countries(q.text, q.terms, spans):  # 哪国: the country a span names, or nothing
        if q.kind in TYPED:
            span = name_after_role(q, span)  # 负责人王新: the name
        else:  # 云计算公司VMware, 游戏科学公司开发: the name; 布里斯班获得…: the place
            span = at_place(q, without_asked_verb(q, name_after_kind(q, quoted(after_subject(q, span)))))
        span = with_rank(q, to_change(q, moved_to(q, span)))  # 从8.5%上调至12%: where it moved to was asked
        if unwanted(q, span):
            continue
        same = [e for e in entries if same_as(e.candidate, span)]
        snapped = _snap(q, span, rules) if not same and q.kind in TYPED else span
        if snapped is not span:  # 提交提案167 is the rules' 167件: the same answer, not a rival
            if unwanted(q, snapped):  # 增长10%至12% snaps to 10%: a growth, where revenue was asked
                continue
            same = [e for e in entries if same_answer(e.candidate, snapped)]
        for e in same:
            if e.reader == 0 and covers(span, e.candidate):
                e.candidate = wider(e.candidate, span, q.kind, q.text)
            elif e.reader == 0 and noun and same_as is same_answer and inside_phrase(e.candidate, span):
                e.candidate = narrower(e.candidate, span)  # 7年利用|甲午战争|: the reader's phrase
            e.reader = max(e.reader, span.score)
        if same:  # (unwanted checked the snapped span too: 2023 read alone snaps to the year 2023年, not a day)
            continue
        fit = kind_fit(q, snapped, snapped is not span)
        if fit or q.kind not in ("number", "date"):  # no figure for "how many", no date for "when"; a name may be new to the rules
            entries.append(Scored(snapped, 0.0, span.score, kind_fit=fit))
    focus, terms = _chars(q.focus), _chars(q.terms)
    # which clause of the sentence: 收到提案190件，审查立案54件 holds two figures, 立案 tells them apart
    asked = [normalize_for_match(w) for w in [*q.focus, *([q.predicate] if q.predicate else [])]]
    for e in entries:
        here = _here(e.candidate.sentence)
        e.focus, e.terms = _share(focus, here), _share(terms, here)
        sent = e.candidate.sentence
        e.clause = focus_here(sent, sent.segment_at(e.candidate.start), asked) if asked else 1.0
        e.rank = 1.0 / (1 + (ranks or {}).get(e.candidate.sentence.passage.chunk_id, 0))
        e.english = float(q.lang == "en")
    _margins(entries)
    return entries


#: a reader's span at least this likely is a vote for an answer (:func:`voided`)
VOTE = 0.5


def voided(spans: Sequence[Candidate], entries: Sequence[Scored], best: Candidate, q: Question | None = None) -> bool:
    """The reader's likeliest span was a vote (>= :data:`VOTE`) for a figure in the sentence of the rules' ``best``, and
    :func:`pool` dropped it and every span as likely as no answer to what was asked (本次's 71.86% where 上届 was
    asked, of 本次选举投票率为71.86%，低于上届的74.9%): it read the right sentence and another of its figures. A
    vote elsewhere, or none, says something else (that the answer may not be there) -- unless it was a figure of
    another kind than the amount asked, anywhere (51.8% of 占…比重 for 营业收入是多少): it misread the question."""
    if not spans or any(e.reader >= VOTE for e in entries):
        return False
    top = max(spans, key=lambda s: s.score)
    if q is not None and top.score >= VOTE and wrong_amount(q, top):
        return True
    # a figure of that sentence: 早读半小时 read for 多长时间 is no sibling of the rules' 30余次, and no count at all
    return top.score >= VOTE and top.sentence is best.sentence and bool(figures(top.answer))


def _snap(q: Question, span: Candidate, rules: Sequence[Candidate]) -> Candidate:
    """:func:`snap`; asked who, to a name inside the span that is not unwanted when there is one (申奥执导，张艺兴、…
    王传君 read for 导演是谁: 申奥, not the rules' best, 王传君, who stars)."""
    first = snapped = snap(span, rules)
    while q.kind == "person" and snapped is not span and unwanted(q, snapped):  # (a figure's span read across
        # several figures is no answer when its best is unwanted: on news-fresh4 another figure inside took its place)
        rules = [r for r in rules if not (r.sentence is snapped.sentence and snapped.start <= r.start < snapped.end)]
        snapped = snap(span, rules)
    found = first if snapped is span else snapped
    if q.kind == "person" and unwanted(q, found) and (named := credited(q, span)) is not None \
            and not unwanted(q, named):
        return named  # 乌尔善执导，费翔、…主演 for 导演是谁: the name before the credit asked, not a star
    return found


def _margins(entries: Sequence[Scored]) -> None:
    """Each reader answer's logit margin (the probability saturates at 1.0 for most spans, the
    margin does not) and its softmax share among the question's reader answers and no answer."""
    read = [e for e in entries if e.reader > 0]
    if not read:
        return
    raw = [min(20.0, max(-10.0, math.log(max(e.reader, 1e-12) / max(1.0 - e.reader, 1e-12)))) for e in read]
    # the window's "no answer" (margin 0) competes too: a span that only stands out among spans the
    # reader itself rejects (all margins far below 0, as on English questions) gets little share
    top = max(0.0, *raw)
    mass = [math.exp(m - top) for m in raw]
    total = sum(mass) + math.exp(-top)
    for e, m, w in zip(read, raw, mass):
        e.margin, e.share = m / 10, w / total


def _widened(entries: list[Scored], q: Question) -> list[Scored]:
    """The rules' candidates with names cut inside quotation marks widened (:func:`quoted`),
    each answer once (a cut one and the whole one keep the higher score)."""
    if q.kind in TYPED:
        return entries
    out: dict[tuple[int, int, int], Scored] = {}
    noun, why = asks_noun(q.text), asks_why(q.text)
    for e in entries:
        c = quoted(e.candidate)
        a, b = tidy(c.sentence.text, c.start, c.end, noun, why)  # 和混凝土坝: the rules' patterns take the joining word
        if (a, b) != (c.start, c.end):
            c = Candidate(c.sentence.text[a:b], c.sentence, a, b, c.score, c.coverage, c.fit, c.value, c.unit)
        e.candidate = without_asked_verb(q, c)  # 游戏科学公司开发 for 哪家公司开发的: the name
        key = (id(e.candidate.sentence), e.candidate.start, e.candidate.end)
        if key not in out or e.rules > out[key].rules:
            out[key] = e
    return list(out.values())


def _chars(words: Sequence[str]) -> set[str]:
    return set("".join(normalize_for_match(w) for w in words))


def _here(sent: Sentence) -> set[str]:
    p = sent.passage
    return set(sent.norm) | set(normalize_for_match(" ".join([p.org or "", *p.headings, p.title])))


def _share(wanted: set[str], here: set[str]) -> float:
    return len(wanted & here) / len(wanted) if wanted else 1.0


def _candidate(w: Window, span: Span, noun: bool = False, why: bool = False) -> Candidate | None:
    """The span as a candidate of the sentence it starts in (cut at that sentence's end)."""
    at = w.start + span.start
    sent = next((s for s in w.sentences if s.start <= at < s.end), None)
    if sent is None:
        sent = next((s for s in w.sentences if s.start > at), None)  # began in the gap between two
        if sent is None:
            return None
        at = sent.start
    a = at - sent.start
    gap = w.text.find("  ", span.start, span.end)  # a span read across what a second reading blanked out ends there
    span_end = span.end if gap < 0 else gap
    if noun and w.start + span_end > sent.end:
        return None  # a thing asked for is no clause running into the next sentence (…控制行为。应用心理学家)
    b = min(w.start + span_end - sent.start, len(sent.text))
    a, b = tidy(sent.text, a, b, noun, why)
    while a < b and sent.text[a] in _EDGE:
        a += 1
    while b > a and sent.text[b - 1] in _EDGE:
        b -= 1
    if a >= b:
        return None
    return Candidate(sent.text[a:b], sent, a, b, span.probability, 0.0, 0.0)


__all__ = ["VOTE", "WINDOW_CHARS", "Window", "pool", "read", "reader_question", "voided", "windows"]
