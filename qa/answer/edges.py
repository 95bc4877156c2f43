"""A reader span's edges on word boundaries, without the function words around it.

The reader picks its start and end among e5's sub-word pieces, which do not follow Chinese words:
on text nobody tuned for (the reader's held-apart articles) it answers 孙渊 for 公孙渊, 和混凝土坝
for 混凝土坝, 与苏联海军, 毛利家的. jieba's segmentation of the sentence says where the words are:
a word the span cuts is taken whole when most of it is inside, and a leading conjunction or
preposition (和, 与, 对于, 就在) or a trailing 的 is dropped — reading-comprehension answers are
phrases, not the words that join them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.text.normalize import Quantity, extract_quantities

_LEADING = frozenset("cp")  # jieba tags: conjunction, preposition
_KEPT_VERBS = frozenset({"有", "无", "没有", "未", "非"})
_LEADING_BEFORE_PREPOSITION = "d"  # an adverb before a preposition: 就在
_TRAILING = frozenset({"uj"})  # 的
_LOCATIVES = frozenset("中内里上")  # 双打比赛中: where the thing asked for is used, not its name
_PLACE_VERB_ENDS = frozenset("于在入往至自近")  # 位于, 设在, 转入, 迁往, 移至, 来自, 邻近


def _copula_at(text: str, inside: list[tuple[int, int, str]], i: int) -> bool:
    """``inside[i]`` is a leading 是, or an adverb right before one (则|是, 就|是, 正|是)."""
    word = text[inside[i][0]:inside[i][1]]
    nxt = text[inside[i + 1][0]:inside[i + 1][1]]
    return word == "是" or (inside[i][2][:1] == "d" and nxt == "是" and i + 2 < len(inside))


def tidy(text: str, start: int, end: int, noun: bool = False, why: bool = False) -> tuple[int, int]:
    """``[start, end)`` of ``text`` on jieba word boundaries and without function words at its edges
    (never emptied: a span that is nothing else is returned as it was). ``noun``: the question asks
    which thing (:func:`asks_noun`), so a verb leading into it and a trailing preposition or locative go too
    (订立「兄弟国的盟约」, 属亚热带季风性湿润气候, 乾隆于, 双打比赛中). Not a trailing verb: jieba tags noun
    suffixes as verbs (碎波带, 柴湾站, 亚麻属). ``why``: the question asks why (:func:`asks_why`), so a
    leading 因为/由于/因 is the reason's own first word and stays (由于放线菌酮拥有非常强烈的毒性)."""
    words = _words(text)
    a, b = start, end
    if noun and (m := _SETTING.match(text, a, b)) and b - m.end() >= 2:
        a = m.end()  # 盘面上，|房地产、白酒板块: the scene set before the thing asked is no part of it
    figure = _FIGURE.fullmatch(text, start, end) is not None  # a figure is never cut: 9% of 0.29% is no figure
    for s, e, t in words:
        if s < a < e and (_mostly(e - a, a - s) or (figure and _DIGITS.fullmatch(text[s:e]))):
            a = s  # most of the word is inside: take it whole
        if s < b < e and (_mostly(b - s, e - b) or (figure and _DIGITS.fullmatch(text[s:e]))) \
                and not (e - b == 1 and t == "x" and text[b] in GLUED):
            b = e  # ...but not a 以 jieba glued to a name it does not know (特博戈以|9秒88)
    inside = [w for w in words if a <= w[0] and w[1] <= b]
    i, j = 0, len(inside)
    while i < j - 1 and not (why and text[inside[i][0]:inside[i][1]] in _REASONS) and (
            _tag(inside[i][2]) in _LEADING
            or (inside[i][2][:1] == _LEADING_BEFORE_PREPOSITION and inside[i + 1][2][:1] == "p")
            or _copula_at(text, inside, i)  # 则是“江南忆”…: what the span says is, not the saying
            or (noun and _verb_before_name(text, inside[i], inside[i + 1]))):  # fmt: skip
        i += 1
    while j - 1 > i and (_tag(inside[j - 1][2]) in _TRAILING or (noun and inside[j - 1][2] == "p")
                         or (noun and text[inside[j - 1][0]:inside[j - 1][1]] in _LOCATIVES)):
        j -= 1
    if not inside or i >= j:
        return start, end
    return (inside[i][0] if i else a), (inside[j - 1][1] if j < len(inside) else b)


