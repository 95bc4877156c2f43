"""Throughput of ``qa serve`` against ``qa serve --ray`` (batched query embedder) on this machine.

    python -m eval.bench.serving_ray --clients 8 32 64 --duration 20 [--rounds 1] [--kill]

Both servers run at once over copies of one index, on loopback ports; each client count is
measured on one, then the other (interleaved, ``--rounds`` times), for ``--duration`` seconds
each. Every request is a unique question (no answer from the query cache), retried up to
``--retries`` times on a 5xx, a 408 or a broken connection; a request is *lost* only when every try
failed. Printed per run: requests/s, p50/p95/p99 (ms, including retries), lost and retried
requests, the server's CPU time per request (all its processes: load-independent, unlike
requests/s on a shared machine), the query-embedding batch sizes the Ray embedder reached in
that run, and the 1-minute load average before it (the machine may be shared: compare figures of one run only).
``--kill`` adds a run at the largest client count during which one Ray ingress replica is
killed (``ray.kill``) a third of the way in: it reports lost requests and whether Serve
replaced the replica. Prints one JSON object at the end (``--out`` also writes it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import httpx

from eval.bench.loadtest import _free_port, _wait_healthy, check_loopback
from eval.bench.machine import load1
from eval.metrics import latency_summary

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ["大武口区政协2023年一共收到了多少件提案？", "城北区政协主席是谁？", "海西州有多少个微协商平台",
             "西宁市政协全年开展理论中心组学习多少次？", "庆阳市政协组织委员视察多少次？",
             "How many proposals did the Dawukou district CPPCC receive in 2023?",
             "张掖市政协形成了多少篇研究成果？", "祁连县厕所革命完成了多少户？"]
ENDPOINTS = {"/api/search": lambda q: {"query": q, "top_k": 5}, "/api/ask": lambda q: {"question": q}}


async def timed_run(url: str, path: str, clients: int, duration_s: float, retries: int,
                    tag: str) -> dict:
    """``clients`` clients sending unique questions to ``url + path`` for ``duration_s`` seconds."""
    check_loopback(url)
    make = ENDPOINTS[path]
    lat: list[float] = []
    counts = Counter()
    seq = iter(range(10**9))
    deadline = time.monotonic() + duration_s

    async def client(c: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            i = next(seq)
            body = make(f"{QUESTIONS[i % len(QUESTIONS)]} {tag}-{i}")
            t = time.perf_counter()
            for attempt in range(retries + 1):
                try:
                    r = await c.post(path, json=body)
                    if r.status_code < 500 and r.status_code != 408:  # 408: see tests/test_serve_ray.py
                        counts["ok" if r.status_code == 200 else f"http_{r.status_code}"] += 1
                        break
                    counts[f"try_failed_http_{r.status_code}"] += 1
                except httpx.HTTPError as exc:
                    counts[f"try_failed_{type(exc).__name__}"] += 1
                await asyncio.sleep(0.1 * (attempt + 1))
            else:
                counts["lost"] += 1
            if attempt:
                counts["retried"] += 1
            lat.append((time.perf_counter() - t) * 1000)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as c:
        t0 = time.perf_counter()
        await asyncio.gather(*(client(c) for _ in range(clients)))
        secs = time.perf_counter() - t0
    s = latency_summary(lat)
    return {"clients": clients, "requests": len(lat), "seconds": round(secs, 1),
            "requests_per_s": round(counts["ok"] / secs, 1), "p50_ms": round(s.median or 0, 1),
            "p95_ms": round(s.p95 or 0, 1), "p99_ms": round(s.p99 or 0, 1),
            "lost": counts["lost"], "retried": counts["retried"],
            "failures": {k: v for k, v in counts.items() if k not in ("ok", "lost", "retried")}}


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and all its descendants: for the Ray
    server that is the whole local cluster (GCS, raylet, proxy, replicas). Descendants that
    exited in between are missed, so compare it over runs without restarts."""
    import psutil

    total = 0.0
    try:
        root = psutil.Process(pid)
        for p in [root, *root.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


@contextmanager
def server(index: Path, corpus: Path, extra: list[str], env: dict[str, str], log: Path):
    """``qa serve [extra]`` on a free loopback port until the block ends (SIGINT: a clean Serve stop)."""
    port = _free_port()
    cmd = [sys.executable, "-m", "zhqa.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--index", str(index), "--corpus", str(corpus), "--llm", "extractive", *extra]
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, env=env, cwd=index.parent, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, 600)
        PIDS[url] = proc.pid
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def batch_delta(before: dict, after: dict) -> dict[int, int]:
    """Engine calls per batch size between two ``QueryEmbedder.stats()`` readings."""
    b, a = before.get("batches", {}), after.get("batches", {})
    return {int(k): v - b.get(k, 0) for k, v in sorted(a.items(), key=lambda kv: int(kv[0])) if v - b.get(k, 0)}


