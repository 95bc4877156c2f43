"""Figures that are not the one asked, though the sentence is about it: a sibling measure's (制造业PMI asked,
服务业PMI's figure found; 委员提案 asked, 集体提案's found; a sibling group's winner too: 女子组冠军 for 男子组冠军),
another measure of the kind asked (执行额 asked, 合同额's figure found), the value a change started from (上调到了多少:
从8.5%上调至12% answers 12%, not 8.5%; :func:`moved_to` points to it), and a figure converted in brackets (690亿美元
（约4954.2亿元人民币）). The rules and the reader propose them; none is an answer. :func:`qa.answer.siblings.not_asked`
gathers these checks with those of another holder, role or period; :func:`tagged` is jieba's tagger, cached, which
other checks share.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.answer.units import asks_change
from qa.text.figures import figures
from qa.text.normalize import extract_dates, normalize_for_match

# jieba: nouns, distinguishing words, Latin words (and adjectives before a noun: 普速列车, not 连续支持); not
# places, people or organisations (the absent-entity and organisation checks judge those) nor scopes (全县, 本市)
_MODIFIER_TAGS = ("n", "b", "vn", "eng", "nz")
_NOT_MODIFIER_TAGS = ("ns", "nr", "nt")
_SCOPES = tuple("全本各该我其总共")  # 全县, 本市, 总共
# words that praise or rank what they modify, not say which kind it is (高质量研究成果 may be 理论研究成果)
_EVALUATIVE = frozenset(["高质量", "高水平", "优秀", "优质", "重点", "重要", "主要", "相关", "大量", "有效", "具体", "典型", "先进", "精品", "一流", "突出", "显著", "新型"])
_ITEM_END = re.compile(r"[;；。!！?？，,、]")


def sibling_measure(q: Question, c: Candidate) -> bool:
    """A figure of a sibling of what is asked: 制造业PMI初值降到了多少 answered by 52 of "服务业PMI初值降至52",
    委员提案多少件 by 12件 of "集体提案12件". A word both name (PMI, 提案) has another modifier right
    before it in the clause up to the figure, and neither modifier is in the other text. A person too: 女子组冠军为…
    阿德米苏 is no answer to 男子组冠军是谁."""
    if q.kind not in ("number", "person") or q.lang == "en":
        return False
    digit = re.search(r"\d", c.answer)
    text = c.sentence.text
    before = normalize_for_match(_ITEM_END.split(text[:c.start + (digit.start() if digit else 0)])[-1])
    whole = normalize_for_match(q.text)
    asked = normalize_for_match(_ask_clause(q.text))  # 接待外地政协来考察，西宁市政协承接的批次是多少: the second
    theirs = tagged(asked)
    words = [w for w, _ in theirs]
    after = _ITEM_END.split(text[c.end:])[0]
    asked_words = [x for x in words if len(x) >= 2]
    if any(x in w for w, _ in tagged(normalize_for_match(after))[:3] for x in asked_words):
        return False  # 四次对口协商, 9人不幸遇难: the figure counts what the words after it say, as the question does
    if any(a + c in whole for a, c in _SHORTENED.findall(text[:c.start])):
        return False  # 汽、柴油价格每吨分别提高275元和260元: 汽油 is named, shortened before 、
    mine = tagged(before)
    for i, (w, f) in enumerate(mine):
        at = [j for j, word in enumerate(words) if word == w]
        if i == 0 or len(w) < 2 or not at or 0 in at or (f.startswith("v") and i < len(mine) - 1) \
                or any(ch.isdigit() for ch in w):
            continue  # a verb (参与委员累计达: 累计) is no measure, unless right before the figure (集体提案12件);
            # nor is a year or number (该公司2023年… and 星光视频2023年… are no two kinds of 2023)
        m, mf = mine[i - 1]
        noun = f.startswith("n")
        # every mention in the question is modified otherwise (外地政协…西宁市政协: the second is no sibling)
        if _modifier(m, mf, noun) and not _named(m, whole) and all(
                _modifier(*theirs[j - 1], noun) and not _named(theirs[j - 1][0], before)
                and (q.kind == "number" or _alike(m, theirs[j - 1][0])) for j in at) \
                and not _titled(c, [theirs[j - 1][0] for j in at], m, w):
            return True
    return False


def _titled(c: Candidate, asked: list[str], mine: str, word: str) -> bool:
    """The document's title says the measure as the question words it and not as the figure's clause does, and the
    two modifiers are not of one kind (第五届进博会成交735.2亿美元 above 按一年计意向成交735.2亿美元: 进博会成交 asked is the
    title's, 意向 no sibling of 博会; 女单冠军 stays a sibling of 男单冠军 under 德约科维奇夺得美网男单冠军)."""
    title = normalize_for_match(c.sentence.passage.title)
    return mine + word not in title and any(a + word in title and not _alike(mine, a) for a in asked)


# an average per person, household, day or year: 人均国内生产总值 is no 国内生产总值
_PER = re.compile(r"(人均|户均|日均|月均|年均|平均)([\u4e00-\u9fffA-Za-z]{2,})")


def total_for_average(q: Question, c: Candidate) -> bool:
    """Asked an average (人均国内生产总值是多少, 日均客流), a figure whose clause names the measure without it
    (全年国内生产总值1260582亿元): the total, not the average."""
    if q.kind != "number" or not (m := _PER.search(normalize_for_match(q.text))):
        return False
    per, measure = m.group(1), m.group(2)[:4]
    before = normalize_for_match(_ITEM_END.split(c.sentence.text[:c.start])[-1])
    return measure[:2] in before and per not in before


def _alike(mine: str, theirs: str) -> bool:
    """Two modifiers of one kind: as long as each other, sharing a character (男子组, 女子组), as a person's
    sibling must be (车队|车手 is no sibling of F1|车手: the same driver)."""
    return len(mine) == len(theirs) and bool(set(mine) & set(theirs))


# two things sharing their last character, the first shortened: 汽、柴油 (汽油, 柴油), 大、中型 (大型, 中型)
_SHORTENED = re.compile(r"([\u4e00-\u9fff])、[\u4e00-\u9fff]([\u4e00-\u9fff])")


def _ask_clause(question: str) -> str:
    """The clause of ``question`` that asks (the last one holding an ask word), else all of it."""
    asking = [c for c in re.split(r"[，,；;]", question) if _ASKS.search(c)]
    return asking[-1] if asking else question


_ASKS = re.compile(r"多少|几|哪|什么|谁")


def _named(word: str, text: str) -> bool:
    """``word`` or a word within it is in ``text`` (政协委员 is named by 祁连县政协通过委员工作站)."""
    import jieba  # deferred: loads jieba's dictionary

    return word in text or any(len(w) >= 2 and w in text for w in jieba.cut_for_search(word))


def _modifier(word: str, tag: str, before_noun: bool) -> bool:
    return len(word) >= 2 and (tag.startswith(_MODIFIER_TAGS) or (before_noun and tag.startswith("a"))) \
        and not tag.startswith(_NOT_MODIFIER_TAGS) and not word.startswith(_SCOPES) and word not in _EVALUATIVE


_MEASURE_END = "额量率价值"  # 合同额 and 执行额, 销量 and 产量: two measures of one kind
_LEAD_IN = re.compile(r"(?:分别|同比|共计?|累计|合计|约|近|超过?|达到?|为|是|了|：|:)+$")


def other_measure(q: Question, c: Candidate) -> bool:
    """A figure written right after another measure of the kind asked: 执行额是多少 answered by 10917亿元 of
    "合同额10917亿元，执行额7400亿元". The measure before the figure ends like one the question asks
    (额, 量, 率, 价, 值), and neither holds the other (总人数 is a 人数)."""
    if q.kind != "number" or q.lang == "en":
        return False
    digit = re.search(r"\d", c.answer)
    before = _ITEM_END.split(c.sentence.text[:c.start + (digit.start() if digit else 0)])[-1]
    label = _measure_word(_LEAD_IN.sub("", normalize_for_match(before)))
    if label is None:
        return False
    asked = [w for w in (_measure_word(x) for x in _ends(normalize_for_match(_ask_clause(q.text)), label[-1])) if w]
    return bool(asked) and not any(_same_measure(label, w) for w in asked)


def _same_measure(a: str, b: str) -> bool:
    """One measure word holds the other (总人数, 人数) or shortens it (销量 of 销售量: the shorter's characters
    in order in the longer, the same first and last); a period jieba glued on counts for nothing (月销量 of 7月销量)."""
    a, b = (w[1:] if len(w) >= 3 and w[0] in "年月日周季" else w for w in (a, b))  # 7月|月销量: jieba glued 月 on
    short, long = sorted((a, b), key=len)
    if short in long:
        return True
    rest = iter(long[1:-1])
    return short[0] == long[0] and short[-1] == long[-1] and all(ch in rest for ch in short[1:-1])


def _ends(text: str, end: str) -> list[str]:
    """Each prefix of ``text`` that ends at a character ``end``."""
    return [text[: i + 1] for i, ch in enumerate(text) if ch == end]


def _measure_word(text: str) -> str | None:
    """The measure noun ``text`` ends in (合同额 of 承接服务外包合同额), else None: jieba's last word, joined with
    the one before when it is the bare suffix (合同|额) or a generic head (交付|数量)."""
    if not text or text[-1] not in _MEASURE_END:
        return None
    words = [w for w, _ in tagged(text)]
    joined = (len(words[-1]) < 2 or words[-1] in _GENERIC) and len(words) >= 2
    word = words[-2] + words[-1] if joined else words[-1]
    return word if len(word) >= 2 else None


# a measure's generic head, which says what it measures only with the word before: 交付|数量 is a 交付量
_GENERIC = frozenset(["数量", "总量", "数额", "金额", "总额", "数值"])


_TO_ASKED = re.compile(r"(?:升|降|涨|跌|增|减|调|高|低|加|少|长|大|小|缩)(?:到|至)了?(?:多少|几)"  # not 轮到几个
                       r"|(?:推迟|延后|延期|延迟|推后|提前|顺延)(?:到|至)了?(?:哪|什么时候|何时|几)")  # a date moved
_FROM_BEFORE = re.compile(r"(?:从|由)\s*$")


def start_value(q: Question, c: Candidate) -> bool:
    """Asked what a figure rose or fell to (上调到了多少), the value it started from: 8.5% of
    "将基准利率从8.5%上调至12%"; asked what a date was moved to (推迟到哪一年), the date it was moved
    from: 2024年 of "量产时间将由2024年年底延后至2025年". Asked a level, not a change nor the level before (原来,
    此前), the value it started from too when the sentence says where it went: "车程从2小时缩短至30分钟" says the
    trip takes 30 minutes now (交由20多个部门承办 moves nowhere)."""
    if not _FROM_BEFORE.search(c.sentence.text[max(0, c.start - 3):c.start]):
        return False
    if _TO_ASKED.search(q.text):
        return True
    return (q.kind == "number" and not asks_change(q.text) and not _BEFORE_ASKED.search(q.text)
            and _target(c) is not None)


# the level before a change asked: 原来要多久, 此前是多少, 通车前 (not 目前, 提前)
_BEFORE_ASKED = re.compile(r"原来|原本|原先|此前|之前|以前|从前|过去|起初|最初|(?<![目提])前[^年]|从多少|由多少")


_CONVERTED = re.compile(r"\d[^，,。；;（(]{0,6}[（(]约?$")  # 690亿美元（约…


def converted(q: Question, c: Candidate) -> bool:
    """A figure in brackets right after another, the same in other money or units: 4954.2亿元 of
    "以690亿美元（约4954.2亿元人民币）收购"; unless the question names what follows it (人民币)."""
    text = c.sentence.text
    if not _CONVERTED.search(text[max(0, c.start - 10):c.start]):
        return False
    after = re.match(r"[\u4e00-\u9fff]{1,3}", text[c.end:])
    return not (after and after.group() in q.text)


_TO = re.compile(r"[^，,。；;]{0,8}?(?:至|到)\s*")


def moved_to(q: Question, c: Candidate) -> Candidate:
    """A starting value read where the value it moved to was asked (:func:`start_value`) points to that value:
    8.5% of "从8.5%上调至12%" is the reader's 12%, and so is a span read from one to the other. Any other
    candidate as it is."""
    if not start_value(q, c) or (at := _target(c)) is None:
        return c
    return replace(c, answer=c.sentence.text[at[0]:at[1]], start=at[0], end=at[1])


def _target(c: Candidate) -> tuple[int, int] | None:
    """Where the figure or date that ``c`` starts with moved to (…至12%, …延后至2025年), or None."""
    first = [f for f in figures(c.answer) if f.start == 0] or [d for d in extract_dates(c.answer) if d.start == 0]
    end = c.start + first[0].end if first else c.end  # a span read across both: 2小时缩短至30分钟
    if not (m := _TO.match(c.sentence.text, end)):
        return None
    rest = c.sentence.text[m.end():]
    found = [f for f in figures(rest) if f.start == 0] or [d for d in extract_dates(rest) if d.start == 0]
    return (m.end(), m.end() + found[0].end) if found else None


@lru_cache(maxsize=4096)  # the question's words are tagged once, not once per candidate
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``text`` with their part-of-speech tags, spaces left out (cached)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    return tuple((w, f) for w, f in pseg.cut(text) if w.strip())


__all__ = [
    "converted",
    "moved_to",
    "other_measure",
    "sibling_measure",
    "start_value",
    "tagged",
    "total_for_average",
]
