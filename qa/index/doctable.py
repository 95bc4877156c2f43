"""Per-document metadata of an index, read on demand instead of parsed whole at load.

Up to format 2 the manifest listed every document: for a million chunks (242k documents)
that was 59 MB of JSON and ~0.3 GiB of Python objects in every serving process, loaded
before the first question. Now each document is one line of ``documents.jsonl`` (still
readable by people), read through a memory map only when asked for:

* ``documents.jsonl``   one JSON object per document (:class:`DocMeta`), in index order;
* ``doc_ids.npy``       every document id (UTF-8, fixed width) sorted, memory-mapped: an id
  is found by binary search, touching a few pages, without a dict of all ids in memory;
* ``offsets.npz``       ``documents`` (byte offsets of the lines), ``doc_order`` (the row of
  each sorted id) and ``doc_bounds`` (each document's first chunk row, then the chunk count).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from qa.formats.pages import page_of
from qa.index.jsonl import JsonlTable, write_jsonl

DOCUMENTS = "documents.jsonl"
DOC_IDS = "doc_ids.npy"


@dataclass(slots=True)
class DocMeta:
    """A document in the index; its chunks are rows ``chunk_lo:chunk_hi``."""

    doc_id: str
    title: str
    source: str
    sha256: str
    org: str | None
    chars: int
    chunk_lo: int
    chunk_hi: int
    pages: list[int] | None = None  # offsets in the cleaned text where each page starts

    def page_of(self, offset: int) -> int | None:
        """1-based page of a cleaned-text offset (None: the document has no pages)."""
        return page_of(self.pages or (), offset)


def write_doc_table(directory: Path, docs: Sequence[DocMeta], n_chunks: int) -> dict[str, np.ndarray]:
    """Write ``documents.jsonl`` and ``doc_ids.npy``; return the arrays that go into ``offsets.npz``."""
    offsets = write_jsonl(directory / DOCUMENTS, (asdict(d) for d in docs))
    keys = np.array([d.doc_id.encode("utf-8") for d in docs], dtype=f"S{_width(docs)}")
    order = np.argsort(keys, kind="stable").astype(np.int64)
    np.save(directory / DOC_IDS, keys[order])
    bounds = np.array([d.chunk_lo for d in docs] + [n_chunks], dtype=np.int64)
    return {"documents": offsets, "doc_order": order, "doc_bounds": bounds}


def _width(docs: Sequence[DocMeta]) -> int:
    # numpy has no zero-width bytes type; one byte is the floor
    return max([len(d.doc_id.encode("utf-8")) for d in docs] + [1])


class DocTable(Mapping[str, DocMeta]):
    """``doc_id -> DocMeta`` over the files above; rows are parsed only when asked for."""

    def __init__(self, directory: Path, arrays: Mapping[str, np.ndarray]) -> None:
        self._rows = JsonlTable(directory / DOCUMENTS, arrays["documents"])
        self._keys = np.load(directory / DOC_IDS, mmap_mode="r")
        self._order = arrays["doc_order"]
        self.bounds = arrays["doc_bounds"]

    def __len__(self) -> int:
        return len(self._rows)

    def row(self, i: int) -> DocMeta:
        """The document at row ``i`` (index order)."""
        return DocMeta(**self._rows.row(i))

    def find(self, doc_id: str) -> int | None:
        """The row of ``doc_id``, None when the index does not hold it (binary search)."""
        # surrogatepass: an id with a lone surrogate (from a JSON escape) is simply not found
        key = doc_id.encode("utf-8", "surrogatepass") if isinstance(doc_id, str) else b""
        if not key or len(key) > self._keys.dtype.itemsize or not len(self._keys):
            return None
        pos = int(np.searchsorted(self._keys, key))
        if pos < len(self._keys) and self._keys[pos] == key:
            return int(self._order[pos])
        return None

    def __getitem__(self, doc_id: str) -> DocMeta:
        i = self.find(doc_id)
        if i is None:
            raise KeyError(doc_id)
        return self.row(i)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.find(doc_id) is not None

    def __iter__(self) -> Iterator[str]:
        """Document ids in index order (decoded from the sorted id table, no JSON parsed)."""
        rank = np.empty_like(self._order)
        rank[self._order] = np.arange(len(self._order))
        for pos in rank:
            yield bytes(self._keys[pos]).decode("utf-8")

    def doc_row_of_chunk(self, chunk_row: int) -> int:
        """The row of the document that chunk ``chunk_row`` belongs to."""
        return int(np.searchsorted(self.bounds, chunk_row, side="right")) - 1

    def close(self) -> None:
        self._rows.close()


class DocList(Sequence[DocMeta]):
    """The documents in index order, as a read-only sequence (rows parsed on access)."""

    def __init__(self, table: DocTable) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._table.row(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._table.row(i)

    def __iter__(self) -> Iterator[DocMeta]:
        for i in range(len(self)):
            yield self._table.row(i)


def read_doc_rows(directory: Path) -> Iterator[dict]:
    """Every row of ``documents.jsonl`` as a dict, without the offsets (for tools and upgrades)."""
    with open(directory / DOCUMENTS, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
