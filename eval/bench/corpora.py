"""The corpus sizes of the benchmark, each with an index directory and questions to ask it.

Small sizes (the default): the bundled corpus, CMRC 2018 paragraphs, and RGB-zh when its
cached index exists (building it takes ~20 minutes; the benchmark never rebuilds it).
Large sizes (``--sizes all``): the CRUD-RAG news corpus and a million chunks, assembled by
:mod:`eval.bench.large` with synthetic vectors (said so in every figure they produce).
Indexes live under ``.cache/bench/<name>`` and are reused across runs through the normal
incremental build, so a second run embeds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from embeddings import Embedder
from eval.bench.reuse import ReusingEmbedder, old_vectors, upgrade_cached
from eval.bench.stage import Stage
from eval.external import cache_dir, load_cmrc, load_rgb
from qa.config import project_root
from qa.corpus import SourceFile, list_sources, read_source
from qa.errors import IndexStoreError
from qa.index.builder import BuildOptions, build_from_sources, fingerprint
from qa.index.manifest import MANIFEST
from qa.index.store import Index
from qa.text.chunk import ChunkParams

GOLD_DIR = project_root() / "eval" / "gold"
MAX_QUESTIONS = 300


@dataclass(slots=True)
class BenchCorpus:
    """One corpus size: where its index is, what to ask it, what (if anything) is synthetic."""

    name: str
    index_dir: Path
    questions: list[str]
    sources: list[SourceFile]  # what the index was built from (empty for assembled ones)
    note: str
    synthetic: str = ""  # empty: everything is real
    stages: dict[str, Stage] = field(default_factory=dict)  # build stages timed when it was assembled


def gold_questions(names: tuple[str, ...] = ("retrieval.jsonl", "answers.jsonl")) -> list[str]:
    """Distinct questions of the project's gold files (216 for the bundled corpus)."""
    qs: list[str] = []
    for name in names:
        for line in (GOLD_DIR / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                qs.append(json.loads(line)["question"])
    return list(dict.fromkeys(qs))


def _ensure_index(sources: list[SourceFile], index_dir: Path, embedder: Embedder) -> None:
    """Build or update the cached index (a no-op when nothing changed).

    Vectors of a previous index are reused by text even when its format or rules changed.
    """
    upgrade_cached(index_dir)
    if _usable(index_dir, sources, embedder):
        return
    known = old_vectors(index_dir, embedder.name) if (index_dir / MANIFEST).exists() else {}
    emb = ReusingEmbedder(embedder, known) if known else embedder
    build_from_sources(sources, index_dir, emb, ChunkParams(), BuildOptions("e5-small"))


def _usable(index_dir: Path, sources: list[SourceFile], embedder: Embedder) -> bool:
    """The cached index loads and was built from exactly these sources with these rules."""
    try:
        index = Index.load(index_dir)
    except IndexStoreError:
        return False
    fp = fingerprint([(s.doc_id, s.sha256) for s in sources], embedder.name, ChunkParams())
    index.close()
    return index.manifest.fingerprint == fp


def bundled(embedder: Embedder) -> BenchCorpus:
    """The bundled corpus (corpus/) with the gold questions written for it."""
    sources = [read_source(p) for p in list_sources(project_root() / "corpus")]
    index_dir = cache_dir("bundled") / "index"
    _ensure_index(sources, index_dir, embedder)
    return BenchCorpus("bundled", index_dir, gold_questions(), sources,
                       "corpus/ (5 CPPCC work reports); questions: eval/gold retrieval + answers")


def cmrc(embedder: Embedder) -> BenchCorpus:
    """CMRC 2018 dev paragraphs with their own questions."""
    bench = load_cmrc()
    index_dir = cache_dir("cmrc2018") / "index"
    _ensure_index(bench.sources, index_dir, embedder)
    qs = list(dict.fromkeys(g.question for g in bench.gold))[:MAX_QUESTIONS]
    return BenchCorpus("cmrc2018", index_dir, qs, bench.sources, "CMRC 2018 dev paragraphs; its questions")


def rgb(embedder: Embedder) -> BenchCorpus | None:
    """RGB-zh from its cached index; None when that index has not been built.

    A cached index of an older format is brought up to date with its own vectors (no
    embedding of unchanged text); a missing one is not built here (~20 minutes).
    """
    index_dir = cache_dir("rgb-zh") / "index"
    if not (index_dir / MANIFEST).exists():
        return None
    bench = load_rgb()
    _ensure_index(bench.sources, index_dir, embedder)
    qs = list(dict.fromkeys(g.question for g in bench.gold))[:MAX_QUESTIONS]
    return BenchCorpus("rgb-zh", index_dir, qs, bench.sources, "RGB-zh news passages (cached index); its questions")


def rgb_questions() -> list[str]:
    """News questions for corpora without their own (CRUD-RAG, the million)."""
    return list(dict.fromkeys(g.question for g in load_rgb().gold))[:MAX_QUESTIONS]


SMALL: dict[str, Callable[[Embedder], BenchCorpus | None]] = {
    "bundled": bundled, "cmrc2018": cmrc, "rgb-zh": rgb,
}
