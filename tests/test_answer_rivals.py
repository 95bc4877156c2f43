"""Figures of the measure asked from another story: news items written for these tests, asked as a user would.
Before: 2024年高考报名人数比上年增加多少 answered "the documents disagree" with the level 1342万人 from another story
(a rival figure from another document was taken from the rules' ranking without the checks the answer passed)."""

from __future__ import annotations

from tests.conftest import wire_fixture

NEWS = {
    "gaokao.txt": "2024年高考报名人数达1342万\n\n教育部公布，2024年全国高考报名人数为1342万人，比上年增加51万人。2023年高考报名人数为"
                  "1291万人。今年高考于6月7日开始。\n",
    "college.txt": "2024年高考报名人数达1342万\n\n教育部消息，2024年全国高考报名人数为1342万人，比上年增加51万人，再创历史新高。"
                   "2023年高考报名人数为1291万人。\n",
}
wire = wire_fixture(NEWS)


def test_a_rival_from_another_story_must_be_of_the_measure_asked(wire):
    got = wire.ask("2024年高考报名人数比上年增加多少？")  # was "the documents disagree": 51万人 or 1342万人
    assert not got.abstained and got.answer == "51万人", got.answer
    assert wire.ask("2024年全国高考报名人数是多少？").answer == "1342万人"  # the level, where it is asked
