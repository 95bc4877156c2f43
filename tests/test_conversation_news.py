"""Follow-ups over news, whose questions name no organisation: the fragment takes the place of the previous
question's word of its kind (京东 for 腾讯, 中国队 for 美国队, 6月份 for 7月份, 净利润 for 收入), and a question
that asks its own follow-up (京东第二季度收入是多少？净利润呢？) is answered as two. Written for these tests."""

from __future__ import annotations

import pytest

from qa.answer.question import analyse
from qa.conversation.followup import inline_follow_up
from qa.conversation.peers import peer_replaced
from qa.conversation.rewrite import standalone
from qa.conversation.turns import Turn
from qa.lexicon import EMPTY
from qa.text.tokenize import Tokenizer
from tests.conftest import wire_fixture


def _analyse(text: str):
    return analyse(text, [], Tokenizer().words, EMPTY)


@pytest.mark.parametrize("before, fragment, after", [
    ("腾讯2023年第二季度营收多少？", "京东呢？", "京东2023年第二季度营收多少？"),
    ("2023年布达佩斯田径世锦赛美国队获得多少枚金牌？", "那中国队呢？", "2023年布达佩斯田径世锦赛中国队获得多少枚金牌？"),
    ("7月份全国城镇调查失业率是多少？", "6月份呢？", "6月份全国城镇调查失业率是多少？"),
    ("特斯拉2023年第二季度交付量是多少？", "第三季度呢？", "特斯拉2023年第三季度交付量是多少？"),
    ("京东第二季度收入是多少？", "净利润呢？", "京东第二季度净利润是多少？"),
    # a word for the word that ends as it does (was 沪指深证成指多少点, 清华2023年本科招生专项计划多少人)
    ("沪指收盘报多少点？", "深证成指呢？", "深证成指收盘报多少点？"),
    ("清华2023年本科招生计划多少人？", "专项计划呢？", "清华2023年专项计划多少人？"),
])
def test_a_news_follow_up_changes_the_word_of_its_kind(before, fragment, after):
    assert standalone(fragment, [Turn(question=before)], _analyse) == after


def test_nothing_of_its_kind_is_no_rewrite():
    assert peer_replaced("今年夏天热不热？", "6月份") is None


def test_a_question_with_its_own_follow_up_becomes_two_questions():
    assert inline_follow_up("京东第二季度收入是多少？净利润呢？", _analyse) == "京东第二季度收入是多少？京东第二季度净利润是多少？"
    assert inline_follow_up("京东第二季度收入是多少？", _analyse) is None


wire = wire_fixture({
    "earnings.txt": "财经新闻\n\n京东集团8月16日公布第二季度业绩，收入为2879亿元，同比增长7.6%，净利润为62亿元。\n",
    "weather.txt": "天气新闻\n\n本周全省以晴为主，最高气温35摄氏度。\n",
})


def test_both_questions_are_answered(wire):
    a = wire.ask("京东第二季度收入是多少？净利润呢？")
    assert "2879亿元" in a.answer and "62亿元" in a.answer
    assert a.standalone_question == "京东第二季度收入是多少？京东第二季度净利润是多少？"
