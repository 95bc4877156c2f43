"""Citation verification of generated replies, on hand-written replies (the real LLM path is in test_answer_llm)."""

from __future__ import annotations

from pathlib import Path

from qa.answer.verify import verify
from qa.lexicon import load_lexicon
from qa.llm import parse_reply
from qa.models import Passage

ORGS = ["城北区政协", "大武口区政协"]
LEXICON = load_lexicon(Path(__file__).resolve().parents[1] / "corpus" / "lexicon.json")  # knows 九届三次会议
SESSION_3 = "区政协九届三次会议期间，共提交提案167件，立案143件。"


def passage(text: str, org: str = "城北区政协") -> Passage:
    return Passage("c", "chengbei-2023", "城北区政协2023年工作综述", [], org, "body", text, 0, len(text), 1.0)


def check(reply: str, question: str, text: str = SESSION_3):
    return verify(parse_reply(reply, 1), [passage(text)], ORGS, question, LEXICON)


def test_a_supported_sentence_is_kept_with_its_span():
    v = check("九届三次会议期间共提交提案167件[1]。", "城北区政协九届三次会议期间提交了多少件提案？")
    assert len(v.kept) == 1 and not v.dropped
    assert v.kept[0][1][0].sentence.text == SESSION_3


def test_the_figure_of_another_session_is_dropped():
    v = check("共提交提案167件[1]。", "城北区政协九届四次会议上共提交了多少件提案？")
    assert not v.kept and "another session: 9届3次" in v.dropped[0]


def test_a_session_the_passages_do_not_name_is_dropped():
    # every digit of 九届四次 is somewhere in the passage, so the number check alone lets it through
    v = check("九届四次会议期间共提交提案167件[1]。", "城北区政协共提交了多少件提案？", SESSION_3 + "全年开展视察4次。")
    assert not v.kept and "do not: 9届4次" in v.dropped[0]


def test_numbers_and_organisations_still_checked():
    assert "numbers not in the cited passages" in check("共提交提案170件[1]。", "提交了多少件提案？").dropped[0]
    v = check("大武口区政协共提交提案167件[1]。", "提交了多少件提案？")
    assert not v.kept and "names 大武口区政协" in v.dropped[0]
