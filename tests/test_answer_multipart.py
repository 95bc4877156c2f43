"""Multi-part questions on the real corpus index: answered part by part, each part cited.

The questions are eval/gold/multipart.jsonl and eval/gold/multipart-fresh.jsonl: two or
three asks in one question (、，和, "and how many"), or two organisations with 分别. Each
answered part's line holds its figure and the number of a citation that quotes it; a part
the documents do not answer says so, and the other parts are still answered.
"""

from __future__ import annotations

import re

import pytest

from eval.gold import load_gold
from qa.answer.intent import asked, keyword_ask, split
from qa.answer.multipart import as_question
from qa.answer.pipeline import Answerer
from qa.config import Settings
from qa.text.normalize import normalize_for_match
from tests.conftest import GOLD

ITEMS = [it for name in ("multipart.jsonl", "multipart-fresh.jsonl") for it in load_gold(GOLD / name)]
# a known miss, kept visible: the glossary reads "opened" as 开幕 and "member visits" finds no figure
KNOWN_MISSES = {"mpf-09": "English wording the glossary does not map to the report's (opened, member visits)"}


@pytest.fixture(scope="module")
def answerer(retriever):
    return Answerer(retriever, Settings())


def test_the_question_sets_are_big_enough():
    assert len(ITEMS) >= 15 and {"zh", "en"} <= {it.lang for it in ITEMS}
    assert sum(bool(it.extra.get("unanswerable_parts")) for it in ITEMS) >= 3


@pytest.mark.parametrize("item", [pytest.param(it, marks=pytest.mark.xfail(reason=KNOWN_MISSES[it.id], strict=True))
                                  if it.id in KNOWN_MISSES else it for it in ITEMS], ids=[it.id for it in ITEMS])
def test_each_part_is_answered_with_its_own_citation(item, answerer, corpus_index):
    a = answerer.ask(item.question)
    assert a.answer_type == "multipart" and not a.abstained, a.answer
    lines = a.answer.splitlines()
    assert len(lines) == len(item.answer_groups), lines
    unanswerable = set(item.extra.get("unanswerable_parts", []))
    by_n = {c.n: c for c in a.citations}
    for k, (line, group) in enumerate(zip(lines, item.answer_groups), 1):
        assert line.startswith(f"{k}. ")
        if k in unanswerable:  # says so, cites nothing, and the notes name the part
            assert any(g in line for g in group) and not re.search(r"\[\d+\]", line), line
            assert any(n.startswith(f"part {k} not found") for n in a.notes), a.notes
            continue
        assert any(normalize_for_match(g) in normalize_for_match(line) for g in group), line
        marks = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert marks, f"part {k} has no citation: {line}"
        quoted = normalize_for_match(" ".join(by_n[n].text for n in marks))
        assert any(normalize_for_match(g) in quoted for g in group), (line, quoted)
    for c in a.citations:
        assert corpus_index.document(c.doc_id).text[c.start : c.end] == c.text


def test_every_part_unanswerable_is_one_not_found(answerer):
    a = answerer.ask("城北区政协收到了多少件人大代表建议，建了多少个海外联络站？")
    assert a.abstained and not a.citations


