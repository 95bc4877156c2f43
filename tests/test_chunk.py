"""Chunk sizes, sentence-end splitting and stable ids."""

from __future__ import annotations

from qa.corpus import build_document, read_source
from qa.text.chunk import ChunkParams, chunk_id
from tests.conftest import CORPUS

ALL = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def test_long_paragraphs_split_at_sentence_ends():
    params = ChunkParams(200)
    for path in ALL:
        _, chunks = build_document(read_source(path), params)
        for c in chunks:
            assert len(c.text) <= params.max_size or c.kind != "body"
            # a split body chunk ends at a sentence or clause end, never mid-word
            if c.kind == "body" and len(c.text) > 60:
                assert c.text[-1] in "。！？；;!?…”’」』）)，,、：:" or c.end == len(_.text), c.text[-20:]


def test_chunk_size_is_configurable():
    sizes = {}
    for size in (120, 400):
        _, chunks = build_document(read_source(CORPUS / "dawukou-2023.txt"), ChunkParams(size))
        sizes[size] = len(chunks)
    assert sizes[120] > sizes[400]


def test_ids_are_stable_and_content_based():
    a = build_document(read_source(CORPUS / "chengbei-2023.txt"), ChunkParams())[1]
    b = build_document(read_source(CORPUS / "chengbei-2023.txt"), ChunkParams())[1]
    assert [c.id for c in a] == [c.id for c in b]
    assert len({c.id for c in a}) == len(a)
    assert chunk_id("d", "ctx", "text") != chunk_id("d", "ctx", "text2")
