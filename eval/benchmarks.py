"""Benchmark records: the runs of an external benchmark side by side.

:func:`record_benchmark` keeps one entry per retrieval mode (plus the LLM when not extractive) in
``eval/results/<name>.json`` and rewrites ``<name>.md`` and the recall chart from it.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.compare import fmt
from eval.records import Report, RunSettings
from qa.models import to_jsonable


def run_key(s: RunSettings) -> str:
    """Name of a run in a benchmark record: the retrieval mode, plus the LLM when not extractive
    and the span reader when one was used."""
    if not s.answers:
        return s.retrieval.mode
    return s.retrieval.mode + ("" if s.llm == "extractive" else f"+{s.llm}") + (
        "" if getattr(s, "reader", "none") == "none" else f"+reader-{s.reader}")


def record_benchmark(report: Report, name: str, note: str, results_dir: Path) -> tuple[Path, Path]:
    """Merge ``report``'s summary into ``<results_dir>/<name>.json`` (one entry per run key,
    replacing an older run of the same key) and rewrite ``<name>.md`` from it."""
    path = results_dir / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    runs = data.get("runs", {})
    runs[run_key(report.settings)] = to_jsonable({
        "created_at": report.created_at, "settings": report.settings, "versions": report.versions,
        "machine": report.machine, "questions": report.metrics.questions, "headline": report.headline,
        "recall_at": report.metrics.recall_at,
        "by_type": {k: m.headline() | {"questions": m.questions} for k, m in report.by_type.items()},
    })
    data = {"benchmark": name, "note": note, "runs": dict(sorted(runs.items()))}
    results_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md = results_dir / f"{name}.md"
    md.write_text(benchmark_markdown(data, _benchmark_chart(data, results_dir)), encoding="utf-8")
    return path, md


def _benchmark_chart(data: dict, results_dir: Path) -> str | None:
    from eval.charts import draw_recall_curves

    curves = {k: r["recall_at"] for k, r in data["runs"].items()}
    drawn = draw_recall_curves(curves, results_dir / f"{data['benchmark']}-recall.png",
                               f"{data['benchmark']}: retrieval recall@k")
    return drawn.name if drawn else None


_RETRIEVAL = ["recall@1", "recall@5", "recall@10", "mrr@10"]
_ANSWERS = ["accuracy", "f1", "em", "numeric", "citation_precision", "abstention_recall",
            "false_abstention_rate", "latency_median_ms", "latency_p95_ms"]


def _table(rows: dict[str, dict], columns: list[str]) -> list[str]:
    out = ["| run | questions | " + " | ".join(columns) + " |", "|---" * (len(columns) + 2) + "|"]
    for key, r in rows.items():
        h = r["headline"]
        out.append(f"| {key} | {r['questions']} | " + " | ".join(fmt(h.get(c), c) for c in columns) + " |")
    return out + [""]


def benchmark_markdown(data: dict, chart: str | None) -> str:
    """The recorded results of one external benchmark, every run, for a person."""
    runs = data["runs"]
    out = [f"# {data['benchmark']}", "", data["note"], "", "## Retrieval", ""] + _table(runs, _RETRIEVAL)
    if chart:
        out += [f"![recall@k]({chart})", ""]
    answered = {k: r for k, r in runs.items() if r["headline"].get("accuracy") is not None}
    if answered:
        out += ["## Answers", ""] + _table(answered, _ANSWERS)
    for key, r in answered.items():
        out += [f"### By question type ({key})", ""] + _type_table(r["by_type"])
    out += ["## Runs", ""]
    for key, r in runs.items():
        s, v, m = r["settings"], r["versions"], r["machine"]
        out.append(f"- **{key}**: {r['created_at']}; answers {_answers(s)}, "
                   f"top_k {s['top_k']}, retrieval {_params(s['retrieval'])}; index {v['index_documents']} documents, "
                   f"{v['index_chunks']} chunks of ~{s['chunk_size']} characters, fingerprint "
                   f"{v['index_fingerprint'][:12]}; embedder {v['embedder']}; zhqa {v['package']}, commit "
                   f"{(v['git_commit'] or '?')[:12]}{' (+ uncommitted changes)' if v['git_dirty'] else ''}; "
                   f"{m['nproc']} cores, {m['cpu_model']}")
    return "\n".join(out) + "\n"


def _answers(s: dict) -> str:
    if not s["answers"]:
        return "not asked"
    return s["llm"] + (f", reader {s['reader']}" if s.get("reader", "none") != "none" else "")


def _params(retrieval: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in retrieval.items())


def _type_table(by_type: dict[str, dict]) -> list[str]:
    columns = ["recall@5", "accuracy", "f1", "em", "numeric"]
    out = ["| type | questions | " + " | ".join(columns) + " |", "|---" * (len(columns) + 2) + "|"]
    for t, h in by_type.items():
        out.append(f"| {t} | {h['questions']} | " + " | ".join(fmt(h.get(c), c) for c in columns) + " |")
    return out + [""]
