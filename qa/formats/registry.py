"""Which reader handles which file type: one module per format, looked up by suffix.

Built-ins are import strings, so reading a ``.txt`` never imports the PDF or OCR stack.
An unknown suffix is an :class:`~qa.errors.UnsupportedTypeError` listing the valid ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from qa.errors import UnsupportedTypeError
from qa.formats.base import Extracted, ReadOptions

Reader = Callable[[str, bytes, ReadOptions], Extracted]

_BUILTINS: dict[str, str] = {
    ".txt": "qa.formats.text:read_text",
    ".md": "qa.formats.text:read_text",
    ".pdf": "qa.formats.pdf:read_pdf",
    ".docx": "qa.formats.docx:read_docx",
    ".html": "qa.formats.html:read_html",
    ".htm": "qa.formats.html:read_html",
    ".png": "qa.formats.image:read_image",
    ".jpg": "qa.formats.image:read_image",
    ".jpeg": "qa.formats.image:read_image",
}
_PROBES: dict[str, str] = {
    ".txt": "qa.formats.text:probe_text",
    ".md": "qa.formats.text:probe_text",
    ".html": "qa.formats.text:probe_text",
    ".htm": "qa.formats.text:probe_text",
    ".pdf": "qa.formats.pdf:probe_pdf",
    ".docx": "qa.formats.docx:check_zip",
    ".png": "qa.formats.image:probe_image",
    ".jpg": "qa.formats.image:probe_image",
    ".jpeg": "qa.formats.image:probe_image",
}
_registered: dict[str, Reader | str] = {}

#: bump when a reader's output changes for the same bytes; documents of that type are then read
#: again by the next ``qa index`` (text files are read as they are: their version is their bytes).
READER_VERSIONS: dict[str, int] = {".pdf": 3, ".docx": 2, ".html": 1, ".htm": 1, ".png": 2, ".jpg": 2, ".jpeg": 2}


def register(suffix: str, reader: Reader | str) -> None:
    """Register a reader (a callable or a ``module:function`` string) for a file suffix."""
    _registered[suffix.lower()] = reader


def suffixes() -> tuple[str, ...]:
    """Every supported file suffix, sorted."""
    return tuple(sorted(set(_BUILTINS) | set(_registered)))


def is_supported(name: str) -> bool:
    return Path(name).suffix.lower() in suffixes()


def reader_for(name: str) -> Reader:
    """The reader for a file name; an unsupported type is a clear error listing the valid ones."""
    suffix = Path(name).suffix.lower()
    target = _registered.get(suffix) or _BUILTINS.get(suffix)
    if target is None:
        raise UnsupportedTypeError(f"{name}: unsupported file type {suffix or '(none)'!r}",
                                   hint="supported types: " + ", ".join(suffixes()))
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        target = getattr(import_module(module), attr)
    return target


def read(name: str, data: bytes, options: ReadOptions | None = None) -> Extracted:
    """Read one document's bytes with the reader for its type."""
    return reader_for(name)(name, data, options or ReadOptions())


def probe(name: str, data: bytes, options: ReadOptions | None = None) -> None:
    """Cheap checks that need no page read: encrypted/broken/too long PDF, zip bomb, unknown
    text encoding, broken image. Raises the same :class:`~qa.errors.DocumentError` reading would."""
    reader_for(name)  # an unsupported type fails here
    target = _PROBES.get(Path(name).suffix.lower())
    if target is not None:
        module, _, attr = target.partition(":")
        getattr(import_module(module), attr)(name, data, options or ReadOptions())


def content_key(name: str, data: bytes) -> str:
    """SHA-256 of the bytes, and of the reader's version for derived formats: a change of either
    makes ``qa index`` read the document again; other documents are reused."""
    h = hashlib.sha256(data)
    version = READER_VERSIONS.get(Path(name).suffix.lower())
    if version is not None:
        h.update(f"\x00reader-{version}".encode())
    return h.hexdigest()
