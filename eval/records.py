"""The records of an evaluation run: what was run, on what, where, and what failed.

Kept apart from :mod:`eval.report` (which builds and writes them) so that the comparison, the
charts and the benchmark records can use the types without importing the report writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eval.aggregate import Metrics
from eval.compare import Comparison
from eval.runner import QuestionRecord, Retrieved
from qa.retrieve import RetrievalParams

SCHEMA = 1


@dataclass(slots=True)
class RunSettings:
    """What was run, and how: enough to reproduce the numbers."""

    source: str  # the gold file, or "benchmark:<name>"
    index_dir: str
    llm: str
    top_k: int
    depth: int
    answers: bool
    limit: int | None
    retrieval: RetrievalParams
    embedder: str
    chunk_size: int
    reader: str = "none"  # the span reader in the extractive composer (runs before it had none)


@dataclass(slots=True)
class Versions:
    """Versions of everything that shapes the numbers."""

    package: str
    python: str
    embedder: str
    index_fingerprint: str
    index_rules: dict[str, int | str]
    index_documents: int
    index_chunks: int
    git_commit: str | None
    git_dirty: bool | None


@dataclass(slots=True)
class Machine:
    """Where it ran (latencies depend on it)."""

    nproc: int
    cpu_model: str
    platform: str


@dataclass(slots=True)
class Failure:
    """A question that went wrong, with what is needed to see why in one look."""

    id: str
    kinds: list[str]  # see failure_kinds
    question: str
    expected: list[str]
    all_groups: bool
    evidence: list[str]
    got: str
    cited: list[str]
    retrieval_scored: bool
    hit_rank: int | None
    passages: list[Retrieved]


@dataclass(slots=True)
class Report:
    """One evaluation run; written as ``report.json``."""

    created_at: str
    source: str
    settings: RunSettings
    versions: Versions
    machine: Machine
    headline: dict[str, float | None]
    metrics: Metrics
    by_type: dict[str, Metrics]
    by_org: dict[str, Metrics]
    failures: list[Failure]
    records: list[QuestionRecord]
    charts: list[str] = field(default_factory=list)
    comparison: Comparison | None = None
    schema: int = SCHEMA
