"""An answer's whole extent, once it is chosen: all of a list of names, both ends of a range, a
thing with the head noun the question names.

The reader and the rules each read one item: 张昊 of 主演张丹、张昊, 1兆倍 of 100万到1兆倍,
10月30日 of 10月30日至11月2日. The answer a user needs is the whole of what the sentence says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from qa.answer import namelists
from qa.answer.edges import (
    asks_several,
    date_range_end,
    enumerated,
    figure_range,
    headed,
    listed_item,
    words_of,
)
from qa.answer.evidence import Sentence
from qa.answer.extractors import ASKS_TIME, TIME_NEXT, Candidate
from qa.answer.question import Question
from qa.answer.spanfit import verb_only
from qa.models import Passage
from qa.text.normalize import normalize_for_match


def whole(q: Question, best: Candidate) -> Candidate:
    """``best`` over the whole of what its sentence says in answer to ``q``."""
    text, start, end = best.sentence.text, best.start, best.end
    if q.kind == "person":  # one of several listed: all of them (主演张丹、张昊)
        end = _dotted_name_end(text, start, end)  # 罗伯特·艾格将重新出任首: 罗伯特·艾格
        start, end = namelists.said_where_asked(q.terms, text, start, end)  # 航天员A、B、C…，A担任指令长
        start, end = namelists.whole_list(text, start, end, q.text)
        start, end = namelists.described_list(text, start, end, q.text)  # 法国科学家阿兰·阿斯佩、美国科学家…
    elif q.kind == "number":  # 100万到1兆倍: the whole range, whichever end was read
        start, end = figure_range(text, start, end)
        end += len(q.counted) if _counted_after(q, text, end) else 0  # 多少名观众: 6,476名观众
        if _ASKS_DIRECTION.search(q.text) and (m := _DIRECTION_BEFORE.search(text[:start])):
            start = m.start()  # 同比变化是多少: 下降0.3%, which way as well as how much
    elif q.kind == "other" and _ASKS_DIRECTION.search(q.text) and re.match(r"\d", text[start:end]) and (
            m := _DIRECTION_BEFORE.search(text[:start])):
        start = m.start()  # 常住人口比上年增加了吗: 减少12万人, the way it went answers the yes or no
    elif q.kind == "date":  # 访华时间: 10月30日至11月2日, the whole stay
        end = date_range_end(text, end)
        if (m := _PART_OF_MONTH.match(text, end)) and re.search(r"[年月]$", text[start:end]):
            end = m.end()  # 9月底, 2024年初: when in the month or year, as it is written
        if _ASKS_MONTH.search(q.text) and (m := _MONTH_NEXT.match(text, end)):
            end = m.end()  # 哪一年哪个月: 2020年6月, not 2020年
        if ASKS_TIME.search(q.text) and re.search(r"[日号]$", text[start:end]) and (m := TIME_NEXT.match(text, end)):
            end = m.end()  # 什么时间接到报警: 7月23日14时56分, the time of day as well
    elif q.kind == "entity" and q.lang == "zh":  # 什么考核体系: 州直部门目标考核体系, with its head
        end = headed(q.text, text, start, end)
        start, end = listed_item(q.text, text, start, end)  # 除了A、B，还有哪一种
    if q.kind == "entity":
        end = _named_after(text, start, end)
        if text[start] == "《" and (close := text.find("》", start)) > 0 and verb_only(text[close + 1:end]):
            end = close + 1  # 由《瞬息全宇宙》获得: the title
        start, end = _quoted_name(q, text, start, end)
    if q.kind in ("entity", "other") and q.lang == "zh" and asks_several(q.text):  # 哪些: the whole list
        start, end = enumerated(text, start, end)
    start = _larger_units_before(text, start)  # 有期徒刑多久: 三年二个月, the years too
    if (start, end) == (best.start, best.end):
        return best
    return replace(best, answer=text[start:end], start=start, end=end)


def listed_again(q: Question, best: Candidate, sentences_of: Callable[[Passage], list[Sentence]]) -> Candidate:
    """Who was asked and ``best`` names one person that another sentence (of its passage first, then of the other
    passages ``sentences_of`` gives) lists with others, saying what the question asks about: that list (吕利耶 read
    in 吕利耶是…第五位获得诺贝尔物理学奖的女性 is one of 将2023年诺贝尔物理学奖授予皮埃尔·阿戈斯蒂尼、费伦茨·克劳斯和安妮·吕利耶)."""
    if q.kind != "person" or best.answer != best.sentence.text[best.start:best.end]:
        return best
    said = [*q.terms, *(e.text for e in q.entities if e.kind == "name")]  # and a title jieba cuts (《流浪地球2》)
    again = namelists.listed_again(said, best.sentence.text, best.answer, lambda: sentences_of(best.sentence.passage))
    if again is None:
        return best
    sentence, start, end = again
    return replace(best, answer=sentence.text[start:end], sentence=sentence, start=start, end=end)


_SAYS = re.compile(r"[将是在说就把被对向从为的了已曾要会]")  # a word after a name that starts what is said of it


_ASKS_NAME = re.compile(r"叫什么|什么名|名字|名称|称为|叫做")
_QUOTE = re.compile(r"“[^“”]{1,20}”")


def _quoted_name(q: Question, text: str, start: int, end: int) -> tuple[int, int]:
    """Asked what a thing is called, a span that says the question's own words, one quoted name and then what is
    said of it (第6号台风“卡努”目前位于日本冲绳以南海面 for 第6号台风叫什么): the name."""
    quotes = list(_QUOTE.finditer(text, start, end)) if _ASKS_NAME.search(q.text) else []
    if len(quotes) != 1:
        return start, end
    m = quotes[0]
    said = normalize_for_match(text[start:m.start()])
    if said and said not in q.norm:
        return start, end
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    post = text[m.end():end]
    if normalize_for_match(post) in q.norm or not any(w.flag.startswith("v") for w in pseg.cut(post)):
        return start, end  # “宁睿协”手机APP: the name goes on; 叫什么审批: “不见面”审批, the kind asked
    return m.start(), m.end()


def _dotted_name_end(text: str, start: int, end: int) -> int:
    """Where a span that opens with a transliterated name (罗伯特·艾格) and runs on into what is said of it (将重新出任首)
    ends: at the name, the first character after its last dot that starts a clause's saying; ``end`` otherwise."""
    dot = text.rfind("·", start, end)
    if dot < 0 or (m := _SAYS.search(text, dot + 2, end)) is None:
        return end
    return m.start() if re.fullmatch(r"[\u4e00-\u9fff·]+", text[start:m.start()]) else end


