"""What stays of a ranking once the answers that are not the asker's are gone.

A figure of someone else (周琦得到21分 for 赵继伟得了多少分), one the question itself gives, one of a measure
not asked, or asked who, the person the question names, is never the answer, however the reader rated it.
When the reader's best was such a figure, its vote is void: the candidates it never read were scored down
for lacking its support, so the rules' own ranking decides, if they trust their best.
"""

from __future__ import annotations

from collections.abc import Callable

from qa.answer import siblings, subject
from qa.answer.extractors import Candidate
from qa.answer.question import Question


def honest(q: Question, ranked: list[Candidate], threshold: float, document: Callable[[Candidate], str],
           rules: Callable[[], list[Candidate]] | None, rules_threshold: float) -> tuple[list[Candidate], float]:
    """``ranked`` (scored against ``threshold``) without someone else's figure, one the question gives or one
    not asked; ``document``: a candidate's document, normalised. When that was the best and nothing left
    reaches ``threshold``, the ``rules``' own ranking (None: there is no reader) against ``rules_threshold``
    if their best reaches it."""
    def kept(c: Candidate) -> bool:
        return not (subject.elsewhere(q, c, document(c)) or subject.stated(q, c) or siblings.not_asked(q, c)
                    or _the_asker(q, c))

    flags = [kept(c) for c in ranked]  # (each check once: elsewhere tags sentences with jieba)
    out = [c for c, k in zip(ranked, flags) if k]
    if rules is None or not ranked or flags[0] or (out and out[0].score >= threshold):
        return out, threshold
    trusted = [c for c in rules() if kept(c)]
    if trusted and trusted[0].score >= rules_threshold:
        return trusted, rules_threshold
    return out, threshold


def _the_asker(q: Question, c: Candidate) -> bool:
    """Asked who, ``c`` is a person the question names (李晓霞女单首秀遇到的对手是谁: not 李晓霞)."""
    return q.kind == "person" and any(e.kind == "person" and e.text == c.answer for e in q.entities)
