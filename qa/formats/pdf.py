"""PDF (pypdfium2, chosen by measurement: see docs/formats.md): the text layer where a page has
one, OCR of the rendered page where it has none (scans).

Text comes from PDFium's text runs with their positions, grouped into lines and laid out
by :mod:`qa.formats.layout` (columns, running headers/footers, page numbers, paragraphs).
An encrypted or broken file, or one over ``max_pages``, is refused before any page is read.
"""

from __future__ import annotations

from qa.errors import DocumentError
from qa.formats.base import Extracted, Line, ReadOptions
from qa.formats.layout import page_text, running_lines, tidy
from qa.formats.ocr import ocr_lines

MIN_TEXT_CHARS = 10  # fewer characters than this on a page: it is an image (a scan)
OCR_SCALE = 2.0  # 144 dpi: PP-OCR reads body text reliably from here up


def open_pdf(name: str, data: bytes, options: ReadOptions):
    """The PDFium document; encrypted, broken or too long files are a :class:`DocumentError`."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(f"{name}: the PDF is encrypted (password protected)",
                                hint="save an unprotected copy (print to PDF) and upload that") from exc
        raise DocumentError(f"{name}: not a readable PDF ({exc})",
                            hint="the file is damaged or not a PDF; export it again") from exc
    if len(doc) > options.max_pages:
        n = len(doc)
        doc.close()
        raise DocumentError(f"{name}: {n} pages, over the limit of {options.max_pages}",
                            hint="split the PDF (QA_MAX_PAGES sets the limit)")
    if len(doc) == 0:
        doc.close()
        raise DocumentError(f"{name}: the PDF has no pages", hint="export it again")
    return doc


def text_lines(page) -> list[Line]:
    """The page's characters grouped into lines (top-down coordinates), split at wide gaps.

    Characters, not PDFium's text rectangles: rectangles overlap, and text read back by
    rectangle repeats the overlapping characters. Loose boxes (the font's full height)
    keep a small quote mark on its line.
    """
    textpage = page.get_textpage()
    height = page.get_height()
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    runs: list[Line] = []
    if len(text) == n:  # one string character per PDF character (no surrogate pairs)
        for i, ch in enumerate(text):
            if ch.isspace() or not ch.isprintable():
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            runs.append(Line(ch, left, right, height - top, height - bottom))
    else:
        runs = _rect_runs(textpage, height)
    textpage.close()
    return _group(runs)


def _rect_runs(textpage, height: float) -> list[Line]:
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            out.append(Line(text, left, right, height - top, height - bottom))
    return out


def _group(runs: list[Line]) -> list[Line]:
    """Rows of vertically overlapping runs, each split into lines at gaps wider than 2.5 heights."""
    rows: list[list[Line]] = []
    spans: list[list[float]] = []
    for run in sorted(runs, key=lambda r: r.top):
        mid = (run.top + run.bottom) / 2
        for row, span in zip(reversed(rows), reversed(spans)):
            if span[0] <= mid <= span[1]:
                row.append(run)
                span[0], span[1] = min(span[0], run.top), max(span[1], run.bottom)
                break
            if span[1] < run.top - 50:  # rows further up cannot overlap either
                _new_row(rows, spans, run)
                break
        else:
            _new_row(rows, spans, run)
    lines = []
    for row in sorted(rows, key=lambda r: min(x.top for x in r)):
        row.sort(key=lambda r: r.x0)
        segments, current = [], [row[0]]
        for run in row[1:]:
            h = max(r.height for r in current)
            if run.x0 - current[-1].x1 > 1.2 * h:  # a gutter or a cell border, never a word space
                segments.append(_merge(current))
                current = []
            current.append(run)
        segments.append(_merge(current))
        lines.extend(_table_row(segments) if len(segments) >= 3 else segments)
    return lines


def _new_row(rows: list[list[Line]], spans: list[list[float]], run: Line) -> None:
    rows.append([run])
    spans.append([run.top, run.bottom])


def _table_row(segments: list[Line]) -> list[Line]:
    """Three or more separate pieces of text on one row: a table row, kept together as cells."""
    cells = tuple(tidy(s.text) for s in segments)
    return [Line(" ".join(cells), segments[0].x0, segments[-1].x1, min(s.top for s in segments),
                 max(s.bottom for s in segments), cells)]


def _merge(runs: list[Line]) -> Line:
    text = runs[0].text
    for a, b in zip(runs, runs[1:]):
        wide = b.x0 - a.x1 > 0.25 * a.height
        text += (" " if wide else "") + b.text
    return Line(text, runs[0].x0, max(r.x1 for r in runs), min(r.top for r in runs),
                max(r.bottom for r in runs))


def read_pdf(name: str, data: bytes, options: ReadOptions) -> Extracted:
    """Each page's text in reading order; pages without a text layer are OCR'd."""
    doc = open_pdf(name, data, options)
    try:
        pages, ocr_pages, skipped = [], 0, 0  # pages: (lines, width, height, read by OCR)
        total = len(doc)
        for i in range(total):
            page = doc[i]
            lines = text_lines(page)
            scanned = sum(len(l.text.strip()) for l in lines) < MIN_TEXT_CHARS
            if scanned:
                if options.ocr:
                    img = page.render(scale=OCR_SCALE, grayscale=True).to_pil()
                    lines = [Line(l.text, l.x0 / OCR_SCALE, l.x1 / OCR_SCALE, l.top / OCR_SCALE,
                                  l.bottom / OCR_SCALE) for l in ocr_lines(img, options.ocr_cache_dir)]
                    ocr_pages += 1
                else:
                    skipped += 1
            pages.append((lines, page.get_width(), page.get_height(), scanned))
            page.close()
            if options.progress:
                options.progress("ocr" if scanned and options.ocr else "read", i + 1, total)
    finally:
        doc.close()
    running = running_lines([(lines, h) for lines, _, h, _ in pages])
    texts = [page_text(lines, w, h, running, fonts=not scanned) for lines, w, h, scanned in pages]
    if not any(t.strip() for t in texts):
        why = "its pages are images and OCR is off" if skipped else "no text found, not even by OCR"
        raise DocumentError(f"{name}: {why}", hint="upload a clearer scan or the original document")
    notes = [f"{ocr_pages} of {total} pages read by OCR"] if ocr_pages else []
    return Extracted(texts, paged=True, ocr_pages=ocr_pages, notes=notes)


def probe_pdf(name: str, data: bytes, options: ReadOptions) -> None:
    """Opens (not encrypted, not broken) and is within the page limit."""
    open_pdf(name, data, options).close()
