"""The large sizes' realistic vectors (perturbed real embeddings) and the ANN sweep's measurements."""

from __future__ import annotations

import json

import numpy as np

from eval.bench.ann_sweep import SweepRow, exact_top, measure, sweep, write
from eval.bench.realistic import NoiseModel, nearest_neighbours, perturbed, pool_stats
from qa.index.dense import DenseIndex, DenseParams, build_faiss


def _pool(n: int = 600, dim: int = 48, seed: int = 0) -> np.ndarray:
    """Unit vectors in a cone (like e5's) with clusters, so nearest neighbours are meaningful."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((30, dim)) + 3.0
    v = centres[rng.integers(30, size=n)] + 0.5 * rng.standard_normal((n, dim))
    v = v.astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_nearest_neighbours_match_a_brute_force_scan_and_skip_the_row_itself():
    pool = _pool(300)
    nn, best = nearest_neighbours(pool, block=70)  # several blocks, a ragged last one
    sims = pool @ pool.T
    np.fill_diagonal(sims, -2.0)
    np.testing.assert_array_equal(nn, sims.argmax(axis=1))
    np.testing.assert_allclose(best, sims.max(axis=1), atol=1e-6)
    assert not np.any(nn == np.arange(len(pool)))


def test_copies_are_unit_vectors_at_the_target_cosine_to_their_source():
    pool = _pool(dim=96)
    nn, best = nearest_neighbours(pool)
    for target in (0.93, 0.8):
        noise = NoiseModel(pool, nn, best, target_cos=target)
        copies = noise.copies(pool, np.random.default_rng(1))
        np.testing.assert_allclose(np.linalg.norm(copies, axis=1), 1.0, atol=1e-5)
        cos = np.sum(copies * pool, axis=1)
        assert abs(float(np.median(cos)) - target) < 0.01
        lo, hi = np.percentile(cos, [5, 95])
        assert target - 0.06 < lo and hi < target + 0.06  # concentrated, not a wide spread


def test_perturbed_spreads_sources_evenly_and_is_seeded():
    rng = np.random.default_rng(7)
    pool = rng.standard_normal((200, 64)).astype(np.float32)  # nearly orthogonal: a copy's source is unambiguous
    pool /= np.linalg.norm(pool, axis=1, keepdims=True)
    nn, best = nearest_neighbours(pool)
    noise = NoiseModel(pool, nn, best)
    a = perturbed(pool, 650, noise, seed=4, block=128)
    b = perturbed(pool, 650, noise, seed=4, block=128)
    assert a.shape == (650, pool.shape[1]) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    sims = a @ pool.T
    assert float(np.median(sims.max(axis=1))) > 0.9  # each row is a copy of one pool vector
    counts = np.bincount(sims.argmax(axis=1), minlength=len(pool))
    assert set(counts.tolist()) == {3, 4}  # 650 / 200: every source copied 3 or 4 times
    assert not np.array_equal(a, perturbed(pool, 650, noise, seed=5, block=128))


def test_pool_stats_report_what_chose_the_noise():
    pool = _pool()
    pool[1] = pool[0]  # one duplicated text
    nn, best = nearest_neighbours(pool)
    stats = pool_stats(pool, {"test": len(pool)}, nn, best, NoiseModel(pool, nn, best))
    assert stats.n == len(pool) and stats.duplicate_share >= 0.003  # rows 0 and 1
    assert abs(stats.copy_cos["p50"] - 0.93) < 0.01
    assert stats.nn_cos["p50"] > stats.random_pair_cos["p50"]  # neighbours are closer than random pairs
    assert stats.participation["isotropic"] == pool.shape[1]


def test_exact_top_matches_a_full_sort_across_blocks():
    pool = _pool(500)
    queries = _pool(20, seed=9)
    got = exact_top(pool, queries, k=10, block=120)
    want = np.argsort(-(queries @ pool.T), axis=1)[:, :10]
    assert got == [set(row.tolist()) for row in want]


def test_sweep_recall_is_one_for_exact_search_and_falls_for_a_starved_graph(tmp_path):
    pool = _pool(3000, dim=32, seed=2)
    queries = _pool(40, dim=32, seed=5)
    exact = exact_top(pool, queries)
    flat = DenseIndex(build_faiss(pool, DenseParams("flat")), DenseParams("flat"))
    assert measure(flat, queries, exact)[0] == 1.0
    base = DenseParams("hnsw_sq8", 8, 40, 8, 0)
    rows = sweep(pool, pool, queries, exact, base, [{"ef_search": 1}, {"ef_search": 200, "rerank": 64}],
                 log=lambda _: None)
    assert rows[0].build_s >= 0 and rows[1].build_s == 0.0  # one build, shared
    assert rows[0].recall_at_10 < rows[1].recall_at_10
    assert rows[1].recall_at_10 >= 0.95  # wide search plus exact re-ranking: (nearly) exact
    assert rows[1].params.ef_search == 200 and rows[1].params.m == 8
    write(rows, {"corpus": "test", "n": len(pool), "queries": len(queries)}, tmp_path)
    saved = json.loads((tmp_path / "ann_sweep.json").read_text(encoding="utf-8"))
    assert [r["recall_at_10"] for r in saved["runs"][0]["rows"]] == [r.recall_at_10 for r in rows]
    assert "efSearch=200 rerank=64" in (tmp_path / "ann_sweep.md").read_text(encoding="utf-8")
    assert isinstance(rows[0], SweepRow)