def summarise_batches(delta: dict[int, int]) -> dict:
    calls = sum(delta.values())
    questions = sum(k * v for k, v in delta.items())
    return {"calls": calls, "questions": questions, "mean": round(questions / calls, 2) if calls else 0,
            "max": max(delta, default=0), "sizes": delta}


def ray_stats() -> dict:
    from qa.ray_cluster import embedder_stats

    return embedder_stats(RAY_ADDRESS[0])


PIDS: dict[str, int] = {}  # server url -> its process id
RAY_ADDRESS: list[str] = []  # the cluster `qa serve --ray` printed (never "auto": the machine may run others)


def ray_address(log: Path) -> str:
    """The Ray cluster address ``qa serve --ray`` printed when it was ready."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for line_ in log.read_text(errors="replace").splitlines():
            if line_.startswith("Ray cluster at "):
                return line_.rsplit("Ray cluster at ", 1)[1].strip()
        time.sleep(0.5)
    raise RuntimeError(f"qa serve --ray printed no Ray address (see {log})")


def ingress_replica_names() -> list[str]:
    """The actor names of the app's live ingress replicas (a killed actor leaves the list at once)."""
    import ray

    from qa.ray_cluster import APP_NAME, INGRESS

    return sorted(a["name"] for a in ray.util.list_named_actors(all_namespaces=True)
                  if a["name"].startswith(f"SERVE_REPLICA::{APP_NAME}#{INGRESS}#"))


def kill_one_ingress_replica() -> str:
    """``ray.kill`` one ingress replica actor of the running app; returns its name."""
    import ray

    names = ingress_replica_names()
    if not names:
        raise RuntimeError("no ingress replica found to kill")
    ray.kill(ray.get_actor(names[0], namespace="serve"), no_restart=True)
    return names[0]


def replaced(killed: str, replicas: int) -> bool:
    """Serve runs ``replicas`` ingress replicas again and ``killed`` is none of them. Counting RUNNING
    replicas alone is a race: right after a kill, Serve's status still counts the dead one."""
    names = ingress_replica_names()
    return killed not in names and len(names) >= replicas and running_ingress_replicas() >= replicas


def running_ingress_replicas() -> int:
    from ray import serve

    from qa.ray_cluster import APP_NAME, INGRESS

    status = serve.status().applications[APP_NAME].deployments[INGRESS]
    return status.replica_states.get("RUNNING", 0)


