"""A figure of another kind than the amount asked is no answer, from the rules or the reader: a length of
time for a volume or a sum, no money for a price, a sum in 万 or 亿 for a share's price (news-fresh answered
广发证券's 收盘价 with 主力资金净买入3773.34万元, and a mouse's 售价 with its 4000Hz polling rate)."""

from __future__ import annotations

import pytest

from qa.answer.siblings import not_asked
from tests.conftest import analysed, candidate_in, wire_fixture


@pytest.mark.parametrize("question, text, answer, asked", [
    ("星河汽车2023年7月销量是多少？", "星河汽车已连续6个月同比正增长。", "6个月", False),
    ("星河国8月石油出口收入是多少？", "星河国前8个月石油出口收入同比下降。", "8个月", False),
    ("这项工程工期多少天？", "这项工程工期为120天。", "120天", True),  # a duration asked
    ("星河鼠标售价又是多少？", "星河鼠标支持4000Hz回报率。", "4000Hz", False),
    ("星河汽车售价是多少？", "星河汽车售价为25.98万元。", "25.98万元", True),  # a car costs 万
    ("星河证券7月27日的收盘价是多少？", "当日主力资金净买入3773.34万元。", "3773.34万元", False),
    ("星河证券7月27日的收盘价是多少？", "星河证券报收于15.2元。", "15.2元", True),
    ("星河指数收盘价是多少点？", "星河指数报收于3276.78点。", "3276.78点", True),  # an index closes in 点
])
def test_a_figure_of_another_kind_than_the_amount_asked_is_no_answer(question, text, answer, asked):
    assert not_asked(analysed(question), candidate_in(text, answer)) is not asked


NEWS = {
    "股市.txt": "2023-07-27 18:00\n\n7月27日，星河证券报收于15.2元，上涨2.1%。当日主力资金净买入3773.34万元，"
              "游资资金净卖出1200万元。\n",
    "鼠标.txt": "2023-08-02 10:00\n\n星河鼠标采用镁合金外壳，支持4000Hz回报率，首发售价为999元。\n",
}
wire = wire_fixture(NEWS)


def test_a_share_price_is_never_a_sum_of_money_flowing(wire):
    a = wire.ask("星河证券7月27日的收盘价是多少？")
    assert "15.2元" in a.answer and "万元" not in a.answer, a.answer


def test_a_price_is_answered_in_money(wire):
    a = wire.ask("星河鼠标的售价是多少？")
    assert "999元" in a.answer and "4000" not in a.answer, a.answer
