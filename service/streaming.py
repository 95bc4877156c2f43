"""Server-sent events for answers: ``token``* then ``citations``, ``answer``, ``done``.

The first event of the answer stream is computed before the HTTP response starts
(:func:`start`), so a bad question, an unknown backend or a missing index is a normal
JSON error; a failure after that can only be reported in the stream (``event: error``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain

from qa.answer.pipeline import StreamEvent
from qa.errors import QAError
from qa.models import to_jsonable
from service.errors import InternalErrors

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def sse(event: str | None, data: object) -> str:
    """One SSE message; ``data`` is JSON on a single line (UTF-8, not escaped)."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n"


def start(events: Iterator[StreamEvent]) -> Iterator[StreamEvent]:
    """Run the answer up to its first event now (raising any error), and return the whole stream."""
    first = next(events)
    return chain([first], events)


def answer_events(events: Iterator[StreamEvent], internal: InternalErrors) -> Iterator[str]:
    """Render the answerer's events as SSE; errors mid-stream become ``event: error``."""
    try:
        for ev in events:
            if ev.kind == "token":
                yield sse("token", {"text": ev.text})
            elif ev.kind == "answer" and ev.answer is not None:
                body = to_jsonable(ev.answer)
                yield sse("citations", body["citations"])
                yield sse("answer", body)
            elif ev.kind == "done":
                yield sse("done", {})
    except QAError as exc:
        yield sse("error", {"code": exc.code, "message": exc.message})
    except Exception as exc:  # the response has started: the stream is the only channel left
        internal.record(exc, "answer stream")
        yield sse("error", {"code": "internal_error", "message": "the server failed while answering"})
