"""Passage embedding as Ray tasks (``qa index --ray``): the scale-out path for index builds.

The builder decides what to embed exactly as without Ray; only the embedding of that list
is spread over a Ray cluster (a local instance by default, one worker per core). Batches
are formed exactly as :func:`embeddings.base.batched_by_length` forms them (the same
length order, the same batch size), each batch goes to one task, and rows come back in
input order: the vectors, and so the index, are identical to a local build.

Ray is optional (``pip install 'zhqa[ray]'``); nothing here imports it until used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from embeddings import Embedder, get_embedder
from embeddings.base import ProgressFn

TASK_BATCHES = 4  # batches per task: amortises task overhead, keeps every worker busy


def _embed_batches(backend: str, options: dict, batches: list[list[str]]) -> list[np.ndarray]:
    """Runs in a Ray worker: the worker's embedder (built once per process) embeds each batch."""
    global _WORKER_EMBEDDER
    try:
        emb = _WORKER_EMBEDDER
    except NameError:
        emb = _WORKER_EMBEDDER = get_embedder(backend, **options)
    # a batch arrives in length order: embed_passages keeps that order, as the local build does
    return [emb.embed_passages(b, batch_size=len(b)) for b in batches]


class RayEmbedder(Embedder):
    """Queries locally; passages on Ray workers that each load ``backend`` themselves."""

    def __init__(self, local: Embedder, backend: str, options: dict | None = None,
                 address: str | None = None, workers: int | None = None) -> None:
        import os

        import ray

        self.local, self.name, self.dim = local, local.name, local.dim
        self.backend, self.options = backend, dict(options or {})
        if not ray.is_initialized():
            # one single-threaded engine per worker: a core each, no OpenMP teams fighting
            ray.init(address=address, num_cpus=None if address else (workers or os.cpu_count()),
                     include_dashboard=False, log_to_driver=False,
                     runtime_env={"env_vars": {"OMP_NUM_THREADS": "1"}})
        self._remote = ray.remote(num_cpus=1)(_embed_batches)

    def embed_query(self, text: str) -> np.ndarray:
        return self.local.embed_query(text)

    def embed_passages(self, texts: Sequence[str], *, batch_size: int = 16,
                       progress: ProgressFn | None = None) -> np.ndarray:
        import ray

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # as batched_by_length
        groups = [order[lo : lo + batch_size] for lo in range(0, len(order), batch_size)]
        tasks = []
        for lo in range(0, len(groups), TASK_BATCHES):
            part = groups[lo : lo + TASK_BATCHES]
            tasks.append((part, self._remote.remote(self.backend, self.options, [[texts[i] for i in g] for g in part])))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for part, ref in tasks:
            for idx, vecs in zip(part, ray.get(ref)):
                out[idx] = vecs
                if progress is not None:
                    progress(len(idx))
        return out
