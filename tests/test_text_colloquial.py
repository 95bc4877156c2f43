"""Spoken questions read in the written words of the documents (qa/text/colloquial.py).

The rewrites on their own, then the answers a user gets from the bundled reports with the real
retriever and reader when asking the way people talk.
"""

from __future__ import annotations

import pytest

from qa.answer.pipeline import Answerer
from qa.config import Settings
from qa.text.colloquial import written


@pytest.mark.parametrize(("spoken", "expected"), [
    ("组织学习搞了多少回？", "组织学习开展了多少次？"),
    ("一共去了几回", "一共去了几次"),
    ("隔多长时间办一回？", "隔多长时间办一次？"),
    ("是几月几号去的？", "是几月几日去的？"),
    ("5月几号开的会", "5月几日开的会"),
    ("啥时候成立的？", "什么时候成立的？"),
    ("咋评的先进？", "怎么评的先进？"),
    ("他俩谁的提案多", "他两个谁的提案多"),
])
def test_spoken_words_become_the_written_ones(spoken, expected):
    assert written(spoken) == expected


@pytest.mark.parametrize("kept", [
    "提案的回复率是多少？",       # 回复: a reply, not a count
    "这是两回事吗？",             # 两回事: two different matters
    "几号文件规定了这件事？",     # a document number
    "地铁几号线经过这里？",       # a metro line
    "怎样搞活农村经济？",         # 搞活: to invigorate
    "大武口区政协2023年收到多少件提案？",
])
def test_the_same_characters_in_another_sense_stay_as_written(kept):
    assert written(kept) == kept


@pytest.fixture(scope="module")
def answerer(retriever) -> Answerer:
    return Answerer(retriever, Settings(reader="trained"))


@pytest.mark.parametrize(("spoken", "answer"), [
    ("西宁政协机关党支部2023年组织学习搞了多少回？", "45次"),
    ("大武口区政协带委员去青铜峡市看乡村产业振兴，是几月几号去的？", "6月21日"),
])
def test_a_question_asked_the_way_people_talk_gets_the_documents_answer(answerer, spoken, answer):
    a = answerer.ask(spoken)
    assert not a.abstained and answer in a.answer, a.answer
    assert a.question == spoken  # the user's own words are what the answer echoes
    assert any(answer in c.text for c in a.citations)


def test_a_light_verb_is_not_what_a_question_asks_about_even_with_an_empty_lexicon(corpus_index):
    from qa.answer.question import analyse
    from qa.lexicon import Lexicon

    orgs, words = list(corpus_index.manifest.orgs), corpus_index.tokenizer.words
    q = analyse("大武口区政协除了开会，还搞了多少次交流研讨？", orgs, words, Lexicon())
    assert "开展" not in q.focus and {"交流", "研讨"} <= set(q.focus), q.focus
    assert analyse("城北区政协一年里开展了几次专题协商？", orgs, words, Lexicon()).predicate is None
