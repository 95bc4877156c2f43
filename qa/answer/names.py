"""Person names next to a role word: 主席周学斌, 通讯员 杨玉芳, 主任的周占海, 王亮委员."""

from __future__ import annotations

import re

from qa.answer.edges import GLUED

# common Chinese surnames (the great majority of names in public reports)
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# characters that end a name: what follows a name in these reports
_AFTER = set("(（)）,，。、；;：:的在带调参到为是和与等邀多赴陪向就对把被从率同及也都还")
_SKIP = " \u3000的、:："
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _name_at(text: str, i: int) -> int | None:
    """Length (2 or 3) of a name starting at ``i``, or None."""
    if i >= len(text) or text[i] not in SURNAMES:
        return None
    chars = text[i : i + 4]
    if len(chars) < 2 or not _CJK.match(chars[1]):
        return None
    if len(chars) >= 3 and _CJK.match(chars[2]) and chars[2] not in _AFTER:
        if len(chars) == 4 and _CJK.match(chars[3]) and chars[3] not in _AFTER:
            return None  # four CJK characters in a row: a phrase, not a name
        return 3
    return 2


def name_after(text: str, pos: int) -> tuple[int, int] | None:
    """A name right after ``pos`` (skipping spaces, 的, colons)."""
    i = pos
    while i < len(text) and text[i] in _SKIP:
        i += 1
    n = _name_at(text, i)
    return (i, i + n) if n else None


def name_before(text: str, pos: int) -> tuple[int, int] | None:
    """A name ending right before ``pos`` (王亮|委员工作室), preceded by a place or boundary."""
    for n in (2, 3):
        i = pos - n
        if i >= 0 and text[i] in SURNAMES and all(_CJK.match(c) for c in text[i:pos]):
            return i, pos
    return None


# between two names of a list: a separator, after an optional short note in brackets (陈冬（中）、刘洋)
_BETWEEN = re.compile(r"(?:[(（][^()（）]{1,4}[)）])?\s*[、和与及]\s*")
# a transliterated name joined by middle dots (阿琳娜·扎吉托娃), up to where the list goes on or ends
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·・][\u4e00-\u9fff]{1,5}?)+(?=[、和与及,，。;；:：()（）\s]|等|$)")


def dotted_start(text: str, start: int) -> int:
    """Where a transliterated name whose last part starts at ``start`` begins: 德劳帕迪·穆尔穆, not 穆尔穆
    (the words before the dot back to a common word: 当选总统 is not part of the name)."""
    import jieba  # deferred: loads jieba's dictionary

    while start >= 2 and text[start - 1] in "·・" and _CJK.match(text[start - 2]):
        lo = start - 1
        while lo > 0 and start - 1 - lo < 8 and _CJK.match(text[lo - 1]):
            lo -= 1
        words = list(jieba.cut(text[lo:start - 1]))
        keep = len(words) - 1  # the word right before the dot, at least
        while keep > 0 and (jieba.dt.FREQ.get(words[keep - 1]) or 0) < _COMMON_WORD and words[keep - 1] not in _AFTER:
            keep -= 1
        start = start - 1 - len("".join(words[keep:]))
        while text[start] in _LEADING_WORDS and text[start + 1] not in "·・":  # 由迪|妮格尔: 由 joins, it names no one
            start += 1
    return start


def dotted_end(text: str, end: int) -> int:
    """Where a transliterated name whose first part ends at ``end`` ends: 莫哈梅·西亚德·巴雷, not 莫哈梅
    (the last part is the first word jieba reads after its dot: 巴雷|政权)."""
    import jieba  # deferred: loads jieba's dictionary

    while end + 1 < len(text) and text[end] in "·・" and _CJK.match(text[end + 1]):
        hi = end + 1
        while hi < len(text) and hi - end <= 8 and _CJK.match(text[hi]):
            hi += 1
        if hi < len(text) and text[hi] in "·・":
            end = hi  # a middle part: up to the next dot
            continue
        word = next(iter(jieba.cut(text[end + 1:hi])))
        if len(word) >= 3 and word[-1] in GLUED and not jieba.dt.FREQ.get(word):
            word = word[:-1]  # 特博戈以|9秒88: jieba joined the name and the 以 after it into a word it does not know
        end += 1 + len(word)
        break
    return end


