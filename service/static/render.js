// Drawing one exchange in the chat: the question, and the answer with the question it was
// understood as, the quoted supporting sentences (each opens its document), where the answer
// comes from in plain words, a copy button, and the not-found and stopped states.

import { label, t } from "./i18n.js";
import { showSpan } from "./viewer.js";

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A new message (`who`: "user" or "bot") at the end of `log`; returns its bubble. */
export function addMessage(log, who) {
  const li = el("li", `msg ${who}`);
  const bubble = el("div", "bubble");
  li.append(bubble);
  log.append(li);
  return bubble;
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
    b.append(label(el("span", "chip-page"), "page", { page: citation.page }));
  }
  b.addEventListener("click", () => showSpan(citation, b));
  return b;
}

/** The pieces of an answer worth marking in a quote: the answer itself, and what it quotes in
 * brackets or quotation marks (an English frame: "190 proposals (190件)"). Longest first. */
function answerPieces(answer) {
  const inner = [...answer.matchAll(/[（(“"「]([^（()）“”"「」]{1,80})[)）”"」]/g)].map((m) => m[1]);
  return [answer, ...inner, ...answer.split(/[；;、，,]\s*/)].map((s) => s.trim())
    .filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` as a quote, the first piece of the answer it contains marked. */
function quoteText(text, pieces) {
  const block = el("blockquote", "quote-text");
  const piece = pieces.find((p) => text.includes(p));
  if (!piece) {
    block.textContent = text;
    return block;
  }
  const at = text.indexOf(piece);
  block.append(text.slice(0, at), el("mark", "quote-answer", piece), text.slice(at + piece.length));
  return block;
}

/** The supporting sentence itself, quoted under the answer (the answer marked), with its source chip. */
function quote(citation, pieces) {
  const fig = el("figure", "quote");
  fig.dataset.n = citation.n;
  fig.append(quoteText(citation.text, pieces), chip(citation));
  return fig;
}

/** Show `citations` (replacing any shown from an earlier event) after the answer text. */
export function renderCitations(bubble, citations) {
  bubble.querySelector(".sources")?.remove();
  if (!citations.length) return;
  const pieces = answerPieces(bubble.querySelector(".answer")?.textContent || "");
  const box = el("div", "sources");
  box.append(label(el("span", "sources-label"), "sources"), ...citations.map((c) => quote(c, pieces)));
  bubble.querySelector(".answer").after(box);
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

/** Where the answer comes from, in words a reader understands (no backend internals). */
function provenance(answer) {
  if (answer.fallback) return label(el("span", "provenance"), "fallback");
  if (answer.backend === "extractive") return label(el("span", "provenance"), "quoted");
  return label(el("span", "provenance"), "writtenBy", { name: answer.backend });
}

/** The answer as plain text with its numbered sources, for the clipboard. */
export function plainText(answer) {
  const sources = answer.citations.map((c) => `[${c.n}] ${[c.org, c.title].filter(Boolean).join(" · ")}: ${c.text}`);
  return [answer.answer, ...(sources.length ? ["", ...sources] : [])].join("\n");
}

function copyButton(answer) {
  const b = label(el("button", "copy"), "copy");
  b.type = "button";
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(plainText(answer));
      label(b, "copied");
    } catch {
      label(b, "copyFailed");
    }
    setTimeout(() => label(b, "copy"), 2000);
  });
  return b;
}

/** Show the question the answer was given to, when the follow-up was rewritten. */
export function renderStandalone(bubble, question) {
  bubble.querySelector(".standalone")?.remove();
  if (!question) return;
  const p = label(el("p", "standalone"), "standalone", { q: question });
  bubble.prepend(p);
}

/** Fill `bubble` (holding a `.answer` paragraph) with the final answer. */
export function renderAnswer(bubble, answer) {
  const text = bubble.querySelector(".answer");
  text.removeAttribute("data-i18n");
  text.classList.remove("pending");
  text.textContent = answer.answer;
  text.hidden = answer.abstained; // the banner below says it, in the reader's language
  renderStandalone(bubble, answer.standalone_question);
  bubble.classList.toggle("abstained", answer.abstained);
  if (answer.abstained) renderAbstention(bubble, answer);
  else renderCitations(bubble, answer.citations);
  const foot = el("div", "foot");
  foot.append(provenance(answer), copyButton(answer));
  bubble.append(foot);
}

/** An exchange already answered (from a stored conversation). */
export function renderTurn(log, turn) {
  addMessage(log, "user").append(el("p", "", turn.question));
  const bubble = addMessage(log, "bot");
  bubble.append(el("p", "answer"));
  renderAnswer(bubble, turn.answer);
  bubble.closest(".msg").dataset.state = "done";
}

export function renderError(bubble, err) {
  bubble.classList.add("failed");
  const p = el("p", "error");
  p.setAttribute("role", "alert");
  p.textContent = `${t("error")}: ${err.message}${err.hint ? ` (${err.hint})` : ""}`;
  bubble.append(p);
}

/** Mark a partly streamed answer as stopped by the reader. */
export function renderStopped(bubble) {
  const text = bubble.querySelector(".answer");
  if (text?.classList.contains("pending")) text.remove(); // nothing came yet
  bubble.classList.add("stopped");
  bubble.append(label(el("p", "stopped-note"), "stopped"));
}
