"""Tests of eval.metrics against hand-computed expectations."""

from __future__ import annotations

import pytest

from eval.gold import GoldItem
from eval.metrics import (
    AbstentionScores,
    GroupScore,
    LatencySummary,
    abstention_scores,
    answer_correct,
    breakdown,
    char_f1,
    citation_precision,
    citation_recall,
    exact_match,
    first_hit_rank,
    latency_summary,
    mrr_at_k,
    numeric_match,
    recall_at_k,
)


def _item(*answers: str, groups: list[list[str]] | None = None, match: str = "any") -> GoldItem:
    return GoldItem(id="q", question="问", answers=list(answers), answer_groups=groups or [], answer_match=match)  # type: ignore[arg-type]


# ---------------------------------------------------------------- answer_correct


@pytest.mark.parametrize(
    ("prediction", "gold", "expected"),
    [
        ("全年共办理一百九十件。", "190件", True),
        ("共190 件", "190件", True),
        ("共１９０件", "190件", True),
        ("共190件", "一百九十件", True),
        ("共190件", "190", True),
        ("共190件", "19", False),  # number boundary
        ("共190件", "1900", False),
        ("共1900件", "190", False),
        ("满意度达百分之九十六", "96%", True),
        ("满意度达96％", "百分之九十六", True),
        ("满意度达96.5%", "96", False),
        ("资金12.48万元", "124800元", True),
        ("“第一议题”制度", "第一议题", True),
        ("坚定“四个自信”", "四个自信", True),
        ("共190个", "190件", False),  # the unit is part of a string answer
    ],
)
def test_answer_correct(prediction: str, gold: str, expected: bool) -> None:
    assert answer_correct(prediction, _item(gold)) is expected


def test_answer_correct_any_of_several_answers() -> None:
    assert answer_correct("西宁市", _item("海东市", "西宁"))


def test_answer_groups_all_groups_needs_every_group() -> None:
    item = _item("学习26次、31次", groups=[["26次", "二十六次"], ["31次", "三十一次"]], match="all_groups")
    assert answer_correct("分别为二十六次和三十一次", item)
    assert not answer_correct("理论学习二十六次", item)


def test_answer_groups_any_accepts_one_alternative() -> None:
    item = _item("学习26次、31次", groups=[["26次"], ["31次"]], match="any")
    assert answer_correct("31次", item)
    assert not answer_correct("32次", item)


def test_answer_correct_refuses_unanswerable_items() -> None:
    with pytest.raises(ValueError, match="unanswerable"):
        answer_correct("不知道", _item())


# ---------------------------------------------------------------- CMRC 2018 F1 / EM


def test_char_f1_numerals_are_characters_as_in_cmrc() -> None:
    # pred 一 百 九 十 件 (5 tokens), gold 190 件 (2 tokens); common substring 件 (1)
    # P = 1/5, R = 1/2, F1 = 2PR/(P+R) = 0.2/0.7 = 2/7
    assert char_f1("一百九十件", ["190件"]) == pytest.approx(2 / 7)


def test_char_f1_basic_cases() -> None:
    assert char_f1("190件", ["190件"]) == 1.0
    assert char_f1("190 件。", ["190件"]) == 1.0  # whitespace and listed punctuation removed
    assert char_f1("", ["190件"]) == 0.0
    assert char_f1("西宁市", ["西宁"]) == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))  # 0.8
    assert char_f1("Hello World", ["hello"]) == pytest.approx(2 / 3)  # tokens hello, world


def test_char_f1_uses_longest_common_substring_not_subsequence() -> None:
    # 甲乙丙丁 vs 甲丙乙丁: longest common substring 1 (a subsequence would give 3)
    assert char_f1("甲丙乙丁", ["甲乙丙丁"]) == pytest.approx(0.25)


def test_char_f1_takes_the_max_over_gold_answers() -> None:
    assert char_f1("西宁", ["海东", "西宁市", "西宁"]) == 1.0


def test_exact_match_follows_the_official_script() -> None:
    assert exact_match("《西宁》", ["西宁"]) == 1.0
    assert exact_match(" ABC ", ["abc"]) == 1.0
    assert exact_match("西宁市", ["西宁"]) == 0.0
    # official remove_punctuation keeps inner spaces
    assert exact_match("190 件", ["190件"]) == 0.0


