"""``/api/ask`` with ``llm: "openai"`` pointed at a real llama-cpp-python server (tiny Gemma).

The model answers badly; what matters is that the answer comes back from that backend
and is either supported by verified citations or the extractive fallback, with a note.
"""

from __future__ import annotations

import pytest

from tests.llm_fixtures import llama_server  # noqa: F401
from tests.test_service_fixtures import QUESTION, sse_events, start_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llm_service(tmp_path_factory, corpus_index_dir, llama_server):
    srv = start_server(tmp_path_factory.mktemp("llm-service"), corpus_index_dir,
                       llm_base_url=llama_server, llm_model="gemma", llm_api_key=None,
                       llm_timeout=120.0, llm_max_tokens=64)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0


def check_openai_answer(answer: dict, texts: dict[str, str]) -> None:
    assert answer["backend"] == "openai"
    if answer["fallback"]:
        assert answer["notes"], "a fallback always says why"
    else:
        assert answer["abstained"] or answer["citations"], "a non-fallback answer is cited"
    for c in answer["citations"]:
        assert texts[c["doc_id"]][c["start"]:c["end"]] == c["text"]


def test_ask_with_the_openai_backend(llm_service):
    with llm_service.client() as c:
        r = c.post("/api/ask", json={"question": QUESTION, "llm": "openai", "top_k": 3})
        assert r.status_code == 200, r.text
        answer = r.json()
        texts = {d: c.get(f"/api/documents/{d}").json()["text"] for d in {x["doc_id"] for x in answer["citations"]}}
        check_openai_answer(answer, texts)


def test_stream_with_the_openai_backend(llm_service):
    with llm_service.client() as c:
        r = c.post("/api/ask/stream", json={"question": QUESTION, "llm": "openai", "top_k": 3})
        assert r.status_code == 200, r.text
        events = sse_events(r.text)
        kinds = [name for name, _ in events]
        assert kinds[-3:] == ["citations", "answer", "done"] and "error" not in kinds
        answer = events[-2][1]
        texts = {d: c.get(f"/api/documents/{d}").json()["text"] for d in {x["doc_id"] for x in answer["citations"]}}
        check_openai_answer(answer, texts)
