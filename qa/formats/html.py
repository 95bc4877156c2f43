"""Saved web pages: the main content only (trafilatura drops navigation, sidebars, footers)."""

from __future__ import annotations

import re

from qa.errors import DocumentError
from qa.formats.base import Extracted, ReadOptions
from qa.formats.tables import row_paragraphs
from qa.formats.text import check_text, decode_bytes

_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def read_html(name: str, data: bytes, options: ReadOptions) -> Extracted:
    """The article of an HTML page as Markdown-like text (headings kept, one paragraph per block)."""
    import trafilatura

    page = _tables_as_rows(decode_bytes(name, data))
    body = trafilatura.extract(page, output_format="markdown", include_tables=True, include_links=False,
                               include_images=False, include_comments=False, favor_recall=True)
    if not body or not body.strip():
        raise DocumentError(f"{name}: no article text found in the page",
                            hint="save the page's article itself, or paste its text into a .txt file")
    title = trafilatura.extract_metadata(page)
    lines = [_MD_EMPHASIS.sub(r"\2", line).strip() for line in body.splitlines()]
    text = "\n\n".join(line for line in lines if line)
    if title is not None and title.title and title.title not in text[:200]:
        text = f"# {title.title}\n\n{text}"
    check_text(name, text)
    return Extracted([text])


def _tables_as_rows(page: str) -> str:
    """``page`` with each ``<table>`` replaced by a paragraph per row (:func:`row_paragraphs`, as Word and PDF
    tables are read): trafilatura writes some tables as Markdown and flattens others into a line per cell,
    which no figure can be read from (28.5 / 松岚县 with its column's 签约金额（亿元） far above)."""
    if "<table" not in page.lower():
        return page
    import lxml.html

    try:
        root = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return page
    tables = root.xpath("//table[not(ancestor::table)]")
    for table in tables:
        rows = [[" ".join(cell.text_content().split()) for cell in tr.xpath("./th|./td")] for tr in table.xpath(".//tr")]
        caption = table.xpath("./caption")
        block = lxml.html.Element("div")
        for text in row_paragraphs(rows, " ".join(caption[0].text_content().split()) if caption else None):
            para = lxml.html.Element("p")
            para.text = text
            block.append(para)
        block.tail = table.tail
        table.getparent().replace(table, block)
    return lxml.html.tostring(root, encoding="unicode")
