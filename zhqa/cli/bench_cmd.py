"""`qa bench`: performance and scale benchmark (results as JSON, Markdown and a PNG plot)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from qa.errors import InputError
from zhqa.cli import app
from zhqa.cli.output import out


@app.command("bench")
def bench_command(
    sizes: Annotated[str, typer.Option(help="small (bundled, CMRC, cached RGB-zh) or all (+ CRUD news, 1M chunks)")] = "small",
    out_dir: Annotated[Path | None, typer.Option("--out", help="results directory [default: eval/results/bench]")] = None,
    only: Annotated[list[str] | None, typer.Option("--only", help="only this corpus (repeatable)")] = None,
    threads: Annotated[int, typer.Option(help="OpenMP threads of the serving process")] = 2,
    wait_quiet: Annotated[float, typer.Option(help="seconds to wait for the load average to drop below 0.8")] = 0.0,
    serve_url: Annotated[str | None, typer.Option(help="load-test this running `qa serve` (default: start one)")] = None,
    no_load_test: Annotated[bool, typer.Option("--no-load-test", help="skip the HTTP load test")] = False,
    no_peers: Annotated[bool, typer.Option("--no-peers", help="skip rank_bm25, flat-vs-ANN and LlamaIndex")] = False,
    merge: Annotated[list[Path] | None, typer.Option("--merge", help="combine these bench.json files into --out (runs nothing)")] = None,
) -> None:
    """Measure index build, memory and latency per corpus size, against peers; write the results."""
    from eval.bench.run import BenchConfig, run_bench
    from qa.config import project_root

    target = out_dir or project_root() / "eval" / "results" / "bench"
    if merge:
        _merge(merge, target)
        return
    if sizes not in ("small", "all"):
        raise InputError(f"unknown --sizes {sizes!r}", hint="use small or all")
    if serve_url and not serve_url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise InputError("the load test only targets this machine", hint="use http://127.0.0.1:PORT")
    config = BenchConfig(out=target, sizes=sizes, names=tuple(only) if only else None, threads=threads,
                         quiet_wait_s=wait_quiet, peers=not no_peers, llamaindex=not no_peers,
                         loadtest=not no_load_test, serve_url=serve_url)
    run_bench(config, log=lambda msg: out.print(f"[dim]{escape(msg)}[/]", highlight=False))
    out.print(f"results: {target}/bench.md, bench.json, latency.png")


def _merge(paths: list[Path], target: Path) -> None:
    from eval.bench.report import write_all
    from eval.bench.results import load_json, merge

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such results file: {missing[0]}", hint="pass bench.json files written by `qa bench`")
    combined = load_json(paths[0])
    for p in paths[1:]:
        combined = merge(combined, load_json(p))
    write_all(combined, target)
    out.print(f"merged {len(paths)} runs: {target}/bench.md, bench.json, latency.png")
