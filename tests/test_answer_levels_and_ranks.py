"""Figures below zero, a player's own points, a rank held in a span, the level a change arrived at: news of the
kind users bring (a basketball game, a cold wave, a bridge opening), written for these tests. Before:
北京最低气温将降至多少度 answered 15摄氏度 (of 零下15摄氏度), 赵继伟得了多少分 answered 周琦's 21分 (then "not
found" once that was known as someone else's), 排名第几 answered 11 (of 11胜1负), and 通车后…要多长时间 the
2小时 a trip took before the bridge."""

from __future__ import annotations

import pytest

from qa.answer.measures import moved_to, start_value
from qa.answer.siblings import other_period
from qa.answer.spanfit import with_rank
from qa.text.normalize import extract_quantities
from tests.conftest import analysed, candidate_in, wire_fixture

GAME = ("CBA常规赛：辽宁队主场击败广东队\n\n12月3日晚，2023-2024赛季CBA常规赛第12轮在沈阳进行，辽宁本钢队以108比96击败广东"
        "华南虎队，取得六连胜。辽宁队后卫赵继伟全场砍下26分和9次助攻，外援莫兰德贡献18分12个篮板。广东队方面，周琦得到21分。"
        "目前辽宁队以11胜1负的战绩排名联赛第二，仅次于上海队。\n")
NEWS = {
    "cba.txt": GAME,
    "weather.txt": "寒潮来袭 北方多地气温骤降\n\n中央气象台12月14日发布寒潮橙色预警。受寒潮影响，14日至16日，华北、黄淮等地"
                   "气温将下降10至14摄氏度，北京16日最低气温将降至零下15摄氏度，创12月同期历史新低。\n",
    "bridge.txt": "深中通道正式通车\n\n2024年6月30日，深中通道正式开通运营。深中通道全长约24公里，总投资约446亿元，建设历时"
                  "7年。通车后，深圳至中山的车程从2小时缩短至30分钟左右。其中，伶仃洋大桥主跨1666米。\n",
}
wire = wire_fixture(NEWS)
TRIP = "通车后，深圳至中山的车程从2小时缩短至30分钟左右。"


def test_a_figure_below_zero_keeps_its_sign():
    assert [(f.text, f.value) for f in extract_quantities("最低气温将降至零下15摄氏度")] == [("零下15摄氏度", -15.0)]
    assert [f.value for f in extract_quantities("气温-15℃，CPI同比负0.5%")] == [-15.0, -0.5]
    # a range's dash, a phone number's and 负责 are no signs
    assert [f.value for f in extract_quantities("2023-2024赛季，电话0951-1234567")] == [2023, 2024, 951, 1234567]
    assert [f.value for f in extract_quantities("负责人3名，11胜1负")] == [3, 11, 1]


def test_a_rank_asked_is_the_rank_the_span_holds():
    span = candidate_in(GAME.split("。")[-2] + "。", "11胜1负的战绩排名联赛第二")
    assert with_rank(analysed("辽宁队目前排名第几？"), span).answer == "第二"
    assert with_rank(analysed("辽宁队赢了多少场？"), span) is span  # no rank asked: as it was


def test_the_level_asked_is_where_a_change_arrived():
    start = candidate_in(TRIP, "2小时")
    assert moved_to(analysed("通车后深圳到中山要多长时间？"), start).answer == "30分钟左右"
    assert moved_to(analysed("深圳到中山要多长时间？"), candidate_in(TRIP, "2小时缩短至30分钟")).answer == "30分钟左右"
    assert not start_value(analysed("通车前深圳到中山要多长时间？"), start)  # the level before was asked
    assert not start_value(analysed("原来深圳到中山要多长时间？"), start)
    assert not start_value(analysed("车程缩短了多少？"), start)  # a change asked: neither level


@pytest.mark.parametrize("question,answer", [
    ("北京16日最低气温将降至多少度？", "零下15摄氏度"),
    ("赵继伟得了多少分？", "26分"),
    ("周琦得了多少分？", "21分"),
    ("辽宁队目前排名第几？", "第二"),
    ("通车后深圳到中山要多长时间？", "30分钟左右"),
    ("通车前深圳到中山要多长时间？", "2小时"),
])
def test_news_figures_are_the_ones_asked(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)


VOTE = ("民进党候选人赖清德以558万6019票、40.05%的得票率当选，国民党候选人侯友宜获得467万1021票，得票率33.49%，"
        "民众党候选人柯文哲获得369万466票，得票率26.46%。")
MORE_NEWS = {
    "election.txt": "台湾地区领导人选举结果揭晓\n\n2024年1月13日，台湾地区领导人选举投票结束。" + VOTE
                    + "本次选举投票率为71.86%，低于上届的74.9%。\n",
    "phone.txt": "华为发布Mate 60 Pro\n\n2023年8月29日，华为在官方商城上架Mate 60 Pro手机，售价6999元起。该机搭载麒麟9000S芯片，"
                 "支持卫星通话功能，电池容量为5000毫安时，重量约225克。首批备货约100万台。\n",
    "quake.txt": "甘肃积石山县发生6.2级地震\n\n2023年12月18日23时59分，甘肃临夏州积石山县发生6.2级地震，震源深度10千米。截至"
                 "12月22日，地震已造成甘肃省117人遇难、青海省34人遇难，受伤群众980余人。\n",
}
more = wire_fixture(MORE_NEWS)


def test_a_count_of_wan_and_its_lower_places_is_one_figure():
    assert [(f.text, f.value, f.unit) for f in extract_quantities("侯友宜获得467万1021票")] == [
        ("467万1021票", 4671021.0, "票")]
    assert [f.value for f in extract_quantities("1亿2000万人，3万5千人")] == [120000000, 35000]
    assert [f.value for f in extract_quantities("增长3万，5千人")] == [30000, 5000]  # apart: two figures


@pytest.mark.parametrize("question,answer", [
    ("赖清德的得票率是多少？", "40.05%"),  # the figure's own clause names no one: the name before it does
    ("侯友宜的得票率是多少？", "33.49%"),
    ("侯友宜得了多少票？", "467万1021票"),
    ("Mate 60 Pro电池容量多大？", "5000毫安时"),  # a capacity, no area; asked in Chinese
    ("地震造成多少人受伤？", "980余人"),  # 受伤 says which figure of the sentence
    ("上届选举投票率是多少？", "74.9%"),  # the reader reads 本次's 71.86%: another of the sentence's figures
    ("本次选举投票率是多少？", "71.86%"),
])
def test_whose_figure_and_which_measure(more, question, answer):
    got = more.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)


def test_the_one_before_is_asked_by_its_own_clause():
    turnout = "本次选举投票率为71.86%，低于上届的74.9%。"
    assert other_period(analysed("上届选举投票率是多少？"), candidate_in(turnout, "71.86%"))
    assert not other_period(analysed("上届选举投票率是多少？"), candidate_in(turnout, "74.9%"))
    assert not other_period(analysed("本次选举投票率比上届低多少？"), candidate_in(turnout, "71.86%"))  # 比上届: a base


def test_a_weight_asked_is_no_price(more):
    got = more.ask("Mate 60 Pro有多重？")  # the reader reads 6999元起; a price is no weight
    assert got.abstained or got.answer == "约225克", got.answer
