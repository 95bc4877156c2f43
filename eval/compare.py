"""Comparing runs: with an earlier run question by question, with floors, and side by side.

``--compare OLD`` lists what got better or worse (newly correct, newly wrong,
abstention changes, retrieval rank changes) and the delta of every headline metric.
:func:`check_floors` is the regression gate: ``eval/floors.json`` holds, per gold set,
minimum values (``min``) and ceilings (``max``) of headline metrics.
Benchmark records (runs side by side) live in :mod:`eval.benchmarks`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.aggregate import summarise
from eval.runner import QuestionRecord
from qa.errors import InputError

KINDS = ("newly correct", "newly wrong", "now abstains", "no longer abstains", "retrieval better", "retrieval worse")
_LOWER_IS_BETTER = ("false_abstention_rate",)


@dataclass(slots=True)
class SavedRun:
    """The parts of an earlier ``report.json`` a comparison needs."""

    path: Path
    created_at: str
    source: str
    headline: dict[str, float | None]
    records: list[QuestionRecord]


def load_run(path: str | Path) -> SavedRun:
    """Read ``report.json`` (or the report directory holding it); errors are InputErrors."""
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = [QuestionRecord.from_json(r) for r in data["records"]]
        return SavedRun(path, data.get("created_at", "?"), data.get("source", "?"), data["headline"], records)
    except FileNotFoundError:
        raise InputError(f"{path}: no such report", hint="pass a report.json written by `qa eval`") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a report written by `qa eval` ({exc})",
                         hint="pass a report.json written by `qa eval`") from None


@dataclass(slots=True)
class Change:
    """One question whose outcome changed; ``kind`` is one of :data:`KINDS`."""

    id: str
    question: str
    kind: str
    before: str
    after: str


@dataclass(slots=True)
class Delta:
    """A headline metric before and after; ``better`` says whether the change is an improvement."""

    metric: str
    before: float | None
    after: float | None
    delta: float | None
    better: bool | None


@dataclass(slots=True)
class Comparison:
    """The difference between an old run and this one."""

    old: str
    old_created_at: str
    common: int = 0  # questions in both runs: the deltas are measured on these only
    changes: list[Change] = field(default_factory=list)
    deltas: list[Delta] = field(default_factory=list)
    only_old: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Change]:
        """The changes of one kind, in question order."""
        return [c for c in self.changes if c.kind == kind]


def _outcome(r: QuestionRecord) -> str:
    if r.error:
        return f"error: {r.error}"
    if r.abstained:
        return "abstained"
    verdict = {True: "right", False: "wrong", None: "answered"}[r.ok]
    return f"{verdict}: {r.got}"


def _rank(r: QuestionRecord) -> str:
    return f"rank {r.hit_rank}" if r.hit_rank else "not retrieved"


def _question_changes(a: QuestionRecord, b: QuestionRecord) -> list[Change]:
    """What changed for one question from run ``a`` to run ``b``."""
    kinds: list[tuple[str, str, str]] = []
    if a.ok is not None and b.ok is not None and a.ok != b.ok:
        kinds.append(("newly correct" if b.ok else "newly wrong", _outcome(a), _outcome(b)))
    if a.answered and b.answered and a.abstained != b.abstained:
        kinds.append(("now abstains" if b.abstained else "no longer abstains", _outcome(a), _outcome(b)))
    if a.retrieval_scored and b.retrieval_scored and a.hit_rank != b.hit_rank:
        before, after = a.hit_rank or 10**9, b.hit_rank or 10**9
        kinds.append(("retrieval better" if after < before else "retrieval worse", _rank(a), _rank(b)))
    return [Change(b.id, b.question, k, before, after) for k, before, after in kinds]


def _delta(metric: str, before: float | None, after: float | None) -> Delta:
    if before is None or after is None:
        return Delta(metric, before, after, None, None)
    d = after - before
    lower_better = metric.endswith("_ms") or metric in _LOWER_IS_BETTER
    better = None if abs(d) < 1e-12 else (d < 0) == lower_better
    return Delta(metric, before, after, d, better)


def compare(old: SavedRun, records: list[QuestionRecord], depth: int = 10) -> Comparison:
    """Compare this run's ``records`` with ``old``, matching questions by id.

    Metric deltas are computed on the questions both runs have, so a ``--limit`` run
    compared with a full one compares like with like.
    """
    before = {r.id: r for r in old.records}
    now = {r.id: r for r in records}
    shared = [r for r in records if r.id in before]
    result = Comparison(str(old.path), old.created_at, common=len(shared))
    for r in shared:
        result.changes += _question_changes(before[r.id], r)
    order = {k: i for i, k in enumerate(KINDS)}
    result.changes.sort(key=lambda c: order[c.kind])
    was = summarise([before[r.id] for r in shared], depth).headline()
    result.deltas = [_delta(m, was[m], v) for m, v in summarise(shared, depth).headline().items()]
    result.only_old = [i for i in before if i not in now]
    result.only_new = [i for i in now if i not in before]
    return result


def fmt(v: float | None, metric: str = "") -> str:
    """A metric for people: 3 decimals, milliseconds with one, "–" when not measured."""
    if v is None:
        return "–"
    return f"{v:.1f}" if metric.endswith("_ms") else f"{v:.3f}"


def delta_text(d: Delta) -> str:
    """``0.950 → 0.970 (+0.020, better)``."""
    if d.delta is None:
        return f"{fmt(d.before, d.metric)} → {fmt(d.after, d.metric)}"
    verdict = {True: ", better", False: ", worse", None: ""}[d.better]
    return f"{fmt(d.before, d.metric)} → {fmt(d.after, d.metric)} ({d.delta:+.3f}{verdict})"


def comparison_lines(c: Comparison, limit: int = 20) -> list[str]:
    """Plain-text summary for the terminal: counts, changed metrics, the first changes."""
    counts = ", ".join(f"{k}: {len(c.of_kind(k))}" for k in KINDS)
    lines = [f"compared with {c.old} ({c.old_created_at}) on the {c.common} questions of both runs", counts]
    lines += [f"  {d.metric}: {delta_text(d)}" for d in c.deltas if d.delta]
    lines += [f"  {ch.kind}  {ch.id}  {ch.question}  [{ch.before} → {ch.after}]" for ch in c.changes[:limit]]
    if len(c.changes) > limit:
        lines.append(f"  ... and {len(c.changes) - limit} more (see summary.md)")
    if c.only_old or c.only_new:
        lines.append(f"questions only in the old run: {len(c.only_old)}, only in this run: {len(c.only_new)}")
    return lines


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def comparison_markdown(c: Comparison) -> str:
    """The comparison as a Markdown section (metric deltas, then every changed question)."""
    out = [f"## Compared with `{c.old}` ({c.old_created_at})", "",
           f"Metrics over the {c.common} questions of both runs.", "",
           "| metric | before → after |", "|---|---|"]
    out += [f"| {d.metric} | {delta_text(d)} |" for d in c.deltas]
    for kind in KINDS:
        changes = c.of_kind(kind)
        out += ["", f"### {kind} ({len(changes)})", ""]
        out += [f"- `{ch.id}` {_cell(ch.question)}: {_cell(ch.before)} → {_cell(ch.after)}" for ch in changes]
    if c.only_old or c.only_new:
        out += ["", f"Only in the old run: {', '.join(c.only_old) or '–'}; only in this run: "
                f"{', '.join(c.only_new) or '–'}"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- floors


@dataclass(slots=True)
class FloorCheck:
    """One bound of the regression gate: ``measured`` must be >= (min) or <= (max) ``limit``."""

    metric: str
    bound: str  # "min" or "max"
    limit: float
    measured: float | None

    @property
    def ok(self) -> bool:
        if self.measured is None:
            return False
        return self.measured >= self.limit if self.bound == "min" else self.measured <= self.limit


def load_floors(path: str | Path, gold_set: str) -> dict[str, dict[str, float]]:
    """The ``{"min": {...}, "max": {...}}`` bounds of ``gold_set`` (the gold file's stem)."""
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    if gold_set not in data:
        raise InputError(f"{path}: no floors for {gold_set!r}", hint="valid: " + ", ".join(
            k for k in data if not k.startswith("_")))
    return data[gold_set]


def check_floors(headline: dict[str, float | None], bounds: dict[str, dict[str, float]]) -> list[FloorCheck]:
    """Every bound checked against ``headline``; a metric that was not measured fails."""
    return [FloorCheck(metric, bound, float(limit), headline.get(metric))
            for bound in ("min", "max") for metric, limit in bounds.get(bound, {}).items()]
