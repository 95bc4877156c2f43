"""Index directory: save/load, mismatch errors, incremental re-indexing, atomic publishing."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings.base import Embedder
from qa.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from qa.index.builder import build_index
from qa.index.manifest import FORMAT_VERSION
from qa.index.store import Index
from qa.text.chunk import ChunkParams
from tests.conftest import ROOT


class Counting(Embedder):
    """The real embedder, counting how many passages it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.passages = 0

    def embed_query(self, text):
        return self.inner.embed_query(text)

    def embed_passages(self, texts, *, batch_size=16, progress=None):
        self.passages += len(texts)
        return self.inner.embed_passages(texts, batch_size=batch_size, progress=progress)


def build(corpus, index_dir, emb, **kw):
    return build_index(corpus, index_dir, emb, ChunkParams(), embedder_backend="e5-small", **kw)


def test_index_directory_is_readable(corpus_index_dir, corpus_index):
    names = {p.name for p in corpus_index_dir.iterdir()}
    assert {"manifest.json", "index.faiss", "chunks.jsonl", "vectors.npy", "bm25"} <= names
    manifest = json.loads((corpus_index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == FORMAT_VERSION and manifest["embedder"] == "e5-small" and manifest["dim"] == 384
    assert manifest["chunk_size"] == ChunkParams().size and manifest["fingerprint"]
    first = (corpus_index_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert "\\u" not in first and "政协" in first  # ensure_ascii=False
    assert len(corpus_index) == manifest["n_chunks"] == corpus_index.dense.size
    assert {d.doc_id for d in corpus_index.docs} == {
        "chengbei-2023", "dawukou-2023", "gansu-zhangye-qingyang", "qinghai-cppcc-series", "xining-2023"}


def test_chunks_round_trip_with_offsets(corpus_index):
    doc = corpus_index.document("dawukou-2023")
    for c in corpus_index.chunks(*_range(corpus_index, "dawukou-2023")):
        assert doc.text[c.start : c.end] == c.text


def _range(index, doc_id):
    m = index.doc_by_id[doc_id]
    return m.chunk_lo, m.chunk_hi


def test_loading_with_another_embedder_is_a_clear_error(corpus_index_dir):
    with pytest.raises(IndexMismatchError, match="built with embedder 'e5-small'"):
        Index.load(corpus_index_dir, embedder="sentence-transformers:all-MiniLM-L6-v2")


def test_loading_another_format_version_is_a_clear_error(corpus_index_dir, tmp_path):
    import shutil

    copy = tmp_path / "idx"
    shutil.copytree(corpus_index_dir, copy)
    m = json.loads((copy / "manifest.json").read_text())
    m["format_version"] = 99
    (copy / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(IndexMismatchError, match="rebuild"):
        Index.load(copy)


def test_truncated_file_is_detected(corpus_index_dir, tmp_path):
    import shutil

    copy = tmp_path / "idx"
    shutil.copytree(corpus_index_dir, copy)
    with open(copy / "chunks.jsonl", "r+b") as fh:
        fh.truncate(100)
    with pytest.raises(IndexCorruptError):
        Index.load(copy)


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexNotFoundError, match="qa index"):
        Index.load(tmp_path / "nothing")


def test_incremental_reindex(small_corpus, tmp_path, e5):
    emb = Counting(e5)
    idx_dir = tmp_path / "idx"
    first = build(small_corpus, idx_dir, emb)
    assert first.embedded == first.chunks == emb.passages > 0

    again = build(small_corpus, idx_dir, emb)  # unchanged corpus: nothing re-embedded, nothing rewritten
    assert again.unchanged and emb.passages == first.chunks

    # change one file: only its new chunks are embedded
    path = small_corpus / "chengbei.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n新增段落：城北区政协组织委员开展调研活动9次。\n", encoding="utf-8")
    before = emb.passages
    changed = build(small_corpus, idx_dir, emb)
    assert changed.changed == ["chengbei"] and changed.added == []
    assert 1 <= emb.passages - before < 3  # the edited tail chunk(s), not the whole file
    idx = Index.load(idx_dir)
    assert any("调研活动9次" in c.text for c in idx.chunks())

    # add a file: only its chunks are embedded
    (small_corpus / "new.txt").write_text("祁连县政协组织委员走访农牧民家庭50户。", encoding="utf-8")
    before = emb.passages
    added = build(small_corpus, idx_dir, emb)
    assert added.added == ["new"] and emb.passages - before == 1

    # remove a file: it disappears from the index, nothing is embedded
    (small_corpus / "dawukou.txt").unlink()
    before = emb.passages
    removed = build(small_corpus, idx_dir, emb)
    assert removed.removed == ["dawukou"] and emb.passages == before
    idx = Index.load(idx_dir)
    assert "dawukou" not in idx.doc_by_id
    assert all(c.doc_id != "dawukou" for c in idx.chunks())
    # vectors reused for unchanged chunks are the ones the model gives
    v = idx.vectors()
    c0 = idx.chunk(0)
    from qa.index.fields import indexed_text

    assert np.allclose(v[0], e5.embed_passages([indexed_text(c0)])[0], atol=1e-5)


def test_new_cleaning_rules_reread_every_document_but_embed_only_changed_text(small_corpus, tmp_path, e5,
                                                                               monkeypatch):
    """An upgrade that changes how documents are cleaned rebuilds every chunk, but a chunk whose embedded
    text is unchanged keeps its vector: a rule touching one paragraph does not re-embed the corpus."""
    import qa.index.builder as builder
    from qa.index.fields import indexed_text

    emb = Counting(e5)
    idx_dir = tmp_path / "idx"
    first = build(small_corpus, idx_dir, emb)
    upgraded = {**builder.versions(), "cleaner": -1}  # what a release with other cleaning rules records
    monkeypatch.setattr(builder, "versions", lambda: upgraded)
    before = emb.passages
    again = build(small_corpus, idx_dir, emb)
    assert again.rebuilt_because == "chunking or cleaning rules changed" and not again.unchanged
    assert emb.passages == before and again.reused == again.chunks == first.chunks  # same text: no embedding
    idx = Index.load(idx_dir)
    assert idx.manifest.versions["cleaner"] == -1
    v = idx.vectors()
    assert np.allclose(v[3], e5.embed_passages([indexed_text(idx.chunk(3))])[0], atol=1e-5)
    idx.close()

    # a rule that changes one document's text: only that text is embedded, the rest keeps its vectors
    monkeypatch.setattr(builder, "versions", lambda: {**upgraded, "cleaner": -2})
    real = builder.build_document

    def reworded(src, params, how=None):
        doc, chunks = real(src, params, how)
        if src.doc_id == "chengbei":
            chunks = [dataclasses.replace(chunks[0], text=chunks[0].text + "（修订）"), *chunks[1:]]
        return doc, chunks

    monkeypatch.setattr(builder, "build_document", reworded)
    before = emb.passages
    third = build(small_corpus, idx_dir, emb)
    assert emb.passages - before == 1 and third.embedded == 1 and third.reused == third.chunks - 1
    assert any(c.text.endswith("（修订）") for c in Index.load(idx_dir).chunks())


def test_bad_files_are_reported_and_skipped(small_corpus, tmp_path, e5):
    (small_corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (small_corpus / "empty.md").write_text("   \n", encoding="utf-8")
    report = build(small_corpus, tmp_path / "idx", e5)
    assert report.documents == 2
    assert any("binary.txt" in s and "binary" in s for s in report.skipped)
    assert any("empty.md" in s for s in report.skipped)


def test_failed_build_leaves_previous_index_intact(small_corpus, tmp_path, e5, monkeypatch):
    idx_dir = tmp_path / "idx"
    build(small_corpus, idx_dir, e5)
    before = (idx_dir / "manifest.json").read_text()
    (small_corpus / "extra.txt").write_text("海东市政协新增一段文字。", encoding="utf-8")

    import qa.index.builder as builder

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(builder, "write_index", boom)
    with pytest.raises(OSError):
        build(small_corpus, idx_dir, e5)
    assert (idx_dir / "manifest.json").read_text() == before
    assert len(Index.load(idx_dir).docs) == 2


def wait_for_cpu_seconds(proc: subprocess.Popen, seconds: float, limit: float = 600.0) -> None:
    """Wait until ``proc`` has used ``seconds`` of CPU: a point in its work that, unlike a fixed
    sleep, does not move when the machine is busy."""
    tick = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "qa index finished before it could be killed"
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / tick >= seconds:  # utime + stime
            return
        time.sleep(0.05)
    raise AssertionError(f"qa index did not use {seconds:g} s of CPU within {limit:g} s")


def test_killed_qa_index_never_leaves_a_broken_index(small_corpus, tmp_path, e5):
    idx_dir = tmp_path / "idx"
    build(small_corpus, idx_dir, e5)
    big = (ROOT / "corpus" / "qinghai-cppcc-series.txt").read_text(encoding="utf-8")
    (small_corpus / "big.txt").write_text(big, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "zhqa.cli", "index", str(small_corpus), "--index", str(idx_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_cpu_seconds(proc, 4.0)  # loaded, and into embedding the new document's ~45 chunks
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    idx = Index.load(idx_dir)  # the old index, complete and consistent
    assert {d.doc_id for d in idx.docs} == {"dawukou", "chengbei"}
    report = build(small_corpus, idx_dir, e5)  # the next run finishes the job and sweeps leftovers
    assert "big" in report.added
    assert not list(tmp_path.glob("idx.tmp-*"))
