"""Chinese numerals: parsing, and converting quantity numerals in running text to digits.

Parsing (:func:`parse_number`, :func:`cn_to_number`) accepts the usual written forms:
一百九十, 两千零五, 十二, 十, 三点五, 一千二百万, 三百五 (=350), 一万二 (=12000), 〇/零,
两/俩, financial 壹贰叁…拾佰仟, traditional 萬億兩, digit strings 二〇二三 (=2023), Arabic
numbers with 1,800-style separators and full-width digits, and mixed 1.2万 / 3千.
Values are exact :class:`~decimal.Decimal` internally so that 12.48万 is 124800, not
124800.00000000001.

Conversion rule of :func:`chinese_numerals_to_arabic` (a "run" is a maximal sequence of
numeral characters, optionally with a 点-decimal part):

1. A run overlapping a protected word (:data:`PROTECTED_WORDS`: 一些, 统一, 唯一, 一体,
   一年来, 万众一心, 千方百计, 百姓, 三会一课, 两个维护, 十四五 …) is never converted.
2. 百分之 + number becomes ``N%`` (百分之九十六 -> 96%).
3. Ordinals are converted consistently: 第 + run -> 第 + digits (第一议题 -> 第1议题,
   第十二届 -> 第12届), so that 第12届 and 第十二届 normalise alike.
4. A run directly after an Arabic digit is left alone (12万 is a mixed number; see
   :func:`expand_arabic_multipliers`).
5. A structured numeral (a digit and a multiplier: 十二, 一百九十, 两千零五, or a decimal
   三点五) is always converted.
6. A single digit (一, 两, 三 …) or bare multipliers (十, 百, 千万) are converted only
   when followed by a measure word or unit (:data:`UNITS`, e.g. 件 次 个 人次 年 万元)
   or by 余/多: 三个 -> 3个, 十余次 -> 10余次, but 一致 and 十分 stay. Bare
   multipliers right after 余/多 stay: 十余万元 -> 10余万元, like 10余万元 itself.
7. Digit strings (二〇二三) are converted only when they contain 〇/零 or are four
   digits before 年; 五六个 (five or six) and 三三两两 stay. A lone 零 is never converted
   (零件).
Invalid sequences (十四五, 三四十, 一五一十) do not parse and are kept.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Financial and traditional forms folded onto the everyday ones before parsing.
_FOLD = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億兩俩", "一二二三三四五六六七八九十百千万亿两两")
_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZERO = frozenset("零〇")
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_MULT = {**_SMALL, **_BIG}
_BIG_CHAR = {10**8: "亿", 10**4: "万"}

_CN_DIGITS = "零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖兩"
_CN_MULTS = "十拾百佰千仟万萬亿億"
_CN_FRAC = "零〇一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
# A run, then an optional decimal part; 点五十 (a clock time) is not a decimal.
CN_NUMBER = (
    f"[{_CN_DIGITS}{_CN_MULTS}]+"
    f"(?:点[{_CN_FRAC}]+(?![十拾百佰千仟])[万萬亿億]*)?"
)
# Trailing multipliers after Arabic digits; 千 before 米/克/瓦 is part of the unit.
ARABIC_MULT = "(?:百万|千万|万|萬|亿|億|千(?![米克瓦]))+"

_ARABIC_FULL_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([十百千万亿]*)")
_CN_DECIMAL_RE = re.compile(r"(.+)点([零〇一二三四五六七八九]+)([万亿]*)")

#: measure words and units that make a preceding numeral a quantity (longest first).
UNITS: tuple[str, ...] = tuple(
    sorted(
        """个百分点 百分点 人次 件次 场次 批次 户次 架次 车次 万元 亿元 美元 平方公里 平方千米
        平方米 立方米 公里 千米 厘米 毫米 公顷 公斤 千克 千瓦时 千瓦 兆瓦 个小时 小时 分钟 个月 季度 周岁 周年 级
        欧元 英镑 日元 日圆 韩元 港元 港币 美金 卢布 卢比 新台币 澳元 加元 新加坡元 泰铢 林吉特 比索 雷亚尔
        兰特 瑞郎 法郎 里拉 瑞典克朗 丹麦克朗 挪威克朗 克朗 越南盾 迪拉姆 里亚尔 兹罗提 摄氏度 ℃ 斤 克 枚 艘 架 票 秒 桶
        百帕 千帕 分贝 毫升 升 毫克 微克 光年 海里 英里 马力 千卡 赫兹 列 趟 班 层 集 匹 盒 瓶 箱 颗 粒
        毫安时 毫安 英寸 瓦 学时 课时 学分
        件 次 个 名 篇 条 户 人 场 批 项 家 期 年 月 日 号 天 岁 位 所 座 起 支 届 元 亩 吨
        米 倍 份 本 套 台 辆 栋 间 处 种 类 部 首 张 块 株 棵 只 轮 组 节 堂 周 幅 册 卷 篇次 场会 万字 字 % ％ ‰
        余 多 万 亿""".split(),
        key=len,
        reverse=True,
    )
)
_UNIT_RE = re.compile(r"[ \t]*(?:" + "|".join(map(re.escape, UNITS)) + ")")

#: words whose numeral characters are not quantities; see rule 1 in the module docstring.
PROTECTED_WORDS: tuple[str, ...] = tuple(
    """一些 一岗双责 统一 一致 一体 唯一 同一 之一 万一 一起 一头 一年来 一年一度 一年四季
    万众一心 千方百计 百姓 三会一课 四下基层 两个维护 两个确立 两学一做 十二五 十三五
    十四五 十五五 四个意识 四个自信 四个全面 五位一体 三个代表 三个务必 一带一路 一国两制
    一次性 一把手 一揽子 一条龙 一站式 一盘棋 三点一线 一点一滴 千家万户 万家灯火
    百家争鸣 三番五次 一五一十 三三两两 千千万万 千军万马 万无一失 一心一意 一日千里""".split()
)
_PROTECTED_RE = re.compile("|".join(sorted(PROTECTED_WORDS, key=len, reverse=True)))
_PROTECT_REACH = max(map(len, PROTECTED_WORDS)) - 1

# The leading lookahead lets the scanner skip to numeral characters quickly.
_TOKEN_RE = re.compile(
    rf"(?=[{_CN_DIGITS}{_CN_MULTS}])(?:百分之(?P<pct>{CN_NUMBER}|\d+(?:\.\d+)?)|(?P<cn>{CN_NUMBER}))"
)
# Both start with \d and then look behind, so the regex scanner can skip to digits fast.
_MIXED_RE = re.compile(rf"(\d(?<![\d.,]\d)(?:\d{{0,2}}(?:,\d{{3}})+|\d*))(\.\d+)?({ARABIC_MULT})")
_THOUSANDS_RE = re.compile(r"\d(?<![\d.,]\d)\d{0,2}(?:,\d{3})+(?!\d)")


def format_number(value: Decimal) -> str:
    """Canonical digits: no exponent, no thousands separator, no trailing zeros."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _parse_digit_string(s: str) -> int | None:
    """二〇二三 -> 2023; a single digit -> its value; 两 only stands alone."""
    if len(s) == 1:
        return 0 if s in _ZERO else _DIGIT.get(s)
    if "两" in s or any(c not in _DIGIT and c not in _ZERO for c in s):
        return None
    return int("".join("0" if c in _ZERO else str(_DIGIT[c]) for c in s))


