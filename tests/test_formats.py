"""Readers per format on real files made by real tools (tests/fixtures/make_fixtures.py):
LibreOffice and Chromium PDFs, a two-column layout, a scan, Word, HTML, GBK and Big5 text."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from qa import formats
from qa.corpus import SourceFile, build_document, read_source
from qa.errors import DocumentError, UnsupportedTypeError
from qa.formats.base import ReadOptions
from qa.formats.pages import page_of
from qa.text.chunk import ChunkParams

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
FORMATS = FIXTURES / "formats"
REPORTS = FIXTURES / "reports-pdf"


def build(path: Path, options: ReadOptions | None = None):
    data = path.read_bytes()
    return build_document(SourceFile(path.stem, path, hashlib.sha256(data).hexdigest(), data), ChunkParams(),
                          options)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def bigram_recall(got: str, want: str) -> float:
    def grams(t: str) -> Counter:
        t = squeeze(t)
        return Counter(t[i:i + 2] for i in range(len(t) - 1))

    g, w = grams(got), grams(want)
    return sum((g & w).values()) / sum(w.values())


def printed_lines(pdf: Path, pages: int) -> list[str]:
    """The text lines (four characters or more) of a PDF's first pages, from its text layer."""
    import pypdfium2 as pdfium

    from qa.formats.pdf import text_lines

    doc = pdfium.PdfDocument(str(pdf))
    lines = [squeeze(line.text) for i in range(pages) for line in text_lines(doc[i])]
    doc.close()
    return [line for line in lines if len(line) >= 4]


