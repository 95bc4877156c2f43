"""qa.reader.attribution: end-to-end answers sorted by how they relate to the reader's own, and what each
relation costs. Hand-written records for the sorting and the sums; the real reader for read_each."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.reader.attribution import attribute, main, relation, table
from qa.reader.measure import Read

CMRC_DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "cmrc2018" / "cmrc2018_dev.json"


@pytest.mark.parametrize("got, abstained, alone, expected", [
    ("甲午战争", False, "甲午战争", "same"),
    ("国际人道法中", False, "国际人道法", "wider"),
    ("人道法", False, "国际人道法", "narrower"),
    ("1900年", False, "1895年8月4日", "different"),
    ("文档中没有找到相关信息。", True, "赫哲族", "abstained"),
    ("赫哲族", False, "", "different"),  # the reader alone read nothing
])
def test_an_answer_is_sorted_by_how_it_relates_to_the_readers(got, abstained, alone, expected):
    assert relation(got, abstained, alone) == expected


def _record(question: str, got: str, f1: float, em: float, abstained: bool = False) -> dict:
    return {"question": question, "got": got, "f1": f1, "em": em, "abstained": abstained}


def test_the_costs_add_up_to_the_gap_between_end_to_end_and_the_reader_alone():
    records = [_record("q1", "甲午战争", 1.0, 1.0), _record("q2", "国际人道法中", 0.9, 0.0),
               _record("q3", "不知道", 0.0, 0.0, abstained=True), _record("q4", "赫哲族", 1.0, 1.0)]
    reads = [Read("q1", "甲午战争", 1.0, 1.0), Read("q2", "国际人道法", 1.0, 1.0),
             Read("q3", "舅舅", 1.0, 1.0), Read("q4", "鄂伦春族", 0.0, 0.0)]
    shares = {s.relation: s for s in attribute(records, reads)}
    assert {k: s.questions for k, s in shares.items()} == {"same": 1, "wider": 1, "different": 1, "abstained": 1}
    assert shares["abstained"].f1_cost == pytest.approx(-0.25) and shares["wider"].em_cost == pytest.approx(-0.25)
    gap = sum(r["f1"] for r in records) / 4 - sum(a.f1 for a in reads) / 4
    assert sum(s.f1_cost for s in shares.values()) == pytest.approx(gap)
    assert "| abstained | 1 |" in table(list(shares.values()))


def test_a_report_of_other_questions_is_refused_with_what_to_run():
    with pytest.raises(ValueError, match="--benchmark cmrc2018"):
        attribute([_record("another", "x", 0.0, 0.0)], [Read("q1", "x", 0.0, 0.0)])


def test_an_unreadable_report_is_a_clear_error(tmp_path, capsys):
    assert main([str(tmp_path / "missing.json")]) == 2
    assert "report.json" in capsys.readouterr().err


@pytest.mark.skipif(not CMRC_DEV.is_file(), reason="shared/bench not beside the repository")
def test_read_each_scores_the_readers_best_span_as_read_gold_does():
    from qa.reader.base import get_reader
    from qa.reader.measure import cmrc_questions, read_each, read_gold

    reader, rows = get_reader("trained"), cmrc_questions(CMRC_DEV, 8)
    reads = read_each(reader, rows)
    assert [r.question for r in reads] == [q for q, _, _ in rows]
    assert all(r.answer for r in reads)  # a span for every question about its own paragraph
    assert read_gold(reader, rows).f1 == pytest.approx(sum(r.f1 for r in reads) / len(reads))
