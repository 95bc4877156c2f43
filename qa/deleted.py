"""The corpus folder's ``.deleted/``: documents deleted through the service are kept there.

It grows with every delete, so ``qa documents purge --older-than 30d`` empties it of what
was deleted long enough ago. A file's deletion time is its inode change time: moving a
file into ``.deleted/`` keeps its modification time (when it was written) but sets the
change time (a later chmod only makes a file look younger, so it is purged later, never
early).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import InputError

DELETED_DIR = ".deleted"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")


def parse_duration(text: str) -> float:
    """``"30d"``, ``"12h"``, ``"1w2d"``, ``"90m"``, ``"0s"`` -> seconds; anything else is an InputError."""
    compact = text.strip().lower().replace(" ", "")
    parts = _PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise InputError(f"cannot read the duration {text!r}",
                         hint="write a number and a unit, e.g. 30d, 12h, 1w2d (units: s, m, h, d, w)")
    return sum(float(n) * _UNITS[u] for n, u in parts)


@dataclass(slots=True)
class PurgeReport:
    """What a purge removed (or would remove) and what it kept."""

    folder: str
    removed: list[str] = field(default_factory=list)
    kept: int = 0
    freed_bytes: int = 0
    dry_run: bool = False


def purge_deleted(corpus_dir: Path, older_than_s: float, dry_run: bool = False,
                  now: float | None = None) -> PurgeReport:
    """Remove files in ``corpus_dir/.deleted/`` deleted more than ``older_than_s`` seconds ago."""
    folder = corpus_dir / DELETED_DIR
    report = PurgeReport(str(folder), dry_run=dry_run)
    if not folder.is_dir():
        return report
    cutoff = (time.time() if now is None else now) - older_than_s
    for path in sorted(folder.iterdir()):
        st = path.lstat()
        if not path.is_file() or path.is_symlink() or st.st_ctime > cutoff:
            report.kept += 1
            continue
        if not dry_run:
            path.unlink()
        report.removed.append(path.name)
        report.freed_bytes += st.st_size
    return report