# a short opening that sets the scene, then a comma (盘面上，此外，其中，从结构看，)
_SETTING = re.compile(r"[^，,。；;、]{0,4}(?:[上中下外里时后前看]|此外|其中|同时|另外|目前|据悉|据了解)[，,]\s*")
_DIGITS = re.compile(r"\d[\d.．%％]*|[.．]\d[\d.．%％]*")
_FIGURE = re.compile(r"[\d.．]+[%％]?[\u4e00-\u9fff]{0,2}")
GLUED = frozenset("以于在和与及将被把为对向从获是")  # function words jieba's HMM joins to the unknown name before them


def _mostly(inside: int, outside: int) -> bool:
    """Whether a word the span cuts is mostly inside it: more than half, or half of a word longer than
    two characters (班师|回朝, 英国|伦敦). Half of two is one character either way: 长子|孙登, 国际人道|法中
    are words of jieba's that the answer only touches; so is 如尼|字母 then, where the rules' candidate
    still answers 如尼字母 (held-apart articles end to end: 2 answers right more, none fewer)."""
    return inside > outside or (inside == outside and inside > 1)


def _verb_before_name(text: str, word: tuple[int, int, str], nxt: tuple[int, int, str]) -> bool:
    """A verb that leads into the thing asked for, not one that qualifies it (濒危物种, 应用心理学家
    keep theirs): one character (属亚热带…), before a quotation mark (订立「…」), or a two-character
    verb of place (位于, 生于, 迁往, 来自, 邻近) before a place name. Not any verb before a place:
    jieba tags some place names as verbs (彰化鹿港人). Never 有 or 无: 有语言学家认为, 无防护 say it."""
    if word[2] != "v" or text[word[0]:word[1]] in _KEPT_VERBS:
        return False
    if word[1] - word[0] == 2 and text[word[1] - 1] in _PLACE_VERB_ENDS and nxt[2] == "ns":
        return True
    return word[1] - word[0] == 1 or text[nxt[0]] in "「『“《\""


def _tag(flag: str) -> str:
    """A jieba tag as the edges compare it: 的 (uj) whole, others by their kind (p, c, d, …)."""
    return flag if flag in _TRAILING else flag[:1]


_REASONS = frozenset({"因为", "由于", "因"})
_ASKS_WHY = re.compile(r"为什么|为何|因何|何故|什么原因|原因是什么|\bwhy\b", re.IGNORECASE)


def asks_why(question: str) -> bool:
    """The question asks for a reason (为什么, 因何, 什么原因)."""
    return _ASKS_WHY.search(question) is not None


#: "which thing": 哪国, 哪一个, 何处, 什么语言 (not 为什么, 什么时候, 什么意思, 什么样)
_ASKS_NOUN = re.compile(r"哪(?!怕|些方面)|何(?:处|地|国|种|人)|(?<!为)什么(?![时意样])[\u4e00-\u9fff]")


def asks_noun(question: str) -> bool:
    """The question asks which thing (a place, a name, a kind), so its answer is a noun phrase."""
    return _ASKS_NOUN.search(question) is not None


@lru_cache(maxsize=2048)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, part-of-speech tag) of each jieba word of ``text``: the tag its dictionary gives
    the word (``x`` for one it does not hold). Not ``jieba.posseg.cut``: its tagging HMM took 13.6 ms
    per retrieved passage of ~170 characters against 1.4 ms for this, for the same held-apart scores
    (F1 0.769 / 0.768)."""
    import jieba
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    tags = pseg.dt.word_tag_tab
    out, pos = [], 0
    for word in jieba.cut(text):
        flag = tags.get(word, "x")
        out.append((pos, pos + len(word), flag))
        pos += len(word)
    return tuple(out)


def words_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, jieba dictionary tag) of each word of ``text`` (``x`` for a word it does not hold)."""
    return _words(text)


