"""A JSON-lines file with a byte-offset table: readable by people, random access for code.

Large indexes keep millions of chunks; reading one row must not parse the others, and
must not hold them all in memory. Rows are read with ``pread``: through a memory map each
row read also mapped the cached pages around it (64 KiB to 2 MiB a fault), which at a
million chunks left 72 MiB of ``chunks.jsonl`` resident after 200 questions.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from qa.errors import IndexCorruptError


def write_jsonl(path: Path, rows: Iterable[dict]) -> np.ndarray:
    """Write rows (UTF-8, one per line) and return the byte offset of each row's start."""
    offsets: list[int] = []
    pos = 0
    with open(path, "wb") as fh:
        for row in rows:
            line = (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
            offsets.append(pos)
            fh.write(line)
            pos += len(line)
        fh.flush()
    offsets.append(pos)  # end sentinel: row i spans offsets[i]:offsets[i+1]
    return np.asarray(offsets, dtype=np.int64)


class JsonlTable:
    """Random access to the rows of a JSON-lines file written by :func:`write_jsonl` (thread-safe)."""

    def __init__(self, path: Path, offsets: np.ndarray) -> None:
        self.path = path
        self.offsets = offsets
        self._fd = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def row(self, i: int) -> dict:
        if not 0 <= i < len(self):
            raise IndexError(i)
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        try:
            row = json.loads(os.pread(self._fd, end - start, start))
        except (ValueError, OSError) as exc:  # damage the load-time checks could not see
            raise IndexCorruptError(f"index file {self.path} is damaged (row {i}: {exc})",
                                    hint="rebuild with `qa index --rebuild`") from exc
        if not isinstance(row, dict):
            raise IndexCorruptError(f"index file {self.path} is damaged (row {i} is not an object)",
                                    hint="rebuild with `qa index --rebuild`")
        return row

    def rows(self) -> Iterator[dict]:
        for i in range(len(self)):
            yield self.row(i)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self) -> None:  # snapshots are dropped, not closed: the descriptor goes with them
        with contextlib.suppress(OSError):
            self.close()
