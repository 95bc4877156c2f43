"""OpenAIBackend against small real HTTP servers on 127.0.0.1 that misbehave on purpose."""

from __future__ import annotations

import time

import pytest

from qa.config import Settings
from qa.errors import ConfigError, LLMReplyError, LLMTimeoutError, LLMUnavailableError
from qa.llm.base import complete
from qa.llm.openai import OpenAIBackend
from tests.llm_fixtures import Reply, completion_json, free_port, sse, stub_server  # noqa: F401

SSE = {"Content-Type": "text/event-stream"}
JSON = {"Content-Type": "application/json"}


def backend(url: str, **kwargs) -> OpenAIBackend:
    kwargs = {"timeout": 5.0, "retries": 2, "backoff": 0.01, "backoff_max": 0.05} | kwargs
    return OpenAIBackend(url, "test-model", **kwargs)


def ok(*pieces: str) -> Reply:
    return Reply(body=sse(*pieces), headers=SSE)


def test_streams_pieces_in_order_and_sends_the_request(stub_server):
    stub = stub_server(lambda req, n: ok("西宁", "市政协", "[1]。"))
    llm = backend(stub.url, max_tokens=77)
    assert list(llm.generate("问题", system="系统", temperature=0.2)) == ["西宁", "市政协", "[1]。"]
    (request,) = stub.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["stream"] is True
    assert request.body["model"] == "test-model"
    assert request.body["max_tokens"] == 77
    assert request.body["temperature"] == 0.2
    assert request.body["messages"] == [
        {"role": "system", "content": "系统"}, {"role": "user", "content": "问题"}]


def test_max_tokens_argument_overrides_the_default_and_no_system_message(stub_server):
    stub = stub_server(lambda req, n: ok("x"))
    complete(backend(stub.url), "q", max_tokens=20)
    assert stub.requests[0].body["max_tokens"] == 20
    assert [m["role"] for m in stub.requests[0].body["messages"]] == ["user"]


def test_from_settings_uses_every_llm_setting(stub_server):
    stub = stub_server(lambda req, n: ok("x"))
    settings = Settings(llm_base_url=stub.url + "/", llm_model="m1", llm_timeout=3,
                        llm_retries=4, llm_max_tokens=99, QA_LLM_API_KEY="sk-set")
    llm = OpenAIBackend.from_settings(settings, backoff=0.01)
    assert (llm.name, llm.generative, llm.model, llm.retries, llm.timeout) == (
        "openai", True, "m1", 4, 3)
    assert llm.url == stub.url + "/chat/completions"
    assert complete(llm, "q") == "x"
    assert stub.requests[0].headers["Authorization"] == "Bearer sk-set"
    assert stub.requests[0].body["max_tokens"] == 99


def test_authorization_header_only_when_a_key_is_configured(stub_server):
    stub = stub_server(lambda req, n: ok("x"))
    complete(backend(stub.url, api_key=None), "q")
    complete(backend(stub.url, api_key=""), "q")
    complete(backend(stub.url, api_key="sk-123"), "q")
    auth = [r.headers.get("Authorization") for r in stub.requests]
    assert auth == [None, None, "Bearer sk-123"]


def test_tolerates_keepalive_comments_null_content_and_other_fields(stub_server):
    body = [": keep-alive\n\n", "event: message\nid: 1\n", *sse("a", None, "b")]
    stub = stub_server(lambda req, n: Reply(body=body, headers=SSE))
    assert list(backend(stub.url).generate("q")) == ["a", "b"]


def test_event_split_over_two_data_lines_and_crlf(stub_server):
    body = 'data: {"choices": [{"delta":\r\ndata: {"content": "hi"}, "finish_reason": "stop"}]}\r\n\r\n'
    stub = stub_server(lambda req, n: Reply(body=[body, "data: [DONE]\r\n\r\n"], headers=SSE))
    assert complete(backend(stub.url), "q") == "hi"


def test_server_ignoring_stream_true_returns_one_json_body(stub_server):
    stub = stub_server(lambda req, n: Reply(body=completion_json("整段回答[1]。"), headers=JSON))
    assert list(backend(stub.url).generate("q")) == ["整段回答[1]。"]


def test_stream_without_done_is_fine_after_finish_reason(stub_server):
    stub = stub_server(lambda req, n: Reply(body=sse("a", "b", done=False), headers=SSE))
    assert complete(backend(stub.url), "q") == "ab"


def test_server_down_is_unavailable_quickly_with_url_and_hint():
    url = f"http://127.0.0.1:{free_port()}/v1"
    started = time.monotonic()
    with pytest.raises(LLMUnavailableError) as info:
        complete(backend(url, retries=2), "q")
    assert time.monotonic() - started < 2
    assert url in str(info.value)
    assert "QA_LLM_BASE_URL" in info.value.hint


def test_unknown_host_is_unavailable():
    with pytest.raises(LLMUnavailableError, match="nonexistent.invalid"):
        complete(backend("http://nonexistent.invalid/v1", retries=0), "q")


def test_slow_server_times_out(stub_server):
    stub = stub_server(lambda req, n: Reply(body=sse("late"), headers=SSE, delay=60))
    started = time.monotonic()
    with pytest.raises(LLMTimeoutError, match="did not answer within"):
        complete(backend(stub.url, timeout=1.0), "q")
    assert time.monotonic() - started < 30  # gave up long before the server's 60 s
    assert len(stub.requests) == 1  # timeouts are not retried: they would multiply the wait


