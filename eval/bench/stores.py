"""Search latency of the two stores, local (FAISS + bm25s) and milvus (Milvus Lite), on the same index.

    python -m eval.bench.stores [--sizes bundled,rgb-zh,280000] [--queries 200] [--out eval/results/bench/stores.md]

Every size is one assembled index written twice through the real writer, once per store
(``write_index``; the milvus one through the same sync ``qa index --store milvus`` runs).
Nothing is embedded but the questions: ``bundled`` and ``rgb-zh`` reuse the cached indexes'
real vectors and tokens (``.cache/bench/<name>/index``, read only); a larger size repeats
RGB-zh's documents, each copy with perturbed vectors (:mod:`eval.bench.realistic`: a real
e5 vector plus noise shaped like real neighbours' differences) and 10 % of its BM25 tokens
dropped, the recipe of the million-chunk set. Above ``FLAT_MAX`` chunks both stores use
HNSW (FAISS: 8-bit codes + exact re-rank; Milvus: HNSW, same M/efConstruction/ef).

Each store is measured in its own process (its peak RSS is then its own; for Milvus Lite
the server process is counted too): the real RGB-zh questions, embedded once; per question
the dense top-50, the keyword top-50, and the hybrid ranking (both, fused by RRF) the
retriever asks for; median/p95/p99 in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

CANDIDATES = 50


def _source_dir(name: str, cache: Path | None) -> Path:
    """The cached index of ``name`` (``qa bench`` builds them): under ``cache``, else this checkout's."""
    from eval.external import cache_dir

    return (cache / name / "index") if cache is not None else cache_dir(name) / "index"


def assemble(name: str, n: int | None, cache: Path | None = None):
    """An :class:`Assembled` index of ``name``'s cached index, repeated up to ``n`` chunks."""
    from qa.index.store import Index
    from qa.index.writer import Assembled

    src = Index.load(_source_dir(name, cache), search=False)
    docs = [src.document(m.doc_id) for m in src.docs]
    counts = [m.chunk_hi - m.chunk_lo for m in src.docs]
    chunks, vectors, tokens = src.chunks(), np.asarray(src.vectors()), src.tokens()
    a = Assembled(docs, counts, chunks, vectors, list(src.manifest.words), {c.id: t for c, t in zip(chunks, tokens)})
    if n is None or n <= len(chunks):
        return a, src.manifest
    return _repeat(a, n), src.manifest


def _repeat(a, n: int):
    """Copies of every document (ids suffixed ``~k``) until ``n`` chunks: perturbed vectors, 10 % of tokens dropped."""
    from eval.bench.realistic import NoiseModel, nearest_neighbours
    from qa.index.writer import Assembled

    pool = np.ascontiguousarray(a.vectors, dtype=np.float32)
    nn, best = nearest_neighbours(pool)
    noise, rng, rnd = NoiseModel(pool, nn, best), np.random.default_rng(0), random.Random(0)
    docs, counts, chunks, parts, tokens = list(a.documents), list(a.chunk_counts), list(a.chunks), [a.vectors], dict(a.reusable_tokens)
    k = 0
    while len(chunks) < n:
        k += 1
        for doc in a.documents:
            docs.append(replace(doc, doc_id=f"{doc.doc_id}~{k}"))
        counts += a.chunk_counts
        for c in a.chunks:
            cid = f"{c.id}~{k}"
            chunks.append(replace(c, id=cid, doc_id=f"{c.doc_id}~{k}"))
            tokens[cid] = [t for t in a.reusable_tokens[c.id] if rnd.random() >= 0.1]
        parts.append(noise.copies(pool, rng))
    return Assembled(docs, counts, chunks, np.concatenate(parts), a.words, tokens)


def write(a, manifest, directory: Path, store: str, db: Path) -> float:
    """Write the index for ``store`` into ``directory`` (replaced); seconds taken."""
    from qa.index.dense import DenseParams
    from qa.index.stores import check_spec
    from qa.index.stores.writing import store_sync
    from qa.index.writer import write_index

    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    m = replace(manifest, n_chunks=len(a.chunks), n_documents=len(a.documents), dense=DenseParams.for_size(len(a.chunks)),
                files={}, checksums={}, store={"name": store}, corpus_dir=None, lexicon={})
    spec = check_spec(store, str(db) if store == "milvus" else None)
    if store == "milvus":
        m.store = {"name": "milvus", "uri": spec.uri}
    t = time.perf_counter()
    write_index(directory, a, m, store_sync(spec, directory, None, {}, a, m))
    return time.perf_counter() - t