_LEADING_WORDS = set("由被与和向给是为将把对从在")
_COMMON_WORD = 500  # jieba's count of 总统, 当选: words, not syllables of a foreign name


def listed(text: str, start: int, end: int, asked: str = "") -> int:
    """The end of the list of names that ``text[start:end]`` (a name) begins: 陈冬、刘洋、蔡旭哲 for
    "who" asked of several (神舟十四号的航天员有谁, 《踏冰逐梦》的主演是谁); ``end`` when none follows.
    A next name is one jieba tags as a person's (a common surname first) or a dotted one, and not
    one the question ``asked`` names (王仲先和谁: 潘章, not 潘章与王仲先)."""
    if not _BETWEEN.match(text, end):
        return end  # most answers: no list follows, and tagging the sentence's names costs ~10 ms
    starts = dict(person_names(text))
    while m := _BETWEEN.match(text, end):
        if d := _DOTTED.match(text, m.end()):
            nxt = d.end()
        elif m.end() in starts:
            nxt = starts[m.end()]
        elif c := _CAST.match(text, m.end()) or _last_name(text, m.end()):  # 杨紫和成毅主演: jieba tags 成毅
            nxt = c.end(1)  # an adjective; …、桂海潮组成: untagged, but where a list of names ends
        else:
            break
        if text[m.end():nxt] in asked:
            break
        end = nxt
    return end


# a name of two to four characters (易烊千玺), a common surname first, right before what a cast list ends in
_CAST = re.compile(r"([" + "".join(sorted(SURNAMES)) + r"][\u4e00-\u9fff]{1,3}?)(?=主演|领衔|联袂|搭档|执导|饰演|等人?[主出参])")

# a name jieba does not tag, a common surname first, right before what ends a list of people (…、桂海潮组成)
_LAST = re.compile(r"([" + "".join(sorted(SURNAMES)) + r"][\u4e00-\u9fff]{1,2}?)"
                   r"(?=组成|等[人同]?|分别|共同|[两二三四五六七八九]人|[,，。；;]|$)")



def _last_name(text: str, at: int) -> re.Match[str] | None:
    """:data:`_LAST` at ``at`` when what it takes is no common word (金融等 ends a list of fields)."""
    m = _LAST.match(text, at)
    return m if m and jieba_freq(m.group(1)) < _COMMON_WORD else None


def whole_list(text: str, start: int, end: int, asked: str = "") -> tuple[int, int]:
    """The names listed with the one at ``text[start:end]``, before and after it (主演张丹、张昊 for 张昊;
    陈冬、刘洋、蔡旭哲 for 陈冬), a transliterated name from its first part (德劳帕迪·穆尔穆); none the
    question ``asked`` names."""
    start, end = dotted_start(text, start), dotted_end(text, end)
    if (c := _CAST.match(text, start)) and c.end(1) > end:
        end = c.end(1)  # 王传君主演: jieba reads 王传|君主, the name ends before 主演
    end = listed(text, start, end, asked)
    if start == 0 or text[start - 1] not in "、和与及":
        return start, end  # most answers: no list before the name
    ends = {b: a for a, b in person_names(text[:start])}

    def before(at: int) -> int | None:  # where the name ending at ``at`` starts
        return ends.get(at, _bare_name(text, at))

    while start > 1 and text[start - 1] in "、和与及" and ((a := before(start - 1)) is not None or (
            (a := _between_names(text, start - 1, before)) is not None)) and text[a:start - 1] not in asked:
        start = a
    return start, end


def _between_names(text: str, end: int, before) -> int | None:
    """Where an item of two or three characters ending at ``end`` starts when it stands between 、 and 、 with a
    name before it (张艺兴、金晨、咏梅、王传君: 咏梅, which has no common surname), else None."""
    a = end - 2 if end >= 3 and text[end - 3] == "、" else end - 3
    if a < 1 or text[a - 1] != "、" or not all(_CJK.match(ch) for ch in text[a:end]) \
            or jieba_freq(text[a:end]) >= _COMMON_WORD:  # 会议 is no name
        return None
    return a if before(a - 1) is not None else None


