"""Issue 11, the command line as a user runs it (real processes, real index): empty and
all-skipped folders, counts instead of id lists, paths relative to the working directory,
zhqa.toml, `qa documents purge`, a refused corpus folder, damaged indexes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOLD, ROOT

pytestmark = pytest.mark.slow


def qa(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    # the code under test, wherever the command runs
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return subprocess.run([sys.executable, "-m", "zhqa.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=900)


def one_error_line(r: subprocess.CompletedProcess, needle: str) -> str:
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.strip().splitlines() if not line.startswith("skipped:")]
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], r.stderr
    return lines[0]


def no_temp_dirs(parent: Path) -> bool:
    return not [p for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


def test_empty_folder_builds_an_empty_index_with_a_warning(tmp_path):
    (tmp_path / "empty").mkdir()
    idx = tmp_path / "idx"
    r = qa("index", str(tmp_path / "empty"), "--index", str(idx))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr  # was: traceback, exit 1
    assert "indexed 0 documents" in r.stdout and "holds no .txt/.md documents" in r.stderr
    assert no_temp_dirs(tmp_path)  # was: a temporary folder left behind
    r = qa("documents", "--index", str(idx), "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []
    r = qa("search", "提案", "--index", str(idx), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["passages"] == []


def test_folder_whose_files_are_all_skipped_reports_them(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "blank.md").write_text("  \n", encoding="utf-8")
    r = qa("index", str(folder), "--index", str(tmp_path / "idx"))
    assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
    assert "skipped: binary.txt: looks like a binary file" in r.stderr and "skipped: blank.md" in r.stderr  # the report
    assert "indexed 0 documents" in r.stdout and no_temp_dirs(tmp_path)


def test_index_prints_paths_and_counts_and_ids_only_when_verbose(small_corpus, tmp_path):
    idx = tmp_path / "idx"
    r = qa("index", str(small_corpus), "--index", str(idx))
    assert r.returncode == 0, r.stderr
    assert f"corpus {small_corpus} -> index {idx}" in r.stdout
    assert "documents: 2 added" in r.stdout and "dawukou" not in r.stdout  # was: every id on one line
    (small_corpus / "extra.txt").write_text((small_corpus / "dawukou.txt").read_text(encoding="utf-8")[:600]
                                            + "\n\n补充说明。", encoding="utf-8")
    (small_corpus / "chengbei.md").unlink()
    r = qa("index", str(small_corpus), "--index", str(idx), "--verbose")
    assert r.returncode == 0, r.stderr
    assert "documents: 1 added, 1 removed" in r.stdout
    assert "added: extra" in r.stdout and "removed: chengbei" in r.stdout


def test_defaults_are_relative_to_the_working_directory(small_corpus, tmp_path):
    user = tmp_path / "user"
    shutil.copytree(small_corpus, user / "corpus")
    r = qa("index", cwd=user)
    assert r.returncode == 0, r.stderr
    assert (user / ".qa-index" / "manifest.json").exists() and not (ROOT / "user").exists()
    assert f"-> index {user / '.qa-index'}" in r.stdout
    r = qa("documents", "--json", cwd=user)  # was: "no index at <install>/.qa-index"
    assert r.returncode == 0 and {d["doc_id"] for d in json.loads(r.stdout)} == {"dawukou", "chengbei"}
    r = qa("eval", str(GOLD / "answers.jsonl"), "--limit", "1", cwd=user)
    assert r.returncode == 0, r.stderr
    reports = list((user / ".cache" / "eval").glob("answers-*/report.json"))  # was: the install folder
    assert len(reports) == 1


def test_zhqa_toml_in_the_working_directory(small_corpus, tmp_path):
    user = tmp_path / "user"
    shutil.copytree(small_corpus, user / "docs")
    (user / "zhqa.toml").write_text('corpus_dir = "docs"\nindex_dir = "my-index"\n', encoding="utf-8")
    r = qa("index", cwd=user)
    assert r.returncode == 0, r.stderr
    assert f"corpus {user / 'docs'} -> index {user / 'my-index'}" in r.stdout
    assert (user / "my-index" / "manifest.json").exists()
    (user / "zhqa.toml").write_text('index_dri = "x"\n', encoding="utf-8")
    one_error_line(qa("documents", cwd=user), "unknown setting(s) index_dri")


def test_purge_removes_only_what_was_deleted_long_enough_ago(tmp_path):
    deleted = tmp_path / "corpus" / ".deleted"
    deleted.mkdir(parents=True)
    (deleted / "old.txt").write_text("旧文件", encoding="utf-8")
    (tmp_path / "corpus" / "kept.txt").write_text("正在使用", encoding="utf-8")
    r = qa("documents", "purge", "--older-than", "1d", cwd=tmp_path)
    assert r.returncode == 0 and "removed 0 file(s)" in r.stdout and (deleted / "old.txt").exists()
    r = qa("documents", "purge", "--older-than", "0s", "--dry-run", cwd=tmp_path)
    assert "would remove 1 file(s)" in r.stdout and (deleted / "old.txt").exists()
    r = qa("documents", "purge", "--older-than", "0s", "--json", cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout)["removed"] == ["old.txt"]
    assert not (deleted / "old.txt").exists() and (tmp_path / "corpus" / "kept.txt").exists()
    one_error_line(qa("documents", "purge", "--older-than", "soon", cwd=tmp_path), "cannot read the duration")


def test_purge_by_deletion_time(tmp_path):
    from qa.deleted import parse_duration, purge_deleted

    deleted = tmp_path / ".deleted"
    deleted.mkdir()
    (deleted / "a.txt").write_text("x", encoding="utf-8")
    os.utime(deleted / "a.txt", (0, 0))  # written long ago, deleted just now: kept
    assert purge_deleted(tmp_path, parse_duration("30d")).removed == []
    later = purge_deleted(tmp_path, parse_duration("30d"), now=os.stat(deleted / "a.txt").st_ctime + 31 * 86400)
    assert later.removed == ["a.txt"] and not (deleted / "a.txt").exists()
    assert parse_duration("1w2d") == 9 * 86400 and parse_duration("90m") == 5400


def test_serving_an_index_with_another_corpus_folder_is_refused(small_corpus, tmp_path):
    idx = tmp_path / "idx"
    assert qa("index", str(small_corpus), "--index", str(idx)).returncode == 0
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(small_corpus / "dawukou.txt", other)
    r = qa("serve", "--index", str(idx), "--corpus", str(other), "--port", "1")
    line = one_error_line(r, "was built from")
    assert "chengbei" in line and "--rebind" in line and r.returncode == 2
    line = one_error_line(qa("index", str(other), "--index", str(idx)), "was built from")
    r = qa("index", str(other), "--index", str(idx), "--rebind")
    assert r.returncode == 0 and "1 removed" in r.stdout, r.stderr


def test_damaged_index_is_one_line_on_the_command_line(corpus_index_dir, tmp_path):
    copy = Path(shutil.copytree(corpus_index_dir, tmp_path / "idx"))
    data = bytearray((copy / "chunks.jsonl").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "chunks.jsonl").write_bytes(bytes(data))
    one_error_line(qa("search", "提案", "--index", str(copy)), "chunks.jsonl is damaged")
    one_error_line(qa("index", "--verify", "--index", str(copy)), "chunks.jsonl is damaged")
    one_error_line(qa("documents", "--index", str(copy)), "chunks.jsonl is damaged")


def test_sentence_transformers_without_its_extra_names_the_extra(monkeypatch):
    from qa.errors import EmbedderError
    from qa.factory import make_embedder

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # as in a core-only install
    with pytest.raises(EmbedderError) as err:
        make_embedder("sentence-transformers", "some-model")
    assert "zhqa[sentence-transformers]" in err.value.hint


def test_index_shows_a_progress_bar_with_time_left_on_a_terminal(small_corpus, tmp_path):
    import pty

    master, slave = pty.openpty()  # stderr is a terminal, as when a user runs it
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    proc = subprocess.Popen([sys.executable, "-m", "zhqa.cli", "index", str(small_corpus), "--index",
                             str(tmp_path / "idx"), "--batch-size", "2"],
                            stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    received = bytearray()
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the process closed the terminal
            break
        if not data:
            break
        received += data
    os.close(master)
    assert proc.wait(timeout=900) == 0
    text = received.decode("utf-8", "replace")
    import re

    assert "embedding" in text and re.search(r"\d+/\d+ \[\d\d:\d\d<\d\d:\d\d", text), text[-500:]  # n/N [elapsed<left
