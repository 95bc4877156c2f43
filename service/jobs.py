"""Background indexing jobs: an upload returns at once with a job id; one worker thread reads and
indexes uploads in order while questions keep being answered from the current snapshot.

A job's ``state`` goes ``queued`` -> ``running`` -> ``done`` | ``failed``; while running,
``stage`` (``reading`` pages, ``embedding`` chunks) and ``done``/``total`` say how far it is.
A failed job carries the same ``{code, message, hint}`` an API error would. Finished jobs
are kept for the most recent :data:`KEEP` so a client can always read its outcome.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from qa.errors import NotFoundError, QAError

log = logging.getLogger("service.jobs")

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

    def progress(self, stage: str, done: int, total: int) -> None:
        """Called from the worker: what it is doing and how far it got."""
        self.stage, self.done, self.total = stage, done, total

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job finished (True) or the timeout passed (False)."""
        return self._finished.wait(timeout)

    def public(self) -> dict[str, Any]:
        """The JSON a client sees (``GET /api/jobs/{id}``)."""
        return {"id": self.id, "kind": self.kind, "name": self.name, "state": self.state, "stage": self.stage,
                "done": self.done, "total": self.total, "created_at": self.created_at,
                "finished_at": self.finished_at, "result": self.result, "error": self.error}


class JobQueue:
    """Runs jobs one at a time on a worker thread (started on the first job)."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

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
            self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            shown = job_id if len(job_id) <= 40 else job_id[:40] + "…"
            raise NotFoundError(f"no job {shown!r}", hint="jobs are kept for the last 200 uploads")
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Job], dict[str, Any]]) -> None:
        job.state, job.stage = "running", "starting"
        try:
            job.result = work(job)
            job.state, job.stage = "done", "done"
        except QAError as exc:
            job.error = {"code": exc.code, "message": exc.message, "hint": exc.hint, "status": exc.status_code}
            job.state, job.stage = "failed", "failed"
        except Exception:  # noqa: BLE001 - a job must always finish and say so
            log.exception("job %s failed", job.id)
            job.error = {"code": "internal_error", "message": f"{job.name} could not be indexed (internal error)",
                         "hint": "see the server log", "status": 500}
            job.state, job.stage = "failed", "failed"
        finally:
            job.finished_at = time.time()
            job._finished.set()

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
