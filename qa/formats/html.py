"""Saved web pages: the main content only (trafilatura drops navigation, sidebars, footers)."""

from __future__ import annotations

import re

from qa.errors import DocumentError
from qa.formats.base import Extracted, ReadOptions
from qa.formats.text import check_text, decode_bytes

_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def read_html(name: str, data: bytes, options: ReadOptions) -> Extracted:
    """The article of an HTML page as Markdown-like text (headings kept, one paragraph per block)."""
    import trafilatura

    page = decode_bytes(name, data)
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
