"""Lists of names: the names said with the one found (陈冬、刘洋、蔡旭哲 for "who" asked of a crew; 张艺兴、金晨、咏梅、王传君、周也,
a cast; 法国科学家阿兰·阿斯佩、美国科学家约翰·克劳泽…, laureates each said who they are), and a name before its credit
(周也领衔主演)."""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.answer.evidence import Sentence
from qa.answer.names import (
    COMMON_WORD,
    DOTTED_LAST,
    SURNAMES,
    bare_name,
    dotted_end,
    dotted_start,
    jieba_freq,
    person_names,
)
from qa.answer.roles import POST

_CJK = re.compile(r"[\u4e00-\u9fff]")
# between two names of a list: a separator, after an optional short note in brackets (陈冬（中）、刘洋)
# or after the title each name takes (李德仁院士和薛其坤院士)
_TITLES = r"(?:院士|教授|博士|先生|女士|研究员|同志)"
_BETWEEN = re.compile(rf"(?:[(（][^()（）]{{1,4}}[)）]|{_TITLES})?\s*[、和与及]\s*")
# a transliterated name joined by middle dots (阿琳娜·扎吉托娃), up to where the list goes on or ends
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·・][\u4e00-\u9fff]{1,5}?)+(?=[、和与及,，。;；:：()（）\s]|等|$)")


def listed(text: str, start: int, end: int, asked: str = "") -> int:
    """The end of the list of names that ``text[start:end]`` (a name) begins: 陈冬、刘洋、蔡旭哲 for
    "who" asked of several (神舟十四号的航天员有谁, 《踏冰逐梦》的主演是谁); ``end`` when none follows.
    A next name is one jieba tags as a person's (a common surname first) or a dotted one, and not
    one the question ``asked`` names (王仲先和谁: 潘章, not 潘章与王仲先)."""
    if not _BETWEEN.match(text, end):
        return end  # most answers: no list follows, and tagging the sentence's names costs ~10 ms
    starts, item = dict(person_names(text)), end - start
    while m := _BETWEEN.match(text, end):
        if d := _DOTTED.match(text, m.end()):
            nxt = d.end()
        elif m.end() in starts:  # (a longer name where the list ends: 李广苏组成, jieba tags 李广)
            c = _last_name(text, m.end()) or _CAST.match(text, m.end())  # (…、王传君主演: jieba reads 君主)
            nxt = max(starts[m.end()], c.end(1) if c else 0)
        elif c := _CAST.match(text, m.end()) or _last_name(text, m.end()):  # 杨紫和成毅主演: jieba tags 成毅
            nxt = c.end(1)  # an adjective; …、桂海潮组成: untagged, but where a list of names ends
        elif (n := _before_verb(text, m.end(), item)) or (n := _unsurnamed(text, m.end(), asked)):
            nxt = n
        else:
            break
        if text[m.end():nxt] in asked:
            break
        titled = re.match(_TITLES, m.group())
        end, item = nxt, nxt - m.end()
        if titled and text.startswith(titled.group(), end):
            end += titled.end()  # …和薛其坤院士: the last name's title as the first's
    return end


_ITEM = re.compile(r"[\u4e00-\u9fff]{2,3}(?=[、和与及])")  # an item of a list, before the next separator


def _unsurnamed(text: str, at: int, asked: str) -> int | None:
    """The end of a name of two or three characters without a common surname at ``at``, between 、 and a next name
    of the list (张艺兴、金晨、咏梅、王传君主演: 咏梅; 周深、毛不易和单依纯), else None."""
    m = _ITEM.match(text, at)
    if m is None or jieba_freq(m.group()) >= COMMON_WORD:  # 会议 is no name
        return None
    return m.end() if listed(text, at, m.end(), asked) > m.end() else None


# a name of two to four characters (易烊千玺), a common surname first, right before what a cast list ends in
_CAST = re.compile(r"([" + "".join(sorted(SURNAMES)) + r"][\u4e00-\u9fff]{1,3}?)(?=主演|领衔|联袂|搭档|执导|饰演|等人?[主出参])")

# a name jieba does not tag, a common surname first, right before what ends a list of people (…、桂海潮组成)
_LAST = re.compile(r"([" + "".join(sorted(SURNAMES)) + r"][\u4e00-\u9fff]{1,2}?)"
                   r"(?=组成|等[人同]?|分别|共同|[两二三四五六七八九]人|[,，。；;、]|$)")



