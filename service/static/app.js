// The chat: ask, stream the answer, show numbered citation chips, open a citation in its
// document, and make abstentions ("not found in the documents") unmistakable.

import { stream } from "./api.js";
import { refresh } from "./docs.js";
import { apply, label, t, toggleLanguage } from "./i18n.js";
import { showSpan } from "./viewer.js";

const log = document.getElementById("log");
const form = document.getElementById("ask-form");
const input = document.getElementById("question");
const send = document.getElementById("send");

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addMessage(who) {
  const li = el("li", `msg ${who}`);
  const bubble = el("div", "bubble");
  li.append(bubble);
  log.append(li);
  document.getElementById("welcome").hidden = true;
  return bubble;
}

function scrollToEnd() {
  log.lastElementChild?.scrollIntoView({ block: "end" });
}

function chip(citation) {
  const b = el("button", "chip");
  b.type = "button";
  b.dataset.n = citation.n;
  b.dataset.i18nLabel = "cite";
  b.dataset.i18nVars = JSON.stringify({ n: citation.n, title: citation.title });
  b.setAttribute("aria-label", t("cite", { n: citation.n, title: citation.title }));
  b.title = citation.text;
  b.append(el("span", "chip-n", `[${citation.n}]`), el("span", "chip-title", citation.org || citation.title));
  if (citation.page) {
    b.dataset.page = citation.page;
    b.append(el("span", "chip-page", t("page", { page: citation.page })));
  }
  b.addEventListener("click", () => showSpan(citation, b));
  return b;
}

function renderCitations(bubble, citations) {
  bubble.querySelector(".chips")?.remove();
  if (!citations.length) return;
  const row = el("div", "chips");
  row.append(label(el("span", "chips-label"), "sources"));
  row.append(...citations.map(chip));
  bubble.querySelector(".answer").after(row);
}

function passageButton(p) {
  const b = el("button", "passage");
  b.type = "button";
  b.append(el("span", "passage-title", p.org || p.title), el("span", "passage-text", p.text));
  b.addEventListener("click", () => showSpan(p, b));
  const li = el("li");
  li.append(b);
  return li;
}

function renderAbstention(bubble, answer) {
  const box = el("div", "notfound");
  box.setAttribute("role", "note");
  box.append(label(el("strong"), "notFound"), label(el("p"), "notFoundDetail"));
  const list = el("ol", "nearest");
  list.append(...answer.passages.slice(0, 3).map(passageButton));
  const heading = label(el("h3", "nearest-heading"), "nearest");
  bubble.querySelector(".answer").after(box, heading, list);
}

function renderAnswer(bubble, answer) {
  const text = bubble.querySelector(".answer");
  text.textContent = answer.answer;
  text.hidden = answer.abstained; // the banner below says it, in the reader's language
  bubble.classList.toggle("abstained", answer.abstained);
  if (answer.abstained) renderAbstention(bubble, answer);
  else renderCitations(bubble, answer.citations);
  const meta = el("p", "meta");
  meta.append(el("span", "", answer.backend));
  if (answer.fallback) meta.append(" · ", label(el("span"), "fallback"));
  if (answer.notes.length) meta.title = answer.notes.join("\n");
  bubble.append(meta);
}

function renderError(bubble, err) {
  bubble.classList.add("failed");
  const p = el("p", "error");
  p.setAttribute("role", "alert");
  p.textContent = `${t("error")}: ${err.message}${err.hint ? ` (${err.hint})` : ""}`;
  bubble.append(p);
}

async function ask(question) {
  addMessage("user").append(el("p", "", question));
  const bubble = addMessage("bot");
  const text = label(el("p", "answer pending"), "thinking");
  bubble.append(text);
  log.setAttribute("aria-busy", "true");
  scrollToEnd();
  let started = false;
  try {
    for await (const { event, data } of stream("/api/ask/stream", { question })) {
      if (event === "token") {
        if (!started) { text.removeAttribute("data-i18n"); text.textContent = ""; started = true; }
        text.classList.remove("pending");
        text.textContent += data.text;
      } else if (event === "citations") {
        renderCitations(bubble, data);
      } else if (event === "answer") {
        text.removeAttribute("data-i18n");
        text.classList.remove("pending");
        renderAnswer(bubble, data);
      } else if (event === "error") {
        renderError(bubble, data);
      }
      scrollToEnd();
    }
  } catch (err) {
    text.remove();
    renderError(bubble, err);
  } finally {
    log.removeAttribute("aria-busy");
    bubble.closest(".msg").dataset.state = "done";
  }
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = "";
  send.disabled = true;
  try {
    await ask(question);
  } finally {
    send.disabled = false;
    input.focus();
  }
});

input.addEventListener("keydown", (e) => {
  // Enter asks, Shift+Enter adds a line; not while an input method is composing Chinese
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});

const docsToggle = document.getElementById("docs-toggle");
docsToggle.addEventListener("click", () => {
  const open = document.body.classList.toggle("docs-open");
  docsToggle.setAttribute("aria-expanded", String(open));
  if (open) document.getElementById("docs-heading").scrollIntoView({ block: "start" });
});

document.getElementById("lang-toggle").addEventListener("click", toggleLanguage);
apply();
refresh();
