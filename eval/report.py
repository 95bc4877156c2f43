"""The evaluation report: ``report.json``, ``summary.md`` and charts in one directory.

``report.json`` holds the settings, versions (package, embedder, index fingerprint,
git commit), date, machine, every metric (overall, by question type, by organisation),
the failures and one record per question. ``summary.md`` is the same for a person,
with links to the charts.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from eval.aggregate import Metrics, breakdown_by, summarise
from eval.compare import SavedRun, compare, comparison_markdown, fmt
from eval.records import Failure, Machine, Report, RunSettings, Versions
from eval.runner import DEPTH, QuestionRecord, RunConfig
from qa.config import Settings, project_root
from qa.index.store import Index
from qa.models import to_jsonable
from qa.retrieve import RetrievalParams


def run_settings(source: str, settings: Settings, index: Index, params: RetrievalParams,
                 config: RunConfig, limit: int | None) -> RunSettings:
    """Collect the settings of a run."""
    return RunSettings(source, str(index.directory), config.llm or settings.llm, config.top_k, config.depth,
                       config.answers, limit, params, index.manifest.embedder, index.manifest.chunk_size,
                       settings.reader)


def _git() -> tuple[str | None, bool | None]:
    try:
        run = lambda *a: subprocess.run(["git", *a], cwd=project_root(), capture_output=True,  # noqa: E731
                                        text=True, timeout=10, check=True).stdout.strip()
        return run("rev-parse", "HEAD"), bool(run("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return None, None


def versions_of(index: Index) -> Versions:
    """Package, Python, embedder and index identity, and the git commit of the checkout."""
    try:
        package = metadata.version("zhqa")
    except metadata.PackageNotFoundError:
        package = "unknown"
    m = index.manifest
    commit, dirty = _git()
    return Versions(package, platform.python_version(), m.embedder, m.fingerprint, dict(m.versions),
                    m.n_documents, m.n_chunks, commit, dirty)


def machine_info() -> Machine:
    """Number of usable cores, CPU model (from /proc/cpuinfo when there is one), OS."""
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return Machine(nproc, model, platform.platform())


def failure_kinds(r: QuestionRecord, top_k: int) -> list[str]:
    """Why ``r`` is a failure (empty when it is not one): wrong answer, false abstention,
    answered unanswerable, citation without evidence (a cited span holds no evidence),
    evidence not cited (right answer, but some evidence span is not cited), retrieval
    miss (no relevant passage in the top ``top_k``), error."""
    kinds = [f"error: {r.error}"] if r.error else []
    if r.answered and not r.error:
        if r.answerable and r.abstained:
            kinds.append("false abstention")
        elif r.answerable and r.correct is False:
            kinds.append("wrong answer")
        elif not r.answerable and not r.abstained:
            kinds.append("answered unanswerable")
        if r.citation_precision is not None and r.citation_precision < 1:
            kinds.append("citation without evidence")
        if r.correct and r.citation_recall is not None and r.citation_recall < 1:
            kinds.append("evidence not cited")
    if r.retrieval_scored and (r.hit_rank is None or r.hit_rank > top_k):
        kinds.append("retrieval miss")
    return kinds


def failures_of(records: list[QuestionRecord], top_k: int) -> list[Failure]:
    """Every failing question; ``retrieval miss`` means no relevant passage in the top ``top_k``."""
    out = []
    for r in records:
        kinds = failure_kinds(r, top_k)
        if kinds:
            shown = [p for p in r.retrieved if p.text]
            out.append(Failure(r.id, kinds, r.question, r.expected, r.all_groups, r.evidence, r.got, r.cited,
                                r.retrieval_scored, r.hit_rank, shown))
    return out


def build_report(records: list[QuestionRecord], settings: RunSettings, versions: Versions,
                 machine: Machine | None = None, old: SavedRun | None = None) -> Report:
    """Aggregate ``records`` into a report; with ``old``, compare question by question."""
    depth = settings.depth or DEPTH
    metrics = summarise(records, depth)
    headline = metrics.headline()
    return Report(
        created_at=datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        source=settings.source, settings=settings, versions=versions, machine=machine or machine_info(),
        headline=headline, metrics=metrics,
        by_type=breakdown_by(records, lambda r: r.type, depth),
        by_org=breakdown_by(records, lambda r: r.group, depth),
        failures=failures_of(records, settings.top_k), records=records,
        comparison=compare(old, records, depth) if old else None,
    )


def write_report(report: Report, out_dir: Path, charts: bool = True) -> Path:
    """Write ``report.json``, the charts and ``summary.md`` into ``out_dir``; returns it."""
    from eval.charts import draw_charts  # matplotlib is imported only when charts are drawn

    out_dir.mkdir(parents=True, exist_ok=True)
    if charts:
        report.charts = [p.name for p in draw_charts(report, out_dir)]
    (out_dir / "report.json").write_text(report_json(report), encoding="utf-8")
    (out_dir / "summary.md").write_text(summary_markdown(report), encoding="utf-8")
    return out_dir


def report_json(report: Report) -> str:
    """``report.json`` as text (UTF-8, Chinese kept readable): indented, one line per question
    record, so that two recorded runs diff question by question."""
    data = to_jsonable(report)
    records = data.pop("records")
    head = json.dumps(data, ensure_ascii=False, indent=1)
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in records)
    return head[: -len("\n}")] + ',\n "records": [\n' + body + "\n ]\n}\n"


# ---------------------------------------------------------------- summary.md

_MAIN = [("recall@1", "retrieval"), ("recall@5", "retrieval"), ("recall@10", "retrieval"), ("mrr@10", "retrieval"),
         ("accuracy", "answerable"), ("f1", "answerable"), ("em", "answerable"), ("numeric", "numeric"),
         ("citation_precision", "cit_p"), ("citation_recall", "cit_r"), ("abstention_precision", "abst"),
         ("abstention_recall", "abst"), ("abstention_f1", "abst"), ("false_abstention_rate", "abst"),
         ("latency_median_ms", "timed"), ("latency_p95_ms", "timed"), ("retrieve_median_ms", "timed"),
         ("retrieve_p95_ms", "timed"), ("compose_median_ms", "timed"), ("compose_p95_ms", "timed")]
_GROUP_COLUMNS = ["recall@1", "recall@5", "mrr@10", "accuracy", "f1", "citation_precision", "citation_recall",
                  "abstention_recall", "false_abstention_rate", "latency_median_ms"]
_MAX_GROUPS = 40
_MAX_FAILURES = 200


def _cell(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit] + "…"


def measured_on(m: Metrics) -> dict[str, str]:
    """How many questions each kind of metric was measured on."""
    a = m.abstention
    n_timed = m.latency_total.count if m.latency_total else 0
    return {"retrieval": f"{m.retrieval_n}", "answerable": f"{m.answerable_n}", "numeric": f"{m.numeric_n}",
            "cit_p": f"{m.citation_precision_n}", "cit_r": f"{m.citation_recall_n}",
            "abst": f"{a.n_unanswerable} unanswerable / {a.n_answerable} answerable" if a else "0",
            "timed": f"{n_timed}"}


def _header(r: Report) -> list[str]:
    s, v, mc = r.settings, r.versions, r.machine
    commit = f"{v.git_commit[:12]}{' (with uncommitted changes)' if v.git_dirty else ''}" if v.git_commit else "?"
    return [
        f"# Evaluation: {r.source}", "",
        f"- date: {r.created_at}; {r.metrics.questions} questions" + (f" (first {s.limit})" if s.limit else ""),
        f"- answers: {(s.llm + ', reader ' + s.reader) if s.answers else 'not asked (retrieval only)'}; top_k {s.top_k}; retrieval "
        f"{s.retrieval.mode} (rrf_k {s.retrieval.rrf_k}, dense weight {s.retrieval.dense_weight}, "
        f"candidates {s.retrieval.candidates}); depth {s.depth}; latency measured after one warm-up question",
        f"- index: `{s.index_dir}`, {v.index_documents} documents, {v.index_chunks} chunks of ~{s.chunk_size} "
        f"characters, fingerprint {v.index_fingerprint[:12]}; embedder {v.embedder}",
        f"- versions: zhqa {v.package}, Python {v.python}, commit {commit}",
        f"- machine: {mc.nproc} cores, {mc.cpu_model}, {mc.platform}", "",
    ]


def _main_table(r: Report) -> list[str]:
    counts = measured_on(r.metrics)
    rows = [f"| {name} | {fmt(r.headline.get(name), name)} | {counts[kind]} |"
            for name, kind in _MAIN if r.headline.get(name) is not None]
    return ["## Main numbers", "", "| metric | value | measured on |", "|---|---|---|", *rows, ""]


def _group_table(title: str, groups: dict[str, Metrics]) -> list[str]:
    shown = sorted(groups.items(), key=lambda kv: -kv[1].questions)[:_MAX_GROUPS]
    out = [f"## {title}", "", "| | n | " + " | ".join(_GROUP_COLUMNS) + " |",
           "|---" * (len(_GROUP_COLUMNS) + 2) + "|"]
    for name, m in sorted(shown):
        h = m.headline()
        out.append(f"| {_cell(name, 60)} | {m.questions} | " + " | ".join(fmt(h[c], c) for c in _GROUP_COLUMNS) + " |")
    if len(groups) > len(shown):
        out.append(f"\n({len(groups) - len(shown)} smaller groups left out; all are in report.json)")
    return out + [""]


def _expected(f: Failure) -> str:
    if f.expected:
        return ("all of: " + " + ".join(f.expected)) if f.all_groups else " / ".join(f.expected)
    return "(no answer string: any answer from the evidence)" if f.evidence else "(unanswerable: should abstain)"


def _failure_md(f: Failure) -> list[str]:
    out = [f"### `{f.id}`: {', '.join(f.kinds)}", "", f"- question: {_cell(f.question)}",
           f"- expected: {_cell(_expected(f))}"]
    out += [f"- evidence: {_cell(e, 300)}" for e in f.evidence]
    out.append(f"- got: {_cell(f.got) or '–'}")
    out += [f"- cited [{i}]: {_cell(c, 300)}" for i, c in enumerate(f.cited, 1)] or ["- cited: –"]
    if f.retrieval_scored:
        out.append(f"- first relevant passage at rank: {f.hit_rank or 'none retrieved'}")
    out += [f"- passage {p.rank} {'✓' if p.relevant else '✗'} `{p.doc_id}`: {_cell(p.text, 300)}"
            for p in f.passages]
    return out + [""]


def summary_markdown(r: Report) -> str:
    """``summary.md``: header, main numbers, breakdowns, charts, comparison, failures."""
    out = _header(r) + _main_table(r)
    out += _group_table("By question type", r.by_type) + _group_table("By organisation", r.by_org)
    if r.charts:
        out += ["## Charts", ""] + [f"![{c}]({c})" for c in r.charts] + [""]
    if r.comparison is not None:
        out.append(comparison_markdown(r.comparison))
    out += [f"## Failures ({len(r.failures)})", ""]
    for f in r.failures[:_MAX_FAILURES]:
        out += _failure_md(f)
    if len(r.failures) > _MAX_FAILURES:
        out.append(f"... and {len(r.failures) - _MAX_FAILURES} more in report.json")
    return "\n".join(out) + "\n"

