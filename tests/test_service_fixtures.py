"""Support for the service tests: the real app under a real uvicorn on 127.0.0.1.

Each server gets its own copy of the session index and of the corpus in a temporary
directory, so uploads and deletes in one test module never leak into another. Import
what you use::

    from tests.test_service_fixtures import Server, start_server, service_dirs  # noqa: F401

(This module holds no tests; its name matches ``test_service_*`` only so it is one of
the service test files.)
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from qa.config import Settings, load_settings
from tests.conftest import CORPUS

START_TIMEOUT = 600.0  # loading the model and warming up on a busy shared machine can take minutes
HTTP_TIMEOUT = httpx.Timeout(300.0, connect=30.0)
QUESTION = "大武口区政协2023年一共收到了多少件提案？"
UNANSWERABLE = "大武口区政协2022年一共收到了多少件提案？"


@dataclass
class Server:
    """A running service: ``url`` is the base URL, ``app`` the FastAPI instance inside it."""

    url: str
    settings: Settings
    app: object
    server: uvicorn.Server
    thread: threading.Thread

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=HTTP_TIMEOUT, **kwargs)

    @property
    def internal_errors(self) -> int:
        """Requests that reached the last-resort 500 handler (must stay 0)."""
        return self.app.state.service.internal.count

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)


def copy_service_dirs(root: Path, index_dir: Path | None) -> tuple[Path, Path]:
    """A private copy of the session index (None: no index yet) and of the bundled corpus."""
    corpus = Path(shutil.copytree(CORPUS, root / "corpus"))
    if index_dir is None:
        return corpus, root / "index"
    return corpus, Path(shutil.copytree(index_dir, root / "index"))


def start_server(root: Path, index_dir: Path | None, **overrides: object) -> Server:
    """Start the app on a free port with copies of ``index_dir`` and the corpus."""
    from service.app import UVICORN_HTTP, create_app

    corpus, index = copy_service_dirs(root, index_dir)
    settings = load_settings(corpus_dir=corpus, index_dir=index, **overrides)
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, http=UVICORN_HTTP, log_level="warning", lifespan="on", timeout_keep_alive=30)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the service thread died while starting (see the log above)")
        if time.monotonic() > deadline:
            server.should_exit = True
            pytest.fail(f"the service did not start within {START_TIMEOUT:g}s")
        time.sleep(0.05)
    return Server(f"http://127.0.0.1:{port}", settings, app, server, thread)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, corpus_index_dir: Path) -> Iterator[Server]:
    """A server with default settings, shared by the tests of one module."""
    srv = start_server(tmp_path_factory.mktemp("service"), corpus_index_dir)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0, "a request reached the last-resort 500 handler"


def sse_events(text: str) -> list[tuple[str, object]]:
    """Parse a server-sent-events body into (event, parsed JSON data) pairs."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        payload = "\n".join(data)
        events.append((name, payload if payload == "[DONE]" else json.loads(payload)))
    return events


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    """The response is ``status`` with the API's one error body; returns the error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}, body
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    assert "Traceback" not in response.text
    return body["error"]


JOB_LIMIT_S = 900.0  # generous: an upload is read, embedded and published on a busy 2-core machine


def wait_for_job(client: httpx.Client, job_id: str, limit: float = JOB_LIMIT_S) -> dict:
    """Poll ``GET /api/jobs/{id}`` until the job is done or failed (a condition, not a fixed sleep)."""
    deadline = time.monotonic() + limit
    while True:
        r = client.get(f"/api/jobs/{job_id}")
        assert r.status_code == 200, r.text
        job = r.json()
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['state']} after {limit} s: {job}"
        time.sleep(0.2)


def upload_and_wait(client: httpx.Client, name: str, data: bytes, headers: dict | None = None,
                    content_type: str = "application/octet-stream") -> httpx.Response:
    """Upload, then wait for its job; returns what a synchronous upload would have: 201/200 with
    ``{document, replaced, report, job_id, job}``, or the job's error as a 4xx error response."""
    r = client.post("/api/documents", files={"file": (name, data, content_type)}, headers=headers or {})
    if r.status_code != 202:
        return r
    body = r.json()
    assert body["job_id"] == body["job"]["id"] and body["job"]["state"] in ("queued", "running", "done")
    job = wait_for_job(client, body["job_id"])
    if job["state"] == "failed":
        err = job["error"]
        return httpx.Response(err["status"], json={"error": {k: err[k] for k in ("code", "message", "hint")}})
    status = 200 if job["result"]["replaced"] else 201
    return httpx.Response(status, json={**job["result"], "job_id": job["id"], "job": job})
