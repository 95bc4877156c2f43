"""The figures a sentence states, as an answer would quote them.

:func:`qa.text.normalize.extract_quantities` finds each number with its unit; two kinds of
writing need more than that to be quoted right:

- a time in hours, minutes and seconds is one figure: 1小时25分12秒 (a race), 2分05秒48, 26秒29 (swims),
  not 1小时, 25 and 12秒 apart (news-fresh answered 吕秀芝's race with 12秒);
- a rate is quoted with what it is per: 220万桶/日, 20.5元/公斤 (an answer of 220万 does not say it);
- a score is one figure: 17比7, 2：0, 2-1战胜 (unit 比分), not 17 and 7; so is a medal tally, 12金4银3铜 (unit 枚);
- points are quoted with their 分: 358.20分 (a dive), 95分, 9.2分 (a rating), not 358.20; 分钟, 三分之一,
  十分 (very) and a time of day, 9时55分, are no points;
- a number inside a code counts nothing: G2963次 is a train, K60 and A950 are models, 5G and 4K
  are no five or four of anything (news-fresh answered 蓉港高铁's first train with 2963次); nor does a
  stock code in brackets after a company's name: 创业环保(600874), 泛亚环保（00556.HK）; nor the first
  month of a span, 1 of 1-7月, nor a year a season or a fiscal year is named by, 2024财年, 2023赛季.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.text.normalize import Quantity, extract_quantities

# two parts at least: hours and minutes (and seconds), or minutes and seconds (and hundredths)
_DURATION = re.compile(r"(\d+)个?小时(\d+)分钟?(?:(\d+(?:\.\d+)?)秒)?"
                       r"|(\d+)分钟?(\d+(?:\.\d+)?)秒(\d{1,2}(?![\d.]))?"
                       r"|(?<![\d分])(\d{1,2})秒(\d{2})(?![\d.])")  # 26秒29: seconds and hundredths
# a medal tally written as one: 12金4银3铜 is quoted whole (unit 枚, the medals in all); 13枚金牌、4枚银牌
# stay apart (how many golds)
_MEDALS = re.compile(r"(\d+)金(\d+)银(\d+)铜")
_LATIN = re.compile(r"[A-Za-zμµ]")  # and micro: 150μm is a specification's
# a score: 17比7, 3比2; 2：0 and 4:1 with one digit after the colon (9:30 is a time)
_SCORE = re.compile(r"(?<![\d.])(\d{1,3})\s*比\s*(\d{1,3})(?![\d.%])|(?<![\d.:：])(\d{1,2})\s*[:：]\s*(\d)(?![\d.:：])")
# a score written with a dash (2-1战胜, 以3-0): only where a match is won, lost or drawn by it or 以/比分 leads into
# it, for 1-7月, 2-3人 and 2023-08-01 are ranges and dates
_SCORE_DASH = re.compile(
    r"(?<![\d.\-/])(\d{1,2})\s*[-–—]\s*(\d{1,2})(?![\d.\-/%])(?=\s*(?:战胜|击败|力克|战平|逆转|不敌|负于|告负|落败"
    r"|获胜|取胜|胜出|零封|大胜|完胜|险胜|绝杀|赢下|输给|淘汰|夺冠|落后|领先|扳平|的比分))"
    r"|(?:(?<=以)|(?<=比分)|(?<=比分为)|(?<=比分是))(\d{1,2})\s*[-–—]\s*(\d{1,2})"
    r"(?![\d.\-/%人个名月日年天次项岁号期位件元万亿千百时点分秒米])")
# what a figure is per, written after a slash (220万桶/日, 20.5元/公斤, 120公里/小时)
_PER = re.compile(r"\s*/\s*(?:[\u4e00-\u9fff]{1,3}|kg|km|h|kWh)(?![\u4e00-\u9fffA-Za-z])")
# 分 after a bare number is points unless it starts 分钟 (minutes), 分之 (a fraction) or 分为 (divided into)
_POINTS = re.compile(r"分(?![钟之为别期批])")
# ... and unless an hour precedes the number: 9时55分, 10点30分 are times of day
_CLOCK = re.compile(r"\d[时点]\s*$")
# the first month of a span of months (1-7月, 1至7月的累计销量): part of a period, no figure
_PERIOD_FROM = re.compile(r"\s*(?:-|—|–|~|～|至|到)\s*\d{1,2}\s*(?:月|季度)")
# a year naming a fiscal year, a season or a whole year without 年: 2024财年, 2023赛季, 2023全年
_YEAR_NAMING = re.compile(r"(?:财年|财季|赛季|全年)")
# a stock code: five or six digits in brackets, or four with an exchange (0700.HK); not a year, (2023)
_TICKER = re.compile(r"[(（](?:\d{5,6}(?:\.[A-Za-z]{2,3})?|\d{4}\.[A-Za-z]{2,3})[)）]")


def figures(text: str) -> list[Quantity]:
    """The quantities of ``text`` (:func:`extract_quantities`), with times in several units joined
    into one (its value in seconds, unit 秒), scores into one (unit 比分) and numbers written into a
    code left out."""
    joined = [*map(_duration, _DURATION.finditer(text)),
              *map(_score, _SCORE.finditer(text)), *map(_score, _SCORE_DASH.finditer(text)),
              *(Quantity(sum(map(int, m.groups())), "枚", False, m.group(0), m.start(), m.end())
                for m in _MEDALS.finditer(text))]
    out = [_points(text, _per(text, q)) for q in extract_quantities(text)
           if not any(t.start < q.end and q.start < t.end for t in joined) and not _in_code(text, q)
           and not (not q.unit and (_PERIOD_FROM.match(text, q.end) or names_year(text, q)))]
    return sorted(out + joined, key=lambda q: q.start)


def medal_part(q: Quantity, asked: str) -> Quantity:
    """``q``'s part for the medal ``asked`` (金, 银 or 铜) when it is a tally (44银 of 40金44银42铜, for how many
    silver medals); as it is otherwise."""
    m = _MEDALS.fullmatch(q.text)
    if m is None or asked not in "金银铜":
        return q
    k = "金银铜".index(asked) + 1
    start, end = m.start(k), m.end(k) + 1  # the number and its medal
    return Quantity(float(m.group(k)), "枚", False, q.text[start:end], q.start + start, q.start + end)


def names_year(text: str, q: Quantity) -> bool:
    """``q`` is a year a fiscal year, a season or a whole year is named by (2024财年), no figure."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", q.text)) and bool(_YEAR_NAMING.match(text, q.end))


