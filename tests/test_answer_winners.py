"""Who won, who made which work, names spelt by sound: news items written for these tests, asked as a user would.
Before: 阿根廷新一任总统是谁 answered 经济部长塞尔吉奥·马萨 (…击败经济部长塞尔吉奥·马萨，当选阿根廷新一任总统: the one beaten),
2023年美网男单冠军 梅德韦 (beaten, and cut: 梅德韦杰夫), 北京马拉松男子组冠军 何杰 (third) and then 塔德塞·塔科 (cut),
《孤注一掷》的监制 为宁浩, 《宝水》的作者 杨志军 (who wrote 《雪山大地》) and then 杨, 全球最大的汽车出口国 日本 (…首次超过日本，
成为全球第一大汽车出口国)."""

from __future__ import annotations

import pytest

from qa.answer.names import dotted_end, person_names
from qa.answer.others import beaten, other_title
from qa.answer.siblings import other_role
from tests.conftest import analysed, candidate_in, wire_fixture

NEWS = {
    "argentina.txt": "米莱当选阿根廷总统\n\n当地时间2023年11月19日，阿根廷总统选举第二轮投票结果揭晓，自由前进联盟候选人哈维尔·米莱以55.7%的"
                     "得票率击败经济部长塞尔吉奥·马萨，当选阿根廷新一任总统。\n",
    "usopen.txt": "德约科维奇夺得美网男单冠军\n\n北京时间2023年9月11日，美国网球公开赛男单决赛中，塞尔维亚名将德约科维奇以3比0战胜"
                  "俄罗斯选手梅德韦杰夫，夺得个人第24个大满贯冠军。女单冠军由美国选手高芙获得，她在决赛中逆转击败萨巴伦卡。\n",
    "marathon.txt": "2023北京马拉松鸣枪开跑\n\n10月29日，2023北京马拉松在天安门广场鸣枪起跑，3万名跑者参赛。埃塞俄比亚选手塔德塞·"
                    "塔科内以2小时09分02秒获得男子组冠军，中国选手何杰以2小时10分47秒获得第三名，女子组冠军由中国选手张德顺获得。\n",
    "film.txt": "《孤注一掷》票房突破35亿\n\n由申奥执导，张艺兴、金晨、咏梅、王传君主演的电影《孤注一掷》于2023年8月8日上映，截至9月"
                "票房突破35亿元。该片监制为宁浩。\n",
    "export.txt": "我国汽车出口跃居全球第一\n\n据中国汽车工业协会统计，2023年我国汽车出口491万辆，同比增长57.9%，首次超过日本，成为"
                  "全球第一大汽车出口国。\n",
    "book.txt": "第十一届茅盾文学奖揭晓\n\n2023年8月11日，第十一届茅盾文学奖评选结果揭晓，杨志军的《雪山大地》、乔叶的《宝水》、"
                "刘亮程的《本巴》、孙甘露的《千里江山图》、东西的《回响》获奖。\n",
}
wire = wire_fixture(NEWS)


def test_the_one_beaten_is_not_the_winner():
    story = "塞尔维亚名将德约科维奇以3比0战胜俄罗斯选手梅德韦杰夫，夺得个人第24个大满贯冠军。"
    champion = analysed("2023年美网男单冠军是谁？")
    assert beaten(champion, candidate_in(story, "梅德韦杰夫")) and not beaten(champion, candidate_in(story, "德约科维奇"))
    assert not beaten(analysed("德约科维奇在决赛中战胜了谁？"), candidate_in(story, "梅德韦杰夫"))  # the one beaten asked
    assert not beaten(analysed("Who did Djokovic beat in the final?"), candidate_in(story, "梅德韦杰夫"))
    first = "2023年我国汽车出口491万辆，首次超过日本，成为全球第一大汽车出口国。"  # the one passed is not the first
    assert beaten(analysed("2023年全球最大的汽车出口国是哪个国家？"), candidate_in(first, "日本"))


def test_a_place_in_the_race_is_no_title_unless_the_next_clause_gives_it():
    champion = analysed("2023北京马拉松男子组冠军是谁？")
    race = "中国选手何杰以2小时10分47秒获得第三名，女子组冠军由中国选手张德顺获得。"
    assert other_role(champion, candidate_in(race, "何杰"))
    f1 = "红牛车队车手维斯塔潘获得第二名，提前6站锁定2023赛季F1世界车手总冠军。"
    assert not other_role(analysed("2023赛季F1车手总冠军是谁？"), candidate_in(f1, "维斯塔潘"))


def test_names_spelt_by_sound_are_whole():
    story = "俄罗斯选手梅德韦杰夫，夺得"
    assert [story[a:b] for a, b in person_names(story)] == ["梅德韦杰夫"]  # jieba: 梅德韦 | 杰夫
    runner = "埃塞俄比亚选手塔德塞·塔科内以2小时09分02秒获得男子组冠军"
    assert runner[:dotted_end(runner, runner.index("·"))].endswith("塔德塞·塔科内")  # jieba: 塔科 | 内以


def test_the_maker_of_another_work_is_someone_else():
    story = "杨志军的《雪山大地》、乔叶的《宝水》、刘亮程的《本巴》获奖。"
    asked = analysed("《宝水》的作者是谁？")
    assert other_title(asked, candidate_in(story, "杨志军")) and not other_title(asked, candidate_in(story, "乔叶"))


@pytest.mark.parametrize("question,answer", [
    ("阿根廷新一任总统是谁？", "哈维尔·米莱"),  # was 经济部长塞尔吉奥·马萨
    ("2023年美网男单冠军是谁？", "德约科维奇"),  # was 梅德韦, beaten
    ("德约科维奇在美网决赛中战胜了谁？", "梅德韦杰夫"),  # was 梅德韦
    ("2023北京马拉松男子组冠军是谁？", "塔德塞·塔科内"),  # was 何杰, third
    ("《孤注一掷》的监制是谁？", "宁浩"),  # was 为宁浩
    ("《宝水》的作者是谁？", "乔叶"),  # was 杨志军, then 杨
    ("2023年全球最大的汽车出口国是哪个国家？", "中国"),  # was 日本, the country passed
])
def test_who_won_or_made_it(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)
