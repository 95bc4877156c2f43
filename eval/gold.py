"""Gold questions: the JSONL format, loading and validation.

One JSON object per line (UTF-8; a BOM is tolerated; blank lines are skipped):

``id`` (str, unique, required)
    Stable identifier of the question.
``question`` (str, non-empty, required)
``answers`` (list[str], required)
    Acceptable answers, any one of which is enough. An empty list means the documents
    do NOT contain the answer: the system should abstain.
``evidence`` (str, optional)
    A substring of the supporting text.
``evidence_all`` (list[str], optional)
    Every supporting span when the answer needs several.
``doc_id`` (str or null), ``type`` (str), ``org`` (str), ``lang`` ("zh" or "en")
``answer_groups`` (list[list[str]], optional) and ``answer_match`` ("any" or "all_groups")
    RGB convention: with "all_groups" every group must be matched by one of its
    alternatives (multi-part answers); with "any" (the default) any string of any group
    or of ``answers`` is enough. ``answer_match`` without ``answer_groups`` is an error,
    and so are groups on a question whose ``answers`` is empty.
``positive_doc_ids`` (list[str], optional)
    For external benchmarks whose positives are passages rather than spans.

An optional field set to ``null`` counts as not given. Unknown fields are kept in
:attr:`GoldItem.extra`, not rejected. :func:`load_gold`
reports every problem of the file at once, as ``path:line: problem``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from qa.errors import InputError

AnswerMatch = Literal["any", "all_groups"]

_KNOWN = {
    "id", "question", "answers", "evidence", "evidence_all", "doc_id", "type", "org",
    "lang", "answer_groups", "answer_match", "positive_doc_ids",
}  # fmt: skip
_MAX_LISTED = 10
_HINT = "fix the listed lines; the format is described in eval/gold.py"


@dataclass(slots=True)
class GoldItem:
    """One gold question; see the module docstring for the meaning of each field."""

    id: str
    question: str
    answers: list[str]
    evidence: str | None = None
    evidence_all: list[str] = field(default_factory=list)
    doc_id: str | None = None
    type: str | None = None
    org: str | None = None
    lang: Literal["zh", "en"] | None = None
    answer_groups: list[list[str]] = field(default_factory=list)
    answer_match: AnswerMatch = "any"
    positive_doc_ids: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    line: int = 0  # 1-based line in the gold file, for messages

    @property
    def answerable(self) -> bool:
        """False when the documents do not contain the answer (``answers`` is empty)."""
        return bool(self.answers)

    @property
    def evidence_texts(self) -> list[str]:
        """``evidence`` and ``evidence_all`` together, without duplicates or empties."""
        texts = ([self.evidence] if self.evidence else []) + self.evidence_all
        return list(dict.fromkeys(t for t in texts if t))

    @property
    def all_answer_strings(self) -> list[str]:
        """Every acceptable string: ``answers`` then every group alternative."""
        return list(dict.fromkeys([*self.answers, *(a for g in self.answer_groups for a in g)]))


def _is_str_list(value: object, non_empty_items: bool = True) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, str) and (v.strip() or not non_empty_items) for v in value
    )


def _is_answer_groups(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_str_list(g) and g for g in value)


def _check_required(obj: dict[str, Any]) -> list[str]:
    problems = []
    if not isinstance(obj.get("id"), str) or not obj["id"].strip():
        problems.append("'id' must be a non-empty string")
    if not isinstance(obj.get("question"), str) or not obj["question"].strip():
        problems.append("'question' must be a non-empty string")
    if "answers" not in obj:
        problems.append("'answers' is missing (use [] for a question the documents cannot answer)")
    elif not _is_str_list(obj["answers"]):
        problems.append("'answers' must be a list of non-empty strings")
    return problems


_OPTIONAL_CHECKS: dict[str, tuple[Callable[[object], bool], str]] = {
    "evidence": (lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty string"),
    "evidence_all": (_is_str_list, "a list of non-empty strings"),
    "doc_id": (lambda v: isinstance(v, str), "a string or null"),
    "type": (lambda v: isinstance(v, str), "a string"),
    "org": (lambda v: isinstance(v, str), "a string"),
    "lang": (lambda v: v in ("zh", "en"), '"zh" or "en"'),
    "answer_groups": (_is_answer_groups, "a non-empty list of non-empty lists of non-empty strings"),
    "answer_match": (lambda v: v in ("any", "all_groups"), '"any" or "all_groups"'),
    "positive_doc_ids": (_is_str_list, "a list of non-empty strings"),
}


def _check_optional(obj: dict[str, Any]) -> list[str]:
    problems = [
        f"{name!r} must be {expected}, got {json.dumps(obj[name], ensure_ascii=False)[:60]}"
        for name, (ok, expected) in _OPTIONAL_CHECKS.items()
        if name in obj and not ok(obj[name])
    ]
    if "answer_match" in obj and "answer_groups" not in obj:
        problems.append("'answer_match' is set but 'answer_groups' is missing")
    if obj.get("answer_groups") and obj.get("answers") == []:
        problems.append("'answers' is [] (unanswerable) but 'answer_groups' is set")
    return problems


def _build_item(obj: dict[str, Any], line: int) -> GoldItem:
    """Build a GoldItem from an object that passed validation."""
    return GoldItem(
        id=obj["id"],
        question=obj["question"],
        answers=list(obj["answers"]),
        evidence=obj.get("evidence"),
        evidence_all=list(obj.get("evidence_all", [])),
        doc_id=obj.get("doc_id"),
        type=obj.get("type"),
        org=obj.get("org"),
        lang=obj.get("lang"),
        answer_groups=[list(g) for g in obj.get("answer_groups", [])],
        answer_match=obj.get("answer_match", "any"),
        positive_doc_ids=list(obj.get("positive_doc_ids", [])),
        extra={k: v for k, v in obj.items() if k not in _KNOWN},
        line=line,
    )


def _parse_line(raw: str) -> tuple[dict[str, Any] | None, list[str]]:
    """Decode one non-blank line: (object, []) or (None, [problem])."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [f"invalid JSON: {exc.msg} (column {exc.colno})"]
    if not isinstance(obj, dict):
        return None, [f"expected a JSON object, got {type(obj).__name__}"]
    # an optional field set to null means "not given"
    obj = {k: v for k, v in obj.items() if v is not None or k not in _OPTIONAL_CHECKS}
    return obj, _check_required(obj) + _check_optional(obj)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: gold file not found", hint="check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")  # tolerate a BOM
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: gold file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            hint="re-save the file as UTF-8",
        ) from None


