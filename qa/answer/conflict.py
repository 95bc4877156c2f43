"""Sources that disagree on the asked figure: say so and show each, never pick one silently.

Three uploaded documents stuffed with the question's words and 999件 should not quietly
replace the report's 190件. When the best figure has rivals from other documents that are
nearly as well supported (same unit, another value, a score within :data:`MARGIN`), the
answer names every figure with its source and lists them in ``Answer.conflict``. An LLM
reply whose figure contradicts the extractive answer is handled in the pipeline the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from qa.answer.evidence import Sentence
from qa.answer.extractors import Candidate
from qa.text.figures import figures
from qa.text.normalize import normalize_for_match, numbers_in

#: a rival figure must score at least the threshold and within this much of the best one
MARGIN = 0.15
MAX_RIVALS = 2
_TITLE_CHARS = 24


@dataclass(slots=True)
class Claim:
    """A figure and where it comes from: a sentence of a passage, or an LLM reply (no sentence)."""

    answer: str
    sentence: Sentence | None = None
    start: int = 0  # the figure's span in the sentence
    end: int = 0
    source: str = "document"

    @classmethod
    def of(cls, c: Candidate, source: str = "document") -> Claim:
        return cls(c.answer, c.sentence, c.start, c.end, source)


def rivals(best: Candidate, ranked: list[Candidate], threshold: float) -> list[Candidate]:
    """Well-supported figures of other documents that contradict ``best`` (one per document)."""
    if best.value is None:
        return []
    floor = max(threshold, best.score - MARGIN)
    out: dict[str, Candidate] = {}
    for c in ranked:
        doc = c.sentence.passage.doc_id
        if (c.value is None or same_figure(c, best) or c.unit != best.unit or c.score < floor
                or doc == best.sentence.passage.doc_id):
            continue
        out.setdefault(doc, c)
    return list(out.values())[:MAX_RIVALS]


def same_figure(a: Candidate, b: Candidate) -> bool:
    """The same value, or the same as written to the coarser one's last digit (约181万辆 is 180.8万辆 rounded; 549亿元
    is 549.15亿元): a story that rounds does not disagree."""
    if a.value == b.value:
        return True
    if a.value is None or b.value is None or a.unit != b.unit:
        return False
    step = max(_last_digit(a.answer), _last_digit(b.answer))
    return step > 0 and abs(a.value - b.value) <= step / 2 + 1e-9 * abs(a.value)


_WRITTEN = re.compile(r"(\d+)(?:\.(\d+))?\s*(万亿|万|亿)?")
_PLACES = {"万": 1e4, "亿": 1e8, "万亿": 1e12}


def _last_digit(answer: str) -> float:
    """What the last digit of a figure as written counts (549.15亿元: 0.01亿; 181万辆: 1万); 0 for none, or for a
    figure written in several numbers (57秒82, 1小时2分)."""
    plain = answer.replace(",", "")
    m = _WRITTEN.search(plain)
    if m is None or len(re.findall(r"\d+(?:\.\d+)?", plain)) != 1:
        return 0.0
    return 10.0 ** -len(m.group(2) or "") * _PLACES.get(m.group(3) or "", 1.0)


def one_per_document(best: Candidate, rivals: list[Candidate]) -> list[Candidate]:
    """``rivals`` with one figure per document other than ``best``'s, the first found kept."""
    out: dict[str, Candidate] = {}
    for c in rivals:
        doc = c.sentence.passage.doc_id
        if doc != best.sentence.passage.doc_id and not same_figure(c, best):
            out.setdefault(doc, c)
    return list(out.values())[:MAX_RIVALS]


def agreeing(best: Candidate, rivals: list[Candidate]) -> list[Candidate]:
    """The ``rivals`` that disagree: not one whose passage states ``best``'s figure too while ``best``'s passage
    does not state the rival's (``best`` is said by both; the rival's passage says more, of another measure: 国产影片
    票房460.05亿元 beside 总票房549.15亿元). Where each passage states both figures, which is asked stays in doubt
    and both are shown (on RGB-zh, dropping those rivals took 3 wrong figures)."""
    mine = _figures_of(best)
    return [c for c in rivals if not ((best.value, best.unit) in _figures_of(c) and (c.value, c.unit) not in mine)]


def _figures_of(c: Candidate) -> set[tuple[float, str]]:
    return {(f.value, f.unit) for f in figures(c.sentence.passage.text)}


def same_subject(terms: list[str], doc_freq: Callable[[str], int], best: Candidate,
                 rivals: list[Candidate]) -> list[Candidate]:
    """The ``rivals`` about what ``best`` is about: the rarest of the question's ``terms`` that
    ``best``'s sentence or document (title, organisation, headings) names, each rival's names too.
    A figure about another thing is no disagreement: asked how many districts 诺丁汉郡 governs,
    森麻实郡's 5个 beside 7个 had said the documents disagree."""
    here = _about(best)
    held = [t for t in terms if t and t in here]
    if not held:
        return rivals
    subject = min(held, key=lambda t: (doc_freq(t), -len(t)))
    return [c for c in rivals if subject in _about(c)]


def _about(c: Candidate) -> str:
    p = c.sentence.passage
    return c.sentence.norm + " " + normalize_for_match(" ".join([p.title, p.org or "", *p.headings]))


def _source(c: Claim) -> str:
    title = c.sentence.passage.title or c.sentence.passage.doc_id
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + "…"


def disagreement(lang: str, claims: list[Claim]) -> str:
    """One answer naming every figure with its source: 文档说法不一：190件（…）；999件（…）."""
    if lang == "en":
        parts = [f"{c.answer} ({_source(c)})" if c.sentence else f"{c.answer} (the LLM)" for c in claims]
        return "The documents disagree: " + "; ".join(parts)
    parts = [f"{c.answer}（{_source(c)}）" if c.sentence else f"{c.answer}（LLM）" for c in claims]
    return "文档说法不一：" + "；".join(parts)


def contradicts(llm_answer: str, extractive_answer: str) -> bool:
    """The LLM's answer leaves out the extractive answer's figure (and gives another one)."""
    ours, theirs = numbers_in(extractive_answer), numbers_in(llm_answer)
    return bool(ours and theirs and not ours <= theirs)


#: how close a second figure of the same sentence may come before the rules count as undecided: over the
#: gold sets' 102 comparisons 0.05 answered 83 right, 0 and 0.1 82 each (0.1 took 市直's 11个 from the rules)
CLAUSE_TIE = 0.05


def undecided(ranked: list[Candidate]) -> bool:
    """The rules' two best candidates are figures of one sentence scored alike: they cannot tell
    which clause was asked (提交提案167件，立案143件 for a side asking 立案: both 0.71); the
    reader's reading of the clauses decides."""
    if len(ranked) < 2:
        return False
    a, b = ranked[0], ranked[1]
    same = (a.sentence.passage.chunk_id, a.sentence.start) == (b.sentence.passage.chunk_id, b.sentence.start)
    return same and a.score - b.score < CLAUSE_TIE
