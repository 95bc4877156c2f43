"""The person a question names is not whom it asks for; the first as a rank; ages in 周岁; a club's whole name: news
items written for these tests, asked as a user would. Before (stop 52's code, these items): 苏纳克接替了谁 里希·苏纳克正式就任英
(his own name); 苏纳克是英国第几位印度裔首相 "not found" (首位); 男职工法定退休年龄延迟至多少岁 "not found" (63周岁); 梅西加盟了
哪支球队 迈阿密 (of 迈阿密国际俱乐部). A name of letters and digits opening the question (T1, C919) is looked for in the
answer's story, as an unknown word is."""

from __future__ import annotations

import pytest

from qa.answer.others import named_asker
from qa.answer.spanfit import kind_fit
from qa.answer.units import unit_fit
from tests.conftest import analysed, candidate_in, wire_fixture

NEWS = {
    "uk.txt": "苏纳克就任英国首相\n\n2022年10月25日，里希·苏纳克正式就任英国首相，成为英国历史上首位印度裔首相。他接替仅执政45天的特拉斯。\n",
    "retire.txt": "渐进式延迟法定退休年龄改革\n\n2024年9月13日，十四届全国人大常委会第十一次会议通过关于实施渐进式延迟法定退休年龄的"
                  "决定，从2025年1月1日起，男职工法定退休年龄从60周岁逐步延迟至63周岁。\n",
    "messi.txt": "梅西加盟迈阿密国际\n\n2023年7月15日，美国职业足球大联盟球队迈阿密国际俱乐部宣布，阿根廷球星梅西正式加盟球队，"
                 "合同期至2025年。\n",
    "worlds.txt": "2023英雄联盟全球总决赛T1夺冠\n2023年11月19日，英雄联盟全球总决赛决赛在韩国首尔高尺巨蛋举行，韩国战队T1以3比0战胜"
                  "中国战队WBG，第四次夺得全球总决赛冠军。\n",
    "cba.txt": "辽宁男篮卫冕CBA总冠军\n2023年5月14日，CBA总决赛第四场在沈阳进行，辽宁本钢队以124比99战胜浙江稠州金租队，总比分4比0"
               "横扫对手，成功卫冕总冠军。\n",
    "oscar.txt": "《奥本海默》获第96届奥斯卡最佳影片\n\n第96届奥斯卡金像奖颁奖典礼于2024年3月10日在洛杉矶举行，《奥本海默》获得"
                 "最佳影片等7项大奖，基里安·墨菲凭借该片获得最佳男主角。\n",
}
wire = wire_fixture(NEWS)


def test_the_person_the_question_names_is_not_the_one_it_asks_for():
    story = "2022年10月25日，里希·苏纳克正式就任英国首相。"
    assert named_asker(analysed("苏纳克接替了谁？"), candidate_in(story, "里希·苏纳克"))
    assert not named_asker(analysed("苏纳克是谁？"), candidate_in(story, "里希·苏纳克"))  # who he is: his name
    assert not named_asker(analysed("谁接替了特拉斯？"), candidate_in(story, "里希·苏纳克"))


def test_the_first_is_a_rank_and_an_age_in_full_years_is_an_age():
    first = candidate_in("他成为英国历史上首位印度裔首相。", "首位")
    assert kind_fit(analysed("苏纳克是英国第几位印度裔首相？"), first, False) == 1.0
    assert unit_fit("岁", "周岁") == 1.0


@pytest.mark.parametrize("question,answer", [
    ("苏纳克接替了谁？", "特拉斯"),  # was 里希·苏纳克正式就任英
    ("苏纳克是英国第几位印度裔首相？", "首位"),  # was "not found"
    ("男职工法定退休年龄延迟至多少岁？", "63周岁"),  # was "not found"
    ("梅西加盟了哪支球队？", "迈阿密国际俱乐部"),  # was 迈阿密
    ("T1在2023年决赛中战胜了哪支战队？", "WBG"),  # was 辽宁本钢队 (over a larger probe set: a story never naming T1)
])
def test_people_ranks_ages_and_clubs(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)
