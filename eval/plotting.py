"""matplotlib for the charts: the Agg backend and a font that has Chinese glyphs.

matplotlib's default font (DejaVu Sans) has no CJK glyphs, so question types, organisation
names and titles rendered as boxes. The first installed font that has them is registered
and put first in the sans-serif list; without one the charts are drawn as before, quietly.
"""

from __future__ import annotations

import functools
import subprocess
import warnings
from pathlib import Path

#: a character every Chinese font has; a font without it is not one
_PROBE = "中"


def pyplot():
    """``matplotlib.pyplot`` on the Agg backend (no display), with a CJK font when there is one."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    name = cjk_font()
    if name is None:
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
    elif matplotlib.rcParams["font.sans-serif"][:1] != [name]:
        matplotlib.rcParams["font.sans-serif"] = [name, *matplotlib.rcParams["font.sans-serif"]]
        matplotlib.rcParams["font.family"] = "sans-serif"
    return plt


@functools.cache
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, registered with matplotlib."""
    from matplotlib import font_manager, ft2font

    for path in _candidates():
        try:
            if ft2font.FT2Font(str(path)).get_char_index(ord(_PROBE)) == 0:
                continue
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
    return None


def _candidates() -> list[Path]:
    """Fonts fontconfig says cover Chinese (sans faces first), then any matplotlib knows."""
    from matplotlib import font_manager

    found: list[tuple[int, Path]] = []
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "file", "family"], capture_output=True,
                                 text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in listing.splitlines():
        path, _, family = line.partition(":")
        found.append((_rank(family), Path(path.strip())))
    found.sort(key=lambda item: (item[0], str(item[1])))
    paths = [p for _, p in found]
    return paths + [Path(f.fname) for f in font_manager.fontManager.ttflist if Path(f.fname) not in paths]


def _rank(family: str) -> int:
    """Plain sans faces read best in small chart labels; serif and monospaced ones come later."""
    f = family.lower()
    return (("serif" in f and "sans" not in f) + ("mono" in f) + ("bold" in f)) if f else 3