@pytest.mark.parametrize("question,orgs,parts", [
    ("城北区政协开展了多少次集中学习、讲了多少场党课？", ["城北区政协"],
     ["城北区政协开展了多少次集中学习", "城北区政协讲了多少场党课"]),
    ("城北区政协一年开展了几次专题协商，几次监督性视察？", ["城北区政协"],
     ["城北区政协一年开展了几次专题协商", "城北区政协一年开展了几次监督性视察"]),
    ("西宁市政协在专题协商中形成了几篇调研报告，提出了多少条意见建议？", ["西宁市政协"],
     ["西宁市政协在专题协商中形成了几篇调研报告", "西宁市政协在专题协商中提出了多少条意见建议"]),
    ("城北区政协和大武口区政协分别收到了多少件提案？", ["城北区政协", "大武口区政协"],
     ["城北区政协收到了多少件提案", "大武口区政协收到了多少件提案"]),
    ("城北区政协的提案办理率和满意率分别是多少？", ["城北区政协"],
     ["城北区政协的提案办理率是多少", "城北区政协的满意率是多少"]),
    # organisations side by side, no 分别: the same question of each; a comparison stays one question
    ("张掖市政协和庆阳市政协的主席", ["张掖市政协", "庆阳市政协"], ["张掖市政协的主席", "庆阳市政协的主席"]),
    ("大武口区政协与张掖市政协主席是谁？", ["大武口区政协", "张掖市政协"],
     ["大武口区政协主席是谁", "张掖市政协主席是谁"]),
    ("城北区政协和大武口区政协哪个收到的提案更多？", ["城北区政协", "大武口区政协"],
     ["城北区政协和大武口区政协哪个收到的提案更多？"]),
    ("城北区政协和大武口区政协一共收到多少件提案？", ["城北区政协", "大武口区政协"],
     ["城北区政协和大武口区政协一共收到多少件提案？"]),
    # the coordinated items share what stands before and after them (news questions of RGB-zh)
    ("2022年澳网男单和女单冠军分别是谁？", [], ["2022年澳网男单冠军是谁", "2022年澳网女单冠军是谁"]),
    ("北京冬奥会美国和中国分别获得多少金牌？", [], ["北京冬奥会美国获得多少金牌", "北京冬奥会中国获得多少金牌"]),
    ("塔里木油田2021年和2022年的油气产量分别是多少？", [],
     ["塔里木油田2021年的油气产量是多少", "塔里木油田2022年的油气产量是多少"]),
    ("2023年奥斯卡最佳女主角和最佳男主角分别是谁？", [], ["2023年奥斯卡最佳女主角是谁", "2023年奥斯卡最佳男主角是谁"]),
    ("2023年全国跳水冠军赛女子双人10米跳台和男子双人10米跳台冠军分别是谁？", [],
     ["2023年全国跳水冠军赛女子双人10米跳台冠军是谁", "2023年全国跳水冠军赛男子双人10米跳台冠军是谁"]),
    # one ask right after two things, no 分别: each is asked
    ("《人世间》的导演和编剧是谁？", [], ["《人世间》的导演是谁", "《人世间》的编剧是谁"]),
    # keywords naming two things (no ask word): each, when the items are things, places or years
    ("MU5735航班坠毁的时间和地点", [], ["MU5735航班坠毁的时间", "MU5735航班坠毁的地点"]),
    ("2022年特斯拉和比亚迪交付量", [], ["2022年特斯拉交付量", "2022年比亚迪交付量"]),
    ("成都大运会和杭州亚运会开幕时间", [], ["成都大运会开幕时间", "杭州亚运会开幕时间"]),
    ("2021年香港和澳门的GDP增长率", [], ["2021年香港的GDP增长率", "2021年澳门的GDP增长率"]),
    # two years side by side: the same question of each year, the subject kept; a total stays one
    ("星河大学2022年和2023年分别录取了多少名本科生？", [], ["星河大学2022年录取了多少名本科生", "星河大学2023年录取了多少名本科生"]),
    ("青山市2021和2022年的粮食产量", [], ["青山市2021年的粮食产量", "青山市2022年的粮食产量"]),
    ("2022年和2023年共收到多少件提案？", [], ["2022年和2023年共收到多少件提案？"]),
    # a later part naming its own thing replaces the first part's; one with only a verb shares its subject
    ("星河论坛的主办方是谁，承办方是谁？", [], ["星河论坛的主办方是谁", "星河论坛的承办方是谁"]),
    ("星河镇建成议事室的村有多少个，覆盖了多少户？", [], ["星河镇建成议事室的村有多少个", "星河镇建成议事室的村覆盖了多少户"]),
    # a later part opening with a period of its own takes the first part's words before its period, not after
    ("星河汽车2023年7月销量是多少？1-7月累计销售了多少辆？", [],
     ["星河汽车2023年7月销量是多少", "星河汽车2023年1-7月累计销售了多少辆"]),
    ("星河汽车7月交付了多少辆，8月又交付了多少辆？", [], ["星河汽车7月交付了多少辆", "星河汽车8月又交付了多少辆"]),
    # a later part opening with 他 or 她 is about whom the first part names first, not about its whole setting
    ("林小雨在2023年星河杯跳绳决赛中跳了多少次？她是哪所学校的学生？", [],
     ["林小雨在2023年星河杯跳绳决赛中跳了多少次", "林小雨是哪所学校的学生"]),
    ("星河公司2023年营收多少？它的利润是多少？", [], ["星河公司2023年营收多少", "星河公司利润是多少"]),
    # A和B的X: each one's X, even when jieba cuts B's first character apart (冬|残奥会)
    ("北京冬奥会和冬残奥会的开幕日期分别是什么时候?", [], ["北京冬奥会的开幕日期是什么时候", "冬残奥会的开幕日期是什么时候"]),
    # keywords naming two activities ask for the statement that holds both (the coordination set)
    ("大武口区政协研讨交流与主题党日的次数", ["大武口区政协"], ["大武口区政协研讨交流与主题党日的次数"]),
    ("城北区政协九届三次会议期间提交和立案的提案数", ["城北区政协"], ["城北区政协九届三次会议期间提交和立案的提案数"]),
    # but not a list's total, a word that holds 与 (参与), or a total asked with 共
    ("庆阳建立的乡镇(街道)委员工作站、协商议事会和议事室有多少个？", ["庆阳市政协"],
     ["庆阳建立的乡镇(街道)委员工作站、协商议事会和议事室有多少个？"]),
    ("海西州各乡镇街道的“微协商”平台开展活动时，政协委员参与了多少人次？", ["海西州政协"],
     ["海西州各乡镇街道的“微协商”平台开展活动时，政协委员参与了多少人次？"]),
    ("主题教育期间，大武口区政协开展读书班和集中学习共多少场次？", ["大武口区政协"],
     ["主题教育期间，大武口区政协开展读书班和集中学习共多少场次？"]),
    # asks of 什么 or 哪…: clauses each ending in an ask, two things asked of each, two places' same question
    ("星河牌手机的芯片是什么，起售价多少？", [], ["星河牌手机的芯片是什么", "星河牌手机的起售价多少"]),
    ("《山海》是什么类型的电影？它的导演是谁？", [], ["《山海》是什么类型的电影", "《山海》导演是谁"]),
    ("2022年星河奖最佳影片奖和最佳导演奖分别是什么？", [], ["2022年星河奖最佳影片奖是什么", "2022年星河奖最佳导演奖是什么"]),
    ("上海和北京2023年的常住人口是多少？", [], ["上海2023年的常住人口是多少", "北京2023年的常住人口是多少"]),
    ("2024年星河公开赛男女单打冠军是谁？", [], ["2024年星河公开赛男子单打冠军是谁", "2024年星河公开赛女子单打冠军是谁"]),
    ("2024年星河公开赛男女单冠军", [], ["2024年星河公开赛男单冠军", "2024年星河公开赛女单冠军"]),
    ("星河论坛的举办时间和地点？", [], ["星河论坛的举办时间", "星河论坛的举办地点"]),  # 举办 of each
    # ...but not names of one list, what a verb says of both, or names told before the ask
    ("英国、法国及希腊在会上推出了什么条约？", [], ["英国、法国及希腊在会上推出了什么条约？"]),
    ("东欧及东南欧的人当时大多使用哪一种字母？", [], ["东欧及东南欧的人当时大多使用哪一种字母？"]),
    ("1970年几内亚和法国断交后，新货币叫什么？", [], ["1970年几内亚和法国断交后，新货币叫什么？"]),
    ("什么时候开始，中国和俄罗斯境内的赫哲族受到了汉化？", [], ["什么时候开始，中国和俄罗斯境内的赫哲族受到了汉化？"]),
    # ...and an ask inside a clause names a topic, and quoted words ask nothing
    ("围绕协商什么、谁来协商这些问题，星河市政协出台的那份意见叫什么？", [],
     ["围绕协商什么、谁来协商这些问题，星河市政协出台的那份意见叫什么？"]),
    ("星河区政协开展“想想我是哪种干部”专题研讨，交了多少篇材料？", [],
     ["星河区政协开展“想想我是哪种干部”专题研讨，交了多少篇材料？"]),
    # one ask each: not multi-part
    ("大武口获得市级以上殊荣的那几位政协委员，一共拿了多少项荣誉？", ["大武口区政协"],
     ["大武口获得市级以上殊荣的那几位政协委员，一共拿了多少项荣誉？"]),
    ("大武口区政协召开常委会、党组会和党组理论学习中心组会议总共多少次？", ["大武口区政协"],
     ["大武口区政协召开常委会、党组会和党组理论学习中心组会议总共多少次？"]),
])
def test_chinese_questions_are_cut_into_parts_that_stand_alone(question, orgs, parts):
    assert split(question, orgs, []) == parts


