// The document viewer: a modal dialog showing a document's cleaned text with the cited
// span [start, end) highlighted and scrolled into view.

import { getDocument } from "./api.js";
import { t } from "./i18n.js";

const dialog = document.getElementById("doc-view");
const titleEl = document.getElementById("doc-title");
const metaEl = document.getElementById("doc-meta");
const textEl = document.getElementById("doc-text");
let opener = null;

document.getElementById("doc-close").addEventListener("click", () => dialog.close());
dialog.addEventListener("click", (e) => {
  if (e.target === dialog) dialog.close(); // a click on the backdrop
});
dialog.addEventListener("close", () => {
  if (opener && opener.isConnected) opener.focus();
  opener = null;
});

/** Where `span` is in `text`: its offsets, or (if the document changed since) where its text is. */
function locate(text, span) {
  if (text.slice(span.start, span.end) === span.text || !span.text) return [span.start, span.end];
  const at = text.indexOf(span.text);
  return at >= 0 ? [at, at + span.text.length] : [span.start, Math.min(span.end, text.length)];
}

/**
 * Open document `span.doc_id` with `span.start..span.end` highlighted.
 * `span` is a citation or a passage; `from` gets the focus back on close.
 */
export async function showSpan(span, from) {
  opener = from || document.activeElement;
  let doc;
  try {
    doc = await getDocument(span.doc_id);
  } catch (err) {
    titleEl.textContent = t("error");
    metaEl.textContent = err.message;
    textEl.replaceChildren();
    dialog.showModal();
    return;
  }
  const [start, end] = locate(doc.text, span);
  const mark = document.createElement("mark");
  mark.className = "cited";
  mark.tabIndex = -1;
  mark.textContent = doc.text.slice(start, end);
  textEl.replaceChildren(doc.text.slice(0, start), mark, doc.text.slice(end));
  titleEl.textContent = doc.title;
  metaEl.textContent = [doc.org, doc.source, `[${start}, ${end})`].filter(Boolean).join(" · ");
  if (!dialog.open) dialog.showModal();
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
}
