"""Person names next to a role word: 主席周学斌, 通讯员 杨玉芳, 主任的周占海, 王亮委员; names spelt by sound (德劳帕迪·穆尔穆);
the name a span ends in. Lists of names: :mod:`qa.answer.namelists`."""

from __future__ import annotations

import re

from qa.answer.edges import GLUED

# common Chinese surnames (the great majority of names in public reports)
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝赖洪"
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
        while keep > 0 and (_rare(words[keep - 1]) or _joint(words, keep - 1)):
            keep -= 1
        start = start - 1 - len("".join(words[keep:]))
        while text[start] in _LEADING_WORDS and text[start + 1] not in "·・":  # 由迪|妮格尔: 由 joins, it names no one
            start += 1
    return start


def _rare(word: str) -> bool:
    """A word no common one (a syllable run of a name), nor one ending in a common word (大学教授: 教授)."""
    return jieba_freq(word) < COMMON_WORD and word not in _AFTER and \
        not (len(word) >= 4 and jieba_freq(word[-2:]) >= COMMON_WORD)


def _joint(words: list[str], i: int) -> bool:
    """``words[i]`` is one character between two rare words of a run: a syllable of the name, common as a
    word of its own (阿卜杜勒|拉|扎克·古尔纳: 拉 is a verb)."""
    return len(words[i]) == 1 and i >= 1 and len(words[i - 1]) >= 2 and _rare(words[i - 1]) and _rare(words[i + 1])


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
        if len(word) >= 3 and word[-1] in GLUED and not jieba_freq(word):
            word = word[:-1]  # 特博戈以|9秒88: jieba joined the name and the 以 after it into a word it does not know
        if (run := _RUN.match(text, end + 1, hi)) and len(run.group()) > len(word) and jieba_freq(run.group()) < COMMON_WORD:
            word = run.group()  # 塔德塞·塔科内以…: the sounds spelt on (jieba reads 塔科|内以)
        end += 1 + len(word)
        break
    return end


_LEADING_WORDS = set("由被与和向给是为将把对从在")
COMMON_WORD = 500  # jieba's count of 总统, 当选: words, not syllables of a foreign name



def bare_name(text: str, end: int) -> int | None:
    """Where a two-character name ending at ``end`` starts when jieba does not tag it (由吴京、刘德华): a common
    surname first, after punctuation, the start or a joining word."""
    a = end - 2
    if a >= 0 and text[a] in SURNAMES and _CJK.match(text[a + 1]) and (a == 0 or not _CJK.match(text[a - 1])
                                                                      or text[a - 1] in _LEADING_WORDS):
        return a
    return None


