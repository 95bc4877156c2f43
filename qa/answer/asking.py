"""What the reader is asked: a Chinese question as asked, in the windows' own words for an abbreviation; an
English one as the Chinese words the analysis found for it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.answer.question import Question
from qa.text.abbreviations import ABBREVIATION, SPELT_OUT
from qa.text.periods import english_dates

_RATE_VERB = {"增速": "增长", "增幅": "增长", "增长率": "增长", "增长速度": "增长", "涨幅": "上涨", "降幅": "下降",
              "跌幅": "下跌"}
_RATE_ASKED = re.compile(r"的?(" + "|".join(_RATE_VERB) + r")(?:是|为)?(?:多少|几)")
_ASK = {"number": "多少", "date": "什么时候", "person": "谁"}


def reader_question(q: Question, texts: Sequence[str] = ()) -> str:
    """What the reader is asked: a Chinese question as asked; an English one as the Chinese words
    the analysis found for it (organisation, years, names in capitals that ``texts`` write too, glossary terms)
    and an ask word (在哪里 for "where"). The reader
    learnt on Chinese questions only: over the 28 answerable English questions of english.jsonl its
    best span held the answer for 11 as asked, 16 with the Chinese words appended, 21 like this."""
    if q.lang != "en":  # as asked, an abbreviation written as the windows write it (MVP: 最有价值球员)
        asked = ABBREVIATION.sub(lambda m: _as_written(m.group(1), texts), q.text)
        # a rate asked as a noun, as news says it: GDP增速是多少 is read as GDP增长了多少 (the reader learnt on verbs)
        return _RATE_ASKED.sub(lambda m: _RATE_VERB[m.group(1)] + "了多少", asked)
    # names in capitals that the windows (``texts``) write so too stay as written (APEC, G20, NBA)
    acronyms = [w for w in _ACRONYM.findall(q.text)
                if not any(w in t for t in q.terms) and any(w in t.upper() for t in texts)]
    # the day asked as Chinese writes it (2023年8月7日): a figure of another day is another figure
    words = [*q.orgs, *(f"{y}年" for y in q.years), *english_dates(q.text), *acronyms, *q.terms]
    ask = "在哪里" if q.kind == "entity" and _WHERE.search(q.text) else _ASK.get(q.kind, "什么")
    if q.kind == "entity" and (which := _WHICH.search(q.text)):
        ask = _WHICH_ASK[which.group(1).lower()]  # which team: 哪支球队, as a Chinese question asks it
    # a measure word as it is; a sum of money asked as 多少钱 (Huawei's revenue: 华为收入多少钱); not "area" and the like
    unit = "钱" if q.unit == "worth" else q.unit if q.unit and re.fullmatch(r"[\u4e00-\u9fff%]+", q.unit) else ""
    return "".join(words) + ask + unit + "？"


def _as_written(abbreviation: str, texts: Sequence[str]) -> str:
    """``abbreviation`` as ``texts`` write it: itself, or the one spelt-out name of it they write instead."""
    if any(abbreviation in t for t in texts):
        return abbreviation
    written = [name for name in SPELT_OUT[abbreviation] if any(name in t for t in texts)]
    return written[0] if len(written) == 1 else abbreviation


_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]{1,7}(?![A-Za-z0-9])")
# which team, which company: the kind of thing asked, as a Chinese question asks for it
_WHICH_ASK = {"team": "哪支球队", "club": "哪个俱乐部", "company": "哪家公司", "firm": "哪家公司", "country": "哪个国家",
              "nation": "哪个国家", "city": "哪个城市", "province": "哪个省", "university": "哪所大学", "school": "哪所学校",
              "stock": "哪只股票", "film": "哪部电影", "movie": "哪部电影", "book": "哪本书", "novel": "哪部小说", "player": "哪位球员"}
_WHICH = re.compile(r"\bwhich\s+(" + "|".join(_WHICH_ASK) + r")\b", re.IGNORECASE)
_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)


__all__ = ["reader_question"]
