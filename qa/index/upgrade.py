"""Bring an index directory of an older format up to date in place, without re-embedding.

Format 2 listed every document inside ``manifest.json``; format 3 keeps them in
``documents.jsonl`` with a sorted id table, and precomputes each organisation's chunk
rows. Nothing else changed, so an upgrade writes those files and a new manifest into a
temporary directory, hard-links every other file (vectors, FAISS, BM25: gigabytes at a
million chunks) and publishes it atomically like a build. Embedding a corpus again would
take hours; this takes seconds.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np

from qa.errors import IndexCorruptError
from qa.index.doctable import DocMeta, write_doc_table
from qa.index.manifest import FORMAT, FORMAT_VERSION, LAYOUT, MANIFEST, UPGRADABLE, describe_files, manifest_text
from qa.index.store import new_tmp_dir, publish
from qa.index.writer import org_index

_REWRITTEN = {MANIFEST, "offsets.npz"}


def needs_upgrade(directory: Path) -> bool:
    """The directory holds an index of a format :func:`upgrade` converts."""
    raw = _manifest(directory)
    return raw is not None and raw.get("format") == FORMAT and raw.get("format_version") in UPGRADABLE


def upgrade(directory: Path) -> bool:
    """Convert an older index at ``directory`` to the current format; False when nothing to do.

    Call it holding the directory's build lock (:func:`qa.index.builder.build_lock`):
    readers of the previous version keep their open files, as after any publish.
    """
    if not needs_upgrade(directory):
        return False
    raw = _manifest(directory) or {}
    tmp = new_tmp_dir(directory)
    try:
        link_tree(directory, tmp, skip=_REWRITTEN)
        with np.load(directory / "offsets.npz") as off:
            arrays = {k: off[k] for k in off.files}
        n_chunks = int(raw["n_chunks"])
        orgs = arrays.get("orgs", np.full(n_chunks, -1, np.int16))
        arrays.update(org_index(orgs, len(raw["orgs"])))
        docs = [DocMeta(**d) for d in raw.pop("documents")]
        arrays.update(write_doc_table(tmp, docs, n_chunks))
        np.savez(tmp / "offsets.npz", **arrays)
        raw.update(format_version=FORMAT_VERSION, n_documents=len(docs), layout=dict(LAYOUT))
        raw["files"], raw["checksums"] = describe_files(tmp)
        (tmp / MANIFEST).write_text(manifest_text(raw), encoding="utf-8")
    except (KeyError, TypeError, ValueError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise IndexCorruptError(f"cannot upgrade the index at {directory}: {exc!r}",
                                hint="rebuild with `qa index --rebuild`") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    publish(tmp, directory)
    return True


def _manifest(directory: Path) -> dict | None:
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def link_tree(src: Path, dst: Path, skip: set[str]) -> None:
    """Hard-link every file of ``src`` except those in ``skip`` (relative paths) into ``dst``;
    files are copied where links cannot be made (another file system)."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if not path.is_file() or str(rel) in skip:
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
