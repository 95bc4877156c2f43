"""Comparison questions (哪个更多): answer each side as its own number question, then compare.

The sides are two organisations named in the question (大武口区政协和城北区政协, 哪个...),
or two options around 还是/和/与 (市直的多还是县（区）的多). Each side gets the part
of the question that concerns it plus the shared measure, so 西宁市政协专题协商提出的意见建议
和大武口区政协协商调研提出的对策建议 compares 82 with 40.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.question import Question
from qa.text.normalize import to_halfwidth

_TAIL = re.compile(r"[,，]?\s*(哪个|哪一个|哪一家|哪家|哪边|哪一类|哪类|哪一项|哪项|哪一种|哪种|谁|哪方|相比|which).*$",
                   re.IGNORECASE)
_OPTIONS = re.compile(r"([^,，]{1,12}?)的?(?:多|少)还是([^,，]{1,12}?)的?(?:多|少)")
_PAIR = re.compile(r"([^,，]{1,20}?)(?:和|与|跟|同|还是)([^,，]{1,20}?)(?:[,，]|相比|$)")
_EXPLICIT_UNIT = re.compile(r"(件|次|个|名|篇|条|户|场|批|项|人次)数")


@dataclass(slots=True)
class Side:
    """One side of a comparison: its label and the sub-question that finds its number."""

    label: str
    org: str | None
    question: str


def sides(q: Question) -> list[Side]:
    """The two sides of a comparison question (empty if they cannot be told apart)."""
    text = to_halfwidth(q.text)
    measure = _TAIL.sub("", text)
    tail = _TAIL.search(text)
    metric = tail.group(0) if tail else ""
    if len(q.orgs) >= 2:
        if q.lang == "en":  # it names neither side in Chinese: its translated terms are the measure
            return [Side(o, o, f"{o}{''.join(q.terms)}有多少") for o in q.orgs[:2]]
        return _org_sides(text, q.orgs[:2], metric)
    m = _OPTIONS.search(text)
    if m:
        stem = text[: m.start()]
        return [Side(o.strip(), q.orgs[0] if q.orgs else None, f"{stem}{o}有多少") for o in m.groups()]
    m = _PAIR.search(measure)
    if m:
        stem = text[: m.start()]
        return [Side(o.strip(" 的"), q.orgs[0] if q.orgs else None, f"{stem}{o}{metric}有多少")
                for o in m.groups()]
    return []


def _org_sides(text: str, orgs: list[str], metric: str) -> list[Side]:
    """Split the question at each organisation's mention; a side without own words shares the metric."""
    from qa.text.structure import org_key

    pos = []
    for org in orgs:
        keys = [org, org.removesuffix("政协"), org_key(org)]
        i = min((text.find(k) for k in keys if text.find(k) >= 0), default=-1)
        pos.append(i)
    # words before the first organisation are shared: 监督性视察中提出的意见建议，城北区政协和...
    first = min((p for p in pos if p >= 0), default=0)
    prefix = re.sub(r"[,，]\s*$", "", text[:first])
    out = []
    for j, org in enumerate(orgs):
        if pos[j] < 0:
            out.append(Side(org, org, f"{org}{_strip_wh(metric)}有多少"))
            continue
        nxt = min([p for p in pos if p > pos[j]] + [len(text)])
        own = _TAIL.sub("", text[pos[j]:nxt])
        own = re.sub(r"(和|与|跟|同|、|,|，|相比|or|and|\s)+$", "", own).strip()
        if len(own) <= len(org) + 3:  # only the name: the measure is in the shared tail
            own = f"{own}{_strip_wh(metric)}"
        out.append(Side(org, org, f"{prefix}{own}有多少"))
    return out


def _strip_wh(metric: str) -> str:
    return re.sub(r"哪一个|哪个|哪一家|哪家|哪一项|哪项|哪一类|哪类|哪边|哪方|谁|更多|更少|最多|最少|较多|较少|"
                  r"[?？,，]", "", metric)


def verdict(q: Question, values: list[float]) -> int:
    """Index of the side the question asks for (the larger, or the smaller for 更少)."""
    pick = min if q.fewer else max
    return values.index(pick(values))


def comparison_unit(q: Question) -> str | None:
    """A unit the comparison names explicitly (条数 -> 条); otherwise each side finds its own."""
    m = _EXPLICIT_UNIT.search(q.text)
    return m.group(1) if m else None
