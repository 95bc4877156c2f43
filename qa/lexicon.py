"""A corpus's own vocabulary, as data: the lexicon file (``lexicon.json``) and its schema check.

The extractive composer needs a little knowledge of the documents it reads: the role
words a "who" question names (主席, 通讯员), the measure word a counted noun implies
(提案 -> 件), English domain terms and their Chinese (proposal -> 提案), light verbs that
only carry the noun after them (开展), how a plenary session is written (九届三次会议),
and words that say nothing in this corpus (政协). None of that is Chinese in general, so
it lives in a data file beside the corpus, not in code, and the system works with it
empty (or absent) on any Chinese corpus.

``qa index`` reads ``<corpus>/lexicon.json`` (or ``--lexicon FILE``), checks it, copies it
into the index directory and records its path and SHA-256 in the manifest; the answer side
reads the copy, so answers always use the lexicon the index was built with.

Format (JSON object, every key optional, unknown keys are errors)::

    {"format": "zhqa-lexicon", "version": 1,
     "roles": ["副主席", "主席", ...],            # most specific first
     "noun_measures": {"提案": "件", ...},         # counted noun -> measure word
     "glossary": {"proposal": "提案", ...},        # English phrase -> space-separated Chinese terms
     "light_verbs": ["开展", ...],
     "sessions": ["第?(\\\\d+)届...第?(\\\\d+)次...会议"],  # regexes with two groups: (届, 次)
     "filler": ["政协"],                           # words that carry nothing for matching
     "comment": "free text"}

Problems are reported all at once as ``file:line: problem`` (:class:`~qa.errors.InputError`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import InputError

FORMAT = "zhqa-lexicon"
VERSION = 1
FILENAME = "lexicon.json"
_HINT = "fix the listed lines; the format is described in qa/lexicon.py and docs/answers.md"
_LIST_KEYS = ("roles", "light_verbs", "sessions", "filler")
_MAP_KEYS = ("noun_measures", "glossary")
_KNOWN = {"format", "version", "comment", *_LIST_KEYS, *_MAP_KEYS}


@dataclass(frozen=True)
class Lexicon:
    """The checked contents of a lexicon file; :data:`EMPTY` when there is none."""

    roles: tuple[str, ...] = ()
    noun_measures: dict[str, str] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    sessions: tuple[re.Pattern[str], ...] = ()
    filler: frozenset[str] = frozenset()
    sha256: str = ""
    source: str = ""

    @property
    def empty(self) -> bool:
        return not (self.roles or self.noun_measures or self.glossary or self.light_verbs
                    or self.sessions or self.filler)

    def glossary_pattern(self) -> re.Pattern[str] | None:
        """The glossary's phrases, longest first, as one whole-word pattern (None when empty)."""
        return _glossary_pattern(tuple(sorted(self.glossary, key=len, reverse=True)))

    def sessions_in(self, norm: str) -> set[tuple[int, int]]:
        """The (届, 次) sessions named in normalised text: 9届3次会议 -> {(9, 3)}."""
        return {(int(a), int(b)) for p in self.sessions for a, b in p.findall(norm)}


EMPTY = Lexicon()
_PATTERNS: dict[tuple[str, ...], re.Pattern[str] | None] = {}


def _glossary_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if terms not in _PATTERNS:  # compiled once per glossary, not at import
        _PATTERNS[terms] = (re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
                            if terms else None)
    return _PATTERNS[terms]


def load_lexicon(path: Path | None) -> Lexicon:
    """Read and check ``path``; :data:`EMPTY` for None or a file that does not exist."""
    if path is None or not path.exists():
        return EMPTY
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the lexicon ({exc})", hint="save it as UTF-8 JSON") from exc
    return parse_lexicon(text, str(path), hashlib.sha256(raw_bytes).hexdigest())


def parse_lexicon(text: str, source: str = "<lexicon>", sha256: str = "") -> Lexicon:
    """Check ``text`` against the format above; every problem is listed as ``source:line: problem``."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}:{exc.lineno}: not valid JSON: {exc.msg}", hint=_HINT) from exc
    if not isinstance(raw, dict):
        raise InputError(f"{source}:1: the lexicon must be a JSON object", hint=_HINT)
    problems = _problems(raw, text)
    if problems:
        listed = "\n".join(f"{source}:{line}: {msg}" for line, msg in problems)
        raise InputError(f"the lexicon has {len(problems)} problem(s):\n{listed}", hint=_HINT)
    return Lexicon(
        roles=tuple(raw.get("roles", ())), noun_measures=dict(raw.get("noun_measures", {})),
        glossary={k.lower(): v for k, v in raw.get("glossary", {}).items()},
        light_verbs=frozenset(raw.get("light_verbs", ())),
        sessions=tuple(re.compile(p) for p in raw.get("sessions", ())),
        filler=frozenset(raw.get("filler", ())), sha256=sha256, source=source,
    )


def _problems(raw: dict, text: str) -> list[tuple[int, str]]:
    out = []
    where = _Locator(text)
    for key in raw:
        if key not in _KNOWN:
            out.append((where.line(key), f"unknown key {key!r}; valid keys: {', '.join(sorted(_KNOWN))}"))
    if raw.get("format", FORMAT) != FORMAT:
        out.append((where.line("format"), f"'format' must be {FORMAT!r}"))
    if raw.get("version", VERSION) != VERSION:
        out.append((where.line("version"), f"'version' must be {VERSION} (this program reads version {VERSION})"))
    for key in _LIST_KEYS:
        value = raw.get(key, [])
        if not isinstance(value, list):
            out.append((where.line(key), f"{key!r} must be a list of strings"))
            continue
        for item in value:
            if not isinstance(item, str) or not item.strip():
                out.append((where.line(key, json.dumps(item, ensure_ascii=False)), f"{key!r}: {item!r} is not a non-empty string"))
            elif key == "sessions":
                out.extend((where.line(key, item), m) for m in _pattern_problems(item))
    for key in _MAP_KEYS:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            out.append((where.line(key), f"{key!r} must be an object of strings"))
            continue
        for k, v in value.items():
            if not isinstance(v, str) or not v.strip() or not k.strip():
                out.append((where.line(key, k), f"{key!r}: {k!r} must map to a non-empty string"))
    return out


def _pattern_problems(pattern: str) -> list[str]:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return [f"'sessions': {pattern!r} is not a regular expression ({exc})"]
    if compiled.groups != 2:
        return [f"'sessions': {pattern!r} needs exactly two groups, the 届 and the 次 (it has {compiled.groups})"]
    return []


class _Locator:
    """Line numbers of keys (and of items after a key) in the raw JSON text, for messages."""

    def __init__(self, text: str) -> None:
        self.text = text

    def line(self, key: str, item: str | None = None) -> int:
        at = self.text.find(json.dumps(key, ensure_ascii=False))
        at = max(at, 0)
        if item is not None:
            found = self.text.find(item, at)
            at = found if found >= 0 else at
        return self.text.count("\n", 0, at) + 1
