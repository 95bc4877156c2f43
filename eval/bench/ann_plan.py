"""Which configurations :mod:`eval.bench.ann_sweep` measures, on which vectors and questions."""

from __future__ import annotations

import time
from dataclasses import asdict

import numpy as np

from eval.bench.ann_sweep import SweepRow, exact_top, sweep
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
