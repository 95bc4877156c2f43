"""Two things joined by 和 and asked one thing, without 分别 (卡塔尔世界杯决赛的比分和冠军是什么, 谁获得了2023年澳网
男单和女单冠军, 杭州亚运会和成都大运会在什么时候开幕): the question of each. The last form
:func:`qa.answer.intent.split` tries, after the forms that say "each" or name organisations, years, days or
places; what the two share is found by :func:`qa.answer.coordinated.per_item`.
"""

from __future__ import annotations

import re

from qa.answer.coordinated import EACH, per_item, unquoted
from qa.answer.each import TOTAL
from qa.answer.tagging import tagged_words

# the second thing: after 和/与/以及 (not 参与, 给与), up to where what both share begins: 的, a preposition, 是,
# 各 or 分别, a year, a comma or the end (an ask right after it makes it a doing: 履职通编发了多少篇)
_SECOND = re.compile(r"(?<![、参给])(?:以及|和|与)([^，,、和与及的在于是？?]{1,12}?)"
                     r"(?=的|在|于|是|各|分别|(?:19|20)\d\d|[，,？?]|$)")
# 和 or 与 standing for "together" or "between": one thing asked of both (中国和美国签署了什么协议, A与B之间的距离,
# 张三和李四主演的电影); a comparison or a total is one question as well
_TOGETHER = re.compile(r"之间|共同|一起|联合|联手|携手|合作|合资|合拍|双方|两国|两队|两人|两者|哪两|对阵|交手|相遇|会谈|会晤|"
                       r"会见|签署|签订|达成|结婚|主演|一同|一道|陪同|关于|有关|围绕|针对|对于|连接|连通|往返|贸易|进出口|往来|交流|双边|"
                       r"关系|联系|区别|不同|异同|相同|一样|共同点|比例|比率|比值|合称|并称|统称|总称|"
                       r"差距|相差|之差|对比|相比|比较|组成|合并|同时|总和|之和|合计|一共|"
                       r"总共|共有|哪个|哪家|哪一个|谁更|还是|更(?=[多少高低大小早晚快慢强好长短远近])|"
                       r"都(?=[是有在要会能获参出进来去拿得被已曾没不举发达将])|均(?=[为是有在达获])")
# after the two, a match between them (车江一村和忠诚村90分钟内踢成几比几, 总比分): one score of both
_MATCH = re.compile(r"比分|几比几|比赛|决赛|对决|交锋|战平|战胜|击败|踢成|打成|对手")
# 银河系和其他星系: the rest of a kind, taken with the first
_OTHERS = re.compile(r"其他|其它|其余|别的|另外")
# 各 before a verb asks of each, as 分别 does (梅西和C罗各进了几个球); the parts ask it of one
_EACH_VERB = re.compile(r"各(?=[进赢拿夺得获增涨跌降卖售占是为有要报交发推实完达用花投建开办])")
# how many of A and B counts both at once (打造了几个委员驿站和委员工作室, 党支部和功能型支部的会议开了多少次)
_COUNT = re.compile(r"多少|几")
_CLASSIFIER = re.compile(r"[次个件项场名人家所篇条支位座台辆枚块批届期]")
_ASK = re.compile(r"谁|什么|哪|多少|几|何时|何地|多久|多长|多大|多高|多远")
# a place in a ranking, of which 哪 asks of each (冠军和亚军是哪部电影)
_PLACED = re.compile(r"(?:冠军|亚军|季军|第[一二三四五六七八九十\d]{1,3})$")
# not 及: it joins one region's names (东欧及东南欧的人…使用哪一种字母, one answer for both)
_JOINS = re.compile(r"(?<![、参给温总共缓暖饱柔随祥调融平附应唱违])(?:以及|和(?![平谐睦蔼煦])|与(?![会其]))")
_CLAUSES = re.compile(r"[^，,；;：:。？?！!]+")


