"""News as people keep it: datelines without a year, figures measured against other years, several
measures in one sentence, questions about two stories at once. The news items are written for these
tests (nobody tuned for them); eval/gold/news-dev.jsonl measures the same on real news."""

from __future__ import annotations

import pytest

from qa.answer import absent, entities, intent
from qa.text import periods
from qa.text.normalize import extract_quantities, normalize_for_match
from tests.conftest import answerer_over

NEWS = {
    # a dateline without its year, the day in the text: the question's year is no other year's
    "闪爆.txt": "8-13 16:29\n\n中新网青峰8月13日电 8月13日12时许，青峰市朝阳街道一家烤鱼店发生燃气闪爆事故，"
              "造成2人死亡、3人受伤，事故原因正在调查。\n",
    # a dateline whose digits run together once spaces go ("7-1914:25"), a record of another year
    "高温.txt": "7-19 14:25\n\n中新网7月19日电 据报道，随着热浪持续，罗马气温18日高达41.8摄氏度，"
              "打破了2022年6月创下的40.7摄氏度的纪录。当地医院急诊人数增加了两成。\n",
    # a quarter's figure beside the half year's
    "酒业.txt": "2023-08-02 19:30\n\n青山酒业发布2023年半年度报告。上半年，公司实现营业总收入300.5亿元。"
              "其中，第二季度实现营业收入140.2亿元。\n",
    # two measures of one kind in one sentence, one compared with another year
    "指数.txt": "2023-07-24 16:10\n\n德国7月制造业PMI初值降至38.8，接近2020年疫情初期时的水平；"
              "7月服务业PMI初值降至52，为半年来最低。\n",
    # a rate raised from one value to another
    "加息.txt": "2023-08-15 20:05\n\n在本币汇率跌破关口后，俄罗斯央行周二宣布将基准利率从8.5%上调至12%，"
              "以稳定金融市场。\n",
    # a span since an earlier year takes in the year asked
    "英国央行.txt": "2023-08-04 09:00\n\n为控制通胀，英国央行自2021年12月以来已连续14次加息，基准利率升至5.25%。\n",
    "判决.txt": "2023-07-25 11:00\n\n北京市第一中级人民法院依法公开宣判，以虐待罪判处被告人赵某有期徒刑三年二个月。\n",
    "任职.txt": "2023-07-30 09:00\n\n据官方简历，李明华2020年6月出任山东省副省长，此前长期在青岛工作。\n",
    "订单.txt": "2023-08-04 10:00\n\n青山网络公司宣布，收到一份价值749.2亿卢比（约9亿美元）的通信设备采购订单。\n",
    # a length beside a multiple
    "兴北路.txt": "2023-08-01 10:00\n\n兴北路南起亭枫公路，北至兴北支路南侧110米处，道路全长3.58公里。"
                "改建后泖桥桥长扩宽约3倍，通行能力大幅提升。\n",
    # two stories a question may ask about in one breath
    "杭州地铁.txt": "2023-08-01 08:00\n\n杭州地铁12号线一期工程全长35公里，共设站25座，计划年内开通。\n",
    "广州地铁.txt": "2023-08-02 08:00\n\n广州地铁5号线东延段全长约9.6公里，设站6座，目前正在进行铺轨。\n",
}


@pytest.fixture(scope="module")
def wire(e5, tmp_path_factory):
    return answerer_over(NEWS, tmp_path_factory.mktemp("wire"), e5)


@pytest.mark.parametrize("question, expected", [
    ("2023年8月13日青峰市燃气闪爆事故造成几人死亡？", "2人"),  # before: "names 2023, which the passages are not about"
    ("2023年7月18日罗马气温最高达到多少摄氏度？", "41.8摄氏度"),  # before: the dateline's "1914" and the 2022 record
    ("德国2023年7月制造业PMI初值降到了多少？", "38.8"),  # not 52 (服务业); 2020 is what it is compared with
    ("俄罗斯央行把基准利率上调到了多少？", "12%"),  # not 8.5%, the rate it was raised from
    ("赵某被判处有期徒刑多久？", "三年二个月"),  # before: 二个月
    ("李明华是哪一年哪个月出任山东省副省长的？", "2020年6月"),  # before: 2020年
    ("青山网络公司收到的采购订单价值多少？", "749.2亿卢比"),  # before: 749.2亿 (卢比 was no unit)
    ("青山酒业2023年第二季度营业收入是多少？", "140.2亿元"),
    ("2023年英国央行的基准利率升到了多少？", "5.25%"),  # 自2021年12月以来 runs on into 2023
    ("兴北路全长是多少？", "3.58公里"),  # a length, not 约3倍
])
def test_news_figures_are_read_for_what_was_asked(wire, question, expected):
    a = wire.ask(question)
    assert not a.abstained and expected in a.answer, a.answer


def test_another_quarters_figure_is_no_answer(wire):
    a = wire.ask("青山酒业2023年第三季度营业收入是多少？")
    assert a.abstained, a.answer  # 140.2亿元 is the second quarter's, 300.5亿元 the half year's


