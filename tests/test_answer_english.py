"""English questions over Chinese passages (qa/answer/english.py): pinyin names, measures, English around the answer."""

from __future__ import annotations

import pytest

from qa.answer import english
from qa.answer.english import person_in_english
from qa.answer.entities import named_entities


def test_the_counted_noun_and_english_around_the_figure():
    assert english.counted_noun("How many person-visits from other provinces did Xining host?") == "person-visits"
    assert english.counted_noun("How many mu of abandoned land were opened up?") == "mu"
    assert english.counted_noun("What share of reports reflected problems?") is None
    assert english.around_number("How many proposals did it receive?", "190件") == "190 proposals (190件)"
    assert english.around_number("How many old photographs did it collect?", "1000余张") == \
        "more than 1000 old photographs (1000余张)"
    assert english.around_number("What share reflected problems?", "81.7%") == "81.7%"
    assert english.around_date("8月8日") == "8 August (8月8日)" and english.around_date("2021年") == "2021 (2021年)"
    # adjectives joined by "and" and a hyphenated one are the noun's, not a verb ending it
    assert english.around_number("How many small and mid-sized US banks did Moody's downgrade?", "10家") == \
        "10 small and mid-sized US banks (10家)"


def test_a_person_is_spelt_in_pinyin_only_when_the_name_is_chinese():
    assert person_in_english("周学斌", "周学斌") == "周学斌 (Zhou Xuebin)"
    assert person_in_english("穆罕默德·西姆塞克", "穆罕默德·西姆塞克") == "穆罕默德·西姆塞克"  # not Mu Hanmode·ximusaike
    assert person_in_english("中国台北组合", "中国台北组合") == "中国台北组合"


def test_measures_english_names_with_general_words():
    assert english.asked_unit("For how many years in a row will the village get the money?") == "年"
    assert english.asked_unit("How much in economic losses did the studio help recover?") == "元"
    assert english.asked_unit("How much funding did the county receive?") == "元"
    # a count (never a weight or a sum); the lexicon's glossary says 件, which the analysis keeps over it
    assert english.asked_unit("How many proposals did it receive?") == "count"
    assert english.asked_unit("How many square metres does the hall cover?") is None  # a measure itself
    # "will" ends the noun: the question asks years, never the 50万元 it states itself
    assert english.asked_unit("For how many consecutive years will this support run?") == "年"
    assert english.around_number("For how many consecutive years will this support run?", "15年") == \
        "15 consecutive years (15年)"
    assert english.asked_unit("How much did the share of members grow?") is None


def test_names_in_pinyin_are_found_in_the_passages_own_words():
    q = "How many households got their certificates through the Lanshan Yaju consultation?"
    found = english.names_in_chinese(named_entities(q), ["协商解决了蓝山雅居小区消防竣工验收、275户居民房产证办理事项"])
    assert found == ["蓝山雅居"]
    assert english.names_in_chinese(named_entities("How did Wang Xin help?"), ["负责人王新多方协调"]) == ["王新"]


def _glossary():
    from pathlib import Path

    from qa.lexicon import load_lexicon
    from qa.text.glossary import translate_terms

    lex = load_lexicon(Path(__file__).parent.parent / "corpus" / "lexicon.json")
    return (lambda w: translate_terms(w, [], lex)), lex.light_verbs


def test_the_wh_clause_gives_the_counted_noun_and_its_verb_as_in_chinese():
    translate, light = _glossary()
    # the verb after the subject: "did the ... CPPCC receive" is 收到多少件提案
    c = english.clause_terms("How many proposals did the Chengbei District CPPCC receive in 2023?", translate, light)
    assert (c.counted, c.predicate) == ("提案", "收到") and set(c.focus) == {"提案", "收到"}
    # the counted noun is the subject: the verb right after the auxiliary (完成了多少户), not the object
    c = english.clause_terms("How many households have completed toilet renovation under the toilet revolution?",
                             translate, light)
    assert c.predicate == "完成" and "改造" not in c.focus
    # what follows a preposition qualifies the question; a light verb (hold -> 举办) carries nothing
    c = english.clause_terms("How many study sessions did the CPPCC hold during the thematic education campaign?",
                             translate, light)
    assert c.predicate is None and "教育" not in c.focus and "学习" in c.focus
    # a measure word is not the counted noun
    assert english.clause_terms("How many mu of land were opened up?", translate, light).counted is None
    assert english.clause_terms("Nothing to ask here.", translate, light) == english.ClauseTerms([], None, None)


@pytest.fixture(scope="module")
def answerer(retriever):
    from qa.answer.pipeline import Answerer
    from qa.config import Settings

    return Answerer(retriever, Settings())


# reader-v3 (stop 21) reads 共提交提案167件，立案143件 as 143 for "received" (收到 is not 提交 to it; the Chinese
# question is a tie, 0.496 vs 0.495) and the fitted fusion follows its share; the rules alone still answer 167
# (test below). Kept visible: strict, so the day it passes again this mark must go.
CHENGBEI_RECEIVED = "reader-v3 takes the 立案 figure (143) for 'received' (known regression, stop 21 note)"


def test_the_rules_alone_still_answer_what_chengbei_received(retriever):
    from qa.answer.pipeline import Answerer
    from qa.config import Settings

    a = Answerer(retriever, Settings(reader="none")).ask("How many proposals did the Chengbei District CPPCC receive in 2023?")
    assert a.answer == "167 proposals (167件)", a


@pytest.mark.parametrize("question, expected", [
    # a place named only in pinyin (蓝山雅居) that no glossary knows
    ("How many households got their property certificates sorted out through the Lanshan Yaju consultation in Dawukou?",
     "275 households (275户)"),
    # the measure of the counted noun, through the lexicon's glossary (person-visits -> 人次, not 批)
    ("How many person-visits from CPPCC delegations of other provinces did Xining host in 2023?",
     "365 person-visits (365人次)"),
    # "how many batches" asks for 批 (not the 365人次 beside it), and the glossary's guess for "receive" (收到;
    # the report says 承接) does not keep the sentence from the rules (before: not found, a fused 0.398 < 0.40)
    ("How many batches of CPPCC delegations from other provinces did Xining receive for visits in 2023?",
     "41 batches (41批)"),
    # asked alone, as a new user would: the organisation in English, the verb after it
    pytest.param("How many proposals did the Chengbei District CPPCC receive in 2023?", "167 proposals (167件)",
                 marks=pytest.mark.xfail(strict=True, reason=CHENGBEI_RECEIVED)),
    ("How many households have completed toilet renovation under Qilian County's toilet revolution?",
     "116 households (116户)"),
    ("On what date did the Dawukou District CPPCC inspect the building of the “night economy” brand?",
     "8 August (8月8日)"),
    # "how many years" is counted in 年 (the reader had 50 of 每年50万元), "how much in losses" in 元
    (("For how many years in a row will Xingguang Village in Dawukou get the yearly money arranged through the "
      "CPPCC's talks with the land reclamation group?"), "15 years (15年)"),
    ("How much in economic losses did the economic-sector members' studio in Qingyang help consumers get back?",
     "200多万元"),    # "which … member" asks for a person, as "who" does (before: the whole sentence that names her)
    ("Which Dawukou District CPPCC member uses the members' reception room to teach residents about laws?",
     "闫雪萍 (Yan Xueping)"),
])
def test_english_questions_get_english_around_the_quoted_answer(answerer, question, expected):
    a = answerer.ask(question)
    assert a.answer == expected, a
    assert (a.citations and a.citations[0].text in a.passages[0].text) or any(
        a.citations[0].text in p.text for p in a.passages)
