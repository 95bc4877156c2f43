"""One router per resource; :data:`ERRORS` documents the shared error body in OpenAPI."""

from __future__ import annotations

from service.schemas import ErrorBody

_DESCRIPTIONS = {
    400: "bad request (e.g. unknown backend, unparsable multipart body)",
    401: "missing or wrong API key",
    404: "unknown document id",
    409: "conflicting document file",
    413: "body or file too large",
    415: "unsupported file type",
    422: "invalid input",
    502: "LLM backend failure",
    503: "no usable index",
}


def error_responses(*codes: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` entries for the given status codes, all with :class:`ErrorBody`."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}


ERRORS = error_responses(400, 404, 413, 422, 503)
