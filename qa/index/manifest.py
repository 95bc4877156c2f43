"""``manifest.json``: what an index directory holds and how it was built, checked on load.

The manifest stays small whatever the corpus size: per-document metadata lives in
``documents.jsonl`` (:mod:`qa.index.doctable`) since format 3; ``layout`` says in words
what each file holds, so a directory explains itself to someone without this code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from qa.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from qa.index.dense import DenseParams

FORMAT = "zhqa-index"
FORMAT_VERSION = 3  # 3: documents moved from the manifest to documents.jsonl (+ doc_ids.npy)
MANIFEST = "manifest.json"
UPGRADABLE = (2,)  # older versions qa.index.upgrade converts without re-embedding
#: files up to this size are checksummed at every load; larger ones (vectors, the ANN graph and
#: the row files of a large index) by size only, and in full by ``qa index --verify``: hashing
#: 1 GiB at every start would cost about a second and read every page the loader avoids reading
VERIFY_ON_LOAD_BYTES = 64 * 1024 * 1024
_REBUILD = "rebuild with `qa index --rebuild`"

LAYOUT = {
    "manifest.json": "this file: format, embedder, chunking and index parameters, the corpus folder, "
                     "file sizes and blake2b-128 checksums, and its own checksum (manifest_checksum, "
                     "computed with that field empty)",
    "documents.jsonl": "one JSON object per document (doc_id, title, source, sha256, org, chars, "
                       "chunk_lo, chunk_hi), in index order",
    "doc_ids.npy": "document ids (UTF-8, fixed width) in sorted order, for lookups by id",
    "texts.jsonl": "cleaned document texts, one per line, in index order",
    "chunks.jsonl": "chunks (id, doc_id, kind, org, headings, start, end, text), rows grouped by document",
    "tokens.jsonl": "BM25 tokens of each chunk (reused when re-indexing)",
    "offsets.npz": "byte offsets of the JSON-lines rows; doc_order, doc_bounds; org of each chunk "
                   "(orgs) and the chunk rows of each organisation (org_rows, org_ptr)",
    "vectors.npy": "float32 (n_chunks, dim) L2-normalised chunk embeddings",
    "index.faiss": "FAISS index over vectors.npy (kind and parameters under 'dense'); absent when "
                   "another store answers the searches (see 'store')",
    "bm25/": "bm25s index (numpy arrays and JSON)",
    "lexicon.json": "the corpus's vocabulary the answers use (qa/lexicon.py); absent when built without one",
}


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
    n_documents: int
    words: list[str]  # extra tokenizer words (organisation names)
    orgs: list[str]  # canonical organisation names found in the corpus
    files: dict[str, int]  # file name -> size in bytes
    created_at: str
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    layout: dict[str, str] = field(default_factory=lambda: dict(LAYOUT))
    extra: dict = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)  # file name -> blake2b-128 hex digest
    corpus_dir: str | None = None  # absolute folder the index was built from (None: not recorded)
    lexicon: dict = field(default_factory=dict)  # source path and sha256 of lexicon.json (None: no lexicon)
    # what answers the searches (qa/index/stores): {"name": "local"}, or for "milvus" its uri,
    # collection, version, keyword mode, dense index kind and the BM25 avgdl of its chunk weights
    store: dict = field(default_factory=lambda: {"name": "local"})
    manifest_checksum: str = ""

    def to_json(self) -> str:
        """The manifest as written, with its own checksum filled in."""
        return manifest_text(asdict(self))

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        """Read and check the format; missing or unreadable manifests are clear errors."""
        path = directory / MANIFEST
        if not path.exists():
            raise IndexNotFoundError(f"no index at {directory}", hint="build one with `qa index`")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(f"cannot read {path}: {exc}", hint=_REBUILD) from exc
        if not isinstance(raw, dict):
            raise IndexCorruptError(f"{path} is not a manifest", hint=_REBUILD)
        if raw.get("format") != FORMAT or raw.get("format_version") != FORMAT_VERSION:
            upgradable = raw.get("format") == FORMAT and raw.get("format_version") in UPGRADABLE
            raise IndexMismatchError(
                f"{directory} holds index format {raw.get('format')!r} v{raw.get('format_version')}, "
                f"this program reads {FORMAT!r} v{FORMAT_VERSION}",
                hint="`qa index` upgrades it in place (nothing is re-embedded)" if upgradable
                else "rebuild it with `qa index --rebuild`",
            )
        _check_own_checksum(raw, path)
        try:
            raw["dense"] = DenseParams(**raw["dense"])
            return cls(**raw)
        except (TypeError, KeyError, ValueError) as exc:
            raise IndexCorruptError(f"{path} is incomplete: {exc}", hint=_REBUILD) from exc

    def check_files(self, directory: Path, full: bool = False) -> None:
        """Every listed file exists with the recorded size and checksum (catches partial copies
        and damage at the same size); ``full``: also the files above ``VERIFY_ON_LOAD_BYTES``."""
        for name, size in self.files.items():
            path = directory / name
            if not path.is_file() or path.stat().st_size != size:
                raise IndexCorruptError(f"index file {path} is missing or has the wrong size", hint=_REBUILD)
        for name, digest in self.checksums.items():
            if (full or self.files.get(name, 0) <= VERIFY_ON_LOAD_BYTES) and file_digest(directory / name) != digest:
                raise IndexCorruptError(f"index file {directory / name} is damaged "
                                        "(its checksum differs from the manifest's)", hint=_REBUILD)

    def check_embedder(self, name: str | None, directory: Path) -> None:
        """Refuse to search with another embedder than the index was built with."""
        if name is not None and name != self.embedder:
            raise IndexMismatchError(
                f"the index at {directory} was built with embedder {self.embedder!r}, not {name!r}",
                hint=f"use --embedder {self.embedder} or rebuild with `qa index --embedder {name}`",
            )


def file_digest(path: Path) -> str:
    """blake2b-128 of a file's bytes (hex)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=16)).hexdigest()


def describe_files(directory: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Size and checksum of every file under ``directory`` (the manifest's ``files``/``checksums``)."""
    paths = [p for p in sorted(directory.rglob("*")) if p.is_file() and p.name != MANIFEST]
    names = [str(p.relative_to(directory)) for p in paths]
    return ({n: p.stat().st_size for n, p in zip(names, paths)},
            {n: file_digest(p) for n, p in zip(names, paths)})


def manifest_text(raw: dict) -> str:
    """The JSON text of a manifest's fields with ``manifest_checksum`` (re)computed."""
    raw = dict(raw, manifest_checksum="")
    raw["manifest_checksum"] = _text_digest(json.dumps(raw, ensure_ascii=False, indent=1))
    return json.dumps(raw, ensure_ascii=False, indent=1)


def _text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _check_own_checksum(raw: dict, path: Path) -> None:
    """A manifest written with a checksum must still match it (older ones have none)."""
    recorded = raw.get("manifest_checksum")
    if not recorded:
        return
    raw["manifest_checksum"] = ""
    actual = _text_digest(json.dumps(raw, ensure_ascii=False, indent=1))
    raw["manifest_checksum"] = recorded
    if actual != recorded:
        raise IndexCorruptError(f"{path} is damaged (its checksum does not match its content)", hint=_REBUILD)