def test_unknown_type_lists_the_supported_ones():
    with pytest.raises(UnsupportedTypeError) as err:
        formats.reader_for("report.xlsx")
    assert ".pdf" in err.value.hint and ".docx" in err.value.hint and ".txt" in err.value.hint
    assert set(formats.suffixes()) >= {".txt", ".md", ".pdf", ".docx", ".html", ".png", ".jpg"}


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_libreoffice_pdf_reads_like_the_text_file(name):
    """Every bundled report exported by LibreOffice: the same text, chunks that point into it, pages."""
    pdf_doc, pdf_chunks = build(REPORTS / name.replace(".txt", ".pdf"))
    txt_doc, txt_chunks = build_document(read_source(CORPUS / name), ChunkParams())
    assert bigram_recall(pdf_doc.text, txt_doc.text) > 0.97
    assert bigram_recall(txt_doc.text, pdf_doc.text) > 0.97  # nothing added (headers, numbers)
    assert abs(len(pdf_chunks) - len(txt_chunks)) <= max(3, len(txt_chunks) // 8)
    assert pdf_doc.pages[0] == 0 and list(pdf_doc.pages) == sorted(pdf_doc.pages) and len(pdf_doc.pages) >= 2
    assert all(pdf_doc.text[c.start:c.end] == c.text for c in pdf_chunks)
    assert [c.page for c in pdf_chunks] == sorted(c.page for c in pdf_chunks)
    assert pdf_chunks[-1].page == len(pdf_doc.pages)


def test_page_of_a_fact_is_the_page_it_is_printed_on():
    import pypdfium2 as pdfium

    path = REPORTS / "dawukou-2023.pdf"
    doc, _chunks = build(path)
    at = doc.text.index("全年共收到提案190件")
    page = page_of(doc.pages, at)
    pdf = pdfium.PdfDocument(str(path))
    printed = [i + 1 for i in range(len(pdf)) if "190" in pdf[i].get_textpage().get_text_range()
               and "收到提案" in squeeze(pdf[i].get_textpage().get_text_range())]
    assert page in printed
    # the page's text in the document view starts and ends where the page does
    start, end = doc.pages[page - 1], doc.pages[page] if page < len(doc.pages) else len(doc.text)
    assert start <= at < end


def test_chromium_pdf_drops_running_header_footer_and_page_numbers():
    doc, _ = build(FORMATS / "dawukou-chromium.pdf")
    assert doc.title.startswith("履职尽责结硕果")
    assert "file://" not in doc.text and not re.search(r"\b\d+/\d+\b", doc.text)
    assert doc.text.count("履职尽责结硕果") == 1  # the title, not the running header of every page
    assert "全年共收到提案190件" in doc.text
    assert len(doc.pages) == 3


def test_two_column_pdf_is_read_column_by_column():
    doc, _ = build(FORMATS / "xining-two-column.pdf")
    text = squeeze(doc.text)
    # sentences that wrap from line to line inside the left column come out whole
    for fact in ("全年开展理论中心组学习26次，主席及常委会会议学习31次，专委会学习座谈17次",
                 "形成调研报告6篇，提出意见建议82条，得到市委市政府领导批示18件次"):
        assert fact in text
    assert bigram_recall(doc.text, (CORPUS / "xining-2023.txt").read_text(encoding="utf-8")) > 0.9


@pytest.mark.parametrize("name", ["proposals-table.docx", "proposals-table-lo.pdf"])
def test_table_rows_carry_headers_and_caption(name):
    doc, chunks = build(FORMATS / name)
    row = "表1 2023年区级政协提案情况：区政协：大武口区政协，2023年提案数：190件，立案数：54件，办复率：100%。"
    assert row in doc.text
    assert "区政协：城北区政协，2023年提案数：167件" in doc.text
    assert doc.title == "2023年区级政协提案工作统计"
    # headings: Word's styles; the PDF's larger font
    assert any("二、统计数据" in c.headings for c in chunks if "190件" in c.text)
    assert doc.org is None  # a table of three organisations is about none of them


def test_docx_headings_and_list_items():
    doc, chunks = build(FORMATS / "proposals-table.docx")
    first = next(c for c in chunks if "推动提案落地见效" in c.text)
    assert first.headings == ("一、主要做法",)
    assert doc.pages == ()  # Word has no fixed pages


def test_html_keeps_the_article_and_drops_navigation():
    doc, _ = build(FORMATS / "xining-article.html")
    for nav in ("新闻中心", "联系我们", "热点推荐", "版权所有", "隐私政策", "天气预报"):
        assert nav not in doc.text
    assert "凝心聚力谋发展" in doc.title
    assert bigram_recall(doc.text, (CORPUS / "xining-2023.txt").read_text(encoding="utf-8")) > 0.95


def test_gbk_text_reads_like_the_utf8_original():
    gbk, _ = build(FORMATS / "chengbei-gbk.txt")
    utf8, _ = build_document(read_source(CORPUS / "chengbei-2023.txt"), ChunkParams())
    assert gbk.text == utf8.text


def test_big5_traditional_text_stays_traditional():
    doc, _ = build(FORMATS / "zhangye-big5.txt")
    assert "政協" in doc.text and "政协" not in doc.text


def test_traditional_document_names_its_organisation():
    from qa.text.orgs import detect_orgs

    _, chunks = build(FORMATS / "zhangye-big5.txt")
    assert chunks[0].org == "张掖市政协" and "張掖市政協" in chunks[0].text  # the text stays as written
    assert detect_orgs("張掖市政協收到多少件提案？", ["张掖市政协", "庆阳市政协"]) == ["张掖市政协"]


def test_traditional_text_matches_simplified_keywords():
    from qa.text.tokenize import Tokenizer

    tok = Tokenizer()
    assert set(tok.tokens("張掖市政協收到提案")) == set(tok.tokens("张掖市政协收到提案"))
    assert tok.tokens("大武口区政协") == tok.tokens("大武口区政协")  # simplified text unchanged


@pytest.mark.parametrize("name, data, message", [
    ("random.txt", bytes(range(128, 256)) * 4, "encoding cannot be determined"),
    ("controls.txt", b"\x01\x02\x03\x07\x1b\x7f\r\n\t\x0b\x0c" * 10, "only control characters"),
    ("controls.md", "\u200b\u200e\u2028\x85".encode() * 5, "only control characters"),
    ("empty.txt", b"  \n ", "empty"),
    ("nul.txt", b"abc\x00\x00def", "binary"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "not a readable PDF"),
    ("html.pdf", b"<html>not a pdf</html>", "not a readable PDF"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "broken zip"),
    ("notword.docx", None, "not a Word document"),
    ("broken.png", b"\x89PNG\r\n\x1a\n garbage", "not a readable image"),
])
def test_bad_files_are_clear_errors(name, data, message):
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "hi")
        data = buf.getvalue()
    with pytest.raises(DocumentError) as err:
        formats.probe(name, data)
        formats.read(name, data)
    assert message in str(err.value) and name in str(err.value)
    assert "\n" not in str(err.value)