def asked_pair(text: str, orgs: list[str]) -> list[str]:
    """The question asked of each of two things joined by 和, 与 or 以及 before or after its one ask; empty
    when the question joins no such pair, joins more than two, or asks of both together."""
    bare = unquoted(text)  # a name's 和 (“太和夜话”) joins nothing
    joins, asks = list(_JOINS.finditer(bare)), list(_ASK.finditer(bare))
    if len(joins) != 1 or len(asks) != 1 or "、" in bare or _TOGETHER.search(bare) or TOTAL.search(bare) or \
            EACH.search(bare):  # 分别 is for the forms before this one
        return []
    join, ask = joins[0], asks[0]
    counts = _COUNT.match(ask.group()) and _CLASSIFIER.match(bare, ask.end())
    if _MATCH.search(bare, join.end()) or _OTHERS.match(bare, join.end()) or not _own_word(bare, join) or \
            (join.start() - 4 < ask.end() <= join.start() and not counts) or (ask.group() == "哪" and not (
                bare.startswith("些", ask.end()) or _PLACED.search(bare, 0, join.start()))):
        return []  # 谁与织田信长…: the ask is one of the two; 规模和客户规模是哪一家公司: which one, of both
        # (哪些球队获得了NBA和CBA总冠军, 票房冠军和亚军是哪部电影: of each)
    # the ask in the join's own clause (什么时候开始，中国和俄罗斯境内的…: a question about one thing, told of both);
    # before the join, who or what of both (谁获得了…男单和女单冠军), never how many
    clause = next(c for c in _CLAUSES.finditer(bare) if c.start() <= join.start() < c.end())
    second = _SECOND.match(bare, join.start())
    kin = second is not None and _kin(bare[clause.start():join.start()], second.group(1))
    if not clause.start() <= ask.start() < clause.end() or (counts and not (_EACH_VERB.search(bare) or kin)) or \
            (ask.start() < join.start() and _COUNT.match(ask.group()) and not kin):
        return []  # 党支部和功能型支部的会议开了多少次: one count of both, unless 各 or two of a kind (金牌和银牌)
    if second is None or _ASK.search(second.group(1)) or _verb_last(second.group(1)) or \
            (_verb_last(first := bare[clause.start():join.start()]) and not _echoes(first, second.group(1))) or \
            _doings(first, second.group(1)):
        return []  # 固化提升的模式, 联系和走访委员的: two doings of one thing
    parts = [_EACH_VERB.sub("", p, count=1) for p in per_item(text, orgs, _SECOND)]
    if len(parts) != 2 or any(len(p) < 4 for p in parts) or parts[0] == parts[1]:
        return []
    return parts


def _kin(before: str, second: str) -> bool:
    """Whether the second thing is a short word of the first's kind, with the same last character (金牌 | 银牌,
    汽车 | 燃油车): two counts asked (多少枚金牌和银牌), not one of both (几个委员驿站和委员工作室)."""
    return 2 <= len(second) <= 3 and len(before) >= 2 and before[-1] == second[-1] and before[-len(second):] != second


def _echoes(before: str, second: str) -> bool:
    """Whether the second thing repeats the last word before 和 (女子双人10米跳台 | 男子双人10米跳台冠军, jieba's
    跳台 a verb): two things alike, no doings."""
    last = tagged_words(before)[-1][0]
    return len(last) >= 2 and last in second


def _verb_last(item: str) -> bool:
    """Whether ``item`` ends in a verb (固化提升, 乡村振兴衔接): it names a doing, not a thing."""
    words = tagged_words(item)
    return bool(words) and words[-1][1].startswith("v") and words[-1][1] != "vn"


def _doings(before: str, second: str) -> bool:
    """Whether the words either side of 和 are verbs, or the second thing starts with one or a preposition
    (联系 | 走访委员, 孙权立孙和 | 为太子): no two things."""
    a, b = tagged_words(before), tagged_words(second)
    if not (a and b):
        return False
    return b[0][1] in ("v", "p") or (a[-1][1].startswith("v") and b[0][1].startswith("v"))


def _own_word(text: str, join: re.Match[str]) -> bool:
    """Whether the join is a word of its own, not inside a name (孙权立孙和为太子: 孙和 is a person)."""
    import jieba  # deferred: loads jieba's dictionary

    return any(start == join.start() and word == join.group() for word, start, _ in jieba.tokenize(text))
