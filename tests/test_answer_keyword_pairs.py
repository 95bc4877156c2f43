"""Two things named side by side in keywords, or asked at once (物理学奖和化学奖的得主, 开幕时间和闭幕时间,
报名人数和录取人数各是多少): each is asked; doings counted together stay one query. The questions are written for
these tests (the way a user asks about news or the bundled reports); none is from an evaluation set."""

from __future__ import annotations

import pytest

from qa.answer.intent import asked, keyword_ask, split
from tests.conftest import wire_fixture


def _parts(question: str, years: list[int]) -> list[str]:
    return [asked(p) for p in split(keyword_ask(question), [], years)]


@pytest.mark.parametrize("question, years, parts", [
    # a prize of two words is cut where its words start (物理学奖, not 理学奖: 理学 is a word too)
    ("2022年诺贝尔物理学奖和化学奖的得主是谁？", [2022], ["2022年诺贝尔物理学奖的得主是谁", "2022年诺贝尔化学奖的得主是谁"]),
    # ...and keywords ask what their question would (得主: who)
    ("2022年诺贝尔物理学奖和化学奖的得主", [2022], ["2022年诺贝尔物理学奖的得主是谁", "2022年诺贝尔化学奖的得主是谁"]),
    ("电影《满江红》的导演和主演", [], ["电影《满江红》的导演是谁", "电影《满江红》的主演是谁"]),
    # one kind of thing of two doings: the time each happens, the number of each
    ("杭州亚运会的开幕时间和闭幕时间", [], ["杭州亚运会的开幕时间", "杭州亚运会的闭幕时间"]),
    ("2023年高考报名人数和录取人数", [2023], ["2023年高考报名人数是多少", "2023年高考录取人数是多少"]),
    # 各 before the ask asks it of each: it is no part of the second item
    ("2023年高考报名人数和录取人数各是多少？", [2023], ["2023年高考报名人数是多少", "2023年高考录取人数是多少"]),
])
def test_two_things_side_by_side_are_each_asked(question, years, parts):
    assert _parts(question, years) == parts


@pytest.mark.parametrize("question", [
    "城北区政协开展集中学习和讲党课的次数",  # doings counted together: one statement holds both
    "城北区政协九届三次会议期间提交和立案的提案数",
    "城北区政协开展集中学习和讲党课次数是多少",  # no item like the second before the 和: not cut at all
])
def test_doings_counted_together_stay_one_query(question):
    assert split(keyword_ask(question), [], []) == [question]


_TEXTS = {
    "asian-games.txt": "赛事新闻\n\n第19届杭州亚运会于2023年9月23日晚在杭州奥体中心体育场开幕，45个国家和地区的运动员参赛。"
                       "经过16天的比赛，第19届杭州亚运会于2023年10月8日晚闭幕，中国代表团获得201枚金牌。\n",
}
wire = wire_fixture(_TEXTS)


def test_keywords_naming_two_times_get_both(wire):
    a = wire.ask("第19届杭州亚运会的开幕时间和闭幕时间")
    assert not a.abstained and "9月23日" in a.answer and "10月8日" in a.answer
    assert a.answer.startswith("1. ")
