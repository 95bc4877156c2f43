"""Follow-up questions rewritten into standalone ones (qa/conversation/rewrite.py), Chinese and English.

The analyser is the real one (jieba, the bundled corpus's lexicon and organisations), built
without an index so these tests stay fast; the same rules run end to end in
tests/test_service_conversations.py and in the conversation gold set (tests/test_eval_conversations.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qa.answer.question import analyse
from qa.conversation.followup import follow_up, keeps_entities
from qa.conversation.rewrite import resolve, standalone
from qa.conversation.turns import Turn, turns_from_messages
from qa.errors import LLMUnavailableError
from qa.lexicon import EMPTY, load_lexicon
from qa.text.structure import org_key
from qa.text.tokenize import Tokenizer
from tests.conftest import CORPUS

# the organisations of the bundled corpus (what an index built from it lists in its manifest)
ORGS = ["城东区政协", "城北区政协", "大武口区政协", "庆阳市政协", "张掖市政协", "果洛州政协", "海东市政协",
        "海西州政协", "祁连县政协", "西宁市政协"]


def analyser(orgs: list[str], lexicon):
    words = [w for o in orgs for w in (org_key(o), o.removesuffix("政协"))]
    tokenizer = Tokenizer(words)
    return lambda text: analyse(text, orgs, tokenizer.words, lexicon)


@pytest.fixture(scope="module")
def A():
    return analyser(ORGS, load_lexicon(CORPUS / "lexicon.json"))


RECEIVED = Turn("大武口区政协2023年收到多少件提案？", "190件", answer_type="number")
RECEIVED_EN = Turn("How many proposals did the Dawukou District CPPCC receive in 2023?", "190 proposals (190件)",
                   answer_type="number")
SECRETARY = Turn("大武口区的区委书记是谁？", "汤瑞", answer_type="person")


def rewrite(A, question: str, *turns: Turn) -> str | None:
    return standalone(question, resolve(list(turns), A), A)


@pytest.mark.parametrize("follow, expected", [
    # another organisation, written the way the previous question wrote its own
    ("那城北区呢？", "城北区政协2023年收到多少件提案？"),
    ("城北区政协呢", "城北区政协2023年收到多少件提案？"),
    ("西宁的呢？", "西宁市政协2023年收到多少件提案？"),
    # a place the documents lack stays that place: the answerer then declines it
    ("那固原市呢？", "固原市政协2023年收到多少件提案？"),
    # another year, in digits or in Chinese numerals
    ("2022年呢？", "大武口区政协2022年收到多少件提案？"),
    ("那二〇二一年的呢？", "大武口区政协2021年收到多少件提案？"),
    ("城北区2022年呢？", "城北区政协2022年收到多少件提案？"),
    # another measure
    ("立案的呢？", "大武口区政协2023年立案多少件提案？"),
    ("办结率呢？", "大武口区政协2023年办结率是多少？"),
    # a whole question without its organisation is asked in the previous one's setting
    ("立案了多少件？", "大武口区政协2023年收到提案，立案了多少件？"),
    # pronouns
    ("该区的区委书记是谁？", "大武口区的区委书记是谁？"),
    ("他们立案了多少件？", "大武口区政协2023年立案了多少件？"),
    ("同年城北区政协收到多少件提案？", "2023年城北区政协收到多少件提案？"),
    # English after Chinese: the place is found in pinyin
    ("And in Xining?", "西宁市政协2023年收到多少件提案？"),
    ("What about 2022?", "大武口区政协2022年收到多少件提案？"),
])
def test_chinese_follow_ups(A, follow, expected):
    assert rewrite(A, follow, RECEIVED) == expected


@pytest.mark.parametrize("follow, expected", [
    ("And in Xining?", "How many proposals did the Xining City CPPCC receive in 2023?"),
    ("What about Chengbei?", "How many proposals did the Chengbei District CPPCC receive in 2023?"),
    ("And in Guyuan?", "How many proposals did the Guyuan CPPCC receive in 2023?"),
    ("What about 2022?", "How many proposals did the Dawukou District CPPCC receive in 2022?"),
    ("How about in 2021?", "How many proposals did the Dawukou District CPPCC receive in 2021?"),
    ("How many were registered?", "How many were registered (Dawukou District, 2023)?"),
    ("Who chairs this committee?", "Who chairs Dawukou District?"),
    ("How many did they register that year?", "How many did Dawukou District register 2023?"),
])
def test_english_follow_ups(A, follow, expected):
    assert rewrite(A, follow, RECEIVED_EN) == expected


def test_a_person_answer_is_what_he_and_she_refer_to(A):
    assert rewrite(A, "他是谁？", SECRETARY) == "大武口区政协汤瑞是谁？"
    assert rewrite(A, "她在哪个单位工作？", Turn("城北区政协这篇报道的通讯员是谁？", "杨玉芳", answer_type="person")) \
        == "城北区政协杨玉芳在哪个单位工作？"
    assert rewrite(A, "What is his role?", Turn("Who is the chairman of the Zhangye CPPCC?", "周均发",
                                                answer_type="person")) == "What is 周均发's role (Zhangye)?"


def test_a_role_replaces_the_previous_role(A):
    chair = Turn("大武口区政协主席是谁？", "周学斌", answer_type="person")
    assert rewrite(A, "那区委书记呢？", chair) == "大武口区政协区委书记是谁？"
    assert rewrite(A, "那城北区呢？", SECRETARY) == "城北区的区委书记是谁？"


def test_an_english_role_fragment_asks_about_that_role(A):
    head = Turn("Who is the district head of Dawukou?", "刘强", answer_type="person")
    assert rewrite(A, "And the district party secretary?", head) == "Who is the district party secretary of Dawukou?"


def test_a_counting_follow_up_is_asked_in_the_previous_setting(A):
    before = Turn("果洛州完成基层政协“两室”建设的乡镇有多少个？", "44个", answer_type="number")
    assert rewrite(A, "覆盖了多少个村社？", before) == "果洛州完成基层政协“两室”建设的乡镇，覆盖了多少个村社？"


def test_questions_that_stand_alone_are_asked_as_they_are(A):
    assert rewrite(A, "城北区政协收到多少件提案？", RECEIVED) is None
    assert rewrite(A, "How many proposals did the Chengbei District CPPCC receive?", RECEIVED_EN) is None
    assert standalone("那城北区呢？", [], A) is None  # no earlier turn: nothing to lean on


def test_a_three_turn_chain_carries_each_change(A):
    turns = resolve([RECEIVED, Turn("那城北区呢？", "167件"), Turn("2022年呢？", "文档中没有找到相关信息。",
                                                                  abstained=True)], A)
    assert [t.standalone for t in turns] == [None, "城北区政协2023年收到多少件提案？", "城北区政协2022年收到多少件提案？"]
    assert standalone("立案的呢？", turns, A) == "城北区政协2022年立案多少件提案？"


def test_a_long_history_sent_without_rewrites_is_resolved_in_order(A):
    sent = [RECEIVED, Turn("那城北区呢？", "167件"), Turn("2022年呢？", ""), Turn("2023年呢？", "167件"),
            Turn("", ""), Turn("西宁市政协2023年开展理论中心组学习多少次？", "26次")]
    assert follow_up("那城北区呢？", sent, A) == "城北区政协2023年开展理论中心组学习多少次？"
    assert follow_up("立案的呢？", sent[:4], A) == "城北区政协2023年立案多少件提案？"


def test_without_lexicon_or_organisations_places_and_years_still_carry():
    """Knowledge of the corpus is data: with none, generic place and year detection still work."""
    A = analyser([], EMPTY)
    assert rewrite(A, "那固原市呢？", RECEIVED) == "固原市政协2023年收到多少件提案？"
    assert rewrite(A, "2022年呢？", RECEIVED) == "大武口区政协2022年收到多少件提案？"


def test_keeps_entities_checks_the_new_turn_names_survive(A):
    assert keeps_entities("那城北区呢？", "城北区政协2023年收到多少件提案？", A)
    assert not keeps_entities("那城北区呢？", "大武口区政协2023年收到多少件提案？", A)
    assert not keeps_entities("2022年呢？", "大武口区政协2023年收到多少件提案？", A)
    assert not keeps_entities("那固原市呢？", "大武口区政协2023年收到多少件提案？", A)


class ScriptedLLM:
    """A generative backend whose reply is fixed (the real HTTP path: tests/test_service_conversations.py)."""

    name, generative = "scripted", True

    def __init__(self, reply: str | Exception) -> None:
        self.reply, self.prompts = reply, []

    def generate(self, prompt: str, **_) -> Iterator[str]:
        self.prompts.append(prompt)
        if isinstance(self.reply, Exception):
            raise self.reply
        yield self.reply


def test_an_llm_rewrite_is_used_only_when_it_keeps_the_new_turn_names(A):
    good = ScriptedLLM("城北区政协在2023年一共收到了多少件提案？")
    assert follow_up("那城北区呢？", [RECEIVED], A, good) == "城北区政协在2023年一共收到了多少件提案？"
    assert "大武口区政协2023年收到多少件提案？" in good.prompts[0] and "那城北区呢？" in good.prompts[0]
    # it dropped 城北区 for the previous organisation: the rules' rewrite stands
    assert follow_up("那城北区呢？", [RECEIVED], A, ScriptedLLM("大武口区政协2023年收到多少件提案？")) \
        == "城北区政协2023年收到多少件提案？"
    assert follow_up("那城北区呢？", [RECEIVED], A, ScriptedLLM(LLMUnavailableError("down"))) \
        == "城北区政协2023年收到多少件提案？"
    assert follow_up("那城北区呢？", [RECEIVED], A, ScriptedLLM("")) == "城北区政协2023年收到多少件提案？"


def test_chat_messages_become_turns():
    turns, question = turns_from_messages([
        ("system", "You answer questions."), ("user", "大武口区政协2023年收到多少件提案？"),
        ("assistant", "190件[1]"), ("user", "那城北区呢？")])
    assert turns == [Turn("大武口区政协2023年收到多少件提案？", "190件")] and question == "那城北区呢？"
    turns, question = turns_from_messages([("user", "a"), ("user", "b")])
    assert turns == [Turn("a")] and question == "b"
