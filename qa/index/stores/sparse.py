"""Our BM25 as sparse vectors, so an engine's inner product gives the scores bm25s gives.

BM25 (bm25s' "lucene" variant, :data:`qa.index.lexical.BM25_PARAMS`) is a sum over query
tokens of ``idf(t) * tf / (tf + k1 * (1 - b + b * dl / avgdl))``. The right-hand factor
depends on the chunk only: it is the chunk's sparse vector. ``idf`` depends on the corpus
and is put on the query side at search time from the index's own document frequencies,
so it is always current. ``avgdl`` is fixed when a collection is first filled (recorded in
the manifest): an incremental update writes only the changed chunks, whose weights use
that value; a rebuild refreshes it. Tokens map to dimensions by a 32-bit hash (collisions
at a million distinct tokens: about a hundred pairs, each adding one token's weight to
another's; noise far below the ranking's resolution).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable

from qa.index.lexical import BM25_PARAMS

_MAX_DIM = 2**32 - 2  # Milvus accepts sparse indices in [0, 2^32 - 1)


def token_dim(token: str) -> int:
    """The sparse dimension of a token (stable across processes and builds)."""
    h = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest(), "little")
    return h % _MAX_DIM


def avg_length(token_lists: list[list[str]]) -> float:
    """Mean tokens per chunk as bm25s counts them (an empty chunk counts one empty token)."""
    return sum(max(len(t), 1) for t in token_lists) / max(len(token_lists), 1)


def doc_vector(tokens: list[str], avgdl: float) -> dict[int, float]:
    """The chunk side: ``tf / (tf + k1 * (1 - b + b * dl / avgdl))`` per token."""
    k1, b = BM25_PARAMS["k1"], BM25_PARAMS["b"]
    tokens = tokens or [""]
    norm = k1 * (1 - b + b * len(tokens) / avgdl)
    out: dict[int, float] = {}
    for tok, tf in Counter(tokens).items():
        dim = token_dim(tok)
        out[dim] = out.get(dim, 0.0) + tf / (tf + norm)
    return out


def query_vector(tokens: list[str], doc_freq: Callable[[str], int], n_chunks: int) -> dict[int, float]:
    """The query side: ``idf(t)`` per occurrence of each token the corpus has (bm25s counts repeats)."""
    out: dict[int, float] = {}
    for tok in tokens:
        df = doc_freq(tok)
        if df <= 0:
            continue
        dim = token_dim(tok)
        out[dim] = out.get(dim, 0.0) + math.log(1 + (n_chunks - df + 0.5) / (df + 0.5))
    return out
