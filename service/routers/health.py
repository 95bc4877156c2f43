"""``GET /healthz``: is the index loaded, what is in it, which backends answer.

Both endpoints here are ``async``: they run on the event loop and never wait for a
thread, so they answer whatever the request threads are doing."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter, Request
from fastapi.responses import Response

from qa.llm.registry import available
from service.deps import StateDep
from service.errors import public_text
from service.schemas import Health

router = APIRouter(tags=["service"])


def package_version() -> str:
    try:
        return version("zhqa")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


@router.get("/healthz", response_model=Health)
async def healthz(state: StateDep) -> Health:
    """Always 200 while the process serves; ``status`` is ``no_index`` until an index exists."""
    snap = state.current()
    error = state.load_error
    return Health(
        status="ok" if snap else "no_index",
        index_loaded=snap is not None,
        documents=len(snap.index.docs) if snap else 0,
        chunks=len(snap.index) if snap else 0,
        embedder=snap.index.manifest.embedder if snap else None,
        llm=state.settings.llm,
        llm_backends=available(),
        version=package_version(),
        index_error=public_text(error.message, server_paths=True) if error else None,
    )


@router.get("/metrics", response_class=Response,
            responses={200: {"description": "Prometheus text format", "content": {"text/plain": {}}}})
async def metrics(request: Request) -> Response:
    """Prometheus metrics: requests by route and status, latency histograms, index size,
    queries waiting for the embedder, answer streams, refused (rate-limited) requests."""
    body = request.app.state.metrics.render()
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")
