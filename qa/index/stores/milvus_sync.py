"""Writing an index's chunks into its Milvus collection: everything, or only what changed.

A full write (a new index, another store or URI before, a rebuild, the dense index kind
changing with the size, other tokenizer words, the mean chunk length moved by over 2 %) fills a new collection named after the
index directory and a version number; the previous collection is dropped once the new
directory is published. An incremental write upserts the chunks of added and changed
documents and deletes the chunks of removed documents and the stale chunks of changed
ones; everything else in the collection is untouched.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from qa.index.fields import indexed_text
from qa.index.lexical import BM25_PARAMS
from qa.index.stores.base import StoreSpec
from qa.index.stores.milvus import (
    _HINT,
    StoreUnavailableError,
    _first_line,
    analyzer_params,
    client,
    dense_index_params,
)
from qa.index.stores.sparse import avg_length, doc_vector
from qa.text.tokenize import normalise

log = logging.getLogger(__name__)
BATCH = 2000
#: the chunk weights use the mean chunk length of the first fill; when the corpus's has moved
#: further than this, the collection is rewritten (the BM25 scores then match bm25s' again)
AVGDL_DRIFT = 0.02


def collection_name(index_dir: Path, version: int) -> str:
    """``zhqa_<hash of the index folder>_v<version>`` (letters, digits and underscores, as Milvus wants)."""
    h = hashlib.blake2b(str(index_dir.resolve()).encode("utf-8"), digest_size=6).hexdigest()
    return f"zhqa_{h}_v{version}"


def sync_milvus(spec: StoreSpec, index_dir: Path, old, prev: dict, a, tokens: list[list[str]], manifest) -> dict:
    """Bring the collection in line with the assembled index; return the manifest's ``store`` entry.

    ``old``: the previous index when its chunks are reusable (None: write everything);
    ``prev``: the store entry the previous index recorded (its collection and version).
    """
    keyword = spec.keyword
    c = client(spec.uri)
    kind, kparams = dense_index_params(len(a.chunks))
    try:
        if _incremental(c, spec, prev, old, manifest, kind, keyword, avg_length(tokens)):
            entry = {k: v for k, v in prev.items() if k != "last_change"}
            entry["version"] = prev["version"] + 1
            _apply_changes(c, entry["collection"], old, a, tokens, entry)
            return entry
        version = int(prev.get("version", 0)) + 1 if prev.get("name") == "milvus" else 1
        entry = {"name": "milvus", "uri": spec.uri, "collection": collection_name(index_dir, version),
                 "version": version, "keyword": keyword, "dense_index": kind, "dense_params": kparams,
                 "avgdl": avg_length(tokens)}
        _create(c, entry, manifest.dim, manifest.words, kparams)
        _insert(c, entry, a, tokens, range(len(a.documents)))
        c.flush(entry["collection"])
        return entry
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise StoreUnavailableError(f"cannot write to Milvus at {spec.uri}: {_first_line(exc)}", hint=_HINT) from exc


def drop_collection(uri: str, name: str) -> None:
    """Drop a collection no index uses any more (best effort: a leftover one is harmless)."""
    try:
        c = client(uri)
        if c.has_collection(name):
            c.drop_collection(name)
    except Exception as exc:
        log.warning("could not drop the unused Milvus collection %s at %s: %s", name, uri, exc)


def _incremental(c, spec, prev, old, manifest, kind, keyword, avgdl) -> bool:
    """Whether the collection can be updated in place (else it is written in full)."""
    return (old is not None and bool(prev) and abs(avgdl / prev.get("avgdl", avgdl) - 1) <= AVGDL_DRIFT and prev.get("name") == "milvus" and prev.get("uri") == spec.uri
            and prev.get("dense_index") == kind and prev.get("keyword") == keyword
            and old.manifest.words == manifest.words and c.has_collection(prev["collection"]))


def _create(c, entry: dict, dim: int, words: list[str], kparams: dict) -> None:
    from pymilvus import DataType, Function, FunctionType

    name = entry["collection"]
    if c.has_collection(name):
        c.drop_collection(name)
    s = c.create_schema(auto_id=False)
    s.add_field("id", DataType.VARCHAR, is_primary=True, max_length=256)
    # documents are partitioned by id (a filter by document prunes partitions on a cluster)
    s.add_field("doc_id", DataType.VARCHAR, max_length=1024, is_partition_key=True)
    s.add_field("org", DataType.VARCHAR, max_length=512)
    s.add_field("seq", DataType.INT64)
    s.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    ip = c.prepare_index_params()
    ip.add_index("dense", index_type=entry["dense_index"], metric_type="IP", params=kparams)
    ip.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    ip.add_index("doc_id", index_type="INVERTED")  # the document and organisation filters
    ip.add_index("org", index_type="INVERTED")
    if entry["keyword"] == "builtin":
        s.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                    analyzer_params=analyzer_params(words))
        s.add_field("bm25", DataType.SPARSE_FLOAT_VECTOR)
        s.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                input_field_names=["text"], output_field_names=["bm25"]))
        ip.add_index("bm25", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                     params={"bm25_k1": BM25_PARAMS["k1"], "bm25_b": BM25_PARAMS["b"]})  # ours, not Milvus's 1.5
    c.create_collection(name, schema=s, index_params=ip)


def _rows_of(entry: dict, a, tokens, starts: np.ndarray, doc_rows) -> list[dict]:
    out = []
    for d in doc_rows:
        lo, hi = int(starts[d]), int(starts[d + 1])
        for seq, i in enumerate(range(lo, hi)):
            ch = a.chunks[i]
            row = {"id": ch.id, "doc_id": ch.doc_id, "org": ch.org or "", "seq": seq,
                   "dense": a.vectors[i].tolist(), "sparse": doc_vector(tokens[i], entry["avgdl"])}
            if entry["keyword"] == "builtin":
                row["text"] = normalise(indexed_text(ch))
            out.append(row)
    return out


def _insert(c, entry: dict, a, tokens, doc_rows, upsert: bool = False) -> int:
    """Write the chunks of the given document rows in batches; returns how many."""
    write = c.upsert if upsert else c.insert
    starts = np.concatenate([[0], np.cumsum(a.chunk_counts, dtype=np.int64)])
    batch, n = [], 0
    for d in doc_rows:
        batch.extend(_rows_of(entry, a, tokens, starts, [d]))
        if len(batch) >= BATCH:
            write(entry["collection"], batch)
            n, batch = n + len(batch), []
    if batch:
        write(entry["collection"], batch)
        n += len(batch)
    return n


def _apply_changes(c, name: str, old, a, tokens, entry: dict) -> None:
    """Upsert added/changed documents' chunks; delete removed documents and stale chunks."""
    changed = [d for d, doc in enumerate(a.documents)
               if (m := old.doc_by_id.get(doc.doc_id)) is None or m.sha256 != doc.sha256]
    new_ids = {a.chunks[i].id for i in range(len(a.chunks))}
    kept = {doc.doc_id for doc in a.documents}
    removed = [d for d in old.doc_by_id if d not in kept]
    stale = []
    for d in changed:
        m = old.doc_by_id.get(a.documents[d].doc_id)
        if m is not None:
            stale += [ch.id for ch in old.chunks(m.chunk_lo, m.chunk_hi) if ch.id not in new_ids]
    entry["last_change"] = {"upserted": _insert(c, entry, a, tokens, changed, upsert=True),
                            "deleted_documents": len(removed), "deleted_chunks": len(stale)}
    for i in range(0, len(removed), 500):
        c.delete(name, filter=f"doc_id in {_json(removed[i:i + 500])}")
    for i in range(0, len(stale), 1000):
        c.delete(name, ids=stale[i:i + 1000])
    c.flush(name)


def _json(items: list[str]) -> str:
    import json

    return json.dumps(items, ensure_ascii=False)
