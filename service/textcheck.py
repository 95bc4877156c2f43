"""Text checks at the edge: a JSON body must be UTF-8 and hold no lone surrogate.

JSON may spell a UTF-16 surrogate half as ``"\\ud800"``; Python decodes it into a string
that cannot be encoded again, and deep inside the library (the tokenizer, the id table)
that became a 500. Checking here, once, turns it into a 400 that names the field.
"""

from __future__ import annotations

import json
import re

from qa.errors import InvalidTextError

# the only way a surrogate gets into parsed JSON is an escape: no escape, nothing to look for
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HINT = "send text as valid Unicode in UTF-8 (no lone surrogate halves such as \\ud800)"


def check_json_text(body: bytes) -> None:
    """Raise :class:`InvalidTextError` when ``body`` is not UTF-8 or a string in it holds a
    lone surrogate. Malformed JSON is left to the JSON parser to report."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidTextError(f"the request body is not valid UTF-8 (byte {exc.start} is 0x{body[exc.start]:02x})",
                               hint=_HINT) from None
    if not _SURROGATE_ESCAPE.search(body):
        return
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return
    where = lone_surrogate_at(data)
    if where is not None:
        raise InvalidTextError(f"{where[:100] or 'the body'} contains an invalid code point (a lone surrogate, "
                               "U+D800 to U+DFFF)", hint=_HINT)


def lone_surrogate_at(data: object) -> str | None:
    """The dotted path of the first string (key or value) holding a lone surrogate, or None.

    Iterative, so a deeply nested body cannot exhaust the stack."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return path
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if _SURROGATE.search(key):
                    return path or "a key"
                stack.append((child, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
    return None
