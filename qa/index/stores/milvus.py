"""The ``milvus`` store: one Milvus collection per index answers the dense and keyword searches.

The collection holds, per chunk: its id (primary key, a content hash), ``doc_id`` and ``org``
(filters), ``seq`` (its position in its document: the chunk row is the document's first row
plus ``seq``, so only a changed document's chunks are rewritten when others move), the dense
vector (exact ``FLAT`` below :data:`~qa.index.dense.FLAT_MAX` chunks, ``HNSW`` with the FAISS
parameters above) and the keyword side as a sparse vector (:mod:`qa.index.stores.sparse`:
our jieba tokens and our BM25, so keyword scores match the local store's). With
``keyword="builtin"`` a second mode instead sends the normalised text to Milvus's own BM25
function with its jieba analyzer (measured against ours: docs/milvus.md).

``uri`` is a file path for Milvus Lite (embedded: milvus-lite 3 serves the file from threads
of this process, in Python over FAISS; one server per file) or
``http://host:19530`` for a cluster: the same code talks to both. Chunk texts and offsets
stay in the index directory, which is the record the citations are verified against.
"""

from __future__ import annotations

import json
import logging
import threading

import numpy as np

from qa.errors import IndexStoreError
from qa.index.dense import FLAT_MAX, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M
from qa.index.stores.base import Filter, Hits
from qa.index.stores.sparse import query_vector
from qa.text.tokenize import STOPWORDS, normalise

log = logging.getLogger(__name__)
_clients: dict[str, object] = {}
_clients_lock = threading.Lock()
_HINT = "check --store-uri / QA_STORE_URI (a Milvus Lite file such as ./milvus.db, or http://host:19530)"


class StoreUnavailableError(IndexStoreError):
    """The search engine named by the index or the settings cannot be reached or used."""

    code = "store_unavailable"


def client(uri: str):
    """One shared client per URI in this process (Milvus Lite allows one server per file)."""
    with _clients_lock:
        c = _clients.get(uri)
        if c is None:
            c = _connect(uri)
            _clients[uri] = c
        return c


def _connect(uri: str):
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise StoreUnavailableError("the milvus store needs pymilvus",
                                    hint="pip install 'zhqa[milvus]' (pymilvus and milvus-lite)") from exc
    try:
        return MilvusClient(uri=uri, timeout=10)
    except Exception as exc:
        raise StoreUnavailableError(f"cannot reach Milvus at {uri}: {_first_line(exc)}", hint=_HINT) from exc


def close_clients() -> None:
    """Close every client of this process and stop its Milvus Lite servers (they run in this
    process, one per file, and hold the file until stopped: another process can then open it)."""
    with _clients_lock:
        for uri, c in _clients.items():
            try:
                c.close()
                if "://" not in uri:
                    from milvus_lite.server_manager import server_manager_instance

                    server_manager_instance.release_server(uri)
            except Exception as exc:
                log.debug("closing a Milvus client: %s", exc)
        _clients.clear()


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def dense_index_params(n_chunks: int) -> tuple[str, dict]:
    """The dense index for a collection of ``n_chunks``: exact below FLAT_MAX, HNSW above (as FAISS)."""
    if n_chunks < FLAT_MAX:
        return "FLAT", {}
    return "HNSW", {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}


def analyzer_params(words: list[str]) -> dict:
    """Milvus's jieba analyzer set up like our tokenizer (search mode, the index's words, our stopwords)."""
    return {"tokenizer": {"type": "jieba", "dict": ["_default_", *words], "mode": "search", "hmm": True},
            "filter": ["lowercase", {"type": "stop", "stop_words": sorted(STOPWORDS)}]}


def expr(where: Filter | None) -> str:
    """A Milvus boolean expression for the filter (empty: everything)."""
    if where is None:
        return ""
    parts = []
    if where.doc_ids:
        parts.append(f"doc_id in {json.dumps(list(where.doc_ids), ensure_ascii=False)}")
    if where.orgs:
        parts.append(f"org in {json.dumps(list(where.orgs), ensure_ascii=False)}")
    return " and ".join(parts)


class MilvusStore:
    """Searches the index's collection; hits are mapped back to chunk rows of the loaded index."""

    name = "milvus"

    def __init__(self, index, uri: str, entry: dict) -> None:
        self.index = index
        self.uri = uri
        self.collection = entry["collection"]
        self.keyword_mode = entry.get("keyword", "ours")
        self.dense_kind = entry.get("dense_index", "FLAT")
        self.client = client(uri)
        try:
            present = self.client.has_collection(self.collection)
            if present:
                self.client.load_collection(self.collection)
        except Exception as exc:
            raise StoreUnavailableError(f"cannot use Milvus at {uri}: {_first_line(exc)}", hint=_HINT) from exc
        if not present:
            raise StoreUnavailableError(f"Milvus at {uri} has no collection {self.collection!r} for this index",
                                        hint="re-index with `qa index --store milvus --store-uri URI`")

    def dense(self, vector: np.ndarray, n: int, where: Filter | None = None) -> Hits:
        params = {"params": {"ef": max(HNSW_EF_SEARCH, n)}} if self.dense_kind == "HNSW" else {}
        data = [np.asarray(vector, dtype=np.float32).reshape(-1).tolist()]
        return self._search(data, "dense", n, where, params)

    def keyword(self, tokens: list[str], text: str, n: int, where: Filter | None = None) -> Hits:
        if self.keyword_mode == "builtin":
            query = normalise(text).strip()
            return self._search([query], "bm25", n, where, {}) if query else Hits.empty()
        vec = query_vector(tokens, self.index.lexical.doc_freq, len(self.index))
        return self._search([vec], "sparse", n, where, {}) if vec else Hits.empty()

    def _search(self, data: list, field: str, n: int, where: Filter | None, params: dict) -> Hits:
        n = min(n, len(self.index))
        if n <= 0 or (where is not None and len(where.rows) == 0):
            return Hits.empty()
        try:
            res = self.client.search(self.collection, data=data, anns_field=field, limit=n, filter=expr(where),
                                     output_fields=["doc_id", "seq"], search_params=params)
        except Exception as exc:
            raise StoreUnavailableError(f"Milvus search failed at {self.uri}: {_first_line(exc)}", hint=_HINT) from exc
        return self._rows(res[0], field)

    def _rows(self, hits, field: str) -> Hits:
        """Chunk rows of the hits (a hit of a document this index does not have is dropped)."""
        table, bounds = self.index.doc_by_id, self.index.doc_by_id.bounds
        rows, scores = [], []
        for h in hits:
            ent = h["entity"]
            d = table.find(ent["doc_id"])
            if d is None or not 0 <= ent["seq"] < bounds[d + 1] - bounds[d]:
                continue  # written by a newer build than the one loaded: gone at the next reload
            rows.append(int(bounds[d] + ent["seq"]))
            scores.append(float(h["distance"]))
        rows_a, scores_a = np.asarray(rows, np.int64), np.asarray(scores, np.float32)
        if field == "sparse":  # as bm25s: only chunks sharing a token with the query
            keep = scores_a > 0
            rows_a, scores_a = rows_a[keep], scores_a[keep]
        if field != "bm25" and len(rows_a):  # Milvus Lite reports built-in BM25 as negative distances
            order = np.lexsort((rows_a, -scores_a))  # ties by row, as the local store breaks them
            rows_a, scores_a = rows_a[order], scores_a[order]
        return Hits(rows_a, scores_a)

    def close(self) -> None:
        pass  # the client is shared per URI (close_clients)
