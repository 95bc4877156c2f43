"""``GET /healthz``: is the index loaded, what is in it, which backends answer."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter

from qa.llm.registry import available
from service.deps import StateDep
from service.schemas import Health

router = APIRouter(tags=["service"])


def package_version() -> str:
    try:
        return version("zhqa")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


@router.get("/healthz", response_model=Health)
def healthz(state: StateDep) -> Health:
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
        index_error=error.message if error else None,
    )
