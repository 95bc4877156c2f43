"""Keep the vectors of a cached benchmark index across index format changes.

When the index format or the chunking rules change, the builder starts from scratch and
re-embeds everything: 35 minutes for CMRC, over an hour for RGB-zh on 2 cores. The model
has not changed, so a text it embedded before gets the same vector again. This embedder
answers from the old index's ``vectors.npy`` for every text it has seen (read straight
from ``chunks.jsonl`` and ``manifest.json``, whatever their format version) and asks the
real model only for new texts. The index itself is rebuilt by the normal builder.

A format change that leaves chunks and vectors alone needs no rebuild at all:
:func:`upgrade_cached` converts the directory in place (:mod:`qa.index.upgrade`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings import Embedder
from embeddings.base import ProgressFn
from qa.index.builder import build_lock
from qa.index.doctable import read_doc_rows
from qa.index.fields import indexed_text
from qa.index.upgrade import needs_upgrade, upgrade
from qa.models import Chunk


def old_vectors(index_dir: Path, model_name: str) -> dict[str, np.ndarray]:
    """indexed text -> vector of a previous index built with ``model_name`` (empty if none)."""
    try:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("embedder") != model_name:
            return {}
        titles = {d["doc_id"]: d["title"] for d in _documents(index_dir, manifest)}
        vectors = np.load(index_dir / "vectors.npy", mmap_mode="r")
        lines = (index_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError, KeyError):
        return {}
    if len(lines) != len(vectors):
        return {}
    out = {}
    for row, line in zip(vectors, lines):
        r = json.loads(line)
        chunk = Chunk(id=r["id"], doc_id=r["doc_id"], title=titles.get(r["doc_id"], ""),
                      headings=tuple(r["headings"]), org=r["org"], kind=r["kind"], text=r["text"],
                      start=r["start"], end=r["end"])
        out[indexed_text(chunk)] = np.array(row, dtype=np.float32)
    return out


def _documents(index_dir: Path, manifest: dict) -> list[dict]:
    """Document rows: inside the manifest up to format 2, in ``documents.jsonl`` since 3."""
    if "documents" in manifest:
        return manifest["documents"]
    return list(read_doc_rows(index_dir))


def upgrade_cached(index_dir: Path) -> bool:
    """Upgrade a cached index of an older format in place (no re-embedding, no re-chunking).

    The large assembled corpora have no sources to rebuild from, and the small ones
    would otherwise be rebuilt (reusing their vectors, but re-tokenising everything).
    """
    if not needs_upgrade(index_dir):
        return False
    with build_lock(index_dir):
        return upgrade(index_dir)


class ReusingEmbedder(Embedder):
    """``inner``, except that passages found in ``known`` get their recorded vector."""

    def __init__(self, inner: Embedder, known: dict[str, np.ndarray]) -> None:
        self.inner, self.known = inner, known
        self.name, self.dim = inner.name, inner.dim
        self.reused = 0

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def embed_passages(self, texts: Sequence[str], *, batch_size: int = 16,
                       progress: ProgressFn | None = None) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t not in self.known]
        for i, t in enumerate(texts):
            if t in self.known:
                out[i] = self.known[t]
        self.reused += len(texts) - len(todo)
        if todo:
            out[todo] = self.inner.embed_passages([texts[i] for i in todo], batch_size=batch_size,
                                                  progress=progress)
        return out
