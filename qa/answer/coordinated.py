"""Two things set side by side in one question (澳网男单和女单冠军, 国葬时间和地点, 上海和北京的市长): the
items, what they share, and the question asked of each. Used by :func:`qa.answer.intent.split`."""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.answer.ownsubject import names_thing
from qa.answer.tagging import tagged_words
from qa.text import periods
from qa.text.structure import org_key

# what ends a question, and the words that ask a thing of each (shared with qa.answer.intent and qa.answer.each)
END = "？?。.!！ "
EACH = re.compile(r"分别|各自|\b(?:each|respectively)\b", re.IGNORECASE)

_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|\"[^\"]*\"")


def unquoted(text: str) -> str:
    """``text`` with quoted words blanked out, same length: they ask and join nothing (“想想我是哪种类型干部”,
    “太和夜话”)."""
    return _QUOTED.sub(lambda m: "\0" * len(m.group()), text)


ITEMS = re.compile(r"(?:和|与|及|、)([^，,、和与及]{1,12}?)(?:分别|各自|各)")
# keywords naming two things, the second running to the end: 2022年特斯拉和比亚迪交付量
KEYWORD_ITEMS = re.compile(r"(?<![、参给])(?:和|与|及)([^，,、和与及]{1,16}?)[?？!！。.]?\s*$")
# two things asked with one ask right after the second: 导演和编剧是谁, 开始和结束时间是什么时候
# (…和录取人数各是多少: 各 asks it of each, it is no part of the item)
ASKED_ITEMS = re.compile(r"(?<![、参给])(?:和|与|及)([^，,、和与及的]{1,6}?)(?:各自|各|分别)?(?=是谁|是什么|是多少|是几|是哪|有谁)")


def per_item(text: str, orgs: list[str], items: re.Pattern[str] = ITEMS, paired_only: bool = False) -> list[str]:
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
    if paired_only and _aspect_pair(first, second):  # 国葬时间和地点: the 国葬 of each (国葬时间, 国葬地点)
        second = first[: -len(tagged_words(first)[-1][0])] + second
    elif paired_only and not _nominal_pair(first, second):
        return [text]  # 城北区政协九届三次会议期间提交和立案的提案数: one statement holds both
    elif items is ASKED_ITEMS and len(first) > 6:  # 城北区政协开展集中学习|讲党课次数: no item like the second
        return [text]
    stem, rest = text[:lo] + text[lo : m.start()][: -len(first)], text[m.end():]
    return [f"{stem}{item}{tail}{rest}".strip(END) for item in (first, second)]


