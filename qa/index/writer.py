"""Write an assembled index into a (temporary) directory; the manifest goes last."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qa.index.dense import DenseIndex, build_faiss
from qa.index.doctable import DocMeta, write_doc_table
from qa.index.fields import indexed_text
from qa.index.jsonl import write_jsonl
from qa.index.lexical import BM25_PARAMS, LexicalIndex
from qa.index.manifest import MANIFEST, Manifest, describe_files
from qa.models import Chunk, Document
from qa.text.tokenize import Tokenizer


@dataclass(slots=True)
class DocEntry:
    """A document and its chunks, in the order they will be stored."""

    document: Document
    chunks: list[Chunk]


@dataclass(slots=True)
class Assembled:
    """Everything an index directory holds, in memory."""

    documents: list[Document]
    chunk_counts: list[int]
    chunks: list[Chunk]
    vectors: np.ndarray
    words: list[str]
    reusable_tokens: dict[str, list[str]] = field(default_factory=dict)


def _chunk_row(c: Chunk) -> dict:
    return {"id": c.id, "doc_id": c.doc_id, "kind": c.kind, "org": c.org, "headings": list(c.headings),
            "start": c.start, "end": c.end, "text": c.text, **({"page": c.page} if c.page else {})}


def _tokens(a: Assembled) -> list[list[str]]:
    tokenizer = Tokenizer(a.words)
    out = []
    for c in a.chunks:
        toks = a.reusable_tokens.get(c.id)
        out.append(toks if toks is not None else tokenizer.tokens(indexed_text(c)))
    return out


def write_index(directory: Path, a: Assembled, manifest: Manifest,
                sync: Callable[[list[list[str]]], None] | None = None) -> None:
    """Write all files, then ``manifest.json`` (its presence marks a complete index).

    ``sync``, given the chunks' tokens, writes the search store of another engine before the
    manifest is written (it may fill ``manifest.store``); without it the FAISS index is written.
    """
    tokens = _tokens(a)
    offsets = {
        "texts": write_jsonl(directory / "texts.jsonl", ({"doc_id": d.doc_id, "text": d.text} for d in a.documents)),
        "chunks": write_jsonl(directory / "chunks.jsonl", (_chunk_row(c) for c in a.chunks)),
        "tokens": write_jsonl(directory / "tokens.jsonl", ({"t": t} for t in tokens)),
    }
    org_ids = {org: i for i, org in enumerate(manifest.orgs)}
    offsets.update(org_index(np.asarray([org_ids.get(c.org, -1) for c in a.chunks], dtype=np.int16),
                             len(manifest.orgs)))
    docs = _doc_metas(a)
    offsets.update(write_doc_table(directory, docs, len(a.chunks)))
    np.savez(directory / "offsets.npz", **offsets)
    np.save(directory / "vectors.npy", a.vectors)
    if manifest.store.get("name", "local") == "local":
        DenseIndex(build_faiss(a.vectors, manifest.dense), manifest.dense).save(directory / "index.faiss")
    (directory / "bm25").mkdir()
    LexicalIndex.build(tokens).save(directory / "bm25")
    if sync is not None:
        sync(tokens)
    manifest.bm25 = dict(BM25_PARAMS)
    manifest.n_documents = len(docs)
    manifest.files, manifest.checksums = describe_files(directory)
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    tmp.rename(directory / MANIFEST)


def org_index(chunk_orgs: np.ndarray, n_orgs: int) -> dict[str, np.ndarray]:
    """The organisation of each chunk (``orgs``, -1: none) and, precomputed, the chunk rows of
    each organisation: ``org_rows[org_ptr[i]:org_ptr[i + 1]]`` (ascending) for organisation ``i``.

    An English question naming an organisation restricts a second search to its rows;
    finding them per query was an ``np.isin`` over every chunk (a million at the largest size).
    """
    about = np.flatnonzero(chunk_orgs >= 0)
    rows = about[np.argsort(chunk_orgs[about], kind="stable")].astype(np.int32)
    ptr = np.searchsorted(chunk_orgs[rows], np.arange(n_orgs + 1)).astype(np.int64)
    return {"orgs": chunk_orgs, "org_rows": rows, "org_ptr": ptr}


def _doc_metas(a: Assembled) -> list[DocMeta]:
    metas, lo = [], 0
    for doc, n in zip(a.documents, a.chunk_counts):
        metas.append(DocMeta(doc.doc_id, doc.title, doc.source, doc.sha256, doc.org, len(doc.text), lo, lo + n,
                             list(doc.pages) or None))
        lo += n
    return metas
