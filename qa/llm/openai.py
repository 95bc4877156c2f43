"""Backend for any OpenAI-compatible ``/v1/chat/completions`` endpoint.

Works with OpenAI itself, llama.cpp's and llama-cpp-python's servers, vLLM, Ollama's
``/v1`` and the like. Replies are streamed (server-sent events); a server that ignores
``stream: true`` and sends one JSON body is handled too.

Retries (exponential backoff with jitter) cover connection errors, 429 and 5xx, and
happen only before the first piece has been yielded, so streamed text is never
duplicated.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from qa.config import Settings
from qa.errors import ConfigError, LLMError, LLMReplyError, LLMTimeoutError, LLMUnavailableError
from qa.llm.base import chat_messages
from qa.llm.sse import iter_reply_pieces, server_error_message

log = logging.getLogger(__name__)

_URL_HINT = "check QA_LLM_BASE_URL (it usually ends in /v1) and that the server runs"


class _Retryable(Exception):
    """An attempt failed in a way that a later attempt may not; carries the final error."""

    def __init__(self, error: LLMError, delay: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.delay = delay  # from Retry-After; None means "use the backoff"


class OpenAIBackend:
    """Streams chat completions from an OpenAI-compatible server."""

    generative = True

    def __init__(
        self,
        base_url: str,
        model: str = "default",
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        retries: int = 2,
        max_tokens: int = 256,
        backoff: float = 0.5,
        backoff_max: float = 8.0,
        retry_after_max: float = 30.0,
        system_in_user: bool = False,
        name: str = "openai",
    ) -> None:
        url = httpx.URL(base_url.rstrip("/")) if base_url.strip() else None
        if url is None or url.scheme not in ("http", "https") or not url.host:
            raise ConfigError(f"invalid LLM base URL {base_url!r}", hint=_URL_HINT)
        self.name = name
        self.base_url = str(url)
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.max_tokens = max_tokens
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.retry_after_max = retry_after_max
        # For servers whose chat template drops system messages (llama-cpp-python's
        # "gemma" format does, silently).
        self.system_in_user = system_in_user
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False)

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> OpenAIBackend:
        """Build from settings; ``overrides`` set knobs Settings has no field for
        (``backoff``, ``backoff_max``, ``retry_after_max``, ``system_in_user``)."""
        kwargs: dict[str, Any] = {
            "model": settings.llm_model,
            "api_key": settings.llm_api_key,
            "timeout": settings.llm_timeout,
            "retries": settings.llm_retries,
            "max_tokens": settings.llm_max_tokens,
            "system_in_user": settings.llm_system_in_user,
        }
        kwargs.update(overrides)
        return cls(settings.llm_base_url, **kwargs)

    @property
    def url(self) -> str:
        """The chat-completions endpoint."""
        return f"{self.base_url}/chat/completions"

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def generate(
        self,
        prompt: str,
        *,
        system: str | None = None,
        max_tokens: int | None = None,
        temperature: float = 0.0,
    ) -> Iterator[str]:
        """Stream the reply; see :meth:`qa.llm.base.LLM.generate`."""
        payload = self._payload(prompt, system, max_tokens, temperature)
        response = self._open(payload)
        try:
            yield from iter_reply_pieces(self._lines(response), url=self.url)
        finally:
            response.close()

    def _payload(
        self, prompt: str, system: str | None, max_tokens: int | None, temperature: float
    ) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": chat_messages(prompt, system, merge_system=self.system_in_user),
            "stream": True,
            "max_tokens": max_tokens or self.max_tokens,
            "temperature": temperature,
        }

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "text/event-stream, application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def _open(self, payload: dict[str, Any]) -> httpx.Response:
        """POST with retries; return a successful response whose body is not read yet."""
        for attempt in range(self.retries + 1):
            try:
                return self._attempt(payload)
            except _Retryable as failure:
                if attempt == self.retries:
                    raise failure.error from failure.error.__cause__
                delay = self._delay(attempt, failure.delay)
                log.warning("LLM request failed (%s); retry %d/%d in %.2fs",
                            failure.error, attempt + 1, self.retries, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _attempt(self, payload: dict[str, Any]) -> httpx.Response:
        request = self._client.build_request("POST", self.url, json=payload, headers=self._headers())
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise LLMTimeoutError(
                f"LLM server at {self.url} did not answer within {self.timeout:g}s",
                hint="raise QA_LLM_TIMEOUT or use a smaller model",
            ) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:  # refused, DNS, reset
            error = LLMUnavailableError(f"cannot reach LLM server at {self.url}: {exc}", hint=_URL_HINT)
            error.__cause__ = exc
            raise _Retryable(error) from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailableError(f"request to {self.url} failed: {exc}", hint=_URL_HINT) from exc
        if response.is_success:
            return response
        raise self._status_error(response)

    def _status_error(self, response: httpx.Response) -> Exception:
        """Turn a non-2xx response into the error to raise (retryable or final)."""
        try:
            body = response.read()
        except httpx.HTTPError:
            body = b""
        finally:
            response.close()
        status = response.status_code
        error = LLMUnavailableError(
            f"LLM server at {self.url} answered HTTP {status}: {server_error_message(body)}",
            hint=_status_hint(status),
        )
        if status == 429 or status >= 500:
            return _Retryable(error, _retry_after(response.headers.get("Retry-After")))
        return error

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.retry_after_max)
        # "Equal jitter": at least half the exponential step, so clients that failed
        # together do not retry together.
        step = min(self.backoff_max, self.backoff * 2**attempt)
        return step / 2 + random.uniform(0, step / 2)

    def _lines(self, response: httpx.Response) -> Iterator[str]:
        """The body's lines; transport failures mid-body become LLM errors."""
        try:
            yield from response.iter_lines()
        except httpx.TimeoutException as exc:
            raise LLMTimeoutError(
                f"LLM server at {self.url} stalled for more than {self.timeout:g}s mid-reply",
                hint="raise QA_LLM_TIMEOUT or use a smaller model",
            ) from exc
        except httpx.DecodingError as exc:
            raise LLMReplyError(f"LLM server at {self.url} sent an undecodable body: {exc}") from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailableError(
                f"connection to LLM server at {self.url} broke mid-reply: {exc}", hint=_URL_HINT
            ) from exc


def _status_hint(status: int) -> str:
    if status in (401, 403):
        return "check QA_LLM_API_KEY (or OPENAI_API_KEY)"
    if status == 404:
        return "check QA_LLM_MODEL and QA_LLM_BASE_URL (it usually ends in /v1)"
    if status == 429:
        return "the server is rate limiting; try again later"
    if status >= 500:
        return "the LLM server failed; check its logs"
    return "check the LLM settings (QA_LLM_*)"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), if usable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
