"""Uploading real documents through the API: every type, background jobs with progress, pages in
citations, the original file for download, and bad files (real server, real index, real OCR)."""

from __future__ import annotations

import time

import pytest

from tests.test_formats import FORMATS, blank_png, encrypted_pdf, long_pdf, zip_bomb_docx
from tests.test_service_fixtures import assert_error, start_server, upload_and_wait, wait_for_job

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_index_dir):
    tmp = tmp_path_factory.mktemp("service-formats")
    srv = start_server(tmp, corpus_index_dir, ocr_cache_dir=tmp / "ocr-cache")
    yield srv
    srv.stop()
    assert srv.internal_errors == 0, "a request reached the last-resort 500 handler"


@pytest.fixture(scope="module")
def client(server):
    with server.client() as c:
        yield c


def ask(client, question: str) -> dict:
    r = client.post("/api/ask", json={"question": question})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("name, question, answer", [
    ("proposals-table-lo.pdf", "星河区政协的办复率是多少？", "98%"),
    ("proposals-table.docx", None, None),
    ("chengbei-gbk.txt", None, None),
    ("xining-article.html", None, None),
    ("zhangye-big5.txt", None, None),
])
def test_each_type_uploads_and_is_searchable(client, server, name, question, answer):
    data = (FORMATS / name).read_bytes()
    r = upload_and_wait(client, name, data)
    assert r.status_code == 201, r.text
    doc = r.json()["document"]
    assert doc["source"] == name and doc["chunks"] >= 1
    assert (server.settings.corpus_dir / name).read_bytes() == data
    original = client.get(f"/api/documents/{doc['doc_id']}/file")
    assert original.status_code == 200 and original.content == data
    assert name in original.headers["content-disposition"] or "filename*" in original.headers["content-disposition"]
    if question:
        result = ask(client, question)
        assert answer in result["answer"], result
        cite = result["citations"][0]
        assert cite["doc_id"] == doc["doc_id"] and "星河区政协" in cite["text"]
        detail = client.get(f"/api/documents/{doc['doc_id']}").json()
        assert cite["page"] == 1 and detail["pages"] == [0]
    else:  # searchable: its own passages come back for its own words
        detail = client.get(f"/api/documents/{doc['doc_id']}").json()
        assert detail["pages"] == []
        words = detail["text"][:30]
        r = client.post("/api/search", json={"query": words, "doc_ids": [doc["doc_id"]]})
        assert r.status_code == 200 and r.json()["passages"], r.text


def test_scanned_pdf_is_indexed_in_the_background_while_questions_are_answered(client, server):
    data = (FORMATS / "chengbei-scanned.pdf").read_bytes()
    r = client.post("/api/documents", files={"file": ("chengbei-scan.pdf", data, "application/pdf")})
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    answered_while_running = 0
    seen_pages = set()
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            break
        if job["stage"] == "ocr":
            seen_pages.add((job["done"], job["total"]))
        result = ask(client, "大武口区政协2023年一共收到了多少件提案？")  # served by the previous snapshot
        assert "190" in result["answer"]
        if client.get(f"/api/jobs/{job_id}").json()["state"] == "running":
            answered_while_running += 1
    job = wait_for_job(client, job_id)
    assert job["state"] == "done", job
    assert answered_while_running >= 1
    assert all(total == 2 for _, total in seen_pages)  # progress counts the scan's two pages
    doc = job["result"]["document"]
    assert doc["doc_id"] == "chengbei-scan"
    text = client.get("/api/documents/chengbei-scan").json()["text"]
    assert "城北区政协" in text.replace(" ", "")


def documents(client) -> dict[str, int]:
    return {d["doc_id"]: d["chunks"] for d in client.get("/api/documents").json()}


@pytest.mark.parametrize("name, make, words", [
    ("locked.pdf", encrypted_pdf, "encrypted"),
    ("long.pdf", lambda: long_pdf(500), "500 pages"),
    ("bomb.docx", zip_bomb_docx, "zip bomb"),
    ("torn.pdf", lambda: (FORMATS / "dawukou-chromium.pdf").read_bytes()[:5000], "not a readable PDF"),
    ("controls.txt", lambda: b"\x01\x02\x03\x1b" * 20, "only control characters"),
])
def test_bad_files_get_a_4xx_at_once_and_change_nothing(client, server, name, make, words):
    before, files = documents(client), sorted(p.name for p in server.settings.corpus_dir.iterdir())
    err = assert_error(client.post("/api/documents", files={"file": (name, make(), "application/octet-stream")}),
                       422, "bad_document")
    assert words in f"{err['message']} ({err['hint']})" and err["hint"]
    assert documents(client) == before
    assert sorted(p.name for p in server.settings.corpus_dir.iterdir()) == files
    assert "190" in ask(client, "大武口区政协2023年一共收到了多少件提案？")["answer"]


def test_an_image_without_text_fails_its_job_and_changes_nothing(client, server):
    before, files = documents(client), sorted(p.name for p in server.settings.corpus_dir.iterdir())
    r = client.post("/api/documents", files={"file": ("blank.png", blank_png(), "image/png")})
    assert r.status_code == 202, r.text
    job = wait_for_job(client, r.json()["job_id"])
    assert job["state"] == "failed" and job["result"] is None
    assert job["error"]["code"] == "bad_document" and job["error"]["status"] == 422
    assert "no text found in the image" in job["error"]["message"]
    assert documents(client) == before
    assert sorted(p.name for p in server.settings.corpus_dir.iterdir()) == files


def test_unknown_job_and_missing_original(client):
    assert_error(client.get("/api/jobs/nope"), 404, "not_found")
    assert_error(client.get("/api/documents/nope/file"), 404, "not_found")
    r = client.post("/api/documents?wait=true",
                    files={"file": ("wait.txt", "# 星河县政协\n\n星河县政协2023年共收到提案77件。".encode(), "text/plain")})
    assert r.status_code == 201, r.text  # ?wait=true answers like the synchronous upload did
    assert r.json()["document"]["doc_id"] == "wait" and r.json()["job"]["state"] == "done"
