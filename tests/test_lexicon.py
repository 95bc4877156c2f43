"""The corpus lexicon (qa/lexicon.py): its schema check, its place in the index, and answers without it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from qa.errors import InputError
from qa.lexicon import load_lexicon, parse_lexicon
from tests.conftest import CORPUS, ROOT


def test_the_bundled_lexicon_is_valid_and_holds_the_corpus_vocabulary():
    lex = load_lexicon(CORPUS / "lexicon.json")
    assert "主席" in lex.roles and lex.noun_measures["提案"] == "件" and lex.glossary["proposal"] == "提案"
    assert lex.sessions_in("区政协9届3次会议期间") == {(9, 3)} and "开展" in lex.light_verbs
    assert len(lex.sha256) == 64


def test_every_problem_is_listed_with_its_line():
    text = '{\n "roles": ["主席", 3],\n "sessions": ["(\\\\d+)届会议"],\n "glosary": {},\n "noun_measures": {"提案": ""}\n}\n'
    with pytest.raises(InputError) as err:
        parse_lexicon(text, "my/lexicon.json")
    msg = err.value.message
    assert "4 problem(s)" in msg
    assert "my/lexicon.json:2: 'roles': 3 is not a non-empty string" in msg
    assert "my/lexicon.json:3: 'sessions'" in msg and "needs exactly two groups" in msg
    assert "my/lexicon.json:4: unknown key 'glosary'; valid keys:" in msg and "glossary" in msg
    assert "my/lexicon.json:5: 'noun_measures': '提案' must map to a non-empty string" in msg
    assert "qa/lexicon.py" in err.value.hint


def test_broken_json_names_the_line():
    with pytest.raises(InputError, match=r"x.json:3: not valid JSON"):
        parse_lexicon('{\n "roles": ["主席"]\n "filler": []\n}', "x.json")


def test_an_empty_or_absent_lexicon_is_empty(tmp_path):
    assert load_lexicon(tmp_path / "nothing.json").empty
    assert parse_lexicon("{}").empty


def test_qa_index_refuses_a_missing_lexicon_file(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    r = subprocess.run([sys.executable, "-m", "zhqa.cli", "index", str(CORPUS), "--index", str(tmp_path / "i"),
                        "--lexicon", str(tmp_path / "missing.json")], capture_output=True, text=True, env=env,
                       timeout=600)
    assert r.returncode != 0 and "lexicon file" in r.stderr and "does not exist" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "i" / "manifest.json").exists()


@pytest.fixture(scope="module")
def bare_index_dir(corpus_index_dir, e5, tmp_path_factory):
    """The bundled corpus indexed with no lexicon (vectors reused from the default index)."""
    from pathlib import Path

    from qa.index.builder import build_index
    from qa.text.chunk import ChunkParams

    directory = tmp_path_factory.mktemp("bare") / "index"
    shutil.copytree(corpus_index_dir, directory)
    report = build_index(CORPUS, directory, e5, ChunkParams(), embedder_backend="e5-small", lexicon=Path("none"))
    assert report.embedded == 0  # only the lexicon changed: nothing is re-embedded
    return directory


def test_the_manifest_records_the_lexicon(corpus_index_dir, bare_index_dir):
    manifest = json.loads((corpus_index_dir / "manifest.json").read_text(encoding="utf-8"))
    lex = load_lexicon(CORPUS / "lexicon.json")
    assert manifest["lexicon"] == {"source": str(CORPUS / "lexicon.json"), "sha256": lex.sha256, "file": "lexicon.json"}
    assert (corpus_index_dir / "lexicon.json").read_bytes() == (CORPUS / "lexicon.json").read_bytes()
    assert "lexicon.json" in manifest["files"]
    bare = json.loads((bare_index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert bare["lexicon"] == {"source": None, "sha256": None, "file": None}
    assert not (bare_index_dir / "lexicon.json").exists() and bare["fingerprint"] != manifest["fingerprint"]


def test_a_tampered_lexicon_is_refused_on_load(corpus_index_dir, tmp_path):
    from qa.errors import IndexCorruptError
    from qa.index.store import Index

    d = tmp_path / "index"
    shutil.copytree(corpus_index_dir, d)
    raw = (d / "lexicon.json").read_text(encoding="utf-8").replace('"件"', '"次"', 1)
    (d / "lexicon.json").write_text(raw, encoding="utf-8")
    manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["lexicon.json"] = (d / "lexicon.json").stat().st_size  # same size check passes
    (d / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="differs from the"):
        Index.load(d)


@pytest.mark.parametrize("question, expected", [
    ("大武口区政协2023年一共收到了多少件提案？", "190件"),
    ("城北区政协提案办理的满意率是多少？", "96%"),
    ("西宁市政协机关党支部全年学习了几次？", "45次"),
    ("海西州已经挂牌运行了多少个“微协商”平台？", "107个"),
    ("张掖市政协全部编入专委会的政协委员有多少名？", "264名"),
    ("祁连县八宝镇政协工作联络站关于农村厕所革命的协商议事活动是哪天举行的？", "6月28日"),
])
def test_answers_without_a_lexicon(bare_index_dir, e5, question, expected):
    """With the lexicon empty, plain questions over any Chinese corpus still get their answers."""
    from qa.answer.pipeline import Answerer
    from qa.config import Settings
    from qa.index.store import Index
    from qa.retrieve import Retriever

    index = Index.load(bare_index_dir)
    assert index.lexicon.empty
    a = Answerer(Retriever(index, e5), Settings()).ask(question)
    assert a.answer == expected and a.citations, a
    c = a.citations[0]
    assert index.document(c.doc_id).text[c.start:c.end] == c.text
