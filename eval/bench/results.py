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
