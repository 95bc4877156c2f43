"""Two things asked at once, cut into the question of each: names of prizes, models and places, a
shared period, a thing asked again in its own words, and the person a 他 stands for. The questions
are written for these tests (in the style of news questions that join two facts); none is from an
evaluation set."""

from __future__ import annotations

import pytest

from qa.answer.intent import split


@pytest.mark.parametrize("question, years, parts", [
    # a prize whose name holds 或: the second is 诺贝尔化学奖, not 诺贝尔生理学或化学奖
    ("2023年诺贝尔生理学或医学奖和化学奖分别授予了谁？", [2023],
     ["2023年诺贝尔生理学或医学奖授予了谁", "2023年诺贝尔化学奖授予了谁"]),
    # one word holding the second's first word (最佳影片 | 最佳 女主角): two whole items
    ("第95届奥斯卡最佳影片和最佳女主角分别是什么？", [],
     ["第95届奥斯卡最佳影片是什么", "第95届奥斯卡最佳女主角是什么"]),
    # a one-word thing and a description of another (金球奖 | 最佳年轻球员), not 金球奖年轻球员
    ("2022年卡塔尔世界杯的金球奖和最佳年轻球员分别是谁？", [2022],
     ["2022年卡塔尔世界杯的金球奖是谁", "2022年卡塔尔世界杯的最佳年轻球员是谁"]),
    # a year before two whole items is both's
    ("2022年度国家最高科学技术奖和国际科学技术合作奖分别授予了谁？", [2022],
     ["2022年度国家最高科学技术奖授予了谁", "2022年度国际科学技术合作奖授予了谁"]),
    # a model's name ends in its number: 小米14, not 华为Mate 60小米14
    ("华为Mate 60 Pro和小米14的售价分别是多少？", [], ["华为Mate 60 Pro的售价是多少", "小米14的售价是多少"]),
    ("iPhone 14和iPhone 14 Plus的起售价分别是多少？", [], ["iPhone 14的起售价是多少", "iPhone 14 Plus的起售价是多少"]),
    ("OPPO Find X6和vivo X90的发布时间分别是什么时候？", [],
     ["OPPO Find X6的发布时间是什么时候", "vivo X90的发布时间是什么时候"]),
    ("天舟六号和神舟十六号分别是什么时候发射的？", [], ["天舟六号是什么时候发射的", "神舟十六号是什么时候发射的"]),
    # a place before the common ending: 成都车展, not 大湾成都车展
    ("2023年大湾区车展和成都车展分别在什么时间开幕？", [2023],
     ["2023年大湾区车展在什么时间开幕", "2023年成都车展在什么时间开幕"]),
    # the year after the second subject is both's
    ("特斯拉和比亚迪2022年的销量分别是多少？", [2022], ["特斯拉2022年的销量是多少", "比亚迪2022年的销量是多少"]),
    # a period after the year is both's too
    ("2023年上半年比亚迪和特斯拉的全球销量分别是多少？", [2023],
     ["2023年上半年比亚迪的全球销量是多少", "2023年上半年特斯拉的全球销量是多少"]),
    # a later part naming a thing like the first's takes the first's setting (法网)
    ("2023年法网男单冠军是谁，女单冠军又是谁？", [2023], ["2023年法网男单冠军是谁", "2023年法网女单冠军又是谁"]),
    # what kind of result, of each (什么样/怎样 is no ask the other cuts know)
    ("2023年杭州亚运会上中国队在田径和游泳比赛中分别取得了怎样的成绩？", [2023],
     ["2023年杭州亚运会上中国队在田径比赛中取得了怎样的成绩", "2023年杭州亚运会上中国队在游泳比赛中取得了怎样的成绩"]),
    # a later part comparing (比…) compares the first's subject
    ("杭州亚运会女子4x100米接力决赛中国队跑出了什么成绩？比日本队快了多少？", [],
     ["杭州亚运会女子4x100米接力决赛中国队跑出了什么成绩", "杭州亚运会女子4x100米接力决赛中国队比日本队快了多少"]),
    ("贵州茅台2023年上半年的营收是多少？比去年同期增长了多少？", [2023],
     ["贵州茅台2023年上半年的营收是多少", "贵州茅台2023年上半年的营收比去年同期增长了多少"]),
    # 他 after "who is X": X, whom jieba would have cut at 首相
    ("英国新首相是谁，他在什么时候上任？", [], ["英国新首相是谁", "英国新首相在什么时候上任"]),
    ("国足的新任主帅是谁，他是哪国人？", [], ["国足的新任主帅是谁", "国足的新任主帅是哪国人"]),
    # (stop 54; each was one question before, or a part without its prize) a word holding 和 (和平奖) is no join
    # and the prize's name is both's; two titles; two of a kind counted; places in a ranking; 男女 of a role
    ("谁获得了2023年诺贝尔文学奖和和平奖？", [2023], ["谁获得了2023年诺贝尔文学奖", "谁获得了2023年诺贝尔和平奖"]),
    ("诺贝尔文学奖和物理学奖得主分别是谁？", [], ["诺贝尔文学奖得主是谁", "诺贝尔物理学奖得主是谁"]),
    ("谁执导了《满江红》和《流浪地球2》？", [], ["谁执导了《满江红》", "谁执导了《流浪地球2》"]),
    ("杭州亚运会中国代表团获得多少枚金牌和银牌？", [], ["杭州亚运会中国代表团获得多少枚金牌", "杭州亚运会中国代表团获得多少枚银牌"]),
    ("女子双人10米跳台和男子双人10米跳台冠军是谁？", [], ["女子双人10米跳台冠军是谁", "男子双人10米跳台冠军是谁"]),
    ("2023年春节档票房冠军和亚军是哪部电影？", [2023], ["2023年春节档票房冠军是哪部电影", "2023年春节档票房亚军是哪部电影"]),
    ("2023年春节档票房第一和第二分别是哪部电影？", [2023],
     ["2023年春节档票房第一是哪部电影", "2023年春节档票房第二是哪部电影"]),
    ("哪些球队获得了2023年NBA和CBA总冠军？", [2023], ["哪些球队获得了2023年NBA总冠军", "哪些球队获得了2023年CBA总冠军"]),
    ("2023年金鸡奖最佳男女主角分别是谁？", [2023], ["2023年金鸡奖最佳男主角是谁", "2023年金鸡奖最佳女主角是谁"]),
])
def test_two_things_are_each_asked_whole(question, years, parts):
    assert split(question, [], years) == parts


