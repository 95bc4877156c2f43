"""Questions that ask which country (哪国, 哪个国家, 何国, 哪国人): the answer is a country's name.

A reader asked 第一款公开发售的机车是由哪国的公司制造的 answers with the company (Excelsior Motor Company);
asked 英国皇家空军当时攻击哪国的水坝, with the squadron (第617中队) although its span runs on to 德国. For
such a question a span is kept only as the country it holds: the country itself, or the first one inside
it that the question does not name (the asker's own 英国, 日本 is never the country asked for). A
country that another country stands between it and the question's words names someone else's:
英国神经科学家谢灵顿与加拿大心理学家赫布 -- 赫布 is 加拿大's.

Country names come from Unicode CLDR through Babel (simplified and traditional Chinese, every ISO
3166 territory), a few former states (苏联, 普鲁士), jieba's words ending in 国 that are no
determiner's (秦国, 奥匈帝国; not 全国, 各国, 两国, 出国, 爱国), and jieba's place names (罗马, 波斯: a
city among them is a lesser harm than a right answer dropped). Where no candidate names a place at all,
the candidates stay as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from qa.answer.evidence import PassageView
from qa.answer.extractors import Candidate, relevant_sentences
from qa.answer.question import Question
from qa.answer.scoring import TermWeights, coverage, rank_bonus
from qa.text.script import simplify_chars

# one country: 哪些国家 wants a list, which the composer's list rules give
_ASKS = re.compile(r"(?:哪一?国|何国|哪一?个国家|什么国家)(?!家?队)")  # not 哪个国家队: a team
# 国 after these is no country's name: 全国 各国 两国 本国 该国 我国 外国 他国 祖国 邻国 敌国 …
_NOT_A_NAME = frozenset("全各两三四五多本该我外他祖诸邻敌强小大友盟此彼其某贵出回归爱建开立亡治战万列举")
_OF_COUNTRY = ("语", "文", "话", "族", "裔")  # 爱尔兰语 names a language, not the country
_QUALIFIER = 8  # characters before a span where the country that qualifies it may stand
_CLAUSE = "，,。；;：:！!？?（(）)"
_NOT_COUNTRIES = frozenset({"ZZ", "UN", "EU", "EZ", "QO"})
_STATE_WORDS = frozenset({"王国", "帝国", "民国", "共和国", "联邦"})
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_FUNCTION = frozenset({"于", "由于", "是", "和", "与", "及", "在", "的", "了", "为", "被", "对", "从", "向", "将", "把", "由"})
# states CLDR no longer lists, and the United Kingdom's countries
_FORMER = frozenset({"苏联", "南斯拉夫", "捷克斯洛伐克", "东德", "西德", "普鲁士", "英格兰", "苏格兰", "威尔士",
                     "北爱尔兰"})


def asks_country(question: str) -> bool:
    """The question asks which country (哪国, 哪个国家, 何国, 哪国人, 什么国家)."""
    return _ASKS.search(question) is not None


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Chinese names of the ISO 3166 territories (CLDR; simplified, and traditional ones simplified
    character by character), without the long official forms (中国香港特别行政区)."""
    from babel import Locale  # deferred: CLDR data is read on first use

    out = set(_FORMER)
    for locale in ("zh", "zh_Hant", "zh_Hant_HK"):
        for code, name in Locale.parse(locale).territories.items():
            # (X* and ZZ are CLDR's private and pseudo codes: 伪地区; UN, EU, EZ, QO are no countries)
            if code.isalpha() and code[0] != "X" and code not in _NOT_COUNTRIES and len(name) <= 8:
                out.add(simplify_chars(name))
    return frozenset(out)


@lru_cache(maxsize=4096)
def countries_in(text: str, places: bool = False) -> tuple[tuple[int, int], ...]:
    """Where ``text`` names a country, left to right: a CLDR name (the longest at its place) starting where
    one of jieba's words does (美国|哥伦比亚大学 names 美国, not Colombia), or a state word of jieba's
    (秦国, 奥匈帝国, 大韩民国); with ``places``, any place name of jieba's too (罗马, 波斯; 北京 as well)."""
    names, out, i = _names(), [], 0
    starts, states, ns = _words(text)
    ends = (ns | states) if places else states
    while i < len(text):
        listed = next((i + n for n in range(min(8, len(text) - i), 1, -1) if text[i:i + n] in names), None) \
            if i in starts else None
        end = max(listed or 0, ends.get(i) or 0) or None  # 爱尔兰共和国, not 爱尔兰
        if end is None:
            i += 1
            continue
        out.append((i, end))
        i = end
    return tuple(out)


