"""The builder's side of the search stores: which store an index had, and writing the new one."""

from __future__ import annotations

from pathlib import Path

from qa.errors import IndexStoreError
from qa.index.manifest import Manifest
from qa.index.stores.base import StoreSpec


def store_entry(index_dir: Path, old) -> dict:
    """The store the current index records (also when it is not reusable), else none."""
    if old is not None:
        return old.manifest.store
    try:
        return Manifest.read(index_dir).store
    except IndexStoreError:
        return {}


def same_store(entry: dict, spec: StoreSpec) -> bool:
    return (entry.get("name", "local") == spec.name and entry.get("uri") == spec.uri
            and (spec.name == "local" or entry.get("keyword", "ours") == spec.keyword))


def store_sync(spec: StoreSpec, index_dir: Path, old, prev: dict, a, manifest: Manifest):
    """The writer's hook that fills an engine's collection (None for the local store)."""
    if spec.name == "local":
        return None
    from qa.index.stores.milvus_sync import sync_milvus

    def sync(tokens: list[list[str]]) -> None:
        manifest.store = sync_milvus(spec, index_dir, old, prev, a, tokens, manifest)

    return sync


def drop_replaced(prev: dict, now: dict) -> None:
    """After publishing: drop the Milvus collection the new index no longer uses (best effort)."""
    if prev.get("name") == "milvus" and (prev.get("uri"), prev.get("collection")) != (now.get("uri"), now.get("collection")):
        from qa.index.stores.milvus_sync import drop_collection

        drop_collection(prev["uri"], prev["collection"])


def describe_store(entry: dict) -> str:
    """One line about an engine's collection ("" for the local store)."""
    if entry.get("name", "local") == "local":
        return ""
    change = entry.get("last_change")
    how = (f"{change['upserted']} chunks upserted, {change['deleted_chunks']} stale chunks and "
           f"{change['deleted_documents']} documents' chunks deleted" if change else "written in full")
    return f"{entry['name']} collection {entry['collection']} (version {entry['version']}: {how}) at {entry['uri']}"
