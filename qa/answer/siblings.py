"""Answers that are another's than the one asked, though the sentence is about it: a post's other holder (新任市长
asked, 前任市长 named), another credit, place or rank (主演 asked, the director named; 银牌 asked, the bronze medallist),
a figure of another month or quarter, last year's, or the edition before's (上赛季总冠军 where this season's is asked).
:func:`not_asked` gathers these with the figures of a sibling measure, another measure, a starting value or a conversion
(:mod:`qa.answer.measures`), a change or level not asked (:mod:`qa.answer.changes`) and an amount of another kind
(:mod:`qa.answer.amounts`). The rules and the reader propose them all; none is an answer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.amounts import wrong_amount
from qa.answer.changes import change_not_level, change_of_another, level_not_change
from qa.answer.extractors import Candidate
from qa.answer.measures import converted, other_measure, sibling_measure, start_value, tagged, total_for_average
from qa.answer.question import Question
from qa.text import periods
from qa.text.normalize import normalize_for_match

_NEW_HOLDER = re.compile(r"新任|现任|新一任|接任|继任")
_OLD_HOLDER = re.compile(r"前任|原任|卸任|离任|上一任")
_CLAUSE = re.compile(r"[，,。；;：:！？!?]")


def other_holder(q: Question, c: Candidate) -> bool:
    """Asked who holds a post now (新任市长), a name said after 前任 in its clause (前任淮安市市长史志军), or the
    other way round: the post's other holder."""
    if q.kind != "person":
        return False
    asked, other = (_NEW_HOLDER, _OLD_HOLDER) if _NEW_HOLDER.search(q.text) else (_OLD_HOLDER, _NEW_HOLDER)
    if not asked.search(q.text):
        return False
    before = _CLAUSE.split(c.sentence.text[:c.start])[-1]
    return bool(other.search(before[-12:])) and not asked.search(before[-12:])


# a work's credits and a contest's places, each said its ways: who directed it is not who starred in it, the
# silver medallist not the bronze
_ROLES = (("导演", "执导", "导筒"), ("主演", "领衔", "出演", "饰演", "主角"), ("编剧",), ("监制", "制片", "出品人"),
          ("作词", "填词"), ("作曲", "谱曲"), ("演唱", "原唱", "献唱"), ("主持",),
          ("金牌", "冠军", "夺冠", "夺金", "领跑"), ("银牌", "亚军", "第二名", "位居第二", "位列第二", "排名第二"),
          ("铜牌", "季军", "第三名"))
# places in a ranking, asked so (排名第二的是哪家公司): a race's 第二名 is no rival of the title 总冠军 asks for
_RANKS = (("榜首", "首位", "第一名", "排名第一", "位列第一", "位居第一", "领跑"), ("第二名", "排名第二", "位列第二", "位居第二"),
          ("第三名", "排名第三", "位列第三", "位居第三"))
_PLACES = _ROLES[-3:]


def other_role(q: Question, c: Candidate) -> bool:
    """Asked one credit, place or rank (《满江红》的主演是谁, 谁获得了银牌, 排名第二的是哪家公司), a name whose own clause
    gives another and not it (由张艺谋执导，沈腾、易烊千玺主演: 张艺谋 directed it; 希南以9秒88获得铜牌: 希南 took bronze)."""
    if q.kind not in ("person", "entity"):
        return False
    # which team (哪支球队获得冠军) is asked among the places only: a film's credits name people
    roles = _ROLES if q.kind == "person" else _PLACES
    if any(w in q.text for r in _RANKS for w in r):
        roles = _RANKS
    asked = [r for r in roles if any(w in q.text for w in r)]
    if len(asked) != 1:
        return False
    text = c.sentence.text
    lo = max((m.end() for m in _CLAUSE.finditer(text, 0, c.start)), default=0)
    hi = next((m.start() for m in _CLAUSE.finditer(text, c.end)), len(text))
    own = text[lo:hi]
    if not any(w in own for r in roles for w in r) and (nxt := _GOES_ON.match(text, hi)):
        own += nxt.group()  # 郑钦文以0比2不敌萨巴伦卡，获得亚军: the next clause, which has no subject of its own
    said = any(w in own for w in asked[0])
    other = any(w in own for r in roles if r is not asked[0] for w in r)
    return other and not said and not _goes_on_to(text, hi, asked[0])


# an award's category as a question names it: 最佳男主角(奖)是谁, 最佳影片是哪部
_CATEGORY = re.compile(r"最佳([\u4e00-\u9fff]{1,6}?)(?=奖|是|的|由|得主|获得者|为|归|花落|[？?，,]|$)")


def other_award(q: Question, c: Candidate) -> bool:
    """Asked one category of an award (金鸡奖最佳男主角是谁), a name whose own clause gives it another and not the one
    asked (于和伟凭借…获得最佳男主角，李庚希凭借…获最佳女主角: 李庚希 won 最佳女主角)."""
    if q.kind not in ("person", "entity") or not (m := _CATEGORY.search(q.text)):
        return False
    text = c.sentence.text
    lo = max((m.end() for m in _CLAUSE.finditer(text, 0, c.start)), default=0)
    hi = next((m.start() for m in _CLAUSE.finditer(text, c.end)), len(text))
    own, asked = text[lo:hi], "最佳" + m.group(1)
    return asked not in own and "最佳" in own


