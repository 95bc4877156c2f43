"""Where a question names its organisation or place, and how to name another one the same way.

大武口区政协2023年… names 大武口区政协 in full (form 0); 大武口区的区委书记 names the place
(form 1); "the Dawukou District CPPCC" spells it in pinyin (form 3). A follow-up's new place
takes the old one's form: 那城北区呢？ after the full name gives 城北区政协.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.question import Question
from qa.text.glossary import romanise
from qa.text.script import simplify_chars
from qa.text.structure import canonical_org, org_key

_EN_ADMIN = re.compile(r"\s+(?:district|city|county|prefecture|province|town|township|village)\b", re.IGNORECASE)


@dataclass(slots=True)
class OrgSpan:
    start: int
    end: int
    org: str | None  # the index organisation, None for a place the index lacks
    form: int  # 0: the full name (X政协), 1: the place (X区), 2: the bare key (X), 3: romanised


def org_span(text: str, q: Question) -> OrgSpan | None:
    """Where ``text`` names its (first) organisation, and in which form."""
    plain = simplify_chars(text)
    for org in q.orgs:
        for form, name in enumerate((org, org.removesuffix("政协"), org_key(org))):
            i = plain.find(name) if len(name) >= 2 else -1
            if i >= 0:
                if form == 1 and plain.startswith("政协", i + len(name)):
                    return OrgSpan(i, i + len(name) + 2, org, 0)
                return OrgSpan(i, i + len(name), org, form)
        span = _romanised_span(text, org_key(org))
        if span is not None:
            return OrgSpan(*span, org, 3)
    for e in q.entities:
        if e.kind == "place" and (i := plain.find(e.text)) >= 0:
            end = i + len(e.text) + (2 if plain.startswith("政协", i + len(e.text)) else 0)
            return OrgSpan(i, end, None, 0 if end > i + len(e.text) else 1)
        if e.kind == "romanised" and (span := _romanised_span(text, e.text, romanised=True)):
            return OrgSpan(*span, None, 3)
    return None


def _romanised_span(text: str, key: str, romanised: bool = False) -> tuple[int, int] | None:
    """The capitalised words of ``text`` that spell ``key`` in pinyin (Dawukou District -> 大武口)."""
    rom = key if romanised else romanise(key)
    if len(rom) < 4:
        return None
    words = list(re.finditer(r"[A-Za-z]+", text))
    for i, w in enumerate(words):
        joined = ""
        for j in range(i, min(i + 4, len(words))):
            joined += words[j].group(0).lower()
            if joined == rom:
                end = words[j].end()
                admin = _EN_ADMIN.match(text, end)  # "Dawukou District": the admin word goes with it
                return w.start(), admin.end() if admin else end
            if not rom.startswith(joined):
                break
    return None


_EN_ADMIN_WORDS = {"区": "District", "市": "City", "县": "County", "州": "Prefecture"}


def name_like(span: OrgSpan, org: str | None, typed: str, old: str = "") -> str:
    """The new place written the way the old one was (full name, place, key or as typed);
    in English with the new place's own administrative word (Dawukou District -> Xining City)."""
    if org is not None and span.form in (0, 1, 2):
        return (org, org.removesuffix("政协"), typed if org_key(org) in typed else org_key(org))[span.form]
    if span.form == 3 and org is not None and _EN_ADMIN.search(old) and not _EN_ADMIN.search(typed):
        word = _EN_ADMIN_WORDS.get(org.removesuffix("政协")[-1:])
        return f"{typed} {word}" if word else typed
    if span.form == 0 and re.search(r"[\u4e00-\u9fff]$", typed) and not typed.endswith("政协"):
        return canonical_org(typed)
    return typed
