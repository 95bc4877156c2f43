"""Run the serving probe (:mod:`eval.bench.probe`) in a fresh process and read its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from eval.bench.machine import load1
from eval.bench.probe import ProbeSpec, ServingFigures
from eval.metrics import LatencySummary


def _figures(raw: dict) -> ServingFigures:
    for key in ("search_cold", "search_warm", "embed_query", "ask_cold"):
        if raw.get(key) is not None:
            raw[key] = LatencySummary(**raw[key])
    return ServingFigures(**raw)


def probe_env(threads: int | None) -> dict[str, str]:
    """The probe's environment: offline model hubs, and a fixed OpenMP thread count if given."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    return env


def run_probe(spec: ProbeSpec, cwd: Path, threads: int | None = None, timeout_s: float = 3600) -> ServingFigures:
    """Measure serving in a subprocess; the load average before and after goes into its notes."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(asdict(spec), fh, ensure_ascii=False)
    before = load1()
    try:
        out = subprocess.run([sys.executable, "-m", "eval.bench.probe", fh.name], cwd=cwd,
                             env=probe_env(threads), capture_output=True, text=True,
                             timeout=timeout_s)
    finally:
        os.unlink(fh.name)
    if out.returncode != 0:
        raise RuntimeError(f"serving probe failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    figures = _figures(json.loads(out.stdout.strip().splitlines()[-1]))
    figures.notes.append(f"load average {before:.2f} before, {load1():.2f} after")
    return figures
