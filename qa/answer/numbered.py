"""Names with a generation number: 神舟十六号, iPhone 15, Mate 60. A document about 神舟十五号 or iPhone 14 is
about a sibling, not about what was asked, however alike the two stories read (the same launch site, the same
starting price): news of each generation looks like the last one's.

A question's numbered name is checked only against documents that name the same stem with another number and
never this one; a document that does not name the stem at all is judged by the other checks.
"""

from __future__ import annotations

import re

# in normalised text (numerals in digits, lower case, no spaces): 神舟16号, 长征2号f; iphone15, mate60, gpt-4
_CHINESE = re.compile(r"([\u4e00-\u9fff]{2,4})(\d{1,3})号")
# stems that are no names: dates (下个月16号), amounts and ranks, quarters, halves, fiscal years, lists, sizes
_NOT_STEMS = frozenset({"fy", "top", "no", "vol", "covid", "mp", "pm", "am", "ph", "gb", "mb", "kb", "tb", "km",
                        "cm", "mm", "kg", "mg", "ml", "kw", "mw", "gw", "hz", "ghz", "mhz", "nm", "px", "db",
                        # days (July 29, Aug 4) and counted things (Top 10, page 3)
                        "january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                        "sept", "oct", "nov", "dec", "page", "chapter", "article", "section", "round", "stage",
                        "game", "week", "day", "number", "phase", "level", "grade", "class", "group",
                        "line", "gate", "terminal", "route", "channel"})
_NOT_CHINESE_END = set("月年日天周第共约达为是有至到和及或等超近逾期届次")


# in the question as written (English words keep their spaces): iPhone 15, GPT-4, Mate60; not "in 2023"
_WRITTEN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z]+)([ -]?)(\d{1,4})(?![\d.%])")
_YEAR = re.compile(r"(?:19|20)\d\d")


def numbered_names(norm: str, written: str = "") -> list[str]:
    """The numbered names of a question (神舟16号, iphone15), in order: Chinese ones from its normalised text
    ``norm``, Latin ones from the text as ``written`` (normalised text glues English words: whenwasgpt-4); a name
    written with a space before its number has a capital letter (iPhone 15, Model 3), and no year is one."""
    out = [m.group(0) for m in _CHINESE.finditer(norm) if m.group(1)[-1] not in _NOT_CHINESE_END]
    for m in _WRITTEN.finditer(written or norm):
        stem, gap, number = m.group(1), m.group(2), m.group(3)
        if stem.lower() in _NOT_STEMS or _YEAR.fullmatch(number) or (gap == " " and stem.islower()):
            continue
        out.append(stem.lower() + number)
    return list(dict.fromkeys(out))


def sibling_only(name: str, document: str) -> bool:
    """``document`` (normalised) names ``name``'s stem with another number and never ``name`` itself: it is
    about another generation (神舟15号 where 神舟16号 is asked)."""
    if (m := _CHINESE.fullmatch(name)) is not None:
        stem, number = m.group(1), m.group(2)
        found = {n for n in re.findall(re.escape(stem) + r"(\d{1,3})号", document)}
    else:
        m = re.fullmatch(r"([a-z]+)(\d+)", name)
        if m is None:
            return False
        stem, number = m.group(1), m.group(2)
        found = set(re.findall(r"(?<![a-z0-9])" + re.escape(stem) + r"-?(\d{1,4})(?![\d.%])", document))
        found |= _spelt(stem, document)  # Shenzhou-17 asked of 神舟18号
    return bool(found) and number not in found


def _spelt(stem: str, document: str) -> set[str]:
    """The numbers of ``document``'s Chinese numbered names whose stem reads as the Latin ``stem`` in pinyin
    (神舟18号 for shenzhou)."""
    from qa.text.glossary import romanise

    return {n for s, n in _CHINESE.findall(document) if stem.endswith(romanise(s)) and len(romanise(s)) >= 4}


__all__ = ["numbered_names", "sibling_only"]
