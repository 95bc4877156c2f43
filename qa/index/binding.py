"""Which corpus folder an index belongs to.

An index records the folder it was built from (``manifest.corpus_dir``). Building it
from, or serving it with, another folder would silently drop every document that folder
lacks (one upload into a service started with the wrong ``--corpus`` removed a document
it had nothing to do with), so that is refused unless the caller rebinds explicitly.

A copy or a move of the whole corpus is not "another folder" in that sense: a folder
that holds every indexed document, byte for byte, is adopted without asking, because
binding to it loses nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from qa.errors import CorpusMismatchError, IndexStoreError
from qa.index.manifest import MANIFEST, Manifest
from qa.index.store import Index, build_lock


def same_folder(recorded: str | None, corpus_dir: Path) -> bool:
    """True when the index recorded no folder (older indexes) or this very one."""
    return recorded is None or Path(recorded) == corpus_dir.resolve()


def mismatch(index_dir: Path, recorded: str, corpus_dir: Path, missing: list[str]) -> CorpusMismatchError:
    """The error for an index used with a folder it was not built from."""
    lost = f"; it lacks {len(missing)} indexed document(s): {', '.join(missing[:5])}" if missing else ""
    return CorpusMismatchError(
        f"the index at {index_dir} was built from {recorded}, not {corpus_dir.resolve()}{lost}",
        hint=f"use --corpus {recorded}, or pass --rebind to re-index {corpus_dir} into it "
             "(documents it lacks are removed from the index)",
    )


def check_build(index_dir: Path, corpus_dir: Path, doc_ids: set[str], indexed: set[str] | None) -> None:
    """Before building ``index_dir`` from ``corpus_dir`` (holding ``doc_ids``): refuse another
    folder that lacks indexed documents (``indexed``; None: the old index could not be read)."""
    try:
        recorded = Manifest.read(index_dir).corpus_dir
    except IndexStoreError:
        return  # no index, or one too damaged to say where it came from: nothing to protect
    if same_folder(recorded, corpus_dir):
        return
    missing = sorted(indexed - doc_ids) if indexed is not None else ["(unknown: the index cannot be read)"]
    if missing:
        raise mismatch(index_dir, recorded, corpus_dir, missing)


def bind_at_start(index_dir: Path, corpus_dir: Path) -> None:
    """Before serving ``index_dir`` with ``corpus_dir``: accept the recorded folder, adopt an
    exact copy of it (recorded in the manifest), refuse anything else."""
    try:
        manifest = Manifest.read(index_dir)
    except IndexStoreError:
        return  # loading reports it
    if same_folder(manifest.corpus_dir, corpus_dir):
        return
    with build_lock(index_dir):
        index = Index.load(index_dir, search=False)
        try:
            missing = _differences(index, corpus_dir)
        finally:
            index.close()
        if missing:
            raise mismatch(index_dir, manifest.corpus_dir, corpus_dir, missing)
        record_folder(index_dir, corpus_dir)


def record_folder(index_dir: Path, corpus_dir: Path) -> None:
    """Rewrite the manifest with ``corpus_dir`` as its folder (atomically; call under the build lock)."""
    manifest = Manifest.read(index_dir)
    manifest.corpus_dir = str(corpus_dir.resolve())
    tmp = index_dir / (MANIFEST + ".tmp")
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    tmp.replace(index_dir / MANIFEST)


def _differences(index: Index, corpus_dir: Path) -> list[str]:
    """Indexed documents whose file is not in ``corpus_dir`` with the same bytes."""
    out = []
    for meta in index.docs:
        path = corpus_dir / meta.source
        try:
            same = path.parent == corpus_dir and hashlib.sha256(path.read_bytes()).hexdigest() == meta.sha256
        except OSError:
            same = False
        if not same:
            out.append(meta.doc_id)
    return out
