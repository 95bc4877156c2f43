"""A bounded HTTP load test of ``qa serve`` on this machine.

``concurrency`` clients send a fixed number of requests in total (questions cycled, each
made unique by a request number so that no answer comes from the query cache) to
``POST /api/search {"query","top_k"}`` or ``POST /api/ask {"question"}`` and stop by
themselves: the request count is fixed and the whole test has a deadline. Only loopback
addresses are accepted.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from urllib.parse import urlparse

import httpx

from eval.bench.results import LoadFigures
from eval.metrics import latency_summary

LOOPBACK = ("127.", "localhost", "::1", "[::1]")
_RUNS = itertools.count()  # numbers requests across tests too: no test is served from another's cache
ENDPOINTS = {
    "/api/search": lambda q: {"query": q, "top_k": 5},
    "/api/ask": lambda q: {"question": q},
}


def check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if not host.startswith(LOOPBACK):
        raise ValueError(f"load tests only target this machine (127.0.0.1, localhost), not {host!r}")


async def _worker(client: httpx.AsyncClient, path: str, questions: list[str], counter: list[int],
                  total: int, deadline: float, lat: list[float], errors: list[str]) -> None:
    make = ENDPOINTS[path]
    run = counter[1]
    while counter[0] < total and time.monotonic() < deadline:
        i = counter[0]
        counter[0] += 1  # single event loop: no lock needed
        t = time.perf_counter()
        try:
            # a request number makes every text unique: the service's query cache never answers
            resp = await client.post(path, json=make(f"{questions[i % len(questions)]} {run}-{i}"))
            if resp.status_code != 200:
                errors.append(f"HTTP {resp.status_code}")
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        lat.append((time.perf_counter() - t) * 1000)


async def _run(url: str, path: str, concurrency: int, total: int, questions: list[str],
               timeout_s: float) -> LoadFigures:
    lat: list[float] = []
    errors: list[str] = []
    counter = [0, next(_RUNS)]  # [next request, this test's number]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout_s) as client:
        t = time.perf_counter()
        await asyncio.gather(*(_worker(client, path, questions, counter, total, deadline, lat, errors)
                               for _ in range(concurrency)))
        secs = time.perf_counter() - t
    s = latency_summary(lat)
    note = f"first errors: {errors[:3]}" if errors else ""
    if len(lat) < total:
        note += f" stopped at the deadline after {len(lat)} requests"
    return LoadFigures(path, concurrency, len(lat), len(errors), round(secs, 2),
                       round(len(lat) / secs, 2) if secs else 0.0, round(s.median or 0, 1), round(s.p99 or 0, 1),
                       note.strip())


def load_test(url: str, path: str, concurrency: int, total: int, questions: list[str],
              timeout_s: float = 600) -> LoadFigures:
    """``total`` requests to ``url + path`` from ``concurrency`` clients (bounded by ``timeout_s``)."""
    check_loopback(url)
    if path not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {path!r}; known: {', '.join(ENDPOINTS)}")
    return asyncio.run(_run(url, path, concurrency, total, questions, timeout_s))


def run_loadtests(url: str, questions: list[str], total: int = 400,
                  concurrencies: tuple[int, ...] = (8, 32)) -> list[LoadFigures]:
    """Both endpoints at each concurrency, after a short warm-up."""
    load_test(url, "/api/ask", 2, 8, questions)
    return [load_test(url, path, c, total, questions) for path in ENDPOINTS for c in concurrencies]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"qa serve exited with {proc.returncode} before it was ready")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"qa serve was not ready within {timeout_s:.0f} s")


def with_server(index_dir, corpus_dir, questions: list[str], env: dict[str, str],
                total: int = 400, ready_timeout_s: float = 300) -> list[LoadFigures]:
    """Start ``qa serve`` on a free loopback port over a copy of ``index_dir``, load-test it, stop it."""
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        shutil.copytree(index_dir, index)  # the service may write (uploads); never into the cache
        cmd = [sys.executable, "-m", "zhqa.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--index", str(index), "--corpus", str(corpus_dir), "--llm", "extractive"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_healthy(url, proc, ready_timeout_s)
            return run_loadtests(url, questions, total)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