def kill_run(url: str, path: str, clients: int, duration_s: float, retries: int) -> dict:
    """A Ray run during which one ingress replica is killed; then wait until Serve has replaced it."""
    killed: dict = {}

    def killer() -> None:
        time.sleep(duration_s / 3)
        killed["replica"] = kill_one_ingress_replica()
        killed["at_s"] = round(duration_s / 3, 1)

    before = running_ingress_replicas()
    t = threading.Thread(target=killer)
    t.start()
    figures = asyncio.run(timed_run(url, path, clients, duration_s, retries, f"kill{time.time_ns()}"))
    t.join()
    waited = time.monotonic()
    while not replaced(killed["replica"], before) and time.monotonic() - waited < 300:
        time.sleep(1)
    healthy = httpx.get(url + "/healthz", timeout=60).status_code == 200
    return {**figures, "killed": killed, "replicas_before": before,
            "replicas_after": running_ingress_replicas(), "healthz_after": healthy,
            "replaced_after_s": round(time.monotonic() - waited, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32, 64])
    ap.add_argument("--duration", type=float, default=20.0, help="seconds per run")
    ap.add_argument("--rounds", type=int, default=1, help="times each (mode, clients) pair runs, interleaved")
    ap.add_argument("--endpoint", choices=sorted(ENDPOINTS), default="/api/search")
    ap.add_argument("--index", type=Path, default=ROOT / ".qa-index", help="a built index of --corpus")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--retries", type=int, default=3, help="client retries on a 5xx or a broken connection")
    ap.add_argument("--ray-args", default="", help="extra `qa serve --ray` flags, e.g. '--replicas 1'")
    ap.add_argument("--kill", action="store_true", help="also kill one ingress replica under load")
    ap.add_argument("--out", type=Path, help="also write the JSON here")
    args = ap.parse_args()
    if not (args.index / "manifest.json").exists():
        raise SystemExit(f"no index at {args.index}: build one with `qa index {args.corpus} --index {args.index}`")

    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "QA_RATE_LIMIT_SEARCH": "",
           "QA_RATE_LIMIT_ASK": ""}
    result: dict = {"endpoint": args.endpoint, "duration_s": args.duration, "nproc": os.cpu_count(),
                    "ray_args": args.ray_args, "runs": [],
                    "ray_env": {k: v for k, v in os.environ.items() if k.startswith("QA_RAY_")}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in ("one", "ray"):
            shutil.copytree(args.index, tmp / name / "index")
            shutil.copytree(args.corpus, tmp / name / "corpus")
        with server(tmp / "one/index", tmp / "one/corpus", [], env, tmp / "one.log") as one_url, \
             server(tmp / "ray/index", tmp / "ray/corpus", ["--ray", *args.ray_args.split()], env,
                    tmp / "ray.log") as ray_url:
            RAY_ADDRESS.append(ray_address(tmp / "ray.log"))
            for url in (one_url, ray_url):  # warm both: first questions pay one-time set-up
                asyncio.run(timed_run(url, args.endpoint, 4, 3, args.retries, "warm"))
            for rnd in range(args.rounds):
                for clients in args.clients:
                    for mode, url in (("qa serve", one_url), ("qa serve --ray", ray_url)):
                        load = load1()
                        before = ray_stats() if mode.endswith("--ray") else None
                        cpu = tree_cpu_s(PIDS[url])
                        fig = asyncio.run(timed_run(url, args.endpoint, clients, args.duration, args.retries,
                                                    f"{rnd}{mode[-3:]}{clients}"))
                        cpu = tree_cpu_s(PIDS[url]) - cpu
                        fig = {"mode": mode, "round": rnd, "load1_before": load, **fig,
                               "server_cpu_ms_per_request": round(1000 * cpu / max(fig["requests"], 1), 1)}
                        if before is not None:
                            fig["batches"] = summarise_batches(batch_delta(before, ray_stats()))
                        result["runs"].append(fig)
                        print(line(fig), flush=True)
            if args.kill:
                load = load1()
                result["kill"] = {"load1_before": load, **kill_run(ray_url, args.endpoint, max(args.clients),
                                                                     args.duration, args.retries)}
                print("kill:", json.dumps(result["kill"], ensure_ascii=False), flush=True)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


def line(f: dict) -> str:
    batches = f.get("batches")
    b = f"  batches mean {batches['mean']} max {batches['max']}" if batches else ""
    return (f"{f['mode']:<15} {f['clients']:>3} clients: {f['requests_per_s']:>6.1f} req/s  p50 {f['p50_ms']:>7.1f}"
            f"  p95 {f['p95_ms']:>7.1f} ms  lost {f['lost']} retried {f['retried']}"
            f"  cpu {f['server_cpu_ms_per_request']:.1f} ms/req  load {f['load1_before']:.2f}{b}")


if __name__ == "__main__":
    main()
