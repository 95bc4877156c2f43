"""Repair what PDF and newspaper extraction did to a document, as a list of typed blocks.

Raw files arrive with lines hard-wrapped every ~20 characters, paragraphs broken across
page or column boundaries (sometimes around a photo caption or a heading), doubled
headline text from bold/shadow rendering (同心向党同心向党), photo captions (▲...,
or date-led captions such as 5月6日,...), bylines, and Markdown markers.

:func:`clean_text` returns a :class:`CleanDoc`: the cleaned text and its blocks, each
with offsets into that text. Everything downstream (chunks, citations, the document
view) uses these offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from qa.text.lines import OUTLINE as _OUTLINE
from qa.text.lines import SENTENCE_PUNCT as _SENTENCE_PUNCT
from qa.text.lines import TERMINAL as _TERMINAL
from qa.text.lines import is_field, raw_blocks

BlockKind = Literal["heading", "body", "caption", "meta"]

#: bump when cleaning output changes, so indexes built with older rules are rebuilt.
CLEANER_VERSION = 3

_CLOSE_QUOTES = "”’」』\"'）)》"
_CJK = r"\u3400-\u9fff"
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*")
_DATE_CAPTION = re.compile(r"^\d{1,2}月\d{1,2}日[,，、]")
_META = re.compile(r"本报记者|通讯员|特约记者|摄影[:：]|图片由.{1,20}提供|来源[:：]|证券代码[:：]")  # a filing's header
# A block that starts with a tiny fragment followed by punctuation (常，为委员... /
# 确立”,坚决...) can only be the tail of a sentence broken elsewhere.
_CONTINUATION = re.compile(rf"^(?:[{_CJK}]{{1,3}}[，,、。；;：:”’」』）)]|[，,、。；;：:”’」』）)])")
_HEADING_MAX = 50
# a report's byline: the speaker's post and name, apart (临江市中级人民法院院长　陈书华, 县长　周明远)
_BYLINE = re.compile(rf"[{_CJK}]{{0,20}}(?:长|书记|主席|主任|总经理|董事长|校长|主任委员)\s+[{_CJK}]{{2,4}}")
_TITLE_LINE = 30  # a line of a title wrapped over two or three
_CJK_NEAR = re.compile(rf"[{_CJK}]")


@dataclass(slots=True)
class Block:
    """One unit of the cleaned document."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level; Markdown levels, or 0 for plain title lines
    lead: str | None = None  # bold lead-in of a body paragraph (acts as a sub-heading)
    opens: bool = False  # set apart inside a run of lines (qa.text.lines): continues no paragraph
    start: int = 0  # offsets in CleanDoc.text, set by clean_text
    end: int = 0


@dataclass(slots=True)
class CleanDoc:
    """A cleaned document: ``text`` is the blocks joined by blank lines."""

    text: str
    blocks: list[Block] = field(default_factory=list)