def test_english_parts_and_a_leading_phrase_that_asks_nothing():
    parts = split("How many proposals did the Dawukou District CPPCC receive in 2023, and how many were registered?",
                  ["大武口区政协"], [2023], "en")
    assert len(parts) == 2 and parts[1].startswith("how many were registered") and "大武口区政协" in parts[1]
    one = "In 2022, how many supervisory inspections did the Chengbei District CPPCC carry out?"
    assert split(one, ["城北区政协"], [2022], "en") == [one]


def test_a_keyword_part_asks_for_the_figure_or_place_it_names():
    # parts we cut from keywords (2022年特斯拉和比亚迪交付量) are answered as the questions they stand for
    assert asked("2022年特斯拉交付量") == "2022年特斯拉交付量是多少"
    assert asked("2021年香港的GDP增长率") == "2021年香港的GDP增长率是多少"
    assert asked("MU5735航班坠毁的地点") == "MU5735航班坠毁的地点在哪里"
    assert asked("《山海》的主演") == "《山海》的主演是谁"  # who, not a statement; not 冠军 (a team as often)
    assert asked("2023年温网男单冠军") == "2023年温网男单冠军"
    for as_is in ("城北区政协的提案办理率是多少", "MU5735航班坠毁的时间", "城北区政协开展集中学习和讲党课的次数比较"):
        assert asked(as_is) == as_is


