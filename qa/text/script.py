"""Traditional Chinese on the keyword side: text in traditional characters is converted to
simplified before tokenising, so a simplified question finds a traditional document (and the
reverse). Documents and citations keep the characters they were written in.

Only text that holds a traditional-only character is converted (OpenCC's t2s also rewrites a
few simplified words, which must not change the tokens of simplified text).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """Characters that are traditional forms and not also simplified ones."""
    root = resources.files("opencc") / "dictionary"

    def keys(name: str) -> dict[str, str]:
        out = {}
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if key and values:
                out[key] = values.split()[0]
        return out

    ts, st = keys("TSCharacters.txt"), keys("STCharacters.txt")
    simplified = set(st) | set(ts.values())
    return frozenset(k for k, v in ts.items() if k != v and len(k) == 1 and k not in simplified)


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def has_traditional(text: str) -> bool:
    trad = _traditional_only()
    return any(c in trad for c in text)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters when it holds traditional ones; else unchanged."""
    if not has_traditional(text):
        return text
    with _lock:  # the converter keeps state between calls
        return _converter().convert(text)
