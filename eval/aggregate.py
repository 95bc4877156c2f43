"""Aggregating scored records into metrics: one :class:`Metrics` per run, type or organisation.

Records come from :mod:`eval.runner`; the metrics go into ``report.json``, the summaries,
``--compare`` and the regression gate's floors (under the names of :meth:`Metrics.headline`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eval.metrics import AbstentionScores, LatencySummary, abstention_scores, latency_summary, mrr_at_k, recall_at_k
from eval.runner import DEPTH, QuestionRecord


@dataclass(slots=True)
class Metrics:
    """Aggregate scores of a set of records; a score is None when nothing was measurable.

    ``recall_at[k-1]`` is recall@k; retrieval counts the ``retrieval_n`` questions with
    evidence or positive documents; answer scores count the ``answerable_n`` answered
    questions with answer strings; abstention counts every answered question; citation scores average the questions where they are
    defined (see :mod:`eval.metrics`).
    """

    questions: int
    retrieval_n: int = 0
    recall_at: list[float] = field(default_factory=list)
    mrr_at_10: float | None = None
    answerable_n: int = 0
    accuracy: float | None = None
    f1: float | None = None
    em: float | None = None
    numeric: float | None = None
    numeric_n: int = 0
    citation_precision: float | None = None
    citation_precision_n: int = 0
    citation_recall: float | None = None
    citation_recall_n: int = 0
    abstention: AbstentionScores | None = None
    latency_total: LatencySummary | None = None
    latency_retrieve: LatencySummary | None = None
    latency_compose: LatencySummary | None = None

    def recall(self, k: int) -> float | None:
        """Recall@k, or None when retrieval was not measured that deep."""
        return self.recall_at[k - 1] if 0 < k <= len(self.recall_at) else None

    def headline(self) -> dict[str, float | None]:
        """The main numbers under stable names (used by summaries, --compare and floors)."""
        a, lt, lr, lc = self.abstention, self.latency_total, self.latency_retrieve, self.latency_compose
        return {
            "recall@1": self.recall(1), "recall@5": self.recall(5), "recall@10": self.recall(10),
            "mrr@10": self.mrr_at_10, "accuracy": self.accuracy, "f1": self.f1, "em": self.em,
            "numeric": self.numeric, "citation_precision": self.citation_precision,
            "citation_recall": self.citation_recall,
            "abstention_precision": a.precision if a else None, "abstention_recall": a.recall if a else None,
            "abstention_f1": a.f1 if a else None, "false_abstention_rate": a.false_abstention_rate if a else None,
            "latency_median_ms": lt.median if lt else None, "latency_p95_ms": lt.p95 if lt else None,
            "retrieve_median_ms": lr.median if lr else None, "retrieve_p95_ms": lr.p95 if lr else None,
            "compose_median_ms": lc.median if lc else None, "compose_p95_ms": lc.p95 if lc else None,
        }


def _mean(values: Iterable[float | bool | None]) -> tuple[float | None, int]:
    present = [float(v) for v in values if v is not None]
    return (sum(present) / len(present) if present else None), len(present)


def summarise(records: Sequence[QuestionRecord], depth: int = DEPTH) -> Metrics:
    """Aggregate ``records`` into :class:`Metrics` (recall@1..``depth``, MRR@10)."""
    m = Metrics(questions=len(records))
    ranks = [r.hit_rank for r in records if r.retrieval_scored]
    if ranks:
        m.retrieval_n = len(ranks)
        m.recall_at = [recall_at_k(ranks, k) for k in range(1, depth + 1)]
        m.mrr_at_10 = mrr_at_k(ranks, 10)
    answered = [r for r in records if r.answered]
    if answered:
        _summarise_answers(m, answered)
    return m


def _summarise_answers(m: Metrics, answered: Sequence[QuestionRecord]) -> None:
    answerable = [r for r in answered if r.answerable]
    m.accuracy, m.answerable_n = _mean(r.correct for r in answerable)
    m.f1, _ = _mean(r.f1 for r in answerable)
    m.em, _ = _mean(r.em for r in answerable)
    m.numeric, m.numeric_n = _mean(r.numeric for r in answerable)
    m.citation_precision, m.citation_precision_n = _mean(r.citation_precision for r in answered)
    m.citation_recall, m.citation_recall_n = _mean(r.citation_recall for r in answerable)
    m.abstention = abstention_scores([(not r.answerable, r.abstained) for r in answered])
    timed = [r for r in answered if r.total_ms is not None]
    m.latency_total = latency_summary([r.total_ms or 0.0 for r in timed])
    m.latency_retrieve = latency_summary([r.retrieve_ms or 0.0 for r in timed])
    m.latency_compose = latency_summary([r.compose_ms or 0.0 for r in timed])


def breakdown_by(records: Sequence[QuestionRecord], key: Callable[[QuestionRecord], str],
                 depth: int = DEPTH) -> dict[str, Metrics]:
    """:func:`summarise` per value of ``key`` (question type, organisation ...), keys sorted."""
    groups: dict[str, list[QuestionRecord]] = {}
    for r in records:
        groups.setdefault(key(r), []).append(r)
    return {k: summarise(groups[k], depth) for k in sorted(groups)}
