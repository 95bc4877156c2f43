"""``/api/conversations``: conversations kept on the server (SQLite), and the history of a question.

A conversation is created empty (``POST``), gets a turn each time ``/api/ask`` or
``/api/ask/stream`` is called with its ``conversation_id`` (the question and the full answer),
and is listed, read, renamed and deleted here. See :mod:`qa.conversation.store`.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Response

from qa.answer.pipeline import StreamEvent
from qa.conversation.store import Conversation, ConversationStore
from qa.conversation.turns import Turn
from qa.errors import InputError
from qa.models import to_jsonable
from service.deps import StateDep
from service.routers import error_responses
from service.schemas import AskRequest, ConversationCreate, ConversationList, ConversationOut, ConversationRename
from service.state import ServiceState
from service.streaming import close

router = APIRouter(prefix="/api/conversations", tags=["conversations"])
_ERRORS = error_responses(400, 404, 408, 413, 422, 503)


@router.post("", status_code=201, response_model=ConversationOut, responses=_ERRORS)
def create(state: StateDep, body: ConversationCreate | None = None) -> dict:
    """Start a conversation; ask in it with ``conversation_id`` on ``/api/ask``."""
    return _out(state.conversations().create(body.title if body else None))


@router.get("", response_model=ConversationList, responses=_ERRORS)
def list_conversations(state: StateDep) -> dict:
    """Every stored conversation, most recently updated first (without their turns)."""
    return {"conversations": [{"id": c.id, "title": c.title, "created": c.created, "updated": c.updated,
                               "turn_count": c.turn_count} for c in state.conversations().list()]}


@router.get("/{conversation_id}", response_model=ConversationOut, responses=_ERRORS)
def get(conversation_id: str, state: StateDep) -> dict:
    """A conversation with its turns (each question with its full answer), oldest first."""
    return _out(state.conversations().get(conversation_id))


@router.patch("/{conversation_id}", response_model=ConversationOut, responses=_ERRORS)
def rename(conversation_id: str, body: ConversationRename, state: StateDep) -> dict:
    """Change a conversation's title."""
    if not body.title.strip():
        raise InputError("the title is blank", hint='send a title with some text, e.g. {"title": "提案数"}')
    return _out(state.conversations().rename(conversation_id, body.title))


@router.delete("/{conversation_id}", status_code=204, responses=_ERRORS)
def delete(conversation_id: str, state: StateDep) -> Response:
    """Delete a conversation and its turns."""
    state.conversations().delete(conversation_id)
    return Response(status_code=204)


def _out(conv: Conversation) -> dict:
    return {"id": conv.id, "title": conv.title, "created": conv.created, "updated": conv.updated,
            "turns": [{"question": t.question, "answer": t.answer} for t in conv.turns]}


# -------------------------------------------------------------- used by /api/ask and /api/ask/stream


def history_of(body: AskRequest, state: ServiceState) -> list[Turn]:
    """The earlier turns a question is asked after: sent in ``history``, or stored under
    ``conversation_id`` (unknown: 404). Both at once, or too many turns, is a 422."""
    limit = state.settings.max_history_turns
    if body.conversation_id is not None:
        if body.history:
            raise InputError("send either history or conversation_id, not both",
                             hint="with conversation_id the server keeps the history itself")
        stored = state.conversations().get(body.conversation_id).turns[-limit:]
        return [Turn.from_answer(t.question, t.answer) for t in stored]
    history = body.history or []
    if len(history) > limit:
        raise InputError(f"history has {len(history)} turns; the limit is {limit}",
                         hint="send only the most recent turns (QA_MAX_HISTORY_TURNS)")
    return [Turn(h.question, h.answer) for h in history]


def recorded(events: Iterator[StreamEvent], store: ConversationStore, conversation_id: str,
             question: str) -> Iterator[StreamEvent]:
    """``events``, storing the turn in the conversation once the final answer is known."""
    try:
        for event in events:
            if event.kind == "answer" and event.answer is not None:
                store.append(conversation_id, question, to_jsonable(event.answer))
            yield event
    finally:
        close(events)
