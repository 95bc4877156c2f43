"""The chat page as a conversation, in a real headless chromium against the real service and
its real conversation endpoints: a follow-up answered in context with its standalone question
shown, the quoted supporting sentence under the answer, copy, history kept on the server and
reloaded, new/rename/delete in the side list, stop while streaming (a slow OpenAI-compatible
stub on 127.0.0.1 generates the answer), dark mode from the system setting, and a phone
viewport where the newest answer is fully visible above the input bar (measured, not eyeballed).

Screenshots go to ``test-artifacts/``; ``make screenshots`` copies chat.png, dark.png and
phone-chat.png to ``docs/``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from eval.bench.service_load import start_stub
from tests.test_browser import ask, open_page, playwright, require_browser, shot  # noqa: F401
from tests.test_service_fixtures import QUESTION, Server, start_server

pytestmark = pytest.mark.slow

FOLLOW_UP = "立案了多少件？"  # leans on QUESTION for its organisation and year
ENGLISH = "How many proposals did the Dawukou CPPCC receive in 2023?"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
STUB_TOKENS, STUB_DELAY = 2000, 0.05  # 100 s of generation: only a stop ends it early
SETTLE_S = 300.0


@pytest.fixture(scope="module")
def chat(tmp_path_factory, corpus_index_dir) -> Iterator[Server]:
    require_browser()
    srv = start_server(tmp_path_factory.mktemp("browser-chat"), corpus_index_dir)
    yield srv
    srv.stop()
    assert srv.internal_errors == 0


def wait_for(condition, what: str, timeout: float = SETTLE_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout:g} s"
        time.sleep(0.1)


def luminance(css_color: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def background(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor")


def conversations(srv: Server) -> list[dict]:
    with srv.client() as c:
        r = c.get("/api/conversations")
        assert r.status_code == 200, r.text
        return r.json()["conversations"]


def test_follow_up_in_context_copy_and_history_after_reload(playwright, chat, tmp_path):
    from playwright.sync_api import expect

    ctx, page, errors = open_page(playwright, tmp_path, chat.url, permissions=["clipboard-read", "clipboard-write"],
                                  **DESKTOP)
    try:
        assert luminance(background(page, "html")) > 0.8, "light by default"
        first = ask(page, QUESTION)
        expect(first.locator(".answer")).to_contain_text("190")
        expect(first.locator(".standalone")).to_have_count(0)  # asked as is
        quote = first.locator(".quote-text").first
        expect(quote).to_be_visible()  # the supporting sentence itself, not only a tooltip
        expect(quote).to_contain_text("190")
        expect(first.locator(".provenance")).to_have_text("直接引自文档原文")

        second = ask(page, FOLLOW_UP)
        expect(second.locator(".answer")).to_contain_text("54")
        standalone = second.locator(".standalone")
        expect(standalone).to_be_visible()
        expect(standalone).to_contain_text("大武口")
        expect(second.locator(".quote-text").first).to_contain_text("54")
        # the answer is marked inside the quote, so the reader sees which figure of the sentence it is
        expect(second.locator(".quote-text mark.quote-answer").first).to_have_text("54件")
        item = page.locator("#conv-list .conv")
        expect(item).to_have_count(1)
        expect(item.locator(".conv-title")).to_have_text(QUESTION)  # titled by its first question
        expect(item.locator(".conv-meta")).to_contain_text("2 个问题")
        expect(item.locator(".conv-open")).to_have_attribute("aria-current", "true")
        shot(page, "chat.png")

        second.locator(".copy").click()
        expect(second.locator(".copy")).to_have_text("已复制")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "54" in copied.splitlines()[0] and "[1]" in copied, copied
        assert second.locator(".quote-text").first.inner_text().strip("“”") in copied

        english = ask(page, ENGLISH)  # a whole new question in the same conversation
        text = english.locator(".answer").inner_text()
        assert re.search(r"[A-Za-z]{3}", text) and "190" in text, text  # an English frame around 190件
        expect(english.locator(".quote-text mark.quote-answer").first).to_contain_text("190")
        assert "extractive" not in page.locator("body").inner_text().lower()

        # only the chat scrolls: the page does not, the side panels and the input bar stay put
        fixed = ("#conv-panel", "#docs-panel", "#ask-form")
        where = [page.locator(s).bounding_box() for s in fixed]
        bar = where[-1]
        box = english.bounding_box()
        assert box["y"] + box["height"] <= bar["y"] + 1 and bar["y"] + bar["height"] <= 800 + 1, (box, bar)
        assert page.evaluate("document.scrollingElement.scrollHeight <= innerHeight")
        scroller = page.locator("#scroller")
        assert scroller.evaluate("e => e.scrollHeight > e.clientHeight && e.scrollTop > 0")
        scroller.evaluate("e => e.scrollTo(0, 0)")
        expect(page.locator(".msg.user").first).to_be_in_viewport()
        assert [page.locator(s).bounding_box() for s in fixed] == where

        stored = conversations(chat)  # kept on the server, where API users see it too
        assert len(stored) == 1 and stored[0]["turn_count"] == 3, stored
        page.reload()
        expect(page.locator(".msg.bot")).to_have_count(3)
        again = page.locator(".msg.bot").nth(1)
        expect(again.locator(".answer")).to_contain_text("54")
        expect(again.locator(".standalone")).to_contain_text("大武口")
        expect(again.locator(".quote-text").first).to_be_visible()
        expect(page.locator(".msg.user").first).to_have_text(QUESTION)
        expect(page.locator("#welcome")).to_be_hidden()
        expect(page.locator("#conv-list .conv-open")).to_have_attribute("aria-current", "true")
        page.locator("#lang-toggle").click()
        expect(again.locator(".standalone")).to_contain_text("Answered as:")
        expect(again.locator(".provenance")).to_have_text("Quoted from the documents")
        assert "extractive" not in page.locator("body").inner_text().lower()
        page.locator("#lang-toggle").click()
        assert not errors, errors
    finally:
        ctx.close()


def test_new_rename_delete_in_the_side_list(playwright, chat, tmp_path):
    from playwright.sync_api import expect

    before = len(conversations(chat))
    ctx, page, errors = open_page(playwright, tmp_path, chat.url, **DESKTOP)
    try:
        items = page.locator("#conv-list .conv")
        expect(items).to_have_count(before)
        page.locator("#new-chat").click()
        expect(page.locator("#log .msg")).to_have_count(0)
        expect(page.locator("#welcome")).to_be_visible()
        ask(page, "城北区政协九届三次会议期间共提交提案多少件？")
        expect(items).to_have_count(before + 1)
        newest = items.first  # newest first
        expect(newest.locator(".conv-open")).to_have_attribute("aria-current", "true")

        page.once("dialog", lambda d: d.accept("城北区提案"))  # the rename prompt
        newest.locator(".conv-rename").click()
        expect(newest.locator(".conv-title")).to_have_text("城北区提案")
        page.reload()
        expect(items.first.locator(".conv-title")).to_have_text("城北区提案")
        expect(page.locator(".msg.bot")).to_have_count(1)  # the current conversation reopened
        assert conversations(chat)[0]["title"] == "城北区提案"

        if before:  # switching to an older conversation shows its own turns
            items.nth(1).locator(".conv-open").click()
            expect(page.locator(".msg.user").first).to_have_text(QUESTION)
            items.first.locator(".conv-open").click()
            expect(page.locator(".msg.user").first).to_contain_text("城北区政协")

        # deleted elsewhere (another tab, an API user): the next question starts a new chat
        gone = page.evaluate("localStorage.getItem('zhqa-conversation')")
        with chat.client() as c:
            assert c.delete(f"/api/conversations/{gone}").status_code == 204
        again = "城北区政协九届三次会议期间立案多少件？"
        done = page.locator(".msg.bot[data-state=done]")
        count = done.count()
        page.locator("#question").fill(again)
        page.locator("#question").press("Enter")  # the 404 first, then the answer in a new chat
        expect(done).to_have_count(count + 1)
        expect(done.last.locator(".answer")).to_contain_text("143")
        expect(items).to_have_count(before + 1)
        expect(items.first.locator(".conv-title")).to_have_text(again)
        assert page.evaluate("localStorage.getItem('zhqa-conversation')") not in (gone, None)

        page.once("dialog", lambda d: d.accept())  # the confirm()
        items.first.locator(".conv-delete").click()
        expect(items).to_have_count(before)
        expect(page.locator("#log .msg")).to_have_count(0)  # the deleted one was open
        assert again not in [c["title"] for c in conversations(chat)]
        page.reload()
        expect(items).to_have_count(before)
        expect(page.locator("#welcome")).to_be_visible()
        # chromium logs the 404 of the conversation deleted elsewhere; that response is the point
        assert not [e for e in errors if "status of 404" not in e], errors
    finally:
        ctx.close()


def test_stop_while_streaming(playwright, tmp_path_factory, corpus_index_dir, tmp_path):
    from playwright.sync_api import expect

    require_browser()
    stub_url, counts, stub = start_stub(STUB_TOKENS, STUB_DELAY)
    srv = start_server(tmp_path_factory.mktemp("browser-stop"), corpus_index_dir, llm="openai",
                       llm_base_url=stub_url, llm_retries=0, llm_timeout=300.0)
    try:
        ctx, page, errors = open_page(playwright, tmp_path, srv.url, **DESKTOP)
        try:
            page.locator("#question").fill(QUESTION)
            page.locator("#question").press("Enter")
            bot = page.locator(".msg.bot").last
            expect(bot.locator(".answer")).to_contain_text("委员委员")  # tokens are arriving
            expect(page.locator("#send")).to_be_hidden()
            page.locator("#stop").click()
            expect(bot).to_have_attribute("data-state", "stopped")
            expect(bot.locator(".stopped-note")).to_have_text("已停止回答")
            expect(bot.locator(".answer")).to_contain_text("委员")  # the partial answer stays, marked
            expect(page.locator("#stop")).to_be_hidden()
            expect(page.locator("#send")).to_be_enabled()
            expect(page.locator("#log")).not_to_have_attribute("aria-busy", "true")
            wait_for(lambda: counts.cut == 1, "the LLM stream being cut off by the stop")
            assert counts.finished == 0
            stored = conversations(srv)
            assert [c["turn_count"] for c in stored] == [0], stored  # a stopped answer is not kept
            assert not errors, errors
        finally:
            ctx.close()
    finally:
        srv.stop()
        stub.shutdown()
    assert srv.internal_errors == 0


def test_dark_mode_follows_the_system(playwright, chat, tmp_path):
    from playwright.sync_api import expect

    ctx, page, errors = open_page(playwright, tmp_path, chat.url, color_scheme="dark", **DESKTOP)
    try:
        page.locator("#new-chat").click()
        answer = ask(page, QUESTION)
        expect(answer.locator(".quote-text").first).to_be_visible()
        assert luminance(background(page, "html")) < 0.2
        for selector in (".msg.bot .bubble", "#conv-panel", "#docs-panel", "#question"):
            assert luminance(background(page, selector)) < 0.25, selector
        ink = answer.locator(".answer").evaluate("e => getComputedStyle(e).color")
        assert luminance(ink) > 0.7, ink
        shot(page, "dark.png")
        assert not errors, errors
    finally:
        ctx.close()


def test_phone_newest_answer_fully_visible_above_the_input_bar(playwright, chat, tmp_path):
    from playwright.sync_api import expect

    ctx, page, errors = open_page(playwright, tmp_path, chat.url, **PHONE)
    try:
        page.locator("#conv-toggle").tap()  # the chats panel opens over the chat
        expect(page.locator("#conv-panel")).to_be_visible()
        page.locator("#new-chat").tap()
        expect(page.locator("#conv-panel")).to_be_hidden()
        ask(page, QUESTION)
        last = ask(page, FOLLOW_UP)
        expect(last.locator(".copy")).to_be_visible()
        width, height = 390, 844
        box = last.bounding_box()
        bar = page.locator("#ask-form").bounding_box()
        header = page.locator("header.bar").bounding_box()
        assert box and bar and header
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert box["y"] >= header["y"] + header["height"] - 1, (box, header)  # not under the header
        assert box["y"] + box["height"] <= bar["y"] + 1, (box, bar)  # not under the input bar
        assert bar["y"] + bar["height"] <= height + 1, bar  # and the input bar is on screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, "phone-chat.png")
        assert not errors, errors
    finally:
        ctx.close()