def test_stall_mid_stream_times_out_after_yielding(stub_server):
    # the first pieces arrive at once; the stall (30 s) is far longer than the timeout (3 s)
    stub = stub_server(lambda req, n: Reply(body=sse("a", "b"), headers=SSE, chunk_delay=30.0))
    pieces = backend(stub.url, timeout=3.0).generate("q")
    with pytest.raises(LLMTimeoutError, match="stalled"):
        for _ in pieces:
            pass


def test_429_twice_then_success_honours_retry_after(stub_server):
    def respond(req, n):
        if n < 2:
            return Reply(429, '{"error": {"message": "slow down"}}', {"Retry-After": "0.2"})
        return ok("终于", "好了")

    stub = stub_server(respond)
    started = time.monotonic()
    assert complete(backend(stub.url, retries=2), "q") == "终于好了"
    assert len(stub.requests) == 3
    assert time.monotonic() - started >= 0.4  # two Retry-After waits, not the tiny backoff


def test_retry_after_is_capped(stub_server):
    def respond(req, n):
        return Reply(429, "busy", {"Retry-After": "3600"}) if n == 0 else ok("x")

    stub = stub_server(respond)
    started = time.monotonic()
    assert complete(backend(stub.url, retry_after_max=0.1), "q") == "x"
    assert time.monotonic() - started < 2


def test_500_forever_gives_up_after_the_retries(stub_server):
    stub = stub_server(lambda req, n: Reply(500, "<h1>Internal Server Error</h1>"))
    with pytest.raises(LLMUnavailableError, match="HTTP 500") as info:
        complete(backend(stub.url, retries=3), "q")
    assert len(stub.requests) == 4
    assert "Internal Server Error" in str(info.value)


def test_429_exhausting_retries_is_unavailable(stub_server):
    stub = stub_server(lambda req, n: Reply(429, '{"error": "rate limited"}'))
    with pytest.raises(LLMUnavailableError, match="HTTP 429: 'rate limited'"):
        complete(backend(stub.url, retries=1), "q")
    assert len(stub.requests) == 2


def test_401_is_unavailable_with_status_and_server_message_and_no_retry(stub_server):
    body = '{"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}'
    stub = stub_server(lambda req, n: Reply(401, body, JSON))
    with pytest.raises(LLMUnavailableError) as info:
        complete(backend(stub.url, api_key="wrong"), "q")
    assert "401" in str(info.value) and "Incorrect API key provided" in str(info.value)
    assert "QA_LLM_API_KEY" in info.value.hint
    assert len(stub.requests) == 1


def test_404_hints_at_the_base_url(stub_server):
    stub = stub_server(lambda req, n: Reply(404, '{"detail": "Not Found"}', JSON))
    with pytest.raises(LLMUnavailableError, match="HTTP 404: 'Not Found'") as info:
        complete(backend(stub.url), "q")
    assert "/v1" in info.value.hint


def test_no_retry_once_a_piece_was_yielded(stub_server):
    stub = stub_server(lambda req, n: Reply(body=["data: " + sse("a")[1][6:], "data: {oops\n\n"],
                                            headers=SSE))
    pieces = []
    with pytest.raises(LLMReplyError):
        for piece in backend(stub.url).generate("q"):
            pieces.append(piece)
    assert pieces == ["a"]
    assert len(stub.requests) == 1


@pytest.mark.parametrize(
    ("body", "headers", "message"),
    [
        ("<!DOCTYPE html><html><body>Welcome to nginx!</body></html>", {"Content-Type": "text/html"},
         "not JSON or SSE"),
        ('{"choices": [{"message": {"content": "trunc', JSON, "not JSON or SSE"),
        ('{"foo": 1}', JSON, "without choices"),
        ('{"choices": []}', JSON, "without choices"),
        ("", JSON, "empty reply"),
        (["data: hello world\n\n", "data: [DONE]\n\n"], SSE, "unreadable stream event"),
        (['data: {"foo": 1}\n\n'], SSE, "without choices"),
        (['data: [1, 2]\n\n'], SSE, "unreadable stream event"),
        (['data: {"choices": [{"delta": {"content": 5}}]}\n\n'], SSE, "unreadable stream event"),
        (sse("a", done=False, finish=False), SSE, "before it was complete"),
        ([sse("a")[1], 'data: {"choices": [{"delta": {"cont'], SSE, "unreadable stream event"),
    ],
    ids=["html", "truncated-json", "foo", "empty-choices", "empty", "sse-garbage",
         "sse-no-choices", "sse-list", "sse-bad-content", "sse-cut", "sse-truncated-json"],
)
def test_malformed_replies_are_reply_errors(stub_server, body, headers, message):
    stub = stub_server(lambda req, n: Reply(body=body, headers=headers))
    with pytest.raises(LLMReplyError, match=message):
        complete(backend(stub.url), "q")
    assert len(stub.requests) == 1  # a bad 200 is not retried


def test_error_object_in_the_stream_is_unavailable_with_the_message(stub_server):
    body = ['data: {"error": {"message": "context length exceeded"}}\n\n']
    stub = stub_server(lambda req, n: Reply(body=body, headers=SSE))
    with pytest.raises(LLMUnavailableError, match="context length exceeded"):
        complete(backend(stub.url), "q")


@pytest.mark.parametrize("url", ["", "127.0.0.1:8080/v1", "ftp://host/v1", "http:///v1"])
def test_invalid_base_url_is_a_config_error(url):
    with pytest.raises(ConfigError, match="invalid LLM base URL"):
        OpenAIBackend(url)


def test_generate_is_lazy_nothing_is_sent_before_iteration(stub_server):
    stub = stub_server(lambda req, n: ok("x"))
    pieces = backend(stub.url).generate("q")
    assert stub.requests == []
    assert list(pieces) == ["x"]