@lru_cache(maxsize=2048)
def _words(text: str) -> tuple[frozenset[int], dict[int, int], dict[int, int]]:
    """Where jieba's words start; its state words (:func:`_states`), and its place names (``ns``: 罗马, 波斯,
    高句丽, which no list of today's countries holds), by where they start. Once per text: :func:`countries_in`
    asks for a sentence with and without place names."""
    import jieba.posseg as pseg  # deferred: its dictionary loads on first use

    words, places, at = [], {}, 0
    for w, tag in pseg.cut(text):
        words.append((at, w))
        if tag == "ns" and len(w) >= 2 and not (w.endswith("国") and not _a_state(w)):  # (两国, 回国: ns too)
            places[at] = at + len(w)
        at += len(w)
    return frozenset(a for a, _ in words), dict(_states(words)), places  # (cached: read, never changed)


def _states(words: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """jieba's words ending in 国 that name a state (not 全国, 各国, 两国), and 帝国/王国/共和国 with the name
    before them (鄂图曼|帝国, 奥|匈|帝国, 爱尔兰|共和国)."""
    out = []
    for k, (at, w) in enumerate(words):
        if w in _STATE_WORDS and (a := _name_before(words[:k])) is not None:
            out.append((a, at + len(w)))
        elif w.endswith("国") and _a_state(w):
            out.append((at, at + len(w)))
    return out


def _a_state(word: str) -> bool:
    """A word ending in 国 that names a state: 秦国, 大韩民国; not 全国, 两国, 回国, 王国 alone, 联合国."""
    return len(word) >= 2 and (len(word) > 2 or word[0] not in _NOT_A_NAME) and word not in _STATE_WORDS \
        and word != "联合国"


def _name_before(seen: list[tuple[int, str]]) -> int | None:
    """Where the name before a state word starts: the words just before it, Chinese, no function words,
    two to six characters in all."""
    start, length = None, 0
    for at, w in reversed(seen[-3:]):
        if not _CJK.fullmatch(w) or w in _FUNCTION or length + len(w) > 6:
            break
        start, length = at, length + len(w)
        if length >= 2 and len(w) >= 2:
            break
    return start if length >= 2 else None


def as_country(q_text: str, c: Candidate, terms: Sequence[str] = ()) -> Candidate | None:
    """``c`` as the country it names for a question asking which country: itself, the first country inside
    it, or the one just before it that qualifies it (泰国|罗勇府, 英国制造商|Excelsior); None when there is
    none but the question's own (that is not what is asked). Of several inside, the one whose clause holds
    most of the question's ``terms`` (日本，中国队主教练扬科维奇来自塞尔维亚 read for 扬科维奇是哪国人: 塞尔维亚).
    Countries are found in the whole sentence: jieba cuts a fragment otherwise (美国哥伦比亚大学 is one word
    of it, 哥伦比亚|大学 another)."""
    text = c.sentence.text
    lead = text[max(0, c.start - _QUALIFIER):c.start]
    cut = c.start - len(lead) + max((lead.rfind(p) for p in _CLAUSE), default=-1)
    found = []
    for named in (countries_in(text), countries_in(text, places=True)):  # a place only where no country is
        found += sorted(((a, b) for a, b in named if c.start <= a and b <= c.end),
                        key=lambda ab: -_said_around(text, ab[0], terms))
        found += [(a, b) for a, b in reversed(named) if cut < a and b <= c.start]
    for a, b in found:
        if _named_in(text[a:b], q_text):
            continue
        if (a, b) == (c.start, c.end):
            return c
        return Candidate(text[a:b], c.sentence, a, b, c.score, c.coverage, c.fit, c.value, c.unit)
    return None


def _said_around(text: str, at: int, terms: Sequence[str]) -> int:
    """How many of ``terms`` the clause of ``text`` around ``at`` holds."""
    a = max(text.rfind(p, 0, at) for p in _CLAUSE) + 1
    b = min((i for i in (text.find(p, at) for p in _CLAUSE) if i >= 0), default=len(text))
    return sum(t in text[a:b] for t in terms if len(t) >= 2)


def _named_in(country: str, q_text: str) -> bool:
    """The question names ``country`` itself (英国皇家空军), not only a word made of it (爱尔兰语, 德国人)."""
    return any(not q_text.startswith(_OF_COUNTRY, m.end()) for m in re.finditer(re.escape(country), q_text))


def someone_elses(q_text: str, c: Candidate, terms: Iterable[str]) -> bool:
    """Another country, not one the question names, stands between ``c`` and a word of the question that
    its clause names only after it (英国神经科学家谢灵顿与加拿大心理学家唐纳德·赫布: 英国 is not 赫布's; in
    主裁判来自日本，中国队主教练…来自塞尔维亚 the second 来自 is another clause's)."""
    text = c.sentence.text
    if _NATIONALITY.search(q_text) and (_theirs_elsewhere(q_text, c, terms) or _of_another(q_text, c, terms)):
        return True
    clause_end = min((i for i in (text.find(p, c.end) for p in _CLAUSE) if i >= 0), default=len(text))
    after = [i for t in terms if len(t) >= 2 and t not in text[:c.start] and 0 <= (i := text.find(t, c.end)) < clause_end]
    if not after:
        return False
    limit = min(after)
    return any(c.end <= a and b <= limit and not _named_in(text[a:b], q_text) for a, b in countries_in(text))


# whose nationality: a person's country, said right before the name (伊朗女权活动人士纳尔吉斯·穆罕默迪)
_NATIONALITY = re.compile(r"(?:哪一?国|哪个国家)的?(?:人|选手|运动员|球员|棋手|车手|作家|诗人|科学家|学者|演员|歌手|导演)"
                          r"|国籍|来自哪一?国|来自哪个国家")
# what a person is, between the country and the name (哈萨克斯坦选手莱巴金娜, 伊朗女权活动人士纳尔吉斯·穆罕默迪)
_PERSON_NOUN = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:选手|运动员|球员|棋手|车手|名将|作家|诗人|科学家|学者|演员|歌手|导演|人士|总统|总理)")


