"""OpenAI-compatible ``POST /v1/chat/completions`` and ``GET /v1/models``.

Any chat client that speaks the OpenAI API can ask questions: ``model`` picks the
answer backend, the last user message is the question and the messages before it are the
conversation (a follow-up such as 那城北区呢？ is rewritten from them), the reply text ends with [n]
citation markers, and ``citations`` (a top-level field; on the final chunk when
streaming) says what each marker points to.

When streaming, the content sent is the *verified* answer: an LLM's draft may be
rejected or renumbered by verification, and a chat client cannot take back text it
has shown, so nothing unverified is sent on this endpoint (``/api/ask/stream`` streams
drafts, because the page replaces them with the final answer).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from qa.answer.pipeline import StreamEvent
from qa.conversation.turns import Turn, turns_from_messages
from qa.errors import InputError, QAError, UnknownBackendError
from qa.llm.registry import available
from qa.models import Answer, to_jsonable
from service.deps import SnapshotDep, StateDep, StreamsDep
from service.errors import InternalErrors
from service.openai_schemas import ChatCompletion, ChatCompletionRequest, ChatMessage, ModelCard, ModelList
from service.ratelimit import AskLimit
from service.routers import ERRORS
from service.streaming import SSE_HEADERS, close, sse, start

router = APIRouter(prefix="/v1", tags=["openai-compatible"])

_STREAM_DOC = {200: {"description": "a chat.completion object, or chat.completion.chunk events when "
                                    "`stream` is true (the last chunk carries `citations`)",
                     "content": {"text/event-stream": {}}}}


@router.get("/models", response_model=ModelList)
def list_models() -> ModelList:
    """The answer backends, usable as ``model``."""
    return ModelList(data=[ModelCard(id=name) for name in available()])


@router.post("/chat/completions", response_model=ChatCompletion, responses={**_STREAM_DOC, **ERRORS},
             dependencies=[AskLimit])
def chat_completions(body: ChatCompletionRequest, snap: SnapshotDep, state: StateDep, streams: StreamsDep,
                     request: Request):
    """Answer the last user message in the context of the messages before it; see the module
    docstring for the citation contract."""
    question, history = _question(body.messages, state.settings.max_history_turns)
    if body.model not in available():
        raise UnknownBackendError("model", body.model, available())
    if not body.stream:
        answer = snap.answerer.ask(question, top_k=body.top_k, llm=body.model, history=history)
        return _completion(answer, body.model)
    events = start(snap.answerer.stream(question, top_k=body.top_k, llm=body.model, history=history))
    return StreamingResponse(streams.relay(_chunks(events, body.model, state.internal), request),
                             media_type="text/event-stream", headers=SSE_HEADERS)


def _question(messages: list[ChatMessage], limit: int) -> tuple[str, list[Turn]]:
    """The last user message, and the turns before it (the most recent ``limit``)."""
    last = next((i for i in range(len(messages) - 1, -1, -1) if messages[i].role == "user"), None)
    if last is not None and messages[last].text().strip():
        turns, question = turns_from_messages((m.role, m.text()) for m in messages[:last + 1])
        return question or messages[last].text(), turns[-limit:]
    raise InputError("no question: the last user message is missing or empty",
                     hint='send messages: [{"role": "user", "content": "..."}]')


def reply_text(answer: Answer) -> str:
    """The answer with its citation markers, e.g. ``190件[1]``."""
    return answer.answer + "".join(f"[{c.n}]" for c in answer.citations)


def _completion(answer: Answer, model: str) -> dict:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply_text(answer)},
                     "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": to_jsonable(answer.citations),
    }


def _chunk(cid: str, created: int, model: str, delta: dict, finish: str | None) -> dict:
    return {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _chunks(events: Iterator[StreamEvent], model: str, internal: InternalErrors) -> Iterator[str]:
    """The chat-completion chunks of an answer. Draft tokens are not sent (see the module
    docstring), but each yields an empty piece: a point where a departed client stops it."""
    cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    yield sse(None, _chunk(cid, created, model, {"role": "assistant", "content": ""}, None))
    answer: Answer | None = None
    try:
        for event in events:
            if event.kind == "answer" and event.answer is not None:
                answer = event.answer
            yield ""
        if answer is None:
            raise RuntimeError("the answer stream ended without an answer")
    except QAError as exc:
        yield sse(None, {"error": {"code": exc.code, "message": exc.message, "type": "server_error"}})
        yield "data: [DONE]\n\n"
        return
    except Exception as exc:  # the response has started: report in the stream
        internal.record(exc, "chat completion stream")
        yield sse(None, {"error": {"code": "internal_error", "message": "the server failed while answering",
                                   "type": "server_error"}})
        yield "data: [DONE]\n\n"
        return
    finally:
        close(events)  # now, not when collected: a departed client's LLM request ends here
    yield sse(None, _chunk(cid, created, model, {"content": reply_text(answer)}, None))
    final = _chunk(cid, created, model, {}, "stop")
    final["citations"] = to_jsonable(answer.citations)
    yield sse(None, final)
    yield "data: [DONE]\n\n"
