"""Where a process's resident memory is: anonymous, and file-backed page by file.

``/proc/<pid>/status`` gives the totals (RssAnon, RssFile); ``/proc/<pid>/smaps`` gives
the resident size of every mapping, which is how a figure like "1.5 GiB file-backed"
becomes "this many MiB of ``vectors.npy``, that many of the BM25 postings". Linux only;
elsewhere every function returns empty figures rather than failing the benchmark.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

ANON = "[anonymous]"


def rss_by_mapping(pid: str = "self") -> dict[str, float]:
    """Resident MiB per mapped file (index files by name relative to their directory), anonymous
    memory (heap, stacks, ``mmap(MAP_ANONYMOUS)``) under ``ANON``."""
    out: dict[str, float] = defaultdict(float)
    try:
        lines = Path(f"/proc/{pid}/smaps").read_text().splitlines()
    except OSError:
        return {}
    name = ANON
    for line in lines:
        head = line.split(None, 5)
        if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            path = head[5].strip() if len(head) == 6 else ""
            name = path if path.startswith("/") and " (deleted)" not in path else ANON
        elif line.startswith("Rss:"):
            out[name] += int(line.split()[1]) / 1024
    return {k: round(v, 1) for k, v in out.items()}


def summarise(by_mapping: dict[str, float], index_dir: Path, top: int = 12) -> dict[str, float]:
    """The largest entries, index files named relative to ``index_dir``, the rest grouped."""
    root = str(index_dir.resolve())
    grouped: dict[str, float] = defaultdict(float)
    for path, mib in by_mapping.items():
        if path.startswith(root + "/"):
            grouped[path[len(root) + 1 :]] += mib
        elif path == ANON:
            grouped[ANON] += mib
        else:
            grouped["[libraries and other files]"] += mib
    ordered = sorted(grouped.items(), key=lambda kv: -kv[1])
    return {k: round(v, 1) for k, v in ordered[:top] if v >= 0.1}


def status_mib(key: str, pid: str = "self") -> float:
    """A ``/proc/<pid>/status`` figure in MiB (``VmHWM``, ``RssAnon``, ``RssFile``); 0 if absent."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0
