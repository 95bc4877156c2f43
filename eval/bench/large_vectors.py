"""The vectors and FAISS index of the assembled large corpora, kept current without re-assembly.

The text side of ``crud-news`` and ``synth-1m`` (chunks, BM25) takes minutes to assemble;
their vectors are synthetic and follow a recipe (:mod:`eval.bench.realistic`) that can
change, and their FAISS index follows :meth:`DenseParams.for_size`, which measurements
change. :func:`ensure_current` compares what a cached index was built with (``vectors.json``
beside it, and the manifest's dense parameters) with the current recipe and parameters,
and rewrites only what differs: new vectors (and FAISS), or FAISS alone. Every other file
is hard-linked into the new version, which is published atomically like any build.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict
from pathlib import Path

import faiss
import numpy as np

from eval.bench.realistic import VERSION, NoiseModel, nearest_neighbours, perturbed, pool_stats, real_pool
from eval.bench.stage import stage
from qa.index.builder import build_lock
from qa.index.dense import VECTORS, DenseParams, build_faiss
from qa.index.manifest import MANIFEST, Manifest, describe_files
from qa.index.store import new_tmp_dir, publish
from qa.index.upgrade import link_tree

RECORD = "vectors.json"  # beside the index directory: how its vectors were made
STAGES = "stages.json"


def sample_rows(n_chunks: int, sample: int) -> list[int]:
    """The seeded sample of chunk rows that are really embedded (CRUD-RAG)."""
    return sorted(random.Random(0).sample(range(n_chunks), min(sample, n_chunks)))


def synthetic(n: int, seed: int) -> tuple[np.ndarray, dict]:
    """``n`` perturbed copies of the real pool, and the figures behind the recipe (a dict)."""
    pool, sources = real_pool()
    nn, best = nearest_neighbours(pool)
    noise = NoiseModel(pool, nn, best)
    vectors = perturbed(pool, n, noise, seed=seed)
    return vectors, asdict(pool_stats(pool, sources, nn, best, noise))


def recorded(cache: Path) -> dict:
    """What the cached vectors were made with (empty: the Gaussian draws of the first version)."""
    try:
        return json.loads((cache / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def ensure_current(cache: Path, seed: int, real: tuple[list[int], np.ndarray] | None, log) -> bool:
    """Bring the index under ``cache`` up to the current vector recipe and dense parameters.

    ``real``: rows that keep their really embedded vectors. Returns whether anything changed.
    """
    index_dir = cache / "index"
    manifest = Manifest.read(index_dir)
    want = DenseParams.for_size(manifest.n_chunks)
    record = recorded(cache)
    if record.get("version") == VERSION and manifest.dense == want:
        return False
    vectors = None
    if record.get("version") != VERSION:
        log(f"[{cache.name}] new vectors: {manifest.n_chunks:,} perturbed copies of real embeddings")
        vectors, record = synthetic(manifest.n_chunks, seed)
        if real is not None:
            vectors[real[0]] = real[1]
            record["real_rows"] = len(real[0])
    log(f"[{cache.name}] building FAISS {want.kind} over {manifest.n_chunks:,} vectors")
    seconds = republish(index_dir, vectors, want)
    _record_faiss_stage(cache, seconds, manifest.n_chunks)
    (cache / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return True


def republish(index_dir: Path, vectors: np.ndarray | None, params: DenseParams) -> float:
    """Publish ``index_dir`` with new ``vectors`` (None: keep them) and a FAISS index built with
    ``params``; returns the FAISS build's seconds."""
    vecs = vectors if vectors is not None else np.load(index_dir / VECTORS)
    t = time.perf_counter()
    index = build_faiss(vecs, params)
    seconds = time.perf_counter() - t
    with build_lock(index_dir):
        tmp = new_tmp_dir(index_dir)
        link_tree(index_dir, tmp, skip={MANIFEST, "index.faiss"} | ({VECTORS} if vectors is not None else set()))
        if vectors is not None:
            np.save(tmp / VECTORS, vectors)
        faiss.write_index(index, str(tmp / "index.faiss"))
        m = Manifest.read(index_dir)
        m.dense = params
        m.files, m.checksums = describe_files(tmp)
        (tmp / MANIFEST).write_text(m.to_json(), encoding="utf-8")
        publish(tmp, index_dir)
    return seconds


def _record_faiss_stage(cache: Path, seconds: float, n: int) -> None:
    path = cache / STAGES
    try:
        stages = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    chars = int(stages.get("faiss", {}).get("chars", 0))
    stages["faiss"] = asdict(stage(seconds, n, chars))
    path.write_text(json.dumps(stages), encoding="utf-8")
