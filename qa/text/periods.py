"""The parts of a year a text names: quarters, halves, months and runs of months (on normalised text).

A figure for 第二季度 is no answer to a question about 第三季度, nor August's to one about
September: :func:`conflict` tells when a sentence names periods of the kind a question asks
about and none of the question's own.
"""

from __future__ import annotations

import re

# 第3季度 / 3季度 / q3; 上半年 / 下半年 / 前3季度 (normalised: Chinese numerals are digits, Latin lower case)
_QUARTER = re.compile(r"(?:第|(?<![\d前]))([1-4])(?:季度|财季)|(?<![a-z])q([1-4])(?![\d])")  # 第4财季: a fiscal quarter
_HALF = re.compile(r"([上下])半年")
_FIRST_QUARTERS = re.compile(r"前([1-3])季度")
_HALF_YEAR = re.compile(r"(?<![上下])半年度|半年报|中报")  # 2023年半年度 / 半年报: the first half
# 7月 / 12月份, not 3个月 (a length), not 2023.7 or 17月, not a day (8月9日消息, …发布7月销量: the day says
# when it was written, not which month's figure it is)
_MONTH = re.compile(r"(?<![\d个.])(1[0-2]|0?[1-9])月(?!份?(?:以来|之前|之后|前|后)|\d{1,2}[日号])")


# a time the text measures against, not one it is about: 接近2020年疫情初期时的水平, 较2022年, 创2019年以来新高,
# 打破了2022年6月创下的40.7摄氏度的纪录
_REFERENCE = re.compile(r"(?:较|比|接近|创|追平|低于|高于|超过|回到|相当于|仅次于|打破了?|刷新了?)(?:19|20)\d\d年?"
                        r"(?:\d{1,2}月)?|(?:19|20)\d\d年?[^，,。;；]{0,16}?(?:同期|水平|纪录|记录)"
                        r"|[（(，,；;](?:19|20)\d\d年(?:同期)?为(?=\d)")  # 同比增长7.5%（2023年为1175人）, …同比下降3.1%，2023年为
                        # 32微克/立方米: the year before's, beside the figure of the text's own year


# the day a report was delivered at a meeting (——2025年1月8日在…人民代表大会第四次会议上): it is about the year before
_DELIVERED = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日在[^，。；]{2,40}?(?:会议|大会|会)上")


def undelivered(norm: str) -> str:
    """``norm`` without the day it was delivered at a meeting, which is no year it is about."""
    return _DELIVERED.sub(" ", norm)


def gives_figure_of(norm: str, years: list[int]) -> bool:
    """``norm`` (a sentence) gives a figure for one of ``years`` (较2023年的12.4万人次, （2023年为1175人）): it is about
    that year too, though only as a comparison (:func:`without_references`)."""
    return any(re.search(rf"{y}年(?:同期|全年|末|底)?(?:为|的|是|共)?\d", norm) for y in years)


def without_references(norm: str) -> str:
    """``norm`` with the years (and months) it only measures against blanked out; not a clause's topic
    (去年同期，全区地区生产总值为451.9亿元: that figure is the year before's)."""
    return _REFERENCE.sub(lambda m: m.group(0) if _topic(norm, m) else " ", norm)


def _topic(norm: str, m: re.Match) -> bool:
    return m.group(0).endswith("同期") and (m.start() == 0 or norm[m.start() - 1] in "，,。;；") \
        and norm[m.end():m.end() + 1] in ("，", ",")


# the start of a span that runs to the time of writing: 自2021年12月以来, 2022年以来
_SINCE = re.compile(r"((?:19|20)\d\d)年?(?:\d{1,2}月份?)?(?:以来|至今)")


