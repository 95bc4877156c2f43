"""The application factory: ``create_app(settings)`` wires state, middleware, errors and routers.

Nothing is loaded at import time; the index and the embedder are loaded when the
server starts (the lifespan), so importing this module is cheap and side-effect free.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from qa.config import Settings
from service.errors import install_error_handlers
from service.limits import BodyLimitMiddleware
from service.routers import ask, documents, health, openai_compat, page, search
from service.routers.health import package_version
from service.routers.page import STATIC_DIR
from service.state import ServiceState

DESCRIPTION = """Question answering with verified citations over Chinese documents.

Every error has the body `{"error": {"code", "message", "hint"}}`. Upload and delete
need `Authorization: Bearer <key>` when the server has an API key (`QA_API_KEY`)."""


def create_app(settings: Settings) -> FastAPI:
    """A new application serving the index and corpus named in ``settings``."""
    state = ServiceState(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.start)  # loading the embedder takes a moment
        yield
        state.jobs.shutdown()

    app = FastAPI(title="zhqa", version=package_version(), description=DESCRIPTION,
                  lifespan=lifespan, docs_url="/docs", redoc_url=None)
    app.state.service = state
    install_error_handlers(app, state.internal)
    # added first = innermost: the size check runs inside CORS, so a 413 still carries CORS headers
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
                           allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])
    for module in (ask, search, documents, openai_compat, health, page):
        app.include_router(module.router)
    app.include_router(documents.jobs_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