# between two names of a list whose items say who each is (法国科学家阿兰·阿斯佩、美国科学家约翰·克劳泽): a separator,
# then a short description of the next (no clause mark, no second separator)
_DESCRIBED = re.compile(r"\s*[、和与及]\s*[^，,。；;：:！!？?、和与及()（）\s]{0,10}")


def described_list(text: str, start: int, end: int, asked: str = "") -> tuple[int, int]:
    """The names of a list whose items each say who the person is, from the first name to the last, when
    ``text[start:end]`` is one of them (2022年诺贝尔物理学奖授予法国科学家阿兰·阿斯佩、美国科学家约翰·克劳泽和奥地利科学家
    安东·蔡林格: all three for any of them); ``(start, end)`` when it is no such list's. None the question
    ``asked`` names."""
    if not any(c in text for c in "、和与及"):
        return start, end
    spans = sorted({(dotted_start(text, m.start() + m.group().rfind("·") + 1), m.end())
                    for m in _DOTTED.finditer(text)} | set(person_names(text)))
    spans = [(a, b) for a, b in spans if text[a:b] not in asked  # 莫滕 is tagged a name, inside 莫滕·梅尔达尔
             and not any(x <= a and b <= y and (x, y) != (a, b) for x, y in spans)]
    at = next((i for i, (a, b) in enumerate(spans) if a < end and start < b), None)
    if at is None:
        return start, end
    import jieba  # deferred: loads jieba's dictionary

    def kind(i: int) -> str | None:  # who the i-th is: the last word said before it (科学家; 主席 or 副主席)
        a = spans[i][0]
        m = _DESCRIBED.fullmatch(text, spans[i - 1][1], a) if i > 0 else None
        said = m.group().lstrip(" 、和与及") if m else re.split(r"[^\u4e00-\u9fff]", text[max(0, a - 8):a])[-1]
        words = list(jieba.cut(said)) if said else [""]
        word = words[-1] if len(words) < 2 or len(words[-2]) > 1 else words[-2] + words[-1]  # 副|主席: 副主席
        return word if len(word) >= 2 else None

    own, lo, hi = kind(at), at, at
    if own is None:
        return start, end
    # each item says alike who it is: 法国科学家…、美国科学家…, not 主席张三、副主席李四和秘书长王五 (each their post)
    while lo > 0 and _DESCRIBED.fullmatch(text, spans[lo - 1][1], spans[lo][0]) and kind(lo - 1) == own:
        lo -= 1
    while hi + 1 < len(spans) and _DESCRIBED.fullmatch(text, spans[hi][1], spans[hi + 1][0]) and kind(hi + 1) == own:
        hi += 1
    return (spans[lo][0], spans[hi][1]) if hi > lo else (start, end)


def _bare_name(text: str, end: int) -> int | None:
    """Where a two-character name ending at ``end`` starts when jieba does not tag it (由吴京、刘德华): a common
    surname first, after punctuation, the start or a joining word."""
    a = end - 2
    if a >= 0 and text[a] in SURNAMES and _CJK.match(text[a + 1]) and (a == 0 or not _CJK.match(text[a - 1])
                                                                      or text[a - 1] in _LEADING_WORDS):
        return a
    return None


