"""Server-sent events for answers: ``token``* then ``citations``, ``answer``, ``done``.

The first event of the answer stream is computed before the HTTP response starts
(:func:`start`), so a bad question, an unknown backend or a missing index is a normal
JSON error; a failure after that can only be reported in the stream (``event: error``).

The rest of a stream is produced by :class:`StreamPool`: in threads of its own (a slow
LLM never takes the threads that health checks and reads need), and stopped as soon as
the client goes away (closing the answer's generator closes the LLM request with it).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

from starlette.requests import Request

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
    """Run the answer up to its first event now (raising any error), and return the whole stream
    (closing it closes ``events``, and with them the LLM request)."""
    first = next(events)

    def rest() -> Iterator[StreamEvent]:
        try:
            yield first
            yield from events
        finally:
            close(events)

    return rest()


def close(iterator: Iterator) -> None:
    """Close a generator (running its ``finally`` blocks now); other iterators need nothing."""
    method = getattr(iterator, "close", None)
    if method is not None:
        method()


def answer_events(events: Iterator[StreamEvent], internal: InternalErrors, extra: dict | None = None) -> Iterator[str]:
    """Render the answerer's events as SSE (``extra`` added to the ``answer`` event's body);
    errors mid-stream become ``event: error``."""
    try:
        for ev in events:
            if ev.kind == "token":
                yield sse("token", {"text": ev.text})
            elif ev.kind == "answer" and ev.answer is not None:
                body = to_jsonable(ev.answer) | (extra or {})
                yield sse("citations", body["citations"])
                yield sse("answer", body)
            elif ev.kind == "done":
                yield sse("done", {})
    except QAError as exc:
        yield sse("error", {"code": exc.code, "message": exc.message})
    except Exception as exc:  # the response has started: the stream is the only channel left
        internal.record(exc, "answer stream")
        yield sse("error", {"code": "internal_error", "message": "the server failed while answering"})
    finally:
        close(events)


_END = object()


class StreamPool:
    """Threads that produce streamed responses, and counts of how streams ended."""

    def __init__(self, workers: int) -> None:
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="answer-stream")
        self._lock = threading.Lock()
        self.counts = {"started": 0, "completed": 0, "cancelled": 0}
        self._stops: set[threading.Event] = set()

    @property
    def active(self) -> int:
        """Streams started and not yet ended."""
        c = self.counts
        return c["started"] - c["completed"] - c["cancelled"]

    def shutdown(self) -> None:
        """Stop every running stream at its next piece; free the threads."""
        with self._lock:
            for stop in self._stops:
                stop.set()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def relay(self, pieces: Iterator[str], request: Request) -> AsyncIterator[str]:
        """Yield ``pieces`` (produced in this pool; empty ones are skipped) until they end or the
        client disconnects; then the producer stops at its next piece and closes ``pieces``."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue()
        stop = threading.Event()
        with self._lock:
            self.counts["started"] += 1
            self._stops.add(stop)

        def put(item: object) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the event loop is gone (server shutting down)
                stop.set()

        def produce() -> None:
            ended = "cancelled"
            try:
                if not stop.is_set():  # the client may have left while this waited for a thread
                    for piece in pieces:
                        if stop.is_set():
                            break
                        if piece:
                            put(piece)
                    else:
                        ended = "completed"
            finally:
                close(pieces)  # a generator's finally blocks run: the LLM request is closed
                with self._lock:
                    self.counts[ended] += 1
                    self._stops.discard(stop)
                put(_END)

        watcher = asyncio.ensure_future(_watch_disconnect(request, stop))
        try:
            loop.run_in_executor(self._executor, produce)
        except RuntimeError:  # the pool was shut down: the server is stopping
            with self._lock:
                self.counts["cancelled"] += 1
            watcher.cancel()
            return
        try:
            while (item := await queue.get()) is not _END:
                yield item  # type: ignore[misc]
        finally:
            stop.set()  # the client left (or the stream ended): the producer stops at its next piece
            watcher.cancel()


async def _watch_disconnect(request: Request, stop: threading.Event) -> None:
    """Set ``stop`` when the client disconnects (the request body has been read already)."""
    while not stop.is_set():
        message = await request.receive()
        if message["type"] == "http.disconnect":
            stop.set()
            return