def test_f1_and_em_need_gold_answers() -> None:
    with pytest.raises(ValueError):
        char_f1("x", [])
    with pytest.raises(ValueError):
        exact_match("x", [])


# ---------------------------------------------------------------- numeric_match


@pytest.mark.parametrize(
    ("prediction", "golds", "expected"),
    [
        ("一百九十件", ["190件"], True),
        ("１９０ 件", ["190件"], True),
        ("共190", ["190件"], True),  # a bare number matches any unit
        ("190人", ["190件"], False),  # both have units: they must agree
        ("19件", ["190件"], False),
        ("12.48万元", ["124800元"], True),
        ("百分之九十六", ["96%"], True),
        ("5公里", ["5千米"], True),
        ("26次", ["26次和31次"], False),  # every gold quantity must be found
        ("31次、26次", ["26次和31次"], True),
        ("约30人", ["30人", "40人"], True),
        ("没有", ["西宁市"], None),
        ("10月13日", ["10月13日"], None),  # dates are not quantities
    ],
)
def test_numeric_match(prediction: str, golds: list[str], expected: bool | None) -> None:
    assert numeric_match(prediction, golds) is expected


# ---------------------------------------------------------------- retrieval


def test_recall_and_mrr_at_k() -> None:
    ranks = [1, 3, None, 2]
    assert recall_at_k(ranks, 2) == 0.5
    assert recall_at_k(ranks, 3) == 0.75
    assert mrr_at_k(ranks, 2) == pytest.approx((1 + 0 + 0 + 1 / 2) / 4)  # 0.375
    assert mrr_at_k(ranks, 3) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert recall_at_k([], 5) == 0.0 and mrr_at_k([], 5) == 0.0


def test_retrieval_metrics_reject_bad_arguments() -> None:
    with pytest.raises(ValueError):
        recall_at_k([1], 0)
    with pytest.raises(ValueError):
        mrr_at_k([0], 3)


PASSAGES = ["政协工作报告。", "全年办理提案一百九十件，办复率100%。", "办理１９０件提案。"]


def test_first_hit_rank_by_normalised_evidence() -> None:
    assert first_hit_rank(PASSAGES, "办理提案190件") == 2
    assert first_hit_rank(PASSAGES, ["不存在", "190件提案"]) == 3
    assert first_hit_rank(PASSAGES, "19件") is None
    assert first_hit_rank(PASSAGES, "") is None


def test_first_hit_rank_by_positive_doc_ids() -> None:
    ids = ["d1", "d2", "d3"]
    assert first_hit_rank(PASSAGES, [], passage_doc_ids=ids, positive_doc_ids=["d3", "d9"]) == 3
    assert first_hit_rank(PASSAGES, "政协", passage_doc_ids=ids, positive_doc_ids=["d3"]) == 1
    with pytest.raises(ValueError):
        first_hit_rank(PASSAGES, "x", passage_doc_ids=["d1"])


# ---------------------------------------------------------------- citations


def test_citation_precision_and_recall() -> None:
    cited = ["全年办理提案一百九十件，办复率100%。", "政协工作报告。", "开展学习26次"]
    evidence = ["提案190件", "学习２６次", "读书班5期"]
    assert citation_precision(cited, evidence) == pytest.approx(2 / 3)
    assert citation_recall(cited, evidence) == pytest.approx(2 / 3)
    assert citation_precision([], evidence) is None
    assert citation_recall([], evidence) == 0.0
    assert citation_precision(cited, []) is None and citation_recall(cited, []) is None


def test_citation_shorter_than_evidence_does_not_count() -> None:
    assert citation_precision(["提案190件"], ["全年办理提案190件"]) == 0.0


# ---------------------------------------------------------------- abstention


def test_abstention_scores() -> None:
    pairs = [(True, True), (True, False), (False, True), (False, False), (False, False)]
    assert abstention_scores(pairs) == AbstentionScores(
        precision=0.5, recall=0.5, f1=0.5, false_abstention_rate=1 / 3,
        n_unanswerable=2, n_answerable=3, n_abstained=2,
    )  # fmt: skip