def person_names(text: str) -> list[tuple[int, int]]:
    """Spans of person names jieba tags ``nr`` (2-3 characters, a common surname first)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    out, pos = [], 0
    for word, flag in pseg.cut(text):
        if flag == "nr" and 2 <= len(word) <= 3 and word[0] in SURNAMES:
            out.append((pos, pos + len(word)))
        pos += len(word)
    return out


# characters Chinese uses to spell foreign names by sound (the common ones of the Xinhua transliteration
# tables): 格雷格, 佩契奇, 哈兰德 are written only with these; words like 大满贯 or 本赛季, which jieba also
# tags nr, are not
TRANSLITERATION = set(
    "阿埃艾爱安昂敖奥巴拔柏班邦鲍贝本比彼毕宾波博伯布查达戴黛丹道德登迪蒂丁东杜顿多厄恩尔法范菲费芬丰弗"
    "福夫盖冈戈格根贡古瓜圭哈海汉豪赫亨胡霍基吉加贾杰捷金卡凯坎康柯科克肯库奎昆拉莱赖兰朗劳勒雷蕾里莉利"
    "林琳隆卢鲁伦罗洛马玛迈麦曼梅门蒙米密敏莫姆穆纳娜奈南内尼妮宁纽努诺欧帕派潘佩彭皮珀普契奇齐恰乔切钦"
    "琼丘屈让瑞若萨塞桑瑟森沙莎尚舍什施斯松苏索塔泰坦汤唐特提廷汀图托瓦万旺威韦维温沃乌伍西希锡谢辛休雅"
    "亚延扬耶伊因英尤约泽扎詹兹佐娃娅茨丝连"
)
_RUN = re.compile(f"[{''.join(sorted(TRANSLITERATION))}]{{3,}}")


def foreign_names(text: str, common: int = 100) -> list[tuple[int, int]]:
    """Spans of foreign names spelt by sound (格雷格, 佩契奇, 波加查): three or more characters in a row
    from :data:`TRANSLITERATION` that are no word jieba's dictionary counts ``common`` times or more
    (东南亚). jieba cuts such names anyhow (中佩契奇, 上波|加查), so a word it makes across the run's edge
    keeps its part inside when one character sticks out, and loses it otherwise (哈兰德|本赛季: 本) or when
    the word is a common one (马拉松|比赛: 比)."""
    import jieba  # deferred: loads jieba's dictionary

    out, words = [], None
    for m in _RUN.finditer(text):
        if words is None:  # once per text, and only for a text with a run
            words = [(s, e, (jieba.dt.FREQ.get(w) or 0) >= common) for w, s, e in jieba.tokenize(text)]
        a, b = m.start(), m.end()
        for s, e, apart in words:  # apart: a common word (马拉松|比赛: 比 is 比赛's)
            if s < a < e and (a - s > 1 or apart):
                a = e
            if s < b < e and (e - b > 1 or apart):
                b = s
        run = text[a:b]
        common_words = [w for w in jieba.cut(run) if (jieba.dt.FREQ.get(w) or 0) >= common]
        if b - a >= 3 and (jieba.dt.FREQ.get(run) or 0) < common and "".join(common_words) != run:
            out.append((a, b))
    return out


_DOT_LAST = re.compile(r"[·・]([\u4e00-\u9fff]{1,8})$")
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·・][\u4e00-\u9fff]{1,8})+")


def name_ending(text: str, start: int, end: int) -> int:
    """Where the one name that ``text[start:end]`` ends in begins, when the span says more than the name
    (女子组冠军由肯尼亚选手斯特拉·切萨塔: 斯特拉·切萨塔; 冠军由选手张三: 张三); ``start`` when the span is a name, a
    list of names, or ends in none."""
    span = text[start:end]
    if DOTTED_NAME.fullmatch(span):
        return start  # 约翰·海克特·麦克阿瑟: a name already, whatever jieba makes of 海克特
    if m := _DOT_LAST.search(span):
        lo = dotted_start(text, start + m.start(1))
    else:
        named = [(a, b) for a, b in person_names(span) if (jieba_freq(span[a:b])) < _COMMON_WORD]
        if len(named) != 1 or named[0][1] != len(span):
            return start
        lo = start + named[0][0]
    if lo <= start or text[lo - 1] in "、和与及·・" or person_names(text[start:lo]):
        return start
    import jieba  # deferred: loads jieba's dictionary

    said = list(jieba.cut(text[start:lo]))  # what the span says before the name ends in a word (选手, 是), not in
    return lo if jieba_freq(said[-1]) >= _COMMON_WORD else start  # a first name (尼古拉|杜霍宁 is one name)


def jieba_freq(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 when it does not know it)."""
    import jieba  # deferred: loads jieba's dictionary

    return jieba.dt.FREQ.get(word) or 0


_CREDIT_TAIL = re.compile(r"(?:等人?)?(?:领衔|联袂)?(?:主演|执导|出演|搭档)?")


def credit_stripped(text: str, start: int, end: int) -> int:
    """Where the name that ``text[start:end]`` starts with ends, when all after it is a credit (周也领衔主演: 周也);
    ``end`` otherwise."""
    m = _CAST.match(text, start)
    if m and m.end(1) < end and (t := _CREDIT_TAIL.match(text, m.end(1))) and t.end() == end:
        return m.end(1)
    return end

