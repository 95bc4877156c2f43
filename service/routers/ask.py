"""``POST /api/ask`` and ``POST /api/ask/stream``: answers with verified citations."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from qa.models import to_jsonable
from service.deps import SnapshotDep, StateDep, StreamsDep
from service.ratelimit import AskLimit
from service.routers import ERRORS
from service.routers.conversations import history_of, recorded
from service.schemas import AskRequest, AskResponse
from service.streaming import SSE_HEADERS, answer_events, start

router = APIRouter(prefix="/api", tags=["answers"])

_STREAM_DOC = {
    200: {
        "description": "server-sent events: `token` {text}*, `citations` [Citation], `answer` Answer, "
                       "`done` {}; or `error` {code, message} if answering fails mid-stream",
        "content": {"text/event-stream": {}},
    },
}


@router.post("/ask", response_model=AskResponse, response_model_exclude_unset=True, responses=ERRORS,
             dependencies=[AskLimit])
def ask(body: AskRequest, snap: SnapshotDep, state: StateDep) -> dict:
    """Answer a question from the documents, citing the supporting spans.

    When the documents do not contain the answer, ``abstained`` is true and
    ``passages`` still lists the nearest passages. With ``history`` or ``conversation_id``
    a follow-up (那城北区呢？) is rewritten from the earlier turns: ``standalone_question``.
    """
    history = history_of(body, state)
    answer = snap.answerer.ask(body.question, top_k=body.top_k, llm=body.llm, doc_ids=body.doc_ids,
                               history=history)
    out = to_jsonable(answer)
    if body.conversation_id is not None:
        state.conversations().append(body.conversation_id, body.question, out)
        out["conversation_id"] = body.conversation_id
    return out


@router.post("/ask/stream", response_class=StreamingResponse, responses={**_STREAM_DOC, **ERRORS},
             dependencies=[AskLimit])
def ask_stream(body: AskRequest, snap: SnapshotDep, state: StateDep, streams: StreamsDep,
               request: Request) -> StreamingResponse:
    """Like ``/api/ask``, streamed as server-sent events while the answer is produced; a client
    that disconnects stops the answer (and the LLM generating it). With ``conversation_id``,
    the turn is stored once the answer is final, and the ``answer`` event carries the id."""
    history = history_of(body, state)
    events = snap.answerer.stream(body.question, top_k=body.top_k, llm=body.llm, doc_ids=body.doc_ids,
                                  history=history)
    extra = None
    if body.conversation_id is not None:
        events = recorded(events, state.conversations(), body.conversation_id, body.question)
        extra = {"conversation_id": body.conversation_id}
    events = start(events)
    return StreamingResponse(streams.relay(answer_events(events, state.internal, extra), request),
                             media_type="text/event-stream", headers=SSE_HEADERS)