def _duration(m: re.Match[str]) -> Quantity:
    hours, minutes, seconds, minutes2, seconds2, hundredths, seconds3, hundredths3 = m.groups()
    if hours is not None:
        value = int(hours) * 3600 + int(minutes) * 60 + float(seconds or 0)
    elif seconds3 is not None:
        value = int(seconds3) + int(hundredths3) / 100
    else:
        value = int(minutes2) * 60 + float(seconds2) + (int(hundredths) / 100 if hundredths else 0.0)
    return Quantity(value, "秒", False, m.group(0), m.start(), m.end())


def _per(text: str, q: Quantity) -> Quantity:
    """``q`` with what it is per when a slash follows its unit (220万桶/日); as it is otherwise."""
    m = _PER.match(text, q.end) if q.unit else None
    return replace(q, text=text[q.start:m.end()], end=m.end()) if m else q


def _points(text: str, q: Quantity) -> Quantity:
    """``q`` with 分 as its unit when a bare Arabic number is followed by it (358.20分): points."""
    if q.unit or not _POINTS.match(text, q.end) or not q.text[-1:].isdigit() or _CLOCK.search(text, 0, q.start):
        return q
    return replace(q, unit="分", text=q.text + "分", end=q.end + 1)


def _score(m: re.Match[str]) -> Quantity:
    a, b = (int(g) for g in m.groups() if g is not None)
    return Quantity(a * 1000 + b, "比分", False, m.group(0), m.start(), m.end())


def _in_code(text: str, q: Quantity) -> bool:
    """A number with a Latin letter right before it (G2963, K60) or, unitless, right after it (5G, 4K), or a
    stock code (600874)."""
    if any(m.start() < q.start and q.end <= m.end() for m in _TICKER.finditer(text)):
        return True
    before = text[q.start - 1: q.start] if q.start else ""
    after = text[q.end: q.end + 1]
    return bool(_LATIN.fullmatch(before) or (not q.unit and _LATIN.fullmatch(after)))
