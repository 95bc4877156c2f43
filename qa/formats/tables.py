"""Tables as text: each row becomes one paragraph that carries the column headers and the caption,
so a question naming a column ("2023年提案数") and a row ("大武口区") finds the cell, and the answer
cites the row."""

from __future__ import annotations

import re


def _cell(text: str | None) -> str:
    return " ".join((text or "").split())


def row_paragraphs(rows: list[list[str | None]], caption: str | None = None) -> list[str]:
    """One paragraph per data row: ``caption：header：value，header：value。``.

    Cells are joined with ，not ；: the row stays one sentence for the answer composer, so the
    row's label (its organisation) and its figures are read together.

    The first row is taken as the header when there is more than one row; a table of one
    row is written as its cells. Empty rows are dropped.
    """
    rows = [[_cell(c) for c in row] for row in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    header, body = (rows[0], rows[1:]) if len(rows) > 1 else ([], rows)
    prefix = f"{caption}：" if caption else ""
    out = []
    for row in body:
        parts, last = [], None
        for i, value in enumerate(row):
            head = header[i] if i < len(header) else ""
            if not value or (head, value) == last:  # merged cells repeat their text
                continue
            last = (head, value)
            parts.append(f"{head}：{value}" if head and head != value else value)
        if parts:
            out.append(prefix + "，".join(parts) + "。")
    return out


_PIPE = re.compile(r"[|｜]")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")  # |---|:---:| under a Markdown table's header


def pipe_tables(text: str) -> str:
    """``text`` with each table written in pipes (Markdown's ``| a | b |``, or plain ``a | b | c`` lines) as
    :func:`row_paragraphs`: read as lines, a table ran into one sentence (指标 | 单位 | 2023年 | 2024年综合能源
    消耗量 | 吨标准煤 | 86,420 | 81,975…) that no figure could be read from. A run of at least two lines of
    at least three cells each is a table; anything else is left as it is."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(_cells(lines[j])) >= 3:
            j += 1
        if j - i >= 2:
            rows = [cells for cells in map(_cells, lines[i:j]) if not all(_RULE_CELL.match(c) for c in cells if c)]
            out += ["", *"\n\n".join(row_paragraphs(rows)).split("\n"), ""]
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _cells(line: str) -> list[str]:
    """The cells of a line written in pipes (none for a line with fewer than two pipes)."""
    stripped = line.strip()
    if len(_PIPE.findall(stripped)) < 2:
        return []
    return [c.strip() for c in _PIPE.split(stripped.strip("|｜"))]
