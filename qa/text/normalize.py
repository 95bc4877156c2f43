"""Text normalisation for matching, and numbers/dates found in text.

:func:`normalize_for_match` is the canonical form used to test whether one string
contains another (gold answers in predictions, evidence in passages, numbers of an
answer in its citations). Steps, in order:

1. NFKC, which also turns full-width ASCII (１９０，％) and the ideographic space into
   half-width; then lower case; text holding traditional characters becomes simplified
   (:func:`qa.text.script.simplify_chars`: 張掖市政協 matches 张掖市政协).
2. Delete all whitespace and every quote mark (“”「」『』‘’"'); map every dash
   (‐‑‒–—―− and runs such as ——) to a single ``-``.
3. Mixed numbers are expanded: 12.48万 -> 124800, 3千 -> 3000.
4. Chinese numerals that are quantities become digits, 百分之九十六 becomes 96%; the
   rule, with its protected words (一致, 统一, 十四五 …), is in :mod:`qa.text.numbers`.
5. Thousands separators are dropped: 1,800 -> 1800. After NFKC the Chinese comma is a
   comma too, so 12，345 also becomes 12345 (a list written that way would merge; it
   is rare in this corpus and keeps the function idempotent).

The result is idempotent. Offsets are not preserved; :func:`extract_quantities` and
:func:`extract_dates` work on the original string and return offsets into it.

Canonical numbers (:func:`numbers_in`) are the digits of the full value with no
separators, exponent or trailing zeros: 一百九十 and 190 give "190"; 12.48万 and 124800
give "124800"; 96% and 百分之九十六 give "96"; 3.50 gives "3.5".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from qa.text.numbers import (
    ARABIC_MULT,
    CN_NUMBER,
    UNITS,
    chinese_numerals_to_arabic,
    cn_to_number,
    drop_thousands_separators,
    expand_arabic_multipliers,
    format_number,
    parse_number,
    run_value,
)
from qa.text.script import simplify_chars

__all__ = [
    "DateSpan",
    "Quantity",
    "chinese_numerals_to_arabic",
    "cn_to_number",
    "contains_at_boundaries",
    "contains_normalized",
    "extract_dates",
    "extract_quantities",
    "normalize_for_match",
    "numbers_in",
    "to_halfwidth",
]

_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
_WHITESPACE += "".join(map(chr, range(0x2000, 0x200B))) + "\u200b\u200c\u200d\u2060\ufeff"
_QUOTES = "“”「」『』‘’\"'〝〞‟„‚‛﹁﹂﹃﹄"
_DASHES = "‐‑‒–—―−﹘⸺⸻"
# One pass does half-width, whitespace and quote removal and dash unification; a regex
# with a dict lookup per hit is ~3x faster than str.translate on CJK text. "…" is mapped
# here as NFKC would, so that typical text is already NFKC and skips the slow normalize.
_MATCH_MAP = {chr(k): chr(v) for k, v in _HALFWIDTH.items()}
_MATCH_MAP |= {c: "" for c in _WHITESPACE + _QUOTES + "＂＇"} | {c: "-" for c in _DASHES}
_MATCH_MAP |= {"…": "...", "‥": ".."}
_MATCH_RE = re.compile("[" + re.escape("".join(_MATCH_MAP)) + "]")
_DASH_RUN_RE = re.compile(r"-{2,}")
_CANON_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")

# --- quantities and dates over the ORIGINAL text (full-width digits and commas allowed) ---
_D = "[0-9０-９]"
_AR_NUM = (
    rf"(?<![0-9０-９.．]){_D}{{1,3}}(?:[,，]{_D}{{3}})+(?!{_D})(?:[.．]{_D}+)?"
    rf"|(?<![0-9０-９.．]){_D}+(?:[.．]{_D}+)?"
)
_QTY_RE = re.compile(
    r"(?P<pre>约|逾|超过|大约|将近|接近|(?<![最附])近)?"
    # below zero: 零下15摄氏度, 负0.5%, -15℃ (not the dash of a range, 2023-2024, nor 负责)
    r"(?P<sign>零下|负(?=[\d.])|(?<![0-9A-Za-z.年月日%％‰℃])[-−－](?=\d))?"
    rf"(?:百分之(?P<pct>{CN_NUMBER}|{_AR_NUM})|(?P<ar>{_AR_NUM})(?P<mult>{ARABIC_MULT})?"
    rf"|(?P<cn>{CN_NUMBER}))"
)
_PLAIN_UNITS = [u for u in UNITS if u not in ("余", "多", "万", "亿")]
# besides the plain units: 度 after 万/亿 (10亿度, kilowatt hours; not 一度 or 38度) and 环 after a digit (463.0环, a
# shooting score; not 环比, 三环) and 点 after a decimal (3068.32点, an index's points; not 3点, a time)
_TAIL_RE = re.compile(
    r"[ \t]*(?P<mid>余|多)?(?P<mult2>[万萬亿億]|兆(?![瓦赫帕字]))?"
    rf"(?P<unit>{'|'.join(map(re.escape, _PLAIN_UNITS))}|(?<=[万萬亿億])度电?|(?<=\d)环(?![比境保节线路岛球])"
    r"|(?<=[.．]\d)点|(?<=[.．]\d\d)点)?"
    r"(?P<post>左右|以上)?"
)
_CN_SMALL = "[〇零一二三四五六七八九十]"
_MULTIPLIERS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}  # 兆: 1兆倍, as in DRCD's text
_Y = rf"(?<![0-9０-９]){_D}{{4}}(?![0-9０-９])|[〇零一二三四五六七八九]{{4}}"
_MD = rf"(?<![0-9０-９.．]){_D}{{1,2}}(?![0-9０-９])|(?<![〇零一二三四五六七八九十百千万两]){_CN_SMALL}{{1,3}}"
_DATE_RE = re.compile(
    rf"(?P<ry1>{_Y})[ \t]*年?[ \t]*(?:[-—–~～]{{1,2}}|至|到)[ \t]*(?P<ry2>{_Y})[ \t]*年"
    rf"|(?:(?P<y>{_Y})[ \t]*年[ \t]*)?(?P<m>{_MD})[ \t]*月(?:[ \t]*(?P<d>{_MD})[ \t]*[日号])?"
    rf"|(?P<yo>{_Y})[ \t]*年"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, found in a text.

    ``text == s[start:end]`` of the original string; it includes approximation markers
    (约30余人左右). ``value`` is the full value (12.48万元 -> 124800.0 with unit "元");
    ``unit`` is the measure word as written after NFKC ("" for a bare number,
    "%" for percentages including 百分之…).
    """

    value: float
    unit: str
    approx: bool
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date or year range found in a text; ``text == s[start:end]``.

    Parts that are not written are None. A year range (2019—2021年) has ``year`` 2019
    and ``year_to`` 2021.
    """

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_to: int | None = None


def to_halfwidth(s: str) -> str:
    """Map full-width ASCII variants (U+FF01–U+FF5E) and U+3000 to half-width.

    ，：；！？（）％ become , : ; ! ? ( ) %; CJK punctuation without a half-width
    twin in that block (。、“”《》) is kept.
    """
    return s.translate(_HALFWIDTH)


def _match_repl(m: re.Match[str]) -> str:
    return _MATCH_MAP[m.group()]


def normalize_for_match(s: str) -> str:
    """Canonical form for containment tests; see the module docstring for the steps.

    Idempotent: ``normalize_for_match(normalize_for_match(s)) == normalize_for_match(s)``.
    """
    s = _MATCH_RE.sub(_match_repl, s)
    if not unicodedata.is_normalized("NFKC", s):
        s = _MATCH_RE.sub(_match_repl, unicodedata.normalize("NFKC", s))
    s = simplify_chars(s.lower())
    if "--" in s:
        s = _DASH_RUN_RE.sub("-", s)
    s = expand_arabic_multipliers(s)
    s = chinese_numerals_to_arabic(s)
    return drop_thousands_separators(s)


def numbers_in(s: str) -> set[str]:
    """Canonical number strings in ``s`` (see module docstring): {"190", "124800", "96"}.

    Uses :func:`normalize_for_match`, so a Chinese numeral counts exactly when matching
    would convert it (一百九十件 yes, 一致 and 十四五 no).
    """
    return {format_number(Decimal(t)) for t in _CANON_NUMBER_RE.findall(normalize_for_match(s))}


def contains_at_boundaries(hay: str, needle: str) -> bool:
    """Substring test on already normalised strings that respects number boundaries.

    A needle that starts (ends) with a digit may not continue a number on its left
    (right): "19" is not in "190件", "190" not in "1900", "12" not in "12.5", "5" not in
    "2.5"; "190" is in "190件" and "12" in "共12." (a full stop). An empty needle is
    never contained.
    """
    if not needle:
        return False
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        left_ok = not needle[0].isdigit() or not _continues_left(hay, start)
        right_ok = not needle[-1].isdigit() or not _continues_right(hay, end)
        if left_ok and right_ok:
            return True
        start = hay.find(needle, start + 1)
    return False


def _continues_left(hay: str, start: int) -> bool:
    # a digit, or a decimal point after a digit ("2." before "5"), extends the number
    before = hay[max(0, start - 2) : start]
    if not before:
        return False
    return before[-1].isdigit() or (before[-1] == "." and before[0].isdigit() and len(before) == 2)


def _continues_right(hay: str, end: int) -> bool:
    after = hay[end : end + 2]
    return bool(after) and (after[0].isdigit() or (after[:1] == "." and after[1:2].isdigit()))


def contains_normalized(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` after :func:`normalize_for_match` on
    both, at number boundaries (see :func:`contains_at_boundaries`)."""
    return contains_at_boundaries(normalize_for_match(haystack), normalize_for_match(needle))


