"""One router per resource; :data:`ERRORS` documents the shared error body in OpenAPI."""

from __future__ import annotations

from service.schemas import ErrorBody

_DESCRIPTIONS = {
    400: "bad request (e.g. unknown backend, invalid UTF-8 or a lone surrogate in the text)",
    401: "missing or wrong API key",
    403: "uploads and deletes from another machine need an API key (or --open-uploads)",
    404: "unknown document or conversation id",
    409: "conflicting document file",
    413: "body or file too large",
    408: "the request body did not arrive in time",
    415: "unsupported file type",
    422: "invalid input",
    429: "too many requests from this client (see Retry-After)",
    502: "LLM backend failure",
    503: "no usable index",
}


def error_responses(*codes: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` entries for the given status codes, all with :class:`ErrorBody`."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}


ERRORS = error_responses(400, 404, 408, 413, 422, 429, 503)
