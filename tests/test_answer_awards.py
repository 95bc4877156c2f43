"""Titles glued to their text, awards by category, who lost, whose country, averages, English names: news
items written for these tests (some with the title line right above the text, as plain text files often have it),
asked as a user would. Before (stop 52's code, these items): 2023年中国GDP是多少 "not found" and GPT-4是哪天发布的
Gemini's day (the title 2023年中国GDP增长5.2% was glued to the first sentence); 2023年温网女单冠军 冯德罗 (cut);
贾巴尔是哪国选手 哈萨克斯坦 (莱巴金娜's). Over a larger set of probe items, 第36届金鸡奖最佳男主角 was 李庚希 (最佳女主角), 2023年
人均国内生产总值 "documents disagree" with the total, and the English Wimbledon question 杨志军 (nothing found), then 贾巴尔
(who lost): those cases are kept here as guards."""

from __future__ import annotations

import pytest

from qa.answer.countries import someone_elses
from qa.answer.measures import total_for_average
from qa.answer.names import person_names
from qa.answer.others import beaten
from qa.answer.siblings import other_award
from qa.text.bilingual import is_english, name_senses
from qa.text.clean import clean_text
from tests.conftest import analysed, candidate_in, wire_fixture

NEWS = {
    "gdp.txt": "2023年中国GDP增长5.2%\n国家统计局1月17日发布数据，初步核算，2023年国内生产总值为1260582亿元，按不变价格计算，比上年"
               "增长5.2%。分季度看，一季度增长4.5%，二季度增长6.3%。全年人均国内生产总值89358元。\n",
    "gdp2.txt": "国家统计局：2023年国内生产总值超126万亿元\n\n国家统计局1月17日发布数据，初步核算，2023年全年国内生产总值1260582亿元，"
                "按不变价格计算，比上年增长5.2%。\n",
    "gpt4.txt": "OpenAI发布GPT-4\n美国人工智能研究公司OpenAI于当地时间2023年3月14日发布多模态大模型GPT-4。11月6日，OpenAI在首届"
                "开发者大会上推出GPT-4 Turbo。\n",
    "gemini.txt": "谷歌发布Gemini\n\n2023年12月6日，谷歌发布多模态大模型Gemini，称其在多项基准测试中超过GPT-4。\n",
    "tennis23.txt": "2023年温网女单决赛：冯德罗乌索娃夺冠\n北京时间7月15日晚，2023年温布尔登网球锦标赛女单决赛在全英俱乐部中央球场进行。"
                    "非种子选手、捷克名将冯德罗乌索娃以6比4、6比4击败突尼斯选手贾巴尔，首次夺得大满贯女单冠军。贾巴尔连续第二年在"
                    "温网决赛中失利。\n",
    "tennis22.txt": "2022年温网女单：莱巴金娜逆转夺冠\n2022年7月9日，哈萨克斯坦选手莱巴金娜在温网女单决赛中以3比6、6比2、6比2逆转战胜"
                    "贾巴尔，夺得个人首个大满贯冠军。\n",
    "film.txt": "第36届中国电影金鸡奖揭晓\n11月4日晚，第36届中国电影金鸡奖颁奖典礼在福建厦门举行。《流浪地球2》获得最佳故事片奖，"
                "《满江红》导演张艺谋获最佳导演奖，于和伟凭借《我的父亲焦裕禄》获得最佳男主角，李庚希凭借《中国乒乓之绝地反击》获最佳"
                "女主角。\n",
    "oscar.txt": "《奥本海默》获第96届奥斯卡最佳影片\n\n第96届奥斯卡金像奖颁奖典礼于2024年3月10日在洛杉矶举行，《奥本海默》获得最佳"
                 "影片等7项大奖，基里安·墨菲凭借该片获得最佳男主角。一年前，第95届奥斯卡最佳影片由《瞬息全宇宙》获得，布兰登·弗雷泽获最佳"
                 "男主角。\n",
    "film22.txt": "第35届金鸡奖：《人世间》等获奖\n2022年11月12日，第35届中国电影金鸡奖在厦门揭晓，《长津湖》获最佳故事片奖，朱一龙"
                  "凭借《人生大事》获最佳男主角，咏梅获最佳女主角。\n",
    "asiad.txt": "第19届亚运会闭幕\n10月8日晚，杭州第19届亚运会在杭州奥体中心体育场闭幕。中国体育代表团共获得201枚金牌，连续11届"
                 "位居亚运会金牌榜第一。下一届亚运会将于2026年在日本爱知县和名古屋举行。\n",
    "cop.txt": "第28届联合国气候变化大会闭幕\n\n2023年12月13日，《联合国气候变化框架公约》第28次缔约方大会（COP28）在阿联酋迪拜闭幕。"
               "大会达成“阿联酋共识”。下一届大会将在阿塞拜疆巴库举行。\n",
}
wire = wire_fixture(NEWS)


