"""What a question asks for beyond one fact: an overview of an organisation's work, or several parts.

:func:`asks_overview` tells an overview question (总结一下城北区政协2023年的主要工作, What did the
Zhangye CPPCC do in 2023?) from a specific one; :func:`split` cuts a multi-part question
(城北区政协开展了多少次集中学习、讲了多少场党课？) into parts that each stand alone. The answers are
composed by :mod:`qa.answer.overview` and :mod:`qa.answer.multipart`; this module only reads
the question, so the question analysis can use it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from qa.answer.coordinated import (
    ASKED_ITEMS,
    EACH,
    END,
    ITEMS,
    KEYWORD_ITEMS,
    named_pair,
    per_item,
    shared_tail_pair,
    subject_pair,
    time_and_place,
    unquoted,
)
from qa.answer.each import DATES, PERIODS, TOTAL, YEARS, joined_orgs, per_date, per_org, per_period, per_year
from qa.answer.joined import asked_pair
from qa.answer.later import ASK_WHAT, ASK_ZH, complete, names_own_subject
from qa.answer.ownsubject import asks_again
from qa.answer.parts_en import ABOUT, split_en
from qa.answer.tagging import MASKS, UNMASK
from qa.text.normalize import to_halfwidth
from qa.text.structure import org_key

_ASKS_ZH = re.compile(r"总结|概括|概述|简述|综述一下|盘点|回顾一下|主要工作|亮点工作|工作亮点|"
                      r"(?:做|干|开展)了?(?:哪些|什么|些什么)(?:工作|事情?)?|(?:有|都有)哪些(?:亮点|重点|主要)?工作")
_ASKS_EN = re.compile(r"\b(?:overview|summar(?:y|ise|ize)|outline|highlights|main (?:work|activities|achievements))\b"
                      r"|\bwhat (?:did|has|have|does) .{2,80}? (?:do|done|accomplish(?:ed)?|achieved?)\b"
                      r"(?:\s+(?:(?:in|over|during|since|throughout)\s+(?:the\s+)?(?:\d{4}|recent years|(?:past|last|previous)"
                      r"\s+(?:\w+\s+)?years?|this year|that year)|recently|lately|so far|this year|last year))?\s*[?.!]*\s*$",
                      re.IGNORECASE)
# a question that asks for a figure, a person or a date is not an overview, whatever else it says
_SPECIFIC = re.compile(r"多少|(?<![那这好十前后近])几(?![年乎])|谁|哪一?[天年位]|何时|什么时候|\bhow (?:many|much)\b|\bwho\b|\bwhen\b",
                       re.IGNORECASE)
# what may stay besides the organisation and the overview words: time, politeness, particles
_RESIDUE = re.compile(r"(?:19|20)\d\d年?|[\u4e00-\u9fff]{1,6}[省市县区州旗盟]政协|政协|这一年|一年来|近年来|近几年|全年|年度|今年|去年|"
                      r"一下|请|都|的|了|主要|工作|亮点|重点|情况|内容|有|吗|呢|[\s?？。.!！,，、:：]")


def asks_overview(text: str, org_names: list[str] = ()) -> bool:
    """Whether ``text`` asks for an overview of an organisation's work rather than one fact."""
    if _SPECIFIC.search(text):
        return False
    if _ASKS_EN.search(text):
        return True
    m = _ASKS_ZH.search(text)
    if m is None:
        return False
    rest = _ASKS_ZH.sub(" ", text)
    for name in sorted({w for o in org_names for w in (o, o.removesuffix("政协"), org_key(o)) if w}, key=len,
                       reverse=True):
        rest = rest.replace(name, " ")
    return len(re.findall(r"[\u4e00-\u9fff]", _RESIDUE.sub("", rest))) <= 3  # 为星光村做了什么 asks one thing


_PUNCT = re.compile(r"[，,、；;？?！!]")  # a question mark between two asks ends the first (A是谁？B又是谁？)
_WORD_JOIN = re.compile(r"以及|并且|而且|和|与|并|还|又|同时")


