"""Overview questions (总结一下城北区政协2023年的主要工作 / What did the Zhangye CPPCC do?), without an LLM.

The answer is extractive: the organisation's report (its document, or its part of a document
that covers several organisations), section by section in document order, each section with
its one most informative sentence, each sentence cited. A report without at least
:data:`MIN_SECTIONS` headed sections is summarised paragraph by paragraph instead.

"Most informative" is generic, with no list of words: a sentence that states figures
(52次, 190件; a year is not a figure) and rare words (concrete names and actions, by the
index's document frequencies) beats a slogan; very short sentences (an inline sub-heading)
and sentences too long to cite whole are marked down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qa.answer.draft import Composer, Draft, Retrieve, Support, citation_of, citations
from qa.answer.evidence import Sentence, split_passage
from qa.lexicon import Lexicon
from qa.models import Chunk, Passage
from qa.text.glossary import romanise
from qa.text.normalize import extract_quantities, normalize_for_match
from qa.text.structure import org_key

if TYPE_CHECKING:
    from qa.answer.question import Question

MIN_SECTIONS = 3  # fewer headed sections than this: paragraphs are the units
MAX_ITEMS = 8  # an overview names at most this many sections (the most informative, in document order)
_CITE_WHOLE = 160  # the pipeline cites a longer sentence by the clauses around the cited point

@dataclass(slots=True)
class Item:
    """One line of an overview: its section heading (None for a paragraph) and cited sentence."""

    heading: str | None
    support: Support
    score: float


def compose(composer: Composer, q: Question, passages: list[Passage], retrieve: Retrieve | None) -> Draft:
    """The overview of the organisation ``q`` names (an abstention when it is not in the documents)."""
    index = composer.index
    org = q.orgs[0] if q.orgs else (index.manifest.orgs[0] if len(index.manifest.orgs) == 1 else None)
    if org is None:
        lacking = composer.missing(q, passages[:1]) if passages else []
        draft = composer.abstain(q, None, lacking)
        if not lacking:
            draft.notes.append("an overview needs an organisation the documents are about: name one of "
                               + "、".join(index.manifest.orgs))
        return draft
    nearby = retrieve(f"{org} {q.text}") if retrieve is not None else passages  # honours a document filter
    chunks = _report(index, org, q, {p.doc_id for p in [*passages, *nearby] if p.org == org})
    items = _items(chunks, _Scorer(index), index.lexicon) if chunks else []
    lacking = composer.missing(q, [i.support.sentence.passage for i in items]) if items else []
    if not items or lacking:
        return composer.abstain(q, None, lacking)
    return _draft(q, org, _source(chunks, org), items)


def _report(index, org: str, q: Question, seen_docs: set[str]) -> list[Chunk]:
    """The body chunks of the organisation's report, in document order: among its documents the
    retrieval found, the one naming the asked year, else the one with most of its chunks."""
    by_doc: dict[str, list[Chunk]] = {}
    # only the chunks of documents the retrieval found: a large index has many reports per organisation
    for row in np.intersect1d(index.rows_for_orgs([org]), index.rows_for_docs(sorted(seen_docs))):
        c = index.chunk(int(row))
        if c.kind == "body":
            by_doc.setdefault(c.doc_id, []).append(c)
    docs = [d for d in by_doc if d in seen_docs]
    if not docs:
        return []

    def rank(doc_id: str) -> tuple[bool, int]:
        text = " ".join(c.text for c in by_doc[doc_id][:50]) + by_doc[doc_id][0].title
        return all(str(y) in text for y in q.years), len(by_doc[doc_id])

    return sorted(by_doc[max(docs, key=rank)], key=lambda c: c.start)


def _source(chunks: list[Chunk], org: str) -> str:
    """What the overview quotes: the organisation's own part of a document that covers several
    (the headings all its chunks share, 庆阳市政协's 亮点工作综述 in a document titled for 张掖), else the title."""
    shared = chunks[0].headings[: _common_prefix([c.headings for c in chunks])]
    own = [h for h in shared if h not in (org, org.removesuffix("政协"), org_key(org))]
    return " ".join(own) if own else chunks[0].title


def _units(chunks: list[Chunk]) -> list[tuple[str | None, list[Chunk]]]:
    """Top-level sections below the headings every chunk shares; paragraphs when there are too few."""
    shared = _common_prefix([c.headings for c in chunks])
    sections: dict[str, list[Chunk]] = {}
    for c in chunks:
        if len(c.headings) > shared:
            sections.setdefault(c.headings[shared], []).append(c)
    if len(sections) >= MIN_SECTIONS:
        return list(sections.items())
    return [(None, [c]) for c in chunks]


def _common_prefix(headings: list[tuple[str, ...]]) -> int:
    n = min((len(h) for h in headings), default=0)
    for i in range(n):
        if len({h[i] for h in headings}) > 1:
            return i
    return n


def _items(chunks: list[Chunk], scorer: _Scorer, lexicon: Lexicon) -> list[Item]:
    """Each unit's best sentence; at most MAX_ITEMS of them, the best, in document order."""
    items = []
    for heading, cs in _units(chunks):
        sents = [s for c in cs for s in split_passage(Passage.from_chunk(c, 1.0), 1, lexicon).sentences]
        plain = [scorer.plain(s, heading) for s in sents]
        if not plain:
            continue
        # word rarity adds at most 1: only sentences within 1 of the best plain score can win (and get tokenized)
        top = max(p[0] for p in plain)
        scored = [(p[0] + scorer.rarity(s), p, s) for s, p in zip(sents, plain, strict=True) if p[0] >= top - 1.0]
        value, (_, start, end), best = max(scored, key=lambda t: (t[0], -t[2].start))
        items.append(Item(heading, Support(best, start, end), value))
    kept = sorted(items, key=lambda i: -i.score)[:MAX_ITEMS]
    return [i for i in items if i in kept]


class _Scorer:
    """How informative a sentence is: :meth:`plain` (its figures, its length, and the span to cite:
    the first figure's in a long sentence) plus :meth:`rarity` (its words' mean rarity, 0-1)."""

    def __init__(self, index) -> None:
        self.index = index
        self.n = len(index)
        self.top = math.log(1 + self.n)

    def plain(self, s: Sentence, heading: str | None) -> tuple[float, int, int]:
        if heading and normalize_for_match(heading).strip("。.") == s.norm.strip("。."):
            return -9.0, 0, len(s.text)
        figures = [f for f in extract_quantities(s.text) if f.unit and not (f.unit == "年" and 1900 <= f.value <= 2100)]
        counted = sum(_weight(f.text, f.value) for f in {f.text: f for f in figures}.values())
        value = min(counted, 3.0) - (1.0 if len(s.text) < 20 else 0.0)
        if len(s.text) <= _CITE_WHOLE:
            return value, 0, len(s.text)
        first = figures[0] if figures else None
        return value - 0.5, (first.start if first else 0), (first.end if first else len(s.text))

    def rarity(self, s: Sentence) -> float:
        words = [w for w in self.index.tokenizer.words(s.text) if len(w) >= 2]
        idf = (math.log(1 + self.n / (1 + self.index.lexical.doc_freq(w))) for w in words)
        return sum(idf) / (self.top * len(words) or 1)


def _weight(text: str, value: float) -> float:
    """A figure written in digits is a result (52次); one in words counts less, and not at all
    when it is one or a round 千/万 (一次次调研, 千条心、万条心: a figure of speech)."""
    if any(ch.isdigit() for ch in text):
        return 1.0
    return 0.0 if value <= 1 or (math.log10(value).is_integer() and value >= 100) else 0.5


def _draft(q: Question, org: str, title: str, items: list[Item]) -> Draft:
    """The overview text: a frame in the question's language around the cited sentences, numbered."""
    cited = citations([i.support for i in items])
    lines = []
    for k, item in enumerate(items, 1):
        c = citation_of(item.support, cited)
        quote = c.text if c else item.support.sentence.written
        marker = f"[{c.n}]" if c else ""
        heading = item.heading.rstrip("。.:：") if item.heading else None
        if q.lang == "en":
            lines.append(f"{k}. {heading}: “{quote}” {marker}" if heading else f"{k}. “{quote}” {marker}")
        else:
            lines.append(f"{k}. {heading}：{quote}{marker}" if heading else f"{k}. {quote}{marker}")
    n_sections = len({i.heading for i in items if i.heading})
    if q.lang == "en":
        unit = "section by section" if n_sections else "paragraph by paragraph"
        head = (f"An overview of the work of {org} ({romanise(org_key(org)).capitalize()}), quoted from “{title}”, "
                f"{unit} in document order:")
    else:
        head = f"{org}的主要工作（摘自《{title}》，按原文{'各部分' if n_sections else '段落'}顺序）："
    evidence = [Passage(c.chunk_id, c.doc_id, c.title, list(i.support.sentence.passage.headings), c.org,
                        "body", c.text, c.start, c.end, 1.0, k)
                for k, (i, c) in enumerate(((i, citation_of(i.support, cited)) for i in items), 1) if c]
    notes = [f"extractive overview: {len(items)} {'sections' if n_sections else 'paragraphs'} of {title}"]
    return Draft("\n".join([head, *lines]), False, [i.support for i in items], 1.0, "overview", notes,
                 evidence=evidence)
