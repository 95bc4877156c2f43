"""Per-client rate limits on asking, searching and uploading (the ``limits`` library).

Each scope has its limits in limits' notation (``"3000/minute"``, several joined by
``;``; empty: no limit), kept per client address in memory with a moving window. A
request over a limit gets 429 with ``Retry-After``.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter

from fastapi import Depends, Request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from qa.config import Settings
from qa.errors import ConfigError, RateLimitedError

SCOPES = ("ask", "search", "upload")


def _parse(scope: str, text: str) -> list[RateLimitItem]:
    if not text.strip():
        return []
    try:
        return parse_many(text)
    except ValueError as exc:
        raise ConfigError(f"invalid rate limit for {scope}: {text!r} ({exc})",
                          hint=f'write e.g. "600/minute" or "10/second;600/hour" in QA_RATE_LIMIT_{scope.upper()}'
                          ) from None


class RateLimiter:
    """The configured limits of every scope, and how many requests each refused."""

    def __init__(self, settings: Settings) -> None:
        self.limits = {scope: _parse(scope, getattr(settings, f"rate_limit_{scope}")) for scope in SCOPES}
        self._window = MovingWindowRateLimiter(MemoryStorage())
        self._lock = threading.Lock()
        self.refused: Counter[str] = Counter()

    def hit(self, scope: str, client: str) -> None:
        """Count one request of ``client`` in ``scope``; raise :class:`RateLimitedError` over a limit."""
        if scope not in self.limits:
            raise ConfigError(f"unknown rate-limit scope {scope!r}", hint="valid scopes: " + ", ".join(SCOPES))
        for item in self.limits[scope]:
            if not self._window.hit(item, scope, client):
                with self._lock:
                    self.refused[scope] += 1
                reset = self._window.get_window_stats(item, scope, client).reset_time
                wait = max(1, math.ceil(reset - time.time()))
                raise RateLimitedError(f"too many {scope} requests from this client (limit: {item})",
                                       hint=f"wait {wait} s and try again", retry_after=wait)


def client_of(request: Request) -> str:
    """The client's address (the key of its limits)."""
    return request.client.host if request.client else "unknown"


def limited(scope: str):
    """A dependency that counts the request against ``scope``'s per-client limits."""

    async def dependency(request: Request) -> None:
        request.app.state.rate_limiter.hit(scope, client_of(request))

    dependency.__name__ = f"rate_limit_{scope}"
    return Depends(dependency)


AskLimit = limited("ask")
SearchLimit = limited("search")
UploadLimit = limited("upload")
