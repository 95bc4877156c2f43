// The chat: ask within the current conversation, stream the answer (a stop button aborts it),
// keep the newest answer in view above the input bar, and open/close the side panels on phones.

import { stream } from "./api.js";
import * as conversations from "./conversations.js";
import { refresh } from "./docs.js";
import { apply, label, toggleLanguage } from "./i18n.js";
import {
  addMessage, el, renderAnswer, renderCitations, renderError, renderStopped, renderTurn,
} from "./render.js";

const log = document.getElementById("log");
const scroller = document.getElementById("scroller");
const welcome = document.getElementById("welcome");
const form = document.getElementById("ask-form");
const input = document.getElementById("question");
const send = document.getElementById("send");
const stop = document.getElementById("stop");
let running = null; // the AbortController of the answer being streamed

/** Keep the newest message in view; one taller than the chat area shows from its top. */
function scrollToEnd() {
  const last = log.lastElementChild;
  if (!last) return;
  if (last.offsetHeight > scroller.clientHeight) last.scrollIntoView({ block: "start" });
  else scroller.scrollTop = scroller.scrollHeight;
}

function setBusy(busy) {
  send.hidden = busy;
  stop.hidden = !busy;
  if (busy) log.setAttribute("aria-busy", "true");
  else log.removeAttribute("aria-busy");
}

/** The request body: the question, in the current conversation when there is one. */
async function body(question) {
  const id = await conversations.ensure();
  return id ? { question, conversation_id: id } : { question };
}

/** The answer's events; a conversation deleted elsewhere meanwhile (404) is replaced by a new one. */
async function* events(question, signal) {
  const request = await body(question);
  try {
    yield* stream("/api/ask/stream", request, signal);
  } catch (err) {
    if (err.status !== 404 || !request.conversation_id) throw err;
    conversations.forget();
    yield* stream("/api/ask/stream", await body(question), signal);
  }
}

async function follow(bubble, text, question, signal) {
  let started = false;
  for await (const { event, data } of events(question, signal)) {
    if (event === "token") {
      if (!started) { text.removeAttribute("data-i18n"); text.textContent = ""; started = true; }
      text.classList.remove("pending");
      text.textContent += data.text;
    } else if (event === "citations") {
      renderCitations(bubble, data);
    } else if (event === "answer") {
      renderAnswer(bubble, data);
    } else if (event === "error") {
      renderError(bubble, data);
    }
    scrollToEnd();
  }
}

async function ask(question) {
  welcome.hidden = true;
  addMessage(log, "user").append(el("p", "", question));
  const bubble = addMessage(log, "bot");
  const text = label(el("p", "answer pending"), "thinking");
  bubble.append(text);
  running = new AbortController();
  setBusy(true);
  scrollToEnd();
  const { signal } = running;
  try {
    await follow(bubble, text, question, signal);
    bubble.closest(".msg").dataset.state = "done";
  } catch (err) {
    if (signal.aborted) {
      renderStopped(bubble);
      bubble.closest(".msg").dataset.state = "stopped";
    } else {
      text.remove();
      renderError(bubble, err);
      bubble.closest(".msg").dataset.state = "done";
    }
  } finally {
    running = null;
    setBusy(false);
    scrollToEnd();
    conversations.refreshList(); // a first question names the conversation
  }
}

/** Show a stored conversation (null: a new, empty chat). */
function showConversation(conv) {
  running?.abort();
  log.replaceChildren();
  for (const turn of conv?.turns || []) renderTurn(log, turn);
  welcome.hidden = log.childElementCount > 0;
  openPanel(null);
  scrollToEnd();
  input.focus();
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const question = input.value.trim();
  if (!question || running) return;
  input.value = "";
  await ask(question);
  input.focus();
});

stop.addEventListener("click", () => running?.abort());

input.addEventListener("keydown", (e) => {
  // Enter asks, Shift+Enter adds a line; not while an input method is composing Chinese
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});

/** On narrow screens the side panels open over the chat, one at a time (null: none). */
const PANELS = { "conv-toggle": "conv-open", "docs-toggle": "docs-open" };
function openPanel(cls) {
  for (const [id, c] of Object.entries(PANELS)) {
    const open = c === cls;
    document.body.classList.toggle(c, open);
    document.getElementById(id).setAttribute("aria-expanded", String(open));
  }
}
for (const [id, cls] of Object.entries(PANELS)) {
  document.getElementById(id).addEventListener("click", () => {
    openPanel(document.body.classList.contains(cls) ? null : cls);
  });
}

document.getElementById("lang-toggle").addEventListener("click", toggleLanguage);
apply();
refresh();
conversations.init(showConversation);
