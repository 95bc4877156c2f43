"""Conversations through the real service on 127.0.0.1: follow-ups with history or a stored
conversation, the /api/conversations endpoints, a restart, and the OpenAI SDK on /v1."""

from __future__ import annotations

import pytest

from tests.llm_fixtures import stub_server  # noqa: F401
from tests.test_service_api import ANSWER_FIELDS
from tests.test_service_fixtures import assert_error, server, sse_events, start_server  # noqa: F401

pytestmark = pytest.mark.slow

FIRST = "大武口区政协2023年收到多少件提案？"
FIRST_ANSWER = "190件"
FOLLOW = "那城北区呢？"
STANDALONE = "城北区政协2023年收到多少件提案？"


@pytest.fixture(scope="module")
def client(server):
    with server.client() as c:
        yield c


def ask(client, question: str, **body) -> dict:
    r = client.post("/api/ask", json={"question": question, **body})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_follow_up_with_history_is_answered_in_context(client):
    alone = ask(client, FOLLOW)
    assert alone["standalone_question"] is None and "167" not in alone["answer"]
    body = ask(client, FOLLOW, history=[{"question": FIRST, "answer": FIRST_ANSWER}])
    assert list(body) == ANSWER_FIELDS  # no conversation_id without a conversation
    assert body["question"] == FOLLOW and body["standalone_question"] == STANDALONE
    assert not body["abstained"] and "167" in body["answer"]
    assert any("167" in c["text"] for c in body["citations"])


def test_a_follow_up_about_a_place_the_documents_lack_abstains(client):
    body = ask(client, "那固原市呢？", history=[{"question": FIRST, "answer": FIRST_ANSWER}])
    assert "固原市" in body["standalone_question"] and "大武口" not in body["standalone_question"]
    assert body["abstained"] is True and "190" not in body["answer"] and body["citations"] == []


def test_english_follow_up(client):
    body = ask(client, "What about 2022?", history=[
        {"question": "How many proposals did the Dawukou District CPPCC receive in 2023?", "answer": "190 proposals"}])
    assert body["standalone_question"] == "How many proposals did the Dawukou District CPPCC receive in 2022?"
    assert body["abstained"] is True  # the reports give 2023's figure only


def test_a_stored_conversation_from_start_to_delete(client):
    r = client.post("/api/conversations", json={})
    assert r.status_code == 201, r.text
    conv = r.json()
    assert set(conv) == {"id", "title", "created", "updated", "turns"} and conv["turns"] == []
    assert conv["title"] is None
    cid = conv["id"]
    first = ask(client, FIRST, conversation_id=cid)
    assert first["conversation_id"] == cid and "190" in first["answer"]
    with client.stream("POST", "/api/ask/stream", json={"question": FOLLOW, "conversation_id": cid}) as r:
        assert r.status_code == 200
        events = sse_events(r.read().decode("utf-8"))
    answer = next(data for name, data in events if name == "answer")
    assert answer["standalone_question"] == STANDALONE and answer["conversation_id"] == cid
    assert "167" in answer["answer"] and [n for n, _ in events][-1] == "done"
    third = ask(client, "2022年呢？", conversation_id=cid)  # leans on the stored rewrite of turn 2
    assert third["standalone_question"] == "城北区政协2022年收到多少件提案？" and third["abstained"]

    stored = client.get(f"/api/conversations/{cid}").json()
    assert stored["title"] == FIRST and [t["question"] for t in stored["turns"]] == [FIRST, FOLLOW, "2022年呢？"]
    assert list(stored["turns"][1]["answer"]) == ANSWER_FIELDS
    assert stored["turns"][1]["answer"]["standalone_question"] == STANDALONE
    listed = client.get("/api/conversations").json()["conversations"]
    assert listed[0]["id"] == cid and listed[0]["turn_count"] == 3
    assert set(listed[0]) == {"id", "title", "created", "updated", "turn_count"}

    r = client.patch(f"/api/conversations/{cid}", json={"title": "提案数"})
    assert r.status_code == 200 and r.json()["title"] == "提案数" and len(r.json()["turns"]) == 3
    assert client.delete(f"/api/conversations/{cid}").status_code == 204
    assert_error(client.get(f"/api/conversations/{cid}"), 404, "not_found")
    assert_error(client.post("/api/ask", json={"question": FOLLOW, "conversation_id": cid}), 404, "not_found")
    assert_error(client.delete(f"/api/conversations/{cid}"), 404, "not_found")


def test_titles_newest_first(client):
    a = client.post("/api/conversations", json={"title": "甲"}).json()
    b = client.post("/api/conversations").json()  # no body at all
    listed = [c["id"] for c in client.get("/api/conversations").json()["conversations"]]
    assert listed.index(b["id"]) < listed.index(a["id"]) and a["title"] == "甲"


