"""Work reports as governments, courts and companies publish them (stop 56's probe: eight reports written for it, none
from an evaluation set). A report delivered in January 2025 (——2025年1月15日在…人民代表大会第四次会议上) is about 2024;
its outline (一、2024年工作回顾 / （一）依法惩治犯罪，全力维护安全稳定) is its headings, the second level under the
first; 二、2025年工作安排 holds next year's targets. Before (stop 55's code): the delivery day made every passage a
2025 one, so 临江市法院2024年执行到位金额有多少 and 全市两级法院2024年的结案率 answered "not found"; the outline's
lines with a comma or 、 were text, not headings; a filing's 证券代码 line was the annual report's title and its
公告编号 2025-012 its year; 县长 周明远 was a heading over the whole report, so who the county head is went unanswered;
"Huayue's Qinghe production base" asked for one name spelt huayueqinghe; asked 2023's figure of a 2024 report
(较2023年的738万人次, 2023年为38.1万件), the year's own figure or "not found" came back; asked which way a figure
went (涨了还是跌了, 比上年增加了吗), the figure came without its 下降/减少; a name jieba does not see before 女士
(总经理方|怡然|女士) was no answer to who the CEO is."""

from __future__ import annotations

from qa.answer.absent import document_facts
from qa.text.clean import clean_text
from qa.text.structure import document_title, sections
from tests.conftest import wire_fixture

COURT = """临江市中级人民法院工作报告

——2025年1月15日在临江市第十六届人民代表大会第四次会议上

临江市中级人民法院院长　陈书华

各位代表：

现在，我代表临江市中级人民法院向大会报告工作，请予审议。

一、2024年工作回顾

2024年，全市法院坚持公正与效率主题，各项工作取得新进展。全市两级法院共受理各类案件136842件，审结、执结129763件，
结案率94.8%。

（一）依法惩治犯罪，全力维护安全稳定

全市法院审结刑事案件3862件，判处罪犯5127人。严惩电信网络诈骗犯罪，审结相关案件426件，追赃挽损1.37亿元。

（二）全力攻坚执行，兑现胜诉当事人权益

全市法院执结案件38412件，执行到位金额67.9亿元，同比增长8.2%。

二、2025年工作安排

全市法院将重点做好以下工作：力争执行到位金额达到75亿元，结案率保持在95%以上。
"""

COUNTY = """青禾县人民政府工作报告

——2025年1月8日在青禾县第十八届人民代表大会第四次会议上

县长　周明远

一、2024年工作回顾

全年实现地区生产总值386.4亿元，同比增长6.2%。城镇新增就业6850人，完成年度目标的114.2%。全年接待游客832万人次，
较2023年的738万人次增长12.7%；受理政务服务事项41.6万件，同比增长9.2%（2023年为38.1万件）。年末全县常住人口38.6万人，
比上年末减少0.4万人。全年食品烟酒价格下降1.2%。县人民医院平均住院日7.6天，较2023年的8.1天缩短0.5天。

二、2025年工作安排

2025年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业6000人以上。
"""

FILING = """华岳智能装备股份有限公司
2024年年度报告摘要

证券代码：688417　　证券简称：华岳智能　　公告编号：2025-012

第一节　重要提示

公司拟以实施权益分派股权登记日登记的总股本为基数，向全体股东每10股派发现金红利3.80元（含税），不送红股。

第三节　经营情况讨论与分析

公司位于青禾经济开发区的青禾生产基地于2024年4月26日开工建设，规划总投资22亿元。

第四节　重要事项

报告期内，公司首席执行官（CEO）由总经理方怡然女士兼任；原副总经理韦立成先生因个人原因于8月辞职。
"""

wire = wire_fixture({"court.txt": COURT, "county.txt": COUNTY, "filing.txt": FILING})


def test_an_outline_is_headings_the_second_level_under_the_first():
    doc = clean_text(COURT)
    _, blocks = document_title(doc, "court")
    paths = [s.headings for s in sections(doc, blocks)]
    assert ("一、2024年工作回顾", "（二）全力攻坚执行，兑现胜诉当事人权益") in paths
    assert ("二、2025年工作安排",) in paths


def test_a_wrapped_title_and_a_filing_header():
    doc = clean_text(FILING)
    assert document_title(doc, "filing")[0] == "华岳智能装备股份有限公司2024年年度报告摘要"
    assert any(b.kind == "meta" and b.text.startswith("证券代码") for b in doc.blocks)
    assert document_facts("华岳智能装备股份有限公司2024年年度报告摘要", FILING).main_year == 2024


