"""English questions over Chinese passages (qa/answer/english.py): pinyin names, measures, English around the answer."""

from __future__ import annotations

import pytest

from qa.answer import english
from qa.answer.absent import named_entities


def test_the_counted_noun_and_english_around_the_figure():
    assert english.counted_noun("How many person-visits from other provinces did Xining host?") == "person-visits"
    assert english.counted_noun("How many mu of abandoned land were opened up?") == "mu"
    assert english.counted_noun("What share of reports reflected problems?") is None
    assert english.around_number("How many proposals did it receive?", "190件") == "190 proposals (190件)"
    assert english.around_number("How many old photographs did it collect?", "1000余张") == \
        "more than 1000 old photographs (1000余张)"
    assert english.around_number("What share reflected problems?", "81.7%") == "81.7%"
    assert english.around_date("8月8日") == "8 August (8月8日)" and english.around_date("2021年") == "2021 (2021年)"


def test_names_in_pinyin_are_found_in_the_passages_own_words():
    q = "How many households got their certificates through the Lanshan Yaju consultation?"
    found = english.names_in_chinese(named_entities(q), ["协商解决了蓝山雅居小区消防竣工验收、275户居民房产证办理事项"])
    assert found == ["蓝山雅居"]
    assert english.names_in_chinese(named_entities("How did Wang Xin help?"), ["负责人王新多方协调"]) == ["王新"]


@pytest.fixture(scope="module")
def answerer(retriever):
    from qa.answer.pipeline import Answerer
    from qa.config import Settings

    return Answerer(retriever, Settings())


@pytest.mark.parametrize("question, expected", [
    # a place named only in pinyin (蓝山雅居) that no glossary knows
    ("How many households got their property certificates sorted out through the Lanshan Yaju consultation in Dawukou?",
     "275 households (275户)"),
    # the measure of the counted noun, through the lexicon's glossary (person-visits -> 人次, not 批)
    ("How many person-visits from CPPCC delegations of other provinces did Xining host in 2023?",
     "365 person-visits (365人次)"),
    ("On what date did the Dawukou District CPPCC inspect the building of the “night economy” brand?",
     "8 August (8月8日)"),
])
def test_english_questions_get_english_around_the_quoted_answer(answerer, question, expected):
    a = answerer.ask(question)
    assert a.answer == expected, a
    assert a.citations and a.citations[0].text in a.passages[0].text or any(
        a.citations[0].text in p.text for p in a.passages)
