"""Build or update an index directory from a corpus directory, re-embedding only what changed.

Unchanged documents (same bytes) reuse their chunks, vectors and tokens; a changed
document is re-chunked and only chunks whose content hash is new are embedded; a
removed document simply is not carried over. The result is written to a temporary
directory and published atomically under a lock, so concurrent builds serialise and
an interrupted build leaves the previous index intact.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from embeddings import Embedder
from qa.corpus import SourceFile, build_document, list_sources, read_source
from qa.errors import IndexStoreError, InputError, QAError
from qa.formats.base import Progress, ReadOptions
from qa.index.binding import check_build
from qa.index.dense import DenseParams
from qa.index.fields import FIELDS_VERSION, indexed_text
from qa.index.manifest import Manifest
from qa.index.store import Index, build_lock, new_tmp_dir, publish, sweep_tmp_dirs
from qa.index.stores import StoreSpec, connect
from qa.index.stores.writing import (
    describe_store,
    drop_replaced,
    same_store,
    store_entry,
    store_sync,
)
from qa.index.upgrade import upgrade
from qa.index.writer import Assembled, DocEntry, write_index
from qa.lexicon import EMPTY, Lexicon, load_lexicon
from qa.lexicon import FILENAME as LEXICON_FILE
from qa.models import Chunk
from qa.text.chunk import CHUNKER_VERSION, ChunkParams
from qa.text.clean import CLEANER_VERSION
from qa.text.structure import org_key
from qa.text.tokenize import TOKENIZER_VERSION

ProgressFactory = Callable[[int, str], Callable[[int], None]]


@dataclass(slots=True)
class BuildReport:
    """What ``qa index`` did."""

    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    reused: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: reason"
    unchanged: bool = False
    rebuilt_because: str | None = None
    seconds: float = 0.0
    store: str = ""  # the search engine written, when not the local files (its collection and changes)


def versions() -> dict[str, int | str]:
    return {"cleaner": CLEANER_VERSION, "chunker": CHUNKER_VERSION, "fields": FIELDS_VERSION,
            "tokenizer": TOKENIZER_VERSION}


def fingerprint(entries: list[tuple[str, str]], embedder: str, params: ChunkParams) -> str:
    """Identity of (corpus content, embedder, parameters): equal means nothing to do."""
    h = hashlib.sha256(f"{embedder}|{params.size}|{sorted(versions().items())}".encode())
    for doc_id, sha in sorted(entries):
        h.update(f"\n{doc_id}\t{sha}".encode())
    return h.hexdigest()


def _previous(index_dir: Path, embedder: Embedder, params: ChunkParams) -> tuple[Index | Stale | None, str | None]:
    """The existing index if its vectors and chunks can be reused, else why not.

    An index of an older, upgradable format is upgraded first (under the caller's lock),
    so a format change never costs re-embedding the corpus.
    """
    try:
        upgrade(index_dir)
        old = Index.load(index_dir, search=False)
    except IndexStoreError as exc:
        return None, None if "no index" in exc.message else exc.message
    m = old.manifest
    if m.embedder != embedder.name or m.dim != embedder.dim:
        return None, f"embedder changed ({m.embedder} -> {embedder.name})"
    if m.chunk_size != params.size or m.versions != versions():
        # every document is read again, but a chunk whose embedded text came out the same keeps its
        # vector (:func:`_assemble`): a rule that changes a few documents costs a few embeddings
        return Stale(old), "chunking or cleaning rules changed"
    return old, None


@dataclass(slots=True)
class Stale:
    """An index built with other cleaning or chunking rules: only its vectors are reused, by embedded text."""

    index: Index


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to embed and record the embedder (shared by every build entry point)."""

    embedder_backend: str
    embedder_model: str | None = None
    batch_size: int = 16
    rebuild: bool = False
    progress: ProgressFactory | None = None
    corpus_dir: Path | None = None  # the folder the sources came from (None: records, not files)
    rebind: bool = False  # accept a folder other than the one the index was built from
    lexicon: Lexicon = EMPTY  # the corpus's vocabulary (qa/lexicon.py), copied into the index
    read: ReadOptions | None = None  # how documents are read (page limits, OCR, progress)
    read_progress: Callable[[str], Progress] | None = None  # a file name -> its per-page progress
    store: StoreSpec = field(default_factory=StoreSpec)  # what answers the searches (qa/index/stores)


def resolve_lexicon(corpus_dir: Path, path: Path | None) -> Lexicon:
    """``path`` (``none`` for no lexicon), else ``<corpus_dir>/lexicon.json`` when present, else empty."""
    if path is not None and str(path).lower() == "none":
        return EMPTY
    if path is not None and not path.is_file():
        raise InputError(f"lexicon file {path} does not exist",
                         hint="pass an existing lexicon.json, or --lexicon none for no lexicon")
    return load_lexicon(path if path is not None else corpus_dir / LEXICON_FILE)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    params: ChunkParams,
    *,
    embedder_backend: str,
    embedder_model: str | None = None,
    batch_size: int = 16,
    rebuild: bool = False,
    progress: ProgressFactory | None = None,
    rebind: bool = False,
    lexicon: Path | None = None,
    read: ReadOptions | None = None,
    read_progress: Callable[[str], Progress] | None = None,
    store: StoreSpec | None = None,
) -> BuildReport:
    """Bring the index at ``index_dir`` in line with the files of ``corpus_dir``.

    An index built from another folder is refused (:class:`CorpusMismatchError`) when that
    folder lacks some of its documents, unless ``rebind``; an empty folder gives an empty index.
    ``lexicon``: see :func:`resolve_lexicon` (by default the corpus's own ``lexicon.json``).
    ``read_progress``: given a file's name, the callback told of each page read of it.
    ``store``: what answers the searches (default: the local FAISS and bm25s files).
    """
    report = BuildReport()
    lex = resolve_lexicon(corpus_dir, lexicon)
    sources = _read_sources(corpus_dir, report, read.max_bytes if read else None)
    opts = BuildOptions(embedder_backend, embedder_model, batch_size, rebuild, progress,
                        corpus_dir.resolve(), rebind, lex, read, read_progress, store or StoreSpec())
    return build_from_sources(sources, index_dir, embedder, params, opts, report)


