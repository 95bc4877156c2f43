"""What the rules would never propose for a question, so neither may the reader (:func:`unwanted`): a figure in
another measure or rate, a coarser date, another rank, a role for a name, a figure not asked, a span starting in a
heading set out letter by letter, a date read as a count, someone else's figure, a surname alone, and for an English
question a span inside a work's title."""

from __future__ import annotations

import re

from qa.answer.extractors import Candidate
from qa.answer.namefit import other_rank, role_before_name
from qa.answer.names import inside_title
from qa.answer.others import of_another
from qa.answer.question import Question
from qa.answer.siblings import not_asked
from qa.answer.spanfit import coarser_date, other_measure, other_rate
from qa.answer.units import calendar_not_count
from qa.text.figures import figures


def unwanted(q: Question, c: Candidate) -> bool:
    """What the rules would never propose for ``q`` (see :func:`qa.answer.reading.pool`)."""
    return (other_measure(q, c) or coarser_date(q, c) or other_rate(q, c) or other_rank(q, c)
            or role_before_name(q, c) or not_asked(q, c) or _spaced(c) or _date_as_count(q, c) or of_another(q, c)
            or (q.kind == "person" and (len(c.answer) == 1 or _titled_en(q, c))))  # 杨 of 杨志军: a surname names no one


def _titled_en(q: Question, c: Candidate) -> bool:
    """For an English question, a span inside a work's title (全宇宙 of 《瞬息全宇宙》): no person. Not for a Chinese
    one: refusing it there cost RGB-zh an answer."""
    return q.lang == "en" and inside_title(c.sentence.text, c.start, c.end)


def _date_as_count(q: Question, c: Candidate) -> bool:
    """For "how many", a span whose only figures are years or days of the month (2023年世界游泳锦标赛, 21日):
    the rules never count in them (:func:`qa.answer.extractors.numbers`), nor should the reader."""
    if q.kind != "number" or q.unit == "年":
        return False
    found = figures(c.answer)
    return bool(found) and all(calendar_not_count(f.unit, f.value, q.text, q.unit) for f in found)


# a heading set out letter by letter (贺 信, 目 录) that the text after it was joined to: layout, not an answer.
# Only at a sentence's start and glued to what follows: a byline's spaced name stands apart (本报记者 罗 鸣)
_SPACED = re.compile(r"\s*[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff])+(?=[\u4e00-\u9fff])")


def _spaced(c: Candidate) -> bool:
    """The answer starts in such a heading (``贺 信中国…``: 贺, 贺 信中国中学生体育代表团)."""
    m = _SPACED.match(c.sentence.text)
    return m is not None and c.start < m.end()