def _of_another(q_text: str, c: Candidate, terms: Iterable[str]) -> bool:
    """The country describes someone the question does not name, right after it (哈萨克斯坦选手莱巴金娜…战胜贾巴尔
    read for 贾巴尔是哪国选手: 哈萨克斯坦 is 莱巴金娜's)."""
    from qa.answer.names import DOTTED_NAME, foreign_names, person_names  # deferred: loads jieba's dictionary

    text = c.sentence.text
    if not (m := _PERSON_NOUN.match(text, c.end)):
        return False
    rest = text[m.end():m.end() + 16]
    found = [rest[:b] for a, b in [*person_names(rest), *foreign_names(rest)] if a == 0]
    if dotted := DOTTED_NAME.match(rest):
        found.append(dotted.group())
    return bool(found) and not any(name in q_text or any(name in t or t in name for t in terms if len(t) >= 2)
                                   for name in found)


def _theirs_elsewhere(q_text: str, c: Candidate, terms: Iterable[str]) -> bool:
    """A question word (the person's name) stands in another clause than ``c``, after another country of its own
    (挪威诺贝尔委员会…宣布，将…授予伊朗女权活动人士纳尔吉斯·穆罕默迪 read for 穆罕默迪是哪国人: 挪威 is the committee's)."""
    text = c.sentence.text
    for t in (t for t in terms if len(t) >= 2):
        at = text.find(t)
        if at < 0 or at < c.start:
            continue
        start = max(text.rfind(p, 0, at) for p in _CLAUSE) + 1
        if c.start < start and any(start <= a and b <= at and not _named_in(text[a:b], q_text)
                                   for a, b in countries_in(text)):
            return True
    return False


def only_countries(q_text: str, terms: Iterable[str], found: Iterable[Candidate]) -> list[Candidate]:
    """For a question asking which country, ``found`` as the countries they name (:func:`as_country`),
    without those another country stands between and the question's words (:func:`someone_elses`);
    any other question's candidates unchanged."""
    if not asks_country(q_text):
        return list(found)
    terms, found = list(terms), list(found)
    kept = [k for c in found if (k := as_country(q_text, c, terms)) is not None]
    if not kept:
        return found  # none names a place at all: the documents name the country in a way unknown here
    return [c for c in kept if not someone_elses(q_text, c, terms)]


def named(q: Question, views: list[PassageView], tw: TermWeights) -> list[Candidate]:
    """The rules' candidates for which country: every country a sentence about the question names, scored
    as a name found without a role is (:func:`qa.answer.extractors.people`): 1894年，德国的Hildebrand &
    Wolfmüller成为第一款公开发售的机车 holds no phrase the span patterns take, but it names 德国."""
    out = []
    for view, sent in relevant_sentences(views, q):
        for a, b in countries_in(sent.text):
            cov = coverage(tw, sent, sent.segment_at(a), view)
            out.append(Candidate(sent.text[a:b], sent, a, b, 0.55 * cov + 0.35 * 0.6 + 0.10 * rank_bonus(view.rank),
                                 cov, 0.6))
    return out
