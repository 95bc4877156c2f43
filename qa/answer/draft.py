"""What a composer produces before the pipeline wraps it into an :class:`~qa.models.Answer`.

Kept apart from :mod:`qa.answer.extractive` so that the composers built on it (overviews,
multi-part questions) can use these types without importing the extractive composer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.answer.evidence import Sentence
from qa.models import Citation, Passage

if TYPE_CHECKING:  # only annotations: conflict imports the question analysis, which imports this module's users
    from qa.answer import conflict


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
