"""What a question names as its subject: the places, organisations, people, years and names an answer's
documents must be about (:mod:`qa.answer.absent` checks them against the passages).

Detection is generic, with no list of this corpus's names: jieba's part-of-speech tags
(``ns`` places), a run of characters ending in an administrative suffix before 政协/委员会
(X市政协, X县委员会), person names (``nr`` with a common surname, or spelt by sound), years (Chinese
numerals normalised), and in English, capitalised words spelt in pinyin (Guyuan, Yinchuan),
matched against the document in pinyin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from qa.answer.names import foreign_names, person_names
from qa.answer.numbered import numbered_names
from qa.text.abbreviations import SPELT_OUT
from qa.text.bilingual import city_in_chinese, is_english, knows, named_senses
from qa.text.glossary import romanise
from qa.text.normalize import normalize_for_match, to_halfwidth

EntityKind = Literal["place", "person", "year", "romanised", "name", "numbered", "sense"]

_ADMIN = "省市县区州盟旗镇乡村"
# the suffix of a place before 政协 or 委员会: 固原市政协, 政协兴庆区委员会
_SUFFIX_BEFORE_COMMITTEE = re.compile(rf"[{_ADMIN}](?=政协|委员会)")
_FUNCTION_TAGS = set("vpcudrmqf")  # jieba tags of verbs, prepositions, particles, numbers ...
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# generic place words jieba may tag ns that name no particular place
_GENERIC_PLACES = frozenset(["全国", "全省", "全市", "全县", "全区", "全州", "本市", "本县", "本区", "各地", "各区", "各县", "当地", "基层", "城乡", "乡村", "农村", "社区", "小区", "城区", "地区", "辖区", "园区", "景区", "市区", "县区", "市县", "乡镇", "村居", "家门口", "城市", "城镇", "地方", "国家", "家乡", "外地", "外省", "省外", "省内", "市内", "县内", "区内"])
_DETERMINERS = tuple("各全本该此每")  # 各支部, 全州: not a name
# a run of capitalised words (Yinchuan Xingqing District, Liu Qiang): its pinyin words form one name
_CAPITALISED_RUN = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:'s)?(?:[ -]+[A-Z][a-z]+(?:'s)?)*(?![A-Za-z])")  # not OpenAI
# English words of a Chinese place's name (Yinchuan Xingqing District); any other word that is no pinyin
# makes the run a foreign name (Tamil Nadu: nadu is spelt in pinyin, tamil is not)
_NAME_WORDS = frozenset([
    "district", "county", "city", "province", "town", "township", "village", "prefecture", "autonomous", "region", "committee", "cppcc", "street", "road", "lake", "river", "mountain", "new", "area", "municipal", "of", "the", "in", "and", "party", "people", "people's", "government", "university", "mr", "ms", "mrs", "political", "consultative", "conference", "standing", "chairman", "chairwoman", "chair", "vice", "secretary", "mayor", "member", "members", "office", "bureau", "department", "association", "federation", "league", "youth", "women", "women's", "communist", "national", "provincial", "municipality", "ethnic", "mr.", "dr"])
# English words that happen to be spelt in pinyin syllables ("Since last year, ..." names nobody; "the
# April–June quarter" no June)
_NOT_NAMES = frozenset(["june", "china", "chinese", "tibetan", "name", "yuan", "give", "can", "since", "hence", "above", "along", "among", "before", "being", "came", "come", "done", "during", "even", "five", "given", "have", "here", "into", "made", "make", "more", "over", "same", "seven", "some", "take", "taken", "time", "under", "were"])
_COMMON = 100  # a word jieba's dictionary counts this often is a word, not a name
_INTERROGATIVES = ("什么", "哪", "何", "啥")
_COUNTING = re.compile(r"(?:多少|几|\d)$")


@dataclass(frozen=True, slots=True)
class Entity:
    """A name the question makes its subject: 固原市 (place), 张三 (person), 2021 (year), Guyuan."""

    text: str
    kind: EntityKind
    # a person's: the question's 3-character stretches across its edges (史称二宫之争: 称二宫, 二宫之); one
    # the document says too means the tagger cut the name out of other words
    around: tuple[str, ...] = field(default=(), compare=False)


def named_entities(question: str) -> list[Entity]:
    """Places, people, years and romanised names in ``question``, in order, without duplicates."""
    text = to_halfwidth(question)
    found: list[Entity] = []
    if re.search(r"[\u4e00-\u9fff]", text):
        found += [Entity(w, "place") for w in _places(text)]
        found += [Entity(text[a:b], "person", _across(text, a, b)) for a, b in people(text)
                  if not any(text[a:b] in e.text or e.text in text[a:b] for e in found)]
        for name in [leading_name(text), *(text[a:b] for a, b in foreign_names(text, _COMMON))]:  # 格雷格: whole
            if name and not any(name in e.text or e.text in name for e in found):
                found.append(Entity(name, "name"))
        for title in _TITLE.findall(text):  # 《流浪地球2》: a work a document never names is not its subject
            if not any(title in e.text or e.text in title for e in found):
                found.append(Entity(title, "name"))
        # an acronym a Chinese question writes (CBA, not NBA; not GDP, which a story may spell out): a name
        found += [Entity(a, "name") for a in _ACRONYM.findall(text) if a not in SPELT_OUT and
                  not any(a in e.text for e in found) and not is_english(text)]
    norm = normalize_for_match(text)
    found += [Entity(m.group(1), "year", _day_after(norm, m.end())) for m in _YEAR.finditer(norm)]
    found += [Entity(n, "numbered") for n in numbered_names(norm, text)]  # 神舟16号, iphone15: not a sibling's
    english = is_english(text)
    if english:  # Moaan (墨案), the Shanghai Composite (沪指): the story writes the Chinese, not the pinyin
        for m in [m for m in _GLOSSED.finditer(text) if len(_romanised_name(m.group(1))) >= 4]:
            found += [Entity(m.group(2), "name")] if not any(m.group(2) in e.text for e in found) else []
            text = text[:m.start()] + " " * len(m.group(1)) + text[m.end(1):]
    # Huayue's Qinghe production base names two things, the owner and its base: a possessive ends a name
    runs = [run for m in _CAPITALISED_RUN.finditer(text) for run in re.split(r"(?<=['’]s)[ -]+", m.group(0))]
    for run in runs:
        # Fuzhou-Xiamen names two places (福厦, 福州至厦门): each is looked for on its own
        for part in ([run] if " " in run else run.split("-")):
            if len(name := _romanised_name(part)) >= 4:
                found.append(Entity(name, "romanised"))
            elif english:  # a city spelt in English (the Paris Olympics: 巴黎, which the story must name)
                found += [Entity(zh, "place") for w in re.split(r"[ -]+", part) if (zh := city_in_chinese(w))]
    if english:  # a Chinese word in pinyin that no English dictionary knows (gaokao: 高考), as a name is
        found += [Entity(w, "romanised") for w in _LOWER_WORD.findall(text) if _pinyin().fullmatch(w)
                  and w not in _NOT_NAMES | _NAME_WORDS and not knows(w)]
    if english:  # World Cup: a story that names none of 世界杯, 世足 is about something else. Word pairs and
        # acronyms only: a single word's senses are often one spelling of a name among several (Jose: 霍赛, not 若泽)
        spelt = {e.text for e in found if e.kind == "romanised"}
        found += [Entity(word, "sense", tuple(senses)) for word, senses in named_senses(text)
                  if word.replace(" ", "") not in spelt and not set(word.split()) & _NOT_NAMES
                  and (" " in word or re.search(rf"\b{re.escape(word.upper())}\b", text))]
    return list(dict.fromkeys(found))


# capitalised words glossed in Chinese right after them: where they are pinyin-like, the Chinese is the name asked
_GLOSSED = re.compile(r"((?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+)\s*[(（]([\u4e00-\u9fff·]{2,12})[)）]")
_LOWER_WORD = re.compile(r"(?<![A-Za-z'-])([a-z]{5,})(?![A-Za-z'-])")
_DAY = re.compile(r"年(\d{1,2}月\d{1,2}日)")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,5})(?![A-Za-z0-9])")
_TITLE = re.compile(r"《([^《》]{2,40})》")


_RARE = 500  # a word jieba's dictionary counts less often than this may be a name (腾讯 98, 中农 63; 历史 34460)
_NOT_NAME_TAGS = _FUNCTION_TAGS | {"t", "s", "x"}  # and times (目前), places in general (文中), no word at all


def rare(word: str) -> bool:
    """jieba's dictionary counts ``word`` less often than a common word (or not at all): it may be a name."""
    import jieba  # deferred: loads jieba's dictionary

    return (jieba.dt.FREQ.get(word) or 0) < _RARE