def _raise_problems(path: Path, problems: list[tuple[int, str]]) -> None:
    listed = [f"{path}:{line}: {problem}" for line, problem in problems[:_MAX_LISTED]]
    more = len(problems) - len(listed)
    tail = [f"... and {more} more"] if more else []
    raise InputError(
        f"{path}: {len(problems)} problem(s) in gold file:\n" + "\n".join(listed + tail),
        hint=_HINT,
    )


def load_gold(path: str | Path) -> list[GoldItem]:
    """Load and validate a gold JSONL file.

    Every line is checked and ALL problems are collected (bad JSON, missing or
    ill-typed fields, duplicate ids, ...); if there are any, raises
    :class:`~qa.errors.InputError` listing the first ten as ``path:line: problem`` and
    the total count. An empty file, a missing file and a non-UTF-8 file are errors too.
    """
    path = Path(path)
    problems: list[tuple[int, str]] = []
    items: list[GoldItem] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(_read_text(path).split("\n"), start=1):
        if not raw.strip():
            continue
        obj, line_problems = _parse_line(raw)
        problems += [(number, p) for p in line_problems]
        if obj is None:
            continue
        item_id = obj.get("id")
        if isinstance(item_id, str) and item_id in first_line:
            first = first_line[item_id]
            problems.append((number, f"duplicate id {item_id!r} (first on line {first})"))
        elif isinstance(item_id, str):
            first_line[item_id] = number
        if not line_problems:
            items.append(_build_item(obj, number))
    if problems:
        _raise_problems(path, problems)
    if not items:
        raise InputError(f"{path}: gold file is empty", hint="add one JSON object per line")
    return items