def measure(directory: Path, queries: Path) -> dict:
    """Latency of one store (runs in a child process)."""
    import psutil

    from qa.index.store import Index
    from qa.retrieve import rrf

    data = json.loads(queries.read_text("utf-8"))
    vectors = np.load(queries.with_suffix(".npy"))
    index = Index.load(directory)
    store = index.store
    toks = [index.tokenizer.tokens(q) for q in data["questions"]]
    store.dense(vectors[0], CANDIDATES)  # warm: first-call costs are not search latency
    store.keyword(toks[0], data["questions"][0], CANDIDATES)
    dense, keyword, hybrid = [], [], []
    for q, v, t in zip(data["questions"], vectors, toks):
        t0 = time.perf_counter()
        d = store.dense(v, CANDIDATES)
        t1 = time.perf_counter()
        k = store.keyword(t, q, CANDIDATES)
        t2 = time.perf_counter()
        rrf([(d.rows, 0.5), (k.rows, 1.0)], 20)
        t3 = time.perf_counter()
        dense.append(t1 - t0)
        keyword.append(t2 - t1)
        hybrid.append(t3 - t0)
    me = psutil.Process()
    rss = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
    peak = _peak_mib() + sum(_peak_mib(str(c.pid)) for c in me.children(recursive=True))
    out = {"store": store.name, "chunks": len(index), "questions": len(vectors),
           **{f"{name}_{k}": v for name, xs in (("dense", dense), ("keyword", keyword), ("hybrid", hybrid))
              for k, v in _pcts(xs).items()},
           "rss_mib": round(rss / 2**20, 1), "peak_rss_mib": round(peak, 1)}
    index.close()
    return out


def _peak_mib(pid: str = "self") -> float:
    from eval.bench.memory import status_mib

    try:
        return status_mib("VmHWM", pid)
    except (OSError, ValueError, KeyError):
        return 0.0


def _pcts(xs: list[float]) -> dict[str, float]:
    a = np.asarray(xs) * 1000
    return {"median_ms": round(float(np.median(a)), 3), "p95_ms": round(float(np.percentile(a, 95)), 3),
            "p99_ms": round(float(np.percentile(a, 99)), 3)}


def _queries(work: Path, n: int) -> Path:
    """The RGB-zh questions and their e5 query vectors (embedded once, kept in ``work``)."""
    from eval.bench.corpora import rgb_questions
    from qa.factory import make_embedder

    path = work / f"queries-{n}.json"
    if not path.exists():
        qs = rgb_questions()[:n]
        emb = make_embedder("e5-small")
        np.save(path.with_suffix(".npy"), np.stack([emb.embed_query(q) for q in qs]).astype(np.float32))
        path.write_text(json.dumps({"questions": qs}, ensure_ascii=False), encoding="utf-8")
    return path


def run(sizes: list[str], n_queries: int, work: Path, cache: Path | None = None, log=print) -> list[dict]:
    work.mkdir(parents=True, exist_ok=True)
    queries = _queries(work, n_queries)
    rows = []
    for size in sizes:
        name, n = (size, None) if not size.isdigit() else ("rgb-zh", int(size))
        a, manifest = assemble(name, n, cache)
        for store in ("local", "milvus"):
            directory, db = work / f"{size}-{store}", work / f"{size}.db"
            shutil.rmtree(db, ignore_errors=True)  # milvus-lite 3 keeps a folder at the .db path
            secs = write(a, manifest, directory, store, db)
            from qa.index.stores.milvus import close_clients

            close_clients()  # the child opens the Milvus Lite file itself
            r = subprocess.run([sys.executable, "-m", "eval.bench.stores", "--measure", str(directory),
                                "--query-file", str(queries)], capture_output=True, text=True, check=False)
            if r.returncode != 0:
                raise RuntimeError(r.stderr[-2000:])
            row = {"size": size, "write_s": round(secs, 1), **json.loads(r.stdout.strip().splitlines()[-1])}
            log(json.dumps(row, ensure_ascii=False))
            rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    head = ("| size | chunks | store | write s | dense median / p95 / p99 ms | keyword median / p95 / p99 ms "
            "| hybrid median / p95 / p99 ms | peak RSS MiB |\n|---|---|---|---|---|---|---|---|\n")
    body = "".join(
        f"| {r['size']} | {r['chunks']} | {r['store']} | {r['write_s']} | "
        + " | ".join(f"{r[f'{k}_median_ms']} / {r[f'{k}_p95_ms']} / {r[f'{k}_p99_ms']}" for k in ("dense", "keyword", "hybrid"))
        + f" | {r['peak_rss_mib']} |\n" for r in rows)
    return head + body


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="bundled,rgb-zh,280000")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "zhqa-bench-stores")
    p.add_argument("--cache", type=Path, default=None,
                   help="folder of cached benchmark indexes (<name>/index) [default: this checkout's .cache/bench]")
    p.add_argument("--out", type=Path, default=None, help="also write the table and rows (markdown + JSON)")
    p.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--query-file", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.query_file)))
        return
    rows = run(args.sizes.split(","), args.queries, args.work, args.cache)
    print(table(rows))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.with_suffix(".json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        args.out.write_text(table(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
