"""Overview questions on the real corpus index: the organisation's sections, in document order, each cited.

The questions are eval/gold/overview.jsonl and eval/gold/overview-fresh.jsonl (Chinese and
English, four organisations, three of them in documents that cover several organisations):
every answer cites at least three distinct sections (headings) of the right organisation,
in document order, and names every section the gold lists. An organisation that is not in
the documents gets "not found". With an LLM backend the LLM writes from the cited
sentences, and its reply is verified like any other.
"""

from __future__ import annotations

import pytest

from eval.gold import load_gold
from qa.answer.intent import asks_overview
from qa.answer.pipeline import Answerer
from qa.config import Settings
from qa.text.normalize import normalize_for_match
from tests.conftest import GOLD

ITEMS = [it for name in ("overview.jsonl", "overview-fresh.jsonl") for it in load_gold(GOLD / name)]
ANSWERABLE = [it for it in ITEMS if it.answerable]
ABSENT = [it for it in ITEMS if not it.answerable]


class ScriptedLLM:
    """A generative backend with a fixed reply, recording the prompt it was given."""

    generative = True
    name = "scripted"

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.prompts: list[str] = []

    def generate(self, prompt, *, system=None, max_tokens=None, temperature=0.0):
        self.prompts.append(prompt)
        yield self.reply


@pytest.fixture(scope="module")
def answerer(retriever):
    return Answerer(retriever, Settings())


@pytest.fixture(scope="module")
def headings_of(corpus_index):
    """chunk id -> the chunk's headings."""
    return {c.id: c.headings for c in corpus_index.chunks()}


def test_the_question_sets_are_big_enough():
    assert len(ANSWERABLE) >= 10
    assert {"zh", "en"} <= {it.lang for it in ANSWERABLE}
    assert len({it.org for it in ANSWERABLE}) >= 4 and len(ABSENT) >= 3


@pytest.mark.parametrize("item", ANSWERABLE, ids=[it.id for it in ANSWERABLE])
def test_overview_cites_three_sections_of_the_right_organisation_in_order(item, answerer, corpus_index,
                                                                         headings_of):
    a = answerer.ask(item.question)
    assert not a.abstained and a.answer_type == "overview", a.answer
    assert {c.org for c in a.citations} == {item.org} and {c.doc_id for c in a.citations} == {item.doc_id}
    doc = corpus_index.document(item.doc_id)
    for c in a.citations:  # each citation quotes the document exactly, and the answer quotes it
        assert doc.text[c.start : c.end] == c.text and c.text in a.answer and f"[{c.n}]" in a.answer
    starts = [c.start for c in a.citations]
    assert starts == sorted(starts), "sections are given in document order"
    # sections: the headings right below those every chunk of the organisation's report shares
    report = [c for c in (corpus_index.chunk(int(r)) for r in corpus_index.rows_for_orgs([item.org]))
              if c.doc_id == item.doc_id and c.kind == "body"]
    shared = _shared_prefix([c.headings for c in report])
    cited = {headings_of[c.chunk_id] for c in a.citations}
    assert len({h[shared] for h in cited if len(h) > shared}) >= 3, cited
    answer = normalize_for_match(a.answer)
    for group in item.answer_groups:  # every section the report has is named, in order
        assert any(normalize_for_match(h) in answer for h in group), group
    positions = [answer.find(normalize_for_match(g[0])) for g in item.answer_groups]
    assert positions == sorted(positions)
    if item.lang == "en":
        assert a.answer.startswith("An overview of the work of") and "“" in a.answer
    else:
        assert a.answer.startswith(f"{item.org}的主要工作")


@pytest.mark.parametrize("item", ABSENT, ids=[it.id for it in ABSENT])
def test_an_organisation_not_in_the_documents_gets_not_found(item, answerer):
    a = answerer.ask(item.question)
    assert a.abstained and not a.citations, a.answer


def test_a_report_without_sections_is_summarised_paragraph_by_paragraph(answerer, corpus_index):
    a = answerer.ask("总结一下西宁市政协2023年的主要工作")
    assert not a.abstained and a.answer_type == "overview"
    assert len(a.citations) >= 3 and {c.doc_id for c in a.citations} == {"xining-2023"}
    assert [c.start for c in a.citations] == sorted(c.start for c in a.citations)
    assert "段落" in a.answer.splitlines()[0]


def test_the_most_informative_sentence_is_chosen(answerer):
    """Sentences with figures beat slogans: 城北区政协's first section is cited by its figures."""
    a = answerer.ask("总结一下城北区政协2023年的主要工作")
    first = a.citations[0].text
    assert "52次" in first or "20场" in first, first


def test_an_overview_without_an_organisation_asks_for_one(answerer):
    a = answerer.ask("总结一下2023年的主要工作")
    assert a.abstained and any("name one of" in n for n in a.notes)


@pytest.mark.parametrize("question,overview", [
    ("总结一下城北区政协2023年的主要工作", True),
    ("庆阳市政协做了哪些工作？", True),
    ("What did the Zhangye CPPCC do in 2023?", True),
    ("Summarize the Qingyang CPPCC's highlights.", True),
    ("闫雪萍委员在委员会客室做了哪些工作？", False),  # one person's work: a specific question
    ("大武口区政协为星光村做了什么？", False),
    ("城北区政协的综述中提到，2024年是人民政协成立多少周年？", False),  # asks for a figure
    ("What did the Dawukou CPPCC do to help Xingguang Village?", False),
    ("大武口区政协2023年一共收到了多少件提案？", False),
])
def test_overview_intent_is_told_from_specific_questions(question, overview):
    orgs = ["城北区政协", "庆阳市政协", "张掖市政协", "大武口区政协"]
    assert asks_overview(question, orgs) is overview


def test_with_an_llm_the_overview_is_written_from_the_cited_sentences_and_verified(retriever, answerer):
    """The LLM gets the overview's sentences as its passages; what it writes is verified."""
    question = "总结一下大武口区政协2023年的主要工作"
    extractive = answerer.ask(question)
    quotes = [c.text for c in extractive.citations]
    good = "".join(f"{q.rstrip('。；;,，')}。[{i}]" for i, q in enumerate(quotes[:3], 1))
    llm = ScriptedLLM(good)
    a = Answerer(retriever, Settings(), llm_factory=lambda name: llm).ask(question, llm="scripted")
    assert all(q in llm.prompts[0] for q in quotes), "the prompt holds the cited sentences"
    assert not a.fallback and not a.abstained and len(a.citations) == 3
    assert [c.text for c in a.citations] == quotes[:3]
    made_up = ScriptedLLM("大武口区政协2023年共开展协商活动999次。[1]")
    b = Answerer(retriever, Settings(), llm_factory=lambda name: made_up).ask(question, llm="scripted")
    assert b.fallback and b.answer == extractive.answer, "an unsupported overview falls back to the extractive one"


def _shared_prefix(headings: list[tuple[str, ...]]) -> int:
    n = min(len(h) for h in headings)
    return next((i for i in range(n) if len({h[i] for h in headings}) > 1), n)
