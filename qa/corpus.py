"""Reading a corpus directory: which files are documents, reading them safely, and
turning one into a cleaned :class:`Document` with its chunks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from qa.errors import DocumentError, InputError
from qa.models import Chunk, Document
from qa.text.chunk import ChunkParams, chunk_document
from qa.text.clean import clean_text
from qa.text.structure import document_title, sections

SUFFIXES = (".txt", ".md")
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A document file found in the corpus directory."""

    doc_id: str
    path: Path
    sha256: str
    data: bytes


def doc_id_for(path: Path) -> str:
    """The document id is the file stem (keeps the user's own naming)."""
    return path.stem


def list_sources(corpus_dir: Path) -> list[Path]:
    """Document files directly in ``corpus_dir`` (hidden files and other types ignored)."""
    if not corpus_dir.exists():
        raise InputError(f"corpus directory {corpus_dir} does not exist",
                         hint="pass the folder that holds your .txt/.md files")
    if not corpus_dir.is_dir():
        raise InputError(f"{corpus_dir} is not a directory", hint="pass a folder of .txt/.md files")
    # broken links and special files are listed too, so that reading them reports the problem
    return sorted(
        p for p in corpus_dir.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and not p.is_dir()
    )


def read_source(path: Path) -> SourceFile:
    """Read one file's bytes; unreadable files raise :class:`DocumentError`."""
    if path.exists() and not path.is_file():
        raise DocumentError(f"{path.name}: not a regular file", hint="only .txt and .md files are indexed")
    try:
        data = path.read_bytes()
    except OSError as exc:
        hint = ("the file or its link target is missing" if isinstance(exc, FileNotFoundError)
                else "check the file's permissions")
        raise DocumentError(f"{path.name}: cannot read file ({exc.strerror})", hint=hint) from exc
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"{path.name}: file is larger than {MAX_DOCUMENT_BYTES // 2**20} MiB",
                            hint="split it into smaller documents")
    return SourceFile(doc_id_for(path), path, hashlib.sha256(data).hexdigest(), data)


def decode(name: str, data: bytes) -> str:
    """Decode UTF-8 (a BOM is fine); anything else is a clear error naming the file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: not UTF-8 text (invalid byte at position {exc.start})",
            hint="convert it, e.g. `iconv -f GB18030 -t UTF-8`",
        ) from exc
    if "\x00" in text:
        raise DocumentError(f"{name}: looks like a binary file, not text",
                            hint="only .txt and .md documents are supported")
    if not text.strip():
        raise DocumentError(f"{name}: the file is empty", hint="add text or remove the file")
    return text


def build_document(src: SourceFile, params: ChunkParams) -> tuple[Document, list[Chunk]]:
    """Clean, structure and chunk one source file."""
    raw = decode(src.path.name, src.data)
    doc = clean_text(raw)
    title, title_blocks = document_title(doc, fallback=src.doc_id)
    secs = sections(doc, title_blocks)
    chunks = chunk_document(doc, secs, src.doc_id, title, params)
    orgs = [c.org for c in chunks if c.org]
    # a document covering several organisations is about none of them in particular
    main_org = orgs[0] if orgs and len(set(orgs)) == 1 else None
    document = Document(src.doc_id, title, doc.text, src.path.name, src.sha256, main_org)
    return document, chunks
