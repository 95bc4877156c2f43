"""Comparison questions (哪个更多): answer each side as its own number question, then compare.

The sides are two organisations named in the question (大武口区政协和城北区政协, 哪个...),
or two options around 还是/和/与 (市直的多还是县（区）的多). Each side gets the part
of the question that concerns it plus the shared measure, so 西宁市政协专题协商提出的意见建议
和大武口区政协协商调研提出的对策建议 compares 82 with 40. A question that asks by how much
(大武口区政协收到的提案比城北区政协多多少件, 相差多少, how many more) is answered with the difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.text.normalize import extract_quantities, to_halfwidth

_TAIL = re.compile(r"[,，]?\s*(哪个|哪一个|哪一家|哪家|哪边|哪一类|哪类|哪一项|哪项|哪一种|哪种|谁|哪方|相比|比起来|相差|差距|"
                   r"(?:多|少|差)(?:多少|几)|which).*$", re.IGNORECASE)
# A比B多多少件: side A is the text before 比 (its organisation and the measure), side B takes A's measure
# 城北区政协比大武口区政协多立案多少件提案: the measure's verb (立案) between 多 and 多少 belongs to both sides
_BY_HOW_MUCH = re.compile(r"^(.+?)比(.+?)(?:多|少)([\u4e00-\u9fff]{0,4}?)(?:多少|几)(.*)$")
_APPROX = re.compile(r"余|多|约|近|超|以上")
_OPTIONS = re.compile(r"([^,，]{1,12}?)的?(?:多|少)还是([^,，]{1,12}?)的?(?:多|少)")
_PAIR = re.compile(r"([^,，]{1,30}?)[,，]?(?:和|与|跟|同|还是)([^,，]{1,20}?)(?:[,，]|相比|$)")
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
        by = _BY_HOW_MUCH.search(text)
        if by and q.lang == "zh" and _names(by.group(1), q.orgs[0]) and _names(by.group(2), q.orgs[1]):
            measure, verb = _without(by.group(1), q.orgs[0]), by.group(3)
            # B's own words when it says more than its name (比西宁政协深入调研后提的可操作对策建议), after
            # what both share when A's clause is set apart by a comma (议政性常委会协商，张掖市政协…比城北区政协开的次数)
            head = re.split(r"[,，]", by.group(1).rstrip(",，"))
            shared = ",".join(head[:-1]) + "," if len(head) > 1 and not _names(",".join(head[:-1]), q.orgs[0]) else ""
            second = (f"{shared}{by.group(2)}" if _chinese(_without(by.group(2), q.orgs[1])) >= 2
                      else f"{q.orgs[1]}{measure}")
            if verb:  # …多立案多少件提案: each side asks 立案多少件提案
                rest = re.sub(r"[?？。!！\s]+$", "", by.group(4))
                return [Side(q.orgs[0], q.orgs[0], f"{by.group(1)}{verb}多少{rest}"),
                        Side(q.orgs[1], q.orgs[1], f"{second}{verb}多少{rest}")]
            return [Side(q.orgs[0], q.orgs[0], f"{by.group(1)}有多少"),
                    Side(q.orgs[1], q.orgs[1], f"{second}有多少")]
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
    pos = []
    for org in orgs:
        i = min((text.find(k) for k in _forms(org) if text.find(k) >= 0), default=-1)
        pos.append(i)
    # words before the first organisation are shared: 监督性视察中提出的意见建议，城北区政协和...
    first = min((p for p in pos if p >= 0), default=0)
    prefix = re.sub(r"[,，]\s*$", "", text[:first])
    shared = _strip_wh(metric)
    if _chinese(shared) < 2:  # 城北区政协和西宁市政协相差多少: the measure is a side's
        shared = next((w for j, o in enumerate(orgs) if pos[j] >= 0 and (w := _own_measure(text, pos, j, o))), shared)
    out = []
    for j, org in enumerate(orgs):
        if pos[j] < 0:
            out.append(Side(org, org, f"{org}{_strip_wh(metric)}有多少"))
            continue
        nxt = min([p for p in pos if p > pos[j]] + [len(text)])
        own = _TAIL.sub("", text[pos[j]:nxt])
        own = re.sub(r"(和|与|跟|同|比|、|,|，|相比|比起来|or|and|\s)+$", "", own).strip()
        if len(own) <= len(org) + 3:  # only the name: the measure is in the shared tail
            own = f"{own}{shared}"
        out.append(Side(org, org, f"{prefix}{own}有多少"))
    return out


def _own_measure(text: str, pos: list[int], j: int, org: str) -> str:
    """What side ``j`` says besides its organisation's name (its measure), or ""."""
    nxt = min([p for p in pos if p > pos[j]] + [len(text)])
    own = re.sub(r"(和|与|跟|同|比|、|,|，|相比|比起来|\s)+$", "", _TAIL.sub("", text[pos[j]:nxt]))
    rest = _without(own, org)
    return rest if _chinese(rest) >= 2 else ""


