// The documents panel: list, upload (.txt/.md) and delete.

import { call, forgetDocuments } from "./api.js";
import { label, t } from "./i18n.js";

const list = document.getElementById("doc-list");
const status = document.getElementById("docs-status");
const form = document.getElementById("upload-form");
const fileInput = document.getElementById("upload-file");

function say(key, vars, isError = false) {
  label(status, key, vars);
  status.classList.toggle("error", isError);
}

function sayError(err) {
  status.removeAttribute("data-i18n");
  status.textContent = `${t("error")}: ${err.message}${err.hint ? ` (${err.hint})` : ""}`;
  status.classList.add("error");
}

function item(doc) {
  const li = document.createElement("li");
  li.className = "doc";
  li.dataset.docId = doc.doc_id;
  const name = document.createElement("span");
  name.className = "doc-name";
  name.textContent = doc.title;
  name.title = doc.source;
  const meta = label(document.createElement("span"), "chunks", { chunks: doc.chunks });
  meta.className = "meta";
  const del = label(document.createElement("button"), "deleteDoc");
  del.type = "button";
  del.className = "danger";
  del.dataset.i18nLabel = "deleteDoc";
  del.setAttribute("aria-label", `${t("deleteDoc")} ${doc.title}`);
  del.addEventListener("click", () => remove(doc));
  const org = document.createElement("span");
  org.className = "meta";
  org.textContent = doc.org || "";
  li.append(name, org, meta, del);
  return li;
}

/** Fetch and show the document list. */
export async function refresh() {
  try {
    const docs = await call("GET", "/api/documents");
    list.replaceChildren(...docs.map(item));
    if (!docs.length) list.append(label(document.createElement("li"), "noDocs"));
  } catch (err) {
    sayError(err);
  }
}

async function remove(doc) {
  if (!window.confirm(t("confirmDelete", { title: doc.title }))) return;
  try {
    await call("DELETE", `/api/documents/${encodeURIComponent(doc.doc_id)}`, { promptKey: t("apiKey") });
    forgetDocuments();
    say("deleted", { title: doc.title });
    await refresh();
  } catch (err) {
    sayError(err);
  }
}

async function upload(event) {
  event.preventDefault();
  const file = fileInput.files[0];
  if (!file) return;
  const data = new FormData();
  data.append("file", file, file.name);
  say("uploading");
  form.querySelector("button").disabled = true;
  try {
    const res = await call("POST", "/api/documents", { form: data, promptKey: t("apiKey") });
    forgetDocuments();
    say("uploaded", { title: res.document.title, chunks: res.document.chunks });
    form.reset();
    await refresh();
  } catch (err) {
    sayError(err);
  } finally {
    form.querySelector("button").disabled = false;
  }
}

form.addEventListener("submit", upload);