def build_from_sources(
    sources: list[SourceFile],
    index_dir: Path,
    embedder: Embedder,
    params: ChunkParams,
    opts: BuildOptions,
    report: BuildReport | None = None,
) -> BuildReport:
    """Bring the index in line with ``sources`` (files, or records of a benchmark corpus)."""
    start = time.perf_counter()
    report = report or BuildReport()
    connect(opts.store)  # an unreachable engine fails before anything is read or embedded
    with build_lock(index_dir):
        sweep_tmp_dirs(index_dir)
        old, why = _previous(index_dir, embedder, params)
        stale = old.index if isinstance(old, Stale) else None
        if stale is not None:
            old = None  # its documents, chunks and tokens are not reused; its vectors are
        if opts.corpus_dir is not None and not opts.rebind:
            _check_corpus(index_dir, opts.corpus_dir, sources, old)
        if opts.rebuild:
            if stale is not None:
                stale.close()
            old, stale, why = None, None, "--rebuild"
        report.rebuilt_because = why
        # the lexicon is part of what the index answers with: changing it is a change
        lex_entry = [("\0lexicon", opts.lexicon.sha256)] if opts.lexicon.sha256 else []
        fp = fingerprint([(s.doc_id, s.sha256) for s in sources] + lex_entry, embedder.name, params)
        folder = str(opts.corpus_dir) if opts.corpus_dir is not None else None
        # records (a benchmark's sources) name no folder: they keep the folder the index recorded
        same_folder = folder is None or (old is not None and old.manifest.corpus_dir == folder)
        prev_store = store_entry(index_dir, old)
        unmoved = same_store(prev_store, opts.store)
        if old is not None and old.manifest.fingerprint == fp and same_folder and unmoved:
            report.unchanged = True
            report.documents, report.chunks = len(old.docs), len(old)
            report.seconds = time.perf_counter() - start
            return report
        entries = _documents(sources, old, params, report, opts.read, opts.read_progress)
        assembled = _assemble(entries, old or stale, embedder, opts.batch_size, opts.progress, report,
                              by_text=stale is not None)
        manifest = _manifest(assembled, embedder, params, fp, opts.embedder_backend, opts.embedder_model)
        manifest.corpus_dir = folder
        manifest.store = {"name": opts.store.name, **({"uri": opts.store.uri} if opts.store.uri else {})}
        tmp = new_tmp_dir(index_dir)
        try:
            _write_lexicon(tmp, opts.lexicon, manifest)
            write_index(tmp, assembled, manifest, store_sync(opts.store, index_dir, old, prev_store,
                                                              assembled, manifest))
            for previous in (old, stale):
                if previous is not None:
                    previous.close()
            publish(tmp, index_dir)
        finally:  # a failed write leaves no temporary folder behind (publish consumed it otherwise)
            shutil.rmtree(tmp, ignore_errors=True)
        drop_replaced(prev_store, manifest.store)
        report.store = describe_store(manifest.store)
    report.documents, report.chunks = len(entries), len(assembled.chunks)
    report.seconds = time.perf_counter() - start
    return report


