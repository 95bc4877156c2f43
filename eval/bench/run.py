"""``qa bench``: measure every corpus size, the peers and the embedder; write JSON, Markdown, PNG."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from embeddings import Embedder
from eval.bench import corpora
from eval.bench.build import measure_build
from eval.bench.corpora import BenchCorpus
from eval.bench.embedding import run_in_subprocess, sample
from eval.bench.machine import collect, load1, wait_quiet
from eval.bench.peers import ann_pair, bm25_pair, tune_ef
from eval.bench.probe import ProbeSpec
from eval.bench.results import BenchResults, SizeResult
from eval.bench.serving import run_probe
from qa.config import project_root
from qa.index.fields import indexed_text
from qa.index.store import Index
from qa.text.tokenize import Tokenizer

Log = Callable[[str], None]
SMALL = ("bundled", "cmrc2018", "rgb-zh")
LARGE = ("crud-news", "synth-1m")
BM25_PEER_MAX = 200_000


@dataclass(slots=True)
class BenchConfig:
    """What to run. ``names`` picks corpora by name (None: every one of ``sizes``)."""

    out: Path
    sizes: str = "small"  # "small" | "all"
    names: tuple[str, ...] | None = None
    threads: int = 2  # OpenMP threads of the serving probes (the machine has 2 cores)
    min_questions: int = 200
    quiet_load: float = 0.8
    quiet_wait_s: float = 0.0  # how long to wait for the load to drop first (0: don't)
    peers: bool = True
    llamaindex: bool = True
    embedding: bool = True
    loadtest: bool = True  # start `qa serve` over the bundled index and load-test it
    serve_url: str | None = None  # load-test this running `qa serve` instead
    extra: list[BenchCorpus] = field(default_factory=list)  # corpora given directly (tests)


def corpus_names(config: BenchConfig) -> list[str]:
    default = SMALL + (LARGE if config.sizes == "all" else ())
    names = list(default if config.names is None else config.names)
    return [n for n in names if n in SMALL + LARGE]


def prepare(name: str, embedder: Embedder, log: Log) -> BenchCorpus | None:
    """The corpus called ``name`` with its index ready (None: not available here)."""
    if name in corpora.SMALL:
        return corpora.SMALL[name](embedder)
    from eval.bench import large

    return large.prepare(name, embedder, log)


def measure_size(corpus: BenchCorpus, embedder: Embedder, config: BenchConfig, log: Log) -> SizeResult:
    """Build, serving and peer figures of one corpus; a failure is recorded, not raised."""
    index = Index.load(corpus.index_dir)
    result = SizeResult(corpus.name, len(index), corpus.note, corpus.synthetic)
    try:
        log(f"[{corpus.name}] build stages ({len(index)} chunks)")
        result.build = measure_build(corpus, embedder)
        log(f"[{corpus.name}] serving probe")
        spec = ProbeSpec(str(corpus.index_dir), corpus.questions, config.min_questions)
        result.serving = run_probe(spec, project_root(), threads=config.threads)
        if config.peers:
            log(f"[{corpus.name}] peers")
            _peers(result, index, corpus, embedder)
    except Exception as exc:  # one broken size must not lose the others' figures
        result.error = f"{type(exc).__name__}: {exc}"
        log(traceback.format_exc())
    finally:
        index.close()
    return result


def _peers(result: SizeResult, index: Index, corpus: BenchCorpus, embedder: Embedder) -> None:
    """rank_bm25 (up to 200k chunks: it is pure Python) and exact FAISS on this corpus's data."""
    questions = corpus.questions
    if len(index) <= BM25_PEER_MAX:
        tokenizer = Tokenizer(index.manifest.words)
        queries = [tokenizer.tokens(q) for q in questions[:200]]
        result.bm25_peer = bm25_pair(index.tokens(), queries)
    qvecs = np.stack([embedder.embed_query(q) for q in questions[:100]])
    built = index.dense if index.manifest.dense.kind != "flat" else None
    faiss_stage = corpus.stages.get("faiss")
    result.ann = ann_pair(np.asarray(index.vectors()), qvecs, built=built,
                          built_s=faiss_stage.seconds if faiss_stage else 0.0)


def _embedding(results: BenchResults, log: Log) -> None:
    """Query latency by thread count and passage throughput, on the bundled corpus's texts."""
    index = Index.load(corpora.cache_dir("bundled") / "index")
    passages = sample([indexed_text(c) for c in index.chunks()], 128)
    questions = corpora.gold_questions()
    for threads in (1, 2):
        log(f"embedding figures with {threads} thread(s)")
        results.embedding.append(run_in_subprocess(questions, passages, threads, project_root()))


