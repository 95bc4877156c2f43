"""The serving probe: a fresh process that loads an index and answers questions, as ``qa serve`` would.

Run as ``python -m eval.bench.probe SPEC.json``; prints one JSON object (:class:`ServingFigures`).
A separate process is the only honest way to measure start-up time and peak memory:
the benchmark driver itself holds corpora, vectors and peers in memory.

Latencies are taken after a warm-up, over at least ``min_questions`` questions (the list
is cycled when shorter). "cold" means the query-embedding cache was emptied before the
pass, so every question pays for its embedding; "warm" repeats the pass with every vector
cached, which isolates the non-embedding part (tokenising, BM25, FAISS, fusion, reading
chunks).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.bench.memory import rss_by_mapping, status_mib, summarise
from eval.metrics import LatencySummary, latency_summary, time_each


@dataclass(slots=True)
class ProbeSpec:
    """What the probe should do (written to a JSON file by the driver)."""

    index_dir: str
    questions: list[str]
    min_questions: int = 200
    warmup: int = 10
    ask: bool = True


@dataclass(slots=True)
class ServingFigures:
    """What one serving process measured."""

    n_chunks: int
    dense_kind: str
    start_s: float  # process creation to ready (interpreter, imports, index, embedder)
    index_load_s: float  # Index.load alone
    embedder_load_s: float
    queries: int
    search_cold: LatencySummary  # incl. query embedding
    search_warm: LatencySummary  # query vector cached: everything but the embedding
    embed_query: LatencySummary
    ask_cold: LatencySummary | None
    peak_rss_mib: float  # VmHWM: anonymous memory plus touched pages of memory-mapped files
    rss_anon_mib: float
    rss_file_mib: float
    notes: list[str] = field(default_factory=list)
    #: resident MiB at the end by mapping: index files by name, "[anonymous]", libraries
    rss_breakdown: dict[str, float] = field(default_factory=dict)
    warmup_ms: float = 0.0  # qa.answer.pipeline.warm_up, as the service runs it before serving
    first_questions_ms: list[float] = field(default_factory=list)  # an English, then a Chinese one, right after



def _cycle(questions: list[str], n: int) -> list[str]:
    reps = -(-n // max(1, len(questions)))
    return (questions * reps)[: max(n, len(questions))]


def run(spec: ProbeSpec) -> ServingFigures:
    """Load, warm up, then time embedding, search (cold and warm cache) and ask."""
    from qa.answer.pipeline import Answerer, warm_up
    from qa.config import load_settings
    from qa.factory import embedder_for
    from qa.index.store import Index
    from qa.retrieve import Retriever

    t = time.perf_counter()
    index = Index.load(Path(spec.index_dir))
    t_index = time.perf_counter() - t
    t = time.perf_counter()
    embedder = embedder_for(index)  # the serving path: a CachedEmbedder around the model
    t_embedder = time.perf_counter() - t
    start_s = _since_process_start()
    retriever = Retriever(index, embedder)
    answerer = Answerer(retriever, load_settings(llm="extractive"))
    qs = _cycle(spec.questions, spec.min_questions)
    # warm-up as the service does at start (qa.answer.pipeline.warm_up), then a few of the questions
    t = time.perf_counter()
    warm_up(answerer)
    warmup_ms = (time.perf_counter() - t) * 1000
    first = time_each(answerer.ask, ["Who chaired the meeting?", spec.questions[0]]) if spec.questions else []
    for q in spec.questions[1 : spec.warmup]:
        answerer.ask(q) if spec.ask else retriever.search(q)
    inner = getattr(embedder, "inner", embedder)
    embed = time_each(inner.embed_query, qs)
    cold = _cold_pass(retriever, inner, lambda q: retriever.search(q, k=5), qs)
    retriever.embedder = embedder
    time_each(retriever.embedder.embed_query, qs)  # fill the cache
    warm = time_each(lambda q: retriever.search(q, k=5), qs)
    ask = _cold_pass(retriever, inner, answerer.ask, qs) if spec.ask else None
    return ServingFigures(
        n_chunks=len(index), dense_kind=index.manifest.dense.kind, start_s=round(start_s, 3),
        index_load_s=round(t_index, 3), embedder_load_s=round(t_embedder, 3), queries=len(qs),
        search_cold=latency_summary(cold), search_warm=latency_summary(warm),
        embed_query=latency_summary(embed), ask_cold=latency_summary(ask) if ask else None,
        peak_rss_mib=status_mib("VmHWM"), rss_anon_mib=status_mib("RssAnon"),
        rss_file_mib=status_mib("RssFile"), rss_breakdown=summarise(rss_by_mapping(), Path(spec.index_dir)),
        warmup_ms=round(warmup_ms, 1), first_questions_ms=[round(x, 1) for x in first],
    )


def _cold_pass(retriever, inner, fn, qs: list[str]) -> list[float]:
    """Time ``fn`` per question, each with a new, empty query cache (as for a new question)."""
    from embeddings import CachedEmbedder

    out = []
    for q in qs:
        retriever.embedder = CachedEmbedder(inner)
        out.extend(time_each(fn, [q]))
    return out


def _since_process_start() -> float:
    """Seconds since this process was created (interpreter start-up and imports included)."""
    import psutil

    return time.time() - psutil.Process().create_time()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    spec = ProbeSpec(**json.loads(Path(args[0]).read_text(encoding="utf-8")))
    figures = run(spec)
    print(json.dumps(asdict(figures), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
