"""`qa index` on a real folder of every supported type, and bad files among good ones (real CLI,
real embedder, real OCR)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_formats import FORMATS, blank_png, encrypted_pdf, long_pdf, zip_bomb_docx

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def qa(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QA_OCR_CACHE_DIR": str(tmp / "ocr-cache")}
    return subprocess.run([sys.executable, "-m", "zhqa.cli", *args], capture_output=True, text=True,
                          env=env, timeout=1800, cwd=tmp)


@pytest.fixture(scope="module")
def fixtures_index(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formats-index")
    folder = Path(shutil.copytree(FORMATS, tmp / "docs"))
    r = qa("index", str(folder), "--index", str(tmp / "index"), "--json", tmp=tmp)
    return tmp, folder, r


def test_every_fixture_is_indexed(fixtures_index):
    tmp, folder, r = fixtures_index
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["skipped"] == []
    assert sorted(report["added"]) == sorted(p.stem for p in folder.iterdir())
    docs = qa("documents", "--index", str(tmp / "index"), "--json", tmp=tmp)
    assert docs.returncode == 0, docs.stderr


def test_index_prints_progress_per_page_of_paged_documents(fixtures_index):
    _, folder, r = fixtures_index
    lines = r.stderr.splitlines()
    scanned = [line for line in lines if line.startswith("chengbei-scanned.pdf: ")]
    assert scanned == ["chengbei-scanned.pdf: page 1/2 (OCR)", "chengbei-scanned.pdf: page 2/2 (OCR)"], r.stderr
    assert "xining-notice.png: page 1/1 (OCR)" in lines
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(folder / "dawukou-chromium.pdf")))
    assert f"dawukou-chromium.pdf: page {pages}/{pages}" in lines  # text pages: no "(OCR)"
    assert not any(line.startswith(("chengbei-gbk.txt", "proposals-table.docx")) for line in lines)


def ask(tmp: Path, question: str) -> dict:
    r = qa("ask", question, "--index", str(tmp / "index"), "--json", tmp=tmp)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_table_cell_is_found_and_the_row_cited_with_its_page(fixtures_index):
    tmp, _, _ = fixtures_index
    answer = ask(tmp, "星河区政协的办复率是多少？")
    assert "98%" in answer["answer"], answer
    cite = answer["citations"][0]
    assert cite["doc_id"].startswith("proposals-table") and "星河区政协" in cite["text"]
    if cite["doc_id"] == "proposals-table-lo":
        assert cite["page"] == 1
    else:
        assert cite["page"] is None  # Word has no fixed pages


def test_a_pdf_citation_carries_its_page(fixtures_index):
    tmp, _, _ = fixtures_index
    # two PDFs state 190件 (the report's page 1 and the one-page table): either may be cited, with its page
    answer = ask(tmp, "大武口区政协2023年一共收到了多少件提案？")
    assert "190" in answer["answer"], answer
    assert answer["citations"] and all(c["page"] == 1 for c in answer["citations"]), answer["citations"]
    # a fact on the second of the report's three pages
    answer = ask(tmp, "大武口区政协机关被评为什么示范点？")
    assert "健康单位示范点" in answer["answer"], answer
    pdf = [c for c in answer["citations"] if c["doc_id"] == "dawukou-chromium"]
    assert pdf and pdf[0]["page"] == 2, answer["citations"]


def test_simplified_question_finds_the_traditional_document(fixtures_index):
    tmp, _, _ = fixtures_index
    r = qa("search", "张掖市政协 委员", "--index", str(tmp / "index"), "--json", "--doc", "zhangye-big5", tmp=tmp)
    assert r.returncode == 0, r.stderr
    passages = json.loads(r.stdout)["passages"]
    assert passages and "張掖" in passages[0]["text"]  # cited as written


def test_simplified_question_is_answered_from_the_traditional_document(fixtures_index):
    tmp, _, _ = fixtures_index
    answer = ask(tmp, "张掖市政协形成了多少篇理论研究成果？")
    assert "150" in answer["answer"], answer
    cite = answer["citations"][0]
    assert cite["doc_id"] == "zhangye-big5" and "150餘篇" in cite["text"], answer  # quoted as written


def test_bad_files_are_skipped_with_one_line_each_and_nothing_is_lost(fixtures_index, tmp_path):
    _, folder, _ = fixtures_index
    good = Path(shutil.copytree(folder, tmp_path / "docs"))
    first = qa("index", str(good), "--index", str(tmp_path / "index"), "--json", tmp=tmp_path)
    assert first.returncode == 0, first.stderr
    before = {d["doc_id"]: d["chunk_hi"] - d["chunk_lo"] for d in json.loads(
        qa("documents", "--index", str(tmp_path / "index"), "--json", tmp=tmp_path).stdout)}

    bad = {"locked.pdf": encrypted_pdf(), "long.pdf": long_pdf(500), "bomb.docx": zip_bomb_docx(),
           "blank.png": blank_png(), "torn.pdf": (folder / "dawukou-chromium.pdf").read_bytes()[:5000],
           "controls.txt": b"\x01\x02\x03\x1b" * 20, "mystery.txt": bytes(range(128, 256)) * 4}
    for name, data in bad.items():
        (good / name).write_bytes(data)
    r = qa("index", str(good), "--index", str(tmp_path / "index"), "--json", tmp=tmp_path)
    assert r.returncode == 3, r.stderr  # indexed what could be, and says not all went well
    problems = [line for line in r.stderr.splitlines() if line.startswith("skipped:")]
    assert len(problems) == len(bad), r.stderr
    for name in bad:
        assert sum(name in line for line in problems) == 1, (name, r.stderr)
    assert "Traceback" not in r.stderr
    for word in ("encrypted", "500 pages", "zip bomb", "no text found", "not a readable PDF",
                 "only control characters", "encoding cannot be determined"):
        assert word in r.stderr, word
    after = {d["doc_id"]: d["chunk_hi"] - d["chunk_lo"] for d in json.loads(
        qa("documents", "--index", str(tmp_path / "index"), "--json", tmp=tmp_path).stdout)}
    assert after == before
