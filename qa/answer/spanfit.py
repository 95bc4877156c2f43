"""What a reader span may be, by the rules that keep answers honest (used by :mod:`qa.answer.reading`).

A span is the same answer as a rule candidate when they share most of their text; it takes a
figure's or a date's whole extent from the rules' typed candidate inside it, a quoted name's
whole extent from its quotation marks; a name the rules cut short takes the span's wider extent,
a year the calendar words read with it (民国5年); it is no answer at all when the rules would never
propose it (no figure for "how many", no date for "when" -- a reign's year or a century is one --,
a figure in another measure than the one the question names, a year for "which day"). Who a span
names, asked who, is fitted in :mod:`qa.answer.namefit`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from qa.answer.edges import counts_only
from qa.answer.extractors import Candidate
from qa.answer.names import DOTTED_NAME
from qa.answer.question import Question
from qa.answer.units import unit_fit
from qa.text.figures import figures, names_year
from qa.text.normalize import extract_dates, extract_quantities

TYPED = ("number", "date", "person")
_MARKS = " 「」『』“”\"'《》()（）[]，,。、"
_RATE = re.compile(r"[\u4e00-\u9fff]{2}(?=率)")  # the two characters naming a rate: 立案 of 立案率
_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·・•][\u4e00-\u9fff]{1,8}){0,3}")  # 罗致焕, 德劳帕迪·穆尔穆
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "‘": "’"}
_TITLE = "《"  # title marks belong to the title (《学习参考》); quotation marks only delimit
QUOTED_MAX = 40  # characters of a quoted name a span is widened to
_ERA_BEFORE = ("公元前", "公元", "西元", "民国", "前")
_ERA_AFTER = ("年代", "代", "世纪", "初", "末", "底")
_CN_NUM = "[〇零一二三四五六七八九十百千两廿]"
# times the date extractor (calendar years 1000-2999, months, days) does not read: 公元前221年,
# 1950年代, 嘉禾二年 (a reign's year), 19世纪, 中世纪, 民国初年, 明朝年间 — what "when" asks of history
_TIME = re.compile(rf"\d{{1,4}}\s*年|{_CN_NUM}{{1,5}}年|元年|(?:\d{{1,2}}|{_CN_NUM}{{1,3}}|中)世纪"
                   r"|[初末]年|年间|年代|时期|时代|[初末]期")


def same_answer(a: Candidate, b: Candidate) -> bool:
    """``a`` and ``b`` are one answer: the same sentence, overlapping by at least half the longer."""
    if a.sentence is not b.sentence:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0 and shared * 2 >= max(a.end - a.start, b.end - b.start)


def within(a: Candidate, b: Candidate) -> bool:
    """``b`` overlaps ``a`` in the same sentence."""
    return a.sentence is b.sentence and min(a.end, b.end) > max(a.start, b.start)


def snap(c: Candidate, typed: Sequence[Candidate]) -> Candidate:
    """The typed candidate inside the span that it overlaps most (the whole figure with its unit,
    when the reader read a clause around it), else ``c``."""
    best, most = None, 0
    for t in typed:
        if t.sentence is not c.sentence or not ((c.start <= t.start and t.end <= c.end + _overrun(c, t))
                                                 or _cut_figure(c, t)):
            continue
        shared = min(t.end, c.end) - max(t.start, c.start)
        if shared > most:
            best, most = t, shared
    if best is None:
        return c
    a, b = calendar_words(c, best.start, best.end)
    return Candidate(c.sentence.text[a:b], best.sentence, a, b, c.score, best.coverage, best.fit,
                     best.value, best.unit)


def _cut_figure(c: Candidate, t: Candidate) -> bool:
    """The span begins inside the figure ``t`` and holds no digit of it: the reader's edge fell between a
    figure's digits and its unit (735.2|亿美元)."""
    return t.start < c.start < t.end and c.end <= t.end + 1 and not _DIGIT.search(c.answer)


_DIGIT = re.compile(r"[\d零〇一二两三四五六七八九十百千]")


def _overrun(c: Candidate, t: Candidate) -> int:
    """How far a typed candidate may run past a reader span and still be inside it: a character (its unit),
    or what it is per (the reader's …4.2元 is the rules' 4.2元/片)."""
    return t.end - c.end if c.sentence.text[c.end:t.end].lstrip().startswith("/") else 1