def _llamaindex(results: BenchResults, embedder: Embedder, measured: list[BenchCorpus], log: Log) -> None:
    from eval.bench.llamaindex_peer import at_scale, llamaindex_figures, ours_figures
    from qa.retrieve import Retriever

    gold = corpora.GOLD_DIR / "retrieval.jsonl"
    log("LlamaIndex default pipeline on the bundled corpus")
    results.llamaindex = llamaindex_figures(project_root() / "corpus", gold, embedder)
    index = Index.load(corpora.cache_dir("bundled") / "index")
    results.ours_on_gold = ours_figures(Retriever(index, embedder), gold)
    real = [c for c in measured if not c.synthetic and len(Index.load(c.index_dir)) <= 200_000]
    biggest = max(real, key=lambda c: len(Index.load(c.index_dir)), default=None)
    if biggest is not None:
        log(f"LlamaIndex's vector store over {biggest.name}'s own chunks and vectors")
        results.at_scale = list(at_scale(Index.load(biggest.index_dir), biggest.questions[:200], embedder))
        results.at_scale_corpus = biggest.name


def run_bench(config: BenchConfig, log: Log = print) -> BenchResults:
    """Run everything ``config`` asks for and write the results into ``config.out``."""
    from eval.bench.report import write_all
    from qa.factory import make_embedder

    load0 = wait_quiet(config.quiet_load, config.quiet_wait_s, log) if config.quiet_wait_s else load1()
    results = BenchResults(collect(project_root()), config.sizes, config.threads, round(load0, 2))
    embedder = make_embedder("e5-small", cache=False)
    todo = [c for c in (prepare(n, embedder, log) for n in corpus_names(config)) if c is not None]
    todo += list(config.extra)
    for corpus in todo:
        results.sizes.append(measure_size(corpus, embedder, config, log))
    _optional(results, config, embedder, todo, log)
    results.notes.append(f"load average {load1():.2f} at the end (this run's own processes included); each "
                         "serving probe's load before and after is in bench.json")
    config.out.mkdir(parents=True, exist_ok=True)
    write_all(results, config.out)
    return results


def _optional(results: BenchResults, config: BenchConfig, embedder: Embedder,
              measured: list[BenchCorpus], log: Log) -> None:
    steps: list[tuple[bool, Callable[[], None]]] = [
        (config.embedding, lambda: _embedding(results, log)),
        (config.llamaindex, lambda: _llamaindex(results, embedder, measured, log)),
        (config.peers, lambda: _tune(results, measured, embedder, log)),
        (config.loadtest or config.serve_url is not None, lambda: _loadtest(results, config, log)),
    ]
    for enabled, step in steps:
        if not enabled:
            continue
        try:
            step()
        except Exception as exc:  # keep what was measured; say what failed
            results.notes.append(f"step failed: {type(exc).__name__}: {exc}")
            log(traceback.format_exc())


def _tune(results: BenchResults, measured: list[BenchCorpus], embedder: Embedder, log: Log) -> None:
    """efSearch against recall@10 on the largest corpus of this run, with its real questions."""
    biggest = max(measured, key=lambda c: len(Index.load(c.index_dir)), default=None)
    if biggest is None:
        return
    log(f"ANN parameter sweep on {biggest.name}")
    index = Index.load(biggest.index_dir)
    queries = np.stack([embedder.embed_query(q) for q in biggest.questions[:200]])
    built = index.dense if index.manifest.dense.kind != "flat" else None
    results.ann_tuning = tune_ef(np.asarray(index.vectors()), queries, built=built)
    results.ann_tuning_n = len(index)


def _loadtest(results: BenchResults, config: BenchConfig, log: Log) -> None:
    from eval.bench.loadtest import run_loadtests, with_server
    from eval.bench.serving import probe_env

    questions = corpora.gold_questions()
    if config.serve_url:
        log(f"load test against {config.serve_url}")
        results.loadtest = run_loadtests(config.serve_url, questions)
        return
    log("load test: qa serve over the bundled index on 127.0.0.1")
    index_dir = corpora.cache_dir("bundled") / "index"
    results.loadtest = with_server(index_dir, project_root() / "corpus", questions, probe_env(config.threads))
