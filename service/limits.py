"""Request body limits, enforced before any endpoint parses the body: size, time, text.

A declared ``Content-Length`` over the limit is refused at once, a chunked body as soon as
it passes the limit; the rest of a refused body (up to 64 MiB) is read and dropped first,
so that the client receives the 413 instead of a connection reset. A body that does
not arrive completely within ``timeout_s`` (a short body behind a long Content-Length)
is answered with 408 instead of holding the connection forever. A JSON body must be
UTF-8 without lone surrogates (:mod:`service.textcheck`). The body is buffered (it is at
most ``max_bytes``) and replayed to the application, so an error can be sent before the
application has started a response.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa.errors import PayloadTooLargeError, QAError, RequestTimeoutError
from service.errors import qa_error_response
from service.textcheck import check_json_text

DRAIN_BYTES = 64 * 1024 * 1024  # a refused body up to this size is read to its end before the reply


class BodyLimitMiddleware:
    """Pure ASGI middleware: 413 for bodies over ``max_bytes``, 408 for bodies slower than
    ``timeout_s``, 400 for JSON that is not valid Unicode."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        try:
            with anyio.fail_after(self.timeout_s):
                if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
                    if int(declared) <= DRAIN_BYTES:
                        await _drain(receive)
                    raise self._too_large()
                body, disconnected = await self._read(receive)
                if body is None:
                    raise self._too_large()
            if not disconnected and _is_json(scope):
                check_json_text(body)
        except TimeoutError:
            await _refuse(RequestTimeoutError(
                f"the request body did not arrive within {self.timeout_s:g} s",
                hint="send the whole body at once, with a correct Content-Length (QA_BODY_TIMEOUT sets the limit)"),
                scope, receive, send)
            return
        except QAError as exc:
            await _refuse(exc, scope, receive, send)
            return
        await self.app(scope, _replay(body, disconnected, receive), send)

    async def _read(self, receive: Receive) -> tuple[bytes | None, bool]:
        """The whole body, or None when it exceeds the limit (the rest is drained); and whether
        the client left."""
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(parts), True
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                if message.get("more_body", False):
                    await _drain(receive, size)
                return None, False
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts), False

    def _too_large(self) -> PayloadTooLargeError:
        return PayloadTooLargeError(
            f"the request body is larger than the limit of {self.max_bytes} bytes",
            hint="send a smaller request (QA_MAX_REQUEST_BYTES sets the limit)",
        )


async def _drain(receive: Receive, read: int = 0) -> None:
    """Read and drop the rest of a refused body, up to :data:`DRAIN_BYTES` in all: closing a
    connection with unread data makes the kernel reset it, and the client may lose the reply."""
    while read <= DRAIN_BYTES:
        message = await receive()
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            return
        read += len(message.get("body", b""))


async def _refuse(exc: QAError, scope: Scope, receive: Receive, send: Send) -> None:
    response = qa_error_response(exc)
    response.headers["Connection"] = "close"  # the rest of the body is not read
    await response(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1").strip()
    return None


def _is_json(scope: Scope) -> bool:
    """FastAPI parses a body without a content type as JSON too."""
    kind = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
    return not kind or kind == "application/json" or kind.endswith("+json")


def _replay(body: bytes, disconnected: bool, receive: Receive) -> Receive:
    """A ``receive`` that yields the buffered body once, then defers to the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            if disconnected:
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
