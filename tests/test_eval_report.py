"""Aggregation and the written report, from hand-built question records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.aggregate import summarise
from eval.report import Machine, RunSettings, Versions, build_report, failures_of, write_report
from eval.runner import QuestionRecord, Retrieved
from qa.retrieve import RetrievalParams


def rec(id: str, *, type: str = "numeric", group: str = "大武口区政协", answerable: bool = True,
        correct: bool | None = True, abstained: bool = False, hit: int | None = 1, ms: float = 10.0,
        got: str = "190件", cited: tuple[str, ...] = ("全年共收到提案190件",), cp: float | None = 1.0,
        cr: float | None = 1.0) -> QuestionRecord:
    """A record as the runner would produce it."""
    return QuestionRecord(
        id=id, question=f"问题{id}？", type=type, group=group, answerable=answerable,
        expected=["190件"] if answerable else [], evidence=["全年共收到提案190件"] if answerable else [], answered=True, got=got, abstained=abstained,
        correct=correct if answerable else None, f1=(1.0 if correct else 0.0) if answerable else None,
        em=(1.0 if correct else 0.0) if answerable else None, numeric=correct if answerable else None,
        retrieval_scored=answerable, hit_rank=hit if answerable else None,
        citation_precision=cp, citation_recall=cr if answerable else None, cited=list(cited),
        retrieved=[Retrieved(1, "dawukou-2023", "c1", hit == 1, "全年共收到提案190件，审查立案54件"),
                   Retrieved(2, "chengbei-2023", "c2", hit == 2, "城北区政协收到提案167件")],
        retrieve_ms=ms * 0.7, compose_ms=ms * 0.3, total_ms=ms)


def settings(**kw) -> RunSettings:
    base = dict(source="eval/gold/answers.jsonl", index_dir="/tmp/idx", llm="extractive", top_k=5, depth=10,
                answers=True, limit=None, retrieval=RetrievalParams(), embedder="e5-small", chunk_size=200)
    return RunSettings(**(base | kw))


VERSIONS = Versions("0.1.0", "3.11", "e5-small", "abc123" * 8, {"chunker": 3}, 5, 155, "deadbeef" * 5, False)
MACHINE = Machine(2, "Test CPU", "Linux")


def sample() -> list[QuestionRecord]:
    return [
        rec("a", hit=1, ms=10),
        rec("b", hit=3, ms=20, type="person", group="城北区政协"),
        rec("c", hit=None, correct=False, got="167件", cited=("城北区政协收到提案167件",), cp=0.0, cr=0.0, ms=30),
        rec("d", correct=False, abstained=True, got="文档中没有找到", cited=(), cp=None, cr=0.0, ms=40),
        rec("u1", answerable=False, abstained=True, type="unanswerable", group="-", cited=(), cp=None, ms=5),
        rec("u2", answerable=False, abstained=False, type="unanswerable", group="-", cp=None, ms=6),
    ]


def test_summarise_hand_computed() -> None:
    m = summarise(sample())
    h = m.headline()
    assert m.retrieval_n == 4  # unanswerable questions carry no evidence
    assert h["recall@1"] == pytest.approx(2 / 4)  # a, d at rank 1
    assert h["recall@5"] == pytest.approx(3 / 4)
    assert h["mrr@10"] == pytest.approx((1 + 1 / 3 + 0 + 1) / 4)
    assert h["accuracy"] == pytest.approx(2 / 4)
    assert h["citation_precision"] == pytest.approx(2 / 3)  # a, b: 1; c: 0; the others have none to score
    assert h["citation_recall"] == pytest.approx(2 / 4)  # over answerable questions; d cited nothing
    assert h["abstention_recall"] == pytest.approx(1 / 2) and h["abstention_precision"] == pytest.approx(1 / 2)
    assert h["false_abstention_rate"] == pytest.approx(1 / 4)
    assert h["latency_median_ms"] == pytest.approx(15.0)  # of 5, 6, 10, 20, 30, 40
    assert h["retrieve_median_ms"] == pytest.approx(10.5)


def test_failures_say_what_went_wrong() -> None:
    kinds = {f.id: f.kinds for f in failures_of(sample(), top_k=2)}
    assert "a" not in kinds
    assert kinds["b"] == ["retrieval miss"]  # rank 3 is beyond the 2 passages given to the answerer
    assert kinds["c"] == ["wrong answer", "citation without evidence", "retrieval miss"]
    assert kinds["d"] == ["false abstention"]
    assert kinds["u2"] == ["answered unanswerable"]
    assert "u1" not in kinds


def test_question_without_answer_strings_fails_only_by_abstaining() -> None:
    described = rec("d1", correct=None, got="新增了民意直通车等功能")
    described.expected = []
    silent = rec("d2", correct=None, abstained=True, got="文档中没有找到", cited=(), cp=None, cr=0.0)
    silent.expected = []
    assert [(f.id, f.kinds) for f in failures_of([described, silent], top_k=5)] == [("d2", ["false abstention"])]


def test_report_breaks_every_metric_down_by_type_and_org() -> None:
    r = build_report(sample(), settings(), VERSIONS, MACHINE)
    assert set(r.by_type) == {"numeric", "person", "unanswerable"}
    assert r.by_type["person"].headline()["recall@1"] == 0.0
    assert r.by_org["城北区政协"].questions == 1
    assert r.by_type["unanswerable"].abstention.recall == 0.5


def test_written_report(tmp_path: Path) -> None:
    out = write_report(build_report(sample(), settings(), VERSIONS, MACHINE), tmp_path / "run")
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["machine"] == {"nproc": 2, "cpu_model": "Test CPU", "platform": "Linux"}
    assert data["versions"]["index_fingerprint"].startswith("abc123") and data["settings"]["top_k"] == 5
    assert data["headline"]["accuracy"] == 0.5 and len(data["records"]) == 6
    assert {f["id"] for f in data["failures"]} == {"c", "d", "u2"}
    for chart in ("by_type.png", "latency.png", "recall_at_k.png"):
        assert (out / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"]({chart})" in (out / "summary.md").read_text(encoding="utf-8")
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "| accuracy | 0.500 | 4 |" in md
    assert "| person | 1 |" in md and "| 城北区政协 | 1 |" in md
    failure = md[md.index("### `c`"):md.index("### `d`")]  # everything needed to diagnose, in one place
    for needle in ("问题c？", "expected: 190件", "evidence: 全年共收到提案190件", "got: 167件", "cited [1]: 城北区政协收到提案167件",
                   "passage 1 ✗ `dawukou-2023`: 全年共收到提案190件"):
        assert needle in failure


def test_retrieval_only_report_has_no_answer_metrics(tmp_path: Path) -> None:
    records = [QuestionRecord(id="r", question="q", type="x", group="-", answerable=True, expected=["a"],
                              retrieval_scored=True, hit_rank=2)]
    r = build_report(records, settings(answers=False), VERSIONS, MACHINE)
    assert r.headline["recall@1"] == 0.0 and r.headline["recall@5"] == 1.0
    assert r.headline["accuracy"] is None and r.headline["latency_median_ms"] is None
    out = write_report(r, tmp_path / "r")
    assert sorted(p.name for p in out.glob("*.png")) == ["by_type.png", "recall_at_k.png"]  # no latency
    assert "not asked (retrieval only)" in (out / "summary.md").read_text(encoding="utf-8")
