"""How often something is done: 互讲互学多久搞一次？ -> 每周1次.

A frequency question asks for a period and a count that the document writes apart, with the
activity between or after them (每周组织开展1次互讲互学活动, 每两月举办1次政协理论大讲堂). Of
the period-and-count pairs in the retrieved sentences, the answer is the one whose clause says most
of what the question names; it is given as period and count (每周1次) and cited as written.
"""

from __future__ import annotations

import re

from qa.answer.evidence import PassageView
from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.answer.scoring import rank_bonus
from qa.text.normalize import normalize_for_match
from qa.text.numbers import cn_to_number

# 多久搞一次, 隔多长时间办一回, 几个月开一次会, how often
_ASKS = re.compile(r"(?:多久|多长时间|多少天|几天|几周|几个月|多少个月)[^，,。？?]{0,10}?(?:一|1)(?:次|回|期|场|趟)|"
                   r"频次|频率|\bhow (?:often|frequently)\b", re.IGNORECASE)
_PERIOD = r"每(?:隔)?(?:[一二两三四五六七八九十半\d]{1,2}个?)?(?:天|日|周|星期|旬|月|季度|季|年|学期)"
_COUNT = r"(?:\d+|[一两二三四五六七八九十])(?:次|回|期|场|趟)"
_EVERY = re.compile(_PERIOD)
# the period, then its count within the same clause (每周由两个专委会组织相应界别委员开展1次)
_PAIR = re.compile(rf"({_PERIOD})[^，,。；;：:！？!?]{{0,24}}?({_COUNT})")
# a meeting named by how often it meets: 双月协商会, 半年议政会, 季度例会
_NAMED = re.compile(r"(?:双月|单月|半年|年度|季度|月度)[\u4e00-\u9fff]{0,4}?(?:会议|例会|会)")
_CLAUSE_END = re.compile(r"[，,。；;！？!?]")
_ASK_CHARS = "多久长时间一次回频率按什么"
#: below this share of the question's words in its clause a pair answers something else
SAID_ENOUGH = 0.5


def asks_frequency(text: str) -> bool:
    """Whether the question asks how often something is done."""
    return _ASKS.search(text) is not None


def candidates(q: Question, views: list[PassageView]) -> list[Candidate]:
    """Period-and-count pairs (每两月举办1次) and meetings named by their period (双月协商会), best
    first: scored by the share of the question's term characters in the pair's clause (what is done
    that often) and in its sentence, then by what the pair itself names, then by the passage's rank."""
    wanted = set("".join(normalize_for_match(t) for t in q.terms)) - set(_ASK_CHARS)
    out = []
    for view in views:
        here = set(view.context_norm)
        for sent in view.sentences:
            found = [(m, m.group(1) + m.group(2)) for m in _PAIR.finditer(sent.text)]
            paired = {m.start() for m, _ in found}
            # a period with no count after it: 每季度对委员履职情况进行通报 -> 每季度
            found += [(m, m.group(0)) for m in _EVERY.finditer(sent.text) if m.start() not in paired]
            found += [(m, m.group(0)) for m in _NAMED.finditer(sent.text)]
            for m, answer in found:
                lo = max((e.end() for e in _CLAUSE_END.finditer(sent.text, 0, m.start())), default=0)
                end = _CLAUSE_END.search(sent.text, m.end())
                clause = sent.text[lo: end.start() if end else len(sent.text)]
                own = clause[m.start() - lo:]  # 每两月举办1次政协理论大讲堂 / 双月协商会: what is done that often
                own = m.group(0) if m.re is _NAMED else own
                said = _share(wanted, clause, 0.6) + _share(wanted, sent.norm, 0.4, here)
                score = 0.8 * said + 0.1 * _share(wanted, own, 1.0) + 0.1 * rank_bonus(view.rank)
                out.append(Candidate(answer, sent, m.start(), m.end(), score, said, 1.0))
    return sorted(out, key=lambda c: (-c.score, c.sentence.start))


def _share(wanted: set[str], text: str, weight: float, extra: set[str] = frozenset()) -> float:
    return weight * len(wanted & (set(normalize_for_match(text)) | extra)) / len(wanted) if wanted else 0.0


_EN_PERIOD = {"天": "day", "日": "day", "周": "week", "星期": "week", "旬": "ten days", "月": "month", "季度": "quarter",
              "季": "quarter", "年": "year", "学期": "term"}
_PARTS = re.compile(r"每隔?([一二两三四五六七八九十半\d]{0,2})个?(天|日|周|星期|旬|月|季度|季|年|学期)(\d+|[一两二三四五六七八九十])")


def in_english(answer: str) -> str:
    """每两月1次 -> "Once every 2 months (每两月1次)": English around the answer as written."""
    m = _PARTS.match(answer)
    if m is None:
        alone = re.fullmatch(r"每(天|日|周|星期|月|季度|季|年)", answer)
        return f"Every {_EN_PERIOD[alone.group(1)]} ({answer})" if alone else answer
    every, unit, count = m.groups()
    n = int(cn_to_number(count) or 1)
    times = {1: "Once", 2: "Twice"}.get(n, f"{n} times")
    k = cn_to_number(every) if every and every != "半" else 1
    period = (f"every half {_EN_PERIOD[unit]}" if every == "半" else
              f"every {k:g} {_EN_PERIOD[unit]}s" if k and k != 1 else f"a {_EN_PERIOD[unit]}")
    return f"{times} {period} ({answer})"
