"""A foreign name the question asks about (格雷格, 科斯塔) must be in the answer's document: two short sports
items written for this test, each with a result in its own measure, and questions naming someone neither
mentions, whose figure must not come from the other athlete's story."""

from __future__ import annotations

import pytest

from qa.answer.entities import named_entities
from qa.answer.names import foreign_names
from tests.conftest import answerer_over

NEWS = {
    "举重.txt": "# 举重世锦赛男子102公斤级决赛\n\n男子102公斤级决赛中，选手刘浩以总成绩383公斤夺得冠军。\n",
    "自行车.txt": "# 公路自行车赛落幕\n\n本届运动会公路自行车赛昨日落幕，比利时选手格雷格以6小时10分5秒的成绩夺冠。\n",
}


@pytest.mark.parametrize("question, names", [
    ("里约奥运会公路自行车赛格雷格的夺冠成绩是多少", ["格雷格"]),
    ("女子50米步枪三姿决赛中佩契奇的成绩是多少环？", ["佩契奇"]),  # jieba cuts 中佩契奇
    ("本届运动会上波加查的夺冠成绩是多少？", ["波加查"]),  # and 上波|加查
    ("哈兰德本赛季进了多少球", ["哈兰德"]),  # not 哈兰德本: 本 is 本赛季's
    ("马拉松比赛冠军是谁", ["马拉松"]),  # not 马拉松比: 比 is 比赛's
    ("东南亚国家联盟成立于哪一年", []),  # a common word spelt with the same characters
    ("连续三年获得冠军的是哪支球队", []),
    ("2023年城北区政协收到提案多少件", []),
])
def test_foreign_names_are_found_whole_and_only_them(question, names):
    assert [question[a:b] for a, b in foreign_names(question)] == names


def test_a_foreign_name_is_an_entity_of_the_question():
    assert [e.text for e in named_entities("公路自行车赛格雷格的夺冠成绩是多少？")] == ["格雷格"]


@pytest.fixture(scope="module")
def sports(e5, tmp_path_factory):
    return answerer_over(NEWS, tmp_path_factory.mktemp("sports"), e5)


@pytest.mark.parametrize("question, expected", [
    ("公路自行车赛格雷格的夺冠成绩是多少？", "6小时10分5秒"),
    ("男子102公斤级决赛中刘浩的总成绩是多少？", "383公斤"),
])
def test_the_named_athletes_result_is_answered(sports, question, expected):
    a = sports.ask(question)
    assert not a.abstained and expected in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "男子102公斤级决赛中科斯塔的总成绩是多少？",  # 383公斤 is 刘浩's
    "本届运动会上波加查的夺冠成绩是多少？",  # 6小时10分5秒 is 格雷格's
])
def test_someone_no_document_names_gets_no_answer(sports, question):
    a = sports.ask(question)
    assert a.abstained, a.answer
