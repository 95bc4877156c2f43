"""The year a question names is never its "how many" (How many petitions … in 2023? -> 2023): the
question gave the year, so a bare 2023 in the text is when, not how many (qa/answer/units.py)."""

from __future__ import annotations

import jieba
import pytest

from qa.answer import reading
from qa.answer.evidence import split_passage
from qa.answer.extractors import Candidate
from qa.answer.pipeline import Answerer
from qa.answer.question import analyse
from qa.config import Settings
from qa.lexicon import Lexicon
from qa.models import Passage


def test_the_year_a_question_names_is_not_how_many():
    text = "据统计，2023年全年共办理群众来信来访2023件，涉及社会民生、城市建设等方面。"
    p = Passage("c1", "d1", "工作报告", [], None, "body", text, 0, len(text), 1.0)
    first = split_passage(p, 1, Lexicon()).sentences[0]
    year = first.text.index("2023")
    span = Candidate("2023", first, year, year + 4, 0.9, 0.0, 0.0)

    def pooled(question: str) -> list[str]:
        q = analyse(question, [], lambda t: [w for w in jieba.cut(t) if w.strip()], Lexicon())
        return [e.candidate.answer for e in reading.pool(q, [], [span])]

    assert pooled("How many petitions did the office handle in 2023?") == []
    assert pooled("2023年共办理群众来信来访多少件？") == []
    assert pooled("How many petitions did the office handle last year?") == ["2023"]  # no year named: a count


@pytest.fixture(scope="module")
def with_reader(retriever) -> Answerer:
    return Answerer(retriever, Settings(reader="trained"))


def test_an_english_question_about_a_figure_the_reports_lack_is_not_answered_with_its_year(with_reader):
    a = with_reader.ask("How many petitions did the Xining CPPCC handle in 2023?")
    assert a.abstained, a.answer
