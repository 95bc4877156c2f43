"""What post a named person holds (qa/answer/roles.py): the title written before the name.

Hand-made passages for the titles; the real reader, embedder and index of the bundled reports for
the answers a user gets (fresh13's first run answered f13-042 with another person's name).
"""

from __future__ import annotations

import pytest

from qa.answer import roles
from qa.answer.evidence import split_passage
from qa.answer.pipeline import Answerer
from qa.config import Settings
from qa.lexicon import Lexicon
from qa.models import Passage


def _posts(text: str, name: str) -> list[str]:
    p = Passage("c1", "d1", "报告", [], "", "body", text, 0, len(text), 1.0)
    return [c.answer for c in roles.candidates([split_passage(p, 1, Lexicon())], [name])]


def test_a_question_asking_a_post_is_told_from_one_asking_who():
    for asked in ("汤瑞担任什么职务？", "刘强是什么职位", "他任何职？", "What position does Tang Rui hold?"):
        assert roles.asks_role(asked), asked
    for other in ("大武口区区委书记是谁？", "汤瑞调研了什么？", "Who is the district Party secretary?"):
        assert not roles.asks_role(other), other


def test_the_post_is_the_titles_right_before_the_name():
    assert _posts("5月6日,大武口区区委书记汤瑞(左一)调研区政协基层平台建设情况。", "汤瑞") == ["大武口区区委书记"]
    assert _posts("会议由区委副书记、区长王五主持。", "王五") == ["区委副书记、区长"]  # both, not 会议由
    assert _posts("邀请市政协主席李四出席。", "李四") == ["市政协主席"]
    assert _posts("王五说，要抓好落实。", "王五") == []  # no title before the name: none
    assert _posts("他和王五一起调研。", "王五") == []


@pytest.fixture(scope="module")
def answerer(retriever) -> Answerer:
    return Answerer(retriever, Settings(reader="trained"))


def test_a_post_is_answered_from_the_report_and_cited(answerer):
    a = answerer.ask("大武口区政协2023年工作报告里，视察基层协商平台的汤瑞担任什么职务？")
    assert not a.abstained and a.answer == "大武口区区委书记"
    assert any("大武口区区委书记汤瑞" in c.text for c in a.citations)
    a = answerer.ask("In the Dawukou District CPPCC's 2023 report, what position does Tang Rui (汤瑞) hold?")
    assert not a.abstained and "大武口区区委书记" in a.answer and a.answer.startswith("汤瑞 holds the post")
    a = answerer.ask("大武口区政协报告中的刘强是什么职务？")
    assert not a.abstained and a.answer == "大武口区区长"


def test_the_post_of_someone_the_reports_do_not_name_is_not_found(answerer):
    assert answerer.ask("大武口区政协报告中的王小明担任什么职务？").abstained
