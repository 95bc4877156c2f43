"""Passages cut into sentences and clause segments: the units answers are drawn from.

Offsets are kept in document coordinates (``passage.start + local offset``) so a
citation can point at the exact supporting span of the cleaned document. Sentences are
read in simplified characters (:func:`qa.text.script.simplify_chars`, which keeps every
offset), so a traditional document answers like a simplified one; ``written`` keeps the
sentence as the document has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.lexicon import Lexicon
from qa.models import Passage
from qa.text import periods
from qa.text.chunk import sentence_spans
from qa.text.normalize import normalize_for_match
from qa.text.script import simplify_chars

_SEGMENT = re.compile(r"[^，,；;。！？!?、：:]+[，,；;。！？!?、：:]*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:年|—|-|–|(?=全年|财年|赛季|届|学年))")  # 2024届毕业生, 2025学年度
_ORDINAL = re.compile(r"(首|第\d+)(届|批|次|期)")


@dataclass(slots=True)
class Segment:
    """A clause: the text between commas, enumeration marks or sentence ends."""

    text: str
    norm: str
    start: int  # offset inside the sentence


@dataclass(slots=True)
class Sentence:
    """One sentence of a retrieved passage, with its clauses and what it says about time."""

    passage: Passage
    text: str  # in simplified characters (the same length as ``written``)
    norm: str
    start: int  # offset in the document
    end: int
    segments: list[Segment] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    ordinals: set[str] = field(default_factory=set)
    sessions: set[tuple[int, int]] = field(default_factory=set)  # (届, 次) of the sessions it names
    written: str = ""  # the sentence as the document writes it (traditional characters stay)

    def segment_at(self, local: int) -> int:
        """Index of the segment containing local offset ``local``."""
        for i, seg in enumerate(self.segments):
            if seg.start <= local < seg.start + len(seg.text):
                return i
        return len(self.segments) - 1


@dataclass(slots=True)
class PassageView:
    """A passage with its sentences and the normalised text of its context."""

    passage: Passage
    rank: int
    sentences: list[Sentence]
    context_norm: str  # organisation, headings and title
    norm: str  # the whole passage, normalised
    doc_years: set[int]  # the years its nearest heading naming one names, else its document title's


def _segments(text: str) -> list[Segment]:
    return [Segment(m.group(0), normalize_for_match(m.group(0)), m.start()) for m in _SEGMENT.finditer(text)]


def _years(norm: str, written_in: int | None) -> set[int]:
    """The years a sentence is about, 去年 read against the year its document was written in."""
    return years_named(periods.without_references(periods.dated(norm, written_in)))


def years_named(norm: str) -> set[int]:
    """The calendar years ``norm`` names; a fiscal year N (2024财年) takes in N-1 too: most end in the
    spring or summer of N (阿里巴巴's quarter to 2023年6月30日 is of its 2024财年)."""
    found = set()
    for m in _YEAR.finditer(norm):
        year = int(m.group(1))
        found |= {year - 1, year} if norm.startswith("财年", m.end()) else {year}
    for m in _SPAN.finditer(norm):  # 2022-23赛季, 2019—2021年: each year of the span
        first, last = int(m.group(1)), m.group(2)
        last = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        if 0 < last - first <= 10:
            found |= set(range(first, last + 1))
    return found


_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)年?\s*[-—–~/至到]\s*((?:19|20)\d\d|\d\d)(?!\d)")


def split_passage(p: Passage, rank: int, lexicon: Lexicon) -> PassageView:
    """Sentences of ``p`` in document coordinates (the lexicon says how sessions are written)."""
    dated = years_named(normalize_for_match(p.title))
    written_in = next(iter(dated)) if len(dated) == 1 else None  # 去年 in a dated story
    # what the passage is about: its nearest heading's year (二、2025年工作安排 under a 2024 report), else its
    # title's, not the day the report was delivered (——2025年1月8日在…会议上)
    doc_years = next((found for h in reversed(p.headings) if (found := years_named(normalize_for_match(h)))),
                     years_named(periods.undelivered(normalize_for_match(p.title))))
    sentences = []
    plain = simplify_chars(p.text)
    for s, e in sentence_spans(plain, 0, len(plain)):
        text = plain[s:e].strip()
        if not text:
            continue
        s += plain[s:e].index(text)
        norm = normalize_for_match(text)
        sentences.append(Sentence(
            passage=p, text=text, norm=norm, start=p.start + s, end=p.start + s + len(text),
            segments=_segments(text), years=_years(norm, written_in),
            ordinals={m.group(0).replace("首", "第1") for m in _ORDINAL.finditer(norm)},
            sessions=lexicon.sessions_in(norm), written=p.text[s:s + len(text)],
        ))
    context = " ".join([p.org or "", *p.headings, p.title])
    return PassageView(p, rank, sentences, normalize_for_match(context), normalize_for_match(p.text), doc_years)
