"""The same corpus and embedder through LlamaIndex's default retrieval pipeline.

LlamaIndex as its documentation sets it up: ``VectorStoreIndex.from_documents`` with the
default transformations (``SentenceSplitter``: 1024 tokens, 200 overlap), the in-memory
vector store, ``as_retriever(similarity_top_k=5)``. The only substitution is the embedding
model: a small :class:`BaseEmbedding` adapter around our :class:`Embedder`, so both sides
embed with the same model and prefixes. Time spent inside the adapter's query embedding
is recorded, which splits each retrieval into embedding and everything else.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings import Embedder
from eval.gold import GoldItem, load_gold
from eval.metrics import LatencySummary, first_hit_rank, latency_summary, recall_at_k
from qa.retrieve import Retriever


@dataclass(slots=True)
class PipelineFigures:
    """One retrieval pipeline on the retrieval gold questions (uncached query embeddings)."""

    name: str
    chunks: int
    recall_at_5: float | None  # None: no gold for this corpus (latency only)
    recall_at_1: float | None
    total: LatencySummary  # end to end, query embedding included
    non_embedding: LatencySummary  # total minus time inside the query embedder
    build_s: float


def _adapter(embedder: Embedder, spent: list[float]):
    """A LlamaIndex embedding model that delegates to ``embedder`` and times query embeddings."""
    from llama_index.core.embeddings import BaseEmbedding

    class ProjectEmbedding(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            t = time.perf_counter()
            vec = embedder.embed_query(query)
            spent.append(time.perf_counter() - t)
            return vec.tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed_passages(texts).tolist()

    return ProjectEmbedding(model_name=embedder.name, embed_batch_size=16)


def _rank(texts: list[str], item: GoldItem) -> int | None:
    return first_hit_rank(texts, item.evidence_texts)


def llamaindex_figures(corpus_dir: Path, gold_path: Path, embedder: Embedder) -> PipelineFigures:
    """Build LlamaIndex's default in-memory index over ``corpus_dir`` and run the gold questions."""
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

    spent: list[float] = []
    model = _adapter(embedder, spent)
    t = time.perf_counter()
    docs = SimpleDirectoryReader(str(corpus_dir), required_exts=[".txt", ".md"]).load_data()
    index = VectorStoreIndex.from_documents(docs, embed_model=model)
    build_s = time.perf_counter() - t
    retriever = index.as_retriever(similarity_top_k=5)
    gold = [g for g in load_gold(gold_path) if g.evidence_texts]
    retriever.retrieve(gold[0].question)  # warm-up
    ranks, total, non_emb = [], [], []
    for item in gold:
        spent.clear()
        t = time.perf_counter()
        nodes = retriever.retrieve(item.question)
        ms = (time.perf_counter() - t) * 1000
        total.append(ms)
        non_emb.append(max(0.0, ms - sum(spent) * 1000))
        ranks.append(_rank([n.node.get_content() for n in nodes], item))
    return PipelineFigures("LlamaIndex default (SentenceSplitter, VectorStoreIndex)", len(index.docstore.docs),
                           round(recall_at_k(ranks, 5), 3), round(recall_at_k(ranks, 1), 3),
                           latency_summary(total), latency_summary(non_emb), round(build_s, 1))


def ours_figures(retriever: Retriever, gold_path: Path) -> PipelineFigures:
    """Our retriever on the same questions, timed the same way (a fresh query cache per question)."""
    from embeddings import CachedEmbedder

    inner = getattr(retriever.embedder, "inner", retriever.embedder)
    spent: list[float] = []

    class Timing(CachedEmbedder):
        def embed_query(self, text: str):
            t = time.perf_counter()
            vec = super().embed_query(text)
            spent.append(time.perf_counter() - t)
            return vec

    gold = [g for g in load_gold(gold_path) if g.evidence_texts]
    saved = retriever.embedder
    retriever.search(gold[0].question)  # warm-up
    ranks, total, non_emb = [], [], []
    for item in gold:
        retriever.embedder = Timing(inner)
        spent.clear()
        t = time.perf_counter()
        passages = retriever.search(item.question, k=5)
        ms = (time.perf_counter() - t) * 1000
        total.append(ms)
        non_emb.append(max(0.0, ms - sum(spent) * 1000))
        ranks.append(_rank([p.text for p in passages], item))
    retriever.embedder = saved
    return PipelineFigures("zhqa hybrid (default)", len(retriever.index), round(recall_at_k(ranks, 5), 3),
                           round(recall_at_k(ranks, 1), 3), latency_summary(total),
                           latency_summary(non_emb), 0.0)


def _time_questions(retrieve, questions: list[str], spent: list[float]) -> tuple[list[float], list[float]]:
    """(total ms, non-embedding ms) per question; ``spent`` collects seconds inside the embedder."""
    total, rest = [], []
    for q in questions:
        spent.clear()
        t = time.perf_counter()
        retrieve(q)
        ms = (time.perf_counter() - t) * 1000
        total.append(ms)
        rest.append(max(0.0, ms - sum(spent) * 1000))
    return total, rest


def at_scale(index, questions: list[str], embedder: Embedder) -> tuple[PipelineFigures, PipelineFigures]:
    """LlamaIndex's retrieval machinery over *our* chunks and vectors, against our retriever.

    Same nodes, same vectors, same query embedder: what differs is only the machinery around
    them (LlamaIndex's in-memory vector store versus FAISS + BM25 + fusion). Latency only.
    """
    from llama_index.core import VectorStoreIndex
    from llama_index.core.schema import TextNode

    from embeddings import CachedEmbedder

    spent: list[float] = []
    vectors = np.asarray(index.vectors())
    nodes = [TextNode(text=c.text, id_=str(i), embedding=vectors[i].tolist()) for i, c in enumerate(index.chunks())]
    t = time.perf_counter()
    peer = VectorStoreIndex(nodes, embed_model=_adapter(embedder, spent)).as_retriever(similarity_top_k=5)
    build_s = time.perf_counter() - t
    peer.retrieve(questions[0])
    total, rest = _time_questions(peer.retrieve, questions, spent)
    theirs = PipelineFigures("LlamaIndex VectorStoreIndex (in memory) over our chunks and vectors", len(nodes),
                             None, None, latency_summary(total), latency_summary(rest), round(build_s, 1))

    class Timing(CachedEmbedder):
        def embed_query(self, text: str):
            t0 = time.perf_counter()
            vec = super().embed_query(text)
            spent.append(time.perf_counter() - t0)
            return vec

    ours = Retriever(index, Timing(embedder))
    ours.search(questions[0])
    total, rest = _time_questions(lambda q: ours.search(q, k=5), questions, spent)
    return PipelineFigures("zhqa hybrid (default)", len(index), None, None, latency_summary(total),
                           latency_summary(rest), 0.0), theirs