def _parallel(before: str, after: str, strict: bool = False) -> tuple[str, str, str]:
    """The two coordinated items and what they share after them: 澳网男单 | 女单冠军 -> 男单, 女单, 冠军
    (2022年澳网男单和女单冠军分别是谁 asks for 澳网男单冠军 and 澳网女单冠军). Tried in order: a one-word
    first item, words the two share, a common ending, the words before 的, a repeated first word, and
    last word with first word (``strict``: only names). Without any, the items are ``before`` and
    ``after`` whole (提案办理率和满意率)."""
    if after.startswith("《") and before.endswith("》") and (end := after.find("》")) > 0:
        return before[before.rfind("《"):], after[: end + 1], after[end + 1:]  # 《满江红》和《流浪地球2》: two titles
    wb, wa = tagged_words(before), tagged_words(after)
    if not wb or len(wa[0][0]) < 2:  # 冬残奥会 cut 冬|残奥会: no item to pair
        cut = after.find("的")  # ...but 冬奥会和冬残奥会的开幕日期 asks for each one's 开幕日期
        return (before, after[:cut], after[cut:]) if cut > 0 else (before, after, "")
    head = wa[0][0]
    core = before[_LEADING_TIME.match(before).end():]
    if len(wa) > 1 and periods.holidays(core) and periods.holidays(head) and len(tagged_words(core)) == 1:
        return core, head, after[len(head):]  # 2023年五一和国庆假期…出游人次: each holiday's 假期…出游人次
    if len(wb) == 1 and wb[0][1] == "m" and wa[0][1] == "m" and len(wa) > 1:  # 第一届和第二届进博会: each 进博会
        return before, head, after[len(head):]
    if len(wb) == 1 and (after.endswith(before[-2:]) or "的" in after[1:]):
        cut = after.find("的", 1)  # 净利润和经营利润: two whole items; 可口可乐和伯克希尔-哈撒韦的营收: each one's 营收
        return (before, after[:cut], after[cut:]) if cut > 0 else (before, after, "")
    if len(wb) == 1:  # 开始和结束时间, 2022年和2023年高考人数: the one word pairs with the other's first
        # ...unless what follows that is no word of its own (文心|一|言: ChatGPT和文心一言 names two things)
        # or the two are no words of a kind (金球奖 | 最佳 年轻球员: a thing, and a description of another)
        alike = len(wa) > 1 and wa[1][1][:1] not in "mq" and wb[0][1][:1] == wa[0][1][:1]
        if alike and after[len(head)] == before[-1]:  # 诺贝尔文学奖和物理学|奖得主: both end in 奖, share 得主
            i = _word_start(before, max(0, len(before) - len(head) - 1))  # ...and 诺贝尔: 文学奖 is the first
            return before[i:], after[: len(head) + 1], after[len(head) + 1:]
        return (before, head, after[len(head):]) if alike else (before, *_at_of(after))
    if len(wb[-1][0]) > len(head) and wb[-1][0].startswith(head):  # 最佳影片和最佳女主角: two whole items
        return wb[-1][0], *_at_of(after)
    if wb[-1][1] == wa[0][1] == "eng" and len(wa) > 1:  # CBA和NBA总冠军: each name's 总冠军
        return wb[-1][0], head, after[len(head):]
    if _ORDINAL.fullmatch(wb[-1][0]) and _ORDINAL.fullmatch(head):  # 票房第一和第二: each place
        return wb[-1][0], head, after[len(head):]
    if wb[-1][1][:1] == "m" or wb[-1][1] == "eng":  # 华为Mate 60 Pro和小米14: a model's name ends in its number
        return before[_LEADING_TIME.match(before).end():], *_at_of(after)
    for k in range(len(wa) - 1, 1, -1):  # 女子双人10米跳台和男子双人10米跳台冠军: they share 双人10米跳台
        common = "".join(w for w, _ in wa[1:k])
        if before.endswith(common) and len(before) > len(common):
            peer = tagged_words(before[: -len(common)])[-1][0]
            if peer != head:  # iPhone 14和iPhone 14 Plus: the second is the first and more
                return peer + common, head + common, after[len(head) + len(common):]
    for n in (2, 1):  # 成都大运会和杭州亚运会, 男单和女单冠军: the items end alike
        j = after.find(before[-n:]) + n
        # one character in common: two characters, or the second's three-character word like the end of the
        # first's one name (诺贝尔文学奖和和平奖: 诺贝尔和平奖; 提案办理率和满意率 is no such name)
        if n <= j <= len(before) and (n == 2 or j <= 2 or j == len(head) == 3 < len(wb[-1][0])):
            if len(after[: j - n]) >= 2 and tagged_words(after[: j - n])[0][1] in ("ns", "nr", "nt"):
                # 大湾区车展和成都车展: a name before the common ending, so all of the first's words before it
                return before[_LEADING_TIME.match(before).end():], after[:j], after[j:]
            i = _word_start(before, len(before) - j)  # 诺贝尔文学奖和物理学奖: 文学奖, not 尔文学奖
            if (either := _EITHER.search(before[:i])) and either.start() > 0:  # 生理学或医学奖和化学奖: a name with 或
                i = either.start() - len(tagged_words(before[: either.start()])[-1][0])
            return before[i:], after[:j], after[j:]
        if n == 2 and len(before) < j <= len(before) + 6 and len(before) >= 3:
            return before, after[:j], after[j:]  # 试验时速和设计运营时速: the second item is the longer one
    if (cut := after.find("的")) > 0:  # 宣誓仪式及首次会议的时间: as many words as the second item has
        k = len(tagged_words(after[:cut]))  # (北京冬奥会和杭州亚运会的吉祥物: all of each)
        if k <= len(wb):
            return "".join(w for w, _ in wb[-k:]), after[:cut], after[cut:]
    heads = [i for i, (w, _) in enumerate(wb[:-1]) if w == head]
    if heads:  # 最佳女主角和最佳男主角: the first item starts where the second's first word stands
        return "".join(w for w, _ in wb[heads[-1]:]), *_at_of(after)
    if 2 <= len(wa) <= len(wb) and wa[0][1] == wb[-len(wa)][1] == "eng":  # GDP增速和CPI涨幅: word for word
        return "".join(w for w, _ in wb[-len(wa):]), after, ""
    (last, last_tag), head_tag = wb[-1], wa[0][1]
    names = last_tag[:2] in _NAMES and head_tag[:2] in _NAMES
    if len(wa) == 1 and len(last) >= 2 and head_tag[:2] not in _NAMES and last_tag[:2] not in _NAMES and \
            any(t[:2] in _NAMES for _, t in wb[:-1]):  # 中国GDP总量和增速: 中国GDP's 增速 too
        k = len(wb) - 1
        while k > 0 and wb[k - 1][1] in ("n", "vn") and len(wb[k - 1][0]) >= 2:
            k -= 1  # 贵州茅台2023年营业总收入和净利润: 营业总收入, a term jieba cut in two
        return "".join(w for w, _ in wb[k:]), after, ""
    if _TITLED.search(last) and len(wa) > 1:  # 总冠军和总决赛MVP: the first names its title whole, nothing is shared
        return last, after, ""
    if len(last) < 2 or ((len(wa) == 1 or strict) and not names):  # strict: keywords (集中学习|交流 研讨的次数)
        # 提案办理率和满意率; 委员工作室和联络站; a year before both is theirs (2022年度…奖和…奖)
        return before[_LEADING_TIME.match(before).end():], after, ""
    return last, head, after[len(head):]


