"""Request body size limit, enforced before any endpoint parses the body.

A declared ``Content-Length`` over the limit is refused without reading; a chunked body
is counted while it arrives and refused as soon as it passes the limit. The body is
buffered (it is at most ``max_bytes``) and replayed to the application, so the 413 can
be sent before the application has started a response.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qa.errors import PayloadTooLargeError
from service.errors import qa_error_response


class BodyLimitMiddleware:
    """Pure ASGI middleware: 413 JSON for bodies larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        body, disconnected = await self._read(receive)
        if body is None:
            await self._refuse(scope, receive, send)
            return
        await self.app(scope, _replay(body, disconnected, receive), send)

    async def _read(self, receive: Receive) -> tuple[bytes | None, bool]:
        """The whole body, or None when it exceeds the limit; and whether the client left."""
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(parts), True
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None, False
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts), False

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        exc = PayloadTooLargeError(
            f"the request body is larger than the limit of {self.max_bytes} bytes",
            hint="send a smaller request (QA_MAX_REQUEST_BYTES sets the limit)",
        )
        response = qa_error_response(exc)
        response.headers["Connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


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
