"""Reading a corpus directory: which files are documents, reading them safely, and
turning one into a cleaned :class:`Document` with its chunks.

Every format goes through its reader (:mod:`qa.formats`) to raw text, then the same
cleaning, structure and chunking; paged formats also get each page's start offset.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from qa import formats
from qa.errors import DocumentError, InputError
from qa.formats.pages import page_of, page_starts
from qa.formats.registry import content_key
from qa.formats.text import decode_bytes
from qa.models import Chunk, Document
from qa.text.chunk import ChunkParams, chunk_document
from qa.text.clean import clean_text
from qa.text.structure import document_title, sections

SUFFIXES = formats.suffixes()
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
                         hint="pass the folder that holds your documents")
    if not corpus_dir.is_dir():
        raise InputError(f"{corpus_dir} is not a directory", hint="pass a folder of documents")
    # broken links and special files are listed too, so that reading them reports the problem
    return sorted(
        p for p in corpus_dir.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and not p.is_dir()
    )


def read_source(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> SourceFile:
    """Read one file's bytes; unreadable or too large files raise :class:`DocumentError`."""
    if path.exists() and not path.is_file():
        raise DocumentError(f"{path.name}: not a regular file", hint="only regular files are indexed")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # never more than the limit into memory
    except OSError as exc:
        hint = ("the file or its link target is missing" if isinstance(exc, FileNotFoundError)
                else "check the file's permissions")
        raise DocumentError(f"{path.name}: cannot read file ({exc.strerror})", hint=hint) from exc
    if len(data) > max_bytes:
        raise DocumentError(f"{path.name}: file is larger than {max_bytes // 2**20} MiB",
                            hint="split it into smaller documents (QA_MAX_DOCUMENT_BYTES sets the limit)")
    return SourceFile(doc_id_for(path), path, content_key(path.name, data), data)


def decode(name: str, data: bytes) -> str:
    """Decode a text file (UTF-8, GB18030/GBK, Big5); an unknown encoding is a clear error."""
    return decode_bytes(name, data)


def build_document(src: SourceFile, params: ChunkParams,
                   options: formats.ReadOptions | None = None) -> tuple[Document, list[Chunk]]:
    """Read (any supported format), clean, structure and chunk one source file."""
    extracted = formats.read(src.path.name, src.data, options)
    doc = clean_text(extracted.text)
    if not doc.blocks:
        raise DocumentError(f"{src.path.name}: no text left after cleaning", hint="check the file's content")
    title, title_blocks = document_title(doc, fallback=src.doc_id)
    secs = sections(doc, title_blocks)
    chunks = chunk_document(doc, secs, src.doc_id, title, params)
    pages = tuple(page_starts(doc.text, extracted.pages)) if extracted.paged else ()
    if pages:
        chunks = [dataclasses.replace(c, page=page_of(pages, c.start)) for c in chunks]
    orgs = [c.org for c in chunks if c.org]
    # a document covering several organisations is about none of them in particular
    main_org = orgs[0] if orgs and len(set(orgs)) == 1 else None
    document = Document(src.doc_id, title, doc.text, src.path.name, src.sha256, main_org, pages)
    return document, chunks
