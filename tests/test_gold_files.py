"""The project's gold files are valid, and every evidence string really is in its document."""

from __future__ import annotations

import re

import pytest

from eval.gold import load_gold
from tests.conftest import CORPUS, GOLD

FILES = ["retrieval.jsonl", "answers.jsonl", "heldout.jsonl", "test.jsonl", "english.jsonl", "absent.jsonl",
         "fresh.jsonl", "multipart.jsonl", "multipart-fresh.jsonl", "overview.jsonl", "overview-fresh.jsonl"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


DOCS = {p.stem: _squash(p.read_text(encoding="utf-8")) for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")}


@pytest.mark.parametrize("name", FILES)
def test_gold_file_is_valid_and_evidence_is_real(name):
    items = load_gold(GOLD / name)
    for it in items:
        doc_ids = it.extra.get("evidence_doc_ids") or [it.doc_id] * len(it.evidence_texts)
        for ev, doc_id in zip(it.evidence_texts, doc_ids):
            assert _squash(ev) in DOCS[doc_id], f"{name}:{it.id}: evidence {ev!r} not in {doc_id}"
        if it.type == "unanswerable":
            assert not it.answerable and not it.evidence_texts, f"{name}:{it.id}: unanswerable but has answers"


def test_ids_are_unique_across_files():
    ids = [it.id for name in FILES for it in load_gold(GOLD / name)]
    assert len(ids) == len(set(ids))


def test_coverage_the_issues_ask_for():
    retrieval = load_gold(GOLD / "retrieval.jsonl")
    assert len(retrieval) >= 60 and all(it.evidence_texts for it in retrieval)
    assert sum(it.lang == "en" for it in retrieval) >= 5
    answers = load_gold(GOLD / "answers.jsonl")
    assert len(answers) >= 80
    assert sum(not it.answerable for it in answers) >= 10
    assert sum(it.lang == "en" for it in answers) >= 5
    orgs = {it.org for it in answers if it.org}
    assert {"大武口区政协", "城北区政协", "西宁市政协", "张掖市政协", "庆阳市政协", "海东市政协",
            "海西州政协", "果洛州政协", "城东区政协", "祁连县政协"} <= orgs
    assert {"numeric", "date", "person", "entity", "comparison"} <= {it.type for it in answers}


def test_english_absent_and_fresh_sets():
    english = load_gold(GOLD / "english.jsonl")
    assert len(english) >= 20 and all(it.lang == "en" and it.answerable and it.evidence_texts for it in english)
    absent = load_gold(GOLD / "absent.jsonl")
    assert len(absent) >= 30 and not any(it.answerable for it in absent)
    assert {"org", "year", "measure"} <= {it.extra.get("absent") for it in absent}
    assert {"zh", "en"} == {it.lang for it in absent}
    fresh = load_gold(GOLD / "fresh.jsonl")
    assert len(fresh) >= 60 and sum(not it.answerable for it in fresh) >= 10 and sum(it.lang == "en" for it in fresh) >= 3
    assert {"numeric", "date", "person", "entity", "comparison", "sentence"} <= {it.type for it in fresh}
    others = {_squash(it.question) for name in FILES if name != "fresh.jsonl" for it in load_gold(GOLD / name)}
    assert not [it.id for it in fresh if _squash(it.question) in others], "fresh questions must be new"