def split(text: str, orgs: list[str], years: list[int], lang: str = "zh") -> list[str]:
    """The parts of a multi-part question, each a question of its own (one part: not multi-part). A 和, 与 or 及
    inside a word (普及率, 参与, 和平) joins nothing: the cuts below do not see it."""
    if lang == "en":
        return _split(text, orgs, years, lang)
    if not ANY_ASK.search(text):  # 最佳影片和最佳男主角分别是？: what each is
        text = _EACH_IS.sub(r"\1什么\2", text.rstrip())
    return [_unmasked(p) for p in _split(_masked(text), [_masked(o) for o in orgs], years, lang)]


_EACH_IS = re.compile(r"((?:分别|各自|各)[是为])([？?]?)$")


_JOINING = "和与及"


def _masked(text: str) -> str:
    """``text`` with each 和, 与, 及 that is part of a longer jieba word (普及, 参与, 和平; not 以及) masked."""
    if not any(c in text for c in _JOINING):
        return text
    import jieba  # deferred: loads jieba's dictionary

    out = []
    for word in jieba.cut(text, HMM=False):  # dictionary words only: its HMM glues names (可口可乐|和伯克|希尔)
        out.append(word if len(word) == 1 or word in ("以及", "和与") else "".join(MASKS.get(c, c) for c in word))
    return "".join(out)


def _unmasked(text: str) -> str:
    return text.translate(UNMASK)


def _split(text: str, orgs: list[str], years: list[int], lang: str = "zh") -> list[str]:
    raw, text = text.strip(), to_halfwidth(text).strip()
    if lang == "en":
        return split_en(text, raw, orgs, years)
    asks = list(ASK_ZH.finditer(text))
    if len(asks) <= 1 and len(orgs) >= 2 and not _COMPARES.search(text) and joined_orgs(text, orgs):
        # 张掖市政协和庆阳市政协的主席: the same question of each
        return per_org(text, orgs)
    if len(asks) <= 1 and not _COMPARES.search(text) and not TOTAL.search(text) and (y := YEARS.search(text)):
        return per_year(text, y)  # 2022年和2023年超级碗冠军是谁: the same question of each year
    if len(asks) <= 1 and not _COMPARES.search(text) and not TOTAL.search(text) and (d := DATES.search(text)):
        return per_date(text, d)  # 8月3日和8月10日分别收于多少点: of each day
    if len(asks) <= 1 and not _COMPARES.search(text) and not TOTAL.search(text) and (e := PERIODS.search(text)) and \
            len(parts := per_period(text, e)) == 2:
        return parts  # 第94届和第95届奥斯卡最佳影片分别是什么: of each edition
    if len(asks) <= 1 and (m := _SEXES.search(text)) and not _COMPARES.search(text):
        single = text[m.end():].startswith(("单打", "双打"))  # 男女单打: 男子单打; 男女单: 男单
        return [f"{text[: m.start()]}{s}{'子' if single else ''}{EACH.sub('', text[m.end():])}".strip(END)
                for s in "男女"]
    items = ITEMS.search(text)  # 巴林站和沙特站的冠军: items; 特斯拉和比亚迪2022年的销量: subjects with a time both share
    if len(asks) == 1 and len(orgs) < 2 and not (items and EACH.search(text) and not _TIMED.search(items.group(1))) and \
            not _COMPARES.search(text) and (pair := shared_tail_pair(text)):  # 英特尔和特斯拉2023年第二季度营收各是多少
        return pair
    if len(asks) == 1 and (m := _TWO_SUBJECTS.match(text)) and (pair := subject_pair(*m.group(1, 2, 3), names_own_subject)):
        return pair
    if len(asks) == 1 and EACH.search(text):
        return per_org(text, orgs) if len(orgs) >= 2 else per_item(text, orgs)
    if not asks and EACH.search(text) and (m := _ASK_SORT.search(text)) and ITEMS.search(text[: m.start()]) and \
            len(parts := per_item(text, orgs)) > 1:  # 在跳水项目和游泳项目上分别拿到了什么样的奖牌成绩: of each
        return parts
    if pair := time_and_place(text):  # 在什么时间、在哪里登陆: when, and where
        return pair
    if len(asks) == 1 and not _COMPARES.search(text) and (m := ASKED_ITEMS.search(text)) and \
            "、" not in text[: m.start()]:  # 工作站、议事会和议事室有多少个: a list, one total
        return per_item(text, orgs, ASKED_ITEMS)  # 《人世间》的导演和编剧是谁: one ask of two things
    if not ANY_ASK.search(text) and not _COMPARES.search(text) and (m := KEYWORD_ITEMS.search(text)) and \
            "、" not in text[: m.start()]:  # 国葬的时间和地点, 2022年特斯拉和比亚迪交付量: keywords of two things
        parts = per_item(text, orgs, KEYWORD_ITEMS, paired_only=True)
        if len(parts) == 1 and _WHO_END.search(text) and ASKED_ITEMS.search(ask := asked(text)):
            parts = per_item(ask, orgs, ASKED_ITEMS)  # 《满江红》的导演和主演 stands for …导演和主演是谁: asked of each
        return parts if len(parts) > 1 else [raw]
    if len(asks) <= 1 and not _COMPARES.search(text) and not TOTAL.search(text) and (named := named_pair(text)):
        return named  # 上海和北京2023年新任市长是谁, 2022年上半年西藏和新疆经济增长了多少: each place's
    cuts = []
    for a, b in pairwise(asks):
        between = text[a.end():b.start()]
        joins = list(_PUNCT.finditer(between)) or list(_WORD_JOIN.finditer(between))
        if joins:
            cuts.append((a.end() + joins[-1].start(), a.end() + joins[-1].end()))
    if not cuts:
        return _what_parts(text, orgs, years) or asked_pair(text, orgs) or [raw]
    parts, at = [], 0
    for lo, hi in cuts:
        parts.append(text[at:lo])
        at = hi
    parts.append(text[at:])
    return complete([p.strip(END) for p in parts], orgs, years)