def test_a_keyword_query_naming_one_figure_asks_for_it():
    assert keyword_ask("2022年英特尔全年营收") == "2022年英特尔全年营收是多少？"
    assert keyword_ask("城北区政协提案办理率？") == "城北区政协提案办理率是多少？"
    # ending in a count's measure: 场次, 人次, 件数 (fresh13's first run answered a sentence)
    assert keyword_ask("大武口区政协 2023 专题培训班 场次") == "大武口区政协 2023 专题培训班 场次是多少？"
    assert keyword_ask("2023年五一旅游人次") == "2023年五一旅游人次是多少？"
    assert keyword_ask("城北区政协提案件数") == "城北区政协提案件数是多少？"
    # several things side by side stay keywords (parts, or a statement); questions stay as asked
    for as_is in ("城北区政协开展集中学习和讲党课的次数", "大武口区政协收到多少件提案？", "大武口区政协的履职思路"):
        assert keyword_ask(as_is) == as_is


def test_a_keyword_query_is_answered_with_the_figure_not_the_sentence(answerer):
    a = answerer.ask("大武口区政协2023年收到的提案数量")
    assert a.answer == "190件" and a.question == "大武口区政协2023年收到的提案数量", a.answer


@pytest.mark.parametrize("part, question", [
    ("尼康Zf复古相机仅机身价格又是多少", "尼康Zf复古相机仅机身价格又是多少？"),
    ("2022年特斯拉交付量", "2022年特斯拉交付量是多少？"),  # a keyword part asks, with its mark
    ("who chairs the Chengbei CPPCC", "who chairs the Chengbei CPPCC?"),
    ("城北区政协开展集中学习", "城北区政协开展集中学习"),  # no ask: keywords read best as they are
    ("立案多少件？", "立案多少件？"),
])
def test_a_part_is_asked_with_the_question_mark_the_split_took_away(part, question):
    assert as_question(part) == question


SPEC = ("据爆料，星影新款 K7 全画幅复古相机将在 9 月发布，从曝光的图片可以看到机身标有 K7 字样。星影 K7 全画幅复古相机爆料"
        "汇总如下：银色相机机身26.1 MP 背照式传感器重量：680g（含电池）尺寸：138mm x 98mm连拍可达 20fps (JPG / HEIF）"
        "支持 4k 60 视频录制双存储卡插槽（SD+MicroSD）9 月发布，2023 年底前发货与上代相比，改进了自动对焦仅机身价格："
        "1799 美元（当前约 13130 元人民币）与上代非常相似，做工更好顶部小屏用于快门显示")


def test_the_reader_reads_a_part_as_the_question_a_user_types():
    """The reader learnt on questions that end in a question mark: a part read without it points at
    the price half as surely (span score 1.5 against 2.9 here; 0.03 against 4.1 on a real news item,
    where the part went unanswered)."""
    from qa.reader import get_reader

    reader = get_reader("trained")
    windows = [SPEC[i:i + 150] for i in range(0, len(SPEC), 120)]
    part = "星影K7复古相机仅机身价格又是多少"
    best = {q: reader.read(q, windows, 2)[0] for q in (part, as_question(part), part + "？")}
    assert "1799 美元" in best[as_question(part)].text
    assert best[as_question(part)].score == best[part + "？"].score > best[part].score + 0.5
