"""--compare, the floors of the regression gate and benchmark records, on hand-built runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.benchmarks import record_benchmark
from eval.compare import check_floors, comparison_lines, load_run
from eval.report import build_report, write_report
from qa.errors import InputError
from tests.test_eval_report import MACHINE, VERSIONS, rec, settings


def _old_and_new():
    old = [rec("a", hit=1), rec("b", correct=False, got="167件", hit=4), rec("c", hit=2),
           rec("u", answerable=False, abstained=False, type="unanswerable", cp=None)]
    new = [rec("a", correct=False, got="54件", hit=1), rec("b", hit=1), rec("c", hit=None),
           rec("u", answerable=False, abstained=True, type="unanswerable", cp=None), rec("n", hit=1)]
    return old, new


def _saved(tmp_path: Path, records) -> Path:
    return write_report(build_report(records, settings(), VERSIONS, MACHINE), tmp_path / "old", charts=False)


def test_question_by_question_changes(tmp_path: Path) -> None:
    old, new = _old_and_new()
    report = build_report(new, settings(), VERSIONS, MACHINE, old=load_run(_saved(tmp_path, old)))
    c = report.comparison
    assert c is not None
    kinds = {(ch.id, ch.kind) for ch in c.changes}
    assert kinds == {("a", "newly wrong"), ("b", "newly correct"), ("u", "newly correct"),
                     ("u", "now abstains"), ("b", "retrieval better"), ("c", "retrieval worse")}
    worse = c.of_kind("retrieval worse")[0]
    assert (worse.before, worse.after) == ("rank 2", "not retrieved")
    assert c.of_kind("newly wrong")[0].after == "wrong: 54件"
    assert c.only_new == ["n"] and c.only_old == []


def test_metric_deltas_know_which_direction_is_better(tmp_path: Path) -> None:
    old, new = _old_and_new()
    new[0].total_ms = 1000.0  # slower
    c = build_report(new, settings(), VERSIONS, MACHINE, old=load_run(_saved(tmp_path, old))).comparison
    deltas = {d.metric: d for d in c.deltas}
    assert deltas["abstention_recall"].delta == pytest.approx(1.0) and deltas["abstention_recall"].better
    assert deltas["latency_p95_ms"].delta > 0 and deltas["latency_p95_ms"].better is False
    # on the questions of both runs (a, b, c, u): recall@1 1/3 (a) -> 2/3 (a, b); "n" is new
    assert c.common == 4
    assert deltas["recall@1"].delta == pytest.approx(2 / 3 - 1 / 3) and deltas["recall@1"].better
    assert any("newly wrong: 1" in line for line in comparison_lines(c))


def test_comparison_is_in_summary_md(tmp_path: Path) -> None:
    old, new = _old_and_new()
    out = write_report(build_report(new, settings(), VERSIONS, MACHINE, old=load_run(_saved(tmp_path, old))),
                       tmp_path / "new", charts=False)
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "## Compared with" in md and "### newly wrong (1)" in md
    assert "- `a` 问题a？: right: 190件 → wrong: 54件" in md
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["comparison"]["only_new"] == ["n"]


def test_bad_old_reports_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such report"):
        load_run(tmp_path / "missing.json")
    (tmp_path / "x.json").write_text('{"something": "else"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a report"):
        load_run(tmp_path / "x.json")


def test_floors_fail_below_min_above_max_and_when_unmeasured() -> None:
    bounds = {"min": {"recall@5": 0.9, "accuracy": 0.8, "abstention_recall": 0.5},
              "max": {"false_abstention_rate": 0.05}}
    checks = {c.metric: c for c in check_floors(
        {"recall@5": 0.95, "accuracy": 0.79, "abstention_recall": None, "false_abstention_rate": 0.1}, bounds)}
    assert checks["recall@5"].ok and not checks["accuracy"].ok
    assert not checks["abstention_recall"].ok and not checks["false_abstention_rate"].ok


def test_benchmark_record_keeps_one_entry_per_retrieval_mode(tmp_path: Path) -> None:
    from qa.retrieve import RetrievalParams

    for mode in ("dense", "hybrid", "dense"):
        r = build_report([rec("a", hit=2)], settings(retrieval=RetrievalParams(mode=mode)), VERSIONS, MACHINE)
        path, md = record_benchmark(r, "toy", "a toy benchmark", tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(data["runs"]) == ["dense", "hybrid"]
    assert data["runs"]["dense"]["headline"]["recall@5"] == 1.0
    text = md.read_text(encoding="utf-8")
    assert "| dense | 1 | 0.000 | 1.000 | 1.000 | 0.500 |" in text and "![recall@k](toy-recall.png)" in text
    assert (tmp_path / "toy-recall.png").exists()