def covers(span: Candidate, c: Candidate) -> bool:
    """``span`` holds ``c`` and more, in the same sentence."""
    return span.sentence is c.sentence and span.start <= c.start and c.end <= span.end and span.answer != c.answer


def wider(c: Candidate, span: Candidate, kind: str, asked: str = "") -> Candidate:
    """The rules' candidate over the reader's wider extent: a name the rules cut short (西里尔 of
    西里尔字母; they were written for one corpus's names), the reader read whole; a figure or a
    date keeps the rules' extent and takes only the calendar words the reader read with it (民国5年).
    A person's name the rules cut where jieba did (罗致|焕, 高启|强) takes the reader's extent when
    that is a name too: characters only, or names joined by a middle dot. What the reader read more that is
    only the ``asked`` question's own words before the rules' extent stays out (清华新设了|智能视觉工程…)."""
    typed = kind in TYPED
    if kind == "person" and _NAME.fullmatch(span.answer) and _name_rest(span.answer[: c.start - span.start]) \
            and _name_rest(span.answer[c.end - span.start:]):
        return Candidate(span.answer, c.sentence, span.start, span.end, c.score, c.coverage, c.fit, c.value, c.unit)
    a, b = calendar_words(span, c.start, c.end) if typed else (span.start, span.end)
    extra = c.sentence.text[a:c.start].strip("的了是在，, ")
    if not typed and len(extra) >= 2 and extra in asked:
        a = c.start  # (the head noun after it may be the thing's own: 西里尔|字母 asked 是什么字母)
    return Candidate(c.sentence.text[a:b], c.sentence, a, b, c.score, c.coverage, c.fit, c.value, c.unit)


def inside_phrase(c: Candidate, span: Candidate) -> bool:
    """``span`` lies inside the rules' candidate ``c`` and what ``c`` has more is words before it, or
    after it only numerals, measure or place words (利用|甲午战争, 西人党|两派); not a word cut at its
    end (混凝土|坝, 供应服务|过多), not quotation marks alone (「领先盘」 keeps them)."""
    if not covers(c, span):
        return False
    text = c.sentence.text
    left, right = text[c.start:span.start].strip(_MARKS), text[span.end:c.end].strip(_MARKS)
    if not left and not right:
        return False
    return not right or counts_only(text, span.end, c.end)


def narrower(c: Candidate, span: Candidate) -> Candidate:
    """The rules' candidate over the reader's narrower extent inside it, keeping the rules' scores:
    the rules' patterns take words around a thing that a reader trained on answers leaves out
    (7年利用甲午战争, 西人党两派, 天文学家帕西瓦尔·洛厄尔)."""
    return Candidate(span.answer, c.sentence, span.start, span.end, c.score, c.coverage, c.fit, c.value, c.unit)


def _name_rest(extra: str) -> bool:
    """Whether characters the reader read beside the rules' name belong to it: a middle-dotted part
    (德劳帕迪·), at most two characters that jieba's dictionary does not hold as a word of their own
    (焕 of 罗致焕; not 委员会 of 陈刚刚委员会, 多方 of 王新多方), or a given name it holds as one
    (尼古拉 of 尼古拉杜霍宁: tagged nrt, a transliterated name)."""
    if not extra or "·" in extra or "・" in extra:
        return True
    if len(extra) > 4:
        return False
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    tag = pseg.dt.word_tag_tab.get(extra, "x")
    if len(extra) > 2:
        return tag.startswith("nr")
    return tag in ("x", "vg", "a", "ag", "ng", "g") or tag.startswith("nr")


