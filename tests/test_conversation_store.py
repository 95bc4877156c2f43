"""The SQLite conversation store (qa/conversation/store.py): bounds, titles, reopening, threads."""

from __future__ import annotations

import threading

import pytest

from qa.conversation.store import ConversationStore
from qa.errors import ConversationStoreError, NotFoundError

ANSWER = {"answer": "190件", "abstained": False, "standalone_question": None}


def test_turns_titles_and_order(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3")
    a = store.create()
    assert a.title is None and a.turns == []
    store.append(a.id, "大武口区政协2023年收到多少件提案？", ANSWER)
    store.append(a.id, "那城北区呢？", {**ANSWER, "answer": "167件"})
    got = store.get(a.id)
    assert got.title == "大武口区政协2023年收到多少件提案？"  # the first question, once stored
    assert [t.question for t in got.turns] == ["大武口区政协2023年收到多少件提案？", "那城北区呢？"]
    assert got.turns[1].answer["answer"] == "167件"
    b = store.create("我的问题")
    assert [c.id for c in store.list()] == [b.id, a.id]  # newest first
    store.append(a.id, "2022年呢？", ANSWER)
    assert [c.id for c in store.list()] == [a.id, b.id] and store.list()[0].turn_count == 3
    assert store.rename(a.id, "  提案  ").title == "提案"
    store.delete(b.id)
    with pytest.raises(NotFoundError):
        store.get(b.id)
    with pytest.raises(NotFoundError):
        store.append("no-such-id", "q", ANSWER)


def test_bounded_oldest_go_first(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3", max_conversations=3, max_turns=2)
    ids = [store.create().id for _ in range(5)]
    assert [c.id for c in store.list()] == ids[:1:-1]  # the two oldest were removed
    for n in range(4):
        store.append(ids[-1], f"问题{n}", ANSWER)
    assert [t.question for t in store.get(ids[-1]).turns] == ["问题2", "问题3"]
    assert store.get(ids[-1]).title == "问题0"


def test_reopening_the_file_keeps_everything(tmp_path):
    path = tmp_path / "sub" / "c.sqlite3"
    store = ConversationStore(path)
    cid = store.create().id
    store.append(cid, "大武口区政协2023年收到多少件提案？", ANSWER)
    store.close()
    again = ConversationStore(path)
    assert again.get(cid).turns[0].answer == ANSWER


def test_threads_append_without_losing_turns(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3", max_turns=1000)
    cid = store.create().id

    def work(n: int) -> None:
        for i in range(20):
            store.append(cid, f"{n}-{i}", ANSWER)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get(cid).turn_count == 160


def test_an_unwritable_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConversationStoreError, match="QA_CONVERSATIONS_DB"):
        ConversationStore(blocker / "c.sqlite3")
