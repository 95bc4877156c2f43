"""Issue 11 through the HTTP API (real server, real index): the last document can be deleted,
an index served with another corpus folder is refused and loses nothing, a damaged index is
a clear 503, never a 500."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa.index.builder import build_index
from qa.index.store import Index
from qa.text.chunk import ChunkParams
from tests.test_service_fixtures import assert_error, start_server

pytestmark = pytest.mark.slow

DOC = """# 星河县政协2023年工作综述

2023年，星河县政协围绕全县中心工作积极履职尽责。星河县政协全年共收到提案321件，审查立案300件。
"""


def upload(client, name: str, data: bytes):
    # ?wait=true: indexed before the response (otherwise uploads are background jobs)
    return client.post("/api/documents?wait=true", files={"file": (name, data, "text/plain")})


def test_deleting_the_last_document_leaves_a_working_empty_index(tmp_path):
    srv = start_server(tmp_path, None)  # no index yet
    try:
        for f in srv.settings.corpus_dir.iterdir():  # a user's folder with nothing in it yet
            f.unlink()
        with srv.client() as c:
            assert upload(c, "xinghe-2023.txt", DOC.encode()).status_code == 201
            r = c.delete("/api/documents/xinghe-2023")  # was: 500, rolled back, every time
            assert r.status_code == 200, r.text
            assert c.get("/api/documents").json() == []
            health = c.get("/healthz").json()
            assert health["status"] == "ok" and health["documents"] == 0 and health["chunks"] == 0
            r = c.post("/api/search", json={"query": "星河县政协提案"})
            assert r.status_code == 200 and r.json()["passages"] == []
            r = c.post("/api/ask", json={"question": "星河县政协2023年一共收到了多少件提案？"})
            assert r.status_code == 200 and r.json()["abstained"] is True
            r = upload(c, "xinghe-2023.txt", DOC.encode())  # and uploads into the empty index work
            assert r.status_code == 201, r.text
            answer = c.post("/api/ask", json={"question": "星河县政协2023年一共收到了多少件提案？"}).json()
            assert "321" in answer["answer"]
    finally:
        srv.stop()
    assert srv.internal_errors == 0


def test_an_index_served_with_another_corpus_is_refused_and_loses_nothing(small_corpus, tmp_path, e5):
    built = tmp_path / "built-from-small" / "index"
    build_index(small_corpus, built, e5, ChunkParams(), embedder_backend="e5-small")
    # served with the bundled corpus (a copy): it lacks the index's documents "dawukou" and "chengbei"
    srv = start_server(tmp_path / "srv", built)
    try:
        with srv.client() as c:
            health = c.get("/healthz").json()
            assert health["status"] == "no_index" and "was built from" in health["index_error"]
            r = c.post("/api/search", json={"query": "提案"})
            error = assert_error(r, 503, "corpus_mismatch")
            assert "--rebind" in error["hint"]
            r = upload(c, "xinghe-2023.txt", DOC.encode())  # was: re-indexed the folder, dropping documents
            assert r.status_code == 503 and r.json()["error"]["code"] == "corpus_mismatch", r.text
        assert sorted(Index.load(srv.settings.index_dir).doc_by_id) == ["chengbei", "dawukou"]
    finally:
        srv.stop()
    assert srv.internal_errors == 0


@pytest.mark.parametrize("name", ["chunks.jsonl", "vectors.npy", "index.faiss", "bm25/params.index.json"])
def test_a_damaged_index_is_a_clear_503_at_start(name, corpus_index_dir, tmp_path):
    damaged = Path(shutil.copytree(corpus_index_dir, tmp_path / "damaged"))
    data = bytearray((damaged / name).read_bytes())
    data[len(data) // 2] ^= 0xFF  # the same size: only the checksum can tell
    (damaged / name).write_bytes(bytes(data))
    srv = start_server(tmp_path / "srv", damaged)
    try:
        with srv.client() as c:
            health = c.get("/healthz").json()
            assert health["status"] == "no_index" and "damaged" in health["index_error"], health
            for _ in range(5):  # was: loaded, healthz ok, 4 of 5 searches 500
                error = assert_error(c.post("/api/search", json={"query": "大武口区政协提案"}), 503)
                assert "\n" not in error["message"] and "damaged" in error["message"]
    finally:
        srv.stop()
    assert srv.internal_errors == 0
