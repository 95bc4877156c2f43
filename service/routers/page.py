"""``GET /``: the chat page (static files, no build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def index_page() -> FileResponse:
    """The single-page chat UI; its assets are served under ``/static``."""
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})
