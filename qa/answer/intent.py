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


_ASK_ZH = re.compile(r"多少|(?<![那这好十前后近])几(?![乎年经])|谁|何时|什么时候|哪一?天|哪一?年")
_ASK_EN = re.compile(r"\b(?:how (?:many|much|long)|who|when|what|which)\b", re.IGNORECASE)
_PUNCT = re.compile(r"[，,、；;]")
_WORD_JOIN = re.compile(r"以及|并且|而且|和|与|并|还|又|同时")
_LEAD = re.compile(r"^(?:其中|另外|此外|同时|以及|并且|而且|并|还|又|和|与|共计|一共|总共|共|分别|各)+")
_EN_JOIN = re.compile(r"(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)(?=(?:how|who|when|what|which)\b)", re.IGNORECASE)
_EACH = re.compile(r"分别|各自|\b(?:each|respectively)\b", re.IGNORECASE)
_END = "？?。.!！ "


def split(text: str, orgs: list[str], years: list[int], lang: str = "zh") -> list[str]:
    """The parts of a multi-part question, each a question of its own (one part: not multi-part)."""
    raw, text = text.strip(), to_halfwidth(text).strip()
    if lang == "en":
        parts = [p.strip(_END + ",") for p in _EN_JOIN.split(text) if p.strip()]
        if len(parts) < 2 or not all(_ASK_EN.search(p) for p in parts):  # "In 2022, how many ...": one ask
            return [raw]
        return _complete_en(parts, orgs, years)
    asks = list(_ASK_ZH.finditer(text))
    if len(asks) <= 1 and len(orgs) >= 2 and _joined_orgs(text, orgs):  # 张掖市政协和庆阳市政协的主席
        return _per_org(text, orgs)
    if len(asks) <= 1 and not _COMPARES.search(text) and not _TOTAL.search(text) and (y := _YEARS.search(text)):
        return _per_year(text, y)  # 2022年和2023年超级碗冠军是谁: the same question of each year
    if len(asks) == 1 and _EACH.search(text):
        return _per_org(text, orgs) if len(orgs) >= 2 else _per_item(text, orgs)
    if len(asks) == 1 and not _COMPARES.search(text) and (m := _ASKED_ITEMS.search(text)) and \
            "、" not in text[: m.start()]:  # 工作站、议事会和议事室有多少个: a list, one total
        return _per_item(text, orgs, _ASKED_ITEMS)  # 《人世间》的导演和编剧是谁: one ask of two things
    if not _ANY_ASK.search(text) and not _COMPARES.search(text) and (m := _KEYWORD_ITEMS.search(text)) and \
            "、" not in text[: m.start()]:  # 国葬的时间和地点, 2022年特斯拉和比亚迪交付量: keywords of two things
        parts = _per_item(text, orgs, _KEYWORD_ITEMS, paired_only=True)
        return parts if len(parts) > 1 else [raw]
    cuts = []
    for a, b in pairwise(asks):
        between = text[a.end():b.start()]
        joins = list(_PUNCT.finditer(between)) or list(_WORD_JOIN.finditer(between))
        if joins:
            cuts.append((a.end() + joins[-1].start(), a.end() + joins[-1].end()))
    if not cuts:
        return [raw]
    parts, at = [], 0
    for lo, hi in cuts:
        parts.append(text[at:lo])
        at = hi
    parts.append(text[at:])
    return _complete_zh([p.strip(_END) for p in parts], orgs, years)


# two years side by side (2022年和2023年, EMNLP2022和2023); a total over them (共, 合计) is one question
_YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)(年?)(?:和|与|及|、|以及)((?:19|20)\d\d)(年?)(?!\d)")
_TOTAL = re.compile(r"共|合计|累计|总和|加起来|两年|之间")


def _per_year(text: str, m: re.Match[str]) -> list[str]:
    """深圳大学2022年和2023年分别录取了多少名本科生 -> one question per year, each with all the rest."""
    suffix = m.group(2) or m.group(4)  # 2022和2023年: both years in 年
    rest = _EACH.sub("", text[m.end():]).strip(_END)
    return [f"{text[: m.start()]}{year}{suffix}{rest}" for year in (m.group(1), m.group(3))]


def _complete_zh(parts: list[str], orgs: list[str], years: list[int]) -> list[str]:
    """Give each later part what it leaves out: the first part's words before its ask, or the
    organisations and years the question names."""
    first = _ASK_ZH.search(parts[0])
    head = parts[0][: first.start()] if first else ""
    setting = _setting(head)
    out = [parts[0]]
    for p in parts[1:]:
        p = _LEAD.sub("", p)
        if _ASK_ZH.match(p):  # 几次监督性视察: the first part's verb too
            out.append(head + p)
            continue
        # 在专题协商中 ...; but a part naming its own thing (导演是谁 after 《心居》的主演有谁) takes the
        # place of the first part's (主演): the setting ends at its 的
        own = "的" in setting and _OWN_SUBJECT.match(p)
        p = (setting[: setting.rfind("的") + 1] if own else setting) + p
        missing = [o for o in orgs if not any(k and k in p for k in (o, o.removesuffix("政协"), org_key(o)))]
        when = "".join(f"{y}年" for y in years if str(y) not in p)
        out.append(when + "".join(missing) + p)
    return out


