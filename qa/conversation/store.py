"""Conversations kept in SQLite: one file, survives restarts, bounded in size.

Two tables: ``conversations`` (id, title, created, updated) and ``turns`` (the question and
the full answer JSON, in order). One connection shared under a lock (requests come from
many threads; each operation is one short transaction), in WAL mode so a crash never leaves
a half-written turn. Bounds: at most ``max_conversations`` (the least recently updated are
removed first) and ``max_turns`` per conversation (its oldest turns go first).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from qa.errors import ConversationStoreError, NotFoundError

TITLE_CHARS = 80  # a title taken from the first question is cut to this
_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, title TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq));
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated);
"""


@dataclass(slots=True)
class StoredTurn:
    """A question and its answer (the JSON of :class:`qa.models.Answer`)."""

    question: str
    answer: dict


@dataclass(slots=True)
class Conversation:
    """A conversation; ``turns`` is empty in listings (``turn_count`` says how many)."""

    id: str
    title: str | None
    created: str  # ISO 8601, UTC
    updated: str
    turn_count: int = 0
    turns: list[StoredTurn] = field(default_factory=list)


class ConversationStore:
    """The conversations in the SQLite file at ``path`` (created when missing)."""

    def __init__(self, path: Path, *, max_conversations: int = 1000, max_turns: int = 100) -> None:
        self.path = Path(path)
        self.max_conversations = max_conversations
        self.max_turns = max_turns
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConversationStoreError(f"cannot open the conversation store {self.path.name}: {exc}",
                              hint="set QA_CONVERSATIONS_DB to a writable file path") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def create(self, title: str | None = None) -> Conversation:
        """A new, empty conversation (the oldest are removed beyond ``max_conversations``)."""
        now = _now()
        conv = Conversation(uuid.uuid4().hex, _title(title), now, now)
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT INTO conversations VALUES (?, ?, ?, ?)", (conv.id, conv.title, now, now))
            self._db.execute("DELETE FROM conversations WHERE id IN (SELECT id FROM conversations "
                             "ORDER BY updated DESC, rowid DESC LIMIT -1 OFFSET ?)", (self.max_conversations,))
        return conv

    def list(self) -> list[Conversation]:
        """Every conversation, most recently updated first, without their turns."""
        with self._lock:
            rows = self._db.execute(
                "SELECT c.id, c.title, c.created, c.updated, COUNT(t.seq) FROM conversations c "
                "LEFT JOIN turns t ON t.conversation_id = c.id GROUP BY c.id "
                "ORDER BY c.updated DESC, c.rowid DESC").fetchall()
        return [Conversation(*row) for row in rows]

    def get(self, conversation_id: str) -> Conversation:
        """The conversation with its turns, oldest first; :class:`NotFoundError` when unknown."""
        with self._lock:
            row = self._row(conversation_id)
            turns = self._db.execute("SELECT question, answer FROM turns WHERE conversation_id = ? ORDER BY seq",
                                     (conversation_id,)).fetchall()
        conv = Conversation(*row, turn_count=len(turns))
        conv.turns = [StoredTurn(q, json.loads(a)) for q, a in turns]
        return conv

    def rename(self, conversation_id: str, title: str) -> Conversation:
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._row(conversation_id)
            self._db.execute("UPDATE conversations SET title = ?, updated = ? WHERE id = ?",
                             (_title(title), _now(), conversation_id))
        return self.get(conversation_id)

    def delete(self, conversation_id: str) -> None:
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._row(conversation_id)
            self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def append(self, conversation_id: str, question: str, answer: dict) -> None:
        """Store a finished turn; the first one titles an untitled conversation."""
        now = _now()
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._row(conversation_id)
            (last,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM turns WHERE conversation_id = ?",
                                       (conversation_id,)).fetchone()
            self._db.execute("INSERT INTO turns VALUES (?, ?, ?, ?, ?)",
                             (conversation_id, last + 1, question, json.dumps(answer, ensure_ascii=False), now))
            self._db.execute("DELETE FROM turns WHERE conversation_id = ? AND seq <= ?",
                             (conversation_id, last + 1 - self.max_turns))
            self._db.execute("UPDATE conversations SET updated = ?, title = COALESCE(title, ?) WHERE id = ?",
                             (now, _title(question), conversation_id))

    def _row(self, conversation_id: str) -> tuple:
        row = self._db.execute("SELECT id, title, created, updated FROM conversations WHERE id = ?",
                               (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no conversation {conversation_id[:80]!r}",
                                hint="list them with GET /api/conversations, or start one with POST /api/conversations")
        return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _title(title: str | None) -> str | None:
    if title is None or not title.strip():
        return None
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1] + "…"