def leading_name(question: str) -> str | None:
    """The word a question opens with when it is a rare one, no verb, preposition, time or question
    word: what the question is about, a company or a thing (腾讯2023年第二季度营收, 中农联合…营业收入,
    民爆光电上市首日收盘价), which an answer's document must name. Places and people have their own
    checks; this one is for names jieba knows no tag for (it tags 腾讯 nz, 网易 n, 民爆 a)."""
    import jieba
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    first = next(iter(jieba.cut(question)), "")
    freq, tag = jieba.dt.FREQ.get(first), pseg.dt.word_tag_tab.get(first, "x")
    if len(first) < 2 or not _CJK.match(first) or not freq or freq >= _RARE or tag[0] in _NOT_NAME_TAGS \
            or PERIOD_WORD.search(first):
        return None
    return None if first.startswith(_INTERROGATIVES) else first


# a part of a year or an edition, not a name (第一季度, 前三季度, 上半年度, 下届)
PERIOD_WORD = re.compile(r"^第|季度|半年|年度|月份|周年|^[上下本首历]一?届")
# a date or season a question opens with (2023年温网男单冠军是谁): when, not what it is about
_OPENING_DATE = re.compile(r"^\s*(?:(?:19|20)\d\d(?!\d)(?:\s*[-—/]\s*\d\d(?:\d\d)?)?\s*(?:年度?|赛季|财年)?)?(?:\d{1,2}\s*月(?:份)?)?"
                           r"(?:\d{1,2}\s*[日号])?[，,、\s]*")  # 2023年, 2023赛季, 2022-23赛季, 2023上海马拉松


