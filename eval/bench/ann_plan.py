"""Which configurations :mod:`eval.bench.ann_sweep` measures, on which vectors and questions.

Run ``python -m eval.bench.ann_plan --corpus synth-1m --corpus crud-news`` after ``qa bench --sizes all``
(``--plan``: quick, graph or full); writes ``ann_sweep.json`` and ``ann_sweep.md``.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from eval.bench.ann_sweep import CANDIDATES, SweepRow, exact_top, sweep, write_many
from eval.bench.corpora import rgb_questions
from eval.bench.large_vectors import recorded
from eval.external import cache_dir
from qa.index.dense import DenseParams
from qa.index.npyrows import NpyRows
from qa.index.store import Index

EF_SEARCH = (16, 32, 48, 64, 80, 96, 128, 192, 256, 384, 512)


def _settings(plan: str, chosen: DenseParams) -> list[tuple[DenseParams, list[dict], bool]]:
    """(build parameters, search-time settings, reuse the index's own graph) per configuration."""
    hnsw = [{"ef_search": ef, "rerank": 64} for ef in EF_SEARCH] + [{"ef_search": ef, "rerank": 128}
                                                                    for ef in (64, 128, 256)]
    plans = {
        "quick": [(chosen, [{}], True)],
        "graph": [(chosen, hnsw, True)],
        "full": [(chosen, hnsw, True),
                 (DenseParams("hnsw_sq8", 16, 80, 0, 64), [{"ef_search": ef} for ef in EF_SEARCH], False),
                 (DenseParams("hnsw_sq8", 48, 120, 0, 64), [{"ef_search": ef} for ef in EF_SEARCH[:8]], False)],
    }
    return plans[plan]


def run_plan(corpus: str, n_queries: int, plan: str, log=print) -> tuple[list[SweepRow], dict]:
    """Measure ``plan`` on the cached ``corpus`` with real RGB-zh question embeddings."""
    from qa.factory import make_embedder

    index = Index.load(cache_dir(corpus) / "index")
    vectors = np.load(index.directory / "vectors.npy")  # in memory: builds and the exact scan read it all
    embedder = make_embedder("e5-small", cache=False)
    queries = np.stack([embedder.embed_query(q) for q in rgb_questions()[:n_queries]]).astype(np.float32)
    t = time.perf_counter()
    exact = exact_top(vectors, queries)
    log(f"[{corpus}] exact top 10 of {len(queries)} questions over {len(vectors):,} vectors: "
        f"{time.perf_counter() - t:.1f} s")
    rows_reader = NpyRows(index.directory / "vectors.npy")
    rows: list[SweepRow] = []
    for base, settings, reuse in _settings(plan, index.manifest.dense):
        log(f"[{corpus}] {base.kind} M={base.m} efC={base.ef_construction}")
        built = index.dense.index if reuse else None
        rows += sweep(vectors, rows_reader, queries, exact, base, settings, built=built, log=log)
    meta = {"corpus": corpus, "n": len(vectors), "queries": len(queries), "plan": plan,
            "vectors": recorded(cache_dir(corpus)), "index_dense": asdict(index.manifest.dense)}
    return rows, meta


def main(argv: list[str] | None = None) -> int:
    from eval.bench.machine import collect, load1
    from qa.config import project_root

    ap = argparse.ArgumentParser(description="ANN sweep: recall@10 against exact search and latency")
    ap.add_argument("--corpus", action="append", help="repeatable; default synth-1m")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--plan", default="full", help="which configurations (see eval/bench/ann_plan.py)")
    ap.add_argument("--out", type=Path, default=Path("eval/results/bench"))
    args = ap.parse_args(argv)
    runs = []
    for corpus in args.corpus or ["synth-1m"]:
        before, t = load1(), time.perf_counter()
        rows, meta = run_plan(corpus, args.queries, args.plan)
        meta.update(load_before=round(before, 2), load_after=round(load1(), 2),
                    seconds=round(time.perf_counter() - t, 1))
        runs.append((rows, meta))
    write_many(runs, args.out, {"machine": asdict(collect(project_root())),
                                "candidates": CANDIDATES, "recall": "recall@10 against a flat scan"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