def _last_name(text: str, at: int) -> re.Match[str] | None:
    """:data:`_LAST` at ``at`` when what it takes is no common word (金融等 ends a list of fields)."""
    m = _LAST.match(text, at)
    return m if m and jieba_freq(m.group(1)) < COMMON_WORD else None


def _before_verb(text: str, at: int, length: int) -> int | None:
    """The end of a last name as long as the one before it (2 or 3 characters, a common surname first), where
    jieba's words start a verb right after it (景海鹏、朱杨柱、桂海潮进入太空: it cuts 桂|海潮, no person)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    name = text[at:at + length]
    if length not in (2, 3) or len(name) < length or name[0] not in SURNAMES or not all(map(_CJK.match, name)) \
            or jieba_freq(name) >= COMMON_WORD:
        return None
    pos = at
    for w, f in pseg.cut(text[at:at + length + 6]):
        if pos == at + length:
            return pos if f.startswith("v") else None
        pos += len(w)
        if pos > at + length:
            return None
    return None


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
        if (dotted := DOTTED_LAST.search(text, 0, at)) is not None:  # 皮埃尔·阿戈斯蒂尼、费伦茨·克劳斯
            return dotted_start(text, dotted.start(1))
        return ends.get(at, bare_name(text, at))

    def first_before(at: int) -> int | None:  # where the item ending at ``at`` starts, when it is a name
        if (a := before(at)) is not None or (a := _between_names(text, at, before)) is not None:
            return a
        return _rare_run(text, at) if text[at] == "、" else None  # 主演包括咏梅、…: the list's first, no surname

    while start > 1 and text[start - 1] in "、和与及" and (a := first_before(start - 1)) is not None \
            and text[a:start - 1] not in asked:
        start = a
    return start, end


def _rare_run(text: str, end: int) -> int | None:
    """Where an item of two to four characters ending at ``end`` starts when it is the first of the list: words
    jieba's dictionary hardly knows back to a common one (主演包括咏梅、…: 咏梅; 该片主演为易烊千玺、…), else None."""
    import jieba  # deferred: loads jieba's dictionary

    words, at = list(jieba.cut(text[max(0, end - 8):end])), end
    for w in reversed(words):
        if end - (at - len(w)) > 4 or not all(map(_CJK.match, w)) or jieba_freq(w) >= COMMON_WORD:
            # where the run ends, a surname jieba glued to the word before (为易|烊|千玺) starts the name
            at -= 1 if w[-1] in SURNAMES and 2 <= end - at < 4 and all(map(_CJK.match, w)) else 0
            break
        at -= len(w)
    return at if 2 <= end - at <= 4 else None


def _between_names(text: str, end: int, before) -> int | None:
    """Where an item of two or three characters ending at ``end`` starts when it stands between 、 and 、 with a
    name before it (张艺兴、金晨、咏梅、王传君: 咏梅, which has no common surname), else None."""
    a = end - 2 if end >= 3 and text[end - 3] == "、" else end - 3
    if a < 1 or text[a - 1] != "、" or not all(_CJK.match(ch) for ch in text[a:end]) \
            or jieba_freq(text[a:end]) >= COMMON_WORD:  # 会议 is no name
        return None
    return a if before(a - 1) is not None else None


# between two names of a list whose items say who each is (法国科学家阿兰·阿斯佩、美国科学家约翰·克劳泽): a separator,
# then a short description of the next (no clause mark, no second separator)
_DESCRIBED = re.compile(rf"{_TITLES}?\s*[、和与及]\s*[^，,。；;：:！!？?、和与及()（）\s]{{0,16}}")


