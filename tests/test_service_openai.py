"""The OpenAI-compatible endpoints with requests shaped like the official client's."""

from __future__ import annotations

import pytest

from tests.test_service_fixtures import QUESTION, assert_error, server, sse_events  # noqa: F401

pytestmark = pytest.mark.slow

HEADERS = {"Authorization": "Bearer sk-anything", "OpenAI-Beta": "none", "User-Agent": "OpenAI/Python 1.54.0"}


def official(stream: bool) -> dict:
    """What ``client.chat.completions.create(...)`` sends."""
    return {
        "model": "extractive",
        "messages": [
            {"role": "system", "content": "You answer questions about CPPCC reports."},
            {"role": "user", "content": "你好"},
            {"role": "assistant", "content": "你好！请问有什么问题？"},
            {"role": "user", "content": [{"type": "text", "text": QUESTION}]},
        ],
        "stream": stream,
        "temperature": 0,
        "max_tokens": 200,
        "n": 1,
        **({"stream_options": {"include_usage": False}} if stream else {}),
    }


@pytest.fixture(scope="module")
def client(server):
    with server.client(headers=HEADERS) as c:
        yield c


def test_models_lists_the_backends(client):
    body = client.get("/v1/models").json()
    assert body["object"] == "list"
    ids = [m["id"] for m in body["data"]]
    assert {"extractive", "openai", "llama-cpp"} <= set(ids)
    assert all(m["object"] == "model" and m["owned_by"] for m in body["data"])


def test_chat_completion(client):
    r = client.post("/v1/chat/completions", json=official(stream=False))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    assert body["model"] == "extractive" and isinstance(body["created"], int)
    choice = body["choices"][0]
    assert choice["index"] == 0 and choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    content = choice["message"]["content"]
    assert "190" in content and "[1]" in content
    assert body["citations"] and body["citations"][0]["n"] == 1 and "190" in body["citations"][0]["text"]
    assert set(body["citations"][0]) == {"n", "chunk_id", "doc_id", "title", "org", "text", "start", "end", "page"}
    assert set(body["usage"]) == {"prompt_tokens", "completion_tokens", "total_tokens"}


def test_chat_completion_streamed(client):
    with client.stream("POST", "/v1/chat/completions", json=official(stream=True)) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = sse_events(r.read().decode("utf-8"))
    assert all(name == "message" for name, _ in events)  # plain `data:` lines, as OpenAI sends
    assert events[-1][1] == "[DONE]"
    chunks = [data for _, data in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" and c["model"] == "extractive" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "190" in text and "[1]" in text
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop" and last["choices"][0]["delta"] == {}
    assert last["citations"] and "190" in last["citations"][0]["text"]
    assert all("citations" not in c for c in chunks[:-1])


def test_abstention_has_no_markers(client):
    body = {**official(stream=False), "messages": [{"role": "user", "content": "大武口区政协2022年一共收到了多少件提案？"}]}
    r = client.post("/v1/chat/completions", json=body).json()
    assert r["citations"] == [] and "[" not in r["choices"][0]["message"]["content"]


@pytest.mark.parametrize("change, status, code", [
    ({"model": "gpt-4o"}, 400, "unknown_backend"),
    ({"messages": []}, 422, "invalid_request"),
    ({"messages": [{"role": "system", "content": "only a system prompt"}]}, 422, "bad_input"),
    ({"messages": [{"role": "user", "content": "   "}]}, 422, "bad_input"),
    ({"messages": [{"role": "user", "content": "问" * 501}]}, 422, "bad_input"),
    ({"messages": [{"role": "user"}], "stream": True}, 422, "bad_input"),
])
def test_chat_completion_errors_are_json(client, change, status, code):
    body = {**official(stream=False), **change}
    assert_error(client.post("/v1/chat/completions", json=body), status, code)
