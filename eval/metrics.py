"""Metric functions for answers, retrieval, citations, abstention and latency.

All pure; each docstring states its convention. Containment everywhere means
:func:`qa.text.normalize.contains_normalized`: both sides through
``normalize_for_match``, then a substring test that respects number boundaries (gold
"19" is not found in "190件", "190" not in "1900", "12" not in "12.5"). Scores are
fractions in [0, 1], not percentages.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from eval.cmrc import char_f1, exact_match  # noqa: F401  (re-exported: CMRC 2018 F1 and EM)
from eval.gold import GoldItem
from qa.text.normalize import (
    Quantity,
    extract_quantities,
    normalize_for_match,
)
from qa.text.normalize import (
    contains_at_boundaries as _contains,
)


@dataclass(frozen=True, slots=True)
class AbstentionScores:
    """Scores of the "unanswerable" class; a score is None when its denominator is 0."""

    precision: float | None  # abstentions that were right / abstentions
    recall: float | None  # unanswerable questions abstained on / unanswerable questions
    f1: float | None
    false_abstention_rate: float | None  # abstentions / answerable questions
    n_unanswerable: int
    n_answerable: int
    n_abstained: int


@dataclass(frozen=True, slots=True)
class LatencySummary:
    """Latency statistics in milliseconds; all None when there are no samples."""

    count: int
    mean: float | None
    median: float | None
    p95: float | None
    p99: float | None
    max: float | None


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Mean of the non-None values of one group; ``missing`` counts the None values."""

    mean: float | None
    count: int
    missing: int


# ---------------------------------------------------------------- answers


def answer_correct(prediction: str, item: GoldItem) -> bool:
    """Containment accuracy of one prediction.

    With ``answer_match == "all_groups"`` every answer group must have one alternative
    contained in the prediction (RGB convention); otherwise any string of ``answers``
    or of any group is enough. Numbers compare by value through normalisation
    (一百九十件 == 190件 == 190 件, 百分之九十六 == 96%, １９０ == 190) and at number
    boundaries (gold "19" is not found in "190件"). A comparison names both sides, so
    containment alone would accept either: for ``type == "comparison"`` the gold answer
    must come before the other side (``orgs`` field) in the prediction. Raises
    ValueError for an unanswerable item: score those with :func:`abstention_scores`.
    """
    if not item.answerable:
        raise ValueError(f"gold item {item.id!r} is unanswerable; use abstention_scores")
    pred = normalize_for_match(prediction)
    if item.type == "comparison":
        return _comparison_correct(pred, item)
    if item.answer_match == "all_groups" and item.answer_groups:
        groups = [[normalize_for_match(a) for a in g] for g in item.answer_groups]
        return all(any(_contains(pred, a) for a in g) for g in groups)
    return any(_contains(pred, normalize_for_match(a)) for a in item.all_answer_strings)


def _comparison_correct(pred: str, item: GoldItem) -> bool:
    """The first-named side is the gold one (大武口区政协（190件）多于城北区政协（167件））; a comparison
    asking by how much (比西宁市政协多几次, gold 4次) names both sides in its answer whichever is right
    (城北区政协比西宁市政协多4次（7次，3次））: its gold figure is found by containment before the
    brackets that give the two sides' figures."""
    golds = [normalize_for_match(a) for a in item.all_answer_strings]
    # gold figures, not sides (one form may be a bare numeral extract_quantities leaves alone: 四)
    if golds and any(extract_quantities(g) for g in golds) and not any(_names_a_side(g, item) for g in golds):
        head = re.split(r"[(（]", pred)[0]  # the difference, not the two figures in brackets after it
        return any(_contains(head, g) for g in golds)
    first_gold = min((pred.find(g) for g in golds if g and g in pred), default=-1)
    if first_gold < 0:
        return False
    others = [normalize_for_match(o) for o in item.extra.get("orgs", []) or []]
    others = [o for o in others if o and not any(o in g or g in o for g in golds)]
    return all(pred.find(o) < 0 or pred.find(o) > first_gold for o in others)


