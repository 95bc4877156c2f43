"""Pydantic schemas at the HTTP edge, mirroring :mod:`qa.models` field for field.

The field names are a contract with API clients (and ``tests/test_service_api.py``
checks that they match the dataclasses exactly).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from qa.retrieve import MAX_K

TopK = Field(default=None, ge=1, le=MAX_K, description="number of passages to retrieve")
# what the answerer checks (and answers with a 422 bad_input), stated in the schema; checked there,
# not by pydantic, so that the error stays the answerer's own
NOT_BLANK = {"minLength": 1, "pattern": r"\S"}
DocIds = Field(default=None, max_length=100, description="only use these documents (ids from GET /api/documents)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ----------------------------------------------------------------------- requests


MAX_HISTORY_ANSWER_CHARS = 4000  # an earlier answer sent back in ``history``


class HistoryTurn(_Strict):
    """An earlier turn of the conversation: its question and the answer it got."""

    question: str = Field(max_length=4000, description="the earlier question, as asked")
    answer: str = Field(default="", max_length=MAX_HISTORY_ANSWER_CHARS, description="the answer it got")


class AskRequest(_Strict):
    """A question (its length limit is ``QA_MAX_QUESTION_CHARS``), alone or in a conversation."""

    question: str = Field(description="the question, in Chinese or English (not empty or blank: 422)",
                          json_schema_extra=NOT_BLANK)
    top_k: int | None = TopK
    llm: str | None = Field(default=None, description="answer backend (see GET /v1/models); default: QA_LLM")
    doc_ids: list[str] | None = DocIds
    history: list[HistoryTurn] | None = Field(
        default=None, description="earlier turns, oldest first (at most QA_MAX_HISTORY_TURNS): a follow-up "
                                  "such as 那城北区呢？ is rewritten from them (standalone_question)")
    conversation_id: str | None = Field(
        default=None, max_length=64, description="a stored conversation (POST /api/conversations): its turns "
                                                 "are the history, and this turn is added to it")


class ConversationCreate(_Strict):
    title: str | None = Field(default=None, max_length=200, description="default: the first question")


class ConversationRename(_Strict):
    title: str = Field(max_length=200, json_schema_extra=NOT_BLANK)


class SearchRequest(_Strict):
    query: str = Field(description="question or keywords (not empty or blank: 422)", json_schema_extra=NOT_BLANK)
    top_k: int | None = TopK
    doc_ids: list[str] | None = DocIds


# ---------------------------------------------------------------------- responses


class CitationOut(BaseModel):
    """Mirrors :class:`qa.models.Citation`: ``start``/``end`` are offsets in the cleaned document."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    org: str | None
    text: str
    start: int
    end: int
    page: int | None = Field(default=None, description="1-based page of start (paged documents: PDF, scans, images)")


class PassageOut(BaseModel):
    """Mirrors :class:`qa.models.Passage`."""

    chunk_id: str
    doc_id: str
    title: str
    headings: list[str]
    org: str | None
    kind: str
    text: str
    start: int
    end: int
    score: float
    rank: int
    page: int | None = Field(default=None, description="1-based page where the passage starts (paged documents)")


class TimingsOut(BaseModel):
    retrieve_ms: float
    compose_ms: float
    total_ms: float


class ConflictOut(BaseModel):
    """Mirrors :class:`qa.models.Conflict`."""

    answer: str
    doc_id: str | None
    title: str | None
    citation: int | None
    source: str


class AnswerOut(BaseModel):
    """Mirrors :class:`qa.models.Answer` (the JSON of ``qa.models.to_jsonable(answer)``)."""

    question: str
    answer: str
    abstained: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    backend: str
    answer_type: str
    confidence: float
    fallback: bool
    notes: list[str]
    timings: TimingsOut
    conflict: list[ConflictOut] = Field(default_factory=list, description="figures the sources disagree on")
    standalone_question: str | None = Field(
        default=None, description="the follow-up rewritten from the earlier turns, as answered; null: as asked")


class AskResponse(AnswerOut):
    """An answer; ``conversation_id`` is present when the request named a conversation."""

    conversation_id: str | None = Field(default=None, description="the conversation this turn was added to")


class StoredTurnOut(BaseModel):
    question: str
    answer: AnswerOut


class ConversationSummary(BaseModel):
    id: str
    title: str | None = Field(description="the first question unless set; null before the first turn")
    created: str = Field(description="ISO 8601, UTC")
    updated: str = Field(description="ISO 8601, UTC: the last turn or rename")
    turn_count: int


class ConversationList(BaseModel):
    conversations: list[ConversationSummary] = Field(description="most recently updated first")


class ConversationOut(BaseModel):
    id: str
    title: str | None
    created: str
    updated: str
    turns: list[StoredTurnOut] = Field(description="oldest first")


class SearchResponse(BaseModel):
    query: str
    passages: list[PassageOut]


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    org: str | None
    source: str = Field(description="file name in the corpus directory")
    chars: int = Field(description="length of the cleaned text")
    chunks: int


class DocumentDetail(DocumentInfo):
    text: str = Field(description="the cleaned text that citation and passage offsets refer to")
    pages: list[int] = Field(default_factory=list, description="offset in text where each page starts "
                                                               "(empty for documents without pages)")


class BuildReportOut(BaseModel):
    """Mirrors :class:`qa.index.builder.BuildReport`."""

    documents: int
    chunks: int
    embedded: int
    reused: int
    added: list[str]
    changed: list[str]
    removed: list[str]
    skipped: list[str]
    unchanged: bool
    rebuilt_because: str | None
    seconds: float


class JobError(BaseModel):
    code: str
    message: str
    hint: str | None
    status: int = Field(description="the HTTP status the same error gets from a synchronous request")


class JobOut(BaseModel):
    """An upload being read and indexed in the background (``GET /api/jobs/{id}``)."""

    id: str
    kind: str
    name: str = Field(description="the uploaded file name")
    state: Literal["queued", "running", "done", "failed"]
    stage: str = Field(description="queued, starting, read/ocr (pages), indexing, embedding (chunks), done, failed")
    done: int
    total: int
    created_at: float
    finished_at: float | None
    result: dict | None = Field(description="when done: {document, replaced, report}")
    error: JobError | None


class UploadResponse(BaseModel):
    job_id: str = Field(description="follow it with GET /api/jobs/{job_id}")
    job: JobOut
    document: DocumentInfo | None = Field(description="the indexed document (with ?wait=true), else null")
    replaced: bool = Field(description="true when a document of the same file name is replaced")
    report: BuildReportOut | None = Field(description="the index report (with ?wait=true), else null")


class DeleteResponse(BaseModel):
    doc_id: str
    deleted: bool
    moved_to: str | None = Field(description="where the file went, relative to the corpus directory "
                                             "(null when QA_DELETE_REMOVES_FILE is set)")
    report: BuildReportOut


class Health(BaseModel):
    status: Literal["ok", "no_index"]
    index_loaded: bool
    documents: int
    chunks: int
    embedder: str | None
    llm: str
    llm_backends: list[str]
    version: str
    index_error: str | None = None


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str | None


class ErrorBody(BaseModel):
    """Every 4xx/5xx response has this body."""

    error: ErrorDetail
