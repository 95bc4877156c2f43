"""Two things joined by 和 and asked one thing without 分别 or 各是: the question of each, and the joins that ask
one thing of both together. The questions are written for these tests (the way a user asks about news); none is
from an evaluation set."""

from __future__ import annotations

import pytest

from qa.answer.intent import split
from tests.conftest import wire_fixture


@pytest.mark.parametrize("question, years, parts", [
    # the ask after both, at 是
    ("卡塔尔世界杯决赛的比分和冠军是什么？", [], ["卡塔尔世界杯决赛的比分是什么", "卡塔尔世界杯决赛的冠军是什么"]),
    ("2023年中国GDP增速和CPI涨幅是多少？", [2023], ["2023年中国GDP增速是多少", "2023年中国CPI涨幅是多少"]),
    # ...after 的, 在 or a year
    ("特斯拉Model Y和Model 3的起售价是多少？", [], ["特斯拉Model Y的起售价是多少", "特斯拉Model 3的起售价是多少"]),
    ("杭州亚运会和成都大运会在什么时候开幕？", [], ["杭州亚运会在什么时候开幕", "成都大运会在什么时候开幕"]),
    ("梅西和C罗2022年世界杯各进了几个球？", [2022], ["梅西2022年世界杯进了几个球", "C罗2022年世界杯进了几个球"]),
    # who, before both
    ("谁获得了2023年澳网男单和女单冠军？", [2023], ["谁获得了2023年澳网男单冠军", "谁获得了2023年澳网女单冠军"]),
    # an ordinal's thing is the first's too: 第一届进博会, not 第一届
    ("第一届和第二届进博会的成交额各是多少？", [], ["第一届进博会的成交额是多少", "第二届进博会的成交额是多少"]),
])
def test_two_things_joined_are_each_asked(question, years, parts):
    assert split(question, [], years) == parts


@pytest.mark.parametrize("question", [
    "中国和美国签署了什么协议？",  # done together
    "连接拉萨和林芝的铁路全长多少公里？",  # what joins the two
    "2023年上半年中国与东盟的贸易额是多少？",  # between the two
    "7月31日和熊丽一同前往现场的村主任叫什么名字？",  # 和 as "with"
    "城北区政协打造了几个委员驿站和委员工作室？",  # how many of both: one count
    "市政协“太和夜话”协商议事品牌是哪一年推出的？",  # a 和 inside a quoted name
    "张掖市政协不断丰富拓展和固化提升的工作模式是什么？",  # two doings of one thing
    "什么时候开始，中国和俄罗斯境内的赫哲族受到了汉化？",  # the ask in another clause
    "北京和上海哪个城市的常住人口更多？",  # a comparison
    "2023年春节档票房冠军和亚军是哪两部电影？",  # asks for both at once
    "篮球和排球的区别是什么？",  # what sets them apart
    "京津冀中的北京和天津合称什么？",  # one name of both
    "营收规模和客户规模最大的是哪一家公司？",  # which one has both
    "获得了多少名委员和群众的支持？",  # how many of two kinds: one count
])
def test_one_thing_asked_of_both_stays_whole(question):
    assert split(question, [], []) == [question]


def test_a_model_number_stays_with_its_name_in_a_later_part():
    """iPhone 15何时发布，售价多少: the second part is iPhone 15's price, not iPhone's."""
    assert split("iPhone 15何时发布，售价多少？", [], []) == ["iPhone 15何时发布", "iPhone 15售价多少"]


def test_a_score_of_two_sides_is_one_thing():
    """车江一村和忠诚村…总比分: the match's score, not each village's."""
    assert split("贵州村超决赛中，车江一村和忠诚村的总比分是多少？", [], []) == ["贵州村超决赛中，车江一村和忠诚村的总比分是多少？"]


_TEXTS = {
    "shenzhen.txt": "深圳新闻\n\n华为和中兴是中国两家通信设备企业，华为和中兴的总部都位于深圳市。两家企业去年的研发投入都超过了百亿元。\n",
    "hangzhou.txt": "赛事新闻\n\n第19届杭州亚运会于2023年9月23日晚在杭州奥体中心体育场开幕，45个国家和地区的运动员参赛。\n",
    "chengdu.txt": "大运会新闻\n\n第31届成都大运会于2023年7月28日晚在成都东安湖体育公园开幕，113个国家和地区的运动员参赛。\n",
}
wire = wire_fixture(_TEXTS)


def test_two_parts_answered_by_the_same_words_are_answered_once(wire):
    """Both parts read 深圳市 in one sentence: one answer, not a numbered line per part."""
    question = "华为和中兴的总部在什么城市？"
    assert len(split(question, [], [])) == 2
    a = wire.ask(question)
    assert not a.abstained and a.answer == "深圳市" and len(a.citations) == 1


def test_two_parts_answered_apart_are_answered_each(wire):
    a = wire.ask("杭州亚运会和成都大运会在什么时候开幕？")
    assert not a.abstained and "9月23日" in a.answer and "7月28日" in a.answer
    assert a.answer.startswith("1. ")


@pytest.mark.parametrize("question, years, parts", [
    # a later part with its own subject happens at the event the first part names
    ("2023年世界游泳锦标赛在哪里举行，中国队获得几枚金牌？", [2023],
     ["2023年世界游泳锦标赛在哪里举行", "2023年世界游泳锦标赛中国队获得几枚金牌"]),
    # ...unless it asks again (又) of another thing
    ("世界和平论坛创办于哪一年，大英博物馆又是哪一年开放的？", [],
     ["世界和平论坛创办于哪一年", "大英博物馆又是哪一年开放的"]),
    # a tally (一共有多少) is the first part's ask, not the setting a later part shares
    ("成都大运会一共有多少名运动员参赛，武术男子刀术金牌被哪位中国选手夺得？", [],
     ["成都大运会一共有多少名运动员参赛", "成都大运会武术男子刀术金牌被哪位中国选手夺得"]),
])
def test_a_later_part_keeps_the_first_parts_event(question, years, parts):
    assert split(question, [], years) == parts
