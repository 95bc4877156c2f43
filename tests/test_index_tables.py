"""Format 3's tables: documents by id without a dict, organisation rows, rows read with pread,
the in-place upgrade from format 2, and the service's warm-up."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa.index.doctable import DOC_IDS, DOCUMENTS, DocList, DocMeta, DocTable, write_doc_table
from qa.index.manifest import FORMAT_VERSION, MANIFEST
from qa.index.npyrows import NpyRows
from qa.index.store import Index
from qa.index.upgrade import needs_upgrade, upgrade


def _docs() -> list[DocMeta]:
    ids = ["b-2", "a", "城北区", "z" * 40, "a-1"]
    out, lo = [], 0
    for i, doc_id in enumerate(ids):
        out.append(DocMeta(doc_id, f"title {i}", f"{doc_id}.txt", "0" * 64, None, 10 * i, lo, lo + i + 1))
        lo += i + 1
    return out


def test_doc_table_finds_every_id_and_nothing_else(tmp_path):
    docs = _docs()
    arrays = write_doc_table(tmp_path, docs, docs[-1].chunk_hi)
    table = DocTable(tmp_path, arrays)
    assert len(table) == 5 and list(table) == [d.doc_id for d in docs]  # index order
    for i, d in enumerate(docs):
        assert table.find(d.doc_id) == i and table[d.doc_id] == d and d.doc_id in table
    for missing in ["", "c", "城北", "z" * 41, "a-0"]:
        assert table.find(missing) is None and missing not in table and table.get(missing) is None
    with pytest.raises(KeyError):
        table["nope"]
    # every chunk row maps back to its document
    for i, d in enumerate(docs):
        assert {table.doc_row_of_chunk(r) for r in range(d.chunk_lo, d.chunk_hi)} == {i}
    seq = DocList(table)
    assert seq[-1] == docs[-1] and seq[1:3] == docs[1:3] and list(seq) == docs
    assert [json.loads(x)["doc_id"] for x in (tmp_path / DOCUMENTS).read_text("utf-8").splitlines()] == [
        d.doc_id for d in docs]


def test_empty_doc_table(tmp_path):
    table = DocTable(tmp_path, write_doc_table(tmp_path, [], 0))
    assert len(table) == 0 and table.find("a") is None and list(table) == []


def test_npy_rows_match_the_array(tmp_path):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((500, 24)).astype(np.float32)
    np.save(tmp_path / "v.npy", a)
    rows = NpyRows(tmp_path / "v.npy")
    assert rows.shape == (500, 24) and len(rows) == 500
    for pick in ([3], [0, 1, 2, 3, 499], [10, 5, 11, 12, 400], list(range(100, 300))):
        np.testing.assert_array_equal(rows[np.array(pick)], a[pick])
    np.testing.assert_array_equal(rows[7], a[7])
    assert rows[np.array([], dtype=np.int64)].shape == (0, 24)
    with pytest.raises(IndexError):
        rows[np.array([500])]


def test_org_rows_are_precomputed_and_match_a_scan(corpus_index):
    with np.load(corpus_index.directory / "offsets.npz") as off:
        chunk_orgs = off["orgs"]
    orgs = corpus_index.manifest.orgs
    assert orgs
    for i, org in enumerate(orgs):
        assert corpus_index.rows_for_orgs([org]).tolist() == np.flatnonzero(chunk_orgs == i).tolist()
    both = corpus_index.rows_for_orgs(orgs[:2])
    assert both.tolist() == np.flatnonzero(np.isin(chunk_orgs, [0, 1])).tolist()
    assert corpus_index.rows_for_orgs(["no such org"]).size == 0


def test_bm25_restricted_to_rows_ranks_only_those_rows(corpus_index):
    lex = corpus_index.lexical
    tokens = corpus_index.tokenizer.tokens("大武口区政协提案")
    everything, _scores = lex.search(tokens, len(corpus_index))
    allowed = np.arange(20, 90)
    ids, sub = lex.search(tokens, 10, allowed)
    expected = [i for i in everything.tolist() if 20 <= i < 90][:10]
    assert ids.tolist() == expected and np.all(np.diff(sub) <= 0)
    assert lex.search(tokens, 5, np.array([], dtype=np.int64))[0].size == 0


def _as_format_2(src: Path, dst: Path) -> None:
    """Rewrite a current index as format 2 wrote it (documents inside the manifest)."""
    shutil.copytree(src, dst)
    raw = json.loads((dst / MANIFEST).read_text(encoding="utf-8"))
    raw["documents"] = [json.loads(x) for x in (dst / DOCUMENTS).read_text("utf-8").splitlines()]
    for key in ("n_documents", "layout"):
        raw.pop(key)
    raw["format_version"] = 2
    with np.load(dst / "offsets.npz") as off:
        kept = {k: off[k] for k in ("chunks", "texts", "tokens", "orgs")}
    np.savez(dst / "offsets.npz", **kept)
    for name in (DOCUMENTS, DOC_IDS):
        (dst / name).unlink()
        raw["files"].pop(name)
    raw["files"]["offsets.npz"] = (dst / "offsets.npz").stat().st_size
    (dst / MANIFEST).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def test_format_2_is_upgraded_in_place_without_re_embedding(corpus_index_dir, corpus_index, tmp_path):
    old = tmp_path / "idx"
    _as_format_2(corpus_index_dir, old)
    assert needs_upgrade(old)
    inode = (old / "vectors.npy").stat().st_ino
    assert upgrade(old) and not needs_upgrade(old) and not upgrade(old)
    assert (old / "vectors.npy").stat().st_ino == inode  # hard-linked, not copied or rebuilt
    idx = Index.load(old)
    assert idx.manifest.format_version == FORMAT_VERSION and idx.manifest.n_documents == len(corpus_index.docs)
    assert list(idx.docs) == list(corpus_index.docs)
    assert [c.title for c in idx.chunks()] == [c.title for c in corpus_index.chunks()]
    assert idx.rows_for_orgs(idx.manifest.orgs).tolist() == corpus_index.rows_for_orgs(idx.manifest.orgs).tolist()


def test_qa_index_upgrades_a_format_2_index_and_embeds_nothing(corpus_dir, corpus_index_dir, tmp_path):
    from qa.index.builder import build_index
    from qa.text.chunk import ChunkParams
    from tests.test_index import Counting

    class Refusing(Counting):
        def embed_passages(self, texts, **kw):
            raise AssertionError(f"asked to embed {len(texts)} passages")

    from qa.factory import make_embedder

    old = tmp_path / "idx"
    _as_format_2(corpus_index_dir, old)
    report = build_index(corpus_dir, old, Refusing(make_embedder("e5-small", cache=False)), ChunkParams(),
                         embedder_backend="e5-small")
    assert report.unchanged and Index.load(old).manifest.format_version == FORMAT_VERSION


def test_warm_up_asks_extractively_whatever_the_configured_llm(retriever):
    from qa.answer.pipeline import WARMUP_QUESTIONS, Answerer, warm_up
    from qa.config import load_settings

    asked = []

    class Recording(Answerer):
        def ask(self, question, **kw):
            asked.append((question, kw.get("llm")))
            return super().ask(question, **kw)

    def no_llm(name):
        raise AssertionError(f"the warm-up must not call the LLM backend {name!r}")

    warm_up(Recording(retriever, load_settings(llm="openai"), llm_factory=no_llm))
    assert asked == [(q, "extractive") for q in WARMUP_QUESTIONS]
    assert any(ord(c) > 0x4E00 for c in WARMUP_QUESTIONS[0]) and WARMUP_QUESTIONS[1].isascii()
