"""The benchmark's results: one dataclass tree, written as JSON and read back for reports."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.bench.build import BuildFigures
from eval.bench.embedding import EmbedFigures
from eval.bench.llamaindex_peer import PipelineFigures
from eval.bench.machine import MachineInfo
from eval.bench.peers import AnnFigures, LibraryPair
from eval.bench.probe import ServingFigures


@dataclass(slots=True)
class SizeResult:
    """Everything measured on one corpus size."""

    corpus: str
    chunks: int
    note: str
    synthetic: str  # "" when everything is real
    build: BuildFigures | None = None
    serving: ServingFigures | None = None
    bm25_peer: LibraryPair | None = None
    ann: AnnFigures | None = None
    error: str = ""


@dataclass(slots=True)
class LoadFigures:
    """A bounded load test of one endpoint at one concurrency."""

    endpoint: str
    concurrency: int
    requests: int
    errors: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    note: str = ""


@dataclass(slots=True)
class BenchResults:
    """One run of ``qa bench``."""

    machine: MachineInfo
    sizes_arg: str
    threads: int  # OpenMP threads of the serving probes
    load_at_start: float
    sizes: list[SizeResult] = field(default_factory=list)
    embedding: list[EmbedFigures] = field(default_factory=list)
    llamaindex: PipelineFigures | None = None
    ours_on_gold: PipelineFigures | None = None
    at_scale: list[PipelineFigures] = field(default_factory=list)  # ours, LlamaIndex: same chunks and vectors
    at_scale_corpus: str = ""
    ann_tuning: list[tuple[int, float, float]] = field(default_factory=list)  # (efSearch, recall@10, ms)
    ann_tuning_n: int = 0
    loadtest: list[LoadFigures] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")


def _build(tp, value):
    """Rebuild a value of type ``tp`` from its JSON form (dataclasses, lists, optionals)."""
    import dataclasses
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_build(arg, v) for v in value]
    if origin is dict:
        _, arg = typing.get_args(tp)
        return {k: _build(arg, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return tp(**{f.name: _build(hints[f.name], value[f.name]) for f in dataclasses.fields(tp) if f.name in value})
    return value


def load_json(path: Path) -> BenchResults:
    """Read a ``bench.json`` back into :class:`BenchResults`."""
    return _build(BenchResults, json.loads(path.read_text(encoding="utf-8")))


def merge(base: BenchResults, more: BenchResults) -> BenchResults:
    """``base`` with the sizes of ``more`` added (its sweep too, when it covers more vectors)."""
    base.sizes += [s for s in more.sizes if s.corpus not in {b.corpus for b in base.sizes}]
    if more.ann_tuning_n > base.ann_tuning_n:
        if base.ann_tuning:  # keep the smaller sweep too, as a note
            sweep = ", ".join(f"efSearch {ef}: recall@10 {rec:.4f} ({ms:.2f} ms)" for ef, rec, ms in base.ann_tuning)
            base.notes.append(f"efSearch sweep on {base.ann_tuning_n:,} vectors of the first run: {sweep}")
        base.ann_tuning, base.ann_tuning_n = more.ann_tuning, more.ann_tuning_n
    base.sizes_arg = "all" if "all" in (base.sizes_arg, more.sizes_arg) else base.sizes_arg
    base.notes += [f"{n} (run of {more.machine.date}, load at start {more.load_at_start})" for n in more.notes]
    base.notes.append(f"sizes {', '.join(s.corpus for s in more.sizes)} measured in a separate run "
                      f"({more.machine.date}, commit {more.machine.commit}, load at start {more.load_at_start})")
    return base
