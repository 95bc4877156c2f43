"""The application factory: ``create_app(settings)`` wires state, middleware, errors and routers.

Nothing is loaded at import time; the index and the embedder are loaded when the
server starts (the lifespan), so importing this module is cheap and side-effect free.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from embeddings import Embedder
from qa.config import Settings
from qa.index.store import Index
from service.errors import install_error_handlers
from service.limits import BodyLimitMiddleware
from service.observe import Metrics, ObserveMiddleware
from service.ratelimit import RateLimiter
from service.routers import ask, conversations, documents, health, openai_compat, page, search
from service.routers.health import package_version
from service.routers.page import STATIC_DIR
from service.state import ServiceState
from service.streaming import StreamPool

DESCRIPTION = """Question answering with verified citations over Chinese documents.

Every error has the body `{"error": {"code", "message", "hint"}}`. Upload and delete
need `Authorization: Bearer <key>` when the server has an API key (`QA_API_KEY`); without
one they are accepted only from the server's own machine (unless `qa serve --open-uploads`).
Asking, searching and uploading are rate-limited per client (429 with `Retry-After`).
Every response carries `X-Request-ID` (the request's own, when it sends one)."""

METRIC_DOCS = {
    "zhqa_index_documents": "documents in the served index",
    "zhqa_index_chunks": "chunks in the served index",
    "zhqa_index_generation": "index snapshots loaded since the start",
    "zhqa_embedding_queue": "questions waiting for (or in) the query embedder",
    "zhqa_answer_streams_active": "answer streams being produced",
    "zhqa_answer_streams": "answer streams by how they ended (completed, or cancelled: the client left)",
    "zhqa_rate_limited": "requests refused with 429, by scope",
    "zhqa_internal_errors": "requests that failed unexpectedly (500)",
}


#: uvicorn's HTTP parser for `qa serve` and the tests: h11 whatever else is installed. `ray[serve]`
#: brings httptools, which uvicorn would then pick; it answers some malformed headers (a DEL in
#: Content-Type) itself with a plain-text 400 instead of the API's JSON error (tests/test_service_fuzz.py)
UVICORN_HTTP = "h11"


def create_app(settings: Settings, query_embedder: Callable[[Index], Embedder] | None = None) -> FastAPI:
    """A new application serving the index and corpus named in ``settings``; ``query_embedder``
    replaces the in-process query embedder (``qa serve --ray``: the batched embedder deployment)."""
    state = ServiceState(settings, query_embedder)
    limiter = RateLimiter(settings)
    streams = StreamPool(settings.stream_workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.start)  # loading the embedder takes a moment
        if settings.follow_index_s:
            state.follow(settings.follow_index_s)
        yield
        state.stop()
        streams.shutdown()
        state.jobs.shutdown()
        state.close()

    def readings() -> Iterator[tuple[str, str, float, dict[str, str]]]:
        snap = state.current()
        yield "gauge", "zhqa_index_documents", len(snap.index.docs) if snap else 0, {}
        yield "gauge", "zhqa_index_chunks", len(snap.index) if snap else 0, {}
        yield "gauge", "zhqa_index_generation", snap.generation if snap else 0, {}
        yield "gauge", "zhqa_embedding_queue", state.embedding_queue, {}
        yield "gauge", "zhqa_answer_streams_active", streams.active, {}
        for ended in ("completed", "cancelled"):
            yield "counter", "zhqa_answer_streams", streams.counts[ended], {"ended": ended}
        for scope in limiter.limits:
            yield "counter", "zhqa_rate_limited", limiter.refused[scope], {"scope": scope}
        yield "counter", "zhqa_internal_errors", state.internal.count, {}

    app = FastAPI(title="zhqa", version=package_version(), description=DESCRIPTION,
                  lifespan=lifespan, docs_url="/docs", redoc_url=None)
    app.state.service = state
    app.state.rate_limiter = limiter
    app.state.streams = streams
    app.state.metrics = Metrics(readings, METRIC_DOCS)
    install_error_handlers(app, state.internal)
    # added first = innermost: the size check runs inside CORS, so a 413 still carries CORS headers
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes, timeout_s=settings.body_timeout)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
                           allow_methods=["GET", "POST", "PATCH", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"])
    app.add_middleware(ObserveMiddleware, metrics=app.state.metrics)  # outermost: sees every response
    for module in (ask, conversations, search, documents, openai_compat, health, page):
        app.include_router(module.router)
    app.include_router(documents.jobs_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
