"""``/api/documents``: list, read (cleaned text), download the original, upload and delete documents;
``/api/jobs/{id}``: how far an upload's background indexing got.

An upload is checked at once (name, size, type, and what needs no page read: encryption,
page count, zip bombs, text encoding) and then read and indexed by a background job
(:mod:`service.jobs`): the response (202) carries the job, and questions keep being answered
from the current index until the job publishes the new one. ``?wait=true`` waits for the
job and answers like a synchronous upload (201, or 200 when it replaced a file). Deletes
re-index before the response returns.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import FileResponse

from qa.errors import DocumentError, NotFoundError, QAError
from qa.index.doctable import DocMeta
from qa.models import to_jsonable
from service import corpus_files
from service.deps import ApiKey, SettingsDep, SnapshotDep, StateDep
from service.errors import shorten
from service.jobs import Job
from service.ratelimit import UploadLimit
from service.routers import error_responses
from service.schemas import DeleteResponse, DocumentDetail, DocumentInfo, JobOut, UploadResponse
from service.state import ServiceState

router = APIRouter(prefix="/api/documents", tags=["documents"])
jobs_router = APIRouter(prefix="/api/jobs", tags=["documents"])


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
    return {**_info(meta), "text": snap.index.document(doc_id).text, "pages": meta.pages or []}


@router.get("/{doc_id}/file", response_class=FileResponse, responses=error_responses(404, 503))
def download_document(doc_id: str, snap: SnapshotDep, settings: SettingsDep) -> FileResponse:
    """The original file the document was read from (PDF, Word, image, text...)."""
    meta = snap.index.doc_by_id.get(doc_id)
    if meta is None:
        raise _unknown(doc_id)
    path = settings.corpus_dir / meta.source
    if path.parent.resolve() != settings.corpus_dir.resolve() or not path.is_file():
        raise NotFoundError(f"the original file of {doc_id!r} is no longer in the corpus folder",
                            hint="upload it again")
    return FileResponse(path, filename=meta.source, content_disposition_type="attachment")


@router.post("", status_code=202, response_model=UploadResponse, dependencies=[UploadLimit, ApiKey],
             responses={200: {"description": "with ?wait=true: replaced a document of the same file name",
                              "model": UploadResponse},
                        201: {"description": "with ?wait=true: added and indexed", "model": UploadResponse},
                        **error_responses(400, 401, 403, 408, 409, 413, 415, 422, 429, 503)})
def upload_document(
    file: Annotated[UploadFile, File(description="a document: " + ", ".join(corpus_files.SUFFIXES))],
    state: StateDep, settings: SettingsDep, response: Response,
    wait: Annotated[bool, Query(description="wait until the document is indexed")] = False,
) -> dict:
    """Accept a document and index it in the background (202 with the job to follow)."""
    name = corpus_files.safe_name(file.filename)
    data = file.file.read(settings.max_upload_bytes + 1)
    corpus_files.check_size(name, len(data), settings.max_upload_bytes)
    corpus_files.precheck(name, data, settings.read_options())
    replaced = (settings.corpus_dir / name).exists()
    job = state.jobs.submit("upload", name, lambda j: _index_upload(j, state, settings, name, data))
    body = {"job_id": job.id, "job": job.public(), "replaced": replaced, "document": None, "report": None}
    if not wait:
        return body
    job.wait()
    if job.error is not None:
        raise _job_error(job)
    response.status_code = 200 if job.result["replaced"] else 201
    return {**body, **job.result, "job": job.public()}


def _index_upload(job: Job, state: ServiceState, settings, name: str, data: bytes) -> dict:
    """The job's work: read the file (progress per page), write it, re-index, check it is in."""
    seen: dict[str, object] = {}

    def change() -> corpus_files.Undo:
        # checked under the writer lock, so two uploads cannot both pass the conflict check
        seen["doc_id"] = corpus_files.check_document(settings.corpus_dir, name, data, settings.chunk_size,
                                                     settings.read_options(job.progress))
        seen["replaced"] = (settings.corpus_dir / name).exists()
        job.progress("indexing", 0, 0)
        return corpus_files.write_atomically(settings.corpus_dir, name, data)

    snap, report = state.change_corpus(change, job)
    meta = snap.index.doc_by_id.get(str(seen["doc_id"]))
    if meta is None:  # the checks above mirror the indexer, so this means a bug, not bad input
        raise DocumentError(f"{name} was saved but not indexed: {'; '.join(report.skipped) or 'unknown reason'}")
    return {"document": _info(meta), "replaced": seen["replaced"], "report": to_jsonable(report)}


def _job_error(job: Job) -> QAError:
    err = QAError(job.error["message"], job.error.get("hint"))
    err.code, err.status_code = job.error["code"], job.error.get("status", 500)
    return err


@jobs_router.get("/{job_id}", response_model=JobOut, responses=error_responses(404))
def get_job(job_id: str, state: StateDep) -> dict:
    """An upload job: ``state`` queued/running/done/failed, ``stage``, ``done``/``total``, and its
    ``result`` (the document and the index report) or ``error``."""
    return state.jobs.get(job_id).public()


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
