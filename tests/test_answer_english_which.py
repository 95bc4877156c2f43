"""English questions over Chinese news that ask which thing, which edition, or how many of a rounded figure. News
items written for these tests. Before (stop 54's code), over these items or stop 55's larger probe set: Which team won
the 2023 NBA championship -> 西班牙球员邦马蒂获得女足金球奖。 (another sport's story; NBA, which the NBA story writes as
is, was not required), Which film won Best Picture at the 96th Oscars -> 《瞬息全宇宙》 (the 95th's), Which company
developed Black Myth: Wukong -> the game's title, How many companies exhibited at the sixth CIIE -> 400余家 (the AI
conference's exhibitors), How many vehicles did Tesla deliver in 2023 -> "the documents disagree" on 180.8万辆 and
约181万辆 (one figure rounded)."""

from __future__ import annotations

import pytest

from qa.answer.absent import DocumentFacts, written_acronyms
from qa.answer.conflict import same_figure
from qa.answer.english import event_ordinals
from tests.conftest import figure_in, wire_fixture

NEWS = {
    "oscar.txt": "《奥本海默》获第96届奥斯卡最佳影片\n\n第96届奥斯卡金像奖颁奖典礼于2024年3月10日在洛杉矶举行，《奥本海默》获得最佳"
                 "影片等7项大奖，基里安·墨菲凭借该片获得最佳男主角。一年前，第95届奥斯卡最佳影片由《瞬息全宇宙》获得，布兰登·弗雷泽获最佳"
                 "男主角。\n",
    "nba.txt": "掘金队首夺NBA总冠军\n北京时间2023年6月13日，NBA总决赛第五场，丹佛掘金队以94比89击败迈阿密热火队，以总比分4比1夺得"
               "队史首座NBA总冠军。约基奇当选总决赛MVP。\n",
    "ballon.txt": "2023年金球奖揭晓\n北京时间2023年10月31日，2023年金球奖颁奖典礼在巴黎举行，梅西第八次获得金球奖，哈兰德和姆巴佩分列"
                  "第二、三位。西班牙球员邦马蒂获得女足金球奖。\n",
    "worldcup.txt": "女足世界杯：西班牙1比0英格兰首夺冠军\n2023年8月20日，第九届女足世界杯决赛在澳大利亚悉尼体育场进行，西班牙队凭借"
                    "卡莫娜的进球以1比0战胜英格兰队，首次夺得女足世界杯冠军。\n",
    "game.txt": "《黑神话：悟空》全球发售\n\n2024年8月20日，由游戏科学公司开发的国产3A游戏《黑神话：悟空》正式发售，游戏以中国古典小说"
                "《西游记》为背景。发售首日，该游戏在Steam平台同时在线人数突破220万。\n",
    "waic.txt": "2023世界人工智能大会开幕\n\n7月6日，2023世界人工智能大会在上海世博中心开幕，主题为“智联世界 生成未来”。大会为期3天，"
                "400余家企业参展，30余款大模型亮相。\n",
    "ciie5.txt": "第五届进博会成交735.2亿美元\n第五届中国国际进口博览会于2022年11月10日闭幕，按一年计意向成交735.2亿美元，"
                 "比上届下降3.9%。\n",
    "cars.txt": "2023年新能源车企成绩单出炉\n\n特斯拉1月2日公布，2023年全年共交付约181万辆电动汽车，同比增长38%。比亚迪2023年新能源"
                "汽车销量为302.44万辆，同比增长62.3%，继续位居全球第一。\n",
    "byd.txt": "比亚迪2023年销量突破302万辆\n比亚迪1月1日公布产销快报，2023年全年新能源汽车销量为302.44万辆，同比增长62.3%。其中海外"
               "销量为24.28万辆。特斯拉2023年全球交付量为180.8万辆。\n",
}
wire = wire_fixture(NEWS)


@pytest.mark.parametrize("question, answer", [
    ("Which team won the 2023 NBA championship?", "丹佛掘金队"),  # asked as 哪支球队, in the story that writes NBA
    ("Which film won Best Picture at the 96th Oscars?", "《奥本海默》"),  # the 96th: 第96届
    ("Which film won Best Picture at the 95th Oscars?", "《瞬息全宇宙》"),
    ("Which company developed Black Myth: Wukong?", "游戏科学公司"),
])
def test_which_thing_in_english(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and answer in got.answer, got.answer


def test_an_edition_no_story_numbers_is_not_answered_from_another_event(wire):
    got = wire.ask("How many companies exhibited at the sixth CIIE?")
    assert got.abstained or "400" not in got.answer, got.answer


def test_a_rounded_figure_is_no_disagreement(wire):
    got = wire.ask("How many vehicles did Tesla deliver in 2023?")
    assert not got.abstained and "disagree" not in got.answer, got.answer
    assert "181" in got.answer or "180.8" in got.answer


def test_editions_acronyms_and_rounding():
    assert event_ordinals("Which film won Best Picture at the 96th Oscars?") == ["第96届"]
    assert event_ordinals("How many companies exhibited at the sixth CIIE?") == ["第6届"]
    assert event_ordinals("How many proposals were filed at the third session of the ninth CPPCC?") == []
    docs = [DocumentFacts("掘金队首夺nba总冠军", None, False, False)]
    assert [e.text for e in written_acronyms("Which team won the NBA title?", [], docs)] == ["NBA"]
    assert written_acronyms("Which team won the CSL title?", [], docs) == []  # no story writes CSL: no constraint
    assert written_acronyms("What was China's GDP?", [], [DocumentFacts("gdp", None, False, False)]) == []
    assert same_figure(figure_in("共交付约181万辆。", "约181万辆"), figure_in("交付量为180.8万辆。", "180.8万辆"))
    assert not same_figure(figure_in("收到提案190件。", "190件"), figure_in("收到提案189件。", "189件"))
    assert not same_figure(figure_in("成绩为57秒82。", "57秒82"), figure_in("成绩为57秒69。", "57秒69"))  # 57.82 s
