"""Documents laid out as forms, minutes, notices, bulletins and tables (stop 57's probe, eval/genres/: eight documents
of genres other than work reports, written for it by a helper who never saw the code). Before (stop 56's code):
the lines of a run with no blank line between were one paragraph, so 责任单位：区教育局 / 配合单位：区财政局 /
完成时限：… became one sentence and 智慧停车项目的责任单位 was the canteen project's; an outline heading ran into its
text (（一）总体情况2024年，全市…) and a field numbered like one (四、预算金额：458.00万元) was a heading, not text;
a paragraph set apart by its indent alone joined the one above; a figure a hard wrap cut read ``1 2.31亿元``; a
table written in pipes (Markdown's, or 指标 | 单位 | 2023年 | 2024年) was one sentence; the sections of a file's second
notice lost its title (六、主要标的信息 under nothing), so 智慧教室项目什么时候开标 found no day."""

from __future__ import annotations

from qa.formats import read
from qa.text.chunk import sentence_spans
from qa.text.clean import clean_text
from qa.text.structure import document_title, sections
from tests.conftest import wire_fixture

MINUTES = """澄东区人民政府
常务会议纪要

区政府第十九次常务会议纪要

时间：２０２５年３月１２日（星期三）下午２时３０分
地点：区政府三楼第一会议室
主持：区长陆承泽
记录：区政府办公室秘书一科　郝嘉
２０２５年３月１２日下午，区长陆承泽主持召开区政府第十九次常务会议。现将会议议定事项纪要如下：
一、关于中小学校食堂提质改造项目资金安排
会议同意安排区级财政资金１８５０万元，用于全区２１所中小学校食堂的提质改造。
责任单位：区教育局
配合单位：区财政局、区市场监督管理局
完成时限：２０２５年８月２５日前完成改造并投入使用
二、关于澄东区智慧停车项目建设
会议原则同意该方案。项目计划新增公共停车泊位２４００个，项目总投资９６８０万元。
责任单位：区城市管理局、澄东城发集团
配合单位：区公安分局、区发展和改革局
完成时限：２０２５年１２月３１日前建成投用
"""

BULLETIN = """2024年澄川市生态环境状况公报
澄川市生态环境局
2025年5月
　　一、环境空气
　　（一）总体情况
　　2024年，全市环境空气质量优良天数为320天，优良天数比例为87.4
%，同比上升2.2个百分点。其中，优级天数为11
8天，良级天数为202天。
　　（二）主要污染物浓度
　　全市细颗粒物（PM2.5）年均浓度为31微克/立方米，同比下降3.1%
，2023年为32微克/立方米；二氧化氮年均浓度为24微克/立方米，同比持平。

— 1 —

　　九、2025年目标
　　2025年，全市环境空气质量优良天数比例力争达到88%，细颗粒物年均浓
度控制在30微克/立方米以内。
"""

NOTICES = """澄西区公共资源交易中心
政府采购中标结果公告汇编
===================================================
澄西区教育局智慧教室设备采购项目中标结果公告
一、项目编号：CXCG-2025-0317
二、项目名称：澄西区教育局智慧教室设备采购项目
三、预算金额：458.00万元（人民币）
四、中标信息
中标供应商名称：澄川恒远信息技术有限公司
中标金额：人民币肆佰叁拾陆万捌仟元整（¥4,368,000.00）
五、主要标的信息
货物名称：智慧黑板、录播系统、学生平板终端及配套软件
六、开标时间：2025年4月15日9时30分
七、联系方式
采购人：澄西区教育局 联系人：程老师
===================================================
澄西区人民医院螺旋CT设备采购项目中标结果公告
一、项目编号：CXCG-2025-0589
二、中标信息
中标供应商名称：江澜康启医疗器械有限公司
三、开标时间：2025年5月9日10时00分
"""

TABLE_MD = """# 澄川市第七中学2024学年度教育统计概要

> 校长：欧阳立诚　　统计负责人：教务处副主任 褚静怡

## 四、主要指标对比

| 指标 | 2023学年 | 2024学年 | 增减 |
|---|---|---|---|
| 在校学生（人） | 2731 | 2846 | +115 |
| 高考本科上线率（%） | 86.9 | 88.6 | +1.7 |

- 高考本科上线率稳定在88%以上；
- 学生体质健康测试优良率达到65%；
"""

ESG = """主要环境绩效指标如下：
指标 | 单位 | 2023年 | 2024年
综合能源消耗量 | 吨标准煤 | 86,420 | 81,975
新鲜水取水量 | 万立方米 | 312.6 | 287.4
公司持续推进节能技术改造。
"""

wire = wire_fixture({"minutes.txt": MINUTES, "bulletin.txt": BULLETIN, "notices.txt": NOTICES})


def _bodies(text: str) -> list[str]:
    return [b.text for b in clean_text(text).blocks if b.kind == "body"]


