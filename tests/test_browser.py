"""The chat page in a real headless browser (Playwright driving Debian's chromium) against
the real service: streamed answer, citation chip, the cited span highlighted in its
document, the abstention state, language toggle, upload/delete, and a phone-width layout.

Screenshots go to ``test-artifacts/`` (git-ignored); the chat as a conversation (and the
screenshots in docs/) is tested in ``tests/test_browser_chat.py``.
"""

from __future__ import annotations

import importlib.util
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_service_fixtures import QUESTION, UNANSWERABLE, Server, start_server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
WAIT_MS = 240_000  # a shared 2-core machine: answers can take a while
JOB_WAIT_MS = 900_000  # reading a scan (OCR) and indexing it, on the same machine
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL = "run `make setup-test` (pip install -e '.[test]'; apt-get install -y chromium fonts-wqy-microhei)"


def require_browser() -> None:
    """Fail, never skip: the test command installs all of this."""
    if importlib.util.find_spec("playwright") is None:
        pytest.fail(f"playwright (Python) is not installed; {INSTALL}", pytrace=False)
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; {INSTALL}", pytrace=False)
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    if not fonts.strip():
        pytest.fail(f"no Chinese font: the page would show boxes; {INSTALL}", pytrace=False)


@pytest.fixture(scope="module")
def web(tmp_path_factory, corpus_index_dir) -> Iterator[Server]:
    require_browser()
    srv = start_server(tmp_path_factory.mktemp("browser-service"), corpus_index_dir)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0


@pytest.fixture(scope="module")
def playwright():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def open_page(playwright, tmp_path: Path, url: str, **context):
    """A fresh chromium profile and one page, failing the test on any page error."""
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
        locale="zh-CN", **context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_default_timeout(WAIT_MS)
    # expect() has its own timeout (5 s by default): it waits as long as everything else
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    page.goto(url)
    return ctx, page, errors


def ask(page, question: str) -> object:
    """Type the question, press Enter, and wait until its answer is complete."""
    done = page.locator(".msg.bot[data-state=done]").count()
    page.locator("#question").fill(question)
    with page.expect_response(lambda r: r.url.endswith("/api/ask/stream")) as response:
        page.locator("#question").press("Enter")
    assert response.value.headers["content-type"].startswith("text/event-stream")
    page.locator(".msg.bot[data-state=done]").nth(done).wait_for()
    return page.locator(".msg.bot").nth(done)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def check_citation(page, answer) -> None:
    """The chip opens the document with exactly the cited span highlighted and in view."""
    from playwright.sync_api import expect

    chip = answer.locator(".chip").first
    expect(chip).to_be_visible()
    expect(chip.locator(".chip-n")).to_have_text("[1]")
    cited = chip.get_attribute("title")
    assert cited and "190" in cited
    chip.focus()  # keyboard: a chip is a button
    page.keyboard.press("Enter")
    mark = page.locator("#doc-view mark.cited")
    expect(page.locator("#doc-view")).to_be_visible()
    expect(mark).to_have_text(cited)
    expect(mark).to_be_in_viewport()
    assert cited in page.locator("#doc-text").inner_text()
    shot(page, "citation.png")
    page.keyboard.press("Escape")
    expect(page.locator("#doc-view")).to_be_hidden()
    expect(chip).to_be_focused()


def check_abstention(page, abstained) -> Path:
    """A visible not-found banner, no chips, the nearest passages (openable in context)."""
    from playwright.sync_api import expect

    banner = abstained.locator(".notfound")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("文档中没有找到相关信息")
    expect(abstained.locator(".chip")).to_have_count(0)
    nearest = abstained.locator(".nearest .passage")
    assert nearest.count() >= 1
    path = shot(page, "answer.png")
    nearest.first.click()
    expect(page.locator("#doc-view mark.cited")).to_be_in_viewport()
    page.locator("#doc-close").click()
    return path