def after_date(question: str) -> str:
    """``question`` without the date it opens with (2023年温网男单冠军是谁 -> 温网男单冠军是谁)."""
    return question[_OPENING_DATE.match(question).end():] or question


def _day_after(norm: str, at: int) -> tuple[str, ...]:
    """The month and day written right after a year (2023年7月23日 -> 7月23日): news gives the day of
    an event and leaves its year to the dateline."""
    m = _DAY.match(norm, at)
    return (m.group(1),) if m else ()


def _across(text: str, a: int, b: int) -> tuple[str, ...]:
    """The 3-character stretches of ``text`` that cross an edge of ``text[a:b]``, all Chinese, normalised."""
    out = [text[i:i + 3] for i in range(max(0, a - 2), min(b, len(text) - 2))
           if (i < a < i + 3 or i < b < i + 3) and re.fullmatch(r"[\u4e00-\u9fff]{3}", text[i:i + 3])]
    return tuple(normalize_for_match(w) for w in out)


def people(text: str) -> list[tuple[int, int]]:
    """Person names, leaving out common words jieba tags ``nr`` (荣誉: its dictionary counts it
    2,877 times; names are rare there) and measure words after a question word (多少张有…)."""
    import jieba  # deferred: loads jieba's dictionary

    return [(a, b) for a, b in person_names(text)
            if (jieba.dt.FREQ.get(text[a:b]) or 0) < _COMMON and not _COUNTING.search(text[:a])]


