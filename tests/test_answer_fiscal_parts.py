"""A year's figure and a quarter's: news items written for these tests (stop 55's probe). Before (stop 54's code):
苹果2023财年营收是多少 and 苹果2023财年第四季度营收是多少 both answered "the documents disagree" between the fiscal year's
3832.85亿美元 and the fourth fiscal quarter's 895亿美元 (第四财季 was no quarter to the period rules), the year's first;
now the year's alone, and for the quarter both, still (which is the quarter's is shown, not chosen)."""

from __future__ import annotations

import pytest

from qa.answer.siblings import period_of
from qa.text.normalize import normalize_for_match
from qa.text.periods import parts_of_year
from tests.conftest import candidate_in, wire_fixture

NEWS = {
    "apple.txt": "苹果公布2023财年业绩\n\n苹果公司发布的财报显示，2023财年营收为3832.85亿美元，同比下降3%；净利润为969.95亿美元，"
                 "同比下降3%。\n",
    "apple_q4.txt": "苹果公布2023财年第四季度财报\n\n苹果公司公布截至2023年9月30日的2023财年第四财季财报，营收为895亿美元，"
                    "同比下降1%；净利润为229.56亿美元，同比增长11%。\n",
}
wire = wire_fixture(NEWS)


@pytest.mark.parametrize("question, answer", [
    ("苹果2023财年营收是多少", "3832.85亿美元"),  # the year's: the quarter's is no rival
    ("What was Apple's revenue in fiscal 2023?", "3832.85亿美元"),
])
def test_the_year_asked_is_not_disputed_by_a_quarter(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and answer in got.answer, got.answer
    assert "说法不一" not in got.answer and "disagree" not in got.answer


def test_the_quarter_asked_is_shown(wire):
    got = wire.ask("苹果2023财年第四季度营收是多少")  # the quarter's figure, beside the year's if both are read
    assert not got.abstained and "895亿美元" in got.answer, got.answer


def test_a_fiscal_quarter_is_a_quarter():
    assert parts_of_year(normalize_for_match("2023财年第四财季财报")) == {"q4"}
    text = "苹果公司公布截至2023年9月30日的2023财年第四财季财报，营收为895亿美元。"
    assert period_of(candidate_in(text, "895亿美元")) == {"q4"}  # said of the quarter before the figure
    assert period_of(candidate_in("2023年全年销量302万辆，其中第四季度销量94万辆。", "302万辆")) == set()