def inside_title(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` lies inside a work's title (全宇宙 of 《瞬息全宇宙》): no person's name."""
    opened = text.rfind("《", 0, start + 1)
    return opened >= 0 and text.rfind("》", 0, start) < opened and text.find("》", start) >= end - 1


_FUNCTION_CHARS = set("将是在和说也就把被对向从为的了与及等要会已曾")


def person_names(text: str) -> list[tuple[int, int]]:
    """Spans of person names jieba tags ``nr`` (2-3 characters, a common surname first); a surname jieba leaves
    alone before a given name, and a noun morpheme it leaves alone after a two-character one (李德|仁|院士), belong to
    the name."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    out, pos, lone = [], 0, -1
    words = [(w, f) for w, f in pseg.cut(text)]
    for i, (word, flag) in enumerate(words):
        if out and out[-1][1] == pos and flag == "ng" and len(word) == 1 and pos - out[-1][0] == 2 \
                and i + 1 < len(words) and words[i + 1][1][0] == "n":
            out[-1] = (out[-1][0], pos + 1)  # 李德|仁|院士: a morpheme that is no word alone ends the name
        elif lone >= 0 and lone == pos - 1 and ((flag == "nr" and len(word) == 2 and word[0] in SURNAMES) or (
                1 <= len(word) <= 2 and _CJK.match(word) and flag[0] in "an" and jieba_freq(word) < COMMON_WORD)):
            # 郭|艾伦, 李|明远: a surname alone, then a given name; 王|强将 is 王强 and the 将 after it
            out.append((lone, pos + (1 if len(word) == 2 and word[1] in _FUNCTION_CHARS else len(word))))
        elif flag == "nr" and 2 <= len(word) <= 3 and word[0] in SURNAMES:
            out.append((pos, pos + len(word)))
        lone = pos if flag == "nr" and len(word) == 1 and word in SURNAMES else -1
        pos += len(word)
    out += _honoured(text, words, out)
    runs = foreign_names(text) if out else []
    # a name spelt by sound is whole: jieba tags 梅德韦 of 梅德韦杰夫 (and 杰夫 apart), and 冯德罗 of 冯德罗乌索娃,
    # whose run of sound characters starts inside the name (冯 spells von but is a surname too)
    return list(dict.fromkeys(next(((min(a, lo), b) for a, b in runs if a <= lo + 1 < hi <= b), (lo, hi))
                              for lo, hi in out))


_HONORIFIC = re.compile(r"(?=(?:女士|先生))")


def _honoured(text: str, words: list[tuple[str, str]], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names jieba does not see, before 女士 or 先生 (总经理方|怡然|女士: 方怡然): two or three characters from a
    common surname that starts a word (not 感谢|张先生's 谢张)."""
    starts, pos = set(), 0
    for word, _ in words:
        starts.add(pos)
        pos += len(word)
    out = []
    for m in _HONORIFIC.finditer(text):
        end = m.start()
        for lo in (end - 3, end - 2):
            if lo >= 0 and lo in starts and text[lo] in SURNAMES and re.fullmatch(r"[\u4e00-\u9fff]+", text[lo:end]) \
                    and not any(a < end and lo < b for a, b in [*found, *out]):
                out.append((lo, end))
                break
    return out


# characters Chinese uses to spell foreign names by sound (the common ones of the Xinhua transliteration
# tables): 格雷格, 佩契奇, 哈兰德 are written only with these; words like 大满贯 or 本赛季, which jieba also
# tags nr, are not
TRANSLITERATION = set(
    "阿埃艾爱安昂敖奥巴拔柏班邦鲍贝本比彼毕宾波博伯布查达戴黛丹道德登迪蒂丁东杜顿多厄恩尔法范菲费芬丰弗"
    "福夫盖冈戈格根贡古瓜圭哈海汉豪赫亨胡霍基吉加贾杰捷金卡凯坎康柯科克肯库奎昆拉莱赖兰朗劳勒雷蕾里莉利"
    "林琳隆卢鲁伦罗洛马玛迈麦曼梅门蒙米密敏莫姆穆纳娜奈南内尼妮宁纽努诺欧帕派潘佩彭皮珀普契奇齐恰乔切钦"
    "琼丘屈让瑞若萨塞桑瑟森沙莎尚舍什施斯松苏索塔泰坦汤唐特提廷汀图托瓦万旺威韦维温沃乌伍西希锡谢辛休雅"
    "亚延扬耶伊因英尤约泽扎詹兹佐娃娅茨丝连涅"
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
            words = [(s, e, jieba_freq(w) >= common) for w, s, e in jieba.tokenize(text)]
        a, b = m.start(), m.end()
        for s, e, apart in words:  # apart: a common word (马拉松|比赛: 比 is 比赛's)
            if s < a < e and (a - s > 1 or apart):
                a = e
            if s < b < e and (e - b > 1 or apart):
                b = s
        run = text[a:b]
        common_words = [w for w in jieba.cut(run) if jieba_freq(w) >= common]
        if b - a >= 3 and jieba_freq(run) < common and "".join(common_words) != run:
            out.append((a, b))
    return out


DOTTED_LAST = re.compile(r"[·・]([\u4e00-\u9fff]{1,8})$")
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·・][\u4e00-\u9fff]{1,8})+")


def name_ending(text: str, start: int, end: int) -> int:
    """Where the one name that ``text[start:end]`` ends in begins, when the span says more than the name
    (女子组冠军由肯尼亚选手斯特拉·切萨塔: 斯特拉·切萨塔; 冠军由选手张三: 张三); ``start`` when the span is a name, a
    list of names, or ends in none."""
    span = text[start:end]
    if DOTTED_NAME.fullmatch(span):
        return start  # 约翰·海克特·麦克阿瑟: a name already, whatever jieba makes of 海克特
    if m := DOTTED_LAST.search(span):
        lo = dotted_start(text, start + m.start(1))
    else:
        named = [(a, b) for a, b in person_names(span) if jieba_freq(span[a:b]) < COMMON_WORD] or _cut_name(span)
        by_sound = [] if named else foreign_names(span)  # 红牛车队车手维斯塔潘: jieba tags no person
        if len(named or by_sound) != 1 or (named or by_sound)[0][1] != len(span):
            return start
        lo = start + (named or by_sound)[0][0]
        if by_sound and lo > start and text[lo - 1] not in "、和与及·・":
            return lo  # the whole run of sounds: no first name stands before it
    if lo <= start or text[lo - 1] in "、和与及·・" or person_names(text[start:lo]):
        return start
    import jieba  # deferred: loads jieba's dictionary

    said = list(jieba.cut(text[start:lo]))  # what the span says before the name ends in a word (选手, 是), not in
    return lo if jieba_freq(said[-1]) >= COMMON_WORD else start  # a first name (尼古拉|杜霍宁 is one name)


def _cut_name(span: str) -> list[tuple[int, int]]:
    """The name ``span`` ends in when jieba cut it after its surname (百度宣布任命何|俊杰): a common surname alone, one
    or two characters after it that make no word with it, a common word before it."""
    import jieba  # deferred: loads jieba's dictionary

    words = list(jieba.cut(span))
    if len(words) < 3 or len(words[-2]) != 1 or words[-2] not in SURNAMES or not 1 <= len(words[-1]) <= 2 \
            or not all(_CJK.match(ch) for ch in words[-1]) or jieba_freq(words[-3]) < COMMON_WORD \
            or jieba_freq(words[-2] + words[-1]):
        return []
    return [(len(span) - len(words[-1]) - 1, len(span))]


def jieba_freq(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 when it does not know it)."""
    import jieba  # deferred: loads jieba's dictionary

    return jieba.dt.FREQ.get(word) or 0
