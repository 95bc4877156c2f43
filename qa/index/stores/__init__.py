"""Search stores (see :mod:`qa.index.stores.base`): a registry of names and how to open one."""

from __future__ import annotations

from pathlib import Path

from qa.errors import ConfigError, UnknownBackendError
from qa.index.stores.base import Filter, Hits, SearchStore, StoreSpec

#: registered store names -> what they need
STORES = {"local": "FAISS and bm25s files in the index directory (default)",
          "milvus": "a Milvus collection: a Milvus Lite file or http://host:19530 (pip install 'zhqa[milvus]')"}

__all__ = ["KEYWORD_MODES", "STORES", "Filter", "Hits", "SearchStore", "StoreSpec", "check_spec", "connect", "open_store"]


KEYWORD_MODES = ("ours", "builtin")
_URI_HINT = "pass --store-uri ./milvus.db (a Milvus Lite file) or http://host:19530, or set QA_STORE_URI"


def check_spec(name: str, uri: str | None, keyword: str = "ours") -> StoreSpec:
    """A valid :class:`StoreSpec` for the settings, or a clear error (unknown name, bad URI).

    A Milvus Lite file is recorded as an absolute path, so the index finds it from any folder.
    """
    if name not in STORES:
        raise UnknownBackendError("store", name, list(STORES))
    if name == "local":
        return StoreSpec()
    if keyword not in KEYWORD_MODES:
        raise UnknownBackendError("keyword mode", keyword, list(KEYWORD_MODES))
    if not uri:
        raise ConfigError("the milvus store needs a URI", hint=_URI_HINT)
    if "://" not in uri:
        if not uri.endswith(".db"):
            raise ConfigError(f"store URI {uri!r} is neither a Milvus Lite file (*.db) nor a server address",
                              hint=_URI_HINT)
        path = Path(uri).expanduser().absolute()
        if not path.parent.is_dir():
            raise ConfigError(f"the folder of {path} does not exist", hint="create it, or " + _URI_HINT)
        uri = str(path)
    return StoreSpec(name, uri, keyword)


def connect(spec: StoreSpec) -> None:
    """Fail now, with a clear error, when the store cannot be reached (before any embedding)."""
    if spec.name == "milvus":
        from qa.index.stores.milvus import client

        client(spec.uri)


def open_store(index, entry: dict, uri: str | None = None) -> SearchStore:
    """The store recorded in the index's manifest (``uri`` overrides the recorded one)."""
    name = entry.get("name", "local")
    if name == "local":
        from qa.index.stores.local import LocalStore

        return LocalStore(index)
    if name == "milvus":
        from qa.index.stores.milvus import MilvusStore

        return MilvusStore(index, uri or entry["uri"], entry)
    raise UnknownBackendError("store", name, list(STORES))
