"""What a thing is called, what it was, whose country: news items written for these tests, asked as a user would.
Before: 2023年服贸会的主题 answered the previous fair's theme (上一届服贸会的主题为…), COP28在哪里举行 the next
conference's city (下一届大会将在阿塞拜疆巴库举行), COP28达成了什么共识 "大会达成“阿联酋共识" (cut inside the quotation),
杭州亚运会的吉祥物 "则是“江南忆”…“宸宸" (the copula kept, the last closing mark lost), 穆罕默迪是哪国人 挪威 (the prize
committee's), 2022年诺贝尔和平奖授予了谁 白俄罗斯人权活动人士 (what the laureate is, not his name), 土耳其地震是由什么引发的
"…断层活动引发的" (the question's own verb); 成都大运会和杭州亚运会分别在什么时候开幕 gave 杭州's day for 成都 (…在杭州开幕),
成都大运会什么时候开幕，什么时候闭幕 the opening day once (the rules' close call between the two days of one sentence),
CR450的试验时速和设计运营时速 was cut into nonsense, 神舟十七号在哪里发射，航天员有谁 asked after 神舟's crew."""

from __future__ import annotations

import pytest

from qa.answer.countries import only_countries
from qa.answer.edges import headed, tidy
from qa.answer.intent import split
from qa.answer.namefit import name_after_role
from qa.answer.others import held_elsewhere
from qa.answer.siblings import other_period
from qa.answer.spanfit import quoted
from qa.answer.spans import after_subject
from qa.answer.subject import said_here
from tests.conftest import analysed, candidate_in, wire_fixture

NEWS = {
    "expo.txt": "2023年服贸会在北京开幕\n\n9月2日，2023年中国国际服务贸易交易会在北京开幕，本届服贸会的主题是“开放引领发展，合作共赢未来”。"
                "展会设置综合展和9个专题展，吸引了2400余家企业线下参展。上一届服贸会的主题为“服务合作促发展，绿色创新迎未来”。\n",
    "mascot.txt": "成都大运会吉祥物“蓉宝”受热捧\n\n第31届世界大学生夏季运动会吉祥物“蓉宝”以大熊猫为原型，设计灵感来源于成都大熊猫繁育"
                  "研究基地的大熊猫“芝麻”。杭州亚运会的吉祥物则是“江南忆”组合机器人“琮琮”“莲莲”“宸宸”。\n",
    "quake.txt": "土耳其发生7.8级强震\n\n当地时间2023年2月6日凌晨，土耳其南部靠近叙利亚边境地区发生7.8级地震，震源深度20公里。地震造成土耳其"
                 "和叙利亚两国超过5万人死亡。据专家分析，此次地震是由东安纳托利亚断层活动引发的。\n",
    "cop.txt": "第28届联合国气候变化大会闭幕\n\n2023年12月13日，《联合国气候变化框架公约》第28次缔约方大会（COP28）在阿联酋迪拜闭幕。"
               "大会达成“阿联酋共识”，首次写入“转型脱离化石燃料”的表述。下一届大会将在阿塞拜疆巴库举行。\n",
    "games.txt": "两大综合性运动会相继在中国举办\n\n第31届世界大学生夏季运动会于2023年7月28日在成都开幕，8月8日闭幕。第19届亚运会于"
                 "2023年9月23日在杭州开幕，10月8日闭幕，共设40个大项。\n",
    "peace.txt": "2023年诺贝尔和平奖揭晓\n\n挪威诺贝尔委员会10月6日宣布，将2023年诺贝尔和平奖授予伊朗女权活动人士纳尔吉斯·穆罕默迪，以表彰"
                 "她为反对伊朗女性受压迫和促进人权所作的斗争。2022年和平奖授予了白俄罗斯人权活动人士比亚利亚茨基以及俄罗斯和乌克兰的两个"
                 "人权组织。\n",
}
wire = wire_fixture(NEWS)


def test_the_edition_before_or_after_is_not_asked():
    theme = analysed("2023年服贸会的主题是什么？")
    assert other_period(theme, candidate_in("上一届服贸会的主题为“服务合作促发展，绿色创新迎未来”。", "上一届服贸会的主题为“服务合作"))
    assert not other_period(theme, candidate_in("本届服贸会的主题是“开放引领发展”。", "开放引领发展"))
    where = analysed("COP28在哪里举行？")
    assert other_period(where, candidate_in("下一届大会将在阿塞拜疆巴库举行。", "阿塞拜疆巴库"))
    assert not other_period(analysed("下一届大会将在哪里举行？"), candidate_in("下一届大会将在阿塞拜疆巴库举行。", "阿塞拜疆巴库"))


def test_a_span_into_a_quotation_is_what_it_quotes():
    story = "大会达成“阿联酋共识”，首次写入“转型脱离化石燃料”的表述。"
    assert quoted(candidate_in(story, "大会达成“阿联酋共识")).answer == "阿联酋共识"
    names = "杭州亚运会的吉祥物则是“江南忆”组合机器人“琮琮”“莲莲”“宸宸”。"
    assert quoted(candidate_in(names, "“江南忆”组合机器人“琮琮”“莲莲”“宸宸")).answer == "“江南忆”组合机器人“琮琮”“莲莲”“宸宸”"