_OWN_SUBJECT = re.compile(r"[^，,的]{1,10}?是(?:谁|什么|多少|几|哪)")  # 委员满意率是多少, 导演是谁
_VERBISH = ("v", "d", "u", "p", "c", "m")  # jieba tags: verbs, adverbs, particles, prepositions, conjunctions, numerals (一共)


def _setting(head: str) -> str:
    """The first part's words before its own verb (西宁市政协在专题协商中形成了 -> 西宁市政协在专题协商中):
    the subject and setting a later part shares."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    words = [(w, f) for w, f in pseg.cut(head)]
    while words and words[-1][1].startswith(_VERBISH):
        words.pop()
    return "".join(w for w, _ in words)


def _complete_en(parts: list[str], orgs: list[str], years: list[int]) -> list[str]:
    if len(parts) < 2:
        return parts
    # later parts ("how many were registered") are about what the first names
    tail = " ".join([*orgs, *(str(y) for y in years)])
    return [parts[0], *(f"{p}{_ABOUT}{tail})" if tail else p for p in parts[1:])]


_ABOUT = " (about: "  # what a later English part is about, dropped again from its label


# keywords ending in a measure (2022年特斯拉交付量, 2021年香港的GDP增长率) or a place (国葬的地点): a part
# we wrote from them asks for that figure or place, not for a statement
_MEASURE_END = re.compile(r"(?:率|量|人数|次数|金额|营收|收入|利润|票房|价格|售价|销售额|总额|GDP)$", re.IGNORECASE)
_PLACE_END = re.compile(r"(?:地点|举办地|所在地)$")


def asked(part: str) -> str:
    """A keyword part as the question it stands for: 2022年特斯拉交付量 -> 2022年特斯拉交付量是多少,
    MU5735航班坠毁的地点 -> …的地点在哪里; any other part as it is."""
    if _ANY_ASK.search(part) or _COMPARES.search(part):
        return part
    if _MEASURE_END.search(part):
        return part + "是多少"
    if _PLACE_END.search(part):
        return part + "在哪里"
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
    return part.split(_ABOUT)[0]


_ORG_JOIN = re.compile(r"^(?:和|与|及|以及|、|跟)$")


def _joined_orgs(text: str, orgs: list[str]) -> bool:
    """Whether the question names its organisations side by side (A和B, A、B) and asks no comparison:
    the same question is then asked of each."""
    if _COMPARES.search(text):
        return False
    spans = sorted(_org_span(text, o) for o in orgs)
    if any(lo < 0 for lo, _ in spans):
        return False
    return all(_ORG_JOIN.match(text[a[1]:b[0]]) for a, b in pairwise(spans))


_COMPARES = re.compile(r"哪个|哪家|谁更|更多|更少|较多|较少|多还是|少还是|相比|比较|差距|之差|相差|一样|相同|不同|区别|合计|一共|总共|共计")


def _org_span(text: str, org: str) -> tuple[int, int]:
    """Where ``org`` (or its short forms) first stands in ``text``; (-1, -1) if nowhere."""
    for k in (org, org.removesuffix("政协"), org_key(org)):
        if k and (i := text.find(k)) >= 0:
            return i, i + len(k)
    return -1, -1


def _per_org(text: str, orgs: list[str]) -> list[str]:
    """城北区政协和大武口区政协分别收到了多少件提案 -> one question per organisation."""
    spans = [_org_span(text, o) for o in orgs]
    if any(lo < 0 for lo, _ in spans):
        return [text]
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    rest = _EACH.sub("", text[:lo] + "\0" + text[hi:])
    return [rest.replace("\0", o).strip(_END) for o in orgs]


_ITEMS = re.compile(r"(?:和|与|及|、)([^，,、和与及]{1,12}?)(?:分别|各自|各)")
_ANY_ASK = re.compile(r"什么|哪|谁|多少|几|何|吗|怎|如何|是否|\b(?:what|which|who|how|when|where)\b", re.IGNORECASE)
# keywords naming two things, the second running to the end: 2022年特斯拉和比亚迪交付量
_KEYWORD_ITEMS = re.compile(r"(?<![、参给])(?:和|与|及)([^，,、和与及]{1,16}?)[?？!！。.]?\s*$")
# two things asked with one ask right after the second: 导演和编剧是谁, 开始和结束时间是什么时候
_ASKED_ITEMS = re.compile(r"(?<![、参给])(?:和|与|及)([^，,、和与及的]{1,6}?)(?=是谁|是什么|是多少|是几|是哪|有谁)")


def _per_item(text: str, orgs: list[str], items: re.Pattern[str] = _ITEMS, paired_only: bool = False) -> list[str]:
    """城北区政协的提案办理率和满意率分别是多少 -> 城北区政协的提案办理率是多少, 城北区政协的满意率是多少.
    The first item starts after the last 的, organisation name or punctuation before the 和. With
    ``paired_only`` (keywords, no ask) only items naming things, places or years are cut:
    城北区政协开展集中学习和讲党课的次数 stays one query."""
    m = items.search(text)
    if m is None:
        return [text]
    before = text[: m.start()]
    marks = [before.rfind(c) + 1 for c in "的，,：:"] + [before.rfind(k) + len(k) for o in orgs
                                                   for k in (o, org_key(o)) if k and before.rfind(k) >= 0]
    lo = max([0, *marks])
    if lo >= m.start():
        return [text]
    first, second, tail = _parallel(text[lo : m.start()], m.group(1), strict=paired_only)
    if paired_only and not _nominal_pair(first, second):
        return [text]  # 城北区政协九届三次会议期间提交和立案的提案数: one statement holds both
    stem, rest = text[:lo] + text[lo : m.start()][: -len(first)], text[m.end():]
    return [f"{stem}{item}{tail}{rest}".strip(_END) for item in (first, second)]


def _parallel(before: str, after: str, strict: bool = False) -> tuple[str, str, str]:
    """The two coordinated items and what they share after them: 澳网男单 | 女单冠军 -> 男单, 女单, 冠军
    (2022年澳网男单和女单冠军分别是谁 asks for 澳网男单冠军 and 澳网女单冠军). Tried in order: a one-word
    first item, words the two share, a common ending, the words before 的, a repeated first word, and
    last word with first word (``strict``: only names). Without any, the items are ``before`` and
    ``after`` whole (提案办理率和满意率)."""
    wb, wa = _words(before), _words(after)
    if not wb or len(wa[0][0]) < 2:  # 冬残奥会 cut 冬|残奥会: no item to pair
        cut = after.find("的")  # ...but 冬奥会和冬残奥会的开幕日期 asks for each one's 开幕日期
        return (before, after[:cut], after[cut:]) if cut > 0 else (before, after, "")
    head = wa[0][0]
    if len(wb) == 1:  # 开始和结束时间, 2022年和2023年高考人数: the one word pairs with the other's first
        return (before, head, after[len(head):]) if len(wa) > 1 else (before, after, "")
    for k in range(len(wa) - 1, 1, -1):  # 女子双人10米跳台和男子双人10米跳台冠军: they share 双人10米跳台
        common = "".join(w for w, _ in wa[1:k])
        if before.endswith(common) and len(before) > len(common):
            peer = _words(before[: -len(common)])[-1][0]
            return peer + common, head + common, after[len(head) + len(common):]
    for n in (2, 1):  # 成都大运会和杭州亚运会, 男单和女单冠军: the items end alike
        j = after.find(before[-n:]) + n
        if n <= j <= len(before) and (n == 2 or j <= 2):
            return before[-j:], after[:j], after[j:]
    if (cut := after.find("的")) > 0:  # 宣誓仪式及首次会议的时间: as many words as the second item has
        k = len(_words(after[:cut]))
        if k < len(wb):
            return "".join(w for w, _ in wb[-k:]), after[:cut], after[cut:]
    heads = [i for i, (w, _) in enumerate(wb[:-1]) if w == head]
    if heads:  # 最佳女主角和最佳男主角: the first item starts where the second's first word stands
        return "".join(w for w, _ in wb[heads[-1]:]), after, ""
    (last, last_tag), head_tag = wb[-1], wa[0][1]
    names = last_tag[:2] in _NAMES and head_tag[:2] in _NAMES
    if len(last) < 2 or ((len(wa) == 1 or strict) and not names):  # strict: keywords (集中学习|交流 研讨的次数)
        return before, after, ""  # 提案办理率和满意率; 委员工作室和联络站
    return last, head, after[len(head):]


def _nominal_pair(first: str, second: str) -> bool:
    """Both items are as many words (at most three) naming things, places, years (香港|澳门, 时间|地点,
    成都大运会|杭州亚运会), not actions (提交|立案, 研讨交流|主题党日的次数): keywords that coordinate
    actions ask for one statement."""
    a, b = _words(first), _words(second)
    return len(a) == len(b) <= 3 and all(t[:1] in "ntxjm" or t == "eng" for _, t in (*a, *b))


_NAMES = ("ns", "nr", "nt", "nz", "eng")  # jieba tags of places, people, organisations, other proper names


def _words(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their tags; a year (2021年) is one word."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    out: list[tuple[str, str]] = []
    for w, tag in pseg.cut(text):
        if w == "年" and out and out[-1][0].isdigit():
            out[-1] = (out[-1][0] + w, "t")
        else:
            out.append((w, tag))
    return out
