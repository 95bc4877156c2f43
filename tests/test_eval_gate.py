"""Regression gate: the real pipeline on the project's gold sets stays above eval/floors.json.

Runs every question of eval/gold/{answers,heldout,english,english-fresh,absent,retrieval,multipart,overview,coordination,
fresh6,fresh7,fresh8,fresh9,fresh10,fresh11,fresh12,fresh13}.jsonl with the
session index (extractive answers with the trained reader, default retrieval; ``rules:`` sets with the rules alone,
``--reader none``) and fails when a headline metric falls below its floor or rises above its ceiling; the same for
news-dev, news-fresh, news-fresh2, news-fresh3 and news-int, our questions over 400 news documents each (from
../shared/bench/crud-news; news-fresh4 is not gated: it stays blind until it is read). The measured numbers are printed.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, ROOT

FLOORS = ROOT / "eval" / "floors.json"


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", ["answers", "heldout", "english", "english-fresh", "absent", "retrieval",
                                      "multipart", "overview", "coordination", "fresh6", "fresh7", "fresh8", "fresh9",
                                      "fresh10", "fresh11", "fresh12", "fresh13",
                                      # the rules alone (--reader none): still what answers the parts and sides we write
                                      "rules:answers", "rules:heldout", "rules:english", "rules:absent"])
def test_gold_set_stays_above_its_floors(gold_set: str, retriever) -> None:
    from eval.aggregate import summarise
    from eval.compare import check_floors, load_floors
    from eval.gold import load_gold
    from eval.report import failures_of
    from eval.runner import RunConfig, run
    from qa.answer.pipeline import Answerer
    from qa.config import load_settings

    rules, _, name = gold_set.rpartition(":")
    answerer = Answerer(retriever, load_settings(llm="extractive", top_k=5, reader="none" if rules else None))
    records = run(load_gold(GOLD / f"{name}.jsonl"), answerer, RunConfig(llm="extractive", warmup=False),
                  progress=None)
    checks = check_floors(summarise(records).headline(), load_floors(FLOORS, gold_set))
    lines = [f"{c.metric}: measured {c.measured if c.measured is None else round(c.measured, 3)}, "
             f"{'floor' if c.bound == 'min' else 'ceiling'} {c.limit} {'ok' if c.ok else 'FAILED'}" for c in checks]
    print(f"\n{gold_set}.jsonl ({len(records)} questions)\n  " + "\n  ".join(lines))
    failures = [f"{f.id} {f.kinds}: {f.question} -> {f.got}" for f in failures_of(records, top_k=5)]
    assert all(c.ok for c in checks), "\n".join(lines + ["failures:"] + failures)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["news-dev", "news-fresh", "news-fresh2", "news-fresh3", "news-int"])
def test_news_set_stays_above_its_floors(name: str, e5, tmp_path_factory) -> None:
    """Our questions over 400 news documents of CRUD-RAG's corpus each (eval/gold/<name>.jsonl, indexed
    from ../shared/bench/crud-news): a genre no rule was written for, gated like the gold sets. news-int
    asks two things at once (both must be answered). news-fresh4 is not gated: it stays blind until read."""
    from eval.aggregate import summarise
    from eval.compare import check_floors, load_floors
    from eval.external import load_benchmark
    from eval.report import failures_of
    from eval.runner import RunConfig, run
    from qa.answer.pipeline import Answerer
    from qa.config import load_settings
    from qa.index.builder import BuildOptions, build_from_sources
    from qa.index.store import Index
    from qa.retrieve import Retriever
    from qa.text.chunk import ChunkParams

    bench = load_benchmark(name)
    directory = tmp_path_factory.mktemp(name) / "index"
    build_from_sources(bench.sources, directory, e5, ChunkParams(), BuildOptions("e5-small"))
    answerer = Answerer(Retriever(Index.load(directory), e5), load_settings(llm="extractive", top_k=5))
    records = run(bench.gold, answerer, RunConfig(llm="extractive", warmup=False), progress=None)
    checks = check_floors(summarise(records).headline(), load_floors(FLOORS, name))
    lines = [f"{c.metric}: measured {c.measured if c.measured is None else round(c.measured, 3)}, "
             f"{'floor' if c.bound == 'min' else 'ceiling'} {c.limit} {'ok' if c.ok else 'FAILED'}" for c in checks]
    print(f"\n{name} ({len(records)} questions)\n  " + "\n  ".join(lines))
    failures = [f"{f.id} {f.kinds}: {f.question} -> {f.got}" for f in failures_of(records, top_k=5)]
    assert checks and all(c.ok for c in checks), "\n".join(lines + ["failures:"] + failures)


def _recorded(gold_set: str) -> dict:
    """The run a floor was set against: eval/results/<set>-reader (the reader, the default), or
    eval/results/<set> for the rules alone."""
    rules, _, name = gold_set.rpartition(":")
    folder = ROOT / "eval" / "results" / (name if rules else f"{name}-reader")
    return json.loads((folder / "report.json").read_text(encoding="utf-8"))


def test_each_accuracy_floor_leaves_a_question_of_slack_under_its_recorded_run() -> None:
    """The int8 reader's scores differ between CPUs by enough to flip an answer near a threshold
    (stop 31: english-fresh 0.870 on an Intel Xeon, 0.826 on an AMD EPYC, same code): a floor within
    one question of what was measured fails CI on the machine, not on a change."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    tight = []
    for gold_set, bounds in floors.items():
        floor = bounds.get("min", {}).get("accuracy") if not gold_set.startswith("_") else None
        if floor is None:
            continue
        report = _recorded(gold_set)
        answerable = sum(1 for r in report["records"] if r["answerable"])
        if report["headline"]["accuracy"] - floor < 1 / answerable - 1e-9:
            tight.append(f"{gold_set}: measured {report['headline']['accuracy']:.3f}, floor {floor}, "
                         f"one question is {1 / answerable:.3f}")
    assert not tight, "\n".join(tight)
