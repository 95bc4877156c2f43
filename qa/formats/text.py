"""Plain text and Markdown in UTF-8, GB18030/GBK or Big5.

UTF-8 (with or without a BOM) is tried first and strictly; anything else is detected
with charset-normalizer among the legacy Chinese encodings (and UTF-16/32). A file
whose encoding cannot be determined is reported, never decoded by a guess.
"""

from __future__ import annotations

import unicodedata

from qa.errors import DocumentError
from qa.formats.base import Extracted, ReadOptions
from qa.formats.tables import pipe_tables

# GB18030 is a superset of GBK and GB2312: detecting it covers all three
_LEGACY = ["gb18030", "big5", "utf_16", "utf_32"]
_MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a decoding is not trusted


def decode_bytes(name: str, data: bytes) -> str:
    """Decode a text file; an undeterminable encoding is a :class:`DocumentError`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _detect(name, data, exc.start)
    check_text(name, text)
    return text


def _detect(name: str, data: bytes, bad_at: int) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: looks like a binary file, not text",
                            hint="supported types: .txt, .md, .pdf, .docx, .html, .png, .jpg")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise DocumentError(
            f"{name}: the text encoding cannot be determined (not UTF-8, GB18030/GBK or Big5; "
            f"invalid UTF-8 at byte {bad_at})",
            hint="convert it to UTF-8, e.g. `iconv -f ENCODING -t UTF-8`",
        )
    return str(best)


def check_text(name: str, text: str) -> None:
    """Reject binary, empty and control-character-only text with a message saying which."""
    if "\x00" in text:
        raise DocumentError(f"{name}: looks like a binary file, not text",
                            hint="supported types: .txt, .md, .pdf, .docx, .html, .png, .jpg")
    if not text.strip():
        raise DocumentError(f"{name}: the file is empty", hint="add text or remove the file")
    if not any(unicodedata.category(c)[0] not in "CZ" for c in text):
        raise DocumentError(f"{name}: the file holds only control characters, no text",
                            hint="check that it is the right file, or remove it")


def read_text(name: str, data: bytes, options: ReadOptions) -> Extracted:
    """A ``.txt`` or ``.md`` file: its decoded text is already in the cleaner's conventions, but for tables
    written in pipes, which become a paragraph per row (:func:`qa.formats.tables.pipe_tables`)."""
    return Extracted([pipe_tables(decode_bytes(name, data))])


def probe_text(name: str, data: bytes, options: ReadOptions) -> None:
    """Decodable, not binary, not empty, not only control characters."""
    decode_bytes(name, data)
