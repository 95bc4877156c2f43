"""build_prompt and parse_reply: the contract between the pipeline and the model."""

from __future__ import annotations

import pytest

from qa.llm import ABSTAIN_REPLY, ParsedReply, ParsedSentence, build_prompt, parse_reply
from qa.models import Passage
from tests.llm_fixtures import sample_passages


def passage(text: str, title: str = "标题", org: str | None = "西宁市政协") -> Passage:
    return Passage("c", "d", title, [], org, "body", text, 0, len(text), 1.0)


# ------------------------------------------------------------------- build_prompt


def test_passages_are_numbered_with_org_and_title():
    prompt = build_prompt("西宁市政协开展了多少次学习？", sample_passages())
    user = prompt.user
    assert user.index("[1] 来源：西宁市政协《西宁市政协2023年工作回顾》") < user.index("[2] 来源：城北区政协")
    assert "[3] 来源：大武口区政协《履职尽责结硕果 团结奋斗启新程》" in user
    assert "[4]" not in user
    assert user.rstrip().endswith("问题：西宁市政协开展了多少次学习？")
    assert "全年开展理论中心组学习26次" in user


def test_system_prompt_states_the_rules_in_chinese():
    system = build_prompt("问题", sample_passages()).system
    assert ABSTAIN_REPLY == "文档中没有找到相关信息"
    assert f"只回复：{ABSTAIN_REPLY}" in system
    assert "[1]" in system and "简短" in system and "只使用资料" in system
    assert "英文问题用英文回答" in system


def test_english_question_asks_for_an_english_answer():
    assert "answer in English" in build_prompt("How many sessions were held?", sample_passages()).user
    assert "answer in English" not in build_prompt("开展了多少次学习？", sample_passages()).user
    assert "answer in English" not in build_prompt("CPPCC开展了多少次学习？", sample_passages()).user


def test_print_line_breaks_inside_chinese_text_are_removed():
    text = "全年开展理论中心组学习26次，主席及常委\n会会议学习31次。\n\nSecond line"
    user = build_prompt("问", [passage(text)]).user
    assert "主席及常委会会议学习31次。 Second line" in user


def test_missing_org_or_title():
    user = build_prompt("问", [passage("正文", title="", org=None), passage("正文", org=None)]).user
    assert "[1] 来源：未知" in user and "[2] 来源：《标题》" in user


def test_no_passages_still_builds_a_prompt():
    assert "（无）" in build_prompt("问", []).user


# -------------------------------------------------------------------- parse_reply


def refs(reply: ParsedReply) -> list[list[int]]:
    return [s.refs for s in reply.sentences]


def texts(reply: ParsedReply) -> list[str]:
    return [s.text for s in reply.sentences]


def test_chinese_sentences_with_markers_before_the_full_stop():
    reply = parse_reply("西宁市政协全年开展学习26次[1]。城北区政协认真落实“第一议题”制度[2][3]。", 3)
    assert reply.sentences == [
        ParsedSentence("西宁市政协全年开展学习26次。", [1]),
        ParsedSentence("城北区政协认真落实“第一议题”制度。", [2, 3]),
    ]
    assert not reply.abstained and reply.invalid_refs == [] and reply.refs == [1, 2, 3]


def test_markers_after_the_full_stop_belong_to_the_sentence_before():
    reply = parse_reply("共开展学习26次。[1] 举办读书班5期。[2][3]", 3)
    assert texts(reply) == ["共开展学习26次。", "举办读书班5期。"]
    assert refs(reply) == [[1], [2, 3]]


@pytest.mark.parametrize(
    ("marker", "expected"),
    [("[1, 2]", [1, 2]), ("[1,2]", [1, 2]), ("[1，2]", [1, 2]), ("[1、3]", [1, 3]),
     ("【1】", [1]), ("【1】【2】", [1, 2]), ("［2］", [2]), ("[ 2 ]", [2]), ("[1-3]", [1, 2, 3]),
     ("[资料2]", [2]), ("[Passage 1, 2]", [1, 2]), ("[2][2]", [2]), ("[3][1]", [3, 1])],
)
def test_marker_styles(marker: str, expected: list[int]):
    reply = parse_reply(f"答案是26次{marker}。", 3)
    assert reply.sentences == [ParsedSentence("答案是26次。", expected)]


