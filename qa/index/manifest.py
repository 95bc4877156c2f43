"""``manifest.json``: what an index directory holds and how it was built, checked on load."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from qa.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from qa.index.dense import DenseParams

FORMAT = "zhqa-index"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"


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


@dataclass(slots=True)
class Manifest:
    """Everything needed to decide whether an index can be used or reused."""

    embedder: str  # the embedder's exact name (model identity)
    dim: int
    embedder_backend: str  # registry name used to re-create it ("e5-small", "sentence-transformers")
    embedder_model: str | None
    chunk_size: int
    versions: dict[str, int | str]  # cleaner, chunker, fields, tokenizer
    dense: DenseParams
    bm25: dict[str, float | str]
    fingerprint: str
    n_chunks: int
    documents: list[DocMeta]
    words: list[str]  # extra tokenizer words (organisation names)
    orgs: list[str]  # canonical organisation names found in the corpus
    files: dict[str, int]  # file name -> size in bytes
    created_at: str
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    extra: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        """Read and check the format; missing or unreadable manifests are clear errors."""
        path = directory / MANIFEST
        if not path.exists():
            raise IndexNotFoundError(f"no index at {directory}", hint="build one with `qa index`")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(f"cannot read {path}: {exc}", hint="rebuild with `qa index --rebuild`") from exc
        if raw.get("format") != FORMAT or raw.get("format_version") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"{directory} holds index format {raw.get('format')!r} v{raw.get('format_version')}, "
                f"this program reads {FORMAT!r} v{FORMAT_VERSION}",
                hint="rebuild it with `qa index --rebuild`",
            )
        try:
            raw["dense"] = DenseParams(**raw["dense"])
            raw["documents"] = [DocMeta(**d) for d in raw["documents"]]
            return cls(**raw)
        except (TypeError, KeyError) as exc:
            raise IndexCorruptError(f"{path} is incomplete: {exc}", hint="rebuild with `qa index --rebuild`") from exc

    def check_files(self, directory: Path) -> None:
        """Every listed file exists with the recorded size (catches partial copies)."""
        for name, size in self.files.items():
            path = directory / name
            if not path.exists() or path.stat().st_size != size:
                raise IndexCorruptError(
                    f"index file {path} is missing or has the wrong size",
                    hint="rebuild with `qa index --rebuild`",
                )

    def check_embedder(self, name: str | None, directory: Path) -> None:
        """Refuse to search with another embedder than the index was built with."""
        if name is not None and name != self.embedder:
            raise IndexMismatchError(
                f"the index at {directory} was built with embedder {self.embedder!r}, not {name!r}",
                hint=f"use --embedder {self.embedder} or rebuild with `qa index --embedder {name}`",
            )
