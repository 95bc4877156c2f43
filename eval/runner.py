"""Running gold questions through the real pipeline: one scored record per question.

For every question the retriever is asked for the ten best passages (retrieval
metrics are measured on them) and the :class:`~qa.answer.pipeline.Answerer` answers it
the way ``qa ask`` would (answer metrics, citations, timings). Records are plain
dataclasses that go into ``report.json`` as they are and can be read back for
``--compare``.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from eval.gold import GoldItem
from eval.metrics import (
    answer_correct,
    char_f1,
    citation_precision,
    citation_recall,
    exact_match,
    first_hit_rank,
    numeric_match,
)
from qa.answer.pipeline import Answerer
from qa.errors import InputError, LLMError, NotFoundError
from qa.models import Answer, Passage

DEPTH = 10  # passages retrieved for the retrieval metrics (recall@1..10, MRR@10)
SHOWN = 3  # passages kept with their text in each record, for diagnosing failures
_SNIPPET = 300
WARMUP_QUESTION = "这些文件主要讲了什么工作？"  # not a gold question: its cached embedding helps none


@dataclass(slots=True)
class RunConfig:
    """How the questions are asked. ``answers=False`` measures retrieval only."""

    top_k: int = 5
    llm: str | None = None
    depth: int = DEPTH
    answers: bool = True
    warmup: bool = True  # ask WARMUP_QUESTION once first, so loading costs stay out of latency


@dataclass(slots=True)
class Retrieved:
    """One retrieved passage: where it is, whether it is relevant, its text (top ones only)."""

    rank: int
    doc_id: str
    chunk_id: str
    relevant: bool
    text: str = ""


@dataclass(slots=True)
class QuestionRecord:
    """Everything measured for one gold question.

    ``answerable`` follows :func:`documents_answer`. ``correct``/``f1``/``em`` are None
    for unanswerable questions, for questions without answer strings and when answers
    were not asked for; ``numeric`` is None when the gold answer holds no quantity;
    ``hit_rank`` is the 1-based rank of the first relevant passage (None: none in the
    top ``depth``), meaningful only when ``retrieval_scored``.
    """

    id: str
    question: str
    type: str
    group: str  # the organisation, else the document id, else "-"
    answerable: bool
    expected: list[str]
    evidence: list[str] = field(default_factory=list)
    all_groups: bool = False  # every answer group must be matched (RGB multi-part answers)
    answered: bool = False
    got: str = ""
    abstained: bool = False
    correct: bool | None = None
    f1: float | None = None
    em: float | None = None
    numeric: bool | None = None
    retrieval_scored: bool = False
    hit_rank: int | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    cited: list[str] = field(default_factory=list)
    retrieved: list[Retrieved] = field(default_factory=list)
    retrieve_ms: float | None = None
    compose_ms: float | None = None
    total_ms: float | None = None
    fallback: bool = False
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool | None:
        """Right outcome: a correct answer, or an abstention on an unanswerable question.
        None when it cannot be judged (not answered; no answer strings and no abstention)."""
        if not self.answered:
            return None
        if not self.answerable:
            return self.abstained
        if self.correct is None:
            return False if self.abstained else None
        return self.correct

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionRecord:
        """Rebuild a record from ``report.json`` (unknown keys are ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["retrieved"] = [Retrieved(**r) for r in data.get("retrieved", [])]
        return cls(**values)


def documents_answer(item: GoldItem) -> bool:
    """Whether the documents hold the answer: the question has answer strings, or evidence.

    A question with ``answers: []`` but with evidence (``retrieval.jsonl`` has such
    description questions) is answerable without a short gold answer: it counts for
    retrieval, citations and abstention, not for accuracy, F1 or EM.
    """
    return item.answerable or bool(item.evidence_texts or item.positive_doc_ids)


def group_of(item: GoldItem) -> str:
    """The organisation a question is about: ``org``, else ``doc_id``, else "-"."""
    return item.org or item.doc_id or "-"


def retrieval_scored(item: GoldItem) -> bool:
    """A question counts for retrieval when it has evidence text or positive documents."""
    return bool(item.evidence_texts or item.positive_doc_ids)


def _relevant(item: GoldItem, p: Passage) -> bool:
    return first_hit_rank([p.text], item.evidence_texts, [p.doc_id], item.positive_doc_ids) == 1


def score_retrieval(item: GoldItem, passages: Sequence[Passage], rec: QuestionRecord) -> None:
    """Fill ``retrieved``, ``retrieval_scored`` and ``hit_rank`` of ``rec``."""
    rec.retrieval_scored = retrieval_scored(item)
    for i, p in enumerate(passages):
        relevant = rec.retrieval_scored and _relevant(item, p)
        text = " ".join(p.text.split())[:_SNIPPET] if i < SHOWN else ""
        rec.retrieved.append(Retrieved(i + 1, p.doc_id, p.chunk_id, relevant, text))
        if relevant and rec.hit_rank is None:
            rec.hit_rank = i + 1


def score_answer(item: GoldItem, answer: Answer, rec: QuestionRecord) -> None:
    """Fill the answer, citation and timing fields of ``rec`` from ``answer``."""
    rec.answered, rec.got, rec.abstained = True, answer.answer, answer.abstained
    rec.cited = [c.text for c in answer.citations]
    rec.fallback, rec.notes = answer.fallback, list(answer.notes)
    t = answer.timings
    rec.retrieve_ms, rec.compose_ms, rec.total_ms = t.retrieve_ms, t.compose_ms, t.total_ms
    evidence = item.evidence_texts
    rec.citation_precision = citation_precision(rec.cited, evidence)
    if rec.answerable:
        rec.citation_recall = citation_recall(rec.cited, evidence)
    if item.answerable:
        _score_answerable(item, rec)


def _score_answerable(item: GoldItem, rec: QuestionRecord) -> None:
    golds = item.all_answer_strings
    numeric = numeric_match(rec.got, golds)
    if rec.abstained:  # an abstention message never counts as an answer
        rec.correct, rec.f1, rec.em = False, 0.0, 0.0
        rec.numeric = None if numeric is None else False
        return
    rec.correct = answer_correct(rec.got, item)
    rec.f1, rec.em, rec.numeric = char_f1(rec.got, golds), exact_match(rec.got, golds), numeric


def new_record(item: GoldItem) -> QuestionRecord:
    """An empty record carrying the gold side of ``item``."""
    return QuestionRecord(id=item.id, question=item.question, type=item.type or "-", group=group_of(item),
                          answerable=documents_answer(item), expected=item.all_answer_strings,
                          evidence=item.evidence_texts,
                          all_groups=item.answer_match == "all_groups" and bool(item.answer_groups))


def evaluate(item: GoldItem, answerer: Answerer, config: RunConfig) -> QuestionRecord:
    """Retrieve for and (unless ``config.answers`` is off) answer one question, and score it.

    A question the pipeline rejects (too long, ...) is recorded with ``error`` set and
    counts as answered wrongly; configuration errors propagate.
    """
    rec = new_record(item)
    if config.answers:  # first, so its timings include embedding the question (cached after)
        try:
            score_answer(item, answerer.ask(item.question, top_k=config.top_k, llm=config.llm), rec)
        except (InputError, NotFoundError, LLMError) as exc:
            rec.error, rec.answered = exc.message, True
            if item.answerable:
                rec.correct, rec.f1, rec.em = False, 0.0, 0.0
    try:
        score_retrieval(item, answerer.retriever.search(item.question, k=max(config.depth, config.top_k)), rec)
    except (InputError, NotFoundError) as exc:
        rec.error = rec.error or exc.message
    return rec


Progress = Callable[[Iterable[GoldItem], int], Iterable[GoldItem]]


def stderr_progress(items: Iterable[GoldItem], total: int) -> Iterable[GoldItem]:
    """A tqdm bar on stderr (the default progress of :func:`run`)."""
    return tqdm(items, total=total, desc="questions", unit="q", file=sys.stderr, mininterval=2.0,
                dynamic_ncols=True)


def run(items: Sequence[GoldItem], answerer: Answerer, config: RunConfig,
        progress: Progress | None = stderr_progress) -> list[QuestionRecord]:
    """Evaluate every item in order, showing ``progress`` (None: silent).

    With ``config.warmup`` a question outside the gold set is asked once beforehand:
    lazy loading (tokeniser dictionaries, models) is not latency.
    """
    if config.warmup and config.answers:
        answerer.ask(WARMUP_QUESTION, top_k=config.top_k, llm=config.llm)
    iterable: Iterable[GoldItem] = progress(items, len(items)) if progress else items
    return [evaluate(item, answerer, config) for item in iterable]