_EITHER = re.compile(r"(?:或者|或)$")
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}")
# an item that ends in the title someone holds: what comes after the second item is its own (总决赛|MVP)
_TITLED = re.compile(r"(?:冠军|亚军|季军|得主|获得者|主角|配角|导演|主演|编剧|作者|MVP)$", re.IGNORECASE)


def _at_of(after: str) -> tuple[str, str]:
    """The second item and what both share: its words before 的 (iPhone 14 Plus | 的起售价), or all of it."""
    cut = after.find("的", 1)
    return (after[:cut], after[cut:]) if cut > 0 else (after, "")


def _word_start(text: str, at: int) -> int:
    """``at``, or the next place after it where a word of ``text`` starts when ``at`` is inside one (jieba's
    search-mode words: 诺贝尔|文学奖 has words starting at 诺 and 文, none at 尔)."""
    import jieba  # deferred: loads jieba's dictionary

    words = list(jieba.tokenize(text, mode="search"))
    starts = {s for _, s, _ in words}
    if at in starts:
        # …but not the second character of a word (物理学奖和化学奖: 物理学奖, not 理学奖; 理学 is a word too)
        inside = [s for w, s, e in words if s < at < e and len(w) <= 3]
        return max(inside) if inside else at
    later = [s for s in starts if at < s < len(text) - 1]
    return min(later) if later else at


# what one asks of an event or a thing: 时间 and 地点 of a 国葬, 时间 and 结果 of an election
_ASPECTS = ("时间", "日期", "地点", "结果", "价格", "售价", "地址")


def _aspect_pair(first: str, second: str) -> bool:
    """``first`` ends in an aspect of something it names and ``second`` is one (国葬时间 | 地点, 选举时间 | 结果)."""
    if second not in _ASPECTS or len(first) <= 2:
        return False
    words = tagged_words(first)
    return len(words) >= 2 and words[-1][0] in _ASPECTS


