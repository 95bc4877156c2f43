"""Hardening of the HTTP edge against a real uvicorn server: invalid text, long ids,
server paths in messages, slow bodies, rate limits, metrics, request ids, and who may
upload without an API key."""

from __future__ import annotations

import asyncio
import logging
import socket
import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.test_service_fixtures import QUESTION, assert_error, start_server

pytestmark = pytest.mark.slow

SEARCH_LIMIT = 8  # per minute, for this module's server only: the defaults are far higher
BODY_TIMEOUT = 5.0


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_index_dir):
    srv = start_server(tmp_path_factory.mktemp("hardening"), corpus_index_dir,
                       rate_limit_search=f"{SEARCH_LIMIT}/minute", body_timeout=BODY_TIMEOUT)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0, "a request reached the last-resort 500 handler"


@pytest.fixture(scope="module")
def client(server):
    with server.client() as c:
        yield c


LONE = "\ud800"
JSON = {"content-type": "application/json"}


def raw_json(text: str) -> bytes:
    """JSON as a client writes it: a lone surrogate stays the escape \\ud800."""
    return text.encode("utf-8")


@pytest.mark.parametrize("path, body", [
    ("/api/ask", '{"question": "\\ud800"}'),
    ("/api/ask", '{"question": "大武口区政协\\udfff提案"}'),
    ("/api/ask", '{"question": "提案", "doc_ids": ["\\ud800"]}'),
    ("/api/ask/stream", '{"question": "\\ud800"}'),
    ("/api/ask/stream", '{"question": "提案", "doc_ids": ["\\udc00x"]}'),
    ("/api/search", '{"query": "\\ud800"}'),
    ("/api/search", '{"query": "提案", "doc_ids": ["\\ud800"]}'),
    ("/v1/chat/completions", '{"model": "extractive", "messages": [{"role": "user", "content": "\\ud800"}]}'),
    ("/v1/chat/completions", '{"model": "extractive", "stream": true, '
                             '"messages": [{"role": "user", "content": "\\ud800"}]}'),
    ("/v1/chat/completions", '{"model": "extractive", "messages": [{"role": "user", "content": '
                             '[{"type": "text", "text": "\\udbff"}]}]}'),
])
def test_a_lone_surrogate_is_a_clear_400(client, path, body):
    err = assert_error(client.post(path, content=raw_json(body), headers=JSON), 400, "invalid_text")
    assert "surrogate" in err["message"] and err["hint"]


def test_a_valid_surrogate_pair_is_text(client):
    r = client.post("/api/search", content=raw_json('{"query": "提案 \\ud83d\\ude00"}'), headers=JSON)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("body", [b'{"question": "\xff"}', b"\xff\xfe{}", b'{"question": "\xe5\xa4"}',
                                  "{\"question\": \"提案\"}".encode("utf-16")])
@pytest.mark.parametrize("path", ["/api/ask", "/api/search", "/v1/chat/completions"])
def test_a_body_that_is_not_utf8_is_a_clear_400(client, path, body):
    err = assert_error(client.post(path, content=body, headers=JSON), 400, "invalid_text")
    assert "UTF-8" in err["message"]
    # no content type at all: FastAPI still parses JSON, so the check applies too
    assert_error(client.post(path, content=body), 400, "invalid_text")


def test_the_library_tolerates_lone_surrogates(e5, corpus_index):
    vector = e5.embed_query("大武口区政协" + LONE)
    assert vector.shape == (e5.dim,)
    assert corpus_index.doc_by_id.get(LONE) is None and LONE not in corpus_index.doc_by_id


def test_a_long_id_is_not_echoed_whole(client):
    err = assert_error(client.get("/api/documents/" + "x" * 6000), 404, "not_found")
    assert len(err["message"]) < 200 and "6000 characters" in err["message"]
    err = assert_error(client.post("/api/ask", json={"question": QUESTION, "doc_ids": ["y" * 100_000]}),
                       404, "not_found")
    assert len(err["message"]) <= 600
    err = assert_error(client.get("/api/" + "z" * 6000), 404, "not_found")
    assert len(err["message"]) < 200


def test_messages_show_no_absolute_server_paths(tmp_path):
    srv = start_server(tmp_path, None)  # no index: health and every read report it
    try:
        with srv.client() as c:
            health = c.get("/healthz").json()
            err = assert_error(c.post("/api/ask", json={"question": QUESTION}), 503)
    finally:
        srv.stop()
    for text in (health["index_error"], err["message"], err["hint"] or ""):
        assert str(tmp_path) not in text and "/tmp" not in text, text
    assert "index" in err["message"]


def test_a_body_that_never_arrives_times_out_with_408(server):
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=120) as sock:  # generous: waits on the reply
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{\"question\": ")
        started = time.monotonic()
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert time.monotonic() - started >= BODY_TIMEOUT * 0.9  # it did wait for the body first
    with server.client() as c:
        assert c.get("/healthz").status_code == 200


