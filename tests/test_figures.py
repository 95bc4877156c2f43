"""Figures quoted as written: a race time is one figure, a number inside a code is none. The news
items are written for these tests; eval/gold/news-fresh.jsonl measures the same on real news."""

from __future__ import annotations

import pytest

from qa.text.figures import figures
from tests.conftest import wire_fixture


@pytest.mark.parametrize("text, quoted, seconds", [
    ("吕秀芝以1小时25分12秒的成绩夺冠", "1小时25分12秒", 5112.0),
    ("覃海洋以2分05秒48的成绩打破世界纪录", "2分05秒48", 125.48),
    ("全程2小时30分钟", "2小时30分钟", 9000.0),
])
def test_a_time_in_several_units_is_one_figure(text, quoted, seconds):
    found = figures(text)
    assert [(q.text, q.value, q.unit) for q in found] == [(quoted, seconds, "秒")]


def test_a_time_in_one_unit_stays_as_it_is():
    assert [(q.text, q.unit) for q in figures("用时12秒，历时3小时")] == [("12秒", "秒"), ("3小时", "小时")]


@pytest.mark.parametrize("text, left", [
    ("首发列车G2963次从成都东站开出", []),  # a train, not 2963 times
    ("Redmi K60至尊版首销起售价2599元", ["2599元"]),  # a model's name, then its price
    ("5G基站达到300个", ["300个"]),  # no five of anything
])
def test_a_number_written_into_a_code_counts_nothing(text, left):
    assert [q.text for q in figures(text)] == left


@pytest.mark.parametrize("text, left", [
    ("王伟莹以358.20分的总成绩获得冠军", [("358.20分", "分")]),  # a dive's points, before: 358.20
    ("这部电影豆瓣评分9.2分", [("9.2分", "分")]),
    ("台风于9时55分登陆", [("9", ""), ("55", "")]),  # a time of day: no points
    ("比赛进行到第30分钟，约三分之一的观众离场", []),
    ("全体委员分3组开展调研", [("3组", "组")]),
])
def test_points_are_quoted_with_their_fen(text, left):
    assert [(q.text, q.unit) for q in figures(text)] == left


NEWS = {
    "竞走.txt": "2023-08-20 09:00\n\n在女子20公里竞走比赛中，吕秀芝以1小时25分12秒的成绩夺冠，"
              "切阳什姐以1小时25分16秒获得亚军，两人最后5公里一直并肩前行。\n",
    "高铁.txt": "2023-08-08 08:00\n\n8月8日7时，蓉港高铁首发列车G2963次从成都东站开出，"
              "全程运行约7小时，较此前缩短了1个多小时。\n",
    "跳水.txt": "2023-08-03 18:00\n\n成都大运会跳水女子10米跳台决赛中，王伟莹以358.20分的总成绩获得冠军，"
              "张蕊以337.95分获得亚军。\n",
    "国葬.txt": "2023-08-07 10:00\n\n关于去年9月举行的日本前首相安倍晋三的国葬，日本内阁府公开了受邀者名单。"
              "文件显示，日本政府寄送国葬邀请函的受邀者有6175人，其中3436人出席。\n",
}


wire = wire_fixture(NEWS)


@pytest.mark.parametrize("question, expected", [
    ("吕秀芝女子20公里竞走的夺冠成绩是多少？", "1小时25分12秒"),  # before: 12秒
    ("蓉港高铁首发列车的车次是多少？", "G2963次"),  # before: 2963次
    ("女子10米跳台决赛王伟莹的总成绩是多少？", "358.20分"),  # before: 358.20
    ("张蕊在女子10米跳台决赛得了多少分？", "337.95分"),  # whose figure: the clause that names her
    ("女子10米跳台决赛王伟莹得了多少分？", "358.20分"),
    ("安倍晋三的国葬实际出席的有多少人？", "3436人"),  # a person named for context moves no figure
])
def test_figures_are_answered_as_written(wire, question, expected):
    a = wire.ask(question)
    assert not a.abstained and expected in a.answer, a.answer
