"""Traditional Chinese on the keyword side: text in traditional characters is converted to
simplified before tokenising, so a simplified question finds a traditional document (and the
reverse). Documents and citations keep the characters they were written in.

Only text that holds a traditional-only character is converted (OpenCC's t2s also rewrites a
few simplified words, which must not change the tokens of simplified text). Where offsets must
survive (organisation names, answer extraction, containment tests) :func:`simplify_chars` maps
character by character instead.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """Traditional-only character -> its simplified character (OpenCC's first choice)."""
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
    return {ord(k): v for k, v in ts.items()
            if k != v and len(k) == 1 and len(v) == 1 and k not in simplified}


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


def has_traditional(text: str) -> bool:
    trad = _char_table()
    return any(ord(c) in trad for c in text)


def simplify_chars(text: str) -> str:
    """Each traditional-only character replaced by its simplified one: the same length, so offsets
    into the result are offsets into ``text`` (for matching and extracting; words are not rewritten)."""
    return text.translate(_char_table()) if has_traditional(text) else text


def to_simplified(text: str) -> str:
    """``text`` in simplified characters when it holds traditional ones; else unchanged."""
    if not has_traditional(text):
        return text
    with _lock:  # the converter keeps state between calls
        return _converter().convert(text)
