"""Tests of eval.gold: the gold JSONL format, loading and validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.gold import GoldItem, load_gold
from qa.errors import InputError


def _write(tmp_path: Path, lines: list[object], name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    text = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _problems(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_gold(path)
    return info.value.message


FULL = {
    "id": "q1",
    "question": "2023年市政协开展理论中心组学习多少次？",
    "answers": ["26次"],
    "evidence": "全年开展理论中心组学习26次",
    "evidence_all": ["理论中心组学习26次", "主席及常委会会议学习31次"],
    "doc_id": "xining-2023",
    "type": "number",
    "org": "西宁市政协",
    "lang": "zh",
    "answer_groups": [["26次", "二十六次"], ["31次"]],
    "answer_match": "all_groups",
    "positive_doc_ids": ["xining-2023"],
    "reviewer": "zs",
}


def test_load_full_item_keeps_every_field(tmp_path: Path) -> None:
    [item] = load_gold(_write(tmp_path, [FULL]))
    assert item == GoldItem(
        id="q1",
        question=FULL["question"],
        answers=["26次"],
        evidence="全年开展理论中心组学习26次",
        evidence_all=["理论中心组学习26次", "主席及常委会会议学习31次"],
        doc_id="xining-2023",
        type="number",
        org="西宁市政协",
        lang="zh",
        answer_groups=[["26次", "二十六次"], ["31次"]],
        answer_match="all_groups",
        positive_doc_ids=["xining-2023"],
        extra={"reviewer": "zs"},
        line=1,
    )
    assert item.answerable
    assert item.evidence_texts == ["全年开展理论中心组学习26次", "理论中心组学习26次", "主席及常委会会议学习31次"]
    assert item.all_answer_strings == ["26次", "二十六次", "31次"]


def test_minimal_and_unanswerable_items(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [{"id": "a", "question": "问题一", "answers": ["x"]}, "", "   ", {"id": "b", "question": "问题二", "answers": []}],
    )
    a, b = load_gold(path)
    assert (a.id, a.line, a.answer_match, a.doc_id, a.evidence_all) == ("a", 1, "any", None, [])
    assert a.answerable and not b.answerable
    assert b.line == 4  # blank lines are skipped but still counted


def test_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    body = json.dumps({"id": "a", "question": "问", "answers": ["答"]}, ensure_ascii=False)
    path.write_bytes("\ufeff".encode() + body.encode() + b"\r\n")
    assert [i.id for i in load_gold(path)] == ["a"]


def test_null_optional_fields_count_as_absent(tmp_path: Path) -> None:
    obj = {"id": "a", "question": "问", "answers": [], "doc_id": None, "evidence": None,
           "answer_match": None, "lang": None, "note": None}  # fmt: skip
    [item] = load_gold(_write(tmp_path, [obj]))
    assert (item.doc_id, item.evidence, item.answer_match, item.lang) == (None, None, "any", None)
    assert item.extra == {"note": None}


def test_all_problems_are_reported_with_line_numbers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"id": "a", "question": "问", "answers": ["x"]},
            "{not json",
            {"id": "a", "question": "问", "answers": ["y"]},
            {"question": "", "answers": "x"},
            {"id": "c", "question": "问", "answers": ["x"], "answer_match": "all_groups"},
            {"id": "d", "question": "问", "answers": [], "answer_groups": [["x"]]},
            {"id": "e", "question": "问", "answers": ["x"], "lang": "fr", "evidence_all": "x"},
            [1, 2],
        ],
    )
    message = _problems(path)
    assert message.startswith(f"{path}: 10 problem(s) in gold file:")
    assert f"{path}:2: invalid JSON" in message
    assert f"{path}:3: duplicate id 'a' (first on line 1)" in message
    assert f"{path}:4: 'id' must be a non-empty string" in message
    assert f"{path}:4: 'question' must be a non-empty string" in message
    assert f"{path}:4: 'answers' must be a list of non-empty strings" in message
    assert f"{path}:5: 'answer_match' is set but 'answer_groups' is missing" in message
    assert f"{path}:6: 'answers' is [] (unanswerable) but 'answer_groups' is set" in message
    assert f"{path}:7: 'lang' must be \"zh\" or \"en\", got \"fr\"" in message
    assert f"{path}:7: 'evidence_all' must be a list of non-empty strings" in message
    assert f"{path}:8: expected a JSON object, got list" in message


def test_missing_answers_has_a_helpful_message(tmp_path: Path) -> None:
    message = _problems(_write(tmp_path, [{"id": "a", "question": "问"}]))
    assert "'answers' is missing (use [] for a question the documents cannot answer)" in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("answer_groups", []),
        ("answer_groups", [[]]),
        ("answer_groups", [["x", ""]]),
        ("answer_groups", ["x"]),
        ("answer_match", "all"),
        ("positive_doc_ids", [1]),
        ("type", 3),
        ("evidence", ""),
        ("doc_id", 5),
    ],
)
def test_ill_typed_optional_fields(tmp_path: Path, field: str, value: object) -> None:
    obj = {"id": "a", "question": "问", "answers": ["x"], "answer_groups": [["x"]], field: value}
    assert f"'{field}' must be" in _problems(_write(tmp_path, [obj]))


def test_only_the_first_ten_problems_are_listed(tmp_path: Path) -> None:
    message = _problems(_write(tmp_path, ["[]"] * 25))
    assert message.startswith(f"{tmp_path / 'gold.jsonl'}: 25 problem(s)")
    assert message.count("expected a JSON object") == 10
    assert message.endswith("... and 15 more")


def test_error_is_an_input_error_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_gold(_write(tmp_path, ["nope"]))
    assert info.value.code == "bad_input"
    assert info.value.hint and "eval/gold.py" in info.value.hint


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", "\ufeff".encode()])
def test_empty_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    assert "gold file is empty" in _problems(path)


def test_non_utf8_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(json.dumps({"id": "a", "question": "问题", "answers": []}, ensure_ascii=False).encode("gbk"))
    message = _problems(path)
    assert "is not UTF-8" in message and "offset" in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    assert "gold file not found" in _problems(tmp_path / "nope.jsonl")
