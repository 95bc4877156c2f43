"""Changing the corpus directory safely: checked file names, atomic writes, reversible deletes.

Every operation returns an *undo* function so that a failed re-index leaves the corpus
as it was (see :meth:`service.state.ServiceState.change_corpus`).
"""

from __future__ import annotations

import os
import shutil
import unicodedata
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from qa import formats
from qa.corpus import SUFFIXES, SourceFile, build_document, doc_id_for
from qa.errors import ConflictError, InputError, PayloadTooLargeError, UnsupportedTypeError
from qa.text.chunk import ChunkParams

DELETED_DIR = ".deleted"
MAX_NAME_BYTES = 200
Undo = Callable[[], None]


def safe_name(filename: str | None) -> str:
    """The upload's file name if it is a plain, visible name of a supported type; else a 4xx error."""
    if not filename or not filename.strip():
        raise InputError("the uploaded file has no name", hint="send the file as multipart field 'file' with a file name")
    name = unicodedata.normalize("NFC", filename)
    if "/" in name or "\\" in name or name in (".", "..") or os.path.isabs(name):
        raise InputError(f"unsafe file name {filename!r}: paths are not allowed",
                         hint="upload a plain file name such as report.txt")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name) or name != name.strip():
        raise InputError(f"unsafe file name {filename!r}: control characters or surrounding spaces",
                         hint="rename the file")
    if name.startswith("."):
        raise InputError(f"hidden file name {filename!r} is not allowed", hint="rename the file without the leading dot")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InputError(f"the file name is longer than {MAX_NAME_BYTES} bytes", hint="use a shorter name")
    if Path(name).suffix.lower() not in SUFFIXES or not Path(name).stem.strip(". "):
        raise UnsupportedTypeError(f"{name}: only {', '.join(SUFFIXES)} files can be uploaded",
                                   hint="supported types: " + ", ".join(SUFFIXES))
    return name


def check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise PayloadTooLargeError(f"{name} is larger than the upload limit of {limit} bytes",
                                   hint="split the document (QA_MAX_UPLOAD_BYTES sets the limit)")


def precheck(name: str, data: bytes, options: formats.ReadOptions) -> None:
    """What can be rejected at once, before any page is read: encrypted, broken or too long PDFs,
    zip bombs, undeterminable text encodings, control characters only, broken images."""
    formats.probe(name, data, options)


def check_document(corpus_dir: Path, name: str, data: bytes, chunk_size: int,
                   options: formats.ReadOptions | None = None) -> str:
    """Reject what the indexer would skip (unreadable, no text) before touching the corpus.

    Returns the document id. Another file with the same id but another suffix is a conflict.
    """
    path = corpus_dir / name
    doc_id = doc_id_for(path)
    # reading, cleaning and chunking raise DocumentError exactly as the indexer would
    build_document(SourceFile(doc_id, path, "", data), ChunkParams(chunk_size), options)
    others = [p for p in corpus_dir.iterdir() if p.name != name and doc_id_for(p) == doc_id
              and p.suffix.lower() in SUFFIXES] if corpus_dir.is_dir() else []
    if others:
        raise ConflictError(f"{others[0].name} already holds document {doc_id!r}",
                            hint=f"delete {doc_id!r} first or upload it as {others[0].name}")
    return doc_id


def write_atomically(corpus_dir: Path, name: str, data: bytes) -> Undo:
    """Write ``corpus_dir/name`` all at once (temp file, fsync, rename); returns the undo."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / name
    previous = target.read_bytes() if target.is_file() else None
    _atomic_write(target, data)

    def undo() -> None:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            _atomic_write(target, previous)

    return undo


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".upload-{uuid.uuid4().hex}.tmp")  # hidden: never indexed
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove(corpus_dir: Path, source: str, keep: bool) -> tuple[str | None, Undo]:
    """Take ``source`` out of the corpus: moved to ``.deleted/`` when ``keep``, else deleted.

    Returns (where it went relative to the corpus dir, or None) and the undo function.
    """
    path = corpus_dir / source
    if path.parent.resolve() != corpus_dir.resolve():  # the index names files, never paths
        raise InputError(f"refusing to remove {source!r}: not a file of the corpus directory")
    if not path.exists():
        return None, lambda: None
    if not keep:
        data = path.read_bytes()
        path.unlink()
        return None, lambda: _atomic_write(path, data)
    bin_dir = corpus_dir / DELETED_DIR
    bin_dir.mkdir(exist_ok=True)
    dest = bin_dir / source
    if dest.exists():  # an earlier deletion of the same name is kept too
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        dest = bin_dir / f"{path.stem}.{stamp}-{uuid.uuid4().hex[:6]}{path.suffix}"
    shutil.move(path, dest)

    def undo() -> None:
        shutil.move(dest, path)

    return f"{DELETED_DIR}/{dest.name}", undo
