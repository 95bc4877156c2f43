// The document viewer: a modal dialog showing a document's cleaned text with the cited
// span [start, end) highlighted and scrolled into view. For a paged document (PDF, scan,
// image) it shows the cited page's text only, says which page, and links the original file.

import { getDocument } from "./api.js";
import { t } from "./i18n.js";

const dialog = document.getElementById("doc-view");
const titleEl = document.getElementById("doc-title");
const metaEl = document.getElementById("doc-meta");
const textEl = document.getElementById("doc-text");
const linksEl = document.getElementById("doc-links");
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

/** The page holding `start`: [its first offset, its end, its 1-based number]; the whole text if unpaged. */
function pageBounds(pages, start, length) {
  if (!pages.length) return [0, length, null];
  let i = 0;
  while (i + 1 < pages.length && pages[i + 1] <= start) i++;
  return [pages[i], i + 1 < pages.length ? pages[i + 1] : length, i + 1];
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
  const [from_, to, page] = pageBounds(doc.pages || [], start, doc.text.length);
  const mark = document.createElement("mark");
  mark.className = "cited";
  mark.tabIndex = -1;
  mark.textContent = doc.text.slice(start, Math.min(end, Math.max(to, start)));
  textEl.replaceChildren(doc.text.slice(from_, start), mark, doc.text.slice(Math.min(end, Math.max(to, start)), to));
  textEl.dataset.page = page || "";
  titleEl.textContent = doc.title;
  const where = page ? t("page", { page }) : null;
  metaEl.textContent = [doc.org, doc.source, where, `[${start}, ${end})`].filter(Boolean).join(" · ");
  const link = document.createElement("a");
  link.id = "doc-download";
  link.href = `/api/documents/${encodeURIComponent(doc.doc_id)}/file`;
  link.setAttribute("download", doc.source);
  link.textContent = t("download");
  linksEl.replaceChildren(link);
  if (!dialog.open) dialog.showModal();
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
}
