"""Scores, stock codes, flights counted in 架次, another measure of one kind, and two stories asked at
once. The news items are written for these tests; eval/gold/news-fresh.jsonl measures the same on
real news."""

from __future__ import annotations

import pytest

from qa.answer.intent import split
from qa.answer.question import analyse
from qa.lexicon import EMPTY
from qa.text.figures import figures
from qa.text.tokenize import Tokenizer
from tests.conftest import wire_fixture


@pytest.mark.parametrize("text, quoted", [
    ("江苏队以21比15的比分战胜浙江队", ["21比15"]),
    ("最终以2：0获胜", ["2：0"]),
    ("决赛中主队3:1逆转", ["3:1"]),
])
def test_a_score_is_one_figure(text, quoted):
    found = figures(text)
    assert [q.text for q in found] == quoted and all(q.unit == "比分" for q in found)


def test_a_time_of_day_is_no_score():
    assert all(q.unit != "比分" for q in figures("发布会于9:30开始，14:00结束"))


@pytest.mark.parametrize("text, left", [
    ("收盘，星河科技(600912)报收于8.31元", ["8.31元"]),
    ("海天能源（01368.HK）当日下跌3.5%", ["3.5%"]),
    ("该系列(2021)共有50件作品", ["50件"]),  # a year in brackets is no stock code
])
def test_a_stock_code_counts_nothing(text, left):
    assert [q.text for q in figures(text) if q.unit != "年" and q.value != 2021] == left


@pytest.mark.parametrize("question, unit", [
    ("当天机场共起降了多少架次航班？", "架次"),
    ("红队以什么比分战胜蓝队？", "比分"),
    ("决赛的比分是多少？", "比分"),
])
def test_the_measure_asked(question, unit):
    q = analyse(question, [], Tokenizer().words, EMPTY)
    assert (q.kind, q.unit) == ("number", unit)


@pytest.mark.parametrize("question, parts", [
    # a second clause asking again (又) of its own thing, though neither ask ends its clause
    ("“远航一号”在哪座城市完成船体总装，新型动车组又在哪座城市正式下线？",
     ["“远航一号”在哪座城市完成船体总装", "新型动车组又在哪座城市正式下线"]),
    # two things each with its own date, one measure after the second
    ("星河科技8月18日和海天能源7月27日的收盘价分别是多少？",
     ["星河科技8月18日的收盘价是多少", "海天能源7月27日的收盘价是多少"]),
    # two subjects, one measure after the second: each one's (was: 中国移动是多少)
    ("中国移动和中国联通的用户数分别是多少？", ["中国移动的用户数是多少", "中国联通的用户数是多少"]),
])
def test_two_stories_in_one_question(question, parts):
    assert split(question, [], []) == parts


def test_one_ask_of_a_topic_stays_one_question():
    assert split("城北区政协的提案办理率和满意率分别是多少", [], []) == ["城北区政协的提案办理率是多少", "城北区政协的满意率是多少"]
    assert len(split("红队以什么比分战胜蓝队？", [], [])) == 1


NEWS = {
    "球赛.txt": "2023-08-12 21:00\n\n全国青年篮球联赛决赛今晚在南京落幕，江苏队以86比79的比分战胜浙江队，夺得冠军。"
              "浙江队主教练表示，球队下半场体能下降明显。\n",
    "网球.txt": "2023-08-13 18:00\n\n在青年网球公开赛女双决赛中，林晓/赵敏组合以2：0战胜对手，收获本届比赛首枚金牌。\n",
    "机场.txt": "2023-08-09 10:00\n\n据统计，暑运以来，南湖机场累计保障航班近2.1万架次，日均航班量超600架次。"
              "8月6日，南湖机场共执行航班721架次，保障进出港旅客超10.2万人次，创单日纪录。\n",
    "外包.txt": "2023-07-21 09:00\n\n商务部数据显示，今年上半年，我国企业承接数字服务合同额8120亿元，执行额5630亿元，"
              "同比分别增长9.8%和12.1%。\n",
    "股价.txt": "2023-08-18 16:00\n\n8月18日收盘，星河科技(600912)报收于8.31元，跌幅为1.07%，成交额2.3亿元。\n",
}


wire = wire_fixture(NEWS)


@pytest.mark.parametrize("question, expected", [
    ("全国青年篮球联赛决赛中江苏队以什么比分战胜浙江队？", "86比79"),
    ("8月6日当天，南湖机场共执行了多少架次航班？", "721架次"),  # before: not found (架 | 次航班)
    ("今年上半年我国企业承接数字服务的执行额是多少？", "5630亿元"),  # before: the 合同额's 8120亿元
    ("星河科技8月18日的收盘价是多少？", "8.31元"),  # before: not found (the code 600912 took the reader's span)
])
def test_figures_of_news(wire, question, expected):
    a = wire.ask(question)
    assert not a.abstained and expected in a.answer, a.answer


def test_two_scores_asked_at_once(wire):
    a = wire.ask("篮球联赛决赛中江苏队以什么比分战胜浙江队，网球公开赛女双决赛林晓/赵敏组合又以什么比分获胜？")
    assert "86比79" in a.answer and "2：0" in a.answer, a.answer
