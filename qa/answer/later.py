"""What a later part of a multi-part question takes from the first: its setting, subject or event.

:func:`complete` gives each part after the first what it leaves out (城北区政协开展了多少次集中学习 | 讲了多少场党课
-> 城北区政协讲了多少场党课), read from the first part's words before its ask; :mod:`qa.answer.intent` cuts the
parts, this module fills them in.
"""

from __future__ import annotations

import os
import re

from qa.answer.ownsubject import names_subject, names_thing
from qa.answer.tagging import tagged_words
from qa.text.structure import org_key

#: asks that cut a question into parts (多少, 几, 谁, 何时 …)
ASK_ZH = re.compile(r"多少|(?<![那这好十前后近])哪?几(?![乎年经])|谁|何时|什么时候|哪一?天|哪一?年|多[大高远重深宽长](?!程度)")
# words opening a later part that tie it to the first (其中…又有多少: within the first part's)
_LEAD = re.compile(r"^(?:其中|另外|此外|同时|以及|并且|而且|并|还|又|和|与|共计|一共|总共|共|分别|各|[它他她]的)+")
#: asks intent.split's cuts leave alone (什么, 哪个): a part only where a clause ends in one, outside quotes
ASK_WHAT = re.compile(r"(?<![为凭干])什么(?!样)|哪(?:个|家|里|儿|些|部|种|类|项|所|座|位|名|支|只|国|栋|艘|款|辆|架|条|首|间|台)|多久(?!一次)|多长时间")


def first_ask(text: str) -> re.Match[str] | None:
    """The first ask of ``text``, of either kind (多少, 谁 … or 什么, 哪个 …), or None."""
    return min([*ASK_ZH.finditer(text), *ASK_WHAT.finditer(text)], key=lambda m: m.start(), default=None)


def complete(parts: list[str], orgs: list[str], years: list[int], own_noun: bool = False) -> list[str]:
    """Give each later part what it leaves out: the first part's words before its ask, or the
    organisations and years the question names."""
    first = first_ask(parts[0])
    head = parts[0][: first.start()] if first else ""
    setting = _setting(head)
    out = [parts[0]]
    for p in parts[1:]:
        if (m := _PRONOUN.match(p)) and (who := _subject(head, first)):  # 杜婷婷在…决赛中跳了多少次 | 她是哪所学校的学生
            rest = p[m.end():]  # 它的利润是多少: its own measure, of the first part's subject in its years
            out.append(("".join(f"{y}年" for y in years if str(y) not in rest) if m.group(0).endswith("的") else "")
                       + who + rest)
            continue
        if _THAN.match(p) and setting:  # …决赛中国队跑出了什么成绩 | 比泰国队快了多少: the first's subject, compared
            out.append(setting + p)
            continue
        if peer := _peer(head, p):  # 2023年法网男单冠军是谁 | 女单冠军又是谁: the first's setting, its own thing
            out.append(peer + p)
            continue
        led, p = bool(_LEAD.match(p)), _LEAD.sub("", p)  # 其中…又有多少: within the first part's
        if names_own_subject(p, again=not led):  # …GDP环比增长多少，英国央行…基准利率升到了多少: nothing of the first part
            # …but the event the first part names is where the later one happens (世锦赛在哪里举行，中国队获得几枚金牌)
            # (…又是哪一年开放的 asks again of another thing: 世界和平论坛创办于哪一年，大英博物馆又…)
            event = setting if _EVENT_END.search(setting) and not _EVENT_IN.search(p) and "又" not in p else ""
            out.append(event + p if event else ("" if _YEAR_IN.search(p) else "".join(f"{y}年" for y in years)) + p)
            continue
        if ASK_ZH.match(p):  # 几次监督性视察: the first part's verb too
            out.append(head + p)
            continue
        # 在专题协商中 ...; but a part naming its own thing (导演是谁 after 《心居》的主演有谁) takes the
        # place of the first part's (主演): the setting ends at its 的
        own = "的" in setting and (_OWN_SUBJECT.match(p) or (own_noun and _OWN_NOUN.match(p)))
        p = (setting[: setting.rfind("的") + 1] if own else _before_period(head, p) or setting) + p
        missing = [o for o in orgs if not any(k and k in p for k in (o, o.removesuffix("政协"), org_key(o)))]
        when = "".join(f"{y}年" for y in years if str(y) not in p)
        out.append(when + "".join(missing) + p)
    return out


_THAN = re.compile(r"比(?![例重赛较分率值价])")  # 比泰国队快了多少 compares; 比例是多少 asks a share
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# a period within a year: 1-7月, 7月, 前7个月, 上半年, 第二季度 (after to_halfwidth: digits may still be Chinese)
_PERIOD = re.compile(r"(?:[\d一二三四五六七八九十]{1,3}\s*[-—–~至到])?[\d一二三四五六七八九十]{1,3}月份?|前[\d一二三四五六七八九十]{1,2}个?月"
                     r"|[上下]半年|(?:第|前)?[1-4一二三四]季度")


