"""The HTTP edge of the error tree: every failure becomes ``{"error": {code, message, hint}}``.

``qa.errors.QAError`` is converted in exactly one handler. FastAPI's own failures
(validation, unknown route, wrong method, unparsable body) get the same shape, and a
last-resort handler turns anything unexpected into a JSON 500 without internals.
"""

from __future__ import annotations

import logging
import re
import threading

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from qa.errors import QAError, RateLimitedError

log = logging.getLogger("service")


_HTTP_CODES = {
    400: ("bad_request", "the request could not be parsed", "check the body against /docs"),
    404: ("not_found", "no such endpoint", "see /docs for the list of endpoints"),
    405: ("method_not_allowed", "this endpoint does not accept that method", "see /docs"),
}


class InternalErrors:
    """Counts unexpected errors (tests assert it stays at zero)."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def record(self, exc: BaseException, where: str) -> None:
        with self._lock:
            self.count += 1
        log.error("unexpected error in %s", where, exc_info=exc)


MAX_MESSAGE_CHARS = 600  # a message quoting a 100 KB id or path stays readable
# an absolute path (not a URL's: no ':' or '/' right before it); only its last component is shown
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])(?:/[^\s'\"/():;,]+)+/([^\s'\"/():;,]+)")


def public_text(text: str | None, *, server_paths: bool = False) -> str | None:
    """``text`` fit for a client: at most :data:`MAX_MESSAGE_CHARS` characters and, with
    ``server_paths`` (messages about the server's own files), absolute paths reduced to
    their last component (``/srv/x/.qa-index`` -> ``…/.qa-index``)."""
    if text is None:
        return None
    if server_paths:
        text = _ABSOLUTE_PATH.sub(r"…/\1", text)
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS - 1] + "…"


def shorten(value: str, limit: int = 80) -> str:
    """``value`` cut to ``limit`` characters for quoting in a message."""
    return value if len(value) <= limit else value[:limit] + f"… ({len(value)} characters)"


def error_body(code: str, message: str, hint: str | None = None, *, server_paths: bool = False) -> dict:
    """The one JSON error shape of the API (messages and hints pass :func:`public_text`)."""
    return {"error": {"code": code, "message": public_text(message, server_paths=server_paths),
                      "hint": public_text(hint, server_paths=server_paths)}}


def qa_error_response(exc: QAError) -> JSONResponse:
    headers = {}
    if exc.status_code == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after)
    # a 5xx is about the server's own state (its index, model files): its paths are not the client's business
    body = error_body(exc.code, exc.message, exc.hint, server_paths=exc.status_code >= 500)
    return JSONResponse(body, exc.status_code, headers=headers or None)


async def _qa_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QAError)
    return qa_error_response(exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        problems.append(f"{where}: {err.get('msg', 'invalid')}")
    message = "invalid request: " + ("; ".join(problems) or "malformed body")
    return JSONResponse(error_body("invalid_request", message, "see /docs for the request schema"), 422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, message, hint = _HTTP_CODES.get(exc.status_code, (f"http_{exc.status_code}", str(exc.detail), None))
    if exc.status_code in (404, 405):
        message = f"{message}: {request.method} {shorten(request.url.path)}"
    return JSONResponse(error_body(code, message, hint), exc.status_code, headers=exc.headers)


def install_error_handlers(app: FastAPI, internal: InternalErrors) -> None:
    """Register the handlers; ``internal`` records what reaches the last resort."""

    async def last_resort(request: Request, exc: Exception) -> JSONResponse:
        internal.record(exc, f"{request.method} {request.url.path}")
        return JSONResponse(error_body("internal_error", "the server failed to handle this request",
                                       "try again; if it persists, report it with the time of the request"),
                            500)

    app.add_exception_handler(QAError, _qa_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, last_resort)