def test_a_title_right_above_its_text_is_a_heading_of_its_own():
    doc = clean_text("2023年中国GDP增长5.2%\n国家统计局1月17日发布数据，初步核算，2023年国内生产总值为1260582亿元。")
    assert [(b.kind, b.text[:5]) for b in doc.blocks] == [("heading", "2023年"), ("body", "国家统计局")]
    wrapped = clean_text("政协第十一届委员会第三次会议在\n西宁召开，会议听取了常委会工作报告。")  # a hard wrap fills its line
    assert [b.kind for b in wrapped.blocks] == ["body"] and "会议在西宁召开" in wrapped.text


def test_a_name_spelt_by_sound_from_a_surname_on_is_whole():
    story = "非种子选手、捷克名将冯德罗乌索娃以6比4击败突尼斯选手贾巴尔"
    assert "冯德罗乌索娃" in [story[a:b] for a, b in person_names(story)]  # jieba: 冯 | 德罗 | 乌索娃


def test_the_one_who_lost_is_not_the_winner_and_a_description_of_the_one_asked_is_no_defeat():
    lost = "贾巴尔连续第二年在温网决赛中失利。"
    assert beaten(analysed("2023年温网女单冠军是谁？"), candidate_in(lost, "贾巴尔"))
    assert not beaten(analysed("谁在温网决赛中失利？"), candidate_in(lost, "贾巴尔"))  # the one who lost asked
    assert not beaten(analysed("2023年温网女单冠军是谁？"), candidate_in("她在首轮失利后一路逆袭夺冠。", "她"))
    story = "冯德罗乌索娃以6比4、6比4击败突尼斯选手贾巴尔，首次夺得大满贯女单冠军。"
    assert not beaten(analysed("贾巴尔是哪国选手？"), candidate_in(story, "突尼斯"))


def test_a_country_that_describes_someone_else_is_not_the_one_asked():
    story = "2022年7月9日，哈萨克斯坦选手莱巴金娜在温网女单决赛中以3比6、6比2、6比2逆转战胜贾巴尔，夺得冠军。"
    assert someone_elses("贾巴尔是哪国选手？", candidate_in(story, "哈萨克斯坦"), ["贾巴尔", "选手"])
    assert not someone_elses("莱巴金娜是哪国选手？", candidate_in(story, "哈萨克斯坦"), ["莱巴金娜", "选手"])


def test_keywords_asking_a_title_holder_do_not_take_who_lost():
    lost = "贾巴尔连续第二年在温网决赛中失利。"
    assert beaten(analysed("2023年温网女单冠军"), candidate_in(lost, "贾巴尔"))


def test_chinese_keywords_around_latin_names_are_chinese():
    assert not is_english("2023年NBA总决赛MVP") and not is_english("华为Mate 60 Pro发售时间")
    assert is_english("Who was the 2023 NBA Finals MVP?") and is_english("Tesla Model Y deliveries")


def test_another_category_of_the_award_is_not_the_one_asked():
    story = "于和伟凭借《我的父亲焦裕禄》获得最佳男主角，李庚希凭借《中国乒乓之绝地反击》获最佳女主角。"
    actor = analysed("第36届金鸡奖最佳男主角是谁？")
    assert other_award(actor, candidate_in(story, "李庚希")) and not other_award(actor, candidate_in(story, "于和伟"))
    assert not other_award(analysed("《满江红》的导演是谁？"), candidate_in(story, "李庚希"))  # no category asked


def test_a_total_is_no_average():
    average = analysed("2023年人均国内生产总值是多少？")
    assert total_for_average(average, candidate_in("2023年全年国内生产总值1260582亿元。", "1260582亿元"))
    assert not total_for_average(average, candidate_in("全年人均国内生产总值89358元。", "89358元"))
    assert not total_for_average(analysed("2023年国内生产总值是多少？"), candidate_in("国内生产总值1260582亿元。", "1260582亿元"))


def test_english_names_the_dictionary_gives():
    assert "温布尔登" in name_senses("Who won the 2023 Wimbledon women's singles?")
    assert "亚运会" in name_senses("How many gold medals did China win at the Hangzhou Asian Games?")
    assert name_senses("how many proposals were filed?") == []  # no name, no guess


@pytest.mark.parametrize("question,answer", [
    ("2023年中国GDP是多少？", "1260582亿元"),  # was "not found": the title glued to the first sentence
    ("GPT-4是哪天发布的？", "2023年3月14日"),  # was Gemini's 2023年12月6日
    ("2023年温网女单冠军是谁？", "冯德罗乌索娃"),  # was 冯德罗
    ("贾巴尔是哪国选手？", "突尼斯"),  # was 哈萨克斯坦 (莱巴金娜's)
    ("第36届金鸡奖最佳男主角是谁？", "于和伟"),  # was 李庚希 (最佳女主角)
    ("第36届金鸡奖最佳女主角是谁？", "李庚希"),
    ("2023年人均国内生产总值是多少？", "89358元"),  # was "documents disagree" with the total
])
def test_titles_awards_and_countries(wire, question, answer):
    got = wire.ask(question)
    assert not got.abstained and got.answer == answer, (question, got.answer)


def test_who_won_asked_in_english(wire):
    got = wire.ask("Who won the 2023 Wimbledon women's singles?")  # was 杨志军 (nothing found), then 贾巴尔 (who lost)
    assert not got.abstained and "冯德罗乌索娃" in got.answer and "贾巴尔" not in got.answer, got.answer
