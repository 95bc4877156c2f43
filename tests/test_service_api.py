"""The read-only API against a real uvicorn server: answers, streaming, search, documents,
health, the page, OpenAPI, and every error path that needs no corpus change."""

from __future__ import annotations

import dataclasses

import pytest

from qa.models import Answer, Citation, Conflict, Passage, Timings
from service.schemas import AnswerOut, CitationOut, ConflictOut, PassageOut, TimingsOut
from tests.test_service_fixtures import QUESTION, UNANSWERABLE, assert_error, server, sse_events  # noqa: F401

pytestmark = pytest.mark.slow

ANSWER_FIELDS = ["question", "answer", "abstained", "citations", "passages", "backend", "answer_type",
                 "confidence", "fallback", "notes", "timings", "conflict", "standalone_question"]
CITATION_FIELDS = ["n", "chunk_id", "doc_id", "title", "org", "text", "start", "end", "page"]


@pytest.fixture(scope="module")
def client(server):
    with server.client() as c:
        yield c


def names(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def test_schemas_mirror_the_models_field_for_field():
    assert names(Answer) == ANSWER_FIELDS == list(AnswerOut.model_fields)
    assert names(Citation) == CITATION_FIELDS == list(CitationOut.model_fields)
    assert names(Passage) == list(PassageOut.model_fields)
    assert names(Timings) == list(TimingsOut.model_fields)
    assert names(Conflict) == list(ConflictOut.model_fields)


def check_cited(answer: dict, document_texts: dict[str, str]) -> None:
    """Every citation's offsets point at its text in the cleaned document."""
    for c in answer["citations"]:
        assert list(c) == CITATION_FIELDS
        assert document_texts[c["doc_id"]][c["start"]:c["end"]] == c["text"]


def test_ask_answers_with_a_verified_citation(client):
    r = client.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == ANSWER_FIELDS
    assert not body["abstained"] and "190" in body["answer"]
    assert body["backend"] == "extractive" and body["passages"]
    assert [c["n"] for c in body["citations"]] == list(range(1, len(body["citations"]) + 1))
    doc = client.get(f"/api/documents/{body['citations'][0]['doc_id']}").json()
    check_cited(body, {doc["doc_id"]: doc["text"]})
    assert any("190" in c["text"] for c in body["citations"])


def test_ask_abstains_and_still_lists_the_nearest_passages(client):
    body = client.post("/api/ask", json={"question": UNANSWERABLE}).json()
    assert body["abstained"] is True and body["citations"] == []
    assert body["passages"], "the nearest passages are shown to the reader"


def test_ask_with_top_k_and_doc_ids_restricts_the_passages(client):
    body = client.post("/api/ask", json={"question": QUESTION, "top_k": 2, "doc_ids": ["xining-2023"]}).json()
    assert body["passages"] and {p["doc_id"] for p in body["passages"]} == {"xining-2023"}


def test_stream_event_order(client):
    with client.stream("POST", "/api/ask/stream", json={"question": QUESTION}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        text = r.read().decode("utf-8")
    events = sse_events(text)
    kinds = [name for name, _ in events]
    first_other = kinds.index("citations")
    assert kinds[:first_other] and set(kinds[:first_other]) == {"token"}
    assert kinds[first_other:] == ["citations", "answer", "done"]
    tokens = "".join(data["text"] for name, data in events if name == "token")
    answer = events[-2][1]
    assert list(answer) == ANSWER_FIELDS and tokens == answer["answer"]
    assert events[first_other][1] == answer["citations"] and answer["citations"]


def test_stream_errors_before_streaming_are_plain_json(client):
    assert_error(client.post("/api/ask/stream", json={"question": "  "}), 422, "bad_input")
    assert_error(client.post("/api/ask/stream", json={"question": QUESTION, "llm": "nope"}), 400, "unknown_backend")
    assert_error(client.post("/api/ask/stream", json={"question": QUESTION, "doc_ids": ["nope"]}), 404)


def test_search(client):
    r = client.post("/api/search", json={"query": "海西州有多少个微协商平台", "top_k": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "海西州有多少个微协商平台" and len(body["passages"]) == 3
    assert list(body["passages"][0]) == list(PassageOut.model_fields)
    assert [p["rank"] for p in body["passages"]] == [1, 2, 3]


def test_documents_list_and_detail(client):
    docs = client.get("/api/documents").json()
    assert {d["doc_id"] for d in docs} >= {"dawukou-2023", "xining-2023"}
    assert set(docs[0]) == {"doc_id", "title", "org", "source", "chars", "chunks"}
    d = next(d for d in docs if d["doc_id"] == "dawukou-2023")
    detail = client.get("/api/documents/dawukou-2023").json()
    assert {k: detail[k] for k in d} == d and len(detail["text"]) == d["chars"]


def test_health(client):
    h = client.get("/healthz").json()
    assert h["status"] == "ok" and h["index_loaded"] is True
    assert h["documents"] == 5 and h["chunks"] > 100
    assert h["embedder"] == "e5-small" and h["llm"] == "extractive" and h["version"]
    assert "extractive" in h["llm_backends"] and "openai" in h["llm_backends"]


def test_page_docs_and_openapi(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'id="question"' in page.text
    for asset in ("app.js", "api.js", "docs.js", "viewer.js", "i18n.js", "style.css"):
        assert client.get(f"/static/{asset}").status_code == 200, asset
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/search", "/api/documents", "/api/documents/{doc_id}",
            "/healthz", "/v1/chat/completions", "/v1/models"} <= set(paths)


@pytest.mark.parametrize("body, status, code", [
    ({"question": ""}, 422, "bad_input"),
    ({"question": "问" * 501}, 422, "bad_input"),  # QA_MAX_QUESTION_CHARS defaults to 500
    ({"question": QUESTION, "top_k": 0}, 422, "invalid_request"),
    ({"question": QUESTION, "top_k": 101}, 422, "invalid_request"),
    ({"question": QUESTION, "llm": "gpt-17"}, 400, "unknown_backend"),
    ({"question": QUESTION, "doc_ids": ["no-such-doc"]}, 404, "not_found"),
    ({"question": QUESTION, "colour": "blue"}, 422, "invalid_request"),
    ({"question": 42}, 422, "invalid_request"),
    ({}, 422, "invalid_request"),
])
def test_ask_rejects_bad_input_with_the_error_body(client, body, status, code):
    assert_error(client.post("/api/ask", json=body), status, code)


def test_malformed_bodies(client):
    headers = {"content-type": "application/json"}
    assert_error(client.post("/api/ask", content=b'{"question": ', headers=headers), 422, "invalid_request")
    assert_error(client.post("/api/ask", content=b"\xff\xfe", headers=headers), 400, "invalid_text")
    assert_error(client.post("/api/ask", content=b"question=x",
                             headers={"content-type": "application/x-www-form-urlencoded"}), 422)
    assert_error(client.post("/api/search", json={"query": ""}), 422, "bad_input")
    assert_error(client.post("/api/search", json={"query": "问" * 501}), 422, "bad_input")


def test_unknown_routes_wrong_methods_and_unknown_documents(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.get("/static/nothing.js"), 404, "not_found")
    assert_error(client.get("/api/documents/no-such-doc"), 404, "not_found")
    err = assert_error(client.get("/api/ask"), 405, "method_not_allowed")
    assert "GET /api/ask" in err["message"]
    assert_error(client.put("/api/documents/dawukou-2023"), 405, "method_not_allowed")
    assert_error(client.delete("/healthz"), 405, "method_not_allowed")


def test_request_body_limit_gives_413_json(client, server):
    big = b"x" * (server.settings.max_request_bytes + 1)
    headers = {"content-type": "application/json"}
    assert_error(client.post("/api/ask", content=big, headers=headers), 413, "too_large")

    def chunked():  # no Content-Length: counted while it arrives
        for _ in range(server.settings.max_request_bytes // 65536 + 2):
            yield b"y" * 65536

    with server.client() as fresh:
        assert_error(fresh.post("/api/ask", content=chunked(), headers=headers), 413, "too_large")
    assert client.get("/healthz").status_code == 200  # the server carries on


def test_cors_is_off_by_default(client):
    r = client.options("/api/ask", headers={"Origin": "https://example.org",
                                            "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    r = client.post("/api/search", json={"query": "提案"}, headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_an_error_after_streaming_started_becomes_an_error_event():
    """Once the 200 and some tokens are out, a failure can only be reported in the stream."""
    from qa.answer.pipeline import StreamEvent
    from qa.errors import LLMTimeoutError
    from service.errors import InternalErrors
    from service.streaming import answer_events

    def events():
        yield StreamEvent("token", text="190")
        raise LLMTimeoutError("the LLM did not answer in time")

    internal = InternalErrors()
    parsed = sse_events("".join(answer_events(events(), internal)))
    assert parsed == [("token", {"text": "190"}),
                      ("error", {"code": "llm_timeout", "message": "the LLM did not answer in time"})]
    assert internal.count == 0  # an expected error is not an internal one
