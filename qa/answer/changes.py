"""A change asked or a level asked: 同比增长了多少 is the figure a change verb leads (5.5% of "国内生产总值593034亿元，
同比增长5.5%"), 收于每桶多少美元 the level (84.40美元 of "上涨1.48美元，收于每桶84.40美元")."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.extractors import Candidate
from qa.answer.measures import tagged
from qa.answer.question import Question
from qa.answer.units import asks_change
from qa.text.figures import figures

# a level asked (收于每桶多少美元, 报多少点), not a change: the figure a change verb leads is the change
_ASKS_LEVEL = re.compile(r"收于|收报|报收|收盘价|报多少|达到多少|升至|降至|回落至")
_ASKS_CHANGE = re.compile(r"涨|跌|增|降|减|变化|幅|多了|少了")
_CHANGE_BEFORE = re.compile(r"(?:上涨|下跌|涨|跌|增长|减少|下降|增加|上升|回落|缩短|延长|扩大|缩小)了?\s*$")  # 缩短0.5天


# a rate, a share or an index asked: a percentage may be its level (CPI上涨0.2%, 占比, 几成)
_ASKS_RATE = re.compile(r"率|比|百分|%|％|指数|CPI|PPI|占|成|倍", re.IGNORECASE)


def change_not_level(q: Question, c: Candidate) -> bool:
    """A change where the level was asked: 收于每桶多少美元 is 84.40美元 of "上涨1.48美元，收于每桶84.40美元";
    营收是多少 is no percentage a change verb leads (预计营收将增长10%至12%): a percentage is the level of a
    rate or an index only."""
    if q.kind != "number" or _ASKS_CHANGE.search(q.text) or \
            not _CHANGE_BEFORE.search(c.sentence.text[max(0, c.start - 4):c.start]):
        return False
    return bool(_ASKS_LEVEL.search(q.text)) or (re.search(r"%|％|百分点$", c.answer) is not None
                                                and not _ASKS_RATE.search(q.text))


_CHANGE_LED = re.compile(r"(?:上涨|下跌|涨|跌|增长|减少|下降|增加|上升|回落|提高|降低|缩短|延长|扩大|缩小)了?\s*\d")


def level_not_change(q: Question, c: Candidate) -> bool:
    """A level where a change was asked: 比上月变化多少 is 0.1个百分点 of "失业率为5.3%，比上月上升0.1个百分点", not
    5.3%; the sentence must say a change with a figure, and this figure is not what a change verb leads; or the
    figure is a level stated (…存款准备金率约为7.4%) in a clause that says no change."""
    if q.kind != "number" or not asks_change(q.text):
        return False
    text = c.sentence.text
    clause = re.split(r"[，,；;。]", text[:c.start])[-1]
    if _CHANGE_BEFORE.search(text[max(0, c.start - 4):c.start]) or _CHANGE_WORD.search(clause):
        return False  # 同比增长5.5%, 增速为5.5%, 提高了0.5个百分点: a change
    return bool(_CHANGE_LED.search(text) or _LEVEL_BEFORE.search(clause))


# a level stated (本次下调后，…存款准备金率约为7.4%); a clause that says a change says none (增幅为8%)
_LEVEL_BEFORE = re.compile(r"(?:为|达到?|是)\s*$")
_CHANGE_WORD = re.compile(r"增[长加幅速量]|减[少幅]|[涨跌降]|上升|提高|[上下]调|调[高低升降]|回落|多了|少了")  # not 调查


def change_of_another(q: Question, c: Candidate) -> bool:
    """A change asked of one measure (净利润同比增长多少), a change whose clause names no measure, of the figure the
    clauses before it give for another (营业总收入1505.6亿元，同比增长18.04%；…净利润747.34亿元，同比增长19.16%: the first
    is the revenue's). The measure is the last noun the question names before its change word, its characters in
    any order (营收 is 营业收入's)."""
    if q.kind != "number" or not asks_change(q.text):
        return False
    said = _CHANGE_WORD.search(q.norm)
    # the words before the change asked (not 同比, nor the period it is compared with: 比上年增加多少)
    nouns = [w for w in q.focus if said is not None and 0 <= q.norm.find(w) < said.start()
             and not _CHANGE_WORD.search(w) and not _BASE.fullmatch(w)]
    text = c.sentence.text
    clauses = re.split(r"[，,]", re.split(r"[；;。]", text[:c.start])[-1])
    # a Chinese word (GDP may be spelt out: 国内生产总值), and a change in a clause of its own (同比增长18.04%)
    if not nouns or not re.fullmatch(r"[\u4e00-\u9fff]{2,}", nouns[-1]) or len(clauses) < 2 \
            or not _CHANGE_BEFORE.search(clauses[-1]) or _holds(clauses[-1], nouns[-1]):
        return False
    level = next((k for k in reversed(clauses[:-1]) if figures(k)), None)  # past 按不变价格计算
    # a level's clause (营业总收入1505.6亿元), not a sibling change's (一季度增长4.5%，二季度增长6.3%), naming its measure
    # by a noun right before the figure (共交付1.8万辆 may be the sales asked: a verb says no other measure)
    if level is None or _CHANGE_WORD.search(level) or _holds(level, nouns[-1]):
        return False
    words = tagged(level[:figures(level)[0].start])
    if not words or len(words[-1][0]) < 2 or words[-1][1] not in ("n", "vn", "nz"):
        return False
    # and only when the passage gives the measure asked a change of its own (净利润747.34亿元，同比增长19.16%)
    own = re.compile(re.escape(nouns[-1]) + r"[^。；;]{0,30}?" + _CHANGE_BEFORE.pattern.removesuffix(r"\s*$") + r"\s*\d")
    return own.search(c.sentence.passage.text) is not None


_BASE = re.compile(r"同比|环比|比|[上去前同本今]一?(?:年|月|期|季度?|周|年度)|同期|上年同期")


def _holds(clause: str, word: str) -> bool:
    return all(ch in clause for ch in word)


def to_change(q: Question, c: Candidate) -> Candidate:
    """A level read where a change was asked points to the change the same sentence gives it: 593034亿元 of
    "国内生产总值593034亿元，按不变价格计算，同比增长5.5%" is the reader's 5.5% for 国内生产总值增长了多少 (with no other
    figure between them). Any other candidate as it is."""
    if not level_not_change(q, c):
        return c
    text = c.sentence.text
    m = _CHANGE_LED.search(text, c.end)
    if m is None or re.search(r"\d|[。；;]", text[c.end:m.start()]):
        return c
    at = m.end() - 1  # the figure's first digit
    found = [f for f in figures(text[at:]) if f.start == 0]
    return replace(c, answer=text[at:at + found[0].end], start=at, end=at + found[0].end) if found else c
