"""Multi-part questions (城北区政协开展了多少次集中学习、讲了多少场党课？): answered part by part.

A question with two or more asks (多少, 几, 谁, 何时; how many, who, when ...) in clauses joined
by 、，；和 以及 (", and how many ...") is cut into parts; a part that leaves out what the first
one said gets it back (几次监督性视察 after 城北区政协开展了几次专题协商 becomes
城北区政协开展了几次监督性视察; 立案多少件 gets the organisation and year). Two organisations
with 分别 (城北区政协和大武口区政协分别收到了多少件提案) make one part each. Every part is retrieved
and answered as its own question (like the sides of :mod:`qa.answer.compare`), then the
answers are joined, each with its citation; a part the documents do not answer says so
while the others are answered.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from qa.answer.draft import Draft, Retrieve, citation_of
from qa.models import Passage
from qa.text.normalize import to_halfwidth
from qa.text.structure import org_key

if TYPE_CHECKING:
    from qa.answer.extractive import ExtractiveComposer
    from qa.answer.question import Question

_ASK_ZH = re.compile(r"多少|(?<![那这好十前后近])几(?![乎年经])|谁|何时|什么时候|哪一?天|哪一?年")
_ASK_EN = re.compile(r"\b(?:how (?:many|much|long)|who|when|what|which)\b", re.IGNORECASE)
_PUNCT = re.compile(r"[，,、；;]")
_WORD_JOIN = re.compile(r"以及|并且|而且|和|与|并|还|又|同时")
_LEAD = re.compile(r"^(?:其中|另外|此外|同时|以及|并且|而且|并|还|又|和|与|共计|一共|总共|共|分别|各)+")
_EN_JOIN = re.compile(r"(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)(?=(?:how|who|when|what|which)\b)", re.IGNORECASE)
_EACH = re.compile(r"分别|各自|\b(?:each|respectively)\b", re.IGNORECASE)
_END = "？?。.!！ "


def split(text: str, orgs: list[str], years: list[int], lang: str = "zh") -> list[str]:
    """The parts of a multi-part question, each a question of its own (one part: not multi-part)."""
    raw, text = text.strip(), to_halfwidth(text).strip()
    if lang == "en":
        parts = [p.strip(_END + ",") for p in _EN_JOIN.split(text) if p.strip()]
        if len(parts) < 2 or not all(_ASK_EN.search(p) for p in parts):  # "In 2022, how many ...": one ask
            return [raw]
        return _complete_en(parts, orgs, years)
    asks = list(_ASK_ZH.finditer(text))
    if len(asks) == 1 and _EACH.search(text):
        return _per_org(text, orgs) if len(orgs) >= 2 else _per_item(text, orgs)
    cuts = []
    for a, b in pairwise(asks):
        between = text[a.end():b.start()]
        joins = list(_PUNCT.finditer(between)) or list(_WORD_JOIN.finditer(between))
        if joins:
            cuts.append((a.end() + joins[-1].start(), a.end() + joins[-1].end()))
    if not cuts:
        return [raw]
    parts, at = [], 0
    for lo, hi in cuts:
        parts.append(text[at:lo])
        at = hi
    parts.append(text[at:])
    return _complete_zh([p.strip(_END) for p in parts], orgs, years)


def _complete_zh(parts: list[str], orgs: list[str], years: list[int]) -> list[str]:
    """Give each later part what it leaves out: the first part's words before its ask, or the
    organisations and years the question names."""
    first = _ASK_ZH.search(parts[0])
    head = parts[0][: first.start()] if first else ""
    setting = _setting(head)
    out = [parts[0]]
    for p in parts[1:]:
        p = _LEAD.sub("", p)
        if _ASK_ZH.match(p):  # 几次监督性视察: the first part's verb too
            out.append(head + p)
            continue
        p = setting + p  # 在专题协商中 ...
        missing = [o for o in orgs if not any(k and k in p for k in (o, o.removesuffix("政协"), org_key(o)))]
        when = "".join(f"{y}年" for y in years if str(y) not in p)
        out.append(when + "".join(missing) + p)
    return out


_VERBISH = ("v", "d", "u", "p", "c", "m")  # jieba tags: verbs, adverbs, particles, prepositions, conjunctions, numerals (一共)


def _setting(head: str) -> str:
    """The first part's words before its own verb (西宁市政协在专题协商中形成了 -> 西宁市政协在专题协商中):
    the subject and setting a later part shares."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    words = [(w, f) for w, f in pseg.cut(head)]
    while words and words[-1][1].startswith(_VERBISH):
        words.pop()
    return "".join(w for w, _ in words)


