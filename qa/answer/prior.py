"""A figure a report gives for an earlier year beside the year's own: 受理审查起诉1263人，同比增长7.5%（2023年为1175人）,
全年提供老年助餐服务18.6万人次，较2023年的12.4万人次增长50.0%. Asked the earlier year (东湖区检察院2023年受理审查起诉多少人),
the figure the sentence ties to that year answers, not the sentence's own."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.extractors import Candidate
from qa.answer.question import Question

# the year right before a figure, in its own stretch: （2023年为|较2023年的|比2022年同期的
_TIED = re.compile(r"(?:较|比|与)?((?:19|20)\d\d)年(?:同期|全年|末|底)?(?:为|的|是|共)?$")
_STRETCH = re.compile(r"[，,；;。（(：:]")


def tied_year(c: Candidate) -> int | None:
    """The year the sentence names right before ``c`` (2023年为1175人: 2023), else None."""
    m = _TIED.search(_STRETCH.split(c.sentence.text[: c.start])[-1])
    return int(m.group(1)) if m else None


def asked_year_first(q: Question, ranked: list[Candidate]) -> list[Candidate]:
    """``ranked`` with the figure of the best one's sentence that is tied to the year asked, in the best one's
    measure, put first when the best one is tied to no year (the sentence's own figure is the report's year's)."""
    if q.kind != "number" or not q.years or len(ranked) < 2 or tied_year(best := ranked[0]) is not None:
        return ranked
    for c in ranked[1:]:
        if c.sentence is best.sentence and c.unit == best.unit and tied_year(c) in q.years:
            return [replace(c, score=max(c.score, best.score)), *(x for x in ranked if x is not c)]
    return ranked


__all__ = ["asked_year_first", "tied_year"]