def _chinese(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def _forms(org: str) -> list[str]:
    """The ways a question writes an organisation: 城北区政协, 城北区, 城北."""
    from qa.text.structure import org_key

    return [k for k in (org, org.removesuffix("政协"), org_key(org)) if k]


def _names(text: str, org: str) -> bool:
    return any(k in text for k in _forms(org))


def _without(text: str, org: str) -> str:
    """``text`` without the organisation's name, however it is written (城北区政协, 城北区, 城北)."""
    k = next((k for k in _forms(org) if k in text), None)
    return text.replace(k, "", 1).lstrip("的") if k else text


def _strip_wh(metric: str) -> str:
    """The measure a comparison's tail names: 哪个开展的次数更多？ -> 开展的次数."""
    out = re.sub(r"哪一个|哪个|哪一家|哪家|哪一项|哪项|哪一类|哪类|哪一种|哪种|哪边|哪方|谁|相比|比起来|"
                 r"(?:更|最|较)(?:多|少|大|小|高|低)|(?:多|少)一些|数字|相差|差距|(?:多|少|差)?(?:多少|几)|[?？,，]", "", metric)
    return re.sub(r"(?<!多)[多少]$", "", out.strip())


def verdict(q: Question, values: list[float]) -> int:
    """Index of the side the question asks for (the larger, or the smaller for 更少)."""
    pick = min if q.fewer else max
    return values.index(pick(values))


def comparison_unit(q: Question) -> str | None:
    """A unit the comparison names explicitly (条数 -> 条); otherwise each side finds its own."""
    m = _EXPLICIT_UNIT.search(q.text)
    return m.group(1) if m else None


def with_figure(c: Candidate) -> Candidate | None:
    """The candidate with the figure it states (a reader's span carries none of its own: 5个 -> 5,
    unit 个), or None when it states no single figure."""
    if c.value is not None:
        return c
    found = extract_quantities(c.answer)
    if len(found) != 1 or found[0].value is None:
        return None
    return replace(c, value=float(found[0].value), unit=found[0].unit or "")


def statement(q: Question, sides: list[Side], found: list[Candidate]) -> str:
    """The comparison's answer: which side has more (or fewer), or by how much, with both figures."""
    values = [c.value or 0.0 for c in found]
    if q.difference:
        return _difference(q, sides, found, values)
    win = verdict(q, values)
    a, b, fa, fb = sides[win], sides[1 - win], found[win], found[1 - win]
    if q.lang == "zh":
        return f"{a.label}（{fa.answer}）{'少于' if q.fewer else '多于'}{b.label}（{fb.answer}）"
    return f"{a.label} ({fa.answer}) {'fewer than' if q.fewer else 'more than'} {b.label} ({fb.answer})"


def _difference(q: Question, sides: list[Side], found: list[Candidate], values: list[float]) -> str:
    """A比B多23件（190件，167件）: the difference in the first side's terms, with both figures; a
    figure written 30余 makes the difference approximate (约10次)."""
    gap = values[0] - values[1]
    a_unit, b_unit = found[0].unit or "", found[1].unit or ""
    # 13条 and 5个 have no difference in one unit; 10场 and 4场次 do (场: the shorter names both)
    unit = min(a_unit, b_unit, key=len) if a_unit.startswith(b_unit) or b_unit.startswith(a_unit) else ""
    amount = f"{abs(gap):g}{unit}"
    if any(_APPROX.search(c.answer) for c in found):
        amount = ("about " if q.lang == "en" else "约") + amount
    a, b = sides[0].label, sides[1].label
    if q.lang == "zh":
        if gap == 0:
            return f"{a}与{b}一样多（{found[0].answer}，{found[1].answer}）"
        return f"{a}比{b}{'多' if gap > 0 else '少'}{amount}（{found[0].answer}，{found[1].answer}）"
    if gap == 0:
        return f"{a} and {b} are equal ({found[0].answer}, {found[1].answer})"
    return f"{a} has {amount} {'more' if gap > 0 else 'fewer'} than {b} ({found[0].answer} vs {found[1].answer})"
