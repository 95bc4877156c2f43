"""Upload jobs shared between processes serving one index (`qa serve --ray` replicas): a job taken
by one is readable from another, through its whole life; without a shared folder it is not."""

from __future__ import annotations

import threading

import pytest

from qa.errors import DocumentError, NotFoundError
from service.jobs import JobQueue


def test_a_job_taken_by_one_queue_is_read_by_another(tmp_path):
    shared = tmp_path / "index.jobs"
    a, b = JobQueue(shared), JobQueue(shared)
    go = threading.Event()

    def work(job):
        job.progress("embedding", 3, 10)
        go.wait(60)
        return {"document": {"doc_id": "qinglin"}}

    job = a.submit("upload", "qinglin.txt", work)
    seen = b.get(job.id)
    assert seen.id == job.id and seen.name == "qinglin.txt" and seen.state in ("queued", "running")
    go.set()
    assert job.wait(60)
    done = b.get(job.id).public()
    assert done["state"] == "done" and done["result"] == {"document": {"doc_id": "qinglin"}}
    assert b.get(job.id).wait(0)  # a finished job read from the folder is finished


def test_a_failed_job_carries_its_error_to_the_other_queue(tmp_path):
    a, b = JobQueue(tmp_path / "jobs"), JobQueue(tmp_path / "jobs")

    def work(job):
        raise DocumentError("qinglin.txt has no text", hint="upload a text document")

    job = a.submit("upload", "qinglin.txt", work)
    assert job.wait(60)
    error = b.get(job.id).public()["error"]
    assert error["message"] == "qinglin.txt has no text" and error["hint"] == "upload a text document"


def test_without_a_shared_folder_or_with_a_bad_id_the_job_is_unknown(tmp_path):
    a, b = JobQueue(tmp_path / "jobs"), JobQueue()
    job = a.submit("upload", "x.txt", lambda j: {})
    assert job.wait(60)
    with pytest.raises(NotFoundError):
        b.get(job.id)
    with pytest.raises(NotFoundError):
        JobQueue(tmp_path / "jobs").get("../../etc/passwd")