def _parse_section(s: str, at_start: bool) -> int | None:
    """A number below 万 (十百千 only): 一百九十, 两千零五, 三百五 (=350), 十二."""
    total, prev, last = 0, 0, 10**4
    digit: int | None = None
    zero = False
    for i, ch in enumerate(s):
        if ch in _ZERO or ch in _DIGIT:
            if digit is not None:
                return None  # two digits in a row: 十四五, 三四十, 一五一十
            zero, digit = (True, None) if ch in _ZERO else (zero, _DIGIT[ch])
            continue
        unit = _SMALL.get(ch)
        implicit_ok = (i == 0 and at_start) or (zero and unit == 10)  # 十二, 一千零十
        if unit is None or unit >= last or (digit is None and not implicit_ok):
            return None
        total += (digit or 1) * unit
        digit, last, prev, zero = None, unit, unit, False
    if digit is not None:
        # a bare trailing digit abbreviates the next unit down: 三百五 = 350
        total += digit * (prev // 10 if prev >= 100 and not zero else 1)
    return total


def _parse_low(s: str, unit: int, levels: tuple[int, ...], explicit: bool) -> int | None:
    """The part after 万/亿: 零五 = 5, 二 = 2000 after 一万 (一万二), 二千 = 2000."""
    zero = s[:1] in _ZERO
    body = s.lstrip("零〇")
    if not body:
        return 0
    if len(body) == 1 and body in _DIGIT and not zero:
        return _DIGIT[body] * unit // 10 if explicit else None  # 万一 is not 11000
    value = _parse_levels(body, levels, at_start=zero)
    return None if value is None or value >= unit else value


def _parse_levels(s: str, levels: tuple[int, ...], at_start: bool) -> int | None:
    """Split on the largest of 亿/万 present and parse both sides recursively."""
    if not levels:
        return _parse_section(s, at_start)
    unit, rest = levels[0], levels[1:]
    high_s, sep, low_s = s.rpartition(_BIG_CHAR[unit])
    if not sep:
        return _parse_levels(s, rest, at_start)
    # 一千万亿: the part before 亿 may itself contain 万 (and even 亿)
    high = _parse_levels(high_s, levels if unit == 10**8 else rest, at_start) if high_s else None
    if not high_s and at_start:
        high = 1  # 万人, 亿元: a leading bare multiplier means one of it
    if not high:
        return None
    low = _parse_low(low_s, unit, rest, explicit=bool(high_s))
    return None if low is None else high * unit + low


def _parse_cn_integer(s: str) -> int | None:
    """Parse a folded Chinese integer (一千二百万, 两千零五, 三百五); None if malformed."""
    if not any(c in _MULT for c in s):
        return _parse_digit_string(s)
    return _parse_levels(s, (10**8, 10**4), at_start=True)


def _multiplier(chars: str) -> int:
    value = 1
    for ch in chars:
        value *= _MULT[ch]
    return value


def _parse_folded(s: str) -> Decimal | None:
    """Value of a folded, NFKC-normalised numeral string, or None."""
    m = _ARABIC_FULL_RE.fullmatch(s)
    if m:
        whole = m.group(1).replace(",", "")
        return Decimal(whole + (m.group(2) or "")) * _multiplier(m.group(3))
    m = _CN_DECIMAL_RE.fullmatch(s)
    if m:
        whole = _parse_cn_integer(m.group(1))
        if whole is None:
            return None
        frac = "".join("0" if c in _ZERO else str(_DIGIT[c]) for c in m.group(2))
        return Decimal(f"{whole}.{frac}") * _multiplier(m.group(3))
    if not s or any(c not in _DIGIT and c not in _ZERO and c not in _MULT for c in s):
        return None
    value = _parse_cn_integer(s)
    return None if value is None else Decimal(value)


def parse_number(s: str) -> Decimal | None:
    """Exact value of a numeral string (Chinese, Arabic or mixed), or None."""
    return _parse_folded(unicodedata.normalize("NFKC", s).strip().translate(_FOLD))


def cn_to_number(s: str) -> float | None:
    """Parse a Chinese (or Arabic, or mixed 1.2万) numeral: 一百九十 -> 190.0; else None."""
    value = parse_number(s)
    return None if value is None else float(value)


def unit_follows(s: str, pos: int) -> bool:
    """True when a measure word, unit, 余 or 多 starts at ``pos`` (spaces allowed)."""
    return _UNIT_RE.match(s, pos) is not None


def _protected(s: str, start: int, end: int) -> bool:
    """True when a protected word overlaps s[start:end]."""
    lo = max(0, start - _PROTECT_REACH)
    window = s[lo : end + _PROTECT_REACH]
    return any(lo + m.start() < end and lo + m.end() > start for m in _PROTECTED_RE.finditer(window))


def _is_quantity_run(s: str, folded: str, start: int, end: int) -> bool:
    """Rules 5-7 of the module docstring, on the folded run s[start:end]."""
    has_mult = not _MULT.keys().isdisjoint(folded)
    if "点" in folded or (has_mult and not _DIGIT.keys().isdisjoint(folded)):
        return True  # rule 5: structured numeral
    if has_mult:
        if start > 0 and s[start - 1] in "余多":
            return False  # 十余万元: 万 multiplies the approximate 十, it is no number itself
        return unit_follows(s, end)  # rule 6: bare 十, 千万
    if len(folded) == 1:
        return folded not in _ZERO and unit_follows(s, end)
    return not _ZERO.isdisjoint(folded) or (len(folded) == 4 and s.startswith("年", end))


def run_value(s: str, start: int, end: int) -> Decimal | None:
    """Value of the numeral run s[start:end] if the module rule says it is a quantity."""
    if start > 0 and s[start - 1].isdigit():
        return None  # rule 4: mixed 12万 is handled by expand_arabic_multipliers
    folded = s[start:end].translate(_FOLD)
    ordinal = start > 0 and s[start - 1] == "第"  # rule 3
    # cheap structural checks first: this runs for every numeral run of every passage
    if not ordinal and not _is_quantity_run(s, folded, start, end):
        return None
    if _protected(s, start, end):
        return None
    return _parse_folded(folded)


def _split_unit_thousand(s: str, start: int, end: int) -> int:
    """五千米 is 5 千米 (km), not 5000 米: give the trailing 千 back to the unit."""
    if end - start > 1 and s[end - 1] in "千仟" and s[end : end + 1] in ("米", "克", "瓦"):
        return end - 1
    return end


def _replace_token(s: str, m: re.Match[str]) -> str:
    if m.group("pct") is not None:
        value = parse_number(m.group("pct"))
        return m.group(0) if value is None else format_number(value) + "%"
    start, end = m.span("cn")
    cut = _split_unit_thousand(s, start, end)
    value = run_value(s, start, cut)
    if value is None:
        return m.group(0)
    return format_number(value) + s[cut:end]


def chinese_numerals_to_arabic(s: str) -> str:
    """Replace Chinese numeral runs that are quantities with Arabic digits.

    The rule (protected words, ordinals, units, 百分之) is in the module docstring:
    一百九十件 -> 190件, 百分之九十六 -> 96%, 第一议题 -> 第1议题, 一致 and 十四五 stay.
    Multipliers inside the run are expanded: 十二万人 -> 120000人.
    """
    if not s:
        return s
    return _TOKEN_RE.sub(lambda m: _replace_token(s, m), s)


def expand_arabic_multipliers(s: str) -> str:
    """Expand mixed numbers to digits: 12.48万 -> 124800, 3千 -> 3000, 1,200万 -> 12000000."""

    def repl(m: re.Match[str]) -> str:
        value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        return format_number(value * _multiplier(m.group(3).translate(_FOLD)))

    return _MIXED_RE.sub(repl, s)


def drop_thousands_separators(s: str) -> str:
    """1,800 -> 1800 and 12,345,678 -> 12345678; 12,34 and 2019,2020 are left alone."""
    return _THOUSANDS_RE.sub(lambda m: m.group(0).replace(",", ""), s)