def named_pair(text: str) -> list[str]:
    """The question asked of each of two proper names joined by 和/与 (places, organisations, brands:
    jieba's ns/nt/nz tags, two characters or more): 谷歌和百度推出的类ChatGPT是什么 -> 谷歌推出的…, 百度推出的….
    Empty when no such pair stands in it, or when the two are one list's (英国、法国及希腊), what a verb
    says of both together (几内亚和法国断交), or told before the question's ask (什么时候开始，中国和俄罗斯…).
    Not 及: it joins one region's names (东欧及东南欧的人…使用哪一种字母, one answer for both)."""
    words = tagged_words(text)
    for k in range(1, len(words) - 2):
        (a, ta), (j, _), (b, tb), (_, after) = words[k - 1], words[k], words[k + 1], words[k + 2]
        if j in ("和", "与") and len(a) >= 2 and len(b) >= 2 and ta[:2] in _PLACES and tb[:2] in _PLACES:
            lo = sum(len(w) for w, _ in words[: k - 1])
            hi = lo + len(a) + len(j) + len(b)
            if "、" in text[:lo] or after.startswith("v") or not _asks_after(text[hi:]):
                return []
            rest = EACH_TAIL.sub("", EACH.sub("", text[hi:]), count=1)  # 中国和美国各获得: each 获得
            return [f"{text[:lo]}{name}{rest}".strip(END) for name in (a, b)]
    return []


def _asks_after(text: str) -> bool:
    """Whether ``text`` holds an ask word (谁, 多少, 什么, 哪…)."""
    return re.search(r"谁|多少|几|什么|哪|何时", text) is not None


_PLACES = ("ns", "nt", "nz")  # not people (nr): 张三和李四 may be asked of together


def _nominal_pair(first: str, second: str) -> bool:
    """Both items are as many words (at most three) naming things, places, years (香港|澳门, 时间|地点,
    成都大运会|杭州亚运会), not actions (提交|立案, 研讨交流|主题党日的次数): keywords that coordinate
    actions ask for one statement."""
    a, b = tagged_words(first), tagged_words(second)
    head = min(a[-1][0], b[-1][0], key=len)  # 报名|人数 and 录取人数 end in 人数
    if max(len(a), len(b)) <= 2 and len(head) >= 2 and first.endswith(head) and second.endswith(head) and \
            first != second and min(a[-1], b[-1], key=lambda w: len(w[0]))[1][:1] == "n":
        return True  # 开幕时间|闭幕时间, 报名人数|录取人数: one kind of thing of two doings, each asked
    return len(a) == len(b) <= 3 and all(t[:1] in "ntxjm" or t == "eng" for _, t in (*a, *b))


_NAMES = ("ns", "nr", "nt", "nz", "eng")  # jieba tags of places, people, organisations, other proper names


_DATED = re.compile(r"(?:(?:19|20)\d\d年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?$")


def subject_pair(first: str, second: str, rest: str, own: Callable[[str], bool]) -> list[str]:
    """Two things, each its own subject, asked one thing (德国7月综合PMI初值 | 中国7月份制造业PMI | 是多少): the
    question of each; a measure after the second's 的 is the first's too (中国移动 | 中国联通的用户数 -> 中国移动的用户数).
    Subjects are what ``own`` accepts, or things each with its own date (创业环保8月18日 | 广发证券7月27日的收盘价).
    Empty when they are not such a pair."""
    cut = second.rfind("的")
    shared = second[cut:] if cut > 0 and "的" not in first else ""
    pair = (first, second[:cut] if shared else second)
    if not all(map(own, pair)) and not _dated(*pair) and not _same_measure(*pair):
        return []
    when = _LEADING_TIME.match(first).group() if not _LEADING_TIME.match(second).group() else ""
    # a second naming nothing is of what the first names (2023年CBA总冠军和总决赛MVP: CBA's 总决赛MVP)
    lead, theirs = tagged_words(first[len(when):]), tagged_words(pair[1])
    if lead and theirs and lead[0][1].startswith(_NAMES) and not theirs[0][1].startswith(_NAMES) and len(lead) > 1:
        when += lead[0][0]
    return [f"{first}{shared}{rest}".strip(END), f"{when}{second}{rest}".strip(END)]  # 2023年7月美国和英国的…


def _same_measure(first: str, second: str) -> bool:
    """Each names its own thing and then one measure after 的 (微软…的营收 | 雅诗兰黛…的营收)."""
    a, b = first.rfind("的"), second.rfind("的")
    return a > 0 and b > 0 and first[a:] == second[b:] and len(first[a:]) > 1


def _dated(*things: str) -> bool:
    """Whether each of ``things`` names a thing and ends in its own date (创业环保8月18日)."""
    dates = [_DATED.search(x).group() for x in things]
    return all(dates) and all(names_thing(x[: -len(d)]) for x, d in zip(things, dates, strict=True))