def test_chat_citation_and_abstention(playwright, web, tmp_path):
    from playwright.sync_api import expect

    ctx, page, errors = open_page(playwright, tmp_path, web.url, viewport={"width": 1280, "height": 800})
    try:
        expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
        expect(page.locator("#doc-list .doc")).to_have_count(5)
        answer = ask(page, QUESTION)
        expect(answer.locator(".answer")).to_contain_text("190")
        check_citation(page, answer)
        abstained = ask(page, UNANSWERABLE)
        answer_png = check_abstention(page, abstained)

        page.locator("#lang-toggle").click()
        banner = abstained.locator(".notfound")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(banner).to_contain_text("Not found in the documents")
        expect(page.locator("#send")).to_have_text("Ask")
        shot(page, "english.png")
        page.locator("#lang-toggle").click()
        expect(banner).to_contain_text("文档中没有找到相关信息")
        assert not errors, errors
    finally:
        ctx.close()
    assert answer_png.stat().st_size > 10_000


def test_upload_and_delete_from_the_page(playwright, web, tmp_path):
    from playwright.sync_api import expect

    doc = tmp_path / "pagetest.txt"
    doc.write_text("# 白桦乡政协联络组工作\n\n白桦乡政协联络组2023年共开展民主监督活动13次。\n", encoding="utf-8")
    ctx, page, errors = open_page(playwright, tmp_path, web.url, viewport={"width": 1280, "height": 800})
    try:
        expect(page.locator("#doc-list .doc")).to_have_count(5)
        page.locator("#upload-file").set_input_files(str(doc))
        page.locator("#upload-form button[type=submit]").click()
        item = page.locator('#doc-list .doc[data-doc-id="pagetest"]')
        expect(item).to_be_visible()  # the outcome, however long indexing takes on a busy machine

        answer = ask(page, "白桦乡政协联络组2023年共开展民主监督活动多少次？")
        expect(answer.locator(".answer")).to_contain_text("13")

        page.once("dialog", lambda d: d.accept())  # the confirm() before deleting
        item.locator("button.danger").click()
        expect(page.locator("#docs-status")).to_contain_text("已删除")
        expect(item).to_have_count(0)
        assert (web.settings.corpus_dir / ".deleted" / "pagetest.txt").exists()
        assert not errors, errors
    finally:
        ctx.close()