@pytest.mark.parametrize("question, parts", [
    # a later part that is a verb phrase ending like the first's is no thing in its place
    ("果洛州政协首批智库专家撰写了多少篇意见建议提案，参与撰写了几篇重大课题调研？",
     ["果洛州政协首批智库专家撰写了多少篇意见建议提案", "果洛州政协首批智库专家参与撰写了几篇重大课题调研"]),
    # ...nor one naming its own subject and measure
    ("佩契奇打破女子50米步枪三姿决赛世界纪录的成绩是多少，里约奥运会公路自行车赛格雷格的夺冠成绩是多少？",
     ["佩契奇打破女子50米步枪三姿决赛世界纪录的成绩是多少", "里约奥运会公路自行车赛格雷格的夺冠成绩是多少"]),
    # items sharing 的冠军 stay items of the one race series (F1 of both)
    ("2023年F1巴林站和沙特站的冠军分别是谁？", ["2023年F1巴林站的冠军是谁", "2023年F1沙特站的冠军是谁"]),
])
def test_parts_that_stand_alone_keep_their_words(question, parts):
    assert split(question, [], [2023] if "2023" in question else []) == parts


@pytest.mark.parametrize("question, parts", [
    ("What were the Q2 2023 revenues of Maersk (马士基) and of Wells Fargo (富国银行)?",
     ["What were the Q2 2023 revenues of Maersk (马士基)?", "What were the Q2 2023 revenues of Wells Fargo (富国银行)?"]),
    ("What was the net profit of Tencent and Alibaba in 2023, respectively?",
     ["What was the net profit of Tencent in 2023?", "What was the net profit of Alibaba in 2023?"]),
    ("What is the population of Xining (西宁) and Lanzhou (兰州)?",
     ["What is the population of Xining (西宁)?", "What is the population of Lanzhou (兰州)?"]),
    ("What is the ratio of imports and exports?", ["What is the ratio of imports and exports?"]),  # one thing
])
def test_an_english_question_of_two_things(question, parts):
    assert split(question, [], [], "en") == parts
