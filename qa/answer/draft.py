"""What a composer produces before the pipeline wraps it into an :class:`~qa.models.Answer`.

Kept apart from :mod:`qa.answer.extractive` so that the composers built on it (overviews,
multi-part questions) can use these types without importing the extractive composer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from qa.answer import conflict
from qa.answer.entities import Entity
from qa.answer.evidence import Sentence
from qa.models import Citation, Passage

_WINDOW = 160  # a supporting sentence longer than this is cited by the clauses around the answer

if TYPE_CHECKING:
    from qa.answer.question import Question
    from qa.index.store import Index


@dataclass(slots=True)
class Support:
    """The sentence that supports (part of) an answer and the answer's span in it."""

    sentence: Sentence
    start: int
    end: int


@dataclass(slots=True)
class Draft:
    """A composed answer before it is wrapped into an :class:`~qa.models.Answer`."""

    answer: str
    abstained: bool
    support: list[Support]
    confidence: float
    kind: str
    notes: list[str] = field(default_factory=list)
    conflict: list[conflict.Claim] = field(default_factory=list)  # figures the sources disagree on
    #: the passages an LLM backend should write from, when not the retrieved ones (an overview's
    #: chosen sentences, each part's passages of a multi-part question); empty: the retrieved ones
    evidence: list[Passage] = field(default_factory=list)


Retrieve = Callable[[str], list[Passage]]


def citation_of(s: Support, cited: list[Citation]) -> Citation | None:
    """The citation (of the pipeline's numbered list) whose span holds the point ``s`` supports."""
    doc, at = s.sentence.passage.doc_id, s.sentence.start + s.start
    return next((c for c in cited if c.doc_id == doc and c.start <= at < c.end), None)


class Composer(Protocol):
    """What the overview and multi-part composers use of the extractive composer."""

    index: Index

    def analyse(self, question: str) -> Question: ...

    def compose(self, q: Question, passages: list[Passage], retrieve: Retrieve | None = None) -> Draft: ...

    def missing(self, q: Question, passages: list[Passage]) -> list[Entity]: ...

    def abstain(self, q: Question, best: object, lacking: list[Entity] = (),
                threshold: float | None = None) -> Draft: ...


def citations(support: list[Support]) -> list[Citation]:
    """Numbered citations, one per distinct supporting span, in answer order."""
    out: list[Citation] = []
    seen: set[tuple[str, int, int]] = set()
    for s in support:
        start, end = cited_span(s)
        p = s.sentence.passage
        key = (p.doc_id, start, end)
        if key in seen:
            continue
        seen.add(key)
        text = p.text[start - p.start : end - p.start]
        out.append(Citation(len(out) + 1, p.chunk_id, p.doc_id, p.title, p.org, text, start, end))
    return out


def cited_span(s: Support) -> tuple[int, int]:
    """Document offsets of the cited span: the sentence, or the clauses around a long one's answer."""
    sent = s.sentence
    if len(sent.text) <= _WINDOW:
        return sent.start, sent.end
    i = sent.segment_at(s.start)
    lo = hi = i
    segs = sent.segments
    while (segs[hi].start + len(segs[hi].text) - segs[lo].start) < _WINDOW // 2:
        if lo > 0:
            lo -= 1
        if hi + 1 < len(segs):
            hi += 1
        if lo == 0 and hi == len(segs) - 1:
            break
    a, b = segs[lo].start, segs[hi].start + len(segs[hi].text)
    return sent.start + a, sent.start + b
