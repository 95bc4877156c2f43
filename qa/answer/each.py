"""The same question asked of each of several things the question names side by side: organisations
(张掖市政协和庆阳市政协的主席), years (2022年和2023年超级碗冠军是谁), days or months (8月3日和8月10日分别收于多少点),
editions and quarters (第94届和第95届奥斯卡最佳影片分别是什么).
Used by :func:`qa.answer.intent.split`."""

from __future__ import annotations

import re
from itertools import pairwise

from qa.answer.coordinated import EACH, EACH_TAIL, END
from qa.text.structure import org_key

# two years side by side (2022年和2023年, EMNLP2022和2023); a total over them (共, 合计) is one question
YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)(年?)(?:和|与|及|、|以及)((?:19|20)\d\d)(年?)(?!\d)")
TOTAL = re.compile(r"共|合计|累计|总和|加起来|两年|之间")


def per_year(text: str, m: re.Match[str]) -> list[str]:
    """深圳大学2022年和2023年分别录取了多少名本科生 -> one question per year, each with all the rest."""
    suffix = m.group(2) or m.group(4)  # 2022和2023年: both years in 年
    rest = EACH.sub("", text[m.end():]).strip(END)
    return [f"{text[: m.start()]}{year}{suffix}{rest}" for year in (m.group(1), m.group(3))]


# two days or months side by side (7月26日和8月4日, 7月和8月): the same question of each
DATES = re.compile(r"(?<![\d月])(\d{1,2}月(?:\d{1,2}[日号])?)(?:和|与|及|、)(\d{1,2}月(?:\d{1,2}[日号])?)(?![\d月])")


def per_date(text: str, m: re.Match[str]) -> list[str]:
    """英国富时100指数8月3日和8月10日分别收于多少点 -> one question per day, each with all the rest."""
    rest = EACH_TAIL.sub("", text[m.end():], count=1).strip(END)
    return [f"{text[: m.start()]}{day}{rest}" for day in (m.group(1), m.group(2))]


# two editions, quarters or rounds side by side (第94届和第95届, 一季度和二季度): the same question of each
PERIODS = re.compile(r"(?<![\d一二三四五六七八九十])(第?[\d一二三四五六七八九十百]{1,4})(届|季度|期|轮)?(?:和|与|及|、)"
                     r"(第?[\d一二三四五六七八九十百]{1,4})(届|季度|期|轮)")


def per_period(text: str, m: re.Match[str]) -> list[str]:
    """腾讯2023年一季度和二季度营收分别是多少 -> one question per quarter, each with all the rest."""
    if m.group(2) and m.group(2) != m.group(4):
        return [text]
    rest = EACH_TAIL.sub("", text[m.end():], count=1).strip(END)
    return [f"{text[: m.start()]}{n}{m.group(4)}{rest}" for n in (m.group(1), m.group(3))]


_ORG_JOIN = re.compile(r"^(?:和|与|及|以及|、|跟)$")


def joined_orgs(text: str, orgs: list[str]) -> bool:
    """Whether the question names its organisations side by side (A和B, A、B): unless it compares them,
    the same question is then asked of each."""
    spans = sorted(_org_span(text, o) for o in orgs)
    if any(lo < 0 for lo, _ in spans):
        return False
    return all(_ORG_JOIN.match(text[a[1]:b[0]]) for a, b in pairwise(spans))


def _org_span(text: str, org: str) -> tuple[int, int]:
    """Where ``org`` (or its short forms) first stands in ``text``; (-1, -1) if nowhere."""
    for k in (org, org.removesuffix("政协"), org_key(org)):
        if k and (i := text.find(k)) >= 0:
            return i, i + len(k)
    return -1, -1


def per_org(text: str, orgs: list[str]) -> list[str]:
    """城北区政协和大武口区政协分别收到了多少件提案 -> one question per organisation."""
    spans = [_org_span(text, o) for o in orgs]
    if any(lo < 0 for lo, _ in spans):
        return [text]
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    rest = EACH.sub("", text[:lo] + "\0" + text[hi:])
    return [rest.replace("\0", o).strip(END) for o in orgs]