_ASK_SORT = re.compile(r"什么样|怎样|怎么样")  # asks what kind of thing: no ask of ASK_WHAT's
_CLAUSE_CUT = re.compile(r"[，,？?！!；;]")


def _what_parts(text: str, orgs: list[str], years: list[int]) -> list[str]:
    """Parts a question asking 什么 or 哪… has: clauses that each end in an ask (iPhone SE 3的芯片是什么，
    起售价多少; 《李茂扮太子》是什么类型的电影？它的导演是谁？), or two things asked of each (2022年百花奖
    最佳影片奖和最佳导演奖分别是什么). None when it has no such parts (围绕协商什么、谁来协商…这些问题，…叫什么:
    an ask inside a clause names a topic; “想想我是哪种类型干部”: quoted words ask nothing)."""
    bare = unquoted(text)
    def asks(clause: str) -> list[re.Match[str]]:
        return sorted([*ASK_ZH.finditer(clause), *ASK_WHAT.finditer(clause)], key=lambda m: m.start())
    if len(found := asks(bare)) == 1 and EACH.search(bare) and ASK_WHAT.match(bare, found[0].start()) \
            and ITEMS.search(bare):  # 最佳影片奖和最佳导演奖分别是什么
        parts = per_item(text, orgs)
        return parts if len(parts) > 1 else []
    clauses, at, marked = [], 0, []
    for m in _CLAUSE_CUT.finditer(bare):
        clauses.append((at, m.start()))
        marked.append(m.group() == "?" and bool(bare[at:m.start()].strip()))
        at = m.end()
    clauses = [(a, b) for a, b in [*clauses, (at, len(bare))] if bare[a:b].strip()]
    if len(clauses) < 2:
        return []
    found = [asks(bare[a:b]) for a, b in clauses]
    if not all(found):
        return []
    # the ask ends its clause (是什么类型的电影 as well), or a second clause asks again of its own thing
    # (…在哪座城市完成船体建造，复兴号动车组又在哪座城市正式下线), or each clause is a question of its own
    # (李翰文在哪项赛事中获得单打冠军？决赛对手是谁？)
    if any((b - a) - f[-1].end() > 6 for (a, b), f in zip(clauses, found, strict=True)) and not (
            len(clauses) == 2 and asks_again(bare[slice(*clauses[1])], found[1][0].start())) and \
            sum(marked) < len(clauses):
        return []
    return complete([text[a:b].strip(END) for a, b in clauses], orgs, years, own_noun=True)


