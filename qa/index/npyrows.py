"""Rows of a 2-D ``.npy`` file read on demand with ``pread``, not through a memory map.

A query re-scores a few dozen scattered rows of ``vectors.npy``. Through a memory map,
each of those page faults maps far more than the row it reads: the kernel maps the
cached pages around the fault (64 KiB) or a whole large folio (up to 2 MiB), and all of
it counts as the process's resident memory. Measured at a million chunks: 200 questions
re-scoring 64 rows each left 628 MiB of ``vectors.npy`` resident, for ~12.8k rows
(19 MiB) actually read. ``pread`` copies exactly the rows asked for; the file's pages
stay in the kernel's page cache (shared with other processes, reclaimable) and out of
the process's resident set.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import numpy as np


class NpyRows:
    """Read-only, array-like access to the rows of a C-order 2-D ``.npy`` file (thread-safe)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            major, _ = np.lib.format.read_magic(fh)
            read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read_header(fh)
            self._offset = fh.tell()
        if fortran or len(shape) != 2:
            raise ValueError(f"{path}: expected a C-order 2-D array, got shape {shape}")
        self.path = path
        self.shape: tuple[int, int] = (int(shape[0]), int(shape[1]))
        self.dtype = np.dtype(dtype)
        self._row_bytes = self.shape[1] * self.dtype.itemsize
        self._fd = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows) -> np.ndarray:
        """``rows`` (an int, or an array of row numbers; ascending reads are the cheapest)."""
        if isinstance(rows, (int, np.integer)):
            return self.take(np.array([rows]))[0]
        return self.take(np.asarray(rows, dtype=np.int64))

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The given rows, in the given order; runs of consecutive rows are read in one call."""
        out = np.empty((len(rows), self.shape[1]), dtype=self.dtype)
        if len(rows) == 0:
            return out
        if rows.min() < 0 or rows.max() >= self.shape[0]:
            raise IndexError(f"row out of range for {self.shape[0]} rows")
        breaks = np.flatnonzero(np.diff(rows) != 1) + 1  # a document's rows are consecutive
        for lo, hi in zip(np.r_[0, breaks], np.r_[breaks, len(rows)]):
            view = memoryview(out[lo:hi]).cast("B")
            got = os.preadv(self._fd, [view], self._offset + int(rows[lo]) * self._row_bytes)
            if got != len(view):
                raise OSError(f"{self.path}: short read ({got} of {len(view)} bytes)")
        return out

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self) -> None:
        with contextlib.suppress(OSError):
            self.close()
