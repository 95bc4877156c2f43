"""`qa serve --ray` as a user runs it: a local Ray, the same API and page through Serve's proxy,
concurrent questions embedded in batches, and a killed replica replaced while clients retry."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from eval.bench.serving_ray import (
    kill_one_ingress_replica,
    replaced,
    running_ingress_replicas,
)
from tests.conftest import CORPUS
from tests.test_service_cli import free_port

try:
    import ray
    from ray import serve  # noqa: F401 - Serve's own dependencies (grpc, ...) must be there too
except ImportError:  # the test command installs the extra: a missing Ray is a broken setup, not a skip
    pytest.fail("Ray Serve is not installed: pip install 'zhqa[ray]' (make test installs it)", pytrace=False)

pytestmark = pytest.mark.slow

START_TIMEOUT = 600.0  # a local Ray, two app replicas and the embedder on a busy 2-core machine
REPLACE_TIMEOUT = 600.0  # a new replica after a kill: ~15-20 s alone, the same work as a start
QUESTION = "大武口区政协2023年一共收到了多少件提案？"
# what a client retries: a 5xx, a broken connection, and 408 (a request the dying replica held
# can reach another replica without its body, which then times out waiting for it)
RETRYABLE = {408}


def _log(path: Path) -> str:
    return path.read_text("utf-8", "replace")


def _replica_report() -> str:
    """What Serve says of the ingress deployment, and the tails of its controller's and replicas' logs."""
    from ray import serve
    from ray._private import worker

    from qa.ray_cluster import APP_NAME, INGRESS

    status = serve.status().applications[APP_NAME].deployments[INGRESS]
    lines = [f"deployment {status.status} ({status.status_trigger}): {status.replica_states} {status.message}"]
    logs = Path(worker._global_node.get_logs_dir_path()) / "serve"
    for log in sorted(logs.glob("controller_*.log")) + sorted(logs.glob(f"replica_{APP_NAME}_{INGRESS}_*.log"),
                                                                 key=lambda f: f.stat().st_mtime)[-2:]:
        tail = [line for line in _log(log).splitlines() if " DEBUG " not in line][-25:]
        lines += [f"--- {log.name}", *tail]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def ray_server(tmp_path_factory):
    """`qa serve --ray` over two short real documents (it indexes them first); yields (url, address)."""
    tmp = tmp_path_factory.mktemp("serve-ray")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "dawukou.txt").write_text((CORPUS / "dawukou-2023.txt").read_text("utf-8")[:1400], "utf-8")
    (corpus / "chengbei.md").write_text((CORPUS / "chengbei-2023.txt").read_text("utf-8")[:1200], "utf-8")
    port, log = free_port(), tmp / "serve.log"
    # a batch waits up to 20 ms to fill: questions sent together are embedded together however busy the machine
    command = [sys.executable, "-m", "zhqa.cli", "serve", "--ray", "--replicas", "2", "--index", str(tmp / "index"),
               "--corpus", str(corpus), "--port", str(port), "--query-batch-wait-ms", "20"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=tmp)
    url = f"http://127.0.0.1:{port}"
    try:
        address = _wait_ready(process, log)
        from qa.ray_cluster import connect

        connect(address)
        yield url, address
    finally:
        ray.shutdown()
        process.terminate()  # SIGTERM: Serve and the local Ray shut down
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(process: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"qa serve --ray exited with {process.returncode}:\n{_log(log)}")
        for line in _log(log).splitlines():
            if line.startswith("Ray cluster at "):
                return line.split("Ray cluster at ", 1)[1].strip()
        time.sleep(0.5)
    pytest.fail(f"qa serve --ray was not ready within {START_TIMEOUT:g}s:\n{_log(log)}")


def test_api_and_page_through_serve(ray_server):
    url, _ = ray_server
    health = httpx.get(f"{url}/healthz", timeout=60).json()
    assert health["status"] == "ok" and health["documents"] == 2

    body = httpx.post(f"{url}/api/ask", json={"question": QUESTION}, timeout=120).json()
    assert not body["abstained"] and "件" in body["answer"]
    assert body["citations"] and body["citations"][0]["doc_id"] == "dawukou"

    page = httpx.get(url + "/", timeout=60)
    assert page.status_code == 200 and "文档问答" in page.text
    assert httpx.get(url + "/static/app.js", timeout=60).status_code == 200

    bad = httpx.post(f"{url}/api/ask", json={"question": ""}, timeout=60)  # the same errors as `qa serve`
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_input"


def test_concurrent_questions_are_embedded_in_batches(ray_server):
    from qa.ray_cluster import embedder_stats

    url, address = ray_server

    async def burst(n: int, tag: str) -> list[int]:
        async with httpx.AsyncClient(base_url=url, timeout=300) as client:
            rs = await asyncio.gather(*(client.post("/api/search", json={"query": f"{QUESTION} {tag}-{i}"})
                                        for i in range(n)))
        return [r.status_code for r in rs]

    largest = 0
    for attempt in range(5):  # a condition, not a timing: several questions at once share an engine call
        assert set(asyncio.run(burst(24, f"b{attempt}"))) == {200}
        largest = max(embedder_stats(address)["batches"])
        if largest > 1:
            break
    assert largest > 1


def test_killed_replica_is_replaced_and_retried_requests_succeed(ray_server):
    url, _ = ray_server
    assert running_ingress_replicas() == 2

    async def ask_with_retries(client: httpx.AsyncClient, i: int) -> int:
        for attempt in range(8):
            try:
                r = await client.post("/api/search", json={"query": f"{QUESTION} kill-{i}"})
                if r.status_code not in RETRYABLE and r.status_code < 500:
                    return r.status_code
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5 * (attempt + 1))
        return 0

    async def load_while_killing() -> list[int]:
        async with httpx.AsyncClient(base_url=url, timeout=300) as client:
            tasks = [asyncio.create_task(ask_with_retries(client, i)) for i in range(40)]
            await asyncio.sleep(0.2)
            killed.append(await asyncio.to_thread(kill_one_ingress_replica))
            return await asyncio.gather(*tasks)

    killed: list[str] = []
    assert set(asyncio.run(load_while_killing())) == {200}  # no request lost when the client retries
    deadline = time.monotonic() + REPLACE_TIMEOUT
    # wait for a new replica, not for a count: right after the kill Serve still counted the dead one
    # as RUNNING, the wait ended at once and the next count said 1 (CI failed so twice)
    while not replaced(killed[0], 2) and time.monotonic() < deadline:
        time.sleep(1)
    assert replaced(killed[0], 2), _replica_report()  # Serve started a new replica
    assert httpx.get(f"{url}/healthz", timeout=60).json()["status"] == "ok"


def test_an_upload_through_one_replica_reaches_every_replica(ray_server):
    url, _ = ray_server
    text = "# 青林镇政协联络组2023年工作\n\n青林镇政协联络组2023年共收集社情民意信息321条，组织委员视察活动6次。\n"
    with httpx.Client(base_url=url, timeout=300) as client:
        r = client.post("/api/documents", files={"file": ("qinglin.txt", text.encode(), "text/plain")})
        assert r.status_code == 202
        job_id = r.json()["job_id"]
        deadline = time.monotonic() + 600
        while True:  # each poll may reach either replica: both know the job
            job = client.get(f"/api/jobs/{job_id}")
            assert job.status_code == 200, job.text
            if job.json()["state"] in ("done", "failed") or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert job.json()["state"] == "done", job.json()

        def found_everywhere() -> bool:  # several searches: the proxy spreads them over the replicas
            hits = [client.post("/api/search", json={"query": f"青林镇政协联络组收集社情民意 {i}"}).json()
                    for i in range(8)]
            return all(any(p["doc_id"] == "qinglin" for p in h["passages"]) for h in hits)

        deadline = time.monotonic() + 120
        while not found_everywhere():
            assert time.monotonic() < deadline, "a replica still serves the index without the upload"
            time.sleep(1)


@pytest.mark.parametrize("failures", [1, 2])
def test_a_serve_start_that_fails_is_tried_once_more_then_reported(monkeypatch, failures):
    """Serve's fixed 60 s proxy start can miss on an overloaded machine (seen under 4x load): one more
    try, then an error that says what to do, not a traceback."""
    from qa.config import Settings
    from qa.errors import ServeStartError
    from service import ray_serve

    calls: list[dict] = []

    def start(**options):
        calls.append(options)
        if len(calls) <= failures:
            raise TimeoutError("HTTP proxies not available after 60s.")

    monkeypatch.setattr(ray_serve.serve, "start", start)
    monkeypatch.setattr(ray_serve.serve, "shutdown", lambda: None)
    settings = Settings(port=8123)
    if failures < 2:
        ray_serve.start_serve(settings)
        assert len(calls) == 2 and calls[-1]["http_options"]["port"] == 8123
    else:
        with pytest.raises(ServeStartError, match="did not start") as e:
            ray_serve.start_serve(settings)
        assert "qa serve" in e.value.hint and len(calls) == 2