def _int_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    value = parse_number(text)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _date_from_match(m: re.Match[str]) -> DateSpan | None:
    """Build a DateSpan from a _DATE_RE match; None when a part is out of range."""
    year = _int_or_none(m.group("ry1") or m.group("y") or m.group("yo"))
    year_to = _int_or_none(m.group("ry2"))
    month, day = _int_or_none(m.group("m")), _int_or_none(m.group("d"))
    years_ok = all(v is None or 1000 <= v <= 2999 for v in (year, year_to))
    if not years_ok or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if year_to is not None and year is not None and year_to <= year:
        return None
    return DateSpan(m.group(0), m.start(), m.end(), year, month, day, year_to)


def extract_dates(s: str) -> list[DateSpan]:
    """Dates in ``s``: 2023年, 10月13日, 2023年10月13日, 5月6号, 二〇二三年, 2019—2021年.

    A month alone (10月, 三月) is a date; 3个月 is a duration and is not. Offsets index
    the original string.
    """
    spans = (_date_from_match(m) for m in _DATE_RE.finditer(s))
    return [d for d in spans if d is not None]


def _number_token(s: str, m: re.Match[str]) -> tuple[Decimal, int, str] | None:
    """(value, end of the numeral, unit implied by it) for a _QTY_RE match, or None."""
    if m.group("pct") is not None:
        value = parse_number(m.group("pct"))
        return None if value is None else (value, m.end(), "%")
    if m.group("ar") is not None:
        value = parse_number(m.group("ar") + (m.group("mult") or ""))
        return None if value is None else (value, m.end(), "")
    start, end = m.span("cn")
    if end - start > 1 and s[end - 1] in "千仟" and s[end : end + 1] in ("米", "克", "瓦"):
        end -= 1  # 五千米 is 5 千米
    value = run_value(s, start, end)
    return None if value is None else (value, end, "")


