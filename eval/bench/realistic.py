"""Vectors for the large sizes: real e5 embeddings with small perturbations.

Embedding a million chunks would take ~30 hours on 2 cores, so the large sizes need
synthetic vectors. Draws from a Gaussian fitted to real embeddings (the first attempt)
have none of the neighbourhood structure of real ones: every point is about equally far
from every other, the worst case for any approximate index (HNSW's recall@10 was 0.39
at a million where real vectors give 0.99). Here each synthetic row is instead a real
e5 passage vector plus Gaussian noise, renormalised:

* **pool** — every vector of the cached indexes whose rows are all really embedded
  (RGB-zh, CMRC 2018, the bundled corpus) and the really embedded CRUD-RAG sample;
* **noise shape** — the covariance of the differences between real vectors and their
  nearest real neighbours: perturbations point where real neighbours differ (measured:
  participation ratio ~250 of 384 dimensions; isotropic noise would be 384, the
  embeddings themselves ~120);
* **noise size** — scaled so a copy's cosine to its source is ``TARGET_COS``, the lower
  quartile of the real nearest-neighbour cosines (median ~0.94): a copy is about as far
  from its source as a real neighbour is, a little farther than most (conservative).

Queries stay real, unperturbed e5 query embeddings. :func:`pool_stats` records the
distribution behind these choices next to every index built from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from eval.external import cache_dir

POOL_INDEXES = ("rgb-zh", "cmrc2018", "bundled")  # cached indexes whose every vector is real
CRUD_SAMPLE = ("crud-news", "real_sample.npy")  # the really embedded CRUD-RAG chunks
TARGET_COS = 0.93
VERSION = "perturbed-1"  # recorded with an index built from these vectors; bump when they change
_DUPLICATE = 0.999  # cosine above which two real vectors are the same text


@dataclass(slots=True)
class PoolStats:
    """The real vectors behind the synthetic ones, and the figures that chose the noise."""

    sources: dict[str, int]
    n: int
    duplicate_share: float  # real vectors with an exact duplicate (same text twice)
    nn_cos: dict[str, float]  # percentiles of the cosine to the nearest other real vector
    random_pair_cos: dict[str, float]  # percentiles over random pairs (e5 vectors share a cone)
    participation: dict[str, float]  # effective dimensions: data, nearest-neighbour differences
    target_cos: float = TARGET_COS
    copy_cos: dict[str, float] = field(default_factory=dict)  # achieved: copy vs its source
    version: str = VERSION


def real_pool() -> tuple[np.ndarray, dict[str, int]]:
    """Every available real e5 passage vector (float32, unit rows) and where they came from."""
    parts, sources = [], {}
    for name in POOL_INDEXES:
        path = cache_dir(name) / "index" / "vectors.npy"
        if path.exists():
            parts.append(np.load(path))
            sources[name] = len(parts[-1])
    sample = cache_dir(CRUD_SAMPLE[0]) / CRUD_SAMPLE[1]
    if sample.exists():
        parts.append(np.load(sample))
        sources["crud-news sample"] = len(parts[-1])
    if not parts:
        raise FileNotFoundError("no cached index with real vectors under .cache/bench (run `qa bench` first)")
    return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32), sources


def nearest_neighbours(pool: np.ndarray, block: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the row of its nearest other vector and their cosine (exact, blockwise)."""
    nn = np.empty(len(pool), np.int64)
    best = np.empty(len(pool), np.float32)
    for lo in range(0, len(pool), block):
        sims = pool[lo : lo + block] @ pool.T
        sims[np.arange(len(sims)), np.arange(lo, lo + len(sims))] = -2.0  # not itself
        nn[lo : lo + len(sims)] = sims.argmax(axis=1)
        best[lo : lo + len(sims)] = sims.max(axis=1)
    return nn, best


def _percentiles(x: np.ndarray, qs=(5, 25, 50, 75, 95)) -> dict[str, float]:
    return {f"p{q}": round(float(v), 4) for q, v in zip(qs, np.percentile(x, qs))}


def _participation(x: np.ndarray) -> float:
    """Effective number of dimensions, (sum of variances)^2 / sum of squared variances."""
    lam = np.linalg.svd(x - x.mean(axis=0), compute_uv=False) ** 2
    return round(float(lam.sum() ** 2 / (lam**2).sum()), 1)


class NoiseModel:
    """Gaussian noise shaped like the differences between real nearest neighbours."""

    def __init__(self, pool: np.ndarray, nn: np.ndarray, best: np.ndarray, target_cos: float = TARGET_COS):
        keep = best < _DUPLICATE  # a duplicate's "difference" is zero, not a neighbour's
        diffs = pool[keep] - pool[nn[keep]]
        _, s, vt = np.linalg.svd(diffs - diffs.mean(axis=0), full_matrices=False)
        basis = (s[:, None] / np.sqrt(max(1, len(diffs) - 1))) * vt  # z @ basis ~ N(0, cov(diffs))
        # |v + e|^2 ~ 1 + |e|^2 for e orthogonal to unit v, so cos = 1 / sqrt(1 + |e|^2)
        scale = np.sqrt((1.0 / target_cos**2 - 1.0) / float((basis**2).sum()))
        self.basis = (scale * basis).astype(np.float32)
        self.target_cos = target_cos

    def copies(self, sources: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """One perturbed, renormalised copy of each source row."""
        z = rng.standard_normal((len(sources), len(self.basis))).astype(np.float32)
        v = sources + z @ self.basis
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def perturbed(pool: np.ndarray, n: int, noise: NoiseModel, seed: int = 0, block: int = 50_000) -> np.ndarray:
    """``n`` synthetic rows: each a perturbed copy of a pool vector, sources spread evenly
    (every real vector is copied ``n // len(pool)`` or one more times, in seeded order)."""
    rng = np.random.default_rng(seed)
    reps = -(-n // len(pool))
    order = np.concatenate([rng.permutation(len(pool)) for _ in range(reps)])[:n]
    out = np.empty((n, pool.shape[1]), dtype=np.float32)
    for lo in range(0, n, block):
        out[lo : lo + block] = noise.copies(pool[order[lo : lo + block]], rng)
    return out


def pool_stats(pool: np.ndarray, sources: dict[str, int], nn: np.ndarray, best: np.ndarray,
               noise: NoiseModel, seed: int = 0) -> PoolStats:
    """The figures that justify the noise (see the module docstring), measured on ``pool``."""
    rng = np.random.default_rng(seed)
    i, j = rng.integers(len(pool), size=(2, 20_000))
    keep = best < _DUPLICATE
    sample = pool[rng.choice(len(pool), min(5000, len(pool)), replace=False)]
    copy_cos = np.sum(noise.copies(sample, rng) * sample, axis=1)
    return PoolStats(
        sources=sources, n=len(pool), duplicate_share=round(float(1 - keep.mean()), 4),
        nn_cos=_percentiles(best[keep]), random_pair_cos=_percentiles(np.sum(pool[i] * pool[j], axis=1)),
        participation={"embeddings": _participation(pool),
                       "nearest-neighbour differences": _participation(pool[keep] - pool[nn[keep]]),
                       "isotropic": float(pool.shape[1])},
        target_cos=noise.target_cos, copy_cos=_percentiles(copy_cos),
    )
