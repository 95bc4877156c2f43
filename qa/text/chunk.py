"""Paragraph chunking: a chunk never crosses a section, long paragraphs split at sentence ends.

Short paragraphs of one section are packed together up to the target size; a paragraph
longer than the target is cut between sentences (。！？；), and a single over-long
sentence between clauses (，、). Captions and bylines are chunks of their own. Every
chunk is a contiguous span of the cleaned text, and its id is a hash of its content
and context, so it is stable across re-indexing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass

from qa.models import Chunk
from qa.text.clean import Block, CleanDoc
from qa.text.structure import Section

#: bump when chunk boundaries change for the same input and parameters.
CHUNKER_VERSION = 1

# a sentence ends at its punctuation, or where its paragraph does (a field of a form: 责任单位：区教育局)
_SENTENCE = re.compile(r"[^。！？!?；;…\n]*(?:[。！？!?；;]+|…+|\n+|$)[”’」』）)\"]*")
_CLAUSE = re.compile(r"[^，,、：:]*[，,、：:]*")


@dataclass(frozen=True, slots=True)
class ChunkParams:
    """Chunker parameters (recorded in the index manifest)."""

    size: int = 200  # target characters per chunk

    @property
    def max_size(self) -> int:
        """A chunk may exceed the target by half rather than leave a tiny remainder."""
        return self.size * 3 // 2


def chunk_id(doc_id: str, context: str, text: str) -> str:
    """Content hash: the same text in the same place keeps the same id."""
    digest = hashlib.sha1(f"{doc_id}\x1f{context}\x1f{text}".encode()).hexdigest()
    return digest[:16]


def chunk_document(
    doc: CleanDoc, secs: list[Section], doc_id: str, title: str, params: ChunkParams
) -> list[Chunk]:
    """Cut a cleaned document into chunks (headings are context, not chunks)."""
    spans: list[tuple[int, int, Section, str]] = []  # (start, end, section, kind)
    for block, sec in zip(doc.blocks, secs):
        if block.kind == "heading":
            continue
        if block.kind in ("caption", "meta"):
            spans.append((block.start, block.end, sec, block.kind))
            continue
        for start, end in _split_paragraph(doc.text, block, params):
            spans.append((start, end, sec, "body"))
    spans = _pack_short(spans, doc.text, params)
    chunks = [_make_chunk(doc.text, doc_id, title, s, e, sec, kind) for s, e, sec, kind in spans]
    return _unique_ids(chunks)


def _unique_ids(chunks: list[Chunk]) -> list[Chunk]:
    """A paragraph repeated verbatim in one section gets ``-2``, ``-3``... appended to its id."""
    seen: dict[str, int] = {}
    out = []
    for c in chunks:
        n = seen.get(c.id, 0) + 1
        seen[c.id] = n
        out.append(c if n == 1 else dataclasses.replace(c, id=f"{c.id}-{n}"))
    return out


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence boundaries inside ``text[start:end]`` as absolute offsets."""
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        if m.end() > m.start():
            out.append((m.start(), m.end()))
    return out


def _split_paragraph(text: str, block: Block, params: ChunkParams) -> list[tuple[int, int]]:
    if block.end - block.start <= params.max_size:
        return [(block.start, block.end)]
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, block.start, block.end):
        if e - s > params.max_size:
            pieces.extend(_clauses(text, s, e, params))
        else:
            pieces.append((s, e))
    return _greedy(pieces, params)


def _clauses(text: str, start: int, end: int, params: ChunkParams) -> list[tuple[int, int]]:
    """Cut an over-long sentence between clauses, and hard-cut clauses still too long."""
    out = []
    for m in _CLAUSE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while e - s > params.max_size:
            out.append((s, s + params.size))
            s += params.size
        if e > s:
            out.append((s, e))
    return out


def _greedy(pieces: list[tuple[int, int]], params: ChunkParams) -> list[tuple[int, int]]:
    """Pack consecutive pieces up to the target, then fold tiny groups into a neighbour."""
    groups: list[list[int]] = []
    for s, e in pieces:
        if groups and e - groups[-1][0] <= params.size:
            groups[-1][1] = e
        else:
            groups.append([s, e])
    small = params.size // 3
    i = 0
    while len(groups) > 1 and i < len(groups):
        s, e = groups[i]
        if e - s < small:
            nxt = i + 1 if i + 1 < len(groups) else None
            prv = i - 1 if i > 0 else None
            if nxt is not None and groups[nxt][1] - s <= params.max_size:
                groups[nxt][0] = s
                del groups[i]
                continue
            if prv is not None and e - groups[prv][0] <= params.max_size:
                groups[prv][1] = e
                del groups[i]
                continue
        i += 1
    return [(s, e) for s, e in groups]


def _pack_short(spans, text: str, params: ChunkParams):
    """Merge neighbouring short body paragraphs of the same section up to the target."""
    out: list[tuple[int, int, Section, str]] = []
    for s, e, sec, kind in spans:
        if out:
            ps, pe, psec, pkind = out[-1]
            if kind == pkind == "body" and psec == sec and e - ps <= params.size and text[pe:s].strip() == "":
                out[-1] = (ps, e, sec, kind)
                continue
        out.append((s, e, sec, kind))
    return out


def _make_chunk(text: str, doc_id: str, title: str, s: int, e: int, sec: Section, kind: str) -> Chunk:
    # trim whitespace so offsets point at visible text
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    body = text[s:e]
    proto = Chunk("", doc_id, title, sec.headings, sec.org, kind, body, s, e)  # type: ignore[arg-type]
    return Chunk(chunk_id(doc_id, proto.context(), body), doc_id, title, sec.headings, sec.org,
                 kind, body, s, e)  # type: ignore[arg-type]
