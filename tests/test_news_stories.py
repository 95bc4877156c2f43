"""A story is about what its opening names: a figure paragraphs after a quoted name is still the named
thing's. The items are written for these tests; eval/gold/news-int.jsonl measures the same on real news."""

from __future__ import annotations

from tests.conftest import wire_fixture

NEWS = {
    "村赛.txt": "2023-07-30 08:00\n\n新华社滨海7月30日电 历时3个月的“星河杯”乡村足球赛29日晚落幕。数万名观众到场观看了比赛。"
              "决赛在东村队和西村队之间进行，双方都派出了最强阵容。当晚，两队在90分钟内以1：1战平，经过点球大战，"
              "东村队以总比分5：4获胜，夺得冠军。\n",
    "年报.txt": "2023-03-01 09:00\n\n滨海市政协2022年工作报告\n\n" + "一年来，市政协坚持围绕中心、服务大局，履职尽责。" * 6
              + "委员们开展“书香政协”读书活动。各专委会加强了与界别的联系。机关完善了各项制度。"
              "全年组织委员视察调研12次，提出意见建议40条。\n",
}

wire = wire_fixture(NEWS)


def test_a_figure_far_from_the_name_the_story_opens_with_is_about_it(wire):
    # the score is given three sentences after “星河杯” is named: the story is about it
    a = wire.ask("“星河杯”决赛的总比分是多少？")
    assert not a.abstained and "5：4" in a.answer, a.answer


def test_a_figure_far_from_a_name_said_in_passing_is_not_about_it(wire):
    # “书香政协” is named once, mid-report; the visits three sentences on are the whole year's
    a = wire.ask("“书香政协”读书活动组织委员视察调研多少次？")
    assert "12次" not in a.answer, a.answer

