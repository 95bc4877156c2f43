"""Where a run of raw lines (no blank line between) holds several paragraphs.

Documents copied out of PDFs and office files often set paragraphs apart by indenting their first
line (two ideographic spaces) instead of a blank line, and forms, minutes and notices write one field per
line (``责任单位：区教育局`` / ``配合单位：区财政局``). Joined as one hard-wrapped paragraph they became one
sentence (责任单位：区教育局配合单位：区财政局完成时限：…) and an outline heading ran into its text
(（一）总体情况2024年，全市…). :func:`raw_blocks` cuts such runs where a paragraph visibly starts: an
indented line among unindented ones, a field or an outline number after a line that ended, a line after
a field or a heading, two short lines that say no sentence. Page footers (``— 3 —``, ``第3页``) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# the numbering of a report's outline: 一、 （一） 第一节 第二部分
OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分篇])")
# a field of a form: a short label and its value (时间：2025年3月12日, 主持人（谭晓雯）：…)
FIELD = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,11}[：:]\s*\S")
# a paragraph that ends with one of these is complete; anything else is open and is probably continued in a
# later block (a page or column break in the source)
TERMINAL = tuple("。！？!?…；;：:")
# a page footer (— 3 —, 第3页 共12页) or a rule drawn with characters (=====, -----): no text of the document
_FOOTER = re.compile(r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                     r"|[=\-*_~—–－·•]{3,})$")
# fields side by side are set apart by a wide space (校长：欧阳立诚　　统计负责人：…); one space may as well be a
# sentence's (据悉 消息人士称：…)
_NEXT_FIELD = re.compile(r"\s{2,}(?=[\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,11}[：:]\s*\S)")
_QUOTE = re.compile(r"^>\s*")  # a Markdown quotation's marker
_BULLET = re.compile(r"^[-*+•·]\s+\S")  # an item of a list
# titles do not contain sentence punctuation; a short line with it is a paragraph fragment
SENTENCE_PUNCT = re.compile(r"[。，,；;！？!?、]")
_INDENT = ("  ", "\u3000")
_SHORT = 4  # a line this much shorter than the block's longest stops before the wrap


@dataclass(slots=True)
class _Line:
    text: str
    indented: bool


@dataclass(slots=True)
class Paragraph:
    """The lines of one paragraph; ``opens``: it was set apart inside a run of lines (not by a blank line), so
    it starts a paragraph and continues none that a page break cut."""

    lines: list[str]
    opens: bool = False


def raw_blocks(raw: str, whole: Callable[[str], object] = lambda _: False) -> list[Paragraph]:
    """Non-blank lines grouped into paragraphs: apart at blank lines, and inside a run of lines where one
    visibly starts (see the module docstring). A line ``whole`` is true of keeps its fields together (a
    filing's header: 证券代码：688417　证券简称：华岳智能)."""
    groups: list[Paragraph] = []
    current: list[_Line] = []
    for line in [*raw.split("\n"), ""]:
        line = _QUOTE.sub("", line.replace("\t", " "))
        text = line.replace("\u3000", " ").strip()
        if text and not _FOOTER.match(text):
            # fields side by side on one line (校长：欧阳立诚  统计负责人：褚静怡) are one field each
            pieces = _NEXT_FIELD.split(text) if is_field(text) and not whole(text) else [text]
            current += [_Line(p, k == 0 and line.startswith(_INDENT)) for k, p in enumerate(pieces)]
        elif not text and current:
            groups += _paragraphs(current)
            current = []
    return groups


def is_field(text: str) -> bool:
    """``text`` is one field of a form (时间：…, 责任单位：…): a statement of its own, not a heading."""
    return FIELD.match(text) is not None


def _paragraphs(lines: list[_Line]) -> list[Paragraph]:
    width = max(len(line.text) for line in lines)
    # indentation marks paragraphs only where some lines are indented and others not
    indents = any(line.indented for line in lines) and not all(line.indented for line in lines)
    groups = [Paragraph([lines[0].text])]
    for prev, line in zip(lines, lines[1:]):
        if (indents and line.indented) or _starts(prev.text, line.text, width):
            groups.append(Paragraph([line.text], opens=True))
        else:
            groups[-1].lines.append(line.text)
    return groups


def _starts(prev: str, line: str, width: int) -> bool:
    """``line`` starts a paragraph after ``prev`` in a run of lines at most ``width`` long."""
    if is_field(prev) and is_field(line):
        return True  # 出席：… / 请假：…
    short = len(prev) + _SHORT < width
    if not (short or prev.endswith(TERMINAL)):
        return False  # prev runs on to the wrap: line continues it
    if is_field(line) or OUTLINE.match(line) or _BULLET.match(line) or is_field(prev):
        return True
    wordy = SENTENCE_PUNCT.search
    if (number := OUTLINE.match(prev)) and short and not wordy(prev[number.end():]):
        return True  # （一）总体情况: a heading, its text below
    return short and len(line) + _SHORT < width and not wordy(prev) and not wordy(line)  # title lines
