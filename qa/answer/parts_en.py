"""English questions of several parts: "When and where …", "… of A and of B", "how many …, and how many …".
Used by :func:`qa.answer.intent.split` (the Chinese cuts live there and in :mod:`qa.answer.coordinated`)."""

from __future__ import annotations

import re

from qa.answer.coordinated import EACH, END

_ASK_EN = re.compile(r"\b(?:how (?:many|much|long)|who|when|what|which)\b", re.IGNORECASE)
_EN_PAIR = re.compile(r"^(when|where|who)\s+and\s+(when|where|who)\b", re.IGNORECASE)
# "… of A and (of) B": the same question of two things; taken when "of" is repeated, "respectively"/"each"
# ends it, or each names itself in Chinese in brackets
_EN_OF_PAIR = re.compile(r"^(?P<head>(?:what|which|how)\b.*?\bof\s+)(?P<a>[^,]+?)\s+and\s+(?P<of>of\s+)?(?P<b>[^,]+?)"
                         r"(?P<tail>(?:,?\s*(?:respectively|each))?\s*[?.!]*)$", re.IGNORECASE)
_EN_WHEN = re.compile(r"\s+(?:in|on|during|for)\s+[^?]*\d[^?]*$")
_NAMED_ZH = re.compile(r"\([^)]*[\u4e00-\u9fff][^)]*\)")
_EN_JOIN = re.compile(r"(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)(?=(?:how|who|when|what|which)\b)", re.IGNORECASE)


def split_en(text: str, raw: str, orgs: list[str], years: list[int]) -> list[str]:
    """The parts of an English question (``text`` half-width; ``raw`` as asked, returned when it has one part)."""
    if m := _EN_PAIR.match(text):  # When and where is … held?
        return [f"{w.capitalize()}{text[m.end():]}" for w in m.group(1, 2)]
    if (m := _EN_OF_PAIR.match(text)) and (m.group("of") or EACH.search(m.group("tail")) or all(
            _NAMED_ZH.search(m.group(k)) for k in "ab")):  # the revenues of Maersk (马士基) and of Wells Fargo
        b, when = m.group("b"), _EN_WHEN.search(m.group("b"))  # …of Tencent and Alibaba in 2023: both's year
        items = [m.group("a"), b[: when.start()]] if when else [m.group("a"), b]
        return [f"{m.group('head')}{x}{when.group() if when else ''}?" for x in items]
    parts = [p.strip(END + ",") for p in _EN_JOIN.split(text) if p.strip()]
    if len(parts) < 2 or not all(_ASK_EN.search(p) for p in parts):  # "In 2022, how many ...": one ask
        return [raw]
    return _complete_en(parts, orgs, years)


def _complete_en(parts: list[str], orgs: list[str], years: list[int]) -> list[str]:
    """Later parts carry what the first names (organisations, years), which they leave out."""
    if len(parts) < 2:
        return parts
    # later parts ("how many were registered") are about what the first names
    tail = " ".join([*orgs, *(str(y) for y in years)])
    return [parts[0], *(f"{p}{ABOUT}{tail})" if tail else p for p in parts[1:])]


ABOUT = " (about: "  # what a later English part is about, dropped again from its label
