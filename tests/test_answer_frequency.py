"""How often: a period and a count the document writes apart (qa/answer/frequency.py).

Hand-made passages for the pairing; the real reader, embedder and index of the bundled reports
for the answers a user gets.
"""

from __future__ import annotations

import pytest

from qa.answer import frequency
from qa.answer.evidence import split_passage
from qa.answer.pipeline import Answerer
from qa.answer.question import Question
from qa.config import Settings
from qa.lexicon import Lexicon
from qa.models import Passage


def _views(text: str):
    p = Passage("c1", "d1", "报告", [], "", "body", text, 0, len(text), 1.0)
    return [split_passage(p, 1, Lexicon())]


def _q(text: str, terms: list[str]) -> Question:
    return Question(text=text, norm=text, lang="zh", kind="other", terms=terms)


def test_a_frequency_question_is_told_from_a_duration_question():
    for asked in ("互讲互学多久搞一次？", "理论大讲堂隔多长时间办一回？", "几个月开一次会？", "How often do they meet?"):
        assert frequency.asks_frequency(asked), asked
    for other in ("调研用了多长时间？", "多久能建成？", "一共开了几次会？"):
        assert not frequency.asks_frequency(other), other


def test_the_pair_whose_clause_names_the_activity_answers_as_period_and_count():
    text = ("每两月举办1次政协理论大讲堂，每周由两个专委会组织委员开展1次读书分享活动，"
            "创办读书学习班，每周组织开展1次互讲互学活动。")
    found = frequency.candidates(_q("理论大讲堂多久办一次？", ["理论", "大讲堂", "办"]), _views(text))
    assert found[0].answer == "每两月1次"
    assert found[0].sentence.text[found[0].start:found[0].end] == "每两月举办1次"  # cited as written
    found = frequency.candidates(_q("读书分享活动多久开展一次？", ["读书", "分享", "活动", "开展"]), _views(text))
    assert found[0].answer == "每周1次" and "读书分享" in found[0].sentence.text[found[0].start:found[0].end + 6]


def test_english_around_the_frequency():
    assert frequency.in_english("每两月1次") == "Once every 2 months (每两月1次)"
    assert frequency.in_english("每周一次") == "Once a week (每周一次)"
    assert frequency.in_english("每半年两次") == "Twice every half year (每半年两次)"
    assert frequency.in_english("每季度") == "Every quarter (每季度)"


@pytest.fixture(scope="module")
def answerer(retriever) -> Answerer:
    return Answerer(retriever, Settings(reader="trained"))


def test_how_often_is_answered_from_the_report_and_cited(answerer):
    a = answerer.ask("庆阳市政协的政协理论大讲堂多长时间举办一回？")
    assert not a.abstained and "每两月1次" in a.answer
    assert any("每两月举办1次政协理论大讲堂" in c.text for c in a.citations)
    a = answerer.ask("庆阳市政协机关年轻干部读书学习班的互讲互学活动，多久组织一次？")
    assert not a.abstained and "每周1次" in a.answer
    a = answerer.ask("How often does the Qingyang CPPCC hold its theory lecture hall (理论大讲堂)?")
    assert not a.abstained and a.answer.startswith("Once every 2 months")


def test_how_often_with_no_period_in_the_documents_is_not_answered_with_a_figure(answerer):
    a = answerer.ask("城北区政协多久召开一次主席会议？")
    assert a.abstained, a.answer


def test_a_meeting_named_by_its_period_answers_how_often_it_meets():
    text = "按照“年度全体会、半年议政会、双月协商会”的频次和要求，组织开展5项专题议政性常委会协商。"
    found = frequency.candidates(_q("协商会按什么频次开？", ["协商会", "频次", "开"]), _views(text))
    assert found[0].answer == "双月协商会"
    found = frequency.candidates(_q("议政会多久开一次？", ["议政会", "开"]), _views(text))
    assert found[0].answer == "半年议政会"


def test_a_period_with_no_count_is_the_answer_itself():
    text = "严格落实委员履职情况通报等制度，每季度对委员履职情况进行通报，每年安排50万元资金。"
    found = frequency.candidates(_q("多久通报一次委员履职情况？", ["通报", "委员", "履职", "情况"]), _views(text))
    assert found[0].answer == "每季度"
