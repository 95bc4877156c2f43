"""OCR of page images with RapidOCR (PP-OCR Chinese models bundled in the wheel: nothing is
downloaded at run time), cached by a hash of the page image.

The engine is built once, on first use, under a lock. A cached page costs a hash and a
small JSON read; the cache is keyed by the image's pixels, the engine's version and
:data:`METHOD`, so a re-index of an unchanged scan never runs OCR again.

Lines are recognised as detected, without PP-OCR's per-line 180-degree classifier: it
squeezes a whole line into a 192x48 crop, and on long lines of Chinese text it turned
about one in seven upside down (the recogniser then read nothing, so the line was lost;
measured in docs/formats.md). A page where most detected lines read as nothing is read
again turned by 180 degrees (a page scanned upside down), and the better reading is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import uuid
from pathlib import Path

from qa.formats.base import Line

_engine = None
_build_lock = threading.Lock()
_run_lock = threading.Lock()
MIN_SCORE = 0.5  # recognition confidence below which a detected box is noise
METHOD = "upright-first-1"  # part of the cache key: change it when the way pages are read changes


def _get_engine():
    global _engine
    with _build_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
        return _engine


def _engine_version() -> str:
    from importlib.metadata import version

    return f"rapidocr-onnxruntime-{version('rapidocr-onnxruntime')}"


def ocr_lines(image, cache_dir: Path | None) -> list[Line]:
    """Text lines of a PIL image (pixel coordinates), from the cache when this image was read before."""
    import numpy as np

    pixels = np.asarray(image.convert("RGB"))
    key = hashlib.sha256(f"{_engine_version()}|{METHOD}|{pixels.shape}".encode() + pixels.tobytes()).hexdigest()
    cached = _cache_get(cache_dir, key)
    if cached is not None:
        return cached
    with _run_lock:  # one OCR at a time: the engine already uses every core
        engine = _get_engine()
        result, _ = engine(pixels, use_cls=False, text_score=0.0)
        result = result or []
        if _read_share(result) < 0.5:  # mostly unreadable as it stands: scanned upside down?
            turned, _ = engine(np.ascontiguousarray(pixels[::-1, ::-1]), use_cls=False, text_score=0.0)
            if _read_chars(turned or []) > _read_chars(result):
                result = turned  # positions on the turned page: read top-down as the text runs
    lines = []
    for box, text, score in result:
        if float(score) < MIN_SCORE or not text.strip():
            continue
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        lines.append(Line(text.strip(), float(min(xs)), float(max(xs)), float(min(ys)), float(max(ys))))
    _cache_put(cache_dir, key, lines)
    return lines


def _read_chars(result: list) -> int:
    """Characters recognised with confidence in an engine result."""
    return sum(len(text.strip()) for _, text, score in result if float(score) >= MIN_SCORE)


def _read_share(result: list) -> float:
    """The share of detected lines recognised with confidence (1.0 for a page with none)."""
    if not result:
        return 1.0
    return sum(1 for _, text, score in result if float(score) >= MIN_SCORE and text.strip()) / len(result)


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.json"


def _cache_get(cache_dir: Path | None, key: str) -> list[Line] | None:
    if cache_dir is None:
        return None
    try:
        rows = json.loads(_cache_path(cache_dir, key).read_text(encoding="utf-8"))
        return [Line(*row) for row in rows]
    except (OSError, ValueError, TypeError):
        return None  # missing or damaged entry: read the page again


def _cache_put(cache_dir: Path | None, key: str, lines: list[Line]) -> None:
    if cache_dir is None:
        return
    path = _cache_path(cache_dir, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{uuid.uuid4().hex}.tmp")
        tmp.write_text(json.dumps([[l.text, l.x0, l.x1, l.top, l.bottom] for l in lines],
                                  ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)  # readers see the whole entry or none
    except OSError:
        pass  # a read-only cache only costs time
