"""Which country (哪国, 哪个国家, 何国, 哪国人): the answer is a country's name, and the right one. News items
written for these tests (a Nobel prize, a football match, a factory abroad). Before: 路易斯·布鲁斯是哪国大学的
教授 answered 美国哥伦比亚大学, 这场比赛的主裁判来自哪个国家 answered 瑞典 (the prize's academy); on the held-apart
training articles a squadron (第617中队) answered 攻击哪国的水坝 and the first country of a sentence answered
唐纳德·赫布是哪国人 (英国, the other scientist's)."""

from __future__ import annotations

import pytest

from qa.answer.countries import as_country, asks_country, countries_in, only_countries, someone_elses
from qa.answer.question import analyse
from qa.lexicon import EMPTY
from qa.text.tokenize import Tokenizer
from tests.conftest import candidate_in, wire_fixture

NEWS = {
    "chem.txt": "2023年诺贝尔化学奖揭晓\n\n瑞典皇家科学院10月4日宣布，将2023年诺贝尔化学奖授予美国麻省理工学院教授蒙吉·巴文迪、"
                "美国哥伦比亚大学教授路易斯·布鲁斯和俄罗斯物理学家阿列克谢·叶基莫夫，以表彰他们在发现和合成量子点方面的贡献。\n",
    "match.txt": "国足世预赛主场战胜泰国队\n\n11月16日，2026年世界杯亚洲区预选赛第二阶段C组比赛中，中国男足在沈阳主场2比1战胜"
                 "泰国队。本场比赛的主裁判来自日本，中国队主教练扬科维奇来自塞尔维亚。\n",
    "car.txt": "比亚迪在泰国建厂\n\n比亚迪汽车在泰国罗勇府的工厂于2023年3月奠基，规划年产能15万辆，产品将出口至东盟国家和欧洲。"
               "这是比亚迪在东南亚的首个乘用车工厂。\n",
    "chip.txt": "荷兰光刻机巨头阿斯麦发布财报\n\n总部位于荷兰费尔德霍芬的阿斯麦公司10月18日发布第三季度财报，净销售额为67亿欧元。"
                "其中，三星是韩国最大的芯片制造商。\n",
}
wire = wire_fixture(NEWS)


def _names(text: str) -> list[str]:
    return [text[a:b] for a, b in countries_in(text)]


def test_country_names_are_whole_words_of_their_sentence():
    assert _names("美国哥伦比亚大学教授路易斯·布鲁斯") == ["美国"]  # not Colombia inside a university's name
    assert _names("由于鄂图曼帝国战败，奥匈帝国解体") == ["鄂图曼帝国", "奥匈帝国"]
    assert _names("官方语言是爱尔兰共和国的爱尔兰语") == ["爱尔兰共和国", "爱尔兰"]
    assert _names("全国各国两国的代表，联合国秘书长，他出国后回国") == []  # determiners' 国, and no state
    assert _names("战国时期的秦国与楚国") == ["秦国", "楚国"]


def test_which_country_is_asked_for_one_country():
    for q in ("唐纳德·赫布是哪国人？", "主裁判来自哪个国家？", "此船由何国建造？", "总部在什么国家？"):
        assert asks_country(q), q
    for q in ("比亚迪还在哪些国家建厂？", "国家统计局发布了什么数据？", "哪个国家队夺冠？"):
        assert not asks_country(q), q
    assert analyse("唐纳德·赫布是哪国人？", [], Tokenizer().words, EMPTY).kind == "entity"


def test_a_span_answers_with_the_country_it_names_or_qualifies():
    made = "英国制造商Excelsior Motor Company于1896年开始制造一款机车。"
    assert as_country("是哪国的公司制造的", candidate_in(made, "Excelsior Motor Company")).answer == "英国"
    plant = "比亚迪汽车在泰国罗勇府的工厂于2023年3月奠基。"
    assert as_country("工厂建在哪国", candidate_in(plant, "罗勇府")).answer == "泰国"
    assert as_country("工厂建在哪国", candidate_in(plant, "2023年3月")) is None  # names no country: no answer
    raid = "英国皇家空军第617中队曾攻击德国的水坝。"
    # the asker's own country is not the one asked for; a language named after one does not make it theirs
    assert as_country("英国皇家空军攻击哪国的水坝", candidate_in(raid, "英国皇家空军第617中队曾攻击德国的水坝")).answer == "德国"
    assert as_country("哪一个国家的官方语言是爱尔兰语", candidate_in("爱尔兰的官方语言有两种。", "爱尔兰")).answer == "爱尔兰"


def test_a_country_that_qualifies_someone_else_is_not_theirs():
    text = "英国神经科学家谢灵顿与加拿大心理学家赫布总结了心理现象与人脑结构之间的联系。"
    assert someone_elses("赫布是哪国人", candidate_in(text, "英国"), ["赫布"])
    assert not someone_elses("赫布是哪国人", candidate_in(text, "加拿大"), ["赫布"])
    match = "本场比赛的主裁判来自日本，中国队主教练来自塞尔维亚。"  # the later 来自 is another clause's
    assert not someone_elses("主裁判来自哪个国家", candidate_in(match, "日本"), ["主裁判", "来自"])
    found = only_countries("赫布是哪国人", ["赫布"], [candidate_in(text, "英国"), candidate_in(text, "加拿大心理学家")])
    assert [c.answer for c in found] == ["加拿大"]


@pytest.mark.parametrize("question,answer", [
    ("路易斯·布鲁斯是哪国大学的教授？", "美国"),
    ("阿列克谢·叶基莫夫是哪国人？", "俄罗斯"),
    ("这场比赛的主裁判来自哪个国家？", "日本"),
    ("阿斯麦公司的总部在哪个国家？", "荷兰"),
    ("三星是哪国的芯片制造商？", "韩国"),
])
def test_news_questions_asking_which_country_get_the_country(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)
