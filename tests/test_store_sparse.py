"""Our BM25 as sparse vectors (qa/index/stores/sparse.py): the inner product of a chunk's vector
and a query's vector is the score bm25s gives that chunk, so the milvus store ranks keywords as
the local store does."""

from __future__ import annotations

import numpy as np

from qa.index.lexical import LexicalIndex
from qa.index.stores.sparse import avg_length, doc_vector, query_vector, token_dim
from qa.text.tokenize import Tokenizer
from tests.conftest import CORPUS


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def test_sparse_inner_products_are_the_bm25s_scores():
    tok = Tokenizer(["大武口区政协", "大武口区"])
    text = (CORPUS / "dawukou-2023.txt").read_text("utf-8")
    chunks = [tok.tokens(p) for p in text.split("\n") if p.strip()][:60] + [[]]  # an empty chunk too
    lexical = LexicalIndex.build(chunks)
    avgdl = avg_length(chunks)
    docs = [doc_vector(t, avgdl) for t in chunks]
    for question in ("大武口区政协提交了多少件提案？", "委员 调研 协商 协商", "nothing here at all"):
        q = tok.tokens(question)
        expected = lexical.model.get_scores_from_ids(lexical.model.get_tokens_ids(q)) if lexical.model.get_tokens_ids(q) \
            else np.zeros(len(chunks))
        vec = query_vector(q, lexical.doc_freq, len(chunks))
        got = np.array([_dot(vec, d) for d in docs])
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
        if expected.any():
            assert int(np.argmax(got)) == int(np.argmax(expected))


def test_token_dimensions_are_stable_and_in_milvus_range():
    assert token_dim("政协") == token_dim("政协") and token_dim("政协") != token_dim("提案")
    assert all(0 <= token_dim(t) < 2**32 - 1 for t in ("", "a", "大武口区政协" * 20))
