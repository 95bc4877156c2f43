"""English questions over Chinese documents that no glossary covers: a general dictionary
(CC-CEDICT) read backwards, constrained to the words the passages write. The news items are
written for these tests; eval/gold/news-dev.jsonl and news-fresh.jsonl measure the same on real news."""

from __future__ import annotations

import pytest

from qa.answer.english import around_number
from qa.answer.question import analyse
from qa.lexicon import EMPTY, Lexicon
from qa.text import bilingual
from qa.text.glossary import speaks
from tests.conftest import wire_fixture

GAME = "8月9日，《极限竞速：地平线5》官方宣布，游戏全球玩家数量超过3200万，成为该系列最成功的作品。"
SHIPS = ("克拉克森的数据显示，中国船东所拥有的船队规模达到2.492亿总吨，市场份额占比为15.9%；"
         "希腊船东在油轮市场占比为25%。")


def test_english_words_become_the_chinese_words_of_the_passage():
    assert bilingual.in_passages("How many players does Forza Horizon 5 have worldwide?", [GAME])[:1] == ["玩家"]
    # two words one sense; a people's adjective stands for its country
    words = bilingual.in_passages("According to Clarksons, what market share do Chinese shipowners' fleets hold?",
                                  [SHIPS])
    assert "市场份额" in words and "中国" in words and "船队" in words, words
    assert "希腊" not in words


def test_only_words_the_passages_write_count():
    # "share" has dozens of Chinese words; none of them is in a passage about a game
    assert "份额" not in bilingual.in_passages("What market share does it hold?", [GAME])
    assert bilingual.in_passages("What is it?", [GAME]) == []


def test_place_words_and_name_adjectives_are_not_translated():
    text = "大武口区政协组织委员走访街道社区。穿旗袍的演员登台表演。"
    words = bilingual.in_passages("How many Chinese visits did the Dawukou District CPPCC organise?", [text])
    assert "街道" not in words  # District is part of an organisation's name, matched as such
    assert "旗袍" not in words  # "Chinese dress" does not make Chinese mean 旗袍
    assert "走访" in words


@pytest.mark.parametrize("word, form", [("players", "player"), ("cancelled", "cancel"),
                                        ("companies", "company"), ("refused", "refuse")])
def test_inflected_words_are_looked_up_as_the_dictionary_writes_them(word, form):
    assert form in bilingual.forms(word)


def test_a_corpus_glossary_is_trusted_over_the_dictionary():
    lexicon = Lexicon(glossary={"proposals": "提案"})
    assert speaks("How many proposals did Dawukou receive?", lexicon)
    assert not speaks("How many players does Forza Horizon 5 have?", lexicon)
    assert not speaks("How many proposals did Dawukou receive?", EMPTY)


def test_chinese_magnitudes_are_said_in_english():
    assert around_number("How many players does it have?", "3200万") == "32 million players (3200万)"
    assert around_number("How many people came by train?", "1.2亿人次").startswith("120 million people")
    assert around_number("How many iPhone 15 series phones will Apple make?", "8630万部") == \
        "86.3 million iPhone 15 series phones (8630万部)"
    assert around_number("How many proposals were filed?", "190件") == "190 proposals (190件)"


@pytest.mark.parametrize("question", ["What was the average pork price at China's wholesale markets?",
                                      "What is the starting price of the new Model X?",
                                      "What market share do Chinese shipowners hold?"])
def test_a_figure_named_after_what_asks_for_a_number(question):
    q = analyse(question, [], lambda t: t.split(), EMPTY)
    assert q.kind == "number", q.kind


def test_a_name_after_what_still_asks_for_a_name():
    q = analyse("What is the name of the mobile app launched by the city?", [], lambda t: t.split(), EMPTY)
    assert q.kind != "number"


NEWS = {
    "游戏.txt": "2023-08-09 10:00\n\n" + GAME + "开发商表示将继续推出新的扩展内容。\n",
    "航运.txt": "2023-08-08 09:00\n\n" + SHIPS + "业内人士认为，中国船东的船队仍将继续扩张。\n",
    "猪肉.txt": "2023-08-05 08:00\n\n据农业农村部监测，8月4日，全国农产品批发市场猪肉平均价格为22.17元/公斤，"
              "比前一周上涨11.6%；牛肉平均价格为72.5元/公斤。\n",
    "苹果.txt": "2023-08-07 11:00\n\n据报道，苹果今年计划生产8630万部iPhone 15系列新机，与去年持平。"
              "售价预计从799美元起。\n",
}


news = wire_fixture(NEWS)


@pytest.mark.parametrize("question, expected", [
    ("How many players does Forza Horizon 5 have worldwide?", "3200万"),  # before: not found
    ("What market share do Chinese shipowners' fleets hold, according to Clarksons?", "15.9%"),  # before: not found
    ("What was the average pork price at China's agricultural wholesale markets on August 4?", "22.17元"),
    ("How many iPhone 15 series phones does Apple plan to produce this year?", "8630万部"),  # before: not found
])
def test_english_questions_over_chinese_news_are_answered(news, question, expected):
    a = news.ask(question)
    assert not a.abstained and expected in a.answer, a.answer
    assert a.citations, "the answer cites its passage"