def clean_text(raw: str) -> CleanDoc:
    """Clean a raw document and return its text with typed, offset-bearing blocks."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    groups = [(lines, para.opens) for para in raw_blocks(raw, _META.search) for lines in _title_apart(para.lines)]
    blocks = [Block("heading", join_lines(lines)) if i == 0 and _wrapped_title(lines) else _classify(lines, opens)
              for i, (lines, opens) in enumerate(groups)]
    blocks = _rejoin_broken_paragraphs([b for b in blocks if b.text])
    if not any(b.kind == "body" for b in blocks):
        # a snippet with no paragraph at all (a short note, a news blurb): its lines are the content
        blocks = [Block("body", b.text) if b.kind == "heading" else b for b in blocks]
    return _assemble(blocks)


def _title_apart(lines: list[str]) -> list[list[str]]:
    """A title line set directly above its text, with no blank line between (``标题\n正文``), as its own
    block: a hard wrap fills its line to the width of the next one, a title stops well short of it and
    says no sentence (it was glued to the text's first sentence: 2023年中国GDP增长5.2%国家统计局…发布)."""
    first = lines[0]
    if (len(lines) >= 2 and len(first) <= _HEADING_MAX and len(first) + 4 < len(lines[1])
            and not lines[1].startswith("——") and not first.endswith(_TERMINAL)
            and not _SENTENCE_PUNCT.search(first) and not _CONTINUATION.match(first)):
        return [[first], lines[1:]]
    return [lines]


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines: no separator between CJK, a space between Latin words; a figure the wrap cut in
    Chinese text is one figure again (比上年的1 / 2.31亿元 -> 12.31亿元)."""
    out = lines[0]
    for line in lines[1:]:
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum() \
                and not (out[-1].isdigit() and line[0].isdigit() and _CJK_NEAR.search(out[-12:] + line[:12])):
            out += " "
        out += line
    return out


def undouble(text: str) -> str:
    """Collapse words doubled by bold/shadow extraction: 同心向党同心向党 -> 同心向党."""
    words = text.split(" ")
    return " ".join(_undouble_word(w) for w in words)


def _undouble_word(word: str) -> str:
    half, rem = divmod(len(word), 2)
    if rem == 0 and half >= 2 and word[:half] == word[half:]:
        return word[:half]
    return word


def _strip_markdown(text: str) -> str:
    return text.replace("**", "").replace("__", "")


def _classify(lines: list[str], opens: bool = False) -> Block:
    """Decide what a raw block is: heading, caption, byline/credit (meta) or body."""
    first = lines[0]
    md = _MD_HEADING.match(first) if len(lines) == 1 else None
    if md:
        return Block("heading", undouble(_strip_markdown(md.group(2))).strip(), level=len(md.group(1)))
    text = join_lines(lines)
    if first.startswith("▲"):
        return Block("caption", _strip_markdown(text.lstrip("▲ ")).strip())
    if len(lines) == 1 and _DATE_CAPTION.match(text) and len(text) <= 120 and _sentences(text) <= 1:
        return Block("caption", text)
    if len(text) <= 60 and (_META.search(text) or text.startswith("◆")):
        return Block("meta", text.lstrip("◆ ").strip())
    if len(lines) == 1 and (_BYLINE.fullmatch(text) or is_field(text)):
        # 县长 周明远: who speaks; 责任单位：区教育局: a field of a form; each a statement of its own
        return Block("body", text, opens=opens)
    if _is_title_block(lines) or _is_heading_line(lines, text):
        return Block("heading", undouble(_strip_markdown(text)).strip())
    lead = _BOLD_LEAD.match(text)
    return Block("body", _strip_markdown(text).strip(), lead=lead.group(1).strip() if lead else None, opens=opens)


def _sentences(text: str) -> int:
    return len(re.findall(r"[。！？!?]", text))


def _is_title_block(lines: list[str]) -> bool:
    """A headline followed by a ——subtitle line, as newspapers print them."""
    return (
        2 <= len(lines) <= 3
        and any(line.startswith("——") for line in lines[1:])
        and all(len(line) <= _HEADING_MAX for line in lines)
    )


def _is_heading_line(lines: list[str], text: str) -> bool:
    """A short standalone line that does not end like a sentence: without sentence punctuation, or numbered
    as a report's outline (一、2024年工作回顾, （一）依法惩治犯罪，全力维护安全稳定)."""
    return (
        len(lines) == 1
        and len(text) <= _HEADING_MAX
        and not text.endswith(_TERMINAL)
        and (((number := _OUTLINE.match(text)) is not None and not is_field(text[number.end():]))  # 四、预算金额：458万元
             or (number is None and not _SENTENCE_PUNCT.search(text) and not _CONTINUATION.match(text)))
    )


def outline_depth(text: str) -> int:
    """How deep a heading sits in a report's outline: 1 for 一、 and 第一部分, 2 for （一）, 0 if not numbered so."""
    m = _OUTLINE.match(text)
    return 0 if m is None else 2 if m.group(0)[0] in "（(" else 1


def _wrapped_title(lines: list[str]) -> bool:
    """A document's first block of two or three short lines that say no sentence: its title, wrapped
    (华岳智能装备股份有限公司 / 2024年年度报告摘要)."""
    text = join_lines(lines)
    return (2 <= len(lines) <= 3 and all(len(line) <= _TITLE_LINE for line in lines) and len(text) <= _HEADING_MAX
            and not text.endswith(_TERMINAL) and not _SENTENCE_PUNCT.search(text))


def is_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence (its end is on a later block)."""
    stripped = text.rstrip(_CLOSE_QUOTES)
    if stripped != text and stripped.endswith(_TERMINAL):
        return False
    return not text.endswith(_TERMINAL)


def _rejoin_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join paragraphs that a page, column, caption or heading split in two.

    An open body paragraph is joined with the next body block when only captions or
    bylines stand between them (the layout put a photo in the middle of a sentence),
    and, across headings, only with a block that clearly starts mid-sentence.
    """
    out: list[Block] = []
    pending = list(blocks)
    while pending:
        block = pending.pop(0)
        while block.kind == "body" and is_open(block.text) and not is_field(block.text):
            j = _continuation_index(pending)
            if j is None:
                break
            tail = pending.pop(j)
            block = Block("body", join_lines([block.text, tail.text]), lead=block.lead)
        out.append(block)
    return out


def _continuation_index(pending: list[Block], lookahead: int = 12) -> int | None:
    """Index in ``pending`` of the block continuing an open paragraph, if any."""
    crossed_heading = False
    for j, cand in enumerate(pending[:lookahead]):
        if cand.kind == "body":
            if cand.opens or is_field(cand.text):
                return None  # a paragraph set apart, or a field of a form: it starts anew
            if not crossed_heading or _CONTINUATION.match(cand.text):
                return j
            continue  # a normal paragraph after a heading: keep looking for the tail
        if cand.kind == "heading":
            crossed_heading = True
    return None


def _assemble(blocks: list[Block]) -> CleanDoc:
    """Lay the blocks out as text separated by blank lines, recording offsets."""
    parts: list[str] = []
    pos = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        block.start, block.end = pos, pos + len(block.text)
        parts.append(block.text)
        pos = block.end
    return CleanDoc(text="".join(parts), blocks=blocks)
