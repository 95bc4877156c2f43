"""Background indexing jobs: an upload returns at once with a job id; one worker thread reads and
indexes uploads in order while questions keep being answered from the current snapshot.

A job's ``state`` goes ``queued`` -> ``running`` -> ``done`` | ``failed``; while running,
``stage`` (``reading`` pages, ``embedding`` chunks) and ``done``/``total`` say how far it is.
A failed job carries the same ``{code, message, hint}`` an API error would. Finished jobs
are kept for the most recent :data:`KEEP` so a client can always read its outcome.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from qa.errors import NotFoundError, QAError

log = logging.getLogger("service.jobs")
_JOB_ID = re.compile(r"[0-9a-f]{16}")
_PUBLIC = ("id", "kind", "name", "state", "stage", "done", "total", "created_at", "finished_at", "result", "error")

KEEP = 200
JobState = Literal["queued", "running", "done", "failed"]


@dataclass(slots=True)
class Job:
    """One upload being read and indexed in the background."""

    id: str
    kind: str
    name: str
    state: JobState = "queued"
    stage: str = "queued"
    done: int = 0
    total: int = 0
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)
    on_progress: Callable[[], None] | None = field(default=None, repr=False)

    def progress(self, stage: str, done: int, total: int) -> None:
        """Called from the worker: what it is doing and how far it got."""
        self.stage, self.done, self.total = stage, done, total
        if self.on_progress is not None:
            self.on_progress()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job finished (True) or the timeout passed (False)."""
        return self._finished.wait(timeout)

    def public(self) -> dict[str, Any]:
        """The JSON a client sees (``GET /api/jobs/{id}``)."""
        return {"id": self.id, "kind": self.kind, "name": self.name, "state": self.state, "stage": self.stage,
                "done": self.done, "total": self.total, "created_at": self.created_at,
                "finished_at": self.finished_at, "result": self.result, "error": self.error}


class JobQueue:
    """Runs jobs one at a time on a worker thread (started on the first job).

    With ``shared`` (a folder), each job's public state is also written there (atomically), and a
    job this process does not know is read from it: the replicas of ``qa serve --ray`` answer
    ``GET /api/jobs/{id}`` for an upload another replica took.
    """

    def __init__(self, shared: Path | None = None) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._shared = shared

    def submit(self, kind: str, name: str, work: Callable[[Job], dict[str, Any]]) -> Job:
        """Queue ``work(job)``; its return value becomes ``job.result``."""
        job = Job(uuid.uuid4().hex[:16], kind, name)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                oldest = next(iter(self._jobs.values()))
                if oldest.state in ("queued", "running"):
                    break
                self._jobs.popitem(last=False)
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-job")
            self._write_shared(job)  # before it can run: the worker's writes come after this one
            self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id) or self._read_shared(job_id)
        if job is None:
            shown = job_id if len(job_id) <= 40 else job_id[:40] + "…"
            raise NotFoundError(f"no job {shown!r}", hint="jobs are kept for the last 200 uploads")
        return job

    def _write_shared(self, job: Job) -> None:
        if self._shared is None:
            return
        try:
            self._shared.mkdir(parents=True, exist_ok=True)
            tmp = self._shared / f".{job.id}.{uuid.uuid4().hex[:8]}.tmp"
            tmp.write_text(json.dumps(job.public(), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self._shared / f"{job.id}.json")
            for old in sorted(self._shared.glob("*.json"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
                old.unlink(missing_ok=True)
        except OSError as exc:  # the job itself goes on; only other replicas cannot follow it
            log.warning("cannot share job %s: %s", job.id, exc)

    def _read_shared(self, job_id: str) -> Job | None:
        if self._shared is None or not _JOB_ID.fullmatch(job_id):
            return None
        try:
            raw = json.loads((self._shared / f"{job_id}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        job = Job(**{k: raw.get(k) for k in _PUBLIC})
        if job.state in ("done", "failed"):
            job._finished.set()
        return job

    def _run(self, job: Job, work: Callable[[Job], dict[str, Any]]) -> None:
        job.state, job.stage = "running", "starting"
        if self._shared is not None:
            job.on_progress = lambda: self._write_shared(job)
        self._write_shared(job)
        try:
            job.result = work(job)
            job.state, job.stage = "done", "done"
        except QAError as exc:
            job.error = {"code": exc.code, "message": exc.message, "hint": exc.hint, "status": exc.status_code}
            job.state, job.stage = "failed", "failed"
        except Exception:
            log.exception("job %s failed", job.id)
            job.error = {"code": "internal_error", "message": f"{job.name} could not be indexed (internal error)",
                         "hint": "see the server log", "status": 500}
            job.state, job.stage = "failed", "failed"
        finally:
            job.finished_at = time.time()
            self._write_shared(job)
            job._finished.set()

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
