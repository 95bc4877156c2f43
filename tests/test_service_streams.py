"""Abandoned answer streams stop: 50 clients open a streamed answer with an LLM backend
that generates slowly, read the first bytes and leave. The LLM server (a stub on
127.0.0.1 that counts which replies it sent to the end) must see every one cut off,
the service's own counters must say cancelled, and /healthz must answer meanwhile."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from eval.bench.service_load import start_stub
from tests.test_service_fixtures import QUESTION, start_server
from tests.test_service_hardening import scrape

pytestmark = pytest.mark.slow

CHAT_STREAMS, ASK_STREAMS = 40, 10
TOKENS, TOKEN_DELAY = 400, 0.05  # 20 s per reply: any stream not stopped runs to the end and is counted
SETTLE_TIMEOUT = 300.0


async def drop(url: str) -> None:
    chat = {"model": "openai", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    ask = {"question": QUESTION, "llm": "openai"}

    async def one(path: str, body: dict) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=300) as c, c.stream("POST", path, json=body) as r:
            assert r.status_code == 200
            async for _ in r.aiter_bytes():
                break  # leaving closes the connection: the client is gone

    await asyncio.gather(*[one("/v1/chat/completions", chat) for _ in range(CHAT_STREAMS)],
                         *[one("/api/ask/stream", ask) for _ in range(ASK_STREAMS)])


def wait_for(condition, what, timeout: float = SETTLE_TIMEOUT) -> None:
    """Poll ``condition``; past ``timeout`` fail with ``what`` (a string, or a callable giving the state then)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what() if callable(what) else what} did not happen within {timeout:g} s")
        time.sleep(0.1)


def stream_counts(c: httpx.Client) -> dict[str, float]:
    """The service's answer-stream counters: how many ended each way, and how many are still active."""
    m = scrape(c)
    ended = {k[1][0][1]: v for k, v in m.items() if k[0] == "zhqa_answer_streams_total"}
    return ended | {"active": m[("zhqa_answer_streams_active", ())]}


def test_dropped_streams_stop_generating_and_health_stays_responsive(tmp_path_factory, corpus_index_dir):
    stub_url, counts, stub = start_stub(TOKENS, TOKEN_DELAY)
    srv = start_server(tmp_path_factory.mktemp("streams"), corpus_index_dir, llm_base_url=stub_url,
                       llm_retries=0, llm_timeout=120.0)
    total = CHAT_STREAMS + ASK_STREAMS
    try:
        asyncio.run(drop(srv.url))
        with srv.client() as c:
            started = time.perf_counter()
            assert c.get("/healthz").json()["status"] == "ok"
            health_ms = (time.perf_counter() - started) * 1000
            print(f"\n/healthz right after {total} dropped streams: {health_ms:.0f} ms")
            wait_for(lambda: counts.finished + counts.cut == counts.started == total,
                     lambda: f"every LLM reply ending (the LLM server saw {counts.started} started, {counts.cut} cut, "
                             f"{counts.finished} finished of {total}; the service: {stream_counts(c)})")
            assert (counts.cut, counts.finished) == (total, 0), "a reply kept generating after its client left"
            cancelled = ("zhqa_answer_streams_total", (("ended", "cancelled"),))
            wait_for(lambda: scrape(c)[cancelled] == total, "the service counting the streams cancelled")
            assert scrape(c)[("zhqa_answer_streams_active", ())] == 0
            r = c.post("/v1/chat/completions", json={"model": "extractive", "stream": True,
                                                     "messages": [{"role": "user", "content": QUESTION}]})
            assert r.status_code == 200 and "190" in r.text  # and streams still work
    finally:
        srv.stop()
        stub.shutdown()
    assert srv.internal_errors == 0
