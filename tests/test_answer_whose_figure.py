"""A figure said of another company in the asked company's story is not its figure: 本田中国…销量 asked, a
Honda story giving 比亚迪's sales for contrast (比如比亚迪7月份的销量为262161辆) answered with them. News items
written for this test; the stretch between commas before the figure names who it belongs to."""

from __future__ import annotations

import pytest

from qa.answer import subject
from tests.conftest import analysed, candidate_in, wire_fixture

OWN = "本田中国近日公布了2023年7月的汽车销量数据，显示其在中国的汽车销量为89691辆，同比下降32.8%。"
OTHER = "相反，国产车企的销量却在增长，比如比亚迪7月份的销量为262161辆，同比增加61%。"
NEWS = {
    "本田.txt": "# 本田7月在华销量下降\n\n" + OWN + OTHER + "\n",
    "天气.txt": "# 本周天气\n\n本周全省以晴为主，最高气温35摄氏度。\n",
}
wire = wire_fixture(NEWS)


@pytest.mark.parametrize("text, figure, elsewhere", [
    (OTHER, "262161辆", True),  # 比如比亚迪7月份的销量为…: 比亚迪's
    (OWN, "89691辆", False),  # 显示其在中国的汽车销量为…: its own (其), though the stretch names no company
])
def test_a_figure_said_of_another_company_is_someone_elses(text, figure, elsewhere):
    q = analysed("本田中国2023年7月在华销量是多少？")
    assert subject.elsewhere(q, candidate_in(text, figure), OWN + OTHER) is elsewhere


def test_a_question_naming_no_company_keeps_every_figure():
    q = analysed("2023年7月国产车企的销量是多少？")
    assert not subject.elsewhere(q, candidate_in(OTHER, "262161辆"), OWN + OTHER)


def test_a_stretch_naming_the_asked_company_keeps_its_figure():
    text = "据悉，比亚迪7月份的销量为262161辆，同比增加61%。"
    q = analysed("比亚迪7月份的销量是多少？")
    assert not subject.elsewhere(q, candidate_in(text, "262161辆"), text)


def test_the_asked_companys_figure_is_answered_never_the_other_ones(wire):
    a = wire.ask("本田中国2023年7月在华销量是多少？")
    assert "262161" not in a.answer, a.answer
    assert a.abstained or "89691辆" in a.answer, a.answer


def test_a_quoted_topic_or_a_body_the_question_names_is_no_one_else():
    from qa.answer.entities import Entity

    topic = "围绕“铸牢中华民族共同体意识”“提升农业产业体系现代化水平”开展监督性视察3次。"
    q = analysed("西宁市政协开展了几次监督性视察？")
    q.entities.append(Entity("西宁市", "name"))  # a part's subject (qa.answer.multipart.subjects)
    assert not subject.elsewhere(q, candidate_in(topic, "3次"), topic)
    bodies = "召开政协常委会、党组会、党组理论学习中心组会议30余次。"  # jieba: 政协常委会, 党组会 (nt)
    q = analysed("大武口政协学习贯彻中共二十大精神，常委会、党组会、党组理论学习中心组会议加起来开了多少次？")
    assert not subject.elsewhere(q, candidate_in(bodies, "30余次"), bodies)


def test_a_figure_far_from_the_quoted_event_is_its_own_when_its_sentence_names_the_place_asked():
    """A story names its “村超” once, at the top; the score three sentences on names the village asked of."""
    lead = "贵州榕江“村超”总决赛29日晚落幕。数万名观众到场观赛。"
    score = "当晚，榕江车江一村和忠诚村在90分钟内以2：2战平。"
    q = analysed("贵州“村超”决赛中，车江一村和忠诚村90分钟内踢成几比几？")
    assert not subject.elsewhere(q, candidate_in(score, "2：2"), lead + score)
    other = "当晚，另一场比赛的两队在90分钟内以1：1战平。"  # naming nothing asked: far from “村超”, someone else's
    assert subject.elsewhere(q, candidate_in(other, "1：1"), lead + other)