# 纳入了什么考核体系, 落实的是哪项规定 name the head noun of what it asks for (not 为重点, 样的, 时候, 意思, 名字;
# 由什么引发的: a verb and its 的)
_HEAD = re.compile(r"(?:什么|哪一?[项种条部类])(?![为是样时意名地])([\u4e00-\u9fff]{2,4}?)(?<![的了])(?=[?？。,，!！]|$|呢|吗)")
_BREAK = re.compile(r"[，,。；;：:！？!?、“”《》()（）\s]")


def headed(question: str, text: str, start: int, end: int, reach: int = 4) -> int:
    """The end of an answer ``text[start:end]`` taken on to the head noun the question names after 什么
    when the sentence has it just after the span (纳入了什么考核体系: 州直部门目标 -> 州直部门目标考核体系;
    完善落实的是什么闭环机制: 党内政治要件 -> 党内政治要件工作闭环机制): the phrase asked for is whole
    with its head (of up to four characters: ten took verb phrases on CMRC 2018 dev, 作为什么发生很多反应 ->
    强碱发生很多反应). Within ``reach`` characters, no punctuation between."""
    m = _HEAD.search(question)
    if m is None:
        return end
    head = m.group(1)
    if text[start:end].endswith(head):
        return end
    at = text.find(head, end, end + reach + len(head))
    if at < 0 or _BREAK.search(text[end:at]):
        return end
    return at + len(head)


#: "which ones": 哪些, 哪几, 哪两 (not 哪一)
_ASKS_SEVERAL = re.compile(r"哪(?:些|几|两|三|四|五)")
_CLAUSE = re.compile(r"[，,；;。：:！？!?]")


def asks_several(question: str) -> bool:
    """The question asks which ones (哪些, 哪几, 哪两): its answer may be a list."""
    return _ASKS_SEVERAL.search(question) is not None