def test_two_stories_asked_at_once_are_each_answered(wire):
    a = wire.ask("杭州地铁12号线设站多少座，广州地铁5号线东延段全长约多少公里？")
    assert "25座" in a.answer and "9.6公里" in a.answer, a.answer  # before: abstained
    # one part the documents lack: said so, the other still answered (before: both withdrawn)
    a = wire.ask("杭州地铁12号线设站多少座，成都地铁99号线全长多少公里？")
    assert not a.abstained and "25座" in a.answer and "9.6" not in a.answer, a.answer


def test_a_later_part_naming_its_own_subject_stands_alone():
    parts = intent.split("英国第二季度GDP环比增长多少，英国央行连续14次加息后基准利率升到了多少？", [], [])
    assert parts == ["英国第二季度GDP环比增长多少", "英国央行连续14次加息后基准利率升到了多少"]
    # one that starts with its verb or names only a measure shares the first part's subject
    parts = intent.split("城北区政协开展了多少次集中学习，讲了多少场党课？", ["城北区政协"], [])
    assert parts[1].startswith("城北区政协") and parts[1].endswith("讲了多少场党课")
    parts = intent.split("庆阳市政协的提案办复率是多少，委员满意率是多少？", ["庆阳市政协"], [])
    assert parts[1] == "庆阳市政协的委员满意率是多少"
    # two things, each with its own subject, asked one thing
    assert intent.split("德国7月综合PMI初值和中国7月份制造业采购经理指数分别是多少？", [], []) == [
        "德国7月综合PMI初值是多少", "中国7月份制造业采购经理指数是多少"]
    # how long, and which one, are asks of a part of their own; 多久一次 restates how often
    assert len(intent.split("吴某一审被判处有期徒刑多少年，王某最终被判刑多久？", [], [])) == 2
    assert len(intent.split("协商会按什么频次开，多久一次？", [], [])) == 1


def test_periods_a_text_names():
    assert periods.parts_of_year(normalize_for_match("2023年第三季度")) == {"q3"}
    assert periods.parts_of_year(normalize_for_match("上半年及二季度")) == {"h1", "q2"}
    assert periods.months(normalize_for_match("七月份和12月，不算3个月")) == {7, 12}
    assert periods.conflict(normalize_for_match("第三季度营收"), normalize_for_match("第二季度营收140亿元"))
    assert not periods.conflict(normalize_for_match("上半年营收"), normalize_for_match("上半年营收300亿元，二季度140亿元"))
    assert periods.conflict(normalize_for_match("9月议息会议"), normalize_for_match("8月加息25个基点"))
    # a month of the record it was measured against is not what the sentence is about
    assert not periods.conflict(normalize_for_match("7月18日气温"), normalize_for_match("打破了2022年6月创下的纪录"))
    assert periods.without_references("接近2020年疫情初期时的水平").count("2020") == 0
    assert periods.covers(normalize_for_match("自2021年12月以来已连续14次加息"), 2023)
    assert not periods.covers(normalize_for_match("自2021年12月以来已连续14次加息"), 2020)
    assert "2023" in periods.without_references("2023年,收到提案")


def test_a_year_of_news_and_a_year_of_a_report():
    (year,) = [e for e in entities.named_entities("2023年7月23日宣布的提名") if e.kind == "year"]
    news = absent.document_facts("7-19 14:25", "中新网7月23日电 据报道，2024年选举……")
    assert news.main_year != 1914  # the dateline's digits do not run together into a year
    assert not absent.missing([year], normalize_for_match("据报道，提名于全代会宣布"), news)  # its day is 7月23日
    (year,) = [e for e in entities.named_entities("2021年收到多少件提案") if e.kind == "year"]
    report = absent.document_facts("城北区政协2023年工作报告", "2023年，城北区政协收到提案167件。" * 3)
    assert absent.missing([year], normalize_for_match("城北区政协收到提案167件"), report) == [year]
    undated = absent.document_facts("8-13 16:29", "8月13日，青峰市一家烤鱼店发生燃气闪爆事故。")
    assert not absent.missing([year], normalize_for_match("青峰市一家烤鱼店发生燃气闪爆事故"), undated)
    assert absent.missing([year], normalize_for_match("2019年青峰市一家烤鱼店"), undated) == [year]


def test_a_foreign_name_in_english_is_not_read_as_pinyin():
    def romanised(q: str) -> list[str]:
        return [e.text for e in entities.named_entities(q) if e.kind == "romanised"]

    assert romanised("How much will Foxconn invest in Tamil Nadu?") == []  # nadu is pinyin, tamil is not
    assert romanised("What did Microsoft and OpenAI found?") == []  # not "open"
    assert romanised("Who chairs the Yinchuan Xingqing District CPPCC?") == ["yinchuanxingqing"]
    assert romanised("What did Liu Qiang say?") == ["liuqiang"]


def test_a_length_asked_wants_a_length():
    from qa.answer.units import expected_unit, unit_fit

    assert expected_unit(normalize_for_match("兴北路全长又是多少？"), {}) == "length"
    assert unit_fit("length", "公里") == 1.0 and unit_fit("length", "倍") == 0.0


