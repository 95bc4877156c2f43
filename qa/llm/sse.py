"""Parsing of OpenAI-style chat-completion bodies: SSE streams or one JSON document.

Pure functions over lines of text, so they are independent of the HTTP client. Any
shape that is not a usable reply raises :class:`LLMReplyError`; an error object sent by
the server raises :class:`LLMUnavailableError` with the server's message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from qa.errors import LLMReplyError, LLMUnavailableError

_SSE_FIELDS = ("data", "event", "id", "retry")


def iter_reply_pieces(lines: Iterable[str], *, url: str) -> Iterator[str]:
    """Yield the text pieces of a chat-completion body given as lines.

    The format is sniffed from the first non-blank line: SSE (``data:``, ``event:``, a
    ``:`` comment, ...) is parsed event by event; anything else is read whole and parsed
    as one JSON completion, for servers that ignore ``stream: true``.
    """
    it = iter(lines)
    first = next((line for line in it if line.strip()), None)
    if first is None:
        raise LLMReplyError(f"LLM server at {url} sent an empty reply")
    if first.startswith(":") or first.partition(":")[0].strip() in _SSE_FIELDS:
        yield from _sse_pieces(chain([first], it), url)
    else:
        yield from _json_body_pieces("\n".join(chain([first], it)), url)


def _sse_pieces(lines: Iterable[str], url: str) -> Iterator[str]:
    data: list[str] = []  # data lines of the event being read
    finished = False  # a choice reported finish_reason: the reply is complete
    for line in lines:
        if not line.strip():
            if data:  # an event ended and its data never parsed as JSON
                raise _garbage(url, "\n".join(data))
            continue
        field, _, value = line.partition(":")
        if field != "data":
            continue  # keep-alive comments (":"), event:, id:, retry:
        data.append(value[1:] if value.startswith(" ") else value)
        joined = "\n".join(data)
        if joined.strip() == "[DONE]":
            return
        try:
            event = json.loads(joined)
        except json.JSONDecodeError:
            # One event may spread its JSON over several data lines; decide at the
            # blank line that ends the event.
            continue
        data.clear()
        piece, done = _chunk_piece(event, url)
        finished = finished or done
        if piece:
            yield piece
    if data:
        raise _garbage(url, "\n".join(data))
    if not finished:
        raise LLMReplyError(f"LLM server at {url} ended the stream before it was complete")


def _json_body_pieces(body: str, url: str) -> Iterator[str]:
    try:
        document = json.loads(body)
    except json.JSONDecodeError:
        raise LLMReplyError(
            f"LLM server at {url} sent a reply that is not JSON or SSE: {_snippet(body)}",
            hint="check QA_LLM_BASE_URL points at an OpenAI-compatible API",
        ) from None
    if isinstance(document, dict) and document.get("choices") == []:
        raise LLMReplyError(f"LLM server at {url} sent a reply without choices")
    piece, _ = _chunk_piece(document, url)
    if piece:
        yield piece


def _chunk_piece(event: Any, url: str) -> tuple[str | None, bool]:
    """The text of one completion object (chunk or whole reply) and whether it is final."""
    if not isinstance(event, dict):
        raise _garbage(url, json.dumps(event, ensure_ascii=False))
    if event.get("error"):
        raise LLMUnavailableError(
            f"LLM server at {url} reported an error: {_error_text(event)}",
            hint="check the LLM server's logs",
        )
    choices = event.get("choices")
    if not isinstance(choices, list):
        raise LLMReplyError(
            f"LLM server at {url} sent a reply without choices: {_snippet(json.dumps(event))}",
            hint="check QA_LLM_BASE_URL points at an OpenAI-compatible API",
        )
    if not choices:  # e.g. a final usage-only chunk
        return None, False
    choice = choices[0]
    if not isinstance(choice, dict):
        raise _garbage(url, json.dumps(event, ensure_ascii=False))
    message = choice.get("delta") or choice.get("message") or {}
    content = message.get("content") if isinstance(message, dict) else None
    if content is None:
        content = choice.get("text")  # legacy completions shape
    if content is not None and not isinstance(content, str):
        raise _garbage(url, json.dumps(event, ensure_ascii=False))
    return content or None, choice.get("finish_reason") is not None


def server_error_message(body: bytes | str) -> str:
    """A short human-readable message from an error body (JSON error object or text)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = None
    if isinstance(document, dict):
        return _snippet(_error_text(document), 300)
    return _snippet(text, 300) if text.strip() else "(empty body)"


def _error_text(document: dict[str, Any]) -> str:
    error = document.get("error", document)
    if isinstance(error, dict):
        for key in ("message", "detail", "msg"):
            if isinstance(error.get(key), str):
                return error[key]
    if isinstance(error, str):
        return error
    detail = document.get("detail") or document.get("message")
    return detail if isinstance(detail, str) else json.dumps(error, ensure_ascii=False)


def _garbage(url: str, data: str) -> LLMReplyError:
    return LLMReplyError(f"LLM server at {url} sent an unreadable stream event: {_snippet(data)}")


def _snippet(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "…")
