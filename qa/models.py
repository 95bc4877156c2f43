"""Value types shared by every layer: documents, chunks, passages, citations, answers.

Plain dataclasses: cheap to build on the hot path, trivially serialised with
:func:`to_jsonable`. The HTTP edge mirrors them in pydantic schemas.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

ChunkKind = Literal["body", "caption", "meta"]


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document. ``text`` is the cleaned text every offset refers to."""

    doc_id: str
    title: str
    text: str
    source: str  # file name inside the corpus directory
    sha256: str  # of the raw bytes (and the reader's version for PDF, Word, HTML, images), to detect changes
    org: str | None = None  # the organisation the document is mainly about
    pages: tuple[int, ...] = ()  # offset in ``text`` where each page starts (paged formats only)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable unit: a paragraph (or part of one) or a photo caption.

    ``start``/``end`` are character offsets into :attr:`Document.text`;
    ``text == document.text[start:end]`` always holds.
    """

    id: str
    doc_id: str
    title: str
    headings: tuple[str, ...]
    org: str | None
    kind: ChunkKind
    text: str
    start: int
    end: int
    page: int | None = None  # 1-based page where the chunk starts (paged formats only)

    def context(self) -> str:
        """The section context that is embedded and keyword-indexed with the text."""
        parts = [p for p in (self.org, *self.headings) if p]
        return " / ".join(dict.fromkeys(parts))


@dataclass(slots=True)
class Passage:
    """A chunk returned by retrieval, with its score (higher is better)."""

    chunk_id: str
    doc_id: str
    title: str
    headings: list[str]
    org: str | None
    kind: ChunkKind
    text: str
    start: int
    end: int
    score: float
    rank: int = 0
    page: int | None = None  # 1-based page where the passage starts (paged formats only)

    @classmethod
    def from_chunk(cls, chunk: Chunk, score: float, rank: int = 0) -> Passage:
        return cls(
            chunk_id=chunk.id,
            doc_id=chunk.doc_id,
            title=chunk.title,
            headings=list(chunk.headings),
            org=chunk.org,
            kind=chunk.kind,
            text=chunk.text,
            start=chunk.start,
            end=chunk.end,
            score=score,
            rank=rank,
            page=chunk.page,
        )


@dataclass(slots=True)
class Citation:
    """A numbered pointer to the exact span that supports (part of) an answer.

    ``text`` is the supporting span; ``start``/``end`` are its offsets in the cleaned
    document (not in the chunk), so a reader can show it in context.
    """

    n: int
    chunk_id: str
    doc_id: str
    title: str
    org: str | None
    text: str
    start: int
    end: int
    page: int | None = None  # 1-based page of ``start`` in a paged document (PDF, scan, image)


@dataclass(slots=True)
class Timings:
    """Milliseconds spent in each stage of answering."""

    retrieve_ms: float = 0.0
    compose_ms: float = 0.0
    total_ms: float = 0.0


@dataclass(slots=True)
class Conflict:
    """One of several figures the sources give for what was asked (190件 in one document,
    999件 in another), or a figure an LLM gave against the extractive answer."""

    answer: str  # the figure as stated
    doc_id: str | None
    title: str | None
    citation: int | None  # the number of the citation that quotes it (None: the LLM's claim)
    source: str = "document"  # "document" or "llm"


@dataclass(slots=True)
class Answer:
    """What ``qa ask`` returns.

    ``answer`` is short and direct; when ``abstained`` is true it says the documents do
    not contain the answer and ``passages`` holds the nearest passages for the reader.
    ``fallback`` is true when an LLM backend failed or was not supported by its
    citations and the extractive answer was used instead; ``notes`` says why.
    """

    question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    passages: list[Passage]
    backend: str
    answer_type: str = "other"
    confidence: float = 0.0
    fallback: bool = False
    notes: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    #: the figures the cited passages (or the LLM) disagree on; empty when they agree
    conflict: list[Conflict] = field(default_factory=list)
    #: the standalone question actually answered when a follow-up was rewritten from the earlier
    #: turns of a conversation (那城北区呢？ -> 城北区政协2023年收到多少件提案？); None: answered as asked
    standalone_question: str | None = None


def to_jsonable(obj: Any) -> Any:
    """Convert a dataclass tree into JSON-ready builtins (tuples become lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj
