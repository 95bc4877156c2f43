"""Hybrid retrieval: dense and keyword (BM25) candidates fused by reciprocal rank.

The two searches are the index's store's (:mod:`qa.index.stores`: FAISS and bm25s files, or
a Milvus collection); fusion, the organisation boost and the passages are the same for every store.

Dense search understands paraphrases and English questions; BM25 nails exact names
and numbers. Reciprocal rank fusion needs no score calibration between the two, and
measured best on the project's gold questions (see README, "Retrieval quality").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from embeddings import Embedder
from qa.errors import InputError, NotFoundError
from qa.index.store import Index
from qa.index.stores import Filter
from qa.models import Passage
from qa.text import bilingual
from qa.text.glossary import expand_query, speaks
from qa.text.orgs import detect_orgs

MAX_K = 100
_LATIN = re.compile(r"[A-Za-z]{3}")
_TRANSLATE_FROM = 10  # passages of the first ranking whose Chinese words an English query may take


@dataclass(frozen=True, slots=True)
class RetrievalParams:
    """Fusion settings. ``mode`` is "hybrid", "dense" or "bm25"."""

    mode: str = "hybrid"
    rrf_k: int = 20
    candidates: int = 50
    dense_weight: float = 0.5
    bm25_weight: float = 1.0
    org_boost: bool = True


@dataclass(slots=True)
class Ranked:
    """Candidate rows with their fused scores, best first (no chunk text loaded yet)."""

    rows: np.ndarray
    scores: np.ndarray


class Retriever:
    """Searches one loaded :class:`Index` with the embedder it was built with."""

    def __init__(self, index: Index, embedder: Embedder, params: RetrievalParams | None = None) -> None:
        self.index = index
        self.embedder = embedder
        self.params = params or RetrievalParams()

    def search(self, query: str, k: int = 5, doc_ids: list[str] | None = None) -> list[Passage]:
        """The ``k`` best passages for ``query``, optionally only from ``doc_ids``."""
        query = _check_query(query, k)
        ranked = self.rank(query, k, doc_ids)
        return [
            Passage.from_chunk(self.index.chunk(int(r)), float(s), rank=i + 1)
            for i, (r, s) in enumerate(zip(ranked.rows[:k], ranked.scores[:k]))
        ]

    def rank(self, query: str, k: int, doc_ids: list[str] | None = None) -> Ranked:
        """Fused ranking of chunk rows (at least ``k`` when the index has them).

        When an English query names an organisation (Qingyang -> 庆阳市政协), the same
        searches restricted to that organisation's chunks are fused in too: keywords cannot
        see the Chinese name, so its passages would otherwise depend on the dense side
        alone. For Chinese queries this boost measured neutral on the project's gold
        questions and cost 3 points of recall@1 on RGB-zh, so it is not applied.
        """
        allowed = self._allowed(doc_ids)
        n = max(self.params.candidates, k)
        vector = self.embedder.embed_query(query) if self.params.mode != "bm25" else None
        text = expand_query(query, self.index.manifest.words, self.index.lexicon)
        tokens = self.index.tokenizer.tokens(text)
        lists = self._lists(vector, tokens, text, n, allowed)
        if self.params.mode == "hybrid" and bilingual.is_english(query) and not speaks(query, self.index.lexicon):
            text, tokens, lists = self._in_chinese(query, text, tokens, lists, n, allowed)
        orgs = detect_orgs(query, self.index.manifest.orgs) if _LATIN.search(query) else []
        if orgs and self.params.org_boost:
            rows = self.index.rows_for_orgs(orgs)
            if allowed is not None:
                rows = np.intersect1d(rows, allowed.rows)
            if len(rows):
                docs = allowed.doc_ids if allowed is not None else ()
                lists += self._lists(vector, tokens, text, n, Filter(rows, docs, tuple(orgs)))
        return rrf(lists, self.params.rrf_k)

    def _in_chinese(self, query: str, text: str, tokens: list[str], lists, n: int, allowed: Filter | None):
        """An English query searched again by keywords, with the Chinese words that the first
        ranking's passages write for its words (players -> 玩家, market share -> 市场份额) and the names the
        dictionary gives it (:func:`~qa.text.bilingual.name_senses`): keywords cannot see a Chinese passage
        through English words, so the dense side alone ranked it."""
        from qa.answer.english import names_in_chinese  # deferred: the answer package imports this module
        from qa.answer.entities import named_entities

        rows = rrf(lists, self.params.rrf_k).rows[:_TRANSLATE_FROM]
        texts = [self.index.chunk(int(r)).text for r in rows]
        # names spelt in pinyin as those passages write them (Jianglan -> 江澜): keywords find the rest of them
        words = names_in_chinese(named_entities(query), texts)
        words += [w for w in bilingual.in_passages(query, texts) if w not in words]
        # and the names it writes, which those passages may never have (Wimbledon -> 温布尔登)
        words += [w for w in bilingual.name_senses(query) if w not in words]
        if not words:
            return text, tokens, lists
        text = f"{text} {' '.join(words)}"
        tokens = self.index.tokenizer.tokens(text)
        dense, _ = lists  # hybrid: the dense ranking stands; the keyword one is searched again
        return text, tokens, [dense, (self.index.store.keyword(tokens, text, n, allowed).rows, self.params.bm25_weight)]

    def _lists(self, vector, tokens: list[str], text: str, n: int, where: Filter | None):
        """Ranked row lists (with their fusion weights) from the enabled searches of the index's store."""
        lists: list[tuple[np.ndarray, float]] = []
        if vector is not None:
            lists.append((self.index.store.dense(vector, n, where).rows, self.params.dense_weight))
        if self.params.mode in ("hybrid", "bm25"):
            lists.append((self.index.store.keyword(tokens, text, n, where).rows, self.params.bm25_weight))
        return lists

    def _allowed(self, doc_ids: list[str] | None) -> Filter | None:
        if not doc_ids:
            return None
        unknown = [d for d in doc_ids if d not in self.index.doc_by_id]
        if unknown:
            raise NotFoundError(f"unknown document id(s): {', '.join(unknown)}",
                                hint="list documents with `qa documents` or GET /api/documents")
        return Filter(self.index.rows_for_docs(doc_ids), tuple(dict.fromkeys(doc_ids)))


def rrf(lists: list[tuple[np.ndarray, float]], k: int) -> Ranked:
    """Weighted reciprocal rank fusion: score(d) = sum_i w_i / (k + rank_i(d))."""
    scores: dict[int, float] = {}
    for ids, weight in lists:
        for rank, row in enumerate(ids.tolist(), start=1):
            scores[row] = scores.get(row, 0.0) + weight / (k + rank)
    if not scores:
        return Ranked(np.empty(0, np.int64), np.empty(0, np.float32))
    order = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = np.fromiter((r for r, _ in order), dtype=np.int64, count=len(order))
    vals = np.fromiter((s for _, s in order), dtype=np.float32, count=len(order))
    return Ranked(rows, vals)


def _check_query(query: str, k: int) -> str:
    if not isinstance(query, str) or not query.strip():
        raise InputError("the query is empty", hint="type a question or some keywords")
    if not 1 <= k <= MAX_K:
        raise InputError(f"k must be between 1 and {MAX_K}, got {k}")
    return query.strip()
