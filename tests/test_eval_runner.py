"""Scoring one question: what a record says about a hand-built answer and hand-built passages."""

from __future__ import annotations

from eval.gold import GoldItem
from eval.runner import new_record, score_answer, score_retrieval
from qa.models import Answer, Citation, Passage, Timings


def _item(answers: list[str], evidence: str | None = "全年共收到提案190件", **kw) -> GoldItem:
    return GoldItem(id="q1", question="大武口区政协2023年收到多少件提案？", answers=answers, evidence=evidence,
                    org="大武口区政协", type="numeric", **kw)


def _passage(rank: int, text: str, doc_id: str = "dawukou-2023") -> Passage:
    return Passage(f"c{rank}", doc_id, "t", [], None, "body", text, 0, len(text), 1.0 / rank, rank)


def _answer(text: str, cited: list[str], abstained: bool = False) -> Answer:
    cits = [Citation(i + 1, "c1", "dawukou-2023", "t", None, c, 0, len(c)) for i, c in enumerate(cited)]
    return Answer("问", text, abstained, cits, [], "extractive", timings=Timings(7.0, 3.0, 10.0))


def test_hit_rank_is_the_first_passage_containing_the_evidence() -> None:
    rec = new_record(_item(["190件"]))
    passages = [_passage(1, "审查立案54件"), _passage(2, "全年共收到提案 190 件，审查立案54件"), _passage(3, "收到提案190件")]
    score_retrieval(_item(["190件"]), passages, rec)
    assert rec.retrieval_scored and rec.hit_rank == 2
    assert [p.relevant for p in rec.retrieved] == [False, True, False]  # "收到提案190件" lacks "全年共"
    assert rec.retrieved[1].text == "全年共收到提案 190 件，审查立案54件"


def test_positive_doc_ids_make_a_passage_relevant() -> None:
    item = GoldItem(id="r", question="问", answers=["12人"], positive_doc_ids=["rgb_1"])
    rec = new_record(item)
    score_retrieval(item, [_passage(1, "无关", "rgb_9"), _passage(2, "无关", "rgb_1")], rec)
    assert rec.hit_rank == 2


def test_question_without_evidence_is_not_scored_for_retrieval() -> None:
    item = _item(["190件"], evidence=None)
    rec = new_record(item)
    score_retrieval(item, [_passage(1, "全年共收到提案190件")], rec)
    assert not rec.retrieval_scored and rec.hit_rank is None


def test_correct_answer_with_its_citation() -> None:
    item = _item(["190件", "190"])
    rec = new_record(item)
    score_answer(item, _answer("一百九十件", ["全年共收到提案190件,审查立案54件"]), rec)
    assert rec.correct is True and rec.numeric is True and rec.ok is True
    assert rec.citation_precision == 1.0 and rec.citation_recall == 1.0
    assert (rec.retrieve_ms, rec.compose_ms, rec.total_ms) == (7.0, 3.0, 10.0)


def test_wrong_number_is_wrong_and_citation_elsewhere_scores_zero() -> None:
    item = _item(["190件"])
    rec = new_record(item)
    score_answer(item, _answer("54件", ["审查立案54件"]), rec)
    assert rec.correct is False and rec.numeric is False and rec.ok is False
    assert rec.citation_precision == 0.0 and rec.citation_recall == 0.0


def test_abstaining_on_an_answerable_question_counts_as_wrong() -> None:
    item = _item(["190件"])
    rec = new_record(item)
    # even if the abstention message happened to contain the answer string
    score_answer(item, _answer("文档中没有找到190件的依据", [], abstained=True), rec)
    assert rec.correct is False and rec.f1 == 0.0 and rec.em == 0.0 and rec.ok is False
    assert rec.citation_precision is None and rec.citation_recall == 0.0


def test_unanswerable_question_is_right_only_when_abstaining() -> None:
    item = GoldItem(id="u", question="大武口区政协2030年收到多少提案？", answers=[], type="unanswerable")
    abstained, answered = new_record(item), new_record(item)
    score_answer(item, _answer("文档中没有这个信息", [], abstained=True), abstained)
    score_answer(item, _answer("190件", ["全年共收到提案190件"]), answered)
    assert abstained.ok is True and answered.ok is False
    assert abstained.correct is None and abstained.f1 is None  # no answer metrics on unanswerable


def test_all_groups_answer_needs_every_group() -> None:
    item = GoldItem(id="g", question="RCEP包括哪些国家", answers=["中国", "日本"],
                    answer_groups=[["中国"], ["日本"]], answer_match="all_groups")
    partial, full = new_record(item), new_record(item)
    score_answer(item, _answer("中国", []), partial)
    score_answer(item, _answer("中国、日本", []), full)
    assert partial.correct is False and full.correct is True


def test_evidence_without_answer_strings_means_answerable_but_not_scored_for_accuracy() -> None:
    # retrieval.jsonl has description questions like this: answers [] but evidence given
    item = GoldItem(id="d", question="城北区的智慧政协平台新增了哪些功能？", answers=[],
                    evidence="新增了民意直通车、文史档案、规章制度")
    answered, abstained = new_record(item), new_record(item)
    score_answer(item, _answer("新增了民意直通车、文史档案、规章制度等功能", ["平台新增了民意直通车、文史档案、规章制度"]), answered)
    score_answer(item, _answer("文档中没有找到", [], abstained=True), abstained)
    assert answered.answerable and answered.correct is None and answered.ok is None
    assert answered.citation_recall == 1.0
    assert abstained.ok is False  # abstaining although the documents hold the answer


class _StubRetriever:
    def search(self, question: str, k: int = 5) -> list[Passage]:
        return [_passage(1, "无关"), _passage(2, "全年共收到提案190件")][:k]


class _StubAnswerer:
    """Answers like the pipeline would, except that one question is rejected."""

    retriever = _StubRetriever()

    def ask(self, question: str, *, top_k: int | None = None, llm: str | None = None) -> Answer:
        if "太长" in question:
            from qa.errors import InputError

            raise InputError("the question is 600 characters long; the limit is 500")
        return _answer("190件", ["全年共收到提案190件"])


def test_a_rejected_question_is_recorded_as_an_error_and_the_run_goes_on() -> None:
    from eval.runner import RunConfig, run

    items = [_item(["190件"]), GoldItem(id="q2", question="太长的问题", answers=["190件"], evidence="收到提案190件")]
    records = run(items, _StubAnswerer(), RunConfig(), progress=None)  # type: ignore[arg-type]
    assert records[0].correct is True and records[0].error is None and records[0].hit_rank == 2
    assert records[1].error and "600 characters" in records[1].error
    assert records[1].correct is False and records[1].hit_rank == 2  # retrieval is still measured