# what a description of a body ends in, before the body's own name (美国人工智能公司OpenAI)
_BODY_END = re.compile(r"(?:公司|集团|企业|机构|厂商|银行|实验室|研究院|研究所|团队|平台|巨头)$")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*(?: [A-Z][A-Za-z0-9]*)*")
_NAME_TAGS = ("nr", "nz", "nt", "j")  # and an abbreviation jieba knows (英|伟达 starts j)
_NAME_STOP = ("v", "p", "c", "u", "d", "t", "f", "r", "m", "q")


def _named_after(text: str, start: int, end: int) -> int:
    """The end of the body's name after an answer that only describes it: 美国人工智能公司 read for 哪家公司发布了
    Sora is 美国人工智能公司OpenAI (a name in Latin letters, or one jieba tags, up to the next verb)."""
    if not _BODY_END.search(text[start:end]):
        return end
    if m := _LATIN_NAME.match(text, end):
        return m.end()
    words, at = words_of(text[end:end + 12]), end
    if not words or not words[0][2].startswith(_NAME_TAGS):
        return end
    for a, b, tag in words:
        if tag.startswith(_NAME_STOP) or not re.fullmatch(r"[\u4e00-\u9fff]+", text[end + a:end + b]):
            break
        at = end + b
    return at if at - end <= 6 else end


def _counted_after(q: Question, text: str, end: int) -> bool:
    """The noun a question counts (观众 of 多少名观众) written right after the figure, as reading-comprehension
    answers quote it (CMRC 2018: 6,476名观众, 2,173个坐席): a noun, or any word after a classifier (多少个坐席:
    jieba calls 坐席 a verb); not what follows 多少人 (多少人受伤: 23人)."""
    noun = q.counted
    if not noun or not text.startswith(noun, end):
        return False
    words = words_of(noun)  # after a classifier, one word (坐席), not a clause (多少名科学家参会)
    return all(t.startswith("n") for _, _, t in words) or (
        len(words) == 1 and re.search(_CLASSIFIED + re.escape(noun), q.text) is not None)


_CLASSIFIED = r"(?:多少|几)[个名台辆只家件项座条艘架位所种款部张套本]"


# a change asked without its direction (CPI同比变化, 涨跌幅是多少): the direction written before the figure
# which way a figure moved: 同比变化, 涨了还是跌了, 比上年增加了吗 (a yes or no is answered by 减少12万人)
_ASKS_DIRECTION = re.compile(r"变化|变动|涨跌|升降|增减|怎么变|如何变|[涨增升跌降减]了?还是|还是[涨增升跌降减]|"
                             r"(?:增加|减少|上涨|下降|增长|下跌|上升|提高|降低)了?吗")
_DIRECTION_BEFORE = re.compile(r"(?:下降|上涨|增长|减少|下跌|上升|回落|降低|提高|增加|下滑|攀升|上调|下调)了?$")
_PART_OF_MONTH = re.compile(r"中下旬|上中旬|上旬|中旬|下旬|上半月|下半月|底|初|末")


_NUMERAL = r"(?:\d+(?:\.\d+)?|[零一二三四五六七八九十两百]+)"
# a length in larger units right before one in smaller ones: 三年|二个月, 1小时|30分钟, 2分|15秒
_LARGER_BEFORE = re.compile(rf"{_NUMERAL}(?:年|个?小时|天|分钟?)零?$")
_SMALLER = re.compile(rf"{_NUMERAL}(?:个月|个?小时|天|分钟?|秒)")
_ASKS_MONTH = re.compile(r"哪个?月|几月|哪一月|什么月|月份")
_MONTH_NEXT = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?!\d)")


def _larger_units_before(text: str, start: int) -> int:
    if not _SMALLER.match(text, start):
        return start
    m = _LARGER_BEFORE.search(text[max(0, start - 12):start])
    return start - len(m.group()) if m else start


__all__ = ["whole"]
