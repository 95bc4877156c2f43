// The conversation list: kept on the server (/api/conversations, so it survives a reload and
// API users see the same), the current one remembered in localStorage; new, rename, delete.

import { call } from "./api.js";
import { currentLanguage, label, t } from "./i18n.js";

const STORE = "zhqa-conversation";
const list = document.getElementById("conv-list");
const status = document.getElementById("conv-status");
let current = localStorage.getItem(STORE);
let show = () => {};

function sayError(err) {
  status.textContent = `${t("error")}: ${err.message}${err.hint ? ` (${err.hint})` : ""}`;
  status.classList.add("error");
}

function setCurrent(id) {
  current = id;
  if (id) localStorage.setItem(STORE, id);
  else localStorage.removeItem(STORE);
  for (const li of list.querySelectorAll(".conv")) {
    const open = li.querySelector(".conv-open");
    if (li.dataset.id === id) open.setAttribute("aria-current", "true");
    else open.removeAttribute("aria-current");
  }
}

/** The id of the conversation being shown, or null for a new one not started yet. */
export function currentId() {
  return current;
}

/** A small icon button whose name (for screen readers and the tooltip) is `key` with `vars`. */
function button(cls, icon, key, vars, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = cls;
  b.textContent = icon;
  b.dataset.i18nLabel = key;
  b.dataset.i18nVars = JSON.stringify(vars);
  b.setAttribute("aria-label", t(key, vars));
  b.addEventListener("click", onClick);
  return b;
}

function item(conv) {
  const li = document.createElement("li");
  li.className = "conv";
  li.dataset.id = conv.id;
  const open = document.createElement("button");
  open.type = "button";
  open.className = "conv-open";
  const title = document.createElement("span");
  title.className = "conv-title";
  title.textContent = conv.title || t("untitled");
  const meta = document.createElement("span");
  meta.className = "conv-meta";
  const when = new Date(conv.updated).toLocaleString(currentLanguage() === "zh" ? "zh-CN" : "en",
    { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  meta.append(label(document.createElement("span"), "turns", { n: conv.turn_count }), ` · ${when}`);
  open.append(title, meta);
  open.title = conv.title || "";
  if (conv.id === current) open.setAttribute("aria-current", "true");
  open.addEventListener("click", () => load(conv.id));
  const vars = { title: conv.title || t("untitled") };
  li.append(open, button("conv-rename", "✎", "renameConv", vars, () => rename(conv)),
    button("conv-delete danger", "✕", "deleteConv", vars, () => remove(conv)));
  return li;
}

/** Fetch and show the list, newest first. */
export async function refreshList() {
  try {
    const { conversations } = await call("GET", "/api/conversations");
    list.replaceChildren(...conversations.map(item));
    status.textContent = "";
    status.classList.remove("error");
  } catch (err) {
    sayError(err);
  }
}

/** Open conversation `id`: fetch its turns and hand them to the chat. */
export async function load(id) {
  try {
    const conv = await call("GET", `/api/conversations/${encodeURIComponent(id)}`);
    setCurrent(conv.id);
    show(conv);
  } catch (err) {
    if (err.status === 404) {
      setCurrent(null);
      show(null);
    } else {
      sayError(err);
    }
  }
}

/** The current conversation's id, creating it on the first question (null if that fails). */
export async function ensure() {
  if (!current) {
    try {
      setCurrent((await call("POST", "/api/conversations", { json: {} })).id);
    } catch (err) {
      sayError(err); // the question is still answered, outside any conversation
    }
  }
  return current;
}

async function rename(conv) {
  const title = window.prompt(t("renamePrompt"), conv.title || "");
  if (title === null || !title.trim()) return;
  try {
    await call("PATCH", `/api/conversations/${encodeURIComponent(conv.id)}`, { json: { title: title.trim() } });
  } catch (err) {
    sayError(err);
  }
  await refreshList();
}

async function remove(conv) {
  if (!window.confirm(t("confirmDeleteConv", { title: conv.title || t("untitled") }))) return;
  try {
    await call("DELETE", `/api/conversations/${encodeURIComponent(conv.id)}`);
    if (conv.id === current) {
      setCurrent(null);
      show(null);
    }
  } catch (err) {
    sayError(err);
  }
  await refreshList();
}

/** Drop the current conversation (gone from the server); the next question starts a new one. */
export function forget() {
  setCurrent(null);
}

/** Start a new conversation (created on the server with its first question). */
export function startNew() {
  setCurrent(null);
  show(null);
}

/** Wire the list: `onShow(conversation | null)` draws a conversation (null: an empty chat). */
export async function init(onShow) {
  show = onShow;
  document.getElementById("new-chat").addEventListener("click", startNew);
  const remembered = current;
  await refreshList();
  if (remembered) await load(remembered);
}