def test_each_field_of_a_form_is_a_statement_of_its_own():
    bodies = _bodies(MINUTES)
    assert "责任单位：区教育局" in bodies and "配合单位：区财政局、区市场监督管理局" in bodies
    assert "主持：区长陆承泽" in bodies and "记录：区政府办公室秘书一科 郝嘉" in bodies
    assert not any("责任单位" in b and "配合单位" in b for b in bodies)  # was one sentence
    doc = clean_text(MINUTES)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "一、关于中小学校食堂提质改造项目资金安排" in headings  # not run into its text
    # two fields side by side on a line are two; a filing's header line stays whole (metadata)
    assert _bodies("校长：欧阳立诚　　统计负责人：教务处副主任 褚静怡\n\n正文。")[:2] == [
        "校长：欧阳立诚", "统计负责人：教务处副主任 褚静怡"]
    header = clean_text("证券代码：688417　　证券简称：华岳智能\n\n正文第一句。").blocks[0]
    assert header.kind == "meta" and "证券简称：华岳智能" in header.text


def test_a_field_ends_a_sentence_where_its_line_ends():
    text = "会议原则同意该方案。\n\n责任单位：区城市管理局\n\n配合单位：区公安分局"
    sentences = [text[s:e].strip() for s, e in sentence_spans(text, 0, len(text))]
    assert [s for s in sentences if s] == ["会议原则同意该方案。", "责任单位：区城市管理局", "配合单位：区公安分局"]


def test_indented_paragraphs_headings_footers_and_cut_figures_of_a_hard_wrapped_bulletin():
    doc = clean_text(BULLETIN)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert {"一、环境空气", "（一）总体情况", "（二）主要污染物浓度", "九、2025年目标"} <= set(headings)
    bodies = [b.text for b in doc.blocks if b.kind == "body"]
    assert bodies[0].startswith("2024年，全市环境空气质量优良天数为320天，优良天数比例为87.4%")
    assert "优级天数为118天" in bodies[0]  # the wrap cut 11 / 8天
    assert not any("— 1 —" in b.text for b in doc.blocks)  # a page footer is no text
    assert bodies[-1].startswith("2025年，全市环境空气质量优良天数比例力争达到88%")


def test_a_numbered_field_is_text_and_a_second_notice_keeps_its_title_over_its_sections():
    doc = clean_text(NOTICES)
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["三、预算金额：458.00万元（人民币）"] == "body" and kinds["四、中标信息"] == "heading"
    assert not any(set(b.text) <= set("=") for b in doc.blocks)  # a rule drawn with = is no text
    _, title_blocks = document_title(doc, fallback="notices")
    secs = {b.text: s for b, s in zip(doc.blocks, sections(doc, title_blocks))}
    assert "澄西区人民医院螺旋CT设备采购项目中标结果公告" in secs["三、开标时间：2025年5月9日10时00分"].headings
    assert "澄西区教育局智慧教室设备采购项目中标结果公告" in secs["六、开标时间：2025年4月15日9时30分"].headings


def test_tables_in_pipes_are_a_paragraph_per_row():
    md = read("stats.md", TABLE_MD.encode()).text
    assert "指标：在校学生（人），2023学年：2731，2024学年：2846，增减：+115。" in md
    assert "|---|" not in md
    txt = read("esg.txt", ESG.encode()).text
    assert "指标：综合能源消耗量，单位：吨标准煤，2023年：86,420，2024年：81,975。" in txt
    assert "公司持续推进节能技术改造。" in txt  # the text after the table is left as it is
    bodies = _bodies(md)
    assert "校长：欧阳立诚" in bodies  # a Markdown quotation's marker is no text
    assert "- 学生体质健康测试优良率达到65%；" in bodies  # a list's items are apart


def test_an_html_table_is_a_paragraph_per_row():
    page = ("<html><head><title>茶博会闭幕</title></head><body><h1>第十二届茶博会闭幕</h1>"
            "<p>本届茶博会签约项目58个，签约金额215.7亿元，其中重点项目如下表所示。</p><table>"
            "<tr><th>项目名称</th><th>签约金额（亿元）</th><th>落户地</th></tr>"
            "<tr><td>澄川茶谷产业园项目</td><td>28.5</td><td>松岚县</td></tr>"
            "<tr><td>茶饮料生产线项目</td><td>16.2</td><td>岚城市</td></tr></table>"
            "<p>下一届茶博会将于2026年5月在岚城市举办。</p></body></html>")
    text = read("expo.html", page.encode()).text
    assert "项目名称：澄川茶谷产业园项目，签约金额（亿元）：28.5，落户地：松岚县。" in text


def test_the_responsible_units_asked_are_the_projects_own(wire):
    a = wire.ask("智慧停车项目的责任单位有哪些")
    assert not a.abstained and "区城市管理局" in a.answer and "区教育局" not in a.answer


def test_a_notices_day_is_found_under_its_title(wire):
    a = wire.ask("智慧教室项目什么时候开标")
    assert not a.abstained and "2025年4月15日" in a.answer


def test_the_citys_figure_beside_last_years_in_the_same_sentence(wire):
    a = wire.ask("澄川市 2024 PM2.5 年均浓度")
    assert not a.abstained and "31微克" in a.answer


def test_a_post_asked_by_its_title_without_a_lexicon(wire):
    a = wire.ask("区政府第十九次常务会议是谁主持的")
    assert not a.abstained and "陆承泽" in a.answer
    from qa.answer.question import _title_asked

    assert _title_asked("澄东区区长是谁") == "区长" and _title_asked("董事长叫什么名字") == "董事长"
    assert _title_asked("大武口区政协2023年收到多少件提案") is None
