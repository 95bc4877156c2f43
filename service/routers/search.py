"""``POST /api/search``: the best passages for a query, without composing an answer."""

from __future__ import annotations

from fastapi import APIRouter

from qa.errors import InputError
from qa.models import to_jsonable
from service.deps import SettingsDep, SnapshotDep
from service.ratelimit import SearchLimit
from service.routers import ERRORS
from service.schemas import SearchRequest, SearchResponse

router = APIRouter(prefix="/api", tags=["search"])


@router.post("/search", response_model=SearchResponse, responses=ERRORS, dependencies=[SearchLimit])
def search(body: SearchRequest, snap: SnapshotDep, settings: SettingsDep) -> dict:
    """Hybrid (dense + keyword) search; passages carry offsets into their cleaned document."""
    if len(body.query) > settings.max_question_chars:
        raise InputError(f"the query is {len(body.query)} characters long; the limit is "
                         f"{settings.max_question_chars}", hint="use fewer words")
    k = body.top_k or settings.top_k
    passages = snap.retriever.search(body.query, k=k, doc_ids=body.doc_ids)
    return {"query": body.query, "passages": to_jsonable(passages)}