def test_search_is_rate_limited_per_client_with_retry_after(server):
    with server.client() as c:
        statuses = []
        for _ in range(SEARCH_LIMIT + 1):
            r = c.post("/api/search", json={"query": "微协商平台", "top_k": 2})
            statuses.append(r.status_code)
        err = assert_error(r, 429, "rate_limited")
        assert int(r.headers["Retry-After"]) >= 1 and "limit" in err["message"] and err["hint"]
        assert statuses[0] == 200 and statuses.count(429) >= 1
        assert c.post("/api/ask", json={"question": QUESTION}).status_code == 200  # other scopes go on
        metrics = scrape(c)
        assert metrics[("zhqa_rate_limited_total", (("scope", "search"),))] >= 1


def scrape(c: httpx.Client) -> dict[tuple[str, tuple], float]:
    r = c.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(r.text) for s in family.samples}


def test_metrics_in_prometheus_format(client):
    for _ in range(3):
        assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200
    client.get("/api/documents/no-such-doc")
    m = scrape(client)
    ask = (("method", "POST"), ("route", "/api/ask"), ("status", "200"))
    assert m[("zhqa_http_requests_total", ask)] >= 3
    missing = (("method", "GET"), ("route", "/api/documents/{doc_id}"), ("status", "404"))
    assert m[("zhqa_http_requests_total", missing)] >= 1  # a route template, not the raw path
    count = m[("zhqa_http_request_duration_seconds_count", (("method", "POST"), ("route", "/api/ask")))]
    assert count >= 3
    buckets = [k for k in m if k[0] == "zhqa_http_request_duration_seconds_bucket"
               and ("route", "/api/ask") in k[1]]
    assert len(buckets) >= 10
    assert m[("zhqa_index_documents", ())] == 5 and m[("zhqa_index_chunks", ())] > 100
    assert m[("zhqa_embedding_queue", ())] == 0  # nothing waits between requests
    assert ("zhqa_answer_streams_total", (("ended", "cancelled"),)) in m


def test_request_ids_in_and_out_and_in_the_logs(client, caplog):
    caplog.set_level(logging.INFO, logger="service.access")
    r = client.get("/healthz", headers={"X-Request-ID": "trace-abc.123"})
    assert r.headers["X-Request-ID"] == "trace-abc.123"
    r1, r2 = client.get("/healthz"), client.get("/healthz")
    assert len(r1.headers["X-Request-ID"]) >= 16 and r1.headers["X-Request-ID"] != r2.headers["X-Request-ID"]
    r = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces" + "x" * 300})
    assert " " not in r.headers["X-Request-ID"] and len(r.headers["X-Request-ID"]) <= 128
    err = client.post("/api/ask", json={}, headers={"X-Request-ID": "req-422"})
    assert err.headers["X-Request-ID"] == "req-422"  # errors carry it too

    def logged(rid: str) -> list[str]:
        return [rec.getMessage() for rec in caplog.records
                if rec.name == "service.access" and getattr(rec, "request_id", None) == rid]

    deadline = time.monotonic() + 60  # the access line is written when the response ends
    while not (logged("trace-abc.123") and logged("req-422")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "GET /healthz 200" in logged("trace-abc.123")[0]
    assert "POST /api/ask 422" in logged("req-422")[0]


def call_from(app, address: str, method: str, path: str, **kwargs) -> httpx.Response:
    """One request to ``app`` (the running server's app, index loaded) as a client at ``address``."""
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://zhqa.example") as c:
            return await c.request(method, path, **kwargs)

    return asyncio.run(go())


def test_without_an_api_key_only_this_machine_may_upload(server, client):
    doc = {"file": ("remote.exe", b"MZ", "application/octet-stream")}  # rejected later: nothing is indexed
    for address in ("203.0.113.7", "192.168.1.20", "2001:db8::1"):
        err = assert_error(call_from(server.app, address, "POST", "/api/documents", files=doc), 403, "forbidden")
        assert "--api-key" in err["hint"] and "--open-uploads" in err["hint"]
        assert_error(call_from(server.app, address, "DELETE", "/api/documents/dawukou-2023"), 403, "forbidden")
    assert_error(call_from(server.app, "::1", "POST", "/api/documents", files=doc), 415, "unsupported_type")
    assert_error(client.post("/api/documents", files=doc), 415, "unsupported_type")  # the real socket: loopback
    server.settings.open_uploads = True
    try:
        assert_error(call_from(server.app, "203.0.113.7", "POST", "/api/documents", files=doc),
                     415, "unsupported_type")  # past the permission check
    finally:
        server.settings.open_uploads = False
    assert "dawukou-2023" in {d["doc_id"] for d in client.get("/api/documents").json()}
