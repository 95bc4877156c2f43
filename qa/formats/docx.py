"""Word documents (.docx, python-docx): headings from styles, list items, captioned tables.

The archive is checked before it is opened: a .docx is a zip, and one that would unpack
to more than ``max_unzipped_bytes`` (a zip bomb) is refused without inflating it.
"""

from __future__ import annotations

import io
import re
import zipfile

from qa.errors import DocumentError
from qa.formats.base import Extracted, ReadOptions
from qa.formats.tables import row_paragraphs
from qa.formats.text import check_text

_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:表|table)\s*[\d一二三四五六七八九十]", re.IGNORECASE)


def check_zip(name: str, data: bytes, options: ReadOptions) -> None:
    """Refuse a broken archive or one that unpacks to more than the limit (before unpacking)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(f"{name}: not a valid .docx file (broken zip archive)",
                            hint="open it in Word or LibreOffice and save it again") from exc
    if total > options.max_unzipped_bytes:
        raise DocumentError(
            f"{name}: unpacks to {total // 2**20} MiB, over the limit of {options.max_unzipped_bytes // 2**20} MiB",
            hint="this looks like a zip bomb; QA_MAX_UNZIPPED_BYTES sets the limit")
    if "word/document.xml" not in names:
        raise DocumentError(f"{name}: not a Word document (no word/document.xml)",
                            hint="save it as .docx from Word or LibreOffice")


def read_docx(name: str, data: bytes, options: ReadOptions) -> Extracted:
    """Headings as Markdown ``#`` lines, paragraphs and list items as blocks, tables row by row."""
    check_zip(name, data, options)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(f"{name}: the Word document cannot be read ({type(exc).__name__})",
                            hint="open it in Word or LibreOffice and save it again") from exc
    blocks: list[str] = []
    caption: str | None = None
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = " ".join(para.text.split())
            if not text:
                continue
            style = para.style.name if para.style is not None else ""
            if style.lower() == "caption" or (_CAPTION.match(text) and len(text) <= 60):
                caption = text  # the table that follows carries it in every row
                continue
            if caption:
                blocks.append(caption)  # a caption with no table after it is a paragraph
                caption = None
            blocks.append(_paragraph(text, style))
        elif tag == "tbl":
            rows = [[cell.text for cell in row.cells] for row in Table(child, document).rows]
            blocks.extend(row_paragraphs(rows, caption))
            caption = None
    if caption:
        blocks.append(caption)
    text = "\n\n".join(blocks)
    check_text(name, text)
    return Extracted([text])


def _paragraph(text: str, style: str) -> str:
    if style.lower() == "title":
        return f"# {text}"
    m = _HEADING.match(style)
    if m:
        return "#" * min(int(m.group(1)) + 1, 6) + f" {text}"
    return text
