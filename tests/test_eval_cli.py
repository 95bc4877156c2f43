"""`qa eval` as a user runs it: a real process on the real index."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import GOLD
from tests.test_cli import qa


def test_bad_gold_file_lists_every_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "q1", "question": "问？", "answers": ["1"]}\n'
                   '{"id": "q2", "question": \n'
                   '{"id": "q3", "question": "问？"}\n', encoding="utf-8")
    r = qa("eval", str(bad), "--index", "/nonexistent/never-loaded")
    assert r.returncode == 2, r.stderr
    assert f"{bad}:2: invalid JSON" in r.stderr and f"{bad}:3: 'answers' is missing" in r.stderr
    assert "Traceback" not in r.stderr


def test_eval_needs_a_gold_file_or_a_benchmark() -> None:
    for args in (("eval",), ("eval", str(GOLD / "answers.jsonl"), "--benchmark", "rgb-zh"),
                 ("eval", "--benchmark", "squad")):
        r = qa(*args)
        assert r.returncode == 2 and r.stderr.startswith("error:") and "Traceback" not in r.stderr, r.stderr


def test_eval_writes_a_report_and_compares_with_an_earlier_one(corpus_index_dir: Path, tmp_path: Path) -> None:
    base = ("eval", str(GOLD / "answers.jsonl"), "--index", str(corpus_index_dir), "--limit", "6")
    first = qa(*base, "--out", str(tmp_path / "first"), "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)  # --json: report.json on stdout, nothing else
    assert len(data["records"]) == 6 and data["headline"]["recall@5"] is not None
    assert data == json.loads((tmp_path / "first" / "report.json").read_text(encoding="utf-8"))
    assert {"by_type.png", "latency.png", "recall_at_k.png", "summary.md"} <= {
        p.name for p in (tmp_path / "first").iterdir()}

    second = qa(*base, "-k", "1", "--out", str(tmp_path / "second"), "--compare", str(tmp_path / "first"))
    assert second.returncode == 0, second.stderr
    assert "recall@5" in second.stdout and "accuracy" in second.stdout
    assert "compared with" in second.stdout and "newly wrong:" in second.stdout
    md = (tmp_path / "second" / "summary.md").read_text(encoding="utf-8")
    assert "## Compared with" in md and "top_k 1" in md
