"""Figures of the period and the measure asked: news items written for these tests, asked as a user would. Before:
苹果2023财年第四季度营收 was "the documents disagree" with the whole fiscal year's 3832.85亿美元 from another story,
2024年高考报名人数比上年增加多少 disagreed with the level 1342万人 from another story, 苹果服务营收 answered iPhone's
438.05亿美元 (jieba cut 营|收为, so the measure was never read)."""

from __future__ import annotations

import pytest

from qa.answer.measures import sibling_measure, tagged
from qa.answer.question import analyse
from qa.answer.siblings import other_period
from qa.lexicon import EMPTY
from qa.text.tokenize import Tokenizer
from tests.conftest import candidate_in, wire_fixture

NEWS = {
    "apple_q4.txt": "苹果公布2023财年第四季度财报\n\n苹果公司公布截至2023年9月30日的2023财年第四财季财报，营收为895亿美元，同比下降1%；"
                    "净利润为229.56亿美元，同比增长11%。其中iPhone营收为438.05亿美元，服务营收创下223.1亿美元的纪录。\n",
    "apple_year.txt": "苹果公布2023财年业绩\n\n苹果公司发布的财报显示，2023财年营收为3832.85亿美元，同比下降3%；净利润为969.95亿美元，"
                      "同比下降3%。其中iPhone业务营收2005.83亿美元。\n",
    "gaokao.txt": "2024年高考报名人数达1342万\n\n教育部公布，2024年全国高考报名人数为1342万人，比上年增加51万人。2023年高考报名人数为"
                  "1291万人。\n",
    "college.txt": "高考报名人数再创新高\n\n教育部消息，2024年全国高考报名人数为1342万人，再创历史新高。\n",
}
wire = wire_fixture(NEWS)


def _q(text: str):
    return analyse(text, [], Tokenizer().words, EMPTY)


def test_a_whole_years_figure_is_no_quarters():
    q4 = _q("苹果2023财年第四季度营收是多少？")
    assert other_period(q4, candidate_in("苹果公司发布的财报显示，2023财年营收为3832.85亿美元。", "3832.85亿美元"))
    assert not other_period(q4, candidate_in("苹果公司公布2023财年第四财季财报，营收为895亿美元。", "895亿美元"))


def test_revenue_is_one_word():
    _q("苹果服务营收是多少？")  # (the question is analysed first, as every question is)
    assert ("营收", "n") in tagged("其中iphone营收为438.05亿美元")  # jieba's own dictionary: 营 | 收为
    services = _q("苹果服务营收是多少？")
    story = "其中iPhone营收为438.05亿美元，服务营收创下223.1亿美元的纪录。"
    assert sibling_measure(services, candidate_in(story, "438.05亿美元"))


@pytest.mark.parametrize("question,answer", [
    ("苹果2023财年第四季度营收是多少？", "895亿美元"),  # was "the documents disagree" with the fiscal year's
    ("2024年高考报名人数比上年增加多少？", "51万人"),  # was "the documents disagree" with the level
    ("苹果服务营收是多少？", "223.1亿美元"),  # was iPhone's 438.05亿美元
])
def test_the_period_and_measure_asked(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)
