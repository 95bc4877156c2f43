"""Charts of a report as PNG files (matplotlib, Agg backend: no display needed).

``by_type.png`` (grouped bars of the main metrics per question type), ``latency.png``
(histogram of per-question latency: total, retrieval, compose) and ``recall_at_k.png``
(retrieval recall@k for k = 1..10). A chart with nothing to show is not drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eval.plotting import pyplot

if TYPE_CHECKING:
    from eval.records import Report

BAR_METRICS = ("recall@5", "accuracy", "citation_precision", "citation_recall", "abstention_recall")


def _pyplot():
    return pyplot()  # Agg, with a CJK font registered when one is installed


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    _pyplot().close(fig)
    return path


def draw_by_type(report: Report, path: Path) -> Path | None:
    """Grouped bars: one group per question type, one bar per metric measured somewhere."""
    groups = {k: m.headline() for k, m in report.by_type.items()}
    metrics = [m for m in BAR_METRICS if any(h.get(m) is not None for h in groups.values())]
    if not groups or not metrics:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(6.0, 1.2 * len(groups) * max(1, len(metrics)) / 3), 4.2))
    width = 0.8 / len(metrics)
    for i, metric in enumerate(metrics):
        xs = [j + (i - (len(metrics) - 1) / 2) * width for j in range(len(groups))]
        ax.bar(xs, [groups[g].get(metric) or 0.0 for g in groups], width, label=metric)
    labels = [f"{g}\n(n={report.by_type[g].questions})" for g in groups]
    ax.set_xticks(range(len(groups)), labels, fontsize=8)
    ax.set_ylim(0, 1.2)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel("score")
    ax.set_title(f"Metrics by question type: {Path(report.source).name}")
    ax.legend(fontsize=7, loc="upper center", ncol=len(metrics), frameon=False)
    return _save(fig, path)


def draw_latency(report: Report, path: Path) -> Path | None:
    """Histogram of per-question total, retrieval and compose latency (ms)."""
    timed = [r for r in report.records if r.total_ms is not None]
    if not timed:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    series = {"total": [r.total_ms or 0.0 for r in timed], "retrieve": [r.retrieve_ms or 0.0 for r in timed],
              "compose": [r.compose_ms or 0.0 for r in timed]}
    low = max(0.1, min(min(v) for v in series.values()))
    high = max(low * 10, max(max(v) for v in series.values()))
    bins = [low * (high / low) ** (i / 40) for i in range(41)]  # log-spaced: latencies are heavy-tailed
    for name, values in series.items():
        ax.hist(values, bins=bins, histtype="step", linewidth=1.6, label=name)
    lt = report.metrics.latency_total
    if lt and lt.median is not None and lt.p95 is not None:
        ax.axvline(lt.median, color="grey", linestyle="--", linewidth=1, label=f"median total {lt.median:.0f} ms")
        ax.axvline(lt.p95, color="black", linestyle=":", linewidth=1, label=f"p95 total {lt.p95:.0f} ms")
    ax.set_xscale("log")
    ax.set_xlabel("milliseconds per question (log scale)")
    ax.set_ylabel("questions")
    ax.set_title(f"Latency ({report.machine.nproc} cores)")
    ax.legend(fontsize=8)
    return _save(fig, path)


def draw_recall_curves(curves: dict[str, Sequence[float]], path: Path, title: str) -> Path | None:
    """Recall@k against k, one line per named curve (e.g. per retrieval mode)."""
    curves = {k: v for k, v in curves.items() if v}
    if not curves:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    for name, values in curves.items():
        ks = list(range(1, len(values) + 1))
        ax.plot(ks, values, marker="o", label=name)
    ax.set_xticks(range(1, max(len(v) for v in curves.values()) + 1))
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("k (passages retrieved)")
    ax.set_ylabel("recall@k")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _save(fig, path)


def draw_charts(report: Report, out_dir: Path) -> list[Path]:
    """Every chart of ``report`` that has data, written into ``out_dir``."""
    mode = report.settings.retrieval.mode
    drawn = [
        draw_by_type(report, out_dir / "by_type.png"),
        draw_latency(report, out_dir / "latency.png"),
        draw_recall_curves({mode: report.metrics.recall_at}, out_dir / "recall_at_k.png",
                           f"Retrieval recall@k ({report.metrics.retrieval_n} questions)"),
    ]
    return [p for p in drawn if p is not None]