def enumerated(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` taken to the whole clause (between commas, semicolons, colons, sentence ends)
    when that clause enumerates with 、 and the span, inside it, is one item of it; without a leading
    function word or verb (:func:`tidy`). On the reader's training questions asking 哪些/哪几 whose answer
    is a list (69, DRCD and CMRC 2018 trial), one item of the list taken this way scores F1 0.84 against
    0.29 (starting the list after the last verb or preposition before it scored lower: those answers
    often keep the words that lead into it, 分布于福建、…)."""
    if _CLAUSE.search(text, start, end) or "、" in text[start:end]:
        return start, end  # already more than one clause (a statement), or already a list
    a = max([m.end() for m in _CLAUSE.finditer(text, 0, start)], default=0)
    m = _CLAUSE.search(text, end)
    b = m.start() if m else len(text)
    if "、" not in text[a:b]:
        return start, end
    a, b = tidy(text, a, b, noun=True)
    return min(a, start), max(b, end)


def listed_item(question: str, text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` taken to the whole item of the 、-list it cuts, when the question names other
    items of that list, two or more (除了提案办理协商、季度协商、界别协商，还有哪一种: 网络 -> 网络远程协商):
    the question asks for the item it left out. A list's items usually share their head (…协商), so the
    last item ends at the head the others end with, not at the clause's end (…网络远程协商为常态的格局)."""
    if _CLAUSE.search(text, start, end) or "、" in text[start:end]:
        return start, end
    a = max([m.end() for m in _CLAUSE.finditer(text, 0, start)], default=0)
    m = _CLAUSE.search(text, end)
    b = m.start() if m else len(text)
    cuts = [a - 1, *[i for i in range(a, b) if text[i] == "、"], b]
    items = [(cuts[i] + 1, cuts[i + 1]) for i in range(len(cuts) - 1)]
    if len(items) < 3:
        return start, end
    inner = [text[s:e] for s, e in items[1:-1]]  # whole items: the first and last run into the clause
    if sum(len(w) >= 2 and w in question for w in inner) < 2:  # one item named is the question's subject
        return start, end  # (边防派出所是哪一个部队设置的: not the items it leaves out)
    s, e = next((s, e) for s, e in items if s <= start and end <= e)
    if (s, e) == items[-1]:
        head = _shared_end(inner)
        at = text.find(head, start, e) if head else -1
        e = at + len(head) if at >= 0 else end
    if (s, e) == items[0]:
        s = tidy(text, s, e, noun=True)[0]
    return min(s, start), max(e, end)


def _shared_end(words: list[str]) -> str:
    """The longest ending all ``words`` share (协商 of 季度协商, 界别协商), or ""."""
    n = 0
    while all(len(w) > n for w in words) and len({w[len(w) - n - 1] for w in words}) == 1:
        n += 1
    return words[0][len(words[0]) - n:] if n else ""


def counts_only(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` holds only numerals, measure words and place words (jieba m/q/f:
    两派, 之间, 中): what may follow a name without being part of it (西人党两派)."""
    words = [w for w in _words(text) if start <= w[0] < end]
    return bool(words) and words[-1][1] <= end and all(w[2][:1] in "mqf" for w in words)


# a date's range on to a second day: 10月30日至11月2日, 11月9日至11日, 4月5日—7日
_RANGE_END = re.compile(r"\s*(?:至|到|—|－|-|~|～)\s*(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}[日号]")


def date_range_end(text: str, end: int) -> int:
    """The end of a date at ``text[:end]`` taken on through the second day of a range right after it
    (访华时间: 10月30日至11月2日, both days); ``end`` when no range follows."""
    if end >= 2 and text[end - 1] in "至到—－-~～" and text[end - 2] in "日号":
        end -= 1  # a span that stops at the range's 至 (7月26日至): the range goes on
    m = _RANGE_END.match(text, end)
    return m.end() if m and text[end - 1:end] in ("日", "号") else end  # the first date ends in its day


# between the two ends of a range of figures: 100万到1兆倍, 3至5人, 10～15%
_TO = re.compile(r"\s*(?:至|到|—|－|-|~|～)\s*")


def figure_range(text: str, start: int, end: int) -> tuple[int, int]:
    """A figure at ``text[start:end]`` with the other end of the range it is one end of (星系的质量在太阳的
    100万到1兆倍之间: both figures, whichever was read); ``(start, end)`` when it is none. A change is
    no range: after 从/由 (从50件增加到80件) the figures are a before and an after."""
    found = extract_quantities(text)
    at = next((i for i, q in enumerate(found) if q.start < end and start < q.end), None)
    if at is None:
        return start, end
    lo = hi = at
    if hi + 1 < len(found) and _joined(text, found[hi], found[hi + 1]):
        hi += 1
    elif lo > 0 and _joined(text, found[lo - 1], found[lo]):
        lo -= 1
    if lo == hi:
        return start, end
    return min(start, found[lo].start), max(end, found[hi].end + len(_unwritten(text, found[lo], found[hi]) or ""))


def _joined(text: str, a: Quantity, b: Quantity) -> bool:
    """``a`` and ``b`` are the two ends of one range: only a 至/到/dash between them (after a unit
    written with both, 1.6万光年到16万光年), the same unit or the unit written once at the end, and no
    从/由 before the first."""
    return (_unwritten(text, a, b) is not None and (not a.unit or a.unit == b.unit)
            and not re.search(r"[从由]", text[max(0, a.start - 2):a.start]))


def _unwritten(text: str, a: Quantity, b: Quantity) -> str | None:
    """What ``a`` is followed by before the 至/到 that ``b`` is followed by too: a unit the figures
    do not know (光年); "" for none, ``None`` when ``a`` and ``b`` are no range."""
    m = _TO.search(text, a.end, b.start)
    if m is None or m.end() != b.start or m.start() - a.end > 3:
        return None
    unit = text[a.end:m.start()]
    return unit if not unit or (text.startswith(unit, b.end) and not re.search(r"[\d，,。；;、]", unit)) else None


__all__ = ["GLUED", "asks_noun", "asks_several", "asks_why", "counts_only", "date_range_end", "enumerated", "figure_range",
           "headed", "listed_item", "tidy", "words_of"]
