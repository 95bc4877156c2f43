"""Multi-part questions (城北区政协开展了多少次集中学习、讲了多少场党课？): answered part by part.

The question is cut into parts that stand alone by :func:`qa.answer.intent.split`. Every part is retrieved
and answered as its own question (like the sides of :mod:`qa.answer.compare`), then the
answers are joined, each with its citation; a part the documents do not answer says so
while the others are answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.answer.draft import Composer, Draft, Retrieve, citation_of, citations
from qa.answer.intent import asked, label
from qa.models import Passage

if TYPE_CHECKING:
    from qa.answer.question import Question


def compose(composer: Composer, q: Question, retrieve: Retrieve) -> Draft:
    """Answer every part as its own question and join the answers, each with its citation."""
    answers: list[tuple[str, Draft]] = []
    evidence: dict[str, Passage] = {}
    for part in q.parts:
        sub = composer.analyse(asked(part))  # 2022年特斯拉交付量 asks for a figure
        if sub.kind in ("multipart", "overview"):
            sub.kind = "other"
        sub.written_by_us = True
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
    support = [s for _, d in answers for s in d.support]
    cited = citations(support)
    sep, space = (": ", " ") if q.lang == "en" else ("：", "")
    lines, notes = [], []
    for k, (part, d) in enumerate(answers, 1):
        markers = "".join(dict.fromkeys(f"[{c.n}]" for s in d.support if (c := citation_of(s, cited))))
        lines.append(f"{k}. {label(part)}{sep}{d.answer}{space + markers if markers else ''}")
        if d.abstained:
            notes.append(f"part {k} not found: {label(part)}")
        notes += [f"part {k}: {n}" for n in d.notes]
    confidence = min(d.confidence for _, d in answers if not d.abstained)
    return Draft("\n".join(lines), False, support, confidence, "multipart", notes,
                 [c for _, d in answers for c in d.conflict], evidence=evidence)