def _romanised_name(run: str) -> str:
    """The pinyin words of a run of capitalised words, joined: "Liu Qiang" -> liuqiang."""
    words = [w.lower().removesuffix("'s") for w in re.split(r"[ -]+", run)]
    if all(w in _NAME_WORDS for w in words):
        return ""  # Women's (of the Women's World Cup), People's: English words, no name in pinyin
    spelt = [w in _NAME_WORDS or w in _NOT_NAMES or _pinyin().fullmatch(w) is not None for w in words]
    if not all(spelt):
        # Tamil Nadu, New York: a foreign name, not a Chinese one in pinyin; but a Chinese place leading an
        # English name (Chengdu Universiade, Hangzhou Asian Games) is still that place
        lead = words[0] if spelt[0] and not spelt[-1] and words[0] not in _NOT_NAMES | _NAME_WORDS else ""
        return lead if len(lead) >= 5 else ""
    # an English word spelt in pinyin is a surname leading a name (Yuan Longping: 袁隆平), not the currency
    kept = [w for i, w in enumerate(words) if _pinyin().fullmatch(w) and (w not in _NOT_NAMES or (
        i == 0 and len(words) > 1 and w in _surnames() and _pinyin().fullmatch(words[1]) and words[1] not in _NOT_NAMES))]
    return "".join(kept)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The common surnames in pinyin (yuan, li, wang)."""
    from qa.answer.names import SURNAMES

    return frozenset(romanise(c) for c in SURNAMES)


@lru_cache(maxsize=1)
def _pinyin() -> re.Pattern[str]:
    """A word made of pinyin syllables: those pypinyin's dictionary reads (423, tones dropped, ü as v),
    not any initial with any final -- "In Qilian County" named "inqilian" (in, be, do, so, we are no
    syllables) -- nor the interjections without a vowel (m, ng, hm)."""
    import unicodedata

    # deferred: 0.8 s, and only for English questions
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = set()
    for readings in pinyin_dict.values():
        for r in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c))
            if re.search(r"[aeiouü]", plain):
                syllables.add(plain.replace("ü", "v"))
    return re.compile("(?:" + "|".join(sorted(syllables, key=len, reverse=True)) + ")+")


def _places(text: str) -> list[str]:
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    words = [(w, f) for w, f in pseg.cut(text)]
    out = []
    for i, (w, f) in enumerate(words):
        if f != "ns" or _joins_levels(w, words[i - 1][1] if i else "") or _asked(words, i):
            continue
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if len(nxt) == 1 and nxt in _ADMIN:
            w += nxt  # 峨堡 / 镇
        if w.endswith("地区") and len(w) > 3:
            w = w[:-2]  # 广州地区生产总值: the document says 广州 (2023年地区生产总值)
        if len(w) >= 2 and w not in _GENERIC_PLACES and not w.startswith(_DETERMINERS):
            out.append(w)
    for name in _before_committee(text, words):
        if name not in _GENERIC_PLACES and not any(name in o or o in name for o in out):
            out.append(name)
    return out


def _asked(words: list[tuple[str, str]], i: int) -> bool:
    """The word is what the question asks for, not its subject: 什么东西, 哪种贸易的重镇, 第二大港
    (jieba tags 东西, 重镇 and 大港 as places)."""
    if i and words[i - 1][0].startswith("第"):
        return True
    for w, f in reversed(words[max(0, i - 4):i]):
        if f == "r":
            return any(k in w for k in _INTERROGATIVES)
        if f not in ("n", "vn", "uj", "a"):
            return False
    return False


def _joins_levels(word: str, previous_tag: str) -> bool:
    """和县 in 市直委员工作室和县(区)委员工作室 joins two levels of government (jieba tags it the county
    和县); after a place (马鞍山市和县) it is the county."""
    return len(word) == 2 and word[0] in "和与及或" and word[1] in _ADMIN and previous_tag != "ns"


def _before_committee(text: str, words: list[tuple[str, str]]) -> list[str]:
    """Names ending in an administrative suffix right before 政协/委员会 (门源县政协, 黄南州政协):
    from the start of the jieba word before the suffix (jieba cuts 门源/县政协), unless that
    word is a verb or function word (参与省政协 names no place; a verbal noun does: 循化县政协)."""
    spans, pos = [], 0
    for w, f in words:
        spans.append((pos, pos + len(w), f))
        pos += len(w)
    out = []
    for m in _SUFFIX_BEFORE_COMMITTEE.finditer(text):
        k = m.start()
        start, tag = next(((a, f) for a, b, f in spans if a <= k - 1 < b), (k, "x"))
        name = text[start:k + 1]
        # a verbal noun may be a place jieba does not know (循化/vn 县政协), unless a count leads into
        # it (多少批外/vn 省政协: 批 is the measure word); a verb is none (参与省政协)
        known = tag[:1] not in _FUNCTION_TAGS or (tag == "vn" and not _COUNTING.search(text[:start]))
        if len(name) >= 3 and "政协" not in name and known:
            out.append(name)
    return out
