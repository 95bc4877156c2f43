"""Malformed requests against a real uvicorn server: invalid UTF-8 and lone surrogates,
huge and deeply nested bodies, wrong types, wrong content types, odd methods and
headers. At least 300 of them; not one may get a 5xx, and every error has the API's
error body."""

from __future__ import annotations

import json
import random

import httpx
import pytest

from tests.test_service_fixtures import QUESTION, server  # noqa: F401

pytestmark = pytest.mark.slow

POSTS = ["/api/ask", "/api/ask/stream", "/api/search", "/v1/chat/completions"]
FIELD = {"/api/ask": "question", "/api/ask/stream": "question", "/api/search": "query"}
WRONG_VALUES = [None, 0, -1, 1.5, 10**30, True, [], {}, [QUESTION], {"text": QUESTION}, "", " \t\n",
                "x" * 5000, "\x00", "\u202e提案", "%s%n", "'; DROP TABLE x; --"]
CONTENT_TYPES = ["text/plain", "application/xml", "application/x-www-form-urlencoded",
                 "multipart/form-data", "multipart/form-data; boundary=zz", "application/json; charset=latin-1",
                 "application/json; charset=utf-16", "image/png", "*/*", "application/json\x7f"]


def body_for(path: str, value: object) -> dict:
    if path == "/v1/chat/completions":
        return {"model": "extractive", "messages": [{"role": "user", "content": value}]}
    return {FIELD[path]: value}


def cases(rng: random.Random) -> list[tuple[str, str, bytes, dict[str, str]]]:
    """(method, path, body, headers) for every malformed request."""
    json_ct = {"content-type": "application/json"}
    out: list[tuple[str, str, bytes, dict[str, str]]] = []
    for path in POSTS:
        for _ in range(12):  # random bytes, mostly invalid UTF-8
            out.append(("POST", path, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))), json_ct))
        for half in ("\\ud800", "\\udfff", "\\udbff\\u0041", "a\\udc00b", "\\ud83d"):
            text = json.dumps(body_for(path, "X")).replace('"X"', f'"{half}"')
            out.append(("POST", path, text.encode(), json_ct))
            out.append(("POST", path, text.replace('": "', '": ["', 1).replace('"}', '"]}', 1).encode(), json_ct))
        out.append(("POST", path, json.dumps({"\ud800": 1}).encode(), json_ct))  # a surrogate in a key
        for value in WRONG_VALUES:
            out.append(("POST", path, json.dumps(body_for(path, value)).encode(), json_ct))
        for field, value in (("top_k", "5"), ("top_k", 0), ("top_k", 10**9), ("top_k", [1]), ("doc_ids", "d"),
                             ("doc_ids", [1, 2]), ("doc_ids", ["x"] * 1000), ("llm", 5), ("llm", "nope"),
                             ("stream", "yes"), ("model", None), ("messages", []), ("messages", "hi")):
            body = body_for(path, QUESTION) | {field: value}
            out.append(("POST", path, json.dumps(body).encode(), json_ct))
        for depth in (50, 5000, 100_000):  # nested arrays and objects
            out.append(("POST", path, b"[" * depth + b"]" * depth, json_ct))
            out.append(("POST", path, b'{"a":' * depth + b"1" + b"}" * depth, json_ct))
        for ct in CONTENT_TYPES:
            out.append(("POST", path, json.dumps(body_for(path, QUESTION)).encode(), {"content-type": ct}))
        for broken in (b"", b"{", b'{"question": "a"', b"null", b"[]", b'"just a string"', b"{}{}", b"\x00" * 10,
                       b'{"question": "a", "question": 5}', b"NaN", b'{"top_k": Infinity}'):
            out.append(("POST", path, broken, json_ct))
        out.append(("POST", path, b'{"question": "' + b"a" * 7_000_000 + b'"}', json_ct))  # over the body limit
        out.append(("POST", path, b'{"question": "' + "问".encode() * 100_000 + b'"}', json_ct))
    for method, path in (("PUT", "/api/ask"), ("PATCH", "/api/search"), ("DELETE", "/api/ask/stream"),
                         ("GET", "/v1/chat/completions"), ("POST", "/healthz"), ("POST", "/metrics"),
                         ("DELETE", "/api/documents/%ED%A0%80"), ("GET", "/api/documents/%ff%fe"),
                         ("GET", "/api/documents/" + "%00" * 10), ("GET", "/api/documents/..%2F..%2Fetc%2Fpasswd"),
                         ("GET", "/api/%E0%A4"), ("GET", "/static/..%2F..%2Fqa%2Fconfig.py")):
        out.append((method, path, b"", {}))
    for name, data, ct in (("a.txt", b"\xff\xfe\x00", "text/plain"), ("\udcff.txt", "提案".encode(), "text/plain"),
                           ("../../x.txt", "提案".encode(), "text/plain"), ("", b"x", "text/plain"),
                           ("a.md", b"", "text/markdown"), ("a.txt", b"\x00\x01\x02", "text/plain")):
        out.append(("POST", "/api/documents", _multipart(name, data, ct), {
            "content-type": "multipart/form-data; boundary=fuzzbound"}))
    out.append(("POST", "/api/documents", b"--fuzzbound\r\nbroken", {
        "content-type": "multipart/form-data; boundary=fuzzbound"}))
    out.append(("POST", "/api/documents", json.dumps({"file": "x"}).encode(), json_ct))
    return out


def _multipart(name: str, data: bytes, ct: str) -> bytes:
    head = (f'--fuzzbound\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {ct}\r\n\r\n").encode("utf-8", "surrogateescape")
    return head + data + b"\r\n--fuzzbound--\r\n"


def test_malformed_requests_never_get_a_5xx(server):
    requests = cases(random.Random(20261130))
    assert len(requests) >= 300
    seen: dict[int, int] = {}
    with server.client() as c:
        for method, path, body, headers in requests:
            try:
                r = c.request(method, path, content=body, headers=headers)
            except httpx.HTTPError as exc:
                pytest.fail(f"{method} {path} {headers} {body[:100]!r}: no response ({exc})")
            seen[r.status_code] = seen.get(r.status_code, 0) + 1
            assert r.status_code < 500, (method, path, body[:200], r.status_code, r.text[:300])
            if r.status_code >= 400:
                error = r.json()["error"]
                assert error["code"] and error["message"] and "Traceback" not in r.text
                assert len(r.content) < 5000, (path, r.text[:300])  # nothing echoed whole
        assert c.get("/healthz").json()["status"] == "ok"
    print(f"\n{len(requests)} malformed requests, statuses: {dict(sorted(seen.items()))}")
    assert server.internal_errors == 0
