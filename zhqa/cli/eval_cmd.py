"""`qa eval`: measure retrieval, answers, citations, abstention and latency on a gold set.

``qa eval GOLD`` runs the questions of a gold JSONL file against an index (default:
the project's); ``qa eval --benchmark rgb-zh|cmrc2018`` builds (or reuses) the cached
index of an external benchmark first. The report goes to ``--out`` (default: a fresh
directory under ``.cache/eval/``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from qa.config import Settings, load_settings, project_root, work_dir
from qa.errors import InputError
from zhqa.cli import app
from zhqa.cli.output import out

MODES = ("hybrid", "dense", "bm25")
_SHOWN = [("recall@1", "recall@1"), ("recall@5", "recall@5"), ("recall@10", "recall@10"), ("MRR@10", "mrr@10"),
          ("accuracy", "accuracy"), ("F1 (CMRC)", "f1"), ("EM (CMRC)", "em"), ("numeric match", "numeric"),
          ("citation precision", "citation_precision"), ("citation recall", "citation_recall"),
          ("abstention precision", "abstention_precision"), ("abstention recall", "abstention_recall"),
          ("abstention F1", "abstention_f1"), ("false abstention rate", "false_abstention_rate"),
          ("latency median ms", "latency_median_ms"), ("latency p95 ms", "latency_p95_ms"),
          ("retrieve median/p95 ms", "retrieve"), ("compose median/p95 ms", "compose")]


def _check_args(gold: Path | None, benchmark: str | None, mode: str, k: int | None, limit: int | None) -> None:
    if (gold is None) == (benchmark is None):
        raise InputError("give a gold file or --benchmark NAME (one of them)",
                         hint="e.g. qa eval eval/gold/answers.jsonl, or qa eval --benchmark rgb-zh")
    if mode not in MODES:
        raise InputError(f"unknown retrieval mode {mode!r}", hint="use hybrid, dense or bm25")
    if k is not None and not 1 <= k <= 100:
        raise InputError(f"-k must be between 1 and 100, got {k}")
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1, got {limit}")


def _progress(total: int, label: str):
    from tqdm import tqdm

    bar = tqdm(total=total, desc=label, unit="chunk", file=sys.stderr, mininterval=2.0)
    return bar.update


def _benchmark_index(name: str, index: Path | None, s: Settings):
    """Build or update (incrementally) the cached index of a benchmark; returns (benchmark, index dir)."""
    from eval.external import cache_dir, load_benchmark
    from qa.factory import make_embedder
    from qa.index.builder import BuildOptions, build_from_sources
    from qa.text.chunk import ChunkParams

    bench = load_benchmark(name)
    directory = index or cache_dir(name) / "index"
    print(f"{name}: {len(bench.sources)} passages, {len(bench.gold)} questions; index {directory}", file=sys.stderr)
    embedder = _reusing(directory, make_embedder(s.embedder, s.embedder_model, cache=False))
    opts = BuildOptions(s.embedder, s.embedder_model, s.embed_batch_size, progress=_progress)
    report = build_from_sources(bench.sources, directory, embedder, ChunkParams(s.chunk_size), opts)
    recycled = getattr(embedder, "reused", 0)
    state = "up to date" if report.unchanged else (
        f"built: embedded {report.embedded - recycled}, reused {report.reused + recycled}")
    print(f"{name}: index {state} ({report.chunks} chunks, {report.seconds:.1f} s)", file=sys.stderr)
    return bench, directory


def _reusing(directory: Path, embedder):
    """``embedder``, answering from the vectors of an existing index the builder cannot reuse as
    is (another index format or rule version): such a change must not cost an hour of embedding."""
    from eval.bench.reuse import ReusingEmbedder, old_vectors
    from qa.errors import IndexStoreError
    from qa.index.store import Index

    if not (directory / "manifest.json").exists():
        return embedder
    try:
        Index.load(directory).close()
        return embedder  # loadable: the normal incremental build reuses its vectors
    except IndexStoreError:
        known = old_vectors(directory, embedder.name)
        return ReusingEmbedder(embedder, known) if known else embedder


def _llm_factory(s: Settings):
    """Build each LLM backend once per run, not once per question."""
    from qa.llm.registry import get_llm

    built: dict[str, object] = {}

    def factory(name: str):
        if name not in built:
            built[name] = get_llm(name, s)
        return built[name]

    return factory


def _default_out(stem: str, mode: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return work_dir() / ".cache" / "eval" / f"{stem}-{mode}-{stamp}"


def _print_summary(report, out_dir: Path) -> None:
    h, m = report.headline, report.metrics
    from eval.compare import comparison_lines, fmt

    out.print(f"[bold]{escape(report.source)}[/]: {m.questions} questions "
              f"({m.retrieval_n} scored for retrieval, {m.answerable_n} for answers)")
    for label, key in _SHOWN:
        if key in ("retrieve", "compose"):
            a, b = h.get(f"{key}_median_ms"), h.get(f"{key}_p95_ms")
            if a is not None:
                out.print(f"  {label:<24} {fmt(a, '_ms')} / {fmt(b, '_ms')}")
        elif h.get(key) is not None:
            out.print(f"  {label:<24} {fmt(h[key], key)}")
    out.print(f"  failures: {len(report.failures)}")
    if report.comparison is not None:
        for line in comparison_lines(report.comparison):
            out.print(escape(line))
    out.print(f"report: {out_dir / 'summary.md'}  ({', '.join(report.charts) or 'no charts'})")


@dataclass(slots=True)
class _Request:
    """The options of one `qa eval` run."""

    gold: Path | None
    benchmark: str | None
    llm: str | None
    k: int | None
    out_dir: Path | None
    compare_to: Path | None
    index: Path | None
    mode: str
    limit: int | None
    retrieval_only: bool
    record: bool
    reader: str | None = None
    json_out: bool = False  # stdout holds report.json only


def _warn_unknown_docs(items, idx) -> None:
    missing = sorted({i.doc_id for i in items if i.doc_id and i.doc_id not in idx.doc_by_id})
    if missing:
        print(f"warning: {len(missing)} document(s) of the gold file are not in the index {idx.directory}: "
              f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}", file=sys.stderr)


def _evaluate(req: _Request):
    """Load, run, report; returns (report, its directory)."""
    from eval.benchmarks import record_benchmark
    from eval.compare import load_run
    from eval.gold import load_gold
    from eval.report import build_report, machine_info, run_settings, versions_of, write_report
    from eval.runner import RunConfig, run
    from qa.answer.pipeline import Answerer
    from qa.factory import load_index, make_retriever
    from qa.index.store import Index
    from qa.retrieve import RetrievalParams

    if req.gold is not None and _is_conversations(req.gold):
        return _evaluate_conversations(req)
    items = load_gold(req.gold) if req.gold else []  # validate before any slow work
    old = load_run(req.compare_to) if req.compare_to else None
    s = load_settings(index_dir=req.index, llm=req.llm, top_k=req.k, reader=req.reader)
    bench = None
    if req.benchmark:
        bench, directory = _benchmark_index(req.benchmark, req.index, s)
        items, idx = bench.gold, Index.load(directory)
    else:
        idx = load_index(s)
        _warn_unknown_docs(items, idx)
    items = items[: req.limit] if req.limit else items
    retriever = make_retriever(idx)
    retriever.params = params = RetrievalParams(mode=req.mode)
    config = RunConfig(top_k=s.top_k, llm=s.llm, answers=not req.retrieval_only)
    records = run(items, Answerer(retriever, s, llm_factory=_llm_factory(s)), config)
    source = f"benchmark:{req.benchmark}" if req.benchmark else str(req.gold)
    settings = run_settings(source, s, idx, params, config, req.limit)
    report = build_report(records, settings, versions_of(idx), machine_info(), old)
    target = write_report(report, req.out_dir or _default_out(req.benchmark or Path(str(req.gold)).stem, req.mode))
    if bench is not None and req.record:
        paths = record_benchmark(report, bench.name, bench.note, project_root() / "eval" / "results")
        print(f"recorded in {paths[0]} and {paths[1]}", file=sys.stderr)
    return report, target


def _is_conversations(gold: Path) -> bool:
    from eval.conversations import is_conversation_file

    return is_conversation_file(gold)


def _evaluate_conversations(req: _Request):
    """A conversation gold set (eval/conversations.py): every turn asked after the earlier ones."""
    from eval.conversations import (
        load_conversations,
        run_conversations,
        summarise_conversations,
        write_conversation_report,
    )
    from eval.report import build_report, machine_info, run_settings, versions_of, write_report
    from eval.runner import WARMUP_QUESTION, RunConfig
    from qa.answer.pipeline import Answerer
    from qa.factory import load_index, make_retriever
    from qa.retrieve import RetrievalParams

    convs = load_conversations(req.gold)
    convs = convs[: req.limit] if req.limit else convs
    s = load_settings(index_dir=req.index, llm=req.llm, top_k=req.k, reader=req.reader)
    idx = load_index(s)
    retriever = make_retriever(idx)
    retriever.params = params = RetrievalParams(mode=req.mode)
    config = RunConfig(top_k=s.top_k, llm=s.llm)
    answerer = Answerer(retriever, s, llm_factory=_llm_factory(s))
    answerer.ask(WARMUP_QUESTION, top_k=config.top_k, llm=config.llm)
    records, results = run_conversations(convs, answerer, config,
                                         lambda i, n: print(f"conversation {i}/{n}", file=sys.stderr))
    metrics = summarise_conversations(convs, records, results)
    settings = run_settings(str(req.gold), s, idx, params, config, req.limit)
    report = build_report(records, settings, versions_of(idx), machine_info())
    target = write_report(report, req.out_dir or _default_out(Path(str(req.gold)).stem, req.mode))
    write_conversation_report(target, metrics, results, records)
    if not req.json_out:  # with --json, stdout is report.json alone
        for name, value in metrics.headline().items():
            out.print(f"  {name:<28} {'-' if value is None else f'{value:.3f}'}")
        alone = metrics.follow_up_accuracy_without_history
        out.print(f"  {'follow-ups asked alone':<28} {'-' if alone is None else f'{alone:.3f}'}")
    return report, target


@app.command("eval")
def eval_command(
    gold: Annotated[Path | None, typer.Argument(help="gold JSONL file (format: eval/gold.py)")] = None,
    benchmark: Annotated[str | None, typer.Option("--benchmark", help="external benchmark: rgb-zh, cmrc2018, heldapart, news-dev, news-fresh, news-fresh2, news-fresh3, news-fresh4, news-hard or news-int")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="answer backend [default: extractive]")] = None,
    reader: Annotated[str | None, typer.Option("--reader", help="span reader in the extractive composer: trained or none")] = None,
    k: Annotated[int | None, typer.Option("-k", "--top-k", help="passages given to the answerer")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="report directory [default: .cache/eval/<name>-<mode>-<time>]")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print report.json to stdout")] = False,
    compare_to: Annotated[Path | None, typer.Option("--compare", help="earlier report.json (or its directory)")] = None,
    index: Annotated[Path | None, typer.Option("--index", help="index directory")] = None,
    mode: Annotated[str, typer.Option("--retrieval-mode", help="hybrid, dense or bm25")] = "hybrid",
    limit: Annotated[int | None, typer.Option("--limit", help="only the first N questions")] = None,
    retrieval_only: Annotated[bool, typer.Option("--retrieval-only", help="measure retrieval, do not answer")] = False,
    record: Annotated[bool, typer.Option("--record", help="with --benchmark: add this run to eval/results/<name>.json/.md")] = False,
) -> None:
    """Evaluate the system on a gold set or an external benchmark and write a report."""
    from eval.report import report_json

    _check_args(gold, benchmark, mode, k, limit)
    if record and not benchmark:
        raise InputError("--record needs --benchmark", hint="own gold sets are recorded with --out eval/results/<name>")
    req = _Request(gold, benchmark, llm, k, out_dir, compare_to, index, mode, limit, retrieval_only, record, reader,
                   json_out)
    report, target = _evaluate(req)
    if json_out:
        sys.stdout.write(report_json(report))
    else:
        _print_summary(report, target)
