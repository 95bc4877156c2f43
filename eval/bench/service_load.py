"""Load run of ``qa serve`` for the hardening issue: many clients during uploads and deletes,
then dropped LLM streams while ``/healthz`` is timed.

    python -m eval.bench.service_load --index DIR [--code DIR] [--clients 32] [--requests 640]

``--code`` runs the server from another checkout (to measure a "before"); this script
imports nothing from the project, so it runs unchanged against older code. The LLM is a
stub on 127.0.0.1 that streams ``--tokens`` pieces ``--token-delay`` seconds apart and
counts which streams it sent to the end and which the service cut off. Prints one JSON
object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

QUESTIONS = ["大武口区政协2023年一共收到了多少件提案？", "城北区政协主席是谁？", "海西州有多少个微协商平台",
             "西宁市政协全年开展理论中心组学习多少次？", "庆阳市政协组织委员视察多少次？"]
UPLOAD = ("# 青林镇政协联络组2023年工作\n\n青林镇政协联络组2023年共收集社情民意信息321条，"
          "组织委员视察活动6次。\n").encode()


class StubCounts:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = self.finished = self.cut = 0

    def add(self, field: str) -> None:
        with self.lock:
            setattr(self, field, getattr(self, field) + 1)


class _StubServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: when 50 streams open at once on a loaded machine,
    # connections beyond it wait on SYN retries or are dropped, and the stub never counts them
    # (a CI run saw 49 of 50 replies start). A real LLM server listens with a deep backlog.
    request_queue_size = 128
    daemon_threads = True


def start_stub(tokens: int, delay: float) -> tuple[str, StubCounts, ThreadingHTTPServer]:
    """An OpenAI-compatible server streaming ``tokens`` pieces, counting finished and cut streams."""
    counts = StubCounts()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            counts.add("started")
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            try:
                for _ in range(tokens):
                    chunk = {"choices": [{"index": 0, "delta": {"content": "委员"}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                    time.sleep(delay)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except OSError:
                counts.add("cut")
                return
            counts.add("finished")

        def log_message(self, *args: object) -> None:
            pass

    server = _StubServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/v1", counts, server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 1)


async def clients_during_writes(url: str, clients: int, total: int) -> dict:
    """``clients`` clients asking and searching ``total`` times while one writer uploads and deletes."""
    lat: list[float] = []
    failures: list[str] = []
    writes = {"ok": 0, "failed": 0}
    counter = [0]
    done = asyncio.Event()

    async def client(c: httpx.AsyncClient) -> None:
        while counter[0] < total:
            i = counter[0]
            counter[0] += 1
            q = f"{QUESTIONS[i % len(QUESTIONS)]} {i}"
            path, body = ("/api/ask", {"question": q}) if i % 2 else ("/api/search", {"query": q, "top_k": 5})
            t = time.perf_counter()
            try:
                r = await c.post(path, json=body)
                if r.status_code != 200:
                    failures.append(f"HTTP {r.status_code}")
            except httpx.HTTPError as exc:
                failures.append(type(exc).__name__)
            lat.append((time.perf_counter() - t) * 1000)

    async def writer(c: httpx.AsyncClient) -> None:
        while not done.is_set():
            for call in (lambda: c.post("/api/documents", files={"file": ("qinglin.txt", UPLOAD, "text/plain")}),
                         lambda: c.delete("/api/documents/qinglin")):
                try:
                    r = await call()
                    writes["ok" if r.status_code < 300 else "failed"] += 1
                except httpx.HTTPError:
                    writes["failed"] += 1

    limits = httpx.Limits(max_connections=clients + 2)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as c:
        t0 = time.perf_counter()
        w = asyncio.create_task(writer(c))
        await asyncio.gather(*(client(c) for _ in range(clients)))
        secs = time.perf_counter() - t0
        done.set()
        await w
    return {"clients": clients, "requests": len(lat), "failures": len(failures),
            "failure_kinds": sorted(set(failures)), "seconds": round(secs, 1),
            "requests_per_s": round(len(lat) / secs, 1), "p50_ms": pct(lat, 0.5), "p99_ms": pct(lat, 0.99),
            "uploads_and_deletes": writes}


async def drop_streams(url: str, n: int) -> None:
    """Open ``n`` streamed chat completions with the LLM backend, read their first bytes, drop them."""
    body = {"model": "openai", "stream": True, "messages": [{"role": "user", "content": QUESTIONS[0]}]}

    async def one() -> None:
        async with (httpx.AsyncClient(base_url=url, timeout=120) as c,
                    c.stream("POST", "/v1/chat/completions", json=body) as r):
            async for _ in r.aiter_bytes():
                break  # the connection is closed on leaving: the client went away

    await asyncio.gather(*(one() for _ in range(n)))


def time_health(url: str, probes: int) -> list[float]:
    out = []
    for _ in range(probes):
        t = time.perf_counter()
        httpx.get(url + "/healthz", timeout=300)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="a built index of --corpus")
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "corpus")
    ap.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[2])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=640)
    ap.add_argument("--streams", type=int, default=50)
    ap.add_argument("--tokens", type=int, default=300)
    ap.add_argument("--token-delay", type=float, default=0.05)
    args = ap.parse_args()

    stub_url, counts, stub = start_stub(args.tokens, args.token_delay)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        index, corpus = Path(tmp) / "index", Path(tmp) / "corpus"
        shutil.copytree(args.index, index)
        shutil.copytree(args.corpus, corpus)
        env = {**os.environ, "PYTHONPATH": str(args.code), "QA_LLM_RETRIES": "0", "QA_LLM_TIMEOUT": "60"}
        cmd = [sys.executable, "-m", "zhqa.cli", "serve", "--port", str(port), "--index", str(index),
               "--corpus", str(corpus), "--llm-base-url", stub_url]
        proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 900  # a busy shared machine: the start can take minutes
            while True:
                try:
                    if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("qa serve did not start")
                time.sleep(0.5)
            load = asyncio.run(clients_during_writes(url, args.clients, args.requests))
            idle = time_health(url, 5)
            t = time.perf_counter()
            asyncio.run(drop_streams(url, args.streams))
            health = time_health(url, 10)
            wait_until = time.monotonic() + args.tokens * args.token_delay + 30
            while counts.finished + counts.cut < counts.started and time.monotonic() < wait_until:
                time.sleep(0.2)
            result = {"load": load, "healthz_idle_ms": statistics.median(idle),
                      "dropped_streams": args.streams,
                      "healthz_after_drop_ms": {"first": round(health[0], 1), "median": round(statistics.median(health), 1),
                                                "max": round(max(health), 1)},
                      "llm_streams": {"started": counts.started, "ran_to_the_end": counts.finished,
                                      "cut_off": counts.cut,
                                      "seconds_until_all_settled": round(time.perf_counter() - t, 1)}}
            print(json.dumps(result, ensure_ascii=False, indent=1))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            stub.shutdown()


if __name__ == "__main__":
    main()