@pytest.mark.parametrize("body, status", [
    ({"question": FOLLOW, "history": [{"question": FIRST}] * 21}, 422),  # over QA_MAX_HISTORY_TURNS
    ({"question": FOLLOW, "history": [{"answer": "190件"}]}, 422),  # a turn without its question
    ({"question": FOLLOW, "history": [{"question": FIRST, "answer": "x" * 5000}]}, 422),
    ({"question": FOLLOW, "history": [{"question": FIRST, "extra": 1}]}, 422),
    ({"question": FOLLOW, "history": [{"question": FIRST}], "conversation_id": "abc"}, 422),
])
def test_bad_history_is_a_clear_422(client, body, status):
    err = assert_error(client.post("/api/ask", json=body), status)
    assert err["hint"]


def test_bad_conversation_requests(client):
    assert_error(client.post("/api/conversations", json={"title": "x" * 201}), 422)
    cid = client.post("/api/conversations", json={}).json()["id"]
    assert_error(client.patch(f"/api/conversations/{cid}", json={"title": "  "}), 422)
    assert_error(client.patch("/api/conversations/nope", json={"title": "t"}), 404, "not_found")


def test_the_openai_sdk_holds_a_two_turn_conversation(server):
    from openai import OpenAI

    sdk = OpenAI(base_url=f"{server.url}/v1", api_key="sk-anything", timeout=300, max_retries=0)
    messages = [{"role": "system", "content": "你回答关于政协工作报告的问题。"}, {"role": "user", "content": FIRST}]
    first = sdk.chat.completions.create(model="extractive", messages=messages)
    reply = first.choices[0].message.content
    assert "190" in reply and "[1]" in reply
    messages += [{"role": "assistant", "content": reply}, {"role": "user", "content": FOLLOW}]
    second = sdk.chat.completions.create(model="extractive", messages=messages)
    assert "167" in second.choices[0].message.content
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in
                       sdk.chat.completions.create(model="extractive", messages=messages, stream=True)
                       if chunk.choices)
    assert "167" in streamed
    # the last user message alone, as before conversations: not found
    alone = sdk.chat.completions.create(model="extractive", messages=[{"role": "user", "content": FOLLOW}])
    assert "167" not in alone.choices[0].message.content


def test_conversations_survive_a_restart(tmp_path_factory, corpus_index_dir):
    db = tmp_path_factory.mktemp("conversations") / "conversations.sqlite3"
    one = start_server(tmp_path_factory.mktemp("restart-1"), corpus_index_dir, conversations_db=db)
    try:
        with one.client() as c:
            cid = c.post("/api/conversations", json={}).json()["id"]
            ask(c, FIRST, conversation_id=cid)
    finally:
        one.stop()
    two = start_server(tmp_path_factory.mktemp("restart-2"), corpus_index_dir, conversations_db=db)
    try:
        with two.client() as c:
            assert [t["question"] for t in c.get(f"/api/conversations/{cid}").json()["turns"]] == [FIRST]
            body = ask(c, FOLLOW, conversation_id=cid)  # the stored turn is the history
            assert body["standalone_question"] == STANDALONE and "167" in body["answer"]
    finally:
        two.stop()
    assert one.internal_errors == 0 and two.internal_errors == 0


@pytest.mark.parametrize("llm_rewrite, expected", [
    ("2023年城北区政协一共收到了多少件提案？", "2023年城北区政协一共收到了多少件提案？"),  # keeps 城北区: used
    ("大武口区政协2023年收到多少件提案？", STANDALONE),  # dropped 城北区: the rules' rewrite stands
])
def test_an_llm_backend_rewrites_and_its_rewrite_is_checked(tmp_path_factory, corpus_index_dir, stub_server,
                                                            llm_rewrite, expected):
    """The openai backend against a real HTTP server on 127.0.0.1 that rewrites as told and answers
    unsupported nonsense (so verification falls back to the extractive answer)."""
    from tests.llm_fixtures import Reply, completion_json, sse

    def respond(seen, n):
        prompt = " ".join(str(m.get("content")) for m in seen.body.get("messages", []))
        text = llm_rewrite if "Rewritten question" in prompt else "这个问题的答案是999件。"
        if seen.body.get("stream"):
            return Reply(body=sse(text), headers={"Content-Type": "text/event-stream"})
        return Reply(body=completion_json(text), headers={"Content-Type": "application/json"})

    stub = stub_server(respond)
    srv = start_server(tmp_path_factory.mktemp("llm-conv"), corpus_index_dir, llm_base_url=stub.url,
                       llm_model="stub", llm_retries=0)
    try:
        with srv.client() as c:
            body = ask(c, FOLLOW, llm="openai", history=[{"question": FIRST, "answer": FIRST_ANSWER}])
    finally:
        srv.stop()
    prompts = [" ".join(str(m.get("content")) for m in s.body["messages"]) for s in stub.requests]
    assert any("那城北区呢？" in p and FIRST in p for p in prompts), "the LLM was asked to rewrite"
    assert body["standalone_question"] == expected and body["backend"] == "openai"
    assert "167" in body["answer"] and "999" not in body["answer"]
    assert srv.internal_errors == 0
