"""``/api/documents``: list, read (cleaned text), upload (.txt/.md) and delete documents.

Uploads and deletes change the corpus directory and re-index incrementally before the
response returns, so the change is visible to the very next question.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile

from qa.errors import DocumentError, NotFoundError
from qa.index.doctable import DocMeta
from qa.models import to_jsonable
from service import corpus_files
from service.deps import ApiKey, SettingsDep, SnapshotDep, StateDep
from service.errors import shorten
from service.ratelimit import UploadLimit
from service.routers import error_responses
from service.schemas import DeleteResponse, DocumentDetail, DocumentInfo, UploadResponse

router = APIRouter(prefix="/api/documents", tags=["documents"])


def _info(meta: DocMeta) -> dict:
    return {"doc_id": meta.doc_id, "title": meta.title, "org": meta.org, "source": meta.source,
            "chars": meta.chars, "chunks": meta.chunk_hi - meta.chunk_lo}


def _unknown(doc_id: str) -> NotFoundError:
    return NotFoundError(f"no document {shorten(doc_id)!r}", hint="list documents with GET /api/documents")


@router.get("", response_model=list[DocumentInfo], responses=error_responses(503))
def list_documents(snap: SnapshotDep) -> list[dict]:
    """Every indexed document, in index order."""
    return [_info(m) for m in snap.index.docs]


@router.get("/{doc_id}", response_model=DocumentDetail, responses=error_responses(404, 503))
def get_document(doc_id: str, snap: SnapshotDep) -> dict:
    """A document's metadata and cleaned ``text`` (citation offsets index into it)."""
    meta = snap.index.doc_by_id.get(doc_id)
    if meta is None:
        raise _unknown(doc_id)
    return {**_info(meta), "text": snap.index.document(doc_id).text}


@router.post("", status_code=201, response_model=UploadResponse, dependencies=[UploadLimit, ApiKey],
             responses={200: {"description": "replaced a document of the same file name",
                              "model": UploadResponse},
                        **error_responses(400, 401, 403, 408, 409, 413, 415, 422, 429, 503)})
def upload_document(
    file: Annotated[UploadFile, File(description="a UTF-8 .txt or .md file")],
    state: StateDep, settings: SettingsDep, response: Response,
) -> dict:
    """Add (201) or replace (200) a document; it is searchable when this returns."""
    name = corpus_files.safe_name(file.filename)
    data = file.file.read(settings.max_upload_bytes + 1)
    corpus_files.check_size(name, len(data), settings.max_upload_bytes)
    seen: dict[str, object] = {}

    def change() -> corpus_files.Undo:
        # checked under the writer lock, so two uploads cannot both pass the conflict check
        seen["doc_id"] = corpus_files.check_document(settings.corpus_dir, name, data, settings.chunk_size)
        seen["replaced"] = (settings.corpus_dir / name).exists()
        return corpus_files.write_atomically(settings.corpus_dir, name, data)

    snap, report = state.change_corpus(change)
    meta = snap.index.doc_by_id.get(str(seen["doc_id"]))
    if meta is None:  # the checks above mirror the indexer, so this means a bug, not bad input
        raise DocumentError(f"{name} was saved but not indexed: {'; '.join(report.skipped) or 'unknown reason'}")
    if seen["replaced"]:
        response.status_code = 200
    return {"document": _info(meta), "replaced": seen["replaced"], "report": to_jsonable(report)}


@router.delete("/{doc_id}", response_model=DeleteResponse, dependencies=[ApiKey],
               responses=error_responses(401, 403, 404, 503))
def delete_document(doc_id: str, state: StateDep, settings: SettingsDep) -> dict:
    """Remove a document from search at once; its file moves to ``corpus/.deleted/``
    (or is deleted when ``QA_DELETE_REMOVES_FILE`` is set)."""
    seen: dict[str, str | None] = {}

    def change() -> corpus_files.Undo:
        meta = state.snapshot().index.doc_by_id.get(doc_id)  # the latest index: we hold the lock
        if meta is None:
            raise _unknown(doc_id)
        seen["moved_to"], undo = corpus_files.remove(settings.corpus_dir, meta.source,
                                                     keep=not settings.delete_removes_file)
        return undo

    _, report = state.change_corpus(change)
    return {"doc_id": doc_id, "deleted": True, "moved_to": seen["moved_to"], "report": to_jsonable(report)}
