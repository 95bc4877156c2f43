"""What every format reader returns, and the options they read with.

A reader turns a file's bytes into raw text in the plain-text conventions the cleaner
(:mod:`qa.text.clean`) already understands: paragraphs separated by blank lines,
headings as Markdown ``#`` lines, hard-wrapped lines joined by the cleaner. Paged
formats return one raw text per page, so the page of every cleaned offset can be found
(:mod:`qa.formats.pages`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: ``progress(stage, done, total)``: called per page while a paged document is read.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits and settings for reading one document (see :class:`qa.config.Settings`)."""

    max_bytes: int = 50 * 1024 * 1024  # a file larger than this is not read at all
    max_pages: int = 300
    max_unzipped_bytes: int = 200 * 1024 * 1024
    ocr: bool = True
    ocr_cache_dir: Path | None = None
    progress: Progress | None = None


@dataclass(slots=True)
class Extracted:
    """A document's raw text, page by page (one page for formats without pages)."""

    pages: list[str]
    paged: bool = False
    ocr_pages: int = 0  # pages read by OCR (no text layer)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text on a page, in top-down coordinates (points or pixels)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    cells: tuple[str, ...] = ()  # a table row: the texts of its cells, left to right

    @property
    def height(self) -> float:
        return self.bottom - self.top