def _before_period(head: str, part: str) -> str:
    """What a later part that opens with a period of its own (江淮汽车2023年7月销量是多少 | 1-7月累计销售了多少辆)
    shares with the first: its words before the first part's period, which the part's replaces (江淮汽车2023年1-7月
    累计…, not 江淮汽车2023年7月销量1-7月累计…). Empty when either names no period."""
    at = _PERIOD.search(head)
    return head[: at.start()] if at and _PERIOD.match(part) else ""


def names_own_subject(part: str, again: bool = True) -> bool:
    """A later part that names its own subject before its ask (英国央行…升到了多少, 周冠宇在…排第几名) stands
    alone; one that starts with its verb (讲了多少场党课), names only a measure (委员满意率是多少) or points
    back (为防范它…) is about the first part's (:func:`qa.answer.ownsubject.names_subject`)."""
    first = first_ask(part)
    head = part[: first.start()] if first else part
    # 蔚来7月又交付了多少辆: 又 ("again") follows the thing the part is about
    cut = head.find("又") if again else -1
    # a quoted name opening it (“旅行者2号”目前距地球多远) is its own subject
    return head.startswith(("“", "《", "「", '"')) or names_subject(head) or (cut > 0 and names_thing(head[:cut]))


_OWN_SUBJECT = re.compile(r"[^，,的]{1,10}?是(?:谁|什么|多少|几|哪)")  # 委员满意率是多少, 导演是谁
_OWN_NOUN = re.compile(r"[^，,的]{1,10}?多少")  # 起售价多少 after 芯片是什么: its own thing, when a clause asked what
# words of a tally or of each before a verb (一共有多少名, 都有): the first part's, not its setting's
_TALLY = frozenset("一共 总共 共 累计 合计 总计 都 也 还 又 均 分别 各 各自".split())
# a setting that names an event (…锦标赛, …大运会, …博览会, …论坛): where a later part with its own subject happens
_EVENT_END = re.compile(r"(?:赛|运会|奥运会|世界杯|博览会|展览会|交易会|峰会|论坛|大会|锦标赛|联赛|节|展|典礼|仪式)$")
_EVENT_IN = re.compile(r"赛|运会|奥运|世界杯|博览会|展会|峰会|论坛|大会|联赛|典礼|仪式")
_VERBISH = ("v", "d", "u", "p", "c", "m")  # jieba tags: verbs, adverbs, particles, prepositions, conjunctions, numerals (一共)


_PRONOUN = re.compile(r"[他她](?![们的])|[它他她]的")


def _peer(head: str, part: str) -> str:
    """The first part's words before the thing a later part names in its place (2023年法网 of 2023年法网男单冠军是谁
    when the part is 女单冠军又是谁: a thing as long, ending alike), or empty."""
    ask = first_ask(part)
    thing = re.sub(r"(?:又|还|则)?是?$", "", part[: ask.start()] if ask else "")
    mine = head.removesuffix("是")
    if not 3 <= len(thing) <= 6 or len(mine) <= len(thing) or not re.fullmatch(r"[\u4e00-\u9fff]+", thing) \
            or "的" in thing:
        return ""
    peer = mine[-len(thing):]
    same = len(os.path.commonprefix([peer[::-1], thing[::-1]]))
    # a thing like the first's (男单冠军 | 女单冠军), not a verb phrase (专家撰写了 | 参与撰写了)
    return mine[: -len(thing)] if 2 <= same < len(thing) and same >= len(thing) - 2 and \
        tagged_words(thing)[-1][1].startswith("n") else ""


def _subject(head: str, ask: re.Match[str] | None = None) -> str:
    """Who the first part is about: its words before the first preposition, verb, figure or time (杜婷婷 of
    杜婷婷在2023年…决赛中跳了): what a later part's 他 or 她 stands for. Empty when that is no short name.
    When it asks who someone is (英国新首相是谁), the pronoun stands for all of that someone."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    if ask is not None and ask.group() == "谁" and head.endswith("是") and 2 <= len(head) - 1 <= 16:
        return head[:-1]

    words = []
    for w, f in pseg.cut(head):
        if f.startswith(("p", "v", "m", "t", "r", "u", "d", "c", "x")):
            break
        words.append(w)
    who = "".join(words)
    return who if 2 <= len(who) <= 10 else ""


def _setting(head: str) -> str:
    """The first part's words before its own verb (西宁市政协在专题协商中形成了 -> 西宁市政协在专题协商中):
    the subject and setting a later part shares."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    words = [(w, f) for w, f in pseg.cut(head)]
    while words and (words[-1][1].startswith(_VERBISH) or words[-1][0] in _TALLY):
        if words[-1][1] == "m" and len(words) >= 2 and "eng" in (words[-2][1], words[-3][1] if len(words) > 2 else ""):
            break  # iPhone 15: a model's number is its name's
        if words[-1][1] == "m" and words[-1][0].endswith("号") and len(words) >= 2:
            break  # 神舟|十七号, 爱达·魔都|号: a craft's number or name ends in 号
        words.pop()
    return "".join(w for w, _ in words)