def encrypted_pdf() -> bytes:
    import pypdf

    reader = pypdf.PdfReader(REPORTS / "xining-2023.pdf")
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def long_pdf(pages: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx whose document.xml inflates to 300 MiB (a few hundred KB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"<w:t>" + b"A" * (1 << 20) + b"</w:t>"
            for _ in range(300):
                fh.write(block)
    return buf.getvalue()


def blank_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (800, 600), color=255).save(buf, "PNG")
    return buf.getvalue()


def test_encrypted_pdf_is_refused():
    with pytest.raises(DocumentError, match="encrypted"):
        formats.probe("locked.pdf", encrypted_pdf())


def test_page_limit_is_a_setting():
    data = long_pdf(500)
    with pytest.raises(DocumentError, match="500 pages, over the limit of 300"):
        formats.probe("long.pdf", data)
    with pytest.raises(DocumentError, match="QA_MAX_PAGES"):
        formats.read("long.pdf", data, ReadOptions(max_pages=100))


def test_zip_bomb_is_refused_without_inflating_it():
    data = zip_bomb_docx()
    assert len(data) < 2 * 2**20
    with pytest.raises(DocumentError, match="zip bomb"):
        formats.read("bomb.docx", data)


@pytest.mark.slow
def test_image_without_text_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="no text found in the image"):
        formats.read("blank.png", blank_png(), ReadOptions(ocr_cache_dir=tmp_path))


@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr_and_cached(tmp_path, monkeypatch):
    path = FORMATS / "chengbei-scanned.pdf"
    seen: list[tuple[str, int, int]] = []
    options = ReadOptions(ocr_cache_dir=tmp_path, progress=lambda *a: seen.append(a))
    extracted = formats.read(path.name, path.read_bytes(), options)
    assert extracted.ocr_pages == 2 and extracted.paged
    assert seen == [("ocr", 1, 2), ("ocr", 2, 2)]  # progress per page
    original = (CORPUS / "chengbei-2023.txt").read_text(encoding="utf-8")
    text = squeeze(extracted.text)
    assert bigram_recall(text, original[:len(text)]) > 0.95
    missing = [line for line in printed_lines(REPORTS / "chengbei-2023.pdf", pages=2)
               if bigram_recall(extracted.text, line) < 0.6]
    assert missing == []  # no printed line is lost (PP-OCR's line classifier used to turn some over)
    assert len(list(tmp_path.rglob("*.json"))) == 2  # one cache entry per page
    import qa.formats.ocr as ocr

    monkeypatch.setattr(ocr, "_get_engine", lambda: pytest.fail("a cached page ran OCR again"))
    again = formats.read(path.name, path.read_bytes(), ReadOptions(ocr_cache_dir=tmp_path))
    assert again.pages == extracted.pages


@pytest.mark.slow
def test_upside_down_scan_is_read(tmp_path):
    from PIL import Image

    upside_down = io.BytesIO()
    Image.open(FORMATS / "xining-notice.png").rotate(180).save(upside_down, "PNG")
    extracted = formats.read("turned.png", upside_down.getvalue(), ReadOptions(ocr_cache_dir=tmp_path))
    assert "旗帜鲜明讲政治，始终是人民政协的生命线" in squeeze(extracted.text)


@pytest.mark.slow
def test_image_is_read_by_ocr(tmp_path):
    doc, chunks = build(FORMATS / "xining-notice.png", ReadOptions(ocr_cache_dir=tmp_path))
    assert "思想决定行动，方向关乎大局。旗帜鲜明讲政治，始终是人民政协的生命线。" in squeeze(doc.text)
    assert doc.pages == (0,) and all(c.page == 1 for c in chunks)


def test_a_new_reader_version_rereads_only_documents_of_its_type(monkeypatch):
    from qa.formats import registry

    pdf, txt = (REPORTS / "xining-2023.pdf").read_bytes(), (CORPUS / "xining-2023.txt").read_bytes()
    assert registry.content_key("a.txt", txt) == hashlib.sha256(txt).hexdigest()  # old indexes stay valid
    before = registry.content_key("a.pdf", pdf)
    monkeypatch.setitem(registry.READER_VERSIONS, ".pdf", registry.READER_VERSIONS[".pdf"] + 1)
    assert registry.content_key("a.pdf", pdf) != before
    assert read_source(REPORTS / "xining-2023.pdf").sha256 == registry.content_key("x.pdf", pdf)


def test_recorded_evals_of_the_pdf_and_scanned_reports_meet_the_targets():
    """The runs docs/formats.md reports: the gold answers over the reports as PDF within 0.03 of the
    .txt index, as scans read by OCR within 0.10 (each from an index of the five reports)."""
    import json

    def run(name: str) -> dict:
        report = json.loads((ROOT / "eval" / "results" / name / "report.json").read_text(encoding="utf-8"))
        assert report["source"] == "eval/gold/answers.jsonl" and report["versions"]["index_documents"] == 5
        return report["headline"]

    txt, pdf, ocr = run("answers"), run("answers-pdf"), run("answers-ocr")
    assert pdf["accuracy"] >= txt["accuracy"] - 0.03
    assert ocr["accuracy"] >= txt["accuracy"] - 0.10