def _quantity_at(s: str, m: re.Match[str]) -> Quantity | None:
    """Read the number at ``m`` and the unit and approximation markers after it."""
    token = _number_token(s, m)
    if token is None:
        return None
    value, end, unit = token
    tail = _TAIL_RE.match(s, end)
    assert tail is not None  # every group is optional
    if tail.group("mult2"):
        value *= Decimal(_MULTIPLIERS[tail.group("mult2")])
    if not unit and tail.group("unit"):
        unit = unicodedata.normalize("NFKC", tail.group("unit"))
    if tail.group(0).strip():
        end = tail.end()
    approx = bool(m.group("pre") or tail.group("mid") or tail.group("post"))
    if m.group("sign"):
        value = -value
    return Quantity(float(value), unit, approx, s[m.start() : end], m.start(), end)


def _reduplicated(s: str, q: Quantity) -> bool:
    """一次次调研, 一个个提案, 一条条建议: a measure word said twice after 一 means "many", not one."""
    return q.value == 1 and len(q.unit) == 1 and s[q.end : q.end + 1] == q.unit and s[q.end - 2 : q.end - 1] == "一"


def extract_quantities(s: str) -> list[Quantity]:
    """Numbers in ``s`` with their units: 12.48万元, 190件, 一百九十件, 96%, 约30余人, 2023年.

    Chinese numerals count only where :func:`chinese_numerals_to_arabic` would convert
    them. Ordinals (第3届, 第一议题) are ranks, not quantities, and are skipped. Numbers
    that belong to a date with a month or day (10月13日, 2023年10月13日) are not
    quantities; use :func:`extract_dates`. A year alone (2023年) is both a date and a
    quantity with unit "年". Offsets index the original string.
    """
    dated = [(d.start, d.end) for d in extract_dates(s) if d.month or d.day]
    found: list[Quantity] = []
    for m in _QTY_RE.finditer(s):
        if found and m.start() < found[-1].end:
            continue  # inside the unit of the previous quantity (十余万元)
        in_date = any(a < m.end() and m.start() < b for a, b in dated)
        if in_date or s[m.start() - 1 : m.start()] == "第":
            continue  # part of a date, or an ordinal
        q = _quantity_at(s, m)
        if q is not None and not _reduplicated(s, q):
            found[-1:] = _joined(found[-1], q) if found else [q]
    return found


_PLACE_VALUE = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}


def _joined(a: Quantity, b: Quantity) -> list[Quantity]:
    """``b`` as the lower places of ``a`` when it follows a count of 万 or 亿 without a unit (467万|1021票 is
    4671021票, 1亿|2000万人 120000000人); else both."""
    place = _PLACE_VALUE.get(a.text[-1:])
    if a.unit or place is None or a.end != b.start or not 0 < b.value < place:
        return [a, b]
    return [Quantity(a.value + b.value, b.unit, a.approx or b.approx, a.text + b.text, a.start, b.end)]