def test_a_report_is_about_the_year_it_reviews_not_the_day_it_was_delivered():
    title = "临江市中级人民法院工作报告——2025年1月15日在临江市第十六届人民代表大会第四次会议上"
    assert document_facts(title, COURT).main_year == 2024


def test_the_year_reviewed_is_answered(wire):
    for question, answer in [("临江市法院2024年执行到位金额有多少？", "67.9亿元"),
                             ("全市两级法院2024年的结案率", "94.8%"),
                             ("青禾县2024年地区生产总值是多少", "386.4亿元")]:
        got = wire.ask(question)
        assert not got.abstained and answer in got.answer, (question, got.answer)


def test_next_years_target_is_not_this_years_figure(wire):
    got = wire.ask("青禾县2025年城镇新增就业的目标是多少人")
    assert not got.abstained and "6000人" in got.answer and "6850" not in got.answer, got.answer
    got = wire.ask("青禾县2024年城镇新增就业多少人")
    assert not got.abstained and "6850人" in got.answer, got.answer


def test_a_byline_says_who_speaks(wire):
    assert clean_text(COUNTY).blocks[2].kind == "body"  # 县长 周明远: a statement, not a heading over the report
    got = wire.ask("青禾县县长叫什么名字？")
    assert not got.abstained and "周明远" in got.answer, got.answer


def test_english_possessive_names_two_things(wire):
    from qa.answer.entities import named_entities

    found = [e.text for e in named_entities("On what date did construction of Huayue's Qinghe production base begin?")]
    assert "huayue" in found and "qinghe" in found and "huayueqinghe" not in found
    got = wire.ask("On what date did construction of Huayue's Qinghe production base begin?")
    assert not got.abstained and "4月26日" in got.answer, got.answer


def test_a_place_spelt_without_its_level():
    from qa.answer.english import names_in_chinese
    from qa.answer.entities import named_entities

    entities = named_entities("By how much did Jianglan Province's consumer price index change in 2024?")
    assert names_in_chinese(entities, ["江澜省统计局发布2024年统计公报。"]) == ["江澜"]


def test_the_earlier_years_figure_beside_the_years_own(wire):
    for question, answer, other in [("青禾县2023年接待游客多少人次", "738万人次", "832万"),
                                    ("青禾县2024年接待游客多少人次", "832万人次", "738万"),
                                    ("青禾县2023年受理政务服务事项多少件", "38.1万件", "41.6万"),
                                    # （2023年为…） is no year of the sentence's own: 2024's figure is still answered
                                    ("青禾县2024年受理政务服务事项多少件", "41.6万件", "38.1万")]:
        got = wire.ask(question)
        assert not got.abstained and answer in got.answer and other not in got.answer, (question, got.answer)


def test_a_year_tied_to_a_figure():
    from qa.answer.prior import tied_year
    from tests.conftest import candidate_in

    text = "全年接待游客832万人次，较2023年的738万人次增长12.7%。"
    assert tied_year(candidate_in(text, "738万人次")) == 2023
    assert tied_year(candidate_in("受理事项41.6万件，同比增长9.2%（2023年为38.1万件）。", "38.1万件")) == 2023
    assert tied_year(candidate_in(text, "832万人次")) is None
    assert tied_year(candidate_in("2023年接待游客832万人次。", "832万人次")) is None  # the sentence's own year


def test_which_way_a_figure_went(wire):
    for question, answer in [("青禾县2024年末常住人口比上年增加了吗", "减少0.4万人"),
                             ("青禾县2024年食品烟酒价格涨了还是跌了，幅度多少", "下降1.2%"),
                             ("青禾县人民医院平均住院日比2023年缩短了多少天", "0.5天")]:  # the change, not 8.1天
        got = wire.ask(question)
        assert not got.abstained and answer in got.answer, (question, got.answer)



def test_a_name_before_an_honorific(wire):
    from qa.answer.names import person_names

    text = "报告期内，公司首席执行官（CEO）由总经理方怡然女士兼任"
    assert [text[a:b] for a, b in person_names(text)] == ["方怡然"]  # jieba reads 方|怡然
    assert person_names("感谢张先生的帮助") == []  # 谢 of 感谢 starts no name
    for question in ["华岳智能的首席执行官是谁", "Who serves as CEO of Huayue Intelligent Equipment Co.?"]:
        got = wire.ask(question)
        assert not got.abstained and "方怡然" in got.answer, (question, got.answer)
