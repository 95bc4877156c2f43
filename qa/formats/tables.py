"""Tables as text: each row becomes one paragraph that carries the column headers and the caption,
so a question naming a column ("2023年提案数") and a row ("大武口区") finds the cell, and the answer
cites the row."""

from __future__ import annotations


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