def _complete_en(parts: list[str], orgs: list[str], years: list[int]) -> list[str]:
    if len(parts) < 2:
        return parts
    # later parts ("how many were registered") are about what the first names
    tail = " ".join([*orgs, *(str(y) for y in years)])
    return [parts[0], *(f"{p}{_ABOUT}{tail})" if tail else p for p in parts[1:])]


_ABOUT = " (about: "  # what a later English part is about, dropped again from its label


def _label(part: str) -> str:
    return part.split(_ABOUT)[0]


def _per_org(text: str, orgs: list[str]) -> list[str]:
    """城北区政协和大武口区政协分别收到了多少件提案 -> one question per organisation."""
    spans = []
    for o in orgs:
        i, name = next(((text.find(k), k) for k in (o, o.removesuffix("政协"), org_key(o)) if k and text.find(k) >= 0),
                       (-1, ""))
        if i < 0:
            return [text]
        spans.append((i, i + len(name)))
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    rest = _EACH.sub("", text[:lo] + "\0" + text[hi:])
    return [rest.replace("\0", o).strip(_END) for o in orgs]


_ITEMS = re.compile(r"(?:和|与|及|、)([^，,、和与及]{1,12}?)(?:分别|各自|各)")


def _per_item(text: str, orgs: list[str]) -> list[str]:
    """城北区政协的提案办理率和满意率分别是多少 -> 城北区政协的提案办理率是多少, 城北区政协的满意率是多少.
    The first item starts after the last 的, organisation name or punctuation before the 和."""
    m = _ITEMS.search(text)
    if m is None:
        return [text]
    before = text[: m.start()]
    marks = [before.rfind(c) + 1 for c in "的，,：:"] + [before.rfind(k) + len(k) for o in orgs
                                                   for k in (o, org_key(o)) if k and before.rfind(k) >= 0]
    lo = max([0, *marks])
    if lo >= m.start():
        return [text]
    stem, rest = text[:lo], text[m.end():]
    return [f"{stem}{item}{rest}".strip(_END) for item in (text[lo : m.start()], m.group(1))]


def compose(composer: ExtractiveComposer, q: Question, retrieve: Retrieve) -> Draft:
    """Answer every part as its own question and join the answers, each with its citation."""
    answers: list[tuple[str, Draft]] = []
    evidence: dict[str, Passage] = {}
    for part in q.parts:
        sub = composer.analyse(part)
        if sub.kind in ("multipart", "overview"):
            sub.kind = "other"
        found = retrieve(part)
        draft = composer.compose(sub, found)
        lacking = [] if draft.abstained else composer.missing(sub, [s.sentence.passage for s in draft.support])
        if lacking:
            draft = composer.abstain(sub, None, lacking)
        answers.append((part, draft))
        evidence.update((p.chunk_id, p) for p in found[:3])
    if all(d.abstained for _, d in answers):
        draft = composer.abstain(q, None)
        draft.notes += [f"part {k}: {p}: {n}" for k, (p, d) in enumerate(answers, 1) for n in d.notes]
        return draft
    return _joined(q, answers, list(evidence.values()))


def _joined(q: Question, answers: list[tuple[str, Draft]], evidence: list[Passage]) -> Draft:
    """One numbered line per part, with the numbers of the citations that support it."""
    # deferred: the pipeline imports the composers
    from qa.answer.pipeline import citations

    support = [s for _, d in answers for s in d.support]
    cited = citations(support)
    sep, space = (": ", " ") if q.lang == "en" else ("：", "")
    lines, notes = [], []
    for k, (part, d) in enumerate(answers, 1):
        markers = "".join(dict.fromkeys(f"[{c.n}]" for s in d.support if (c := citation_of(s, cited))))
        lines.append(f"{k}. {_label(part)}{sep}{d.answer}{space + markers if markers else ''}")
        if d.abstained:
            notes.append(f"part {k} not found: {_label(part)}")
        notes += [f"part {k}: {n}" for n in d.notes]
    confidence = min(d.confidence for _, d in answers if not d.abstained)
    return Draft("\n".join(lines), False, support, confidence, "multipart", notes,
                 [c for _, d in answers for c in d.conflict], evidence=evidence)
