"""Images of text (.png, .jpg): OCR of the one page."""

from __future__ import annotations

import io
import warnings

from qa.errors import DocumentError
from qa.formats.base import Extracted, ReadOptions
from qa.formats.layout import page_text
from qa.formats.ocr import ocr_lines

MAX_PIXELS = 60_000_000  # about 7,700 x 7,700: a page scanned at 600 dpi fits


def open_image(name: str, data: bytes):
    """A decoded PIL image; a broken file or a decompression bomb is a :class:`DocumentError`."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.width * img.height > MAX_PIXELS:
                raise DocumentError(f"{name}: the image is {img.width}x{img.height} pixels, too large to read",
                                    hint=f"scale it below {MAX_PIXELS // 1_000_000} megapixels")
            img.load()
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"{name}: not a readable image ({type(exc).__name__})",
                            hint="save it again as PNG or JPEG") from exc
    return img


def read_image(name: str, data: bytes, options: ReadOptions) -> Extracted:
    """OCR the image; an image without readable text is a clear error."""
    img = open_image(name, data)
    if options.progress:
        options.progress("ocr", 0, 1)
    lines = ocr_lines(img, options.ocr_cache_dir)
    if options.progress:
        options.progress("ocr", 1, 1)
    text = page_text(lines, img.width, img.height, set(), fonts=False)
    if not text.strip():
        raise DocumentError(f"{name}: no text found in the image",
                            hint="upload a clearer scan (about 150-300 dpi) or the document itself")
    return Extracted([text], paged=True, ocr_pages=1)


def probe_image(name: str, data: bytes, options: ReadOptions) -> None:
    """Decodes, and is not a decompression bomb."""
    open_image(name, data)