def _goes_on_to(text: str, at: int, asked: tuple[str, ...]) -> bool:
    """The clause after ``at`` goes on without a subject of its own (a verb or an adverb first) and says the role
    asked: 维斯塔潘获得第二名，提前6站锁定…总冠军 (the race's second, the season's champion)."""
    nxt = _CLAUSE.split(text[at + 1:], maxsplit=1)[0]
    words = tagged(nxt)
    return bool(words) and words[0][1][:1] in "vdp" and any(w in nxt for w in asked)


# a clause going on with what the one before did (，获得亚军), no subject of its own
_GOES_ON = re.compile(r"[，,]\s*(?:并|也|则|最终|最后|从而)?(?:连续[^，,。；;]{0,6}?次)?"  # ，连续第十一次位居金牌榜首位
                      r"(?:获得|夺得|摘得|收获|位列|位居|名列|排名|屈居|获)[^，,。；;]*")


def credited(q: Question, c: Candidate) -> Candidate | None:
    """Asked one credit (导演是谁), the name right before its verb inside the span (乌尔善执导，费翔、…等主演 read
    whole: 乌尔善, a name jieba does not tag, where the rules found only the stars); None when there is none."""
    asked = [r for r in _ROLES if any(w in q.text for w in r)] if q.kind == "person" else []
    if len(asked) != 1:
        return None
    text = c.sentence.text
    for m in re.finditer("|".join(asked[0]), text[c.start:c.end]):
        at = c.start + m.start()
        name = re.split(r"[，,。；;、由和与及是的]", text[max(c.start, at - 8):at])[-1]
        if 2 <= len(name) <= 8 and re.fullmatch(r"[\u4e00-\u9fff·・]+", name):
            return replace(c, answer=name, start=at - len(name), end=at)
    return None



def other_period(q: Question, c: Candidate) -> bool:
    """A figure whose own clause is about another month or quarter than the one asked (英国6月份的CPI涨幅:
    not 6.8% of "7月英国CPI同比上涨6.8%，低于6月的7.9%"); the sentence names both, the clause one. A name its
    clause gives as the one before (上赛季总冠军为…) where no earlier one is asked."""
    if q.kind not in ("number", "person", "entity", "other") or not c.sentence.segments:
        return False
    seg = c.sentence.segments[c.sentence.segment_at(c.start)]
    if q.kind != "number":  # 上赛季总冠军为金州勇士队 for 2023年NBA总冠军是哪支球队: the one before, not asked
        before = seg.text[: c.start - seg.start] + c.answer[:4]  # a span may open with it (上一届服贸会的主题为…)
        if _EDITION_NEXT.search(before) and not _EDITION_NEXT.search(q.text):
            return True  # 下一届大会将在阿塞拜疆巴库举行 for COP28在哪里举行: the next one's
        # …or the sentence's setting, when it opens with it (上赛季，丹佛掘金队夺冠，约基奇获得总决赛MVP)
        return bool(_EDITION_BEFORE.search(before) or _EDITION_OPENS.match(c.sentence.text[: c.start])) \
            and not _PREVIOUS.search(q.text)
    return (periods.conflict(q.norm, seg.norm) or _last_year(q, c, seg.text[: c.start - seg.start])
            or _not_the_previous(q, c, seg.text) or _part_for_year(q, seg.norm))


def other_holiday(q: Question, c: Candidate) -> bool:
    """Asked of one holiday or season (2023年暑期档票房第一, 五一假期国内旅游收入), a figure or name said of another: its
    sentence names only others, or, naming none, the text before it in its passage or its title does (春节档…67.58亿元.
    《满江红》…位列档期第一 read for 暑期档; 国庆假期's 129.5% for 五一's)."""
    asked = periods.holidays(q.text)
    if not asked:
        return False
    p, sent = c.sentence.passage, c.sentence
    for text in (sent.text, p.text[:max(0, sent.start - p.start)], p.title):
        said = periods.holidays(text)
        if said:
            return not said & asked
    return False


# a month's or a quarter's measure (12月销量, 12月单月销量, 第4季度营收), glued to the word the question measures by
_PART_MEASURE = re.compile(r"(?<![\d个.至到-])(?:(?:1[0-2]|0?[1-9])月份?|第?[1-4]季度|[上下]半年|q[1-4])(?:单月|当月|单季度?)?"
                           r"([\u4e00-\u9fff]{2})")


def _part_for_year(q: Question, clause_norm: str) -> bool:
    """A year asked with no part of it (比亚迪2022年新能源汽车销量), and the figure's clause measures a month or a
    quarter of it by the question's own word (其中，12月销量23.5万辆): that is no year's figure."""
    if not q.years or re.search(r"[月季]|半年|q[1-4]", q.norm):  # 截至6月30日的季度营收: a part of the year asked
        return False
    return any(m.group(1) in q.norm for m in _PART_MEASURE.finditer(clause_norm))