def test_the_copula_and_what_the_question_says_are_no_part_of_the_answer():
    text = "杭州亚运会的吉祥物则是“江南忆”组合机器人"
    a, b = tidy(text, text.index("则"), len(text), noun=True)
    assert text[a:b] == "“江南忆”组合机器人"
    mascot = analysed("杭州亚运会的吉祥物是什么？")
    span = candidate_in("杭州亚运会的吉祥物则是“江南忆”组合机器人。", "杭州亚运会的吉祥物则是“江南忆”组合机器人")
    assert after_subject(mascot, span).answer == "“江南忆”组合机器人"
    text = "此次地震是由东安纳托利亚断层活动引发的。"
    at = text.index("东")
    assert headed("土耳其地震是由什么引发的？", text, at, text.index("引发")) == text.index("引发")  # no head noun asked
    assert headed("纳入了什么考核体系？", "纳入州直部门目标考核体系。", 2, 8) == 12  # as before


def test_a_persons_country_is_said_before_the_name():
    story = "挪威诺贝尔委员会10月6日宣布，将2023年诺贝尔和平奖授予伊朗女权活动人士纳尔吉斯·穆罕默迪，以表彰她的斗争。"
    asked = analysed("穆罕默迪是哪国人？")
    found = only_countries(asked.text, asked.terms, [candidate_in(story, "挪威"), candidate_in(story, "伊朗")])
    assert [c.answer for c in found] == ["伊朗"]


def test_who_a_description_is_of_is_the_name_after_it():
    story = "2022年和平奖授予了白俄罗斯人权活动人士比亚利亚茨基以及俄罗斯和乌克兰的两个人权组织。"
    who = analysed("2022年诺贝尔和平奖授予了谁？")
    assert name_after_role(who, candidate_in(story, "白俄罗斯人权活动人士")).answer == "比亚利亚茨基"
    dotted = "将和平奖授予伊朗女权活动人士纳尔吉斯·穆罕默迪，以表彰她。"
    assert name_after_role(who, candidate_in(dotted, "伊朗女权活动人士")).answer == "纳尔吉斯·穆罕默迪"


@pytest.mark.parametrize("question,answer", [
    ("2023年服贸会的主题是什么？", "开放引领发展，合作共赢未来"),  # was 上一届's
    ("COP28在哪里举行？", "阿联酋迪拜"),  # was the next one's 阿塞拜疆巴库
    ("COP28达成了什么共识？", "阿联酋共识"),  # was 大会达成“阿联酋共识
    ("杭州亚运会的吉祥物是什么？", "“江南忆”组合机器人“琮琮”“莲莲”“宸宸”"),  # was 则是“江南忆”…“宸宸
    ("穆罕默迪是哪国人？", "伊朗"),  # was 挪威
    ("2022年诺贝尔和平奖授予了谁？", "比亚利亚茨基"),  # was 白俄罗斯人权活动人士
    ("土耳其地震是由什么引发的？", "东安纳托利亚断层活动"),  # was …引发的
])
def test_what_it_is_called_or_was(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)


def test_an_event_held_elsewhere_is_another_events():
    when = analysed("成都大运会什么时候开幕？")
    hangzhou = "第19届亚运会于2023年9月23日在杭州开幕，10月8日闭幕。"
    assert held_elsewhere(when, candidate_in(hangzhou, "2023年9月23日"))
    assert not held_elsewhere(when, candidate_in("第31届世界大学生夏季运动会于2023年7月28日在成都开幕。", "2023年7月28日"))
    # a venue is no other place (在东安湖体育公园开幕 is no city), and a sentence naming the city asked is its own
    assert not held_elsewhere(when, candidate_in("大运会于2023年7月28日在东安湖体育公园开幕。", "2023年7月28日"))


def test_parts_keep_their_names_and_items_whole():
    assert split("CR450的试验时速和设计运营时速分别是多少？", [], []) == ["CR450的试验时速是多少", "CR450的设计运营时速是多少"]
    assert split("神舟十七号在哪里发射，航天员有谁？", [], [])[1] == "神舟十七号航天员有谁"  # was 神舟航天员有谁
    assert split("爱达·魔都号在哪里命名交付，总吨位是多少？", [], [])[1] == "爱达·魔都号总吨位是多少"


@pytest.mark.parametrize("question,answers", [
    ("成都大运会和杭州亚运会分别在什么时候开幕？", ["2023年7月28日", "2023年9月23日"]),  # was 杭州's day for both
    ("成都大运会什么时候开幕，什么时候闭幕？", ["2023年7月28日", "8月8日"]),  # was the opening day alone
    ("杭州亚运会的开幕时间和闭幕时间是？", ["2023年9月23日", "10月8日"]),
])
def test_each_day_asked_is_its_own(wire, question, answers):
    got = wire.ask(question).answer
    lines = got.splitlines()
    assert len(lines) == 2 and all(a in line for a, line in zip(answers, lines, strict=True)), got


def test_the_day_whose_clause_says_what_happened():
    games = "第31届世界大学生夏季运动会于2023年7月28日在成都开幕，8月8日闭幕。"
    opening, closing = candidate_in(games, "2023年7月28日"), candidate_in(games, "8月8日")
    assert said_here(analysed("成都大运会什么时候闭幕？"), [opening, closing], 0.4)[0] is closing
    assert said_here(analysed("成都大运会什么时候开幕？"), [opening, closing], 0.4)[0] is opening
    # a year is no day: 他参加了哪天的…活动 keeps the day its sentence gives
    visit = "12月1日,大武口区区长刘强(右三)参加2023年重点项目、民生实事和提案办理调研视察活动。"  # a photo caption
    day, year = candidate_in(visit, "12月1日"), candidate_in(visit, "2023年")
    assert said_here(analysed("刘强参加了哪天的重点项目、民生实事和提案办理调研视察活动？"), [day, year], 0.4)[0] is day