# 各是多少 asks of each as 分别 does (各地, 各级 do not)
EACH_TAIL = re.compile(r"分别|各自|各(?=是|为|有|要|得|获|拿|占|报)")
# 和/与 joining two things, not inside a word (和平, 温和, 与会)
_JOIN = re.compile(r"(?<![温总共缓暖饱柔随祥调融平附应唱违])和(?![平谐睦蔼煦])|与(?![会其])")
# where the second of two subjects ends and what is asked of both begins: a year or season, a month, 的, 在
_SHARED_START = re.compile(r"(?:19|20)\d\d|第[一二三四1-4]季度|[上下]半年|前\d|\d{1,2}月|今年|去年|的|在|于|分别|各")
# a leading year and a period of it (2023年上半年, 2023年第二季度, 2023年1-7月) or a day: what both items share
_LEADING_TIME = re.compile(r"^(?:(?:19|20)\d\d(?:年度|年)?)?(?:[上下]半年|第?[一二三四1-4]季度|前\d{1,2}个?月|\d{1,2}-\d{1,2}月"
                           r"|\d{1,2}月(?:\d{1,2}[日号])?)?")


def shared_tail_pair(text: str) -> list[str]:
    """Two subjects joined by 和 and one thing asked of both after the second (英特尔和特斯拉2023年第二季度营收
    各是多少, 奇瑞瑞虎8系列和吉利银河L7在2023年7月的销量分别是多少, 覃海洋男子50米蛙泳决赛和男子100米蛙泳决赛的
    成绩分别是多少) -> the question of each. Empty when the question is no such pair."""
    joins, each = list(_JOIN.finditer(text)), EACH_TAIL.search(text)
    if len(joins) != 1 or each is None or each.start() <= joins[0].end():
        return []
    j = joins[0]
    after = text[j.end():each.start()]
    if (m := _SHARED_START.search(after)) is None or m.start() < 2:
        return []
    second, before = after[: m.start()], text[: j.start()]
    # a space inside a model's name (iPhone 14) is no edge of the item
    spaces = [m.end() for m in re.finditer(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])", before)]
    first = before[max([before.rfind(c) + 1 for c in "的，,：:、"] + spaces):]
    first = first[_LEADING_TIME.match(first).end():]  # 2023年英特尔和特斯拉…: the year is both's
    if "的" in before or _SHARED_START.search(first):
        return []  # 德国7月综合PMI初值和中国7月份制造业PMI: each its own subject and measure (subject_pair)
    (head, head_tag), mine = tagged_words(second)[0], tagged_words(first)
    if head_tag == "m" and len(mine) == 1 and mine[0][1] == "m" and head != second:
        first += second[len(head):]  # 第一届和第二届进博会: the first 进博会 too
    if len(head) >= 2 and (k := first.rfind(head)) > 0:
        first = first[k:]  # 男子50米…和男子100米…: the first item starts where the second's first word stands
    if len(first) < 2:
        return []
    stem, rest = before[: len(before) - len(first)], EACH_TAIL.sub("", text[j.end() + len(second):], count=1)
    return [f"{stem}{x}{rest}".strip(END) for x in (first, second)]


_ASK_TIME = r"什么时间|什么时候|何时|哪一?天|哪一?年|几月几[日号]"
_ASK_PLACE = r"哪里|哪儿|何地|何处|什么地方|哪(?:个|座)(?:城市|国家|地方|省份?|场馆|球场)"
_TWO_ASKS = re.compile(rf"(?P<a>{_ASK_TIME}|{_ASK_PLACE})(?:、|，|,|和|与|以及)?(?:在|于)?(?P<b>{_ASK_TIME}|{_ASK_PLACE})")


def time_and_place(text: str) -> list[str]:
    """When and where asked at once (台风是在什么时间、在哪里登陆的, 在哪里、哪天落下帷幕, 何时何地召开) -> the
    question of each. Empty when the question asks no such pair."""
    m = _TWO_ASKS.search(text)
    if m is None or bool(re.fullmatch(_ASK_TIME, m["a"])) == bool(re.fullmatch(_ASK_TIME, m["b"])):
        return []
    head, tail = text[: m.start()], text[m.end():]
    return [f"{head}{ask}{tail}".strip(END) for ask in (m["a"], m["b"])]