def test_phone_width_layout(playwright, web, tmp_path):
    from playwright.sync_api import expect

    ctx, page, errors = open_page(playwright, tmp_path, web.url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        answer = ask(page, QUESTION)
        expect(answer.locator(".chip").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "no sideways scrolling"
        for selector in ("#question", "#send", "#docs-toggle", "#lang-toggle"):
            expect(page.locator(selector)).to_be_in_viewport()
        box = answer.locator(".bubble").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
        expect(page.locator("#docs-panel")).to_be_hidden()
        shot(page, "phone.png")

        answer.locator(".chip").first.tap()
        expect(page.locator("#doc-view mark.cited")).to_be_in_viewport()
        dialog = page.locator("#doc-view").bounding_box()
        assert dialog and dialog["width"] <= 375
        shot(page, "phone-citation.png")
        page.locator("#doc-close").tap()

        page.locator("#docs-toggle").tap()
        expect(page.locator("#docs-toggle")).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#docs-panel")).to_be_visible()
        expect(page.locator("#doc-list .doc").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert not errors, errors
    finally:
        ctx.close()


def test_docs_screenshot_is_committed():
    """The README and docs/api.md show the page; `make screenshots` makes these."""
    for name in ("screenshot.png", "screenshot-dark.png", "screenshot-phone.png"):
        committed = ROOT / "docs" / name
        assert committed.exists() and committed.stat().st_size > 10_000, f"run `make screenshots` ({name})"


@pytest.fixture(scope="module")
def web_formats(tmp_path_factory, corpus_index_dir) -> Iterator[Server]:
    require_browser()
    tmp = tmp_path_factory.mktemp("browser-formats")
    srv = start_server(tmp, corpus_index_dir, ocr_cache_dir=tmp / "ocr-cache")
    yield srv
    srv.stop()
    assert srv.internal_errors == 0


def upload_from_page(page, path: Path, readable: bool = True) -> None:
    """Choose the file, submit, and wait until its document is listed (or the page says it cannot
    read it). The status line alone is not enough: it still shows the previous upload's result."""
    from playwright.sync_api import expect

    page.locator("#upload-file").set_input_files(str(path))
    page.locator("#upload-form button[type=submit]").click()
    if readable:
        expect(page.locator(f'#doc-list .doc[data-doc-id="{path.stem}"]')).to_be_visible(timeout=JOB_WAIT_MS)
        expect(page.locator("#docs-status")).to_contain_text("已上传")
    else:
        expect(page.locator("#docs-status")).to_contain_text(f"无法读取 {path.name}", timeout=JOB_WAIT_MS)


def test_every_document_type_uploads_from_the_page_and_a_citation_shows_its_page(
        playwright, web_formats, tmp_path):
    from playwright.sync_api import expect

    from tests.test_formats import FORMATS, encrypted_pdf

    expect.set_options(timeout=WAIT_MS)  # every wait here is on a busy machine: generous, on a condition
    ctx, page, errors = open_page(playwright, tmp_path, web_formats.url, viewport={"width": 1280, "height": 900})
    try:
        accept = page.locator("#upload-file").get_attribute("accept")
        for suffix in (".pdf", ".docx", ".html", ".png", ".jpg", ".txt", ".md"):
            assert suffix in accept
        upload_from_page(page, FORMATS / "proposals-table-lo.pdf")
        answer = ask(page, "星河区政协的办复率是多少？")
        expect(answer.locator(".answer")).to_contain_text("98%")
        chip = answer.locator('.chip[data-page="1"]').first
        expect(chip).to_contain_text("第 1 页")
        chip.click()
        expect(page.locator("#doc-view")).to_be_visible()
        expect(page.locator("#doc-meta")).to_contain_text("第 1 页")
        expect(page.locator("#doc-view mark.cited")).to_contain_text("星河区政协")
        link = page.locator("#doc-download")
        assert link.get_attribute("href") == "/api/documents/proposals-table-lo/file"
        with page.expect_download() as download:
            link.click()
        assert Path(download.value.path()).read_bytes() == (FORMATS / "proposals-table-lo.pdf").read_bytes()
        shot(page, "citation-page.png")
        page.locator("#doc-close").click()

        for name in ["proposals-table.docx", "xining-article.html", "chengbei-gbk.txt", "zhangye-big5.txt",
                     "xining-notice.png"]:
            upload_from_page(page, FORMATS / name)

        # a scanned PDF: the page shows the job's progress while it is read
        scan = tmp_path / "chengbei-scan.pdf"
        scan.write_bytes((FORMATS / "chengbei-scanned.pdf").read_bytes())
        page.locator("#upload-file").set_input_files(str(scan))
        page.locator("#upload-form button[type=submit]").click()
        expect(page.locator("#upload-progress")).to_be_visible()
        expect(page.locator('#doc-list .doc[data-doc-id="chengbei-scan"]')).to_be_visible(timeout=JOB_WAIT_MS)
        expect(page.locator("#upload-progress")).to_be_hidden()

        # a file it cannot read: a clear message, nothing added
        locked = tmp_path / "locked.pdf"
        locked.write_bytes(encrypted_pdf())
        upload_from_page(page, locked, readable=False)
        expect(page.locator("#docs-status")).to_contain_text("encrypted")
        expect(page.locator('#doc-list .doc[data-doc-id="locked"]')).to_have_count(0)
        # chromium logs the refused upload's 422 as a console error; that response is the point here
        assert not [e for e in errors if "status of 422" not in e], errors
    finally:
        ctx.close()
