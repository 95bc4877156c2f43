"""Never answer for what the documents lack: the places, organisations, people and years a
question names must be what the cited passages are about.

银川市兴庆区政协主席是谁？ retrieves 庆阳's chairman, and 固原市政协2023年收到多少件提案？
大武口's 190件: the wording fits, the subject does not. Whatever a candidate scores, a
passage whose document never mentions a place or person the question names (and, for a
year, whose passage, title or main year is another one; news that names no year of its own does
not contradict the year asked unless its passage does) cannot answer it.

What a question names (places, people, years, names in pinyin) is found by :mod:`qa.answer.entities`; this
module checks it against a passage and its document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qa.answer.entities import _CJK, _YEAR, Entity
from qa.answer.numbered import sibling_only
from qa.llm.addressing import addresses_reader
from qa.text import periods
from qa.text.abbreviations import SPELT_OUT
from qa.text.glossary import romanise
from qa.text.normalize import normalize_for_match

_DATED = 2  # a year named this often is what a document is about (a report names its own at least twice)
_LATIN = re.compile(r"[a-z]+")


@dataclass(slots=True)
class DocumentFacts:
    """What a document is about, for checking a question's entities against it."""

    norm: str  # title, headings and text, normalised
    main_year: int | None  # the year of its title, else the year it names most
    # its title names a year, or its text one more than once: a document about a year (a report), not news
    # naming other years in passing
    dated: bool = True
    addresses_reader: bool = False  # it gives instructions to its reader (qa.llm.addressing)
    romanised: str = ""  # its Chinese words in pinyin, "|" before each, filled on demand


_DIGITS_APART = re.compile(r"(?<=\d)\s+(?=\d)")


def matchable(text: str) -> str:
    """``text`` normalised for matching, numbers that only whitespace separates kept apart: a dateline
    "7-19 14:25" names no year 1914."""
    return normalize_for_match(_DIGITS_APART.sub("，", text))


def document_facts(title: str, text: str) -> DocumentFacts:
    norm = matchable(f"{title} {text}")
    # a report delivered in January 2025 (——2025年1月8日在…人民代表大会…会议上) is about 2024, which its review says
    titled = [int(y) for y in _YEAR.findall(periods.undelivered(matchable(title)))]
    reviewed = [int(y) for y in _REVIEWED.findall(norm)]
    counted = Counter(int(y) for y in _YEAR.findall(periods.undelivered(norm))).most_common(1)
    years = titled or reviewed[:1] or [y for y, _ in counted]
    return DocumentFacts(norm, years[0] if years else None, bool(titled) or any(n >= _DATED for _, n in counted),
                         addresses_reader(f"{title}\n{text}"))


# the year a report's review looks back on (2024年工作回顾)
_REVIEWED = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?:度)?(?:工作)?(?:回顾|总结)")


_SAME_PLACE = {"中国": ("我国",)}


def missing(entities: list[Entity], passage_norm: str, doc: DocumentFacts) -> list[Entity]:
    """The entities a passage (its text, org, headings, title: ``passage_norm``) and its
    document do not account for.

    A place or person must be named somewhere in the document; a year in the passage or be
    the document's main year (a 2023 report answers about 2023, not about the 2024 it
    mentions in its outlook). A document about no year in particular (news naming a year once,
    if at all) answers for any year its passage does not contradict, and for the day the
    question dates (2023年7月23日: 中新网7月23日电).
    """
    out = []
    passage_norm = periods.undelivered(passage_norm)  # its title's day of delivery: the year after the report's
    for e in entities:
        if e.kind == "year":
            ok = (e.text in periods.dated(passage_norm, doc.main_year)  # 去年 of a 2023 story is 2022
                  or (doc.main_year is not None and int(e.text) == doc.main_year)
                  or periods.covers(passage_norm, int(e.text))
                  or any(normalize_for_match(d) in doc.norm for d in e.around)
                  or not (doc.dated or _YEAR.search(periods.without_references(passage_norm))))
        elif e.kind == "romanised":  # or written in Latin letters (news writes Sega, OpenAI as they are)
            ok = _spelt_in(e.text, _romanised(doc)) or e.text in doc.norm
        elif e.kind == "sense":  # an English name: one of the Chinese names the dictionary gives it, or its
            # head when it ends in a kind (诺贝尔奖 written 诺贝尔化学奖: 诺贝尔)
            ok = e.text.replace(" ", "") in doc.norm.replace(" ", "") or any(  # or as it is (DRAM, NVIDIA)
                normalize_for_match(w) in doc.norm or (len(w) >= 4 and normalize_for_match(w[:-1]) in doc.norm)
                for w in e.around)
        elif e.kind == "numbered":
            ok = not sibling_only(e.text, doc.norm)
        elif e.kind == "person":  # 王新帮消费者: the tagger may take a following character along
            ok = (any(normalize_for_match(w) in doc.norm for w in {e.text, e.text[:2], e.text[-2:]})
                  or any(w in doc.norm for w in e.around))  # 英祖十五年时慎氏: or a preceding one
        else:  # 我国 is how Chinese text names China (国家统计局: 我国GDP…); not 全国 (上海…位居全国城市首位)
            ok = any(normalize_for_match(w) in doc.norm for w in (e.text, *_SAME_PLACE.get(e.text, ())))
        if not ok:
            out.append(e)
    return out


def written_acronyms(question: str, named: list[Entity], docs: list[DocumentFacts]) -> list[Entity]:
    """The acronyms of an English question (NBA, TSMC) that one of ``docs`` writes as is and that it does not name
    already: names the answer's document must write too. Not one no document writes (CSL: 中超, which no dictionary
    here gives), nor one a story may spell out (GDP, CEO) or a word as short as AI, US."""
    known = {e.text.replace(" ", "").lower() for e in named}
    return [Entity(a, "name") for a in dict.fromkeys(_ACRONYM.findall(question))
            if a not in SPELT_OUT and a.lower() not in known and any(a.lower() in d.norm for d in docs)]


_ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Z]{3,5})(?![A-Za-z0-9])")


def _romanised(doc: DocumentFacts) -> str:
    """The document's words in pinyin, "|" before each; then those whose characters read alone
    spell them otherwise: pypinyin reads 民乐县 minyuexian, the county writes itself Minle."""
    if not doc.romanised:  # once per document
        import jieba  # deferred: loads jieba's dictionary

        words = [w for w in jieba.cut(doc.norm) if _CJK.match(w)]
        # Latin words in their place among them: 华为Mate 60 Pro spells "Huawei Mate" (|huawei|mate|pro)
        spelt = [p for w in jieba.cut(doc.norm) for p in ([romanise(w)] if _CJK.match(w) else _LATIN.findall(w))]
        alone = {"".join(romanise(c) for c in w) for w in words} - set(spelt)
        doc.romanised = "|" + "|".join([*spelt, *sorted(alone)])
    return doc.romanised


def _spelt_in(name: str, romanised: str) -> bool:
    """``name`` starts at a word of the document (服务中心 does not spell Wuzhong), and may run
    over several words (甘肃/庆阳 spells gansuqingyang)."""
    return re.search(r"\|" + r"\|?".join(map(re.escape, name)), romanised) is not None


def describe(entities: list[Entity]) -> str:
    return ", ".join(e.text for e in entities)
