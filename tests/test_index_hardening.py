"""Issue 11, index side: an empty index is valid, damage is detected, an index keeps its corpus.

Real E5 embedder, real FAISS and bm25s, real files damaged on disk.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from qa.config import load_settings
from qa.errors import CorpusMismatchError, IndexCorruptError, IndexStoreError
from qa.index import manifest as manifest_mod
from qa.index.builder import build_index
from qa.index.manifest import MANIFEST, Manifest
from qa.index.store import Index
from qa.retrieve import Retriever
from qa.text.chunk import ChunkParams
from tests.conftest import CORPUS

QUERIES = ["大武口区政协2023年收到多少件提案", "城北区政协立案了多少件提案", "海西州微协商平台"]


def build(corpus: Path, index: Path, e5, **kw):
    return build_index(corpus, index, e5, ChunkParams(), embedder_backend="e5-small", **kw)


# --- 2. an empty index is a valid state -------------------------------------------------

def test_empty_folder_gives_an_empty_index_that_searches_and_answers(tmp_path, e5):
    from qa.answer.pipeline import Answerer

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    report = build(corpus, index, e5)
    assert (report.documents, report.chunks) == (0, 0)
    idx = Index.load(index)
    assert len(idx) == 0 and list(idx.docs) == [] and list(idx.doc_by_id) == []
    retriever = Retriever(idx, e5)
    assert retriever.search("大武口区政协收到多少件提案", k=5) == []
    answer = Answerer(retriever, load_settings()).ask("大武口区政协2023年收到多少件提案？")
    assert answer.abstained and not answer.citations
    assert not list(tmp_path.glob("index.tmp-*"))


def test_the_last_document_can_be_removed_and_added_back(small_corpus, tmp_path, e5):
    index = tmp_path / "index"
    build(small_corpus, index, e5)
    files = sorted(small_corpus.iterdir())
    parked = tmp_path / "parked"
    parked.mkdir()
    for f in files:
        shutil.move(f, parked / f.name)
    report = build(small_corpus, index, e5)  # was: ValueError "max() arg is an empty sequence"
    assert report.documents == 0 and sorted(report.removed) == ["chengbei", "dawukou"]
    assert len(Index.load(index).docs) == 0
    shutil.move(parked / files[0].name, files[0])  # an upload into the empty index
    report = build(small_corpus, index, e5)
    idx = Index.load(index)
    assert [d.doc_id for d in idx.docs] == [files[0].stem] and report.added == [files[0].stem]
    assert Retriever(idx, e5).search("政协", k=3)


# --- 4. damage at the same size is detected ---------------------------------------------

def _damage(path: Path, how: str, other: Path) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "zero":
        path.write_bytes(b"\0" * len(data))
    elif how == "flip":  # same size: a few bytes in the middle inverted
        mid = len(data) // 2
        buf = bytearray(data)
        for i in range(mid, min(mid + 4, len(buf))):
            buf[i] ^= 0xFF
        path.write_bytes(bytes(buf))
    elif how == "delete":
        path.unlink()
    elif how == "swap":
        theirs = other.read_bytes()
        other.write_bytes(data)
        path.write_bytes(theirs)


def _index_files(index_dir: Path) -> list[str]:
    return [MANIFEST, *json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))["files"]]


def _search_all(index_dir: Path, e5) -> list[list[tuple[str, float]]]:
    idx = Index.load(index_dir)
    retriever = Retriever(idx, e5)
    return [[(p.chunk_id, round(p.score, 5)) for p in retriever.search(q, k=5)] for q in QUERIES]


def test_every_file_damaged_every_way_is_a_clear_error_or_a_correct_answer(corpus_index_dir, tmp_path, e5):
    expected = _search_all(corpus_index_dir, e5)
    names = _index_files(corpus_index_dir)
    assert len(names) >= 12, names  # manifest, tables, vectors, FAISS, bm25 files
    outcomes: dict[str, int] = {"error": 0, "correct": 0}
    for i, name in enumerate(names):
        for how in ("truncate", "zero", "flip", "delete", "swap"):
            copy = tmp_path / f"{i}-{how}"
            shutil.copytree(corpus_index_dir, copy)
            other = copy / names[(i + 1) % len(names)]
            _damage(copy / name, how, other)
            try:
                got = _search_all(copy, e5)
            except IndexStoreError as exc:
                line = str(exc)
                assert "\n" not in line and line, (name, how, line)
                outcomes["error"] += 1
            else:  # an exception of any other kind fails the test with its traceback
                assert got == expected, f"{name} damaged by {how}: loaded and answered differently"
                outcomes["correct"] += 1
            shutil.rmtree(copy)
    assert outcomes["error"] >= len(names) * 4, outcomes  # damage is detected, not tolerated by luck


def test_same_size_damage_of_chunks_is_detected_at_load(corpus_index_dir, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(corpus_index_dir, copy)
    _damage(copy / "chunks.jsonl", "flip", copy)
    with pytest.raises(IndexCorruptError, match="chunks.jsonl is damaged"):
        Index.load(copy)


def test_large_files_are_checked_by_size_at_load_and_in_full_by_verify(corpus_index_dir, tmp_path, monkeypatch,
                                                                         capsys):
    from zhqa.cli import main

    copy = tmp_path / "index"
    shutil.copytree(corpus_index_dir, copy)
    assert main(["index", "--verify", "--index", str(copy)]) == 0
    assert "ok" in capsys.readouterr().out
    _damage(copy / "vectors.npy", "flip", copy)
    monkeypatch.setattr(manifest_mod, "VERIFY_ON_LOAD_BYTES", 0)  # as if every file were large
    Index.load(copy).close()  # sizes match: loading stays cheap
    assert main(["index", "--verify", "--index", str(copy)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "vectors.npy is damaged" in err[0], err


def test_manifest_records_checksums_and_the_corpus_folder(corpus_index_dir):
    m = Manifest.read(corpus_index_dir)
    assert set(m.checksums) == set(m.files) and all(len(v) == 32 for v in m.checksums.values())
    assert m.corpus_dir == str(CORPUS.resolve())


# --- 5. an index keeps its corpus folder ------------------------------------------------

def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    c2, c3 = tmp_path / "c2", tmp_path / "c3"
    c2.mkdir()
    c3.mkdir()
    for name in ("dawukou-2023.txt", "chengbei-2023.txt"):
        text = (CORPUS / name).read_text(encoding="utf-8")[:1500]
        (c2 / name).write_text(text, encoding="utf-8")
    (c3 / "dawukou-2023.txt").write_bytes((c2 / "dawukou-2023.txt").read_bytes())
    return c2, c3


def test_indexing_another_folder_is_refused_unless_rebind(tmp_path, e5):
    c2, c3 = _two_folders(tmp_path)
    index = tmp_path / "idx"
    build(c2, index, e5)
    with pytest.raises(CorpusMismatchError) as err:
        build(c3, index, e5)
    assert "chengbei-2023" in err.value.message and "--rebind" in err.value.hint
    assert sorted(Index.load(index).doc_by_id) == ["chengbei-2023", "dawukou-2023"]  # nothing lost
    report = build(c3, index, e5, rebind=True)
    assert report.removed == ["chengbei-2023"]
    assert Manifest.read(index).corpus_dir == str(c3.resolve())


def test_a_copy_of_the_whole_corpus_is_adopted(tmp_path, e5):
    from qa.index.binding import bind_at_start

    c2, _ = _two_folders(tmp_path)
    index = tmp_path / "idx"
    build(c2, index, e5)
    moved = Path(shutil.copytree(c2, tmp_path / "moved"))
    bind_at_start(index, moved)  # same documents, byte for byte: nothing to lose
    assert Manifest.read(index).corpus_dir == str(moved.resolve())
    (moved / "chengbei-2023.txt").unlink()
    report = build(moved, index, e5)  # deleting from the adopted folder is an ordinary delete
    assert report.removed == ["chengbei-2023"]
    with pytest.raises(CorpusMismatchError):
        bind_at_start(index, c2 / "..")