# years named relative to the time of writing (上年 as reports write 去年); not 提前年内
_RELATIVE = {"前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1}
_RELATIVE_YEAR = re.compile(r"(?<![提此以之])前年|去年|上年|今年|本年|明年")


def dated(norm: str, year: int | None) -> str:
    """``norm`` with 去年/今年/明年… written as the years they name in a text of ``year`` (none: as is):
    a story of 2023 saying 去年实现收入347亿元 speaks of 2022."""
    if year is None:
        return norm
    return _RELATIVE_YEAR.sub(lambda m: f"{year + _RELATIVE[m.group(0)]}年", norm)


def since_years(norm: str) -> set[int]:
    """The years a span named in ``norm`` starts at and runs on from (自2021年12月以来 -> {2021})."""
    return {int(y) for y in _SINCE.findall(norm)}


def covers(norm: str, year: int) -> bool:
    """``norm`` speaks of a span from some year to now that takes in ``year``."""
    return any(start <= year for start in since_years(norm))


def parts_of_year(norm: str) -> set[str]:
    """Quarters, halves and first-N-quarters named in ``norm``: {"q3", "h1", "q1-3"}."""
    found = {f"q{a or b}" for a, b in _QUARTER.findall(norm)}
    found |= {"h1" if h == "上" else "h2" for h in _HALF.findall(norm)}
    found |= {"h1"} if _HALF_YEAR.search(norm) else set()
    found |= {f"q1-{n}" for n in _FIRST_QUARTERS.findall(norm)}
    return found


_EN_QUARTER = re.compile(r"\bQ([1-4])\b|\b(first|second|third|fourth) quarter\b", re.IGNORECASE)
_EN_HALF = re.compile(r"\b(?:(first|second) half|H([12]))\b", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def in_chinese(text: str) -> list[str]:
    """The parts of a year an English question names, as Chinese writes them (Q3, third quarter -> 第3季度;
    first half, H1 -> 上半年), for the question's own normalised text: English words lose their spaces there."""
    out = [f"第{int(n) if n else _ORDINALS[w.lower()]}季度" for n, w in _EN_QUARTER.findall(text)]
    out += ["上半年" if (w.lower() == "first" or n == "1") else "下半年" for w, n in _EN_HALF.findall(text)]
    return out


_EN_MONTHS = "January February March April May June July August September October November December".split()
_EN_MONTH = "|".join(_EN_MONTHS)
# August 7, 7 August, August 7th, in July (months spelt out); not a run of months (the April–June quarter) nor a year alone
_EN_DATE = re.compile(rf"(?<![–—-])\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH})|({_EN_MONTH})(?:\s+(\d{{1,2}})"
                      rf"(?:st|nd|rd|th)?)?)\b(?![\d,]*\s*[–—-]\s*(?:{_EN_MONTH}|\d))")


def english_dates(text: str) -> list[str]:
    """The days and months an English question names, as Chinese writes them: August 7 -> 8月7日,
    in July -> 7月 (a capitalised month only: "may" is a verb; not a run of months, April–June)."""
    out = []
    for day, month, month2, day2 in _EN_DATE.findall(text):
        n = _EN_MONTHS.index(month or month2) + 1
        d = day or day2
        out.append(f"{n}月{int(d)}日" if d and 1 <= int(d) <= 31 else f"{n}月")
    return list(dict.fromkeys(out))


# months counted together: 1—7月, 1至7月, 1月至7月, 前7个月 (a running total, not July's)
_MONTH_RANGE = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9])(?:月份?)?\s*[-—–~至到]\s*(1[0-2]|0?[1-9])月|前(1[0-2]|[1-9])个?月")


def months(norm: str) -> set[int]:
    """The months named one by one in ``norm`` (7月, 12月份; not the 7 of 1—7月)."""
    return {int(m) for m in _MONTH.findall(_MONTH_RANGE.sub(" ", norm))}


def month_ranges(norm: str) -> set[str]:
    """The runs of months named in ``norm``: 1—7月, 前7个月 -> {"1-7"}."""
    return {f"{int(a or 1)}-{int(b or n)}" for a, b, n in _MONTH_RANGE.findall(norm)}


def conflict(question_norm: str, sentence_norm: str) -> bool:
    """The sentence names quarters/halves (or months) and none the question names of that kind."""
    sentence_norm = without_references(sentence_norm)
    asked, said = parts_of_year(question_norm), parts_of_year(sentence_norm)
    if asked and said and not asked & said:
        return True
    asked_m, said_m = _month_periods(question_norm), _month_periods(sentence_norm)
    return bool(asked_m and said_m and not asked_m & said_m)


def _month_periods(norm: str) -> set[str]:
    """Months and runs of months, as periods of one kind: July's figure is not January to July's."""
    return {str(m) for m in months(norm)} | month_ranges(norm)


# holidays and the seasons a box office or travel figure is counted for (春节档, 暑期档, 国庆假期, “五一”假期), each
# said its ways: the name each stands for
HOLIDAYS = {"春节": "春节", "元旦": "元旦", "清明": "清明", "五一": "五一", "劳动节": "五一", "端午": "端午",
            "中秋": "中秋", "国庆": "国庆", "暑期": "暑期", "暑假": "暑期", "寒假": "寒假", "元宵": "元宵", "七夕": "七夕",
            "贺岁": "贺岁", "双十一": "双十一", "双11": "双十一", "618": "618"}
HOLIDAY = re.compile("|".join(HOLIDAYS))


def holidays(text: str) -> set[str]:
    """The holidays and seasons ``text`` names (五一 for “五一”假期 and 劳动节 alike)."""
    return {HOLIDAYS[m.group()] for m in HOLIDAY.finditer(text)}
