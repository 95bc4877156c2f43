"""Retrieval quality on the project's gold questions, filters, English questions, bad input."""

from __future__ import annotations

import re

import pytest

from qa.errors import InputError, NotFoundError
from tests.conftest import GOLD, read_jsonl

RECALL_AT_5_FLOOR = 0.95


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def hit_rank(passages, evidence: list[str]) -> int | None:
    for p in passages:
        if any(_norm(e) in _norm(p.text) for e in evidence):
            return p.rank
    return None


def test_gold_recall_at_5_meets_floor(retriever):
    gold = read_jsonl(GOLD / "retrieval.jsonl")
    assert len(gold) >= 60
    ranks = [hit_rank(retriever.search(g["question"], k=5), g.get("evidence_all") or [g["evidence"]]) for g in gold]
    recall5 = sum(r is not None for r in ranks) / len(ranks)
    recall1 = sum(r == 1 for r in ranks) / len(ranks)
    print(f"retrieval gold: n={len(gold)} recall@1={recall1:.3f} recall@5={recall5:.3f}")
    assert recall5 >= RECALL_AT_5_FLOOR
    assert recall1 >= 0.85


def test_every_org_is_findable_from_a_context_only_question(retriever):
    ps = retriever.search("海西州的微协商平台有多少个", k=3)
    assert any("全州已挂牌运行“微协商”平台107个" in p.text for p in ps)
    assert ps[0].org == "海西州政协"


def test_english_questions_work(retriever):
    ps = retriever.search("How many proposals did the Dawukou CPPCC receive in 2023?", k=5)
    assert any("全年共收到提案190件" in p.text for p in ps)
    ps = retriever.search("How many toilets were renovated in Qilian county?", k=5)
    assert any("116户" in p.text for p in ps)


def test_filter_by_document(retriever):
    ps = retriever.search("提案", k=10, doc_ids=["chengbei-2023"])
    assert ps and all(p.doc_id == "chengbei-2023" for p in ps)


def test_unknown_document_filter_is_an_error(retriever):
    with pytest.raises(NotFoundError, match="nope"):
        retriever.search("提案", doc_ids=["nope"])


@pytest.mark.parametrize("bad", ["", "   ", "\n"])
def test_empty_query_is_an_error(retriever, bad):
    with pytest.raises(InputError):
        retriever.search(bad)


def test_passages_carry_their_provenance(retriever, corpus_index):
    p = retriever.search("城北区政协立案了多少件提案", k=1)[0]
    assert p.doc_id == "chengbei-2023" and p.org == "城北区政协" and "立案143件" in p.text
    assert corpus_index.document(p.doc_id).text[p.start : p.end] == p.text
    assert p.title.startswith("凝心聚力助发展") and p.headings and p.score > 0 and p.rank == 1