def _names_a_side(gold: str, item: GoldItem) -> bool:
    sides = [normalize_for_match(o) for o in item.extra.get("orgs", []) or []]
    return any(o and (o in gold or gold in o) for o in sides)


_UNIT_ALIASES = {"公斤": "千克", "公里": "千米", "个百分点": "百分点", "周岁": "岁", "萬": "万"}


def _same_quantity(gold: Quantity, pred: Quantity) -> bool:
    units = [_UNIT_ALIASES.get(u, u) for u in (gold.unit, pred.unit)]
    units_ok = not units[0] or not units[1] or units[0] == units[1]
    return units_ok and math.isclose(gold.value, pred.value, rel_tol=1e-9, abs_tol=1e-12)


def numeric_match(prediction: str, gold_answers: Sequence[str]) -> bool | None:
    """Compare the quantities of the prediction with those of each gold answer.

    A gold answer matches when every quantity in it (value, and unit when both sides
    have one; 万/亿 expanded, so 12.48万元 == 124800元) is found among the prediction's
    quantities. True when some gold answer matches. None when no gold answer contains a
    quantity (dates with a month or day are not quantities; ordinals neither).
    """
    golds = [qs for qs in (extract_quantities(a) for a in gold_answers) if qs]
    if not golds:
        return None
    pred = extract_quantities(prediction)
    return any(all(any(_same_quantity(g, p) for p in pred) for g in qs) for qs in golds)


# ---------------------------------------------------------------- retrieval


def _check_ranks(hit_ranks: Sequence[int | None], k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if any(r is not None and r < 1 for r in hit_ranks):
        raise ValueError("hit ranks are 1-based; got a rank below 1")


def recall_at_k(hit_ranks: Sequence[int | None], k: int) -> float:
    """Share of questions whose first relevant passage is at rank <= k (1-based; None =
    no relevant passage retrieved). 0.0 for an empty list."""
    _check_ranks(hit_ranks, k)
    if not hit_ranks:
        return 0.0
    return sum(1 for r in hit_ranks if r is not None and r <= k) / len(hit_ranks)


def mrr_at_k(hit_ranks: Sequence[int | None], k: int) -> float:
    """Mean reciprocal rank of the first relevant passage, counting 0 beyond rank k or
    when there is none. 0.0 for an empty list."""
    _check_ranks(hit_ranks, k)
    if not hit_ranks:
        return 0.0
    return sum(1 / r for r in hit_ranks if r is not None and r <= k) / len(hit_ranks)


def first_hit_rank(
    passage_texts: Sequence[str],
    evidence: str | Sequence[str],
    passage_doc_ids: Sequence[str | None] | None = None,
    positive_doc_ids: Sequence[str] | None = None,
) -> int | None:
    """1-based rank of the first relevant passage, or None.

    A passage is relevant when it contains one of the evidence strings (normalised,
    boundary-aware containment) or when its doc id is one of ``positive_doc_ids``.
    Empty evidence strings are ignored.
    """
    if passage_doc_ids is not None and len(passage_doc_ids) != len(passage_texts):
        raise ValueError("passage_doc_ids must be as long as passage_texts")
    evidence_list = [evidence] if isinstance(evidence, str) else list(evidence)
    wanted = [n for n in map(normalize_for_match, evidence_list) if n]
    positives = set(positive_doc_ids or ())
    for i, text in enumerate(passage_texts):
        if passage_doc_ids is not None and passage_doc_ids[i] in positives:
            return i + 1
        if wanted:
            norm = normalize_for_match(text)
            if any(_contains(norm, e) for e in wanted):
                return i + 1
    return None


# ---------------------------------------------------------------- citations


def citation_precision(cited_texts: Sequence[str], evidence: Sequence[str]) -> float | None:
    """Share of citations whose text contains some evidence string (normalised).

    None when there are no citations or no evidence (nothing to score). A citation
    shorter than the evidence span does not count.
    """
    wanted = [n for n in map(normalize_for_match, evidence) if n]
    if not cited_texts or not wanted:
        return None
    cited = [normalize_for_match(c) for c in cited_texts]
    return sum(1 for c in cited if any(_contains(c, e) for e in wanted)) / len(cited)


def citation_recall(cited_texts: Sequence[str], evidence: Sequence[str]) -> float | None:
    """Share of evidence strings contained in some citation (normalised).

    None when there is no evidence; 0.0 when there is evidence but no citation.
    """
    wanted = [n for n in map(normalize_for_match, evidence) if n]
    if not wanted:
        return None
    cited = [normalize_for_match(c) for c in cited_texts]
    return sum(1 for e in wanted if any(_contains(c, e) for c in cited)) / len(wanted)


# ---------------------------------------------------------------- abstention


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def abstention_scores(pairs: Sequence[tuple[bool, bool]]) -> AbstentionScores:
    """Precision, recall and F1 of the "unanswerable" class, plus false abstentions.

    ``pairs`` holds (gold_unanswerable, predicted_abstained) per question. The positive
    class is "unanswerable / abstained". F1 is None when precision or recall is, and 0.0
    when both are 0. The false-abstention rate is abstentions on answerable questions /
    answerable questions.
    """
    tp = sum(1 for gold, pred in pairs if gold and pred)
    fp = sum(1 for gold, pred in pairs if not gold and pred)
    n_unanswerable = sum(1 for gold, _ in pairs if gold)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, n_unanswerable)
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return AbstentionScores(
        precision=precision,
        recall=recall,
        f1=f1,
        false_abstention_rate=_ratio(fp, len(pairs) - n_unanswerable),
        n_unanswerable=n_unanswerable,
        n_answerable=len(pairs) - n_unanswerable,
        n_abstained=tp + fp,
    )