_WORKPLACE = re.compile(r"(?:大学|学院|研究院|研究所|科学院|医院|公司|集团)$")


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
        said = re.sub(rf"^{_TITLES}", "", m.group()).lstrip(" 、和与及") if m else re.split(r"[^\u4e00-\u9fff]", text[max(0, a - 8):a])[-1]
        if said.endswith("的") and len(said) >= 3:
            return "的"  # 麻省理工学院的蒙吉·巴文迪、哥伦比亚大学的路易斯·布鲁斯: each where they work
        words = list(jieba.cut(said)) if said else [""]
        word = words[-1] if len(words) < 2 or len(words[-2]) > 1 else words[-2] + words[-1]  # 副|主席: 副主席
        if m := _WORKPLACE.search(word):
            return m.group()  # 武汉大学…和清华大学…: where each works, alike
        return word if len(word) >= 2 else None

    own, lo, hi = kind(at), at, at
    if own is None:
        return start, end

    def alike(i: int) -> bool:  # each says who it is alike (科学家, 科学家), or each a calling, no post (教授, 科学家)
        other = kind(i)
        return other == own or (other is not None and not POST.search(other) and not POST.search(own))

    # 法国科学家…、美国科学家…, 麻省理工学院教授…、纳米晶体科技公司科学家…; not 主席张三、副主席李四和秘书长王五 (posts)
    while lo > 0 and _DESCRIBED.fullmatch(text, spans[lo - 1][1], spans[lo][0]) and alike(lo - 1):
        lo -= 1
    while hi + 1 < len(spans) and _DESCRIBED.fullmatch(text, spans[hi][1], spans[hi + 1][0]) and alike(hi + 1):
        hi += 1
    return (spans[lo][0], spans[hi][1]) if hi > lo else (start, end)



_CREDIT_TAIL = re.compile(r"(?:等人?)?(?:领衔|联袂)?(?:主演|执导|出演|搭档)?")


def credit_stripped(text: str, start: int, end: int) -> int:
    """Where the name that ``text[start:end]`` starts with ends, when all after it is a credit (周也领衔主演: 周也);
    ``end`` otherwise."""
    m = _CAST.match(text, start)
    if m and m.end(1) < end and (t := _CREDIT_TAIL.match(text, m.end(1))) and t.end() == end:
        return m.end(1)
    return end


def listed_again(terms: list[str], best_text: str, name: str,
                 sentences: Callable[[], list[Sentence]]) -> tuple[Sentence, int, int] | None:
    """A sentence among ``sentences`` (of the answer's passage) that lists ``name`` with others and says each of the
    question's ``terms`` of three characters or more that ``best_text`` says (吕利耶 read in 吕利耶是…第五位获得诺贝尔
    物理学奖的女性 is one of 将2023年诺贝尔物理学奖授予皮埃尔·阿戈斯蒂尼、费伦茨·克劳斯和安妮·吕利耶): (sentence, start,
    end) of the list, or None. ``name`` may be a list already (张三和李四): a longer one holding each of its names.
    ``sentences`` is called only when the name may be so listed: splitting passages costs on every "who" answer."""
    said = [t for t in terms if len(t) >= 3 and t in best_text]
    names = [n for n in re.split(r"[、和与及]", name) if n] if len(name) <= 24 else [name]
    first = names[0]
    if len(first) < 2 or not said or best_text.count(first) > 1:
        return None  # a name said twice in its sentence was read where it is said alone (汤洪波担任指令长)
    for sent in sentences():
        text = sent.text
        if text == best_text or not all(t in text for t in said) or text.count(first) != 1:
            continue
        at = text.find(first)
        start, end = whole_list(text, at, at + len(first))
        start, end = described_list(text, start, end)
        if end - start > len(name) + 1 and not any(c in text[start:end] for c in "，,。；;") and \
                all(n in text[start:end] for n in names):
            return sent, start, end
    return None


_CLAUSE_MARK = re.compile(r"[，,。；;：:！!？?]")


def said_where_asked(terms: list[str], text: str, start: int, end: int) -> tuple[int, int]:
    """The place of the name at ``text[start:end]`` whose clause says what the question asks (its ``terms``), when
    the sentence says the name twice and the one read says none of it (航天员汤洪波、唐胜杰、江新林组成飞行乘组，汤洪波担任
    指令长: 航天员 asked, the first; 指令长 asked, the second)."""
    name = text[start:end]
    if len(name) < 2 or text.count(name) < 2:
        return start, end

    def says(at: int) -> int:  # how many of the terms the clause holding ``at`` says
        lo = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, at)), default=0)
        hi = next((m.start() for m in _CLAUSE_MARK.finditer(text, at)), len(text))
        return sum(t in text[lo:hi] for t in terms)

    if says(start) > 0:
        return start, end
    best = max((m.start() for m in re.finditer(re.escape(name), text)), key=says)
    return (best, best + len(name)) if says(best) > 0 else (start, end)
