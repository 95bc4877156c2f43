"""Multi-part questions (城北区政协开展了多少次集中学习、讲了多少场党课？): answered part by part.

The question is cut into parts that stand alone by :func:`qa.answer.intent.split`. Every part is retrieved
and answered as its own question (like the sides of :mod:`qa.answer.compare`), then the
answers are joined, each with its citation; a part the documents do not answer says so
while the others are answered.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from qa.answer.draft import Composer, Draft, Retrieve, citation_of, citations
from qa.answer.entities import Entity
from qa.answer.intent import ANY_ASK, asked, label
from qa.models import Passage
from qa.text.bilingual import is_english

if TYPE_CHECKING:
    from qa.answer.question import Question


def compose(composer: Composer, q: Question, retrieve: Retrieve) -> Draft:
    """Answer every part as its own question and join the answers, each with its citation."""
    answers: list[tuple[str, Draft]] = []
    evidence: dict[str, Passage] = {}
    for part, subject in zip(q.parts, subjects(q.parts), strict=True):
        sub = composer.analyse(as_question(part))  # 2022年特斯拉交付量 asks for a figure
        if sub.kind in ("multipart", "overview"):
            sub.kind = "other"
        sub.written_by_us = True
        if subject and Entity(subject, "name") not in sub.entities:
            sub.entities.append(Entity(subject, "name"))  # B站…营收: from a document that names B站
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
    if one := _one_answer(answers):
        return one
    return _joined(q, answers, list(evidence.values()))


def _one_answer(answers: list[tuple[str, Draft]]) -> Draft | None:
    """The first part's answer when every part is answered by the same words of the same sentence (亚塞拜然与
    亚美尼亚的军事行动…受到哪支军队的影响: 俄罗斯联邦军队 for both): one fact, said once."""
    drafts = [d for _, d in answers]
    if any(d.abstained or not d.support for d in drafts):
        return None
    said = {(d.answer, (s := d.support[0]).sentence.passage.chunk_id, s.sentence.start + s.start) for d in drafts}
    return drafts[0] if len(said) == 1 else None


def as_question(part: str) -> str:
    """A part as the question it stands for, with the question mark the split took away: the reader
    learnt on questions that end in one (without it, 尼康Zf复古相机仅机身价格又是多少 read 1999 美元 at a
    span score of 0.03 instead of 4.1)."""
    wanted = asked(part).rstrip()
    if not ANY_ASK.search(wanted) and wanted.endswith(("是", "为")):
        # 杭州亚运会的开幕时间和闭幕时间是？: each part asks what it is, a time asked when
        return wanted + ("什么时候？" if re.search(r"(?:时间|日期)[是为]$", wanted) else "什么？")
    if not ANY_ASK.search(wanted) or wanted.endswith(("?", "？")):
        return wanted
    return wanted + ("?" if is_english(wanted) else "？")


_SUBJECT_AT = re.compile(r"(?:^|[,，:：;；、 ]|(?:19|20)\d\d年|\d{1,2}月|\d{1,2}[日号])$")  # where a subject stands


# a subject: Chinese (a Latin-only core is an English ask, When | Where), no figure, no ask word
_NAMING = re.compile(r"(?=.*[\u4e00-\u9fff])(?!.*(?:什么|哪|谁|多少|几|何))[^\d?？]+")


def subjects(parts: list[str]) -> list[str]:
    """What tells two parts written from one question apart when it stands where a subject does, at the
    start or after a date or a comma (B站 | 达达集团 of B站和达达集团2023年第二季度的营收各是多少): the thing each
    part is about, which its answer's document must name. Empty strings when the parts differ otherwise (a
    measure after 的, a figure, two questions)."""
    if len(parts) != 2:
        return [""] * len(parts)
    a, b = parts
    head = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
    tail = min(_word_end(a, len(a) - tail), _word_end(b, len(b) - tail))  # 成都|大运会, 杭州|亚运会: 成都, 杭州
    cores = [a[head:len(a) - tail], b[head:len(b) - tail]]
    if not _SUBJECT_AT.search(a[:head]) or any(not 2 <= len(c) <= 10 or not _NAMING.fullmatch(c) for c in cores):
        return ["", ""]
    return cores


def _word_end(text: str, at: int) -> int:
    """How much of ``text`` is left after the last jieba word that ends by ``at`` (a cut inside 大运会 moves to
    its start): the length of the shared tail, on word edges."""
    import jieba  # deferred: loads jieba's dictionary

    end = 0
    for word in jieba.cut(text):
        if end + len(word) > at:
            break
        end += len(word)
    return len(text) - end


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