def calendar_words(c: Candidate, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` with the calendar words around a year that the span holds too: 民国5年, 公元前221年,
    1950年代 (the typed extractors read the figure, 5年, 1950年)."""
    text = c.sentence.text
    before = next((w for w in _ERA_BEFORE if text[:a].endswith(w) and a - len(w) >= c.start), "")
    after = next((w for w in _ERA_AFTER if text.startswith(w, b) and b + len(w) <= c.end), "")
    return a - len(before), b + len(after)


def quoted(c: Candidate) -> Candidate:
    """A span cut inside a quoted name (提案网上 of “提案网上直通车”) widened to the whole name:
    quotation marks delimit names and titles, which the reader's span edges do not always reach.
    A title keeps its marks (《学习参考》)."""
    text = c.sentence.text
    opening = text[c.start - 1] if c.start > 0 else ""
    if opening == _TITLE and 0 <= text.find(QUOTES[opening], c.start) < c.end - 1:
        # 孤注一掷》《消失的她》《封神第一部: a list of titles read from inside the first, with its opening mark
        c = Candidate(text[c.start - 1:c.end], c.sentence, c.start - 1, c.end, c.score, c.coverage, c.fit, c.value, c.unit)
    for a, ch in enumerate(text):
        close = QUOTES.get(ch)
        if close is None or a >= c.end:
            continue
        b = text.find(close, a + 1)
        if b < 0 or b - a - 1 > QUOTED_MAX:
            continue
        lo, hi = (a, b + 1) if ch in _TITLE else (a + 1, b)
        if (c.start, c.end) == (a, b + 1):
            return c  # the whole name with its marks, as the rules quote it (“宁睿协”)
        if c.start < a < c.end <= b and not re.search(r"[，,。；;》”」]", text[c.start:a]) \
                and (ch in _TITLE or _verb_ends(text[c.start:a])):
            # 最佳影片由《瞬息全宇宙, 大会达成“阿联酋共识: a span into a title, or into a quotation that a verb leads to, what
            # it quotes (not one that began at another title, quotation or clause; not 国产“…”, which names it with its kind)
            return Candidate(text[lo:hi], c.sentence, lo, hi, c.score, c.coverage, c.fit, c.value, c.unit)
        if c.start < a < c.end <= b:  # …组合机器人“琮琮”“莲莲”“宸宸: a list of quoted names, to its last closing mark
            return Candidate(text[c.start:b + 1], c.sentence, c.start, b + 1, c.score, c.coverage, c.fit, c.value,
                             c.unit)
        if ch in _TITLE and c.start == a and verb_only(text[b + 1:c.end]):
            return Candidate(text[a:b + 1], c.sentence, a, b + 1, c.score, c.coverage, c.fit, c.value, c.unit)
        if a <= c.start and c.end <= b + 1 and (c.start, c.end) != (lo, hi):
            return Candidate(text[lo:hi], c.sentence, lo, hi, c.score, c.coverage, c.fit, c.value, c.unit)
    return c


def _verb_ends(text: str) -> bool:
    """``text`` ends in a verb (大会达成, 主题是): what follows is its object."""
    from qa.answer.measures import tagged  # deferred: loads jieba's dictionary

    words = tagged(text)
    return bool(words) and words[-1][1].startswith("v")


def verb_only(tail: str) -> bool:
    """``tail`` is one verb of at most three characters (《瞬息全宇宙》获得: the title won, and is the answer)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    return 0 < len(tail) <= 3 and pseg.dt.word_tag_tab.get(tail, "x").startswith("v")


def other_measure(q: Question, c: Candidate) -> bool:
    """A figure counted in another measure than the one asked (8名 for 多少项荣誉, 40篇 for 多少场):
    the rules never propose it, and neither may the reader."""
    asked = q.measure if q.kind == "number" else None
    if asked is None and q.kind == "number" and q.unit == "area" and "面积" in q.text:
        asked = "area"  # 占地面积有多大: 5000多年前 is no area
    if asked is None and q.kind == "number" and q.unit in ("length", "weight"):
        asked = q.unit  # 全长又是多少: 约3倍 is no length; 有多重: 6999元 no weight
    if asked is None and q.kind == "number" and q.unit in ("volume", "worth", "count"):
        asked = q.unit  # 汽车出口量: 1.29万美元 is a worth, no volume; 成交额: 402个 is no worth
    # the figures the span touches, read in its sentence: a bare 8 of 8名委员 is counted in 名
    units = [x.unit for x in extract_quantities(c.sentence.text) if x.start < c.end and c.start < x.end and x.unit]
    if asked is None and q.kind == "number" and q.unit == "%":  # GDP增速: 47218.66亿元 is the GDP, no rate
        money = [u for u in units if u != "年"]  # (2023年上海GDP为47218.66亿元: the year is no rate either)
        # (a rate may be in 个百分点, 个基点, ‰); nor is a count of people or things (本科上线率: 808人 is no rate)
        return bool(money) and (all(u.endswith("元") for u in money) or all(u in _COUNTED for u in money))
    if asked is None:  # only a measure the question names (a guess from its other nouns is no ground to drop)
        return False
    return bool(units) and all(unit_fit(asked, u) == 0.0 for u in units)


# measure words of people and things counted: never a rate's
_COUNTED = frozenset("人名个件家项户所座台辆篇位只头株本张套间")


def other_rate(q: Question, c: Candidate) -> bool:
    """A rate named otherwise than the one asked: 立案率是多少 answered by 提案办复率100% (the
    clause names 办复率 right before the figure). Only for Chinese questions that name a rate."""
    asked = {m.group() for m in _RATE.finditer(q.text)} if q.lang != "en" else set()
    if not asked:
        return False
    digit = re.search(r"\d", c.answer)  # a span may hold the label too: 提案办复率100%
    cut = c.start + (digit.start() if digit else 0)
    before = _CLAUSE_END.split(c.sentence.text[:cut])[-1]  # the clause up to the figure
    named = [m.group() for m in _RATE.finditer(before)]
    return bool(named) and not any(stem in before for stem in asked)


_YEARS_COUNT = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十两几]{1,3})(?:多|余)?个?年")


def coarser_date(q: Question, c: Candidate) -> bool:
    """A year (2023年) for a question that asks for the day (哪天), or a number of years (3年, 三年) for
    any date (哪几个年度: 2019—2021年, not 城东区政协3年、5年…的同向而行): the rules never propose them."""
    if q.kind != "date":
        return False
    if _YEARS_COUNT.fullmatch(c.answer.strip()):
        return True
    if q.date_part != "day":
        return False
    dates = extract_dates(c.answer)
    return bool(dates) and all(d.day is None for d in dates)


_BARE_PLACE = "万亿萬億"
_RANK_ASK = re.compile(r"第几|第多少")
# a rank as written: 第39届, 第四个; the first also as 首 (首位印度裔首相, 首次, 首届)
_RANK = re.compile(r"第[\d一二三四五六七八九十百零〇两]+[\u4e00-\u9fff]{0,2}|首[位个次届批家例座款部][\u4e00-\u9fff]?")
_RANK_HELD = re.compile(r"第[\d一二三四五六七八九十百零〇两]+[名位届次轮期批号]?")


def with_rank(q: Question, c: Candidate) -> Candidate:
    """A rank asked (第几届) is quoted with its 第: 39届 read after 第 becomes 第39届; a span that holds a rank
    is that rank (11胜1负的战绩排名联赛第二: 第二, not the rules' figure 11 inside it)."""
    if not _RANK_ASK.search(q.text):
        return c
    if c.start and c.sentence.text[c.start - 1] == "第":
        return replace(c, answer="第" + c.answer, start=c.start - 1)
    held = list(_RANK_HELD.finditer(c.answer))
    if held and not _RANK.fullmatch(c.answer):
        m = held[-1]
        return replace(c, answer=m.group(), start=c.start + m.start(), end=c.start + m.end())
    return c


def kind_fit(q: Question, c: Candidate, snapped: bool) -> float:
    """Whether a reader span is of the asked type: a figure, a date, a name (one the rules know, or one
    spelt by sound with dots)."""
    if q.kind not in TYPED or snapped:
        return 1.0
    if q.kind == "number":  # 第几届 asks for a rank: 第39届 (figures leave ranks out); 2024财年 is no figure
        # 亿美元 alone reads as one 亿: a span cut off its figure's digits is no figure
        counted = any(not names_year(c.answer, x) and x.text[:1] not in _BARE_PLACE for x in extract_quantities(c.answer))
        if q.unit == "比分":  # 总比分是多少: a score (4比1), not the 2022-23 of 2022-23赛季总决赛第五场
            counted = any(f.unit == "比分" for f in figures(c.answer))
        return float(counted or bool(_RANK_ASK.search(q.text) and _RANK.fullmatch(c.answer)))
    if q.kind == "date" and q.date_part == "day":  # 具体日期是: 3月9日, not 一年来 (a time, no day)
        return float(any(d.day is not None or d.month is not None for d in extract_dates(c.answer)))
    if q.kind == "date":
        return float(bool(extract_dates(c.answer) or _TIME.search(c.answer)))
    return float(q.kind == "person" and DOTTED_NAME.fullmatch(c.answer) is not None)  # 德雷萨·格莱塔: a name

