"""Request ids, access logs and Prometheus metrics.

Every request gets an id: the client's ``X-Request-ID`` when it is a sane token, else a
new one. It is echoed in the response's ``X-Request-ID``, set for the request's log
records (``%(request_id)s``, through :class:`RequestIdFilter`) and logged on the access
line. ``GET /metrics`` renders a registry of the app's own (not the process-global
one: several apps can live in one process, as in the tests).
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SANE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

access_log = logging.getLogger("service.access")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (``-`` outside a request) to every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


Reading = Callable[[], Iterator[tuple[str, str, float, dict[str, str]]]]


class _Readings:
    """A collector of values read at scrape time: (kind, name, value, labels) from ``read``."""

    def __init__(self, read: Reading, docs: dict[str, str]) -> None:
        self.read = read
        self.docs = docs

    def collect(self):
        families: dict[str, GaugeMetricFamily | CounterMetricFamily] = {}
        for kind, name, value, labels in self.read():
            if name not in families:
                cls = CounterMetricFamily if kind == "counter" else GaugeMetricFamily
                families[name] = cls(name, self.docs.get(name, name), labels=sorted(labels))
            families[name].add_metric([labels[k] for k in sorted(labels)], value)
        yield from families.values()


class Metrics:
    """The app's registry: request counts and latencies, plus readings taken at scrape time."""

    def __init__(self, read: Reading, docs: dict[str, str]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("zhqa_http_requests", "HTTP requests by method, route and status",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("zhqa_http_request_duration_seconds",
                                 "time from the request to the end of its response",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.registry.register(_Readings(read, docs))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)


class ObserveMiddleware:
    """Pure ASGI middleware: request id in and out, access log line, request metrics."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope) or uuid.uuid4().hex
        REQUEST_ID.set(rid)  # each request runs in its own task: no reset needed
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append("X-Request-ID", rid)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"  # a template: bounded labels
            self.metrics.observe(scope["method"], route, status, seconds)
            access_log.info("%s %s %d %.1f ms", scope["method"], scope["path"][:200], status, seconds * 1000,
                            extra={"request_id": rid})


def _incoming_id(scope: Scope) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"x-request-id":
            text = value.decode("latin-1").strip()
            return text if _SANE_ID.fullmatch(text) else None
    return None
