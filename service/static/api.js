// Talking to the API: JSON calls with the {"error": {...}} body turned into exceptions,
// the server-sent-event stream of /api/ask/stream, and the optional API key.

const KEY_STORE = "zhqa-api-key";

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || `http_${status}`;
    this.hint = err.hint || null;
  }
}

async function failure(res) {
  let body = null;
  try { body = await res.json(); } catch { /* not JSON: keep the status */ }
  return new ApiError(res.status, body);
}

function authHeaders() {
  const key = sessionStorage.getItem(KEY_STORE);
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** fetch() returning parsed JSON; asks once for the API key on 401. */
export async function call(method, url, { json, form, promptKey } = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const init = { method, headers: { ...authHeaders() } };
    if (json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(json);
    } else if (form) {
      init.body = form;
    }
    const res = await fetch(url, init);
    if (res.status === 204) return null;
    if (res.ok) return res.json();
    const err = await failure(res);
    if (res.status === 401 && attempt === 0 && promptKey) {
      const key = window.prompt(promptKey);
      if (key) { sessionStorage.setItem(KEY_STORE, key.trim()); continue; }
    }
    throw err;
  }
  throw new ApiError(401, null);
}

/**
 * POST `body` to an SSE endpoint and yield {event, data} as the events arrive.
 * Aborting `signal` closes the connection, which stops the answer on the server too.
 */
export async function* stream(url, body, signal) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream", ...authHeaders() },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok) throw await failure(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseEvent(block);
      if (event) yield event;
    }
  }
}

function parseEvent(block) {
  let event = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (!data.length) return null;
  return { event, data: JSON.parse(data.join("\n")) };
}

const docCache = new Map();

/** A document with its cleaned text (cached until the document list changes). */
export async function getDocument(docId) {
  if (!docCache.has(docId)) {
    docCache.set(docId, call("GET", `/api/documents/${encodeURIComponent(docId)}`).catch((e) => {
      docCache.delete(docId);
      throw e;
    }));
  }
  return docCache.get(docId);
}

export function forgetDocuments() {
  docCache.clear();
}