# ---------------------------------------------------------------- latency and groups


def _percentile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default "linear" method)."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def time_each(fn: Callable[[object], object], items: Iterable[object]) -> list[float]:
    """Milliseconds each call ``fn(item)`` took, one after another (results are dropped)."""
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t) * 1000)
    return out


def latency_summary(ms: Sequence[float]) -> LatencySummary:
    """Count, mean, median, p95, p99 and max of latencies in milliseconds.

    Percentiles interpolate linearly between order statistics, like numpy.percentile's
    default: p95 of [10, 20, 30, 40] is 38.5. An empty list gives count 0 and None
    everywhere else. Negative values raise ValueError.
    """
    if any(v < 0 for v in ms):
        raise ValueError("latencies must be >= 0")
    if not ms:
        return LatencySummary(0, None, None, None, None, None)
    ordered = sorted(float(v) for v in ms)
    return LatencySummary(
        count=len(ordered),
        mean=sum(ordered) / len(ordered),
        median=_percentile(ordered, 0.5),
        p95=_percentile(ordered, 0.95),
        p99=_percentile(ordered, 0.99),
        max=ordered[-1],
    )


def breakdown(values: Sequence[float | bool | None], keys: Sequence[str]) -> dict[str, GroupScore]:
    """Mean per key (per question type, per organisation ...), keys sorted.

    ``values[i]`` belongs to ``keys[i]``; booleans count as 1.0/0.0 and None values are
    left out of the mean (counted in ``missing``). A key whose values are all None has
    mean None and count 0.
    """
    if len(values) != len(keys):
        raise ValueError(f"{len(values)} values but {len(keys)} keys")
    groups: dict[str, list[float | bool | None]] = {}
    for value, key in zip(values, keys):
        groups.setdefault(key, []).append(value)
    result = {}
    for key in sorted(groups):
        present = [float(v) for v in groups[key] if v is not None]
        mean = sum(present) / len(present) if present else None
        missing = len(groups[key]) - len(present)
        result[key] = GroupScore(mean=mean, count=len(present), missing=missing)
    return result
