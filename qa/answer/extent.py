"""An answer's whole extent, once it is chosen: all of a list of names, both ends of a range, a
thing with the head noun the question names.

The reader and the rules each read one item: 张昊 of 主演张丹、张昊, 1兆倍 of 100万到1兆倍,
10月30日 of 10月30日至11月2日. The answer a user needs is the whole of what the sentence says.
"""

from __future__ import annotations

from dataclasses import replace

from qa.answer import names
from qa.answer.edges import (
    asks_several,
    date_range_end,
    enumerated,
    figure_range,
    headed,
    listed_item,
)
from qa.answer.extractors import Candidate
from qa.answer.question import Question


def whole(q: Question, best: Candidate) -> Candidate:
    """``best`` over the whole of what its sentence says in answer to ``q``."""
    text, start, end = best.sentence.text, best.start, best.end
    if q.kind == "person":  # one of several listed: all of them (主演张丹、张昊)
        start, end = names.whole_list(text, start, end, q.text)
    elif q.kind == "number":  # 100万到1兆倍: the whole range, whichever end was read
        start, end = figure_range(text, start, end)
    elif q.kind == "date":  # 访华时间: 10月30日至11月2日, the whole stay
        end = date_range_end(text, end)
    elif q.kind == "entity" and q.lang == "zh":  # 什么考核体系: 州直部门目标考核体系, with its head
        end = headed(q.text, text, start, end)
        start, end = listed_item(q.text, text, start, end)  # 除了A、B，还有哪一种
    if q.kind in ("entity", "other") and q.lang == "zh" and asks_several(q.text):  # 哪些: the whole list
        start, end = enumerated(text, start, end)
    if (start, end) == (best.start, best.end):
        return best
    return replace(best, answer=text[start:end], start=start, end=end)


__all__ = ["whole"]
