"""English questions over Chinese documents: map domain terms and place names to Chinese.

The dense side is multilingual, but keyword search and answer extraction need the
Chinese words. A question like "How many proposals did Dawukou receive in 2023?"
gains 提案 收到 大武口 for BM25 and for matching sentences. Domain terms come from the
corpus's lexicon (data, :mod:`qa.lexicon`); place names from the index itself (romanised
with pypinyin), so new organisations work without editing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from qa.lexicon import Lexicon
from qa.text.abbreviations import spelt_out

_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=4096)
def romanise(word: str) -> str:
    """大武口 -> dawukou (lower case, no tones, no spaces)."""
    from pypinyin import lazy_pinyin  # deferred: loads its dictionary on first use

    return "".join(lazy_pinyin(word)).lower()


def translate_terms(text: str, places: Iterable[str], lexicon: Lexicon) -> list[str]:
    """Chinese equivalents of the English domain terms (the lexicon's glossary), of common abbreviations
    (:mod:`qa.text.abbreviations`) and romanised places in ``text``."""
    if not _LATIN.search(text):
        return []
    out: list[str] = spelt_out(text)  # GDP -> 国内生产总值: abbreviations the documents write out
    pattern = lexicon.glossary_pattern()
    for m in pattern.finditer(text) if pattern else ():
        out.extend(lexicon.glossary[m.group(1).lower()].split())
    letters = re.sub(r"[^a-z]", "", text.lower())
    for place in places:
        key = romanise(place)
        if len(key) >= 4 and key in letters:
            out.append(place)
    return list(dict.fromkeys(out))


def expand_query(query: str, places: Iterable[str], lexicon: Lexicon) -> str:
    """The query with Chinese terms appended when it is (partly) English."""
    extra = translate_terms(query, places, lexicon)
    return f"{query} {' '.join(extra)}" if extra else query


def speaks(text: str, lexicon: Lexicon) -> bool:
    """Whether the lexicon's glossary translates any English phrase of ``text``. Where it does, its
    words are the corpus's own and a general dictionary adds only noise (Dawukou District -> 街道,
    review -> 考核: on english.jsonl 0.897 -> 0.793 with both); where it does not (a corpus with no
    glossary, news), the dictionary is all there is (:mod:`qa.text.bilingual`)."""
    pattern = lexicon.glossary_pattern()
    return bool(pattern and pattern.search(text))
