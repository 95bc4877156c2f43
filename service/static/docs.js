// The documents panel: list, upload (any supported type, indexed by a background job whose
// progress is shown) and delete.

import { call, forgetDocuments } from "./api.js";
import { label, t } from "./i18n.js";

const list = document.getElementById("doc-list");
const status = document.getElementById("docs-status");
const form = document.getElementById("upload-form");
const fileInput = document.getElementById("upload-file");
const bar = document.getElementById("upload-progress");
const POLL_MS = 500;

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

function showJob(job) {
  const stages = { read: "jobPages", ocr: "jobOcr", embedding: "jobEmbedding" };
  const key = stages[job.stage] && job.total ? stages[job.stage] : job.state === "queued" ? "jobQueued" : "jobIndexing";
  say(key, { done: job.done, total: job.total });
  bar.hidden = false;
  if (job.total) {
    bar.max = job.total;
    bar.value = job.done;
  } else {
    bar.removeAttribute("value"); // indeterminate
  }
}

/** Follow the upload's job until it is done or failed; returns the finished job. */
async function follow(job) {
  while (job.state === "queued" || job.state === "running") {
    showJob(job);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await call("GET", `/api/jobs/${encodeURIComponent(job.id)}`);
  }
  return job;
}

function cannotRead(name, err) {
  status.removeAttribute("data-i18n");
  const message = `${err.message}${err.hint ? ` (${err.hint})` : ""}`;
  status.textContent = t("cannotRead", { name, message });
  status.classList.add("error");
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
    const job = await follow(res.job);
    if (job.state === "failed") {
      cannotRead(file.name, job.error);
      return;
    }
    forgetDocuments();
    say("uploaded", { title: job.result.document.title, chunks: job.result.document.chunks });
    form.reset();
    await refresh();
  } catch (err) {
    if (err.status && err.status < 500) cannotRead(file.name, err);
    else sayError(err);
  } finally {
    bar.hidden = true;
    form.querySelector("button").disabled = false;
  }
}

form.addEventListener("submit", upload);
