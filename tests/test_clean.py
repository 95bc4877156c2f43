"""Each cleaning rule, checked on the real corpus files where the problem occurs."""

from __future__ import annotations

import re

import pytest

from qa.corpus import build_document, read_source
from qa.text.chunk import ChunkParams
from qa.text.clean import clean_text, undouble
from tests.conftest import CORPUS


def doc_and_chunks(name: str):
    return build_document(read_source(CORPUS / name), ChunkParams())


def chunk_containing(chunks, needle: str):
    found = [c for c in chunks if needle in c.text]
    assert found, f"no chunk contains {needle!r}"
    return found[0]


def test_hard_wrapped_lines_are_joined_into_one_chunk():
    _doc, chunks = doc_and_chunks("xining-2023.txt")
    # the raw file wraps every ~20 characters: the sentence with 全年开展理论中心组学习26次
    # continues with 主席及常委\n会会议学习31次 on the next line
    raw = (CORPUS / "xining-2023.txt").read_text(encoding="utf-8")
    assert "主席及常委会会议学习31次" not in raw
    c = chunk_containing(chunks, "全年开展理论中心组学习26次，主席及常委会会议学习31次")
    assert "\n" not in c.text


def test_paragraph_broken_by_blank_line_is_rejoined():
    _, chunks = doc_and_chunks("chengbei-2023.txt")
    chunk_containing(chunks, "“面对面”协商")  # raw: “面\n\n对面”
    _, chunks = doc_and_chunks("dawukou-2023.txt")
    chunk_containing(chunks, "支持、鼓励委员创先争优、示范引领")  # raw: 创先争\n\n优


def test_doubled_bold_text_is_collapsed():
    doc, _ = doc_and_chunks("xining-2023.txt")
    assert "同心向党 凝心铸魂" in doc.text
    assert "同心向党同心向党" not in doc.text
    assert undouble("尽责履职尽责履职 用心用情用心用情") == "尽责履职 用心用情"
    assert undouble("一一 对应") == "一一 对应"  # single characters are not doubled words


def test_triangle_captions_are_their_own_chunks():
    _, chunks = doc_and_chunks("gansu-zhangye-qingyang.txt")
    caps = [c for c in chunks if c.kind == "caption"]
    assert len(caps) == 6
    assert all(not c.text.startswith("▲") for c in caps)
    cap = chunk_containing(chunks, "三省五地政协横向联动联谊联席座谈会")
    assert cap.kind == "caption"
    assert len(cap.text) < 60  # not glued to body text


def test_date_led_captions_are_their_own_chunks():
    _, chunks = doc_and_chunks("dawukou-2023.txt")
    cap = chunk_containing(chunks, "大武口区区委书记汤瑞(左一)")
    assert cap.kind == "caption"
    assert cap.text.startswith("5月6日")
    assert sum(c.kind == "caption" for c in chunks) == 8
    # a body paragraph mentioning a date is not a caption
    assert chunk_containing(chunks, "全年共收到提案190件").kind == "body"


def test_sentence_broken_around_a_caption_is_rejoined():
    _, chunks = doc_and_chunks("qinghai-cppcc-series.txt")
    body = chunk_containing(chunks, "坚定拥护“两个确立”")
    assert body.kind == "body"
    assert "▲" not in body.text and "国家食品安全示范城市创建" not in body.text
    cap = chunk_containing(chunks, "国家食品安全示范城市创建")
    assert cap.kind == "caption"
    chunk_containing(chunks, "开展提案办理回头看工作")  # 海西: 提案办 ▲caption 理回头看


def test_sentence_broken_around_a_title_and_slogans_is_rejoined():
    _, chunks = doc_and_chunks("xining-2023.txt")
    chunk_containing(chunks, "云端协商成为日常，为委员线上线下互动")


def test_markdown_headings_and_bold_lead_ins_become_headings():
    doc, chunks = doc_and_chunks("chengbei-2023.txt")
    assert "#" not in doc.text and "**" not in doc.text
    c = chunk_containing(chunks, "共提交提案167件")
    assert c.headings == ("聚焦增进民生福祉 发挥政协之长", "提案办理促进民生改善。")


def test_plain_title_lines_become_headings():
    _, chunks = doc_and_chunks("dawukou-2023.txt")
    c = chunk_containing(chunks, "全年共收到提案190件")
    assert c.headings == ("聚中心 强服务 献计出力实现新突破",)


@pytest.mark.parametrize("name", [p.name for p in sorted(CORPUS.glob("*")) if p.suffix in (".txt", ".md")])
def test_offsets_point_into_cleaned_text(name):
    doc, chunks = doc_and_chunks(name)
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.text == c.text.strip() and c.text


def test_bylines_are_meta_chunks():
    _, chunks = doc_and_chunks("dawukou-2023.txt")
    assert chunk_containing(chunks, "本报记者 罗 鸣").kind == "meta"


def test_english_wrapped_lines_keep_a_space():
    doc = clean_text("The quick brown\nfox jumps.\n\n第二段")
    assert doc.blocks[0].text == "The quick brown fox jumps."


def test_windows_newlines_and_bom_are_handled():
    doc = clean_text("\ufeff标题\r\n\r\n正文第一句，\r\n续写。\r\n")
    assert [b.kind for b in doc.blocks] == ["heading", "body"]
    assert doc.blocks[1].text == "正文第一句，续写。"
    assert not re.search(r"\r", doc.text)