def test_currencies_and_temperatures_are_units():
    assert [(q.value, q.unit) for q in extract_quantities("749.2亿卢比")] == [(7.492e10, "卢比")]
    assert [q.unit for q in extract_quantities("高达41.8摄氏度")] == ["摄氏度"]


def _candidate(sentence: str, answer: str):
    from qa.answer.evidence import split_passage
    from qa.answer.extractors import Candidate
    from qa.lexicon import Lexicon
    from qa.models import Passage

    p = Passage("c1", "d1", "新闻", [], None, "body", sentence, 0, len(sentence), 1.0)
    s = next(s for s in split_passage(p, 1, Lexicon()).sentences if answer in s.text)
    at = s.text.index(answer)
    return Candidate(answer, s, at, at + len(answer), 0.9, 0.0, 0.0)


def _question(text: str, kind: str = "number"):
    from qa.answer.question import Question

    return Question(text=text, norm=normalize_for_match(text), lang="zh", kind=kind)


def test_the_whole_of_a_length_and_of_a_month_asked():
    from qa.answer.extent import whole

    c = whole(_question("被判处有期徒刑多久？", "other"), _candidate("以虐待罪判处被告人赵某有期徒刑三年二个月。", "二个月"))
    assert c.answer == "三年二个月"
    c = whole(_question("是哪一年哪个月出任副省长的？", "date"), _candidate("李明华2020年6月出任山东省副省长。", "2020年"))
    assert c.answer == "2020年6月"
    c = whole(_question("是哪一年出任副省长的？", "date"), _candidate("李明华2020年6月出任山东省副省长。", "2020年"))
    assert c.answer == "2020年"  # a year asked: the year


def test_a_sibling_measures_figure_and_a_starting_value_are_not_what_was_asked():
    from qa.answer.siblings import not_asked

    pmi = "德国7月制造业PMI初值降至38.8，接近2020年疫情初期时的水平；7月服务业PMI初值降至52。"
    q = _question("德国7月制造业PMI初值降到了多少？")
    assert not_asked(q, _candidate(pmi, "52")) and not not_asked(q, _candidate(pmi, "38.8"))
    proposals = "全年收到集体提案12件、委员提案155件。"
    q = _question("收到委员提案多少件？")
    assert not_asked(q, _candidate(proposals, "12件")) and not not_asked(q, _candidate(proposals, "155件"))
    trains = "广铁集团计划停运动车组列车622列，普速列车停运10列。"
    q = _question("广铁集团计划停运多少列普速列车？")
    assert not_asked(q, _candidate(trains, "622列")) and not not_asked(q, _candidate(trains, "10列"))
    rate = "俄罗斯央行周二宣布将基准利率从8.5%上调至12%。"
    q = _question("俄罗斯央行把基准利率上调到了多少？")
    assert not_asked(q, _candidate(rate, "8.5%")) and not not_asked(q, _candidate(rate, "12%"))
    assert not not_asked(_question("俄罗斯央行原来的基准利率是多少？"), _candidate(rate, "8.5%"))


def test_a_starting_value_read_points_to_the_value_it_moved_to():
    from qa.answer.measures import moved_to

    rate = "俄罗斯央行周二宣布将基准利率从8.5%上调至12%。"
    q = _question("俄罗斯央行把基准利率上调到了多少？")
    assert moved_to(q, _candidate(rate, "8.5%")).answer == "12%"  # the reader's pick, moved along
    assert moved_to(_question("俄罗斯央行原来的基准利率是多少？"), _candidate(rate, "8.5%")).answer == "8.5%"
    plant = "4纳米制程量产时间将由2024年年底延后至2025年。"
    assert moved_to(_question("4纳米量产推迟到哪一年？"), _candidate(plant, "2024年")).answer == "2025年"


def test_a_later_part_naming_a_thing_before_again_stands_alone():
    # 又 ("again") follows what the part is about: 蔚来, not 广汽集团's sales
    parts = intent.split("广汽集团7月新能源汽车销量是多少，蔚来7月又交付了多少辆新车？", [], [])
    assert parts == ["广汽集团7月新能源汽车销量是多少", "蔚来7月又交付了多少辆新车"]
    parts = intent.split("成都大运会吸引了多少个国家和地区的运动员参赛，中老铁路开行以来又有多少个国家的旅客乘坐？", [], [])
    assert parts[1].startswith("中老铁路"), parts
    # within the first part's subject: 其中, 同期 point into it
    assert intent.split("城北区政协2023年收到提案多少件，其中委员提案又有多少件？", [], [])[1].startswith("城北区政协")
    assert intent.split("今年上半年出口多少，同期进口又是多少？", [], [])[1].startswith("今年上半年")


def test_a_question_mark_between_two_asks_ends_the_first():
    parts = intent.split("国际大体联秘书长是谁？第九次中法高级别经济财金对话的法方牵头人又是谁？", [], [])
    assert parts == ["国际大体联秘书长是谁", "第九次中法高级别经济财金对话的法方牵头人又是谁"]