def _check_corpus(index_dir: Path, corpus_dir: Path, sources: list[SourceFile], old: Index | None) -> None:
    """Refuse a folder other than the index's own that lacks some of its documents."""
    if old is not None:
        indexed: set[str] | None = set(old.doc_by_id)
    else:  # not reusable (another embedder...) but maybe readable
        try:
            index = Index.load(index_dir, search=False)
            indexed = set(index.doc_by_id)
            index.close()
        except IndexStoreError:
            indexed = None
    check_build(index_dir, corpus_dir, {s.doc_id for s in sources}, indexed)


def _write_lexicon(tmp: Path, lex: Lexicon, manifest: Manifest) -> None:
    """Copy the lexicon into the new index (it is listed in ``files`` like the rest)."""
    manifest.lexicon = {"source": lex.source or None, "sha256": lex.sha256 or None,
                        "file": LEXICON_FILE if lex.source else None}
    if lex.source:
        (tmp / LEXICON_FILE).write_bytes(Path(lex.source).read_bytes())


def _read_sources(corpus_dir: Path, report: BuildReport, max_bytes: int | None = None):
    sources = []
    for path in list_sources(corpus_dir):
        try:
            sources.append(read_source(path, max_bytes) if max_bytes else read_source(path))
        except QAError as exc:
            report.skipped.append(str(exc))
    return sources


def _documents(sources, old: Index | None, params: ChunkParams, report: BuildReport,
               read: ReadOptions | None = None, read_progress=None) -> list[DocEntry]:
    """Reuse unchanged documents from the old index; clean and chunk the rest."""
    entries: list[DocEntry] = []
    seen_ids: set[str] = set()
    for src in sources:
        if src.doc_id in seen_ids:
            report.skipped.append(f"{src.path.name}: another file already has document id {src.doc_id!r}")
            continue
        meta = old.doc_by_id.get(src.doc_id) if old else None
        if meta is not None and meta.sha256 == src.sha256:
            entries.append(DocEntry(old.document(src.doc_id), old.chunks(meta.chunk_lo, meta.chunk_hi)))
            seen_ids.add(src.doc_id)
            continue
        try:
            how = replace(read or ReadOptions(), progress=read_progress(src.path.name)) if read_progress else read
            doc, chunks = build_document(src, params, how)
        except QAError as exc:
            report.skipped.append(str(exc))
            continue
        (report.changed if meta is not None else report.added).append(src.doc_id)
        entries.append(DocEntry(doc, chunks))
        seen_ids.add(src.doc_id)
    if old is not None:
        report.removed = sorted(set(old.doc_by_id) - seen_ids)
    return entries


def _assemble(entries, old, embedder, batch_size, progress, report, by_text: bool = False) -> Assembled:
    """Collect chunks in document order with vectors (reused or new) and reusable tokens. ``by_text``: ``old``
    was cut by other rules; a chunk reuses the vector of an old chunk embedded from the same text, nothing else."""
    chunks: list[Chunk] = [c for e in entries for c in e.chunks]
    vectors = np.empty((len(chunks), embedder.dim), dtype=np.float32)
    key = indexed_text if by_text else (lambda c: c.id)
    old_rows = {key(c): i for i, c in enumerate(old.chunks())} if old is not None else {}
    old_vectors = old.vectors() if old is not None else None
    todo = []
    for i, c in enumerate(chunks):
        j = old_rows.get(key(c))
        if j is not None:
            vectors[i] = old_vectors[j]
        else:
            todo.append(i)
    report.reused, report.embedded = len(chunks) - len(todo), len(todo)
    if todo:
        tick = progress(len(todo), "embedding") if progress else None
        vectors[todo] = embedder.embed_passages([indexed_text(chunks[i]) for i in todo],
                                                batch_size=batch_size, progress=tick)
    words = tokenizer_words(chunks)
    reusable = old is not None and not by_text and old.manifest.words == words
    toks = old.tokens() if reusable else []
    old_tokens = {cid: toks[j] for cid, j in old_rows.items()} if reusable else {}
    return Assembled([e.document for e in entries], [len(e.chunks) for e in entries], chunks,
                     vectors, words, old_tokens)


def _manifest(a: Assembled, embedder: Embedder, params: ChunkParams, fp: str,
              backend: str, model: str | None) -> Manifest:
    return Manifest(
        embedder=embedder.name, dim=embedder.dim, embedder_backend=backend, embedder_model=model,
        chunk_size=params.size, versions=versions(), dense=DenseParams.for_size(len(a.chunks)),
        bm25={}, fingerprint=fp, n_chunks=len(a.chunks), n_documents=len(a.documents), words=a.words,
        orgs=sorted({c.org for c in a.chunks if c.org}),
        files={}, created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def tokenizer_words(chunks: list[Chunk]) -> list[str]:
    """Organisation names (full and bare) so jieba keeps them whole."""
    words: set[str] = set()
    for org in {c.org for c in chunks if c.org}:
        words.add(org.removesuffix("政协"))
        words.add(org_key(org))
    return sorted(w for w in words if len(w) >= 2)
