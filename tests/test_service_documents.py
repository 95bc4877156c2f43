"""Changing the corpus through the API: upload-then-ask, replace, delete-then-ask, every
rejected upload, the API key, CORS and the size limits (real server, real index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_service_fixtures import assert_error, server, start_server, upload_and_wait  # noqa: F401

pytestmark = pytest.mark.slow

KEY = "s3cret-key"

FACT_DOC = """# 星河县政协2023年工作综述

2023年，星河县政协围绕全县中心工作积极履职尽责。星河县政协全年共收到提案{n}件，审查立案612件，提案办复率达到100%。

星河县政协组织委员开展“河湖清洁”专题视察9次，形成调研报告4篇，为县委、县政府科学决策提供了参考。
"""
FACT_QUESTION = "星河县政协2023年一共收到了多少件提案？"


def upload(client, name: str, data: bytes, headers: dict | None = None):
    """Upload and wait for the background job (see upload_and_wait)."""
    return upload_and_wait(client, name, data, headers, content_type="text/plain")


def ask(client, question: str) -> dict:
    r = client.post("/api/ask", json={"question": question})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def client(server):
    with server.client() as c:
        yield c


@pytest.fixture(scope="module")
def strict(tmp_path_factory, corpus_index_dir):
    """API key, one CORS origin, small limits, and deletes that remove the file."""
    srv = start_server(tmp_path_factory.mktemp("strict"), corpus_index_dir, api_key=KEY,
                       cors_origins=["https://app.example"], max_request_bytes=8192,
                       max_upload_bytes=2048, max_question_chars=20, delete_removes_file=True)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0


def corpus_files(corpus: Path) -> set[str]:
    return {p.name for p in corpus.iterdir()}


def test_upload_then_ask_cites_the_new_document(client, server):
    r = upload(client, "xinghe-2023.txt", FACT_DOC.format(n=777).encode())
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["replaced"] is False
    assert body["document"]["doc_id"] == "xinghe-2023" and body["document"]["chunks"] >= 1
    assert body["document"]["source"] == "xinghe-2023.txt" and "星河县" in body["document"]["title"]
    assert body["report"]["added"] == ["xinghe-2023"] and body["report"]["embedded"] >= 1
    assert (server.settings.corpus_dir / "xinghe-2023.txt").read_text(encoding="utf-8") == FACT_DOC.format(n=777)

    answer = ask(client, FACT_QUESTION)
    assert "777" in answer["answer"] and not answer["abstained"]
    assert any(c["doc_id"] == "xinghe-2023" and "777" in c["text"] for c in answer["citations"])
    assert "xinghe-2023" in {d["doc_id"] for d in client.get("/api/documents").json()}

    # re-uploading the same name replaces the document
    r = upload(client, "xinghe-2023.txt", FACT_DOC.format(n=888).encode())
    assert r.status_code == 200, r.text
    assert r.json()["replaced"] is True and r.json()["report"]["changed"] == ["xinghe-2023"]
    answer = ask(client, FACT_QUESTION)
    assert "888" in answer["answer"] and "777" not in answer["answer"]


def test_delete_then_ask_no_longer_answers(client, server):
    r = upload(client, "lanshan.md", FACT_DOC.replace("星河县", "蓝山县").format(n=555).encode())
    assert r.status_code == 201, r.text
    assert "555" in ask(client, "蓝山县政协2023年一共收到了多少件提案？")["answer"]

    r = client.delete("/api/documents/lanshan")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == {**body, "doc_id": "lanshan", "deleted": True, "moved_to": ".deleted/lanshan.md"}
    assert body["report"]["removed"] == ["lanshan"]
    corpus = server.settings.corpus_dir
    assert not (corpus / "lanshan.md").exists() and (corpus / ".deleted" / "lanshan.md").exists()

    answer = ask(client, "蓝山县政协2023年一共收到了多少件提案？")
    assert "555" not in answer["answer"]
    assert all(c["doc_id"] != "lanshan" for c in answer["citations"])
    assert all(p["doc_id"] != "lanshan" for p in answer["passages"])
    assert_error(client.get("/api/documents/lanshan"), 404, "not_found")
    assert_error(client.delete("/api/documents/lanshan"), 404, "not_found")

    # deleting the same name again keeps both deleted copies
    assert upload(client, "lanshan.md", FACT_DOC.format(n=556).encode()).status_code == 201
    assert client.delete("/api/documents/lanshan").json()["moved_to"] != ".deleted/lanshan.md"
    assert len(list((corpus / ".deleted").glob("lanshan*.md"))) == 2


@pytest.mark.parametrize("name, data, status, code", [
    ("../escape.txt", b"\xe6\x96\x87\xe6\x9c\xac", 422, "bad_input"),
    ("../../etc/escape.txt", "文本".encode(), 422, "bad_input"),
    ("/tmp/absolute.txt", "文本".encode(), 422, "bad_input"),
    ("sub\\dir.txt", "文本".encode(), 422, "bad_input"),
    (".hidden.txt", "文本".encode(), 422, "bad_input"),
    ("..", "文本".encode(), 422, "bad_input"),
    ("report.pdf", b"%PDF-1.7", 422, "bad_document"),
    ("sheet.xlsx", b"PK\x03\x04", 415, "unsupported_type"),
    ("noext", "文本".encode(), 415, "unsupported_type"),
    ("unknown-encoding.txt", bytes(range(128, 256)) * 4, 422, "bad_document"),
    ("controls.txt", b"\x01\x02\x03\x07\x1b\x7f\r\n" * 10, 422, "bad_document"),
    ("empty.txt", b"", 422, "bad_document"),
    ("blank.md", b"  \n\t\n", 422, "bad_document"),
    ("binary.txt", b"\x00\x01\x02abc", 422, "bad_document"),
    ("dawukou-2023.md", "另一个文件".encode(), 409, "conflict"),  # dawukou-2023.txt holds that id
])
def test_bad_uploads_are_rejected_and_change_nothing(client, server, name, data, status, code):
    before = corpus_files(server.settings.corpus_dir)
    documents = len(client.get("/api/documents").json())
    assert_error(upload(client, name, data), status, code)
    assert corpus_files(server.settings.corpus_dir) == before
    assert len(client.get("/api/documents").json()) == documents


def test_upload_needs_a_file_and_respects_the_upload_limit(client, server):
    assert_error(client.post("/api/documents", data={"x": "y"}), 422, "invalid_request")
    assert_error(client.post("/api/documents", json={"file": "a.txt"}), 422, "invalid_request")
    too_big = "政".encode() * (server.settings.max_upload_bytes // 3 + 1)
    assert len(too_big) > server.settings.max_upload_bytes
    assert_error(upload(client, "big.txt", too_big), 413, "too_large")
    assert not (server.settings.corpus_dir / "big.txt").exists()


def test_api_key_protects_upload_and_delete_only(strict):
    with strict.client() as c:
        assert_error(upload(c, "k.txt", "星河县政协的工作。".encode()), 401, "unauthorized")
        r = upload(c, "k.txt", "星河县政协的工作。".encode(), {"Authorization": "Bearer wrong"})
        assert_error(r, 401, "unauthorized")
        assert r.headers["www-authenticate"] == "Bearer"
        assert_error(c.delete("/api/documents/xining-2023"), 401, "unauthorized")
        assert_error(c.delete("/api/documents/xining-2023", headers={"Authorization": f"Basic {KEY}"}), 401)
        assert c.get("/api/documents").status_code == 200
        assert c.post("/api/search", json={"query": "提案"}).status_code == 200

        auth = {"Authorization": f"Bearer {KEY}"}
        assert upload(c, "k.txt", "星河县政协的工作很扎实。".encode(), auth).status_code == 201
        r = c.delete("/api/documents/k", headers=auth)
        assert r.status_code == 200 and r.json()["moved_to"] is None  # QA_DELETE_REMOVES_FILE
        corpus = strict.settings.corpus_dir
        assert not (corpus / "k.txt").exists() and not (corpus / ".deleted").exists()


def test_configured_limits(strict):
    with strict.client() as c:
        assert_error(c.post("/api/ask", json={"question": "问" * 21}), 422, "bad_input")
        assert c.post("/api/ask", json={"question": "大武口区政协收到多少件提案"}).status_code == 200
        auth = {"Authorization": f"Bearer {KEY}"}
        assert_error(upload(c, "mid.txt", "政".encode() * 1000, auth), 413, "too_large")  # 3000 > 2048
        assert_error(upload(c, "huge.txt", b"x" * 9000, auth), 413, "too_large")  # body > 8192
        assert_error(c.post("/api/search", json={"query": "提" * 3000}), 413, "too_large")


def test_cors_only_for_configured_origins(strict):
    with strict.client() as c:
        pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        r = c.options("/api/ask", headers={"Origin": "https://app.example", **pre})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://app.example"
        r = c.post("/api/search", json={"query": "提案"}, headers={"Origin": "https://app.example"})
        assert r.headers["access-control-allow-origin"] == "https://app.example"
        r = c.post("/api/search", json={"query": "提案"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_without_an_index_the_service_runs_and_the_first_upload_builds_it(tmp_path):
    srv = start_server(tmp_path, None)
    try:
        with srv.client() as c:
            health = c.get("/healthz").json()
            assert health["status"] == "no_index" and health["index_loaded"] is False
            assert health["index_error"] and health["documents"] == 0
            assert_error(c.post("/api/ask", json={"question": "提案"}), 503, "index_not_found")
            assert_error(c.get("/api/documents"), 503, "index_not_found")
            r = upload(c, "xinghe-2023.txt", FACT_DOC.format(n=777).encode())
            assert r.status_code == 201, r.text
            assert r.json()["report"]["documents"] == 6  # the corpus plus the upload
            assert c.get("/healthz").json()["status"] == "ok"
            assert "777" in ask(c, FACT_QUESTION)["answer"]
    finally:
        srv.stop()
    assert srv.internal_errors == 0