def test_abstention_scores_undefined_parts_are_none() -> None:
    never = abstention_scores([(True, False), (False, False)])
    assert (never.precision, never.recall, never.f1, never.false_abstention_rate) == (None, 0.0, None, 0.0)
    all_answerable = abstention_scores([(False, True), (False, False)])
    assert all_answerable.recall is None and all_answerable.precision == 0.0
    assert all_answerable.false_abstention_rate == 0.5
    wrong = abstention_scores([(True, False), (False, True)])
    assert wrong.f1 == 0.0
    empty = abstention_scores([])
    assert empty.n_answerable == empty.n_unanswerable == 0 and empty.f1 is None


# ---------------------------------------------------------------- latency


def test_latency_summary_linear_interpolation() -> None:
    # positions (n-1)*q over sorted [10, 20, 30, 40]: median 1.5 -> 25; p95 2.85 -> 38.5;
    # p99 2.97 -> 39.7
    summary = latency_summary([40, 10, 30, 20])
    assert summary.count == 4 and summary.mean == 25.0 and summary.median == 25.0
    assert summary.p95 == pytest.approx(38.5)
    assert summary.p99 == pytest.approx(39.7)
    assert summary.max == 40.0


def test_latency_summary_odd_length_single_and_empty() -> None:
    assert latency_summary([5, 1, 3]).median == 3.0
    assert latency_summary([7]) == LatencySummary(1, 7.0, 7.0, 7.0, 7.0, 7.0)
    assert latency_summary([]) == LatencySummary(0, None, None, None, None, None)
    with pytest.raises(ValueError):
        latency_summary([1, -2])


def test_latency_summary_agrees_with_numpy() -> None:
    np = pytest.importorskip("numpy")
    values = [12.0, 3.5, 80.0, 41.0, 41.0, 7.25, 150.0, 9.0, 33.0, 64.0, 2.0]
    summary = latency_summary(values)
    assert summary.p95 == pytest.approx(float(np.percentile(values, 95)))
    assert summary.p99 == pytest.approx(float(np.percentile(values, 99)))
    assert summary.median == pytest.approx(float(np.median(values)))


# ---------------------------------------------------------------- breakdown


def test_breakdown_groups_and_ignores_none() -> None:
    result = breakdown([1.0, 0.0, True, None, 0.5, None], ["number", "number", "date", "date", "entity", "other"])
    assert list(result) == ["date", "entity", "number", "other"]
    assert result["number"] == GroupScore(mean=0.5, count=2, missing=0)
    assert result["date"] == GroupScore(mean=1.0, count=1, missing=1)
    assert result["entity"] == GroupScore(mean=0.5, count=1, missing=0)
    assert result["other"] == GroupScore(mean=None, count=0, missing=1)


def test_breakdown_rejects_length_mismatch() -> None:
    with pytest.raises(ValueError):
        breakdown([1.0], ["a", "b"])


def test_comparison_answer_must_name_the_gold_side_first():
    from eval.gold import GoldItem

    item = GoldItem(id="c", question="大武口区政协和城北区政协，哪个收到的提案更多？",
                    answers=["大武口区政协", "大武口"], type="comparison",
                    extra={"orgs": ["大武口区政协", "城北区政协"]})
    assert answer_correct("大武口区政协（190件）多于城北区政协（167件）", item)
    assert not answer_correct("城北区政协（190件）多于大武口区政协（190件）", item)
    assert not answer_correct("城北区政协更多", item)
    # by how much: the difference is the answer, both sides are named either way
    item = GoldItem(id="d", question="监督性视察的次数，城北区政协比西宁市政协多几次？", answers=["4次", "4", "四次"],
                    type="comparison", extra={"orgs": ["城北区政协", "西宁市政协"]})
    assert answer_correct("城北区政协比西宁市政协多4次（7次，3次）", item)
    assert not answer_correct("城北区政协比西宁市政协多3次（7次，4次）", item)  # 4 only in the brackets
    # a bare numeral among the gold forms (四) and sides counted in different units (5项, 1次)
    item = GoldItem(id="e", question="张掖市政协组织的专题数比城北区政协开的次数多几个？", answers=["4", "4个", "四"],
                    type="comparison", extra={"orgs": ["张掖市政协", "城北区政协"]})
    assert answer_correct("张掖市政协比城北区政协多4（5项，1次）", item)
    assert not answer_correct("张掖市政协比城北区政协多1（5项，4次）", item)
