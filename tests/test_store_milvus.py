"""The ``milvus`` search store on Milvus Lite (a real embedded Milvus, no mock): the bundled corpus
indexed into it with the real CLI answers every gold question with the same passages and the
same answers as the local FAISS + bm25s store; filters, incremental re-indexing, `qa serve
--store milvus` over HTTP, and the errors a user can meet.

Milvus Lite allows one server per file: each test that runs a subprocess on a file uses its own
file, and the in-process clients are closed at the end of the module (no server left running).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS, GOLD, copy_corpus, read_jsonl
from tests.test_service_cli import free_port, wait_healthy

pytestmark = pytest.mark.slow

GOLD_SETS = ("retrieval", "answers", "heldout", "test", "english", "fresh")


def qa(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhqa.cli", *args], capture_output=True, text=True,
                          timeout=900, env=env)


@pytest.fixture(scope="module", autouse=True)
def _close_clients():
    yield
    from qa.index.stores.milvus import close_clients

    close_clients()


@pytest.fixture(scope="module")
def milvus_index_dir(corpus_index_dir: Path, tmp_path_factory) -> Path:
    """The bundled corpus's index moved to a Milvus Lite file by `qa index --store milvus`
    (starting from a copy of the session's local index: the vectors are reused, not re-embedded)."""
    base = tmp_path_factory.mktemp("milvus-store")
    index = base / "index"
    shutil.copytree(corpus_index_dir, index)
    r = qa("index", str(CORPUS), "--index", str(index), "--store", "milvus", "--store-uri", str(base / "zhqa.db"))
    assert r.returncode == 0, r.stderr
    assert "embedded 0, reused 155" in r.stdout  # moving the search does not re-embed
    assert "milvus collection" in r.stdout
    return index


@pytest.fixture(scope="module")
def milvus_index(milvus_index_dir: Path):
    from qa.index.store import Index

    index = Index.load(milvus_index_dir)
    yield index
    index.close()


@pytest.fixture(scope="module")
def gold_questions() -> list[dict]:
    return [q for name in GOLD_SETS for q in read_jsonl(GOLD / f"{name}.jsonl")]


def test_the_manifest_records_the_collection_and_no_faiss_file(milvus_index_dir: Path, milvus_index):
    store = json.loads((milvus_index_dir / "manifest.json").read_text("utf-8"))["store"]
    assert store["name"] == "milvus" and store["uri"].endswith("zhqa.db")
    assert store["collection"].startswith("zhqa_") and store["version"] >= 1
    assert store["dense_index"] == "FLAT" and store["keyword"] == "ours"
    assert not (milvus_index_dir / "index.faiss").exists()  # Milvus answers the dense side
    assert milvus_index.store.name == "milvus"


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_same_passages_as_the_local_store_on_every_gold_question(mode, retriever, milvus_index, e5, gold_questions):
    from qa.retrieve import RetrievalParams, Retriever

    local = Retriever(retriever.index, e5, RetrievalParams(mode=mode))
    remote = Retriever(milvus_index, e5, RetrievalParams(mode=mode))
    differ = []
    for q in gold_questions:
        a = [(p.chunk_id, p.start, p.end) for p in local.search(q["question"], k=10)]
        b = [(p.chunk_id, p.start, p.end) for p in remote.search(q["question"], k=10)]
        if a != b:
            differ.append(q["id"])
    assert len(gold_questions) > 400
    assert differ == []


def test_same_answers_and_citations_as_the_local_store(retriever, milvus_index, e5):
    from qa.answer.pipeline import Answerer
    from qa.config import Settings
    from qa.retrieve import Retriever

    local = Answerer(retriever, Settings())
    remote = Answerer(Retriever(milvus_index, e5), Settings())
    questions = [q for name in ("answers", "heldout", "test") for q in read_jsonl(GOLD / f"{name}.jsonl")]
    for q in questions:
        a, b = local.ask(q["question"]), remote.ask(q["question"])
        assert (b.answer, b.abstained) == (a.answer, a.abstained), q["id"]
        assert [(c.doc_id, c.start, c.end) for c in b.citations] == [(c.doc_id, c.start, c.end) for c in a.citations]


def test_a_document_filter_keeps_the_search_inside_those_documents(retriever, milvus_index, e5):
    from qa.retrieve import Retriever

    remote = Retriever(milvus_index, e5)
    for docs in (["xining-2023"], ["dawukou-2023", "chengbei-2023"]):
        got = remote.search("政协委员提交了多少件提案？", k=10, doc_ids=docs)
        assert got and {p.doc_id for p in got} <= set(docs)
        assert [p.chunk_id for p in got] == [p.chunk_id for p in retriever.search("政协委员提交了多少件提案？", k=10,
                                                                                 doc_ids=docs)]


def test_an_english_question_naming_an_organisation_filters_by_organisation(retriever, milvus_index, e5):
    from qa.retrieve import Retriever

    question = "How many proposals were registered by the Dawukou District CPPCC in 2023?"
    a = [p.chunk_id for p in retriever.search(question, k=10)]
    got = Retriever(milvus_index, e5).search(question, k=10)
    assert [p.chunk_id for p in got] == a and got[0].org == "大武口区政协"


def _collection(index_dir: Path) -> tuple[object, str]:
    from qa.index.manifest import Manifest
    from qa.index.stores.milvus import client

    store = Manifest.read(index_dir).store
    return client(store["uri"]), store["collection"]


def _rows_in_milvus(index_dir: Path) -> dict[str, tuple[str, int]]:
    c, name = _collection(index_dir)
    rows = c.query(name, filter='id != ""', output_fields=["doc_id", "seq"], limit=16384)
    return {r["id"]: (r["doc_id"], r["seq"]) for r in rows}


def _rows_in_index(index_dir: Path) -> dict[str, tuple[str, int]]:
    from qa.index.store import Index

    index = Index.load(index_dir, search=False)
    try:
        out = {}
        for meta in index.docs:
            for seq, ch in enumerate(index.chunks(meta.chunk_lo, meta.chunk_hi)):
                out[ch.id] = (meta.doc_id, seq)
        return out
    finally:
        index.close()


def test_reindexing_upserts_only_the_changed_document_and_deletes_a_removed_one(tmp_path: Path, e5):
    from qa.index.builder import build_index
    from qa.index.store import Index
    from qa.index.stores import check_spec
    from qa.text.chunk import ChunkParams

    corpus, index = copy_corpus(tmp_path / "corpus"), tmp_path / "index"
    spec = check_spec("milvus", str(tmp_path / "incr.db"))

    def build():
        return build_index(corpus, index, e5, ChunkParams(), embedder_backend="e5-small", store=spec)

    build()
    before = _rows_in_milvus(index)
    assert before == _rows_in_index(index)

    # a changed document: only its chunks are written; a copy of a document adds one (same organisations)
    path = corpus / "xining-2023.txt"
    path.write_text(path.read_text("utf-8") + "\n\n西宁市政协今年新增委员工作室十二个。\n", encoding="utf-8")
    shutil.copy(corpus / "dawukou-2023.txt", corpus / "dawukou-copy.txt")
    report = build()
    assert sorted(report.changed) == ["xining-2023"] and report.added == ["dawukou-copy"]
    m = Index.load(index, search=False)
    n_changed = sum(hi - lo for d in ("xining-2023", "dawukou-copy")
                    for lo, hi in [(m.doc_by_id[d].chunk_lo, m.doc_by_id[d].chunk_hi)])
    m.close()
    store = json.loads((index / "manifest.json").read_text("utf-8"))["store"]
    assert store["version"] == 2 and store["last_change"]["upserted"] == n_changed
    assert "upserted" in report.store
    after = _rows_in_milvus(index)
    assert after == _rows_in_index(index)
    untouched = {k: v for k, v in before.items() if v[0] not in ("xining-2023",)}
    assert all(after[k] == v for k, v in untouched.items())  # other documents' rows are the same rows

    # a removed document: its chunks are gone from the collection
    (corpus / "dawukou-copy.txt").unlink()
    report = build()
    assert report.removed == ["dawukou-copy"]
    after = _rows_in_milvus(index)
    assert "dawukou-copy" not in {d for d, _ in after.values()}
    assert after == _rows_in_index(index)
    new = next(p for p in _search(index, e5, "新增委员工作室") if p.doc_id == "xining-2023")
    assert "十二个" in new.text  # the changed document's new text is found


def _search(index_dir: Path, e5, query: str):
    from qa.index.store import Index
    from qa.retrieve import Retriever

    index = Index.load(index_dir)
    try:
        return Retriever(index, e5).search(query, k=5)
    finally:
        index.close()


def test_qa_serve_with_the_milvus_store_answers_over_http(small_corpus: Path, tmp_path: Path):
    index, port, log = tmp_path / "index", free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "zhqa.cli", "serve", "--index", str(index), "--corpus", str(small_corpus),
               "--port", str(port), "--store", "milvus", "--store-uri", str(tmp_path / "serve.db")]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        health = wait_healthy(process, url, log)
        assert health["documents"] == 2
        assert json.loads((index / "manifest.json").read_text("utf-8"))["store"]["name"] == "milvus"
        body = httpx.post(f"{url}/api/search", json={"query": "大武口区政协"}, timeout=120).json()
        assert body["passages"] and body["passages"][0]["doc_id"] == "dawukou"
        body = httpx.post(f"{url}/api/search", json={"query": "政协", "doc_ids": ["chengbei"]}, timeout=120).json()
        assert body["passages"] and {p["doc_id"] for p in body["passages"]} == {"chengbei"}
        answer = httpx.post(f"{url}/api/ask", json={"question": "大武口区政协的履职思路是怎么概括的？"},
                            timeout=300).json()
        assert not answer["abstained"] and answer["citations"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert "Traceback" not in log.read_text("utf-8", "replace")


def test_an_unknown_store_is_one_line_listing_the_valid_ones(tmp_path: Path):
    r = qa("index", str(CORPUS), "--index", str(tmp_path / "i"), "--store", "elastic")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "unknown store 'elastic'" in r.stderr and "local, milvus" in r.stderr
    assert not (tmp_path / "i" / "manifest.json").exists()


def test_an_unreachable_milvus_is_a_clear_error_before_any_work(tmp_path: Path, milvus_index_dir: Path):
    dead = f"http://127.0.0.1:{free_port()}"
    r = qa("index", str(CORPUS), "--index", str(tmp_path / "i"), "--store", "milvus", "--store-uri", dead)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert f"cannot reach Milvus at {dead}" in r.stderr and "--store-uri" in r.stderr
    assert "embedding" not in r.stderr and not (tmp_path / "i" / "manifest.json").exists()
    # an index whose engine is down: searching says so in one line
    r = qa("search", "提案", "--index", str(milvus_index_dir), env={**_env(), "QA_STORE_URI": dead})
    assert r.returncode != 0 and "Traceback" not in r.stderr and "cannot reach Milvus" in r.stderr


def test_a_file_uri_must_be_a_milvus_lite_file(tmp_path: Path):
    r = qa("index", str(CORPUS), "--index", str(tmp_path / "i"), "--store", "milvus", "--store-uri", "milvus")
    assert r.returncode != 0 and "Traceback" not in r.stderr and "*.db" in r.stderr


def _env() -> dict:
    import os

    return dict(os.environ)
