"""Places in a ranking, medal tallies and whom a named person did something to. News items written for these tests,
asked as a user would. Before: 杭州亚运会金牌榜第三名 answered 中国 (…，连续第十一次位居金牌榜首位), the reader then read
日本 (位列第二) and never 韩国; 美国代表团…多少枚银牌 gave the tally whole (40金44银42铜) and 多少枚金牌 nothing, or 日本's
20枚金牌; 苏纳克接替了谁 answered 基尔·斯塔默, whom the king appointed in the sentence before."""

from __future__ import annotations

import pytest

from qa.answer.others import other_counted, other_object
from qa.answer.siblings import other_role
from qa.text.figures import figures, medal_part
from tests.conftest import analysed, candidate_in, wire_fixture

NEWS = {
    "asiad.txt": "杭州亚运会闭幕 中国代表团金牌数创新高\n\n10月8日，第19届亚运会在杭州闭幕。中国体育代表团共获得201枚金牌、111枚银牌、"
                 "71枚铜牌，连续第十一次位居金牌榜首位。日本代表团以52枚金牌位列第二，韩国代表团获得42枚金牌排名第三。\n",
    "paris.txt": "巴黎奥运会落幕\n\n2024年8月11日，巴黎奥运会闭幕。美国代表团以40金44银42铜位居奖牌榜首位，中国代表团获得40枚金牌、"
                 "27枚银牌、24枚铜牌，金牌数与美国相同，因银牌数较少位列第二。日本以20枚金牌排名第三。\n",
    "uk.txt": "英国工党赢得大选 斯塔默出任首相\n\n2024年7月5日，英国国王查尔斯三世任命工党领袖基尔·斯塔默为新任首相。此前，保守党"
              "领袖苏纳克于2022年10月接替特拉斯出任首相，执政约20个月。\n",
    "games.txt": "两大综合性运动会相继在中国举办\n\n第31届世界大学生夏季运动会于2023年7月28日在成都开幕，8月8日闭幕。第19届亚运会于"
                 "2023年9月23日在杭州开幕，10月8日闭幕，共设40个大项。\n",
}
wire = wire_fixture(NEWS)


def test_a_place_said_in_the_clause_that_goes_on_is_the_names():
    story = "中国体育代表团共获得201枚金牌、111枚银牌、71枚铜牌，连续第十一次位居金牌榜首位。"
    third = analysed("杭州亚运会金牌榜第三名是哪个国家？")
    assert other_role(third, candidate_in(story, "中国"))  # first, said after 连续第十一次 (was taken for third)
    assert not other_role(analysed("杭州亚运会金牌榜第一名是哪个国家？"), candidate_in(story, "中国"))


def test_a_tally_is_read_by_the_medal_asked():
    tally = figures("美国代表团以40金44银42铜位居奖牌榜首位")[0]
    assert tally.text == "40金44银42铜"  # how many medals: the tally whole
    silver = medal_part(tally, "银")
    assert (silver.text, silver.value, silver.unit) == ("44银", 44.0, "枚")
    assert "美国代表团以40金44银42铜"[silver.start:silver.end] == "44银"
    assert medal_part(figures("获得40枚金牌")[0], "银").text == "40枚"  # no tally: as it was


def test_a_count_of_another_thing_of_its_kind_is_not_the_answer():
    silver = analysed("美国代表团获得多少枚银牌？")
    assert other_counted(silver, candidate_in("日本以20枚金牌排名第三。", "20枚"))
    assert not other_counted(silver, candidate_in("中国代表团获得27枚银牌。", "27枚"))
    assert other_counted(silver, candidate_in("美国代表团以40金44银42铜位居榜首。", "40金"))
    assert not other_counted(analysed("美国获得多少枚奖牌？"), candidate_in("美国代表团以40金44银42铜位居榜首。", "40金44银42铜"))


def test_whom_a_named_person_did_something_to_is_told_where_the_doing_is():
    asked = analysed("苏纳克接替了谁出任首相？")
    assert other_object(asked, candidate_in("英国国王查尔斯三世任命工党领袖基尔·斯塔默为新任首相。", "基尔·斯塔默"))
    assert not other_object(asked, candidate_in("此前，保守党领袖苏纳克于2022年10月接替特拉斯出任首相。", "特拉斯"))
    # a sentence that says the doing without the name (他接替…) may still be his
    assert not other_object(asked, candidate_in("他于2022年10月接替特拉斯出任首相。", "特拉斯"))


@pytest.mark.parametrize("question,answer", [
    ("杭州亚运会金牌榜第三名是哪个国家？", "韩国"),  # was 中国
    ("美国在巴黎奥运会获得了多少枚金牌？", "40金"),  # was "not found"
    ("美国代表团在巴黎奥运会获得多少枚银牌？", "44银"),  # was the tally whole
    ("巴黎奥运会中国获得多少枚银牌？", "27枚"),  # was 24枚, the bronzes
    ("巴黎奥运会美国获得多少枚奖牌？", "40金44银42铜"),  # all of them: the tally whole
    ("苏纳克接替了谁出任首相？", "特拉斯"),  # was 基尔·斯塔默
])
def test_ranks_tallies_and_whom(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)


def test_each_team_gets_its_golds_from_the_tally(wire):
    got = wire.ask("巴黎奥运会中国和美国各获得多少枚金牌？").answer  # 美国's part was "not found": the rules trusted China's
    assert "40枚" in got and "40金" in got, got
