"""An index directory: writing it, publishing it atomically, and loading it.

Layout (all readable; no pickles)::

    manifest.json        format version, embedder, chunker parameters, fingerprint, files
    documents.jsonl      document metadata, one JSON object per document (see qa.index.doctable)
    doc_ids.npy          the document ids, sorted, for lookups by id
    texts.jsonl          cleaned document texts, one JSON string per line
    chunks.jsonl         chunks (ensure_ascii=False), rows grouped by document
    offsets.npz          byte offsets of the JSON-lines rows; document and organisation tables
    tokens.jsonl         BM25 tokens per chunk (reused when re-indexing)
    vectors.npy          float32 (n_chunks, dim) L2-normalised embeddings
    index.faiss          FAISS index over vectors.npy
    bm25/                bm25s files (numpy arrays + JSON)

A new index is written to a temporary sibling directory and swapped in with one atomic
rename, so readers and an interrupted ``qa index`` never see a half-written index.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from qa.errors import IndexCorruptError, IndexStoreError, InputError
from qa.index.dense import DenseIndex
from qa.index.doctable import DocList, DocTable
from qa.index.jsonl import JsonlTable
from qa.index.lexical import LexicalIndex
from qa.index.manifest import MANIFEST, Manifest
from qa.index.stores import open_store
from qa.lexicon import EMPTY, Lexicon, load_lexicon
from qa.lexicon import FILENAME as LEXICON_FILE
from qa.models import Chunk, Document
from qa.text.tokenize import Tokenizer

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class Index:
    """A loaded, immutable index. Replace it, never mutate it, while others read it.

    Loading reads only what every query needs (row offsets, the document and organisation
    tables, the ANN graph); the rest stays on disk: rows of documents, chunks, texts and
    vectors are read with ``pread`` when asked for, BM25 postings are memory-mapped and
    paged in where a query's tokens point. At a million chunks the manifest no longer holds
    every document (0.3 GiB parsed) and re-scoring no longer maps 64 KiB-2 MiB per row read.
    """

    def __init__(self, directory: Path, manifest: Manifest, mmap: bool = True, store_uri: str | None = None,
                 search: bool = True) -> None:
        self.directory = directory
        self.manifest = manifest
        with np.load(directory / "offsets.npz") as off:
            chunk_off, text_off = off["chunks"], off["texts"]
            #: doc_id -> DocMeta, looked up in the sorted id table (no dict of every document)
            self.doc_by_id = DocTable(directory, {k: off[k] for k in ("documents", "doc_order", "doc_bounds")})
            #: chunk rows of organisation i (an index into manifest.orgs): org_rows[org_ptr[i]:org_ptr[i+1]]
            self._org_rows, self._org_ptr = off["org_rows"], off["org_ptr"]
        #: the documents in index order (a sequence; rows are parsed when accessed)
        self.docs = DocList(self.doc_by_id)
        self._chunks = JsonlTable(directory / "chunks.jsonl", chunk_off)
        self._texts = JsonlTable(directory / "texts.jsonl", text_off)
        local = manifest.store.get("name", "local") == "local"
        #: the FAISS index (None when another store answers the dense searches)
        self.dense = DenseIndex.load(directory / "index.faiss", manifest.dense, mmap=mmap) if local else None
        # bm25s: the local keyword search, and the document frequencies of every store's BM25
        self.lexical = LexicalIndex.load(directory / "bm25", manifest.n_chunks, mmap=mmap)
        self.tokenizer = Tokenizer(manifest.words)
        self.lexicon = _load_lexicon(directory, manifest)
        if len(self._chunks) != manifest.n_chunks or (local and self.dense.size != manifest.n_chunks):
            raise IndexCorruptError(f"index at {directory} is inconsistent (chunk counts differ)",
                                    hint="rebuild with `qa index --rebuild`")
        #: what answers the dense and keyword searches (qa/index/stores); None when loaded to read only
        self.store = open_store(self, manifest.store, store_uri) if search else None

    @classmethod
    def load(cls, directory: Path, embedder: str | None = None, mmap: bool = True,
             store_uri: str | None = None, search: bool = True) -> Index:
        """Load and check an index; ``embedder`` (a name) must match the one it was built with.

        ``store_uri`` overrides the search engine's URI the manifest records (another host);
        ``search=False`` loads the files only, without connecting to the store (re-indexing).
        Damage the checksums cannot see at load (files above ``VERIFY_ON_LOAD_BYTES``) and
        the libraries reading the files reject is reported the same way, never as their own
        exception: the service turns it into a 503, the CLI into one line.
        """
        directory = recover(directory)
        manifest = Manifest.read(directory)
        manifest.check_embedder(embedder, directory)
        manifest.check_files(directory)
        try:
            return cls(directory, manifest, mmap=mmap, store_uri=store_uri, search=search)
        except IndexStoreError:
            raise
        except Exception as exc:
            raise IndexCorruptError(f"index at {directory} cannot be read ({type(exc).__name__}: "
                                    f"{_first_line(exc)})", hint="rebuild with `qa index --rebuild`") from exc

    def __len__(self) -> int:
        return self.manifest.n_chunks

    def chunk(self, i: int, title: str | None = None) -> Chunk:
        """Chunk at row ``i`` (``title``: its document's, when the caller already has it)."""
        r = self._chunks.row(i)
        if title is None:
            title = self.doc_by_id.row(self.doc_by_id.doc_row_of_chunk(i)).title
        try:
            return Chunk(r["id"], r["doc_id"], title, tuple(r["headings"]),
                         r["org"], r["kind"], r["text"], r["start"], r["end"], r.get("page"))
        except (KeyError, TypeError) as exc:  # a damaged row that is still JSON
            raise IndexCorruptError(f"index file {self._chunks.path} is damaged (row {i}: {exc!r})",
                                    hint="rebuild with `qa index --rebuild`") from exc

    def chunks(self, lo: int = 0, hi: int | None = None) -> list[Chunk]:
        """Chunks at rows ``lo:hi`` (each document's row is parsed once, not once per chunk)."""
        titles: dict[int, str] = {}
        out = []
        for i in range(lo, len(self) if hi is None else hi):
            d = self.doc_by_id.doc_row_of_chunk(i)
            if d not in titles:
                titles[d] = self.doc_by_id.row(d).title
            out.append(self.chunk(i, titles[d]))
        return out

    def document(self, doc_id: str) -> Document:
        """A document with its cleaned text (raises KeyError for unknown ids)."""
        row = self.doc_by_id.find(doc_id)
        if row is None:
            raise KeyError(doc_id)
        meta = self.doc_by_id.row(row)
        text = self._texts.row(row)["text"]
        return Document(meta.doc_id, meta.title, text, meta.source, meta.sha256, meta.org, tuple(meta.pages or ()))

    def vectors(self) -> np.ndarray:
        """All chunk vectors, memory-mapped read-only."""
        return np.load(self.directory / "vectors.npy", mmap_mode="r")

    def tokens(self) -> list[list[str]]:
        return [row["t"] for row in JsonlTable(self.directory / "tokens.jsonl", _tokens_offsets(self)).rows()]

    def rows_for_docs(self, doc_ids: list[str]) -> np.ndarray:
        """Chunk rows belonging to the given documents (unknown ids contribute nothing)."""
        found = {r for i in doc_ids if (r := self.doc_by_id.find(i)) is not None}
        bounds = self.doc_by_id.bounds
        ranges = [np.arange(bounds[r], bounds[r + 1]) for r in sorted(found)]
        return np.concatenate(ranges) if ranges else np.empty(0, np.int64)

    def rows_for_orgs(self, orgs: list[str]) -> np.ndarray:
        """Chunk rows about any of the given organisations, ascending (precomputed per organisation)."""
        ids = [i for i, o in enumerate(self.manifest.orgs) if o in orgs]
        parts = [self._org_rows[self._org_ptr[i] : self._org_ptr[i + 1]] for i in ids]
        rows = np.concatenate(parts).astype(np.int64) if parts else np.empty(0, np.int64)
        return np.sort(rows) if len(parts) > 1 else rows

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        self._chunks.close()
        self._texts.close()
        self.doc_by_id.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else ""


def _load_lexicon(directory: Path, manifest: Manifest) -> Lexicon:
    """The lexicon the index was built with (``lexicon.json`` in it), checked against the manifest."""
    if not (manifest.lexicon or {}).get("file"):
        return EMPTY
    try:
        lex = load_lexicon(directory / LEXICON_FILE)
    except InputError as exc:
        raise IndexCorruptError(f"the index's lexicon is unreadable: {exc.message}",
                                hint="rebuild with `qa index --rebuild`") from exc
    if lex.sha256 != manifest.lexicon.get("sha256"):
        raise IndexCorruptError(f"{directory / LEXICON_FILE} differs from the one recorded in the manifest",
                                hint="rebuild with `qa index --rebuild`")
    return lex


def _tokens_offsets(index: Index) -> np.ndarray:
    with np.load(index.directory / "offsets.npz") as off:
        return off["tokens"]


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(directory: Path) -> None:
    """Flush every file so a crash after publishing cannot leave empty files behind."""
    for root, _, files in os.walk(directory):
        for name in files:
            with open(os.path.join(root, name), "rb") as fh:
                os.fsync(fh.fileno())
        fsync_dir(Path(root))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def publish(tmp: Path, target: Path) -> None:
    """Make ``tmp`` the index at ``target`` in one atomic step, then drop the old one."""
    fsync_tree(tmp)
    if not target.exists():
        os.rename(tmp, target)
    elif _exchange(tmp, target):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous index
    else:  # two renames; `recover` repairs the gap if we die between them
        old = target.with_name(f"{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
        os.rename(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    fsync_dir(target.parent)


def recover(target: Path) -> Path:
    """If a publish died between its two renames, put the previous index back."""
    if not (target / MANIFEST).exists() and target.parent.exists():
        olds = sorted(target.parent.glob(f"{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if olds and (olds[-1] / MANIFEST).exists() and not target.exists():
            os.rename(olds[-1], target)
    return target


@contextmanager
def build_lock(index_dir: Path):
    """One writer at a time per index directory (others wait)."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f"{index_dir.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def new_tmp_dir(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    tmp.mkdir()
    return tmp


def sweep_tmp_dirs(target: Path) -> None:
    """Remove temporary directories left by interrupted builds (call under the build lock)."""
    for p in target.parent.glob(f"{target.name}.tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
