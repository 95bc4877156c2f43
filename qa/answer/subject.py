"""An answer about something else than the question names, though its document names both.

The absent-entity check (:mod:`qa.answer.absent`) asks whether a document is about what the
question names; a report names many people and many programmes. 宁县张建林委员工作室帮群众处理了多少起投诉？
found 471起 in "王新…帮助处理消费者投诉471起;宁县张建林委员工作室…": the same sentence, another
person's clause. 格尔木市政协的“标准化一线协商平台”建了多少个？ found 全州已挂牌运行“微协商”平台107个: a
figure of another named programme. Both are someone else's figure, which the product must never give.
"""

from __future__ import annotations

import re

from qa.answer.absent import people
from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.text.normalize import normalize_for_match

# a name the question puts in quotation marks: a programme, a platform, a campaign (“委员讲堂”)
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
_CLAUSE_END = re.compile(r"[;；。!！?？]")


def elsewhere(q: Question, c: Candidate, document: str) -> bool:
    """``c`` answers for another person or another named thing than ``q`` names: a person the
    question names is in the answer's passage but not in its clause (up to ; or 。), which names
    someone else; or a name the question quotes is absent from the answer's sentence, which
    quotes another name, while the answer's ``document`` (normalised) does hold the quoted one.
    Only figures: asked who took over from 杨善德, the answer's clause names someone else (卢永祥)
    because that is the answer; a quoted name may set the scene (于「丁卯胡乱」后签订了哪一份合约)."""
    if q.kind != "number":
        return False
    return _other_person(q, c) or _other_quoted(q, c, document)


def _other_person(q: Question, c: Candidate) -> bool:
    # the passage, not the sentence: sentences end at semicolons too (王新…471起; 宁县张建林…)
    text = c.sentence.passage.text
    asked = [e.text for e in q.entities if e.kind == "person"]
    if not asked or not any(name in text for name in asked):
        return False
    a, b = _clause(text, c.sentence.start - c.sentence.passage.start + c.start)
    own = text[a:b]
    if any(name in own for name in asked):
        return False
    return any(own[s:e] not in asked for s, e in people(own))


def _other_quoted(q: Question, c: Candidate, document: str) -> bool:
    asked = [normalize_for_match(n) for n in _QUOTED.findall(q.text)]
    quoted = [normalize_for_match(n) for n in _QUOTED.findall(c.sentence.text)] if asked else []
    if not quoted:  # most questions quote nothing, most sentences too
        return False
    sentence = normalize_for_match(c.sentence.text)
    return any(wanted not in sentence and wanted in document
               and any(n and n not in wanted and wanted not in n for n in quoted) for wanted in asked)


def _clause(text: str, at: int) -> tuple[int, int]:
    """The stretch of ``text`` between the clause ends (; 。) around offset ``at``."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    end = _CLAUSE_END.search(text, at)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


__all__ = ["elsewhere"]