# the one before (上届投票率): a figure of the sentence's other clause is this one's (本次…71.86%，低于上届的74.9%)
_PREVIOUS = re.compile(r"上一?届|上一?次|前一届|上一?期|上一?轮|上个?赛季|上一赛季|去年|上年|上一年")
# the edition before, said of a name (上赛季总冠军为…, 上届冠军); not 去年, which may date what a current holder did
# (去年接任CEO的张三 is the CEO)
_EDITION_BEFORE = re.compile(r"(?<![比较于])(?:上一?届|前一届|上个?赛季|上一赛季)")
_EDITION_NEXT = re.compile(r"下一?届|下个?赛季|下一赛季|下一次")  # the edition after
_EDITION_OPENS = re.compile(r"\s*(?:在|于)?" + _EDITION_BEFORE.pattern + r"(?:中|里|时|期间)?[，,]")
_PREVIOUS_ASKED = re.compile(r"(?<![比较于])(?:" + _PREVIOUS.pattern + ")")  # not 比上届: a change's base


def _not_the_previous(q: Question, c: Candidate, clause: str) -> bool:
    """The question asks about the one before (上届, 去年), the figure's clause does not say so, and another clause
    of its sentence does."""
    return bool(_PREVIOUS_ASKED.search(q.text)) and not _PREVIOUS.search(clause) \
        and bool(_PREVIOUS.search(c.sentence.text))


# a year before the one asked (去年同期销量为133,556辆), not the base a change is measured from (比去年同期增长)
_LAST_YEAR = re.compile(r"(?<![比较于])(?:去年|上年|上一年)")


def _last_year(q: Question, c: Candidate, before: str) -> bool:
    """The clause up to the figure says it is last year's, and the sentence names the year asked
    (本田中国…2023年7月…销量为89691辆，同比下降32.8%，去年同期销量为133,556辆: 2023年7月's is 89691辆)."""
    return (bool(_LAST_YEAR.search(before)) and not _LAST_YEAR.search(q.text)
            and any(f"{y}年" in c.sentence.text for y in q.years))


def period_of(c: Candidate) -> set[str]:
    """The parts of a year a figure is said of: those its sentence names up to it (…2023财年第四财季财报，营收为895亿美元),
    not those it is measured against. Not its document's title: news titled by a quarter also gives the year's figure,
    and RGB-zh lost an answer to it."""
    return periods.parts_of_year(periods.without_references(normalize_for_match(c.sentence.text[:c.start])))


def other_periods(q: Question, best: Candidate, rivals: list[Candidate]) -> list[Candidate]:
    """``rivals`` less the figures of another period: of a part of the year when ``best`` is of none and the question
    asks none (苹果2023财年营收: the fourth fiscal quarter's 895亿美元 is no rival of the year's 3832.85亿美元), or of
    another part than the one asked. A figure of the part asked stays a rival of a best one of no part: which is
    the quarter's is then shown, not chosen (putting it first took another company's half-year figure on news-fresh)."""
    asked, mine = periods.parts_of_year(q.norm), period_of(best)
    if asked:
        return [c for c in rivals if not (period_of(c) and not period_of(c) & asked)]
    return [c for c in rivals if mine or not period_of(c)]


def asked_of(q: Question, c: Candidate) -> bool:
    """``c`` may answer ``q``: no figure of a sibling measure or period, of another team, or of another thing."""
    from qa.answer.others import of_another, other_team  # deferred: others judges by this module's rules too

    return not not_asked(q, c) and not other_team(q, c) and not of_another(q, c)


def not_asked(q: Question, c: Candidate) -> bool:
    """A figure of a sibling measure or of another measure of its kind, the value a change started from, a
    figure converted in brackets, a total where an average was asked (:func:`~qa.answer.measures.sibling_measure`,
    :func:`~qa.answer.measures.other_measure`, :func:`~qa.answer.measures.start_value`,
    :func:`~qa.answer.measures.converted`, :func:`~qa.answer.measures.total_for_average`), a post's other holder,
    another credit's or award's name, a figure of another period or holiday, a change where a level was asked or a
    level where a change was (:func:`other_holder`, :func:`other_role`, :func:`other_award`, :func:`other_period`,
    :func:`other_holiday`, :func:`change_not_level`, :func:`level_not_change`), another measure's change
    (:func:`~qa.answer.changes.change_of_another`), or a figure of another kind than the amount asked
    (:func:`qa.answer.amounts.wrong_amount`: a duration, no price)."""
    return (sibling_measure(q, c) or start_value(q, c) or other_measure(q, c) or converted(q, c)
            or total_for_average(q, c) or other_holder(q, c) or other_role(q, c) or other_award(q, c)
            or other_period(q, c) or other_holiday(q, c) or change_not_level(q, c) or level_not_change(q, c)
            or change_of_another(q, c) or wrong_amount(q, c))


__all__ = [
    "asked_of",
    "change_not_level",
    "change_of_another",
    "credited",
    "level_not_change",
    "not_asked",
    "other_award",
    "other_holder",
    "other_holiday",
    "other_period",
    "other_periods",
    "other_role",
    "period_of",
]