_TIMED = re.compile(r"(?:19|20)\d\d|季度|半年|\d月")
# two things each with its own subject, asked one thing: 德国7月综合PMI初值和中国7月份制造业PMI分别是多少
_TWO_SUBJECTS = re.compile(r"^([^，,、和与及]{4,})(?:和|与|及)([^，,、和与及]{4,}?)(?:分别|各自)(.+)$")




# keywords ending in a measure (2022年特斯拉交付量, 2021年香港的GDP增长率) or a place (国葬的地点): a part
# we wrote from them asks for that figure or place, not for a statement
_MEASURE_END = re.compile(r"(?:率|量|人数|次数|[场人件批户架车]次|[个件篇场户家项条名]数|[\u4e00-\u9fff]额|营收|收入|利润|票房|价格|售价|销售额|总额|GDP|"
                          r"总值|产值|人口|增速|增幅|投资|支出|浓度|比例|比重|占比|天数|面积|指数|总量)$",  # 地区生产总值, 出生人口, 总投资: a figure
                          re.IGNORECASE)  # 专题培训班 场次: how many
_PLACE_END = re.compile(r"(?:地点|举办地|所在地)$")
# or a person (《炽道》的主演, 最佳女主角得主): who it is, not a statement about it (not 冠军: a team as often)
_WHO_END = re.compile(r"(?:得主|主演|导演|编剧|主持人|旗手|火炬手|市长|总统|首相|总理)$")


def asked(part: str) -> str:
    """A keyword part as the question it stands for: 2022年特斯拉交付量 -> 2022年特斯拉交付量是多少,
    MU5735航班坠毁的地点 -> …的地点在哪里; any other part as it is."""
    if ANY_ASK.search(part) or _COMPARES.search(part):
        return part
    if _MEASURE_END.search(part):
        return part + "是多少"
    if _PLACE_END.search(part):
        return part + "在哪里"
    if _WHO_END.search(part):
        return part + "是谁"
    return part


def keyword_ask(question: str) -> str:
    """A keyword query naming one figure as the question it stands for (2022年英特尔全年营收 ->
    2022年英特尔全年营收是多少); keywords naming several things (和, 与, 及, 、) and any other text as they are."""
    bare = question.strip().rstrip("?？!！。. ")
    if JOINED.search(bare):
        return question
    wanted = asked(bare)  # unchanged when it asks already or names no measure or place
    return wanted + "？" if wanted != bare else question


JOINED = re.compile(r"[和与及、]")  # words that set things side by side


def label(part: str) -> str:
    """A part as the answer shows it (an English part without what it was given to stand alone)."""
    return part.split(ABOUT)[0]


_COMPARES = re.compile(r"哪个|哪家|谁更|更多|更少|较多|较少|多还是|少还是|相比|比较|差距|之差|相差|一样|相同|不同|区别|合计|一共|总共|共计")


ANY_ASK = re.compile(r"什么|哪|谁|多少|几|何|吗|怎|如何|是否|多久|多长|\b(?:what|which|who|how|when|where)\b", re.IGNORECASE)
_SEXES = re.compile(r"男女(?=单|双|主角|配角)")  # 男女单打冠军, 最佳男女主角: the men's and the women's
