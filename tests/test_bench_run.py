"""The benchmark end to end on a tiny corpus: build stages, a serving probe, peers, LlamaIndex, embedding.

Sizes are tiny so this runs in seconds; nothing here asserts a time.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from embeddings.base import Embedder
from eval.bench.corpora import BenchCorpus
from eval.bench.embedding import run_in_subprocess
from eval.bench.peers import ann_pair, bm25_pair
from eval.bench.run import BenchConfig, run_bench
from qa.corpus import list_sources, read_source
from qa.index.builder import build_index
from qa.index.dense import DenseParams
from qa.text.chunk import ChunkParams
from tests.conftest import ROOT

QUESTIONS = ["大武口区政协收到多少件提案", "城北区政协做了什么", "提案办理"]


@pytest.fixture()
def tiny(small_corpus, tmp_path, e5) -> BenchCorpus:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir, e5.inner, ChunkParams(), embedder_backend="e5-small")
    sources = [read_source(p) for p in list_sources(small_corpus)]
    return BenchCorpus("tiny", index_dir, QUESTIONS, sources, "two short documents")


def test_run_bench_on_a_tiny_corpus(tiny, tmp_path):
    out = tmp_path / "out"
    config = BenchConfig(out=out, names=(), min_questions=6, llamaindex=False, embedding=False, loadtest=False,
                         extra=[tiny])
    results = run_bench(config, log=lambda _: None)
    (size,) = results.sizes
    assert size.error == "" and size.chunks > 0
    s = size.serving
    assert s.queries == 6 and s.search_cold.count == 6 and s.ask_cold.count == 6
    assert s.peak_rss_mib > 0 and s.start_s > 0 and s.dense_kind == "flat"
    b = size.build
    assert b.embed.items == b.chunks and b.chunking.items == b.chunks and b.disk_mib > 0
    assert b.reindex_unchanged_s is not None  # the tiny index is up to date: a no-op update
    assert size.bm25_peer.n == b.chunks and size.ann.recall_at_10 > 0
    assert results.ann_tuning and all(0 <= rec <= 1 for _, rec, _ in results.ann_tuning)
    data = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert data["sizes"][0]["corpus"] == "tiny"
    assert "| tiny |" in (out / "bench.md").read_text(encoding="utf-8")


def test_bm25_peers_agree_on_the_same_tokens():
    docs = [["政协", "提案"], ["城北", "政协", "委员"], ["天气", "晴朗"], ["提案", "办理", "提案"]]
    pair = bm25_pair(docs, [["提案"], ["政协", "委员"]])
    assert pair.n == 4 and pair.query_ours.count == 2 and pair.query_peer.count == 2


def test_ann_pair_reports_recall_against_exact():
    rng = np.random.default_rng(1)
    v = rng.standard_normal((500, 32)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    fig = ann_pair(v, v[:20], DenseParams("hnsw_sq8", 16, 40, 64, 32))
    assert fig.n == 500 and fig.recall_at_10 >= 0.9 and fig.pair.query_ours.count == 20


def test_embedding_figures_in_a_subprocess():
    fig = run_in_subprocess(QUESTIONS, ["政协委员提案办理", "城北区政协", "天气晴朗", "大武口"], 1, ROOT)
    assert fig.threads == 1 and fig.query.count == len(QUESTIONS) and fig.ceiling_per_s > 0
    assert fig.project_sorted_per_s > 0 and fig.unsorted_per_s > 0 and fig.query_tokens_median > 0


class HashEmbedder(Embedder):
    """Deterministic bag-of-characters vectors: enough to exercise the LlamaIndex adapter quickly."""

    name, dim = "hash", 64

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for ch in text:
            v[hash(ch) % self.dim] += 1
        return v / max(1e-6, float(np.linalg.norm(v)))

    def embed_query(self, text):
        return self._vec(text)

    def embed_passages(self, texts, *, batch_size=16, progress=None):
        return np.stack([self._vec(t) for t in texts]) if texts else np.empty((0, self.dim), np.float32)


def test_llamaindex_peer_runs_the_default_pipeline(small_corpus, tmp_path):
    from eval.bench.llamaindex_peer import llamaindex_figures

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "question": "大武口区政协的履职思路", "answers": ["x"],
                                "evidence": "政协"}, ensure_ascii=False) + "\n", encoding="utf-8")
    fig = llamaindex_figures(small_corpus, gold, HashEmbedder())
    assert fig.chunks >= 2 and fig.total.count == 1 and 0 <= fig.recall_at_5 <= 1
    assert fig.non_embedding.median <= fig.total.median


def test_llamaindex_at_scale_uses_our_chunks_and_vectors(tiny, e5):
    from eval.bench.llamaindex_peer import at_scale
    from qa.index.store import Index

    index = Index.load(tiny.index_dir)
    ours, theirs = at_scale(index, QUESTIONS, e5.inner)
    assert ours.chunks == theirs.chunks == len(index)
    assert ours.total.count == theirs.total.count == len(QUESTIONS)
    assert theirs.recall_at_5 is None and theirs.non_embedding.median <= theirs.total.median
