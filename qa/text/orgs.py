"""Finding the organisations a text names, in Chinese or romanised (Dawukou -> 大武口区政协)."""

from __future__ import annotations

import re

from qa.text.glossary import romanise
from qa.text.script import simplify_chars
from qa.text.structure import org_key


def detect_orgs(text: str, orgs: list[str]) -> list[str]:
    """Organisations named in ``text`` (Chinese or romanised), most specific first in order.

    西宁市城东区政协 names 城东区政协: a match immediately followed by another one is a
    parent region, not the subject. Traditional characters name the same organisations
    (張掖市政協 is 张掖市政协).
    """
    text = simplify_chars(text)
    hits: list[tuple[int, int, str]] = []
    low = text.lower()
    letters = re.sub(r"[^a-z]", "", low)
    for org in orgs:
        key = org_key(org)
        for name in (org, org.removesuffix("政协"), key):
            i = text.find(name) if len(name) >= 2 else -1
            if i >= 0:
                hits.append((i, i + len(name), org))
                break
        else:
            if not letters:
                continue  # romanising needs pypinyin's dictionary: only for Latin text
            rom = romanise(key)
            if len(rom) >= 4 and rom in letters:
                hits.append((10_000 + letters.index(rom), 10_000 + letters.index(rom) + len(rom), org))
    hits.sort()
    kept = [h for i, h in enumerate(hits)
            if not (i + 1 < len(hits) and hits[i + 1][0] == h[1] and hits[i + 1][2] != h[2]
                    and not text[h[0]:h[1]].endswith("政协"))]
    return list(dict.fromkeys(org for _, _, org in kept))
