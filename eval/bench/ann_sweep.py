"""The measurements behind :meth:`DenseParams.for_size`: recall@10 against exact search and latency.

Run ``python -m eval.bench.ann_plan --corpus synth-1m --corpus crud-news`` after
``qa bench --sizes all`` has assembled the large corpora (``--plan``: quick, graph or full).
Every configuration is searched through :class:`~qa.index.dense.DenseIndex`, exactly as a
query is served: one thread, 50 candidates (the retriever's), the best ``rerank`` re-scored
from ``vectors.npy``.
Recall@10 is the share of the exact top 10 (a flat scan of the same vectors) that the
configuration returns in its top 10, over real e5 embeddings of RGB-zh questions.
Writes ``ann_sweep.json`` and ``ann_sweep.md`` (a table per corpus, with the load average).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import faiss
import numpy as np

from eval.metrics import latency_summary
from qa.index.dense import DenseIndex, DenseParams, build_faiss

CANDIDATES = 50  # what the retriever asks the dense side for


@dataclass(slots=True)
class SweepRow:
    """One configuration: its parameters, recall@10 against exact search, latency, memory."""

    params: DenseParams
    recall_at_10: float
    median_ms: float
    p95_ms: float
    build_s: float  # 0: the graph was built once and shared by the rows that only change search-time settings
    index_mib: float  # the FAISS index as serialised (what a serving process holds in memory)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int = 10, block: int = 200_000) -> list[set[int]]:
    """The exact top ``k`` rows of every query (inner product), scanned in blocks."""
    best_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), k), dtype=np.int64)
    for lo in range(0, len(vectors), block):
        sims = queries @ np.asarray(vectors[lo : lo + block], dtype=np.float32).T
        s = np.concatenate([best_s, sims], axis=1)
        i = np.concatenate([best_i, np.broadcast_to(np.arange(lo, lo + sims.shape[1]), sims.shape)], axis=1)
        top = np.argpartition(-s, k - 1, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(s, top, 1), np.take_along_axis(i, top, 1)
    return [set(row.tolist()) for row in best_i]


def measure(index: DenseIndex, queries: np.ndarray, exact: list[set[int]]) -> tuple[float, float, float]:
    """(recall@10, median ms, p95 ms) of ``index`` as the retriever uses it."""
    hits, times = 0, []
    for q, want in zip(queries, exact):
        t = time.perf_counter()
        ids, _ = index.search(q, CANDIDATES)
        times.append((time.perf_counter() - t) * 1000)
        hits += len(want & set(ids[:10].tolist()))
    lat = latency_summary(times)
    return round(hits / (10 * len(queries)), 4), round(lat.median or 0.0, 3), round(lat.p95 or 0.0, 3)


def index_mib(index: faiss.Index) -> float:
    """Size of the serialised index (written to a temporary file: a million-vector graph is large)."""
    fd, path = tempfile.mkstemp(suffix=".faiss")
    os.close(fd)
    try:
        faiss.write_index(index, path)
        return round(os.path.getsize(path) / 2**20, 1)
    finally:
        os.unlink(path)


def sweep(vectors, rows_reader, queries: np.ndarray, exact: list[set[int]], base: DenseParams,
          search_settings: list[dict], built: faiss.Index | None = None, log=print) -> list[SweepRow]:
    """Build ``base`` once (or use ``built``), then measure it under each of ``search_settings``
    (DenseParams fields that do not change the build: ``ef_search``, ``nprobe``, ``rerank``)."""
    t = time.perf_counter()
    graph = built if built is not None else build_faiss(vectors, base)
    build_s = 0.0 if built is not None else round(time.perf_counter() - t, 1)
    mib = index_mib(graph)
    rows = []
    for i, setting in enumerate(search_settings):
        params = replace(base, **setting)
        recall, med, p95 = measure(DenseIndex(graph, params, vectors=rows_reader), queries, exact)
        rows.append(SweepRow(params, recall, med, p95, build_s if i == 0 else 0.0, mib))
        log(f"  {_label(params)}: recall@10 {recall:.4f}, median {med:.2f} ms, p95 {p95:.2f} ms")
    return rows


def _label(p: DenseParams) -> str:
    parts = [p.kind, f"M={p.m}" if p.m else "", f"efC={p.ef_construction}" if p.ef_construction else "",
             f"efSearch={p.ef_search}" if p.ef_search else "", f"rerank={p.rerank}"]
    return " ".join(x for x in parts if x)


def write(rows: list[SweepRow], meta: dict, out: Path) -> None:
    """``ann_sweep.json`` and ``ann_sweep.md`` for one corpus (see :func:`write_many`)."""
    write_many([(rows, meta)], out)


def write_many(runs: list[tuple[list[SweepRow], dict]], out: Path, head: dict | None = None) -> None:
    """``ann_sweep.json`` (everything: ``head``, then per corpus its meta and rows) and
    ``ann_sweep.md`` (a table per corpus)."""
    out.mkdir(parents=True, exist_ok=True)
    doc = {**(head or {}), "runs": [{"meta": meta, "rows": [asdict(r) for r in rows]} for rows, meta in runs]}
    (out / "ann_sweep.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = []
    if head:
        m = head.get("machine") or {}
        where = (f"{m.get('date', '?')}, {m.get('nproc', '?')} cores ({m.get('cpu_model', '?')}), commit "
                 f"{m.get('commit', '?')}, faiss-cpu {m.get('versions', {}).get('faiss-cpu', '?')}. ") if m else ""
        lines += ["# ANN sweeps", "", where + "; ".join(f"{k}: {v}" for k, v in head.items()
                                                      if not isinstance(v, dict)), ""]
    for rows, meta in runs:
        lines += [f"## {meta['corpus']} ({meta['n']:,} vectors, {meta['queries']} real questions)", "",
                  meta.get("note", "") or _load_note(meta), "",
                  "| configuration | recall@10 vs exact | median ms | p95 ms | build s | index MiB |",
                  "|---|---:|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {_label(r.params)} | {r.recall_at_10:.4f} | {r.median_ms:.2f} | {r.p95_ms:.2f} | "
                         f"{r.build_s or '-'} | {r.index_mib:,.0f} |")
        lines.append("")
    (out / "ann_sweep.md").write_text("\n".join(lines), encoding="utf-8")


def _load_note(meta: dict) -> str:
    parts = []
    v = meta.get("vectors") or {}
    if v:
        parts.append(f"Vectors ({v.get('version', '?')}): perturbed copies of {v.get('n', 0):,} real e5 passage "
                     f"vectors, cosine {v.get('target_cos', '?')} to their source"
                     + (f", {v['real_rows']:,} rows really embedded" if v.get("real_rows") else "") + ".")
    if "load_before" in meta:
        parts.append(f"Plan {meta.get('plan', '?')}; load average {meta['load_before']:.2f} before, "
                     f"{meta['load_after']:.2f} after; {meta.get('seconds', 0):.0f} s.")
    return " ".join(parts)
