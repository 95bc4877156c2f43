"""A JSON-lines file with a byte-offset table: readable by people, random access for code.

Large indexes keep millions of chunks; reading one row must not parse the others, and
must not hold them all in memory. Rows are read through a memory map.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np


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
    """Random access to the rows of a JSON-lines file written by :func:`write_jsonl`."""

    def __init__(self, path: Path, offsets: np.ndarray) -> None:
        self.path = path
        self.offsets = offsets
        self._fh = open(path, "rb")
        size = path.stat().st_size
        # mmap of an empty file is an error; an empty table simply has no rows
        self._mm = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def row(self, i: int) -> dict:
        if not 0 <= i < len(self):
            raise IndexError(i)
        return json.loads(self._mm[self.offsets[i] : self.offsets[i + 1]])

    def rows(self) -> Iterator[dict]:
        for i in range(len(self)):
            yield self.row(i)

    def close(self) -> None:
        if isinstance(self._mm, mmap.mmap):
            self._mm.close()
        self._fh.close()