@pytest.mark.parametrize("text", ["答案是(1)项。", "答案是（1）项。", "见第1条。", "共[一]项。"])
def test_things_that_are_not_citations(text: str):
    reply = parse_reply(text, 3)
    assert reply.sentences == [ParsedSentence(text, [])]


def test_out_of_range_numbers_are_kept_apart():
    reply = parse_reply("甲[1][4]。乙[0]。丙[2, 7]。丁[4]。", 3)
    assert refs(reply) == [[1], [], [2], []]
    assert reply.invalid_refs == [4, 0, 7]
    assert texts(reply) == ["甲。", "乙。", "丙。", "丁。"]


def test_english_reply():
    reply = parse_reply("The Xining CPPCC held 26 study sessions [1]. It also ran 5 reading "
                        "classes [1][2]! Was it enough? Yes.[3] Growth was 3.5 percent.", 3)
    assert texts(reply) == ["The Xining CPPCC held 26 study sessions.",
                            "It also ran 5 reading classes!", "Was it enough?", "Yes.",
                            "Growth was 3.5 percent."]
    assert refs(reply) == [[1], [1, 2], [], [3], []]
    assert reply.text == ("The Xining CPPCC held 26 study sessions. It also ran 5 reading classes! "
                          "Was it enough? Yes. Growth was 3.5 percent.")


def test_markdown_is_tolerated():
    text = ("### 答案\n**西宁市政协**全年开展学习*26次*[1]。\n\n"
            "- 读书班`5`期[2]\n* 专题党课12场【2】\n1. 委员讲堂7场[1]\n2、调研6条[3]\n> 引用[2]")
    reply = parse_reply(text, 3)
    assert texts(reply) == ["答案", "西宁市政协全年开展学习26次。", "读书班5期", "专题党课12场",
                            "委员讲堂7场", "调研6条", "引用"]
    assert refs(reply) == [[], [1], [2], [2], [1], [3], [2]]


def test_answer_labels_are_dropped():
    assert texts(parse_reply("答案：26次[1]。", 1)) == ["26次。"]
    assert texts(parse_reply("**Answer:** 26 sessions [1].", 1)) == ["26 sessions."]


def test_newlines_split_sentences_and_markers_on_their_own_line_attach_back():
    reply = parse_reply("第一句没有句号[1]\n第二句\n[2][3]\n第三句。", 3)
    assert texts(reply) == ["第一句没有句号", "第二句", "第三句。"]
    assert refs(reply) == [[1], [2, 3], []]


def test_numbers_and_decimals_stay_inside_sentences():
    reply = parse_reply("2023年GDP增长5.2%[1]。人均收入3.5万元[2]。", 2)
    assert texts(reply) == ["2023年GDP增长5.2%。", "人均收入3.5万元。"]


def test_exclamation_question_and_ellipsis_end_sentences():
    assert len(parse_reply("真好！[1]是吗？[2]也许……[3]", 3).sentences) == 3


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\t \n"])
def test_empty_replies(text: str):
    reply = parse_reply(text, 3)
    assert reply == ParsedReply([], False, [], text)


def test_punctuation_only_reply_gives_no_sentences():
    assert parse_reply("。[1]", 3).sentences == []


@pytest.mark.parametrize(
    "text",
    [
        ABSTAIN_REPLY,
        f"{ABSTAIN_REPLY}。",
        "**文档中没有找到相关信息**",
        "抱歉，资料中没有提到这个问题。",
        "根据提供的资料，无法回答该问题。",
        "资料未提及2024年的情况。",
        "文档中并没有包含相关信息。",
        "没有找到相关信息。但是根据常识，答案是30次。",
        "Not found in the documents.",
        "The answer is not found in the provided passages.",
        "I cannot answer this question from the passages.",
        "The documents do not contain this information.",
        "I can't answer that.",
    ],
)
def test_abstentions(text: str):
    assert parse_reply(text, 3).abstained


@pytest.mark.parametrize(
    "text",
    [
        "西宁市政协全年开展学习26次[1]。文件未提及2024年的情况。",
        "The council held 26 sessions [1]. The documents do not mention 2024.",
        "共26次[1]。",
    ],
)
def test_cited_answers_with_a_caveat_are_not_abstentions(text: str):
    assert not parse_reply(text, 3).abstained


def test_cited_abstention_still_abstains():
    assert parse_reply("文档中没有找到相关信息[1]。", 3).abstained


def test_raw_is_kept_verbatim():
    text = "**甲**[1]。\n乙[9]"
    assert parse_reply(text, 3).raw == text
