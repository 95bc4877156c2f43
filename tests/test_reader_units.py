"""Fast checks of the reader's pieces that need no trained weights."""

from __future__ import annotations

import pytest
import torch

from qa.reader.data import Example, Question, negative, positive, sentences, to_simplified
from qa.reader.decode import best_spans, trim_edges
from qa.reader.windows import sentence_windows

TEXT = "第一句话在这里。第二句讲到1949年的事！第三句很长很长很长很长很长很长。最后一句没有句号"


def test_sentences_cover_the_text():
    spans = sentences(TEXT)
    assert "".join(TEXT[a:b] for a, b in spans) == TEXT
    assert TEXT[spans[1][0] : spans[1][1]] == "第二句讲到1949年的事！"


def test_sentence_windows_cover_every_char_and_respect_the_limit():
    text = TEXT * 6
    windows = sentence_windows(text, max_chars=40)
    covered = set()
    for w in windows:
        assert text[w.offset : w.offset + len(w.text)] == w.text
        assert len(w.text) <= 40
        covered.update(range(w.offset, w.offset + len(w.text)))
    assert covered == set(range(len(text)))


def test_best_spans_picks_the_highest_pair_and_reports_null():
    start = torch.tensor([[0.0, 1.0, 5.0, 0.0, 0.0]])
    end = torch.tensor([[0.5, 0.0, 0.0, 4.0, 9.0]])
    candidate = torch.tensor([[True, True, True, True, False]])
    (dec,) = best_spans(start, end, candidate, max_tokens=3)
    assert (dec.first, dec.last) == (2, 3) and dec.span_logit == 9.0 and dec.null_logit == 0.5


def test_trim_edges_keeps_at_least_one_char():
    assert trim_edges("，1949年。", 0, 7) == (1, 6)
    assert trim_edges("。", 0, 1) == (0, 1)


def test_windows_hold_their_answer_and_negatives_do_not():
    import random

    q = Question("q1", "a", 0, "哪一年？", TEXT, ((TEXT.index("1949"), "1949年"),))
    rng = random.Random(0)
    for _ in range(20):
        ex = positive(q, rng.randint(10, 60), rng)
        assert ex.window[ex.start : ex.end] == "1949年"
        neg = negative(q, ["另一段没有答案的文字。还有一句。"], 30, rng)
        assert neg is None or ("1949年" not in neg.window and neg.start == -1)


def test_to_simplified_keeps_length():
    pytest.importorskip("opencc")
    text = "臺灣的資訊與發展"
    assert len(to_simplified(text)) == len(text) and to_simplified(text).startswith("台湾")


def test_labels_cover_answers_that_split_a_token():
    from qa.reader.features import encode_pair
    from qa.reader.tokenizer import get_tokenizer

    window = "国民经济和社会发展统计公报显示增长"
    ex = Example("x", "什么？", window, window.index("发展"), window.index("发展") + 1, ("发",))
    feats = encode_pair(get_tokenizer(), ex.question, ex.window, max_len=64, max_question=16)
    first, last = feats.label(ex.start, ex.end)
    assert feats.starts[first] <= ex.start and feats.ends[last] >= ex.end
    assert feats.candidate[first] and feats.candidate[last] and not feats.candidate[1]


def test_registry_lists_names_on_unknown():
    from qa.errors import UnknownBackendError
    from qa.reader.base import get_reader, reader_names

    assert reader_names() == ["none", "trained", "trained-fp32"]
    assert get_reader("none").read("问题", ["窗口"]) == []
    with pytest.raises(UnknownBackendError) as err:
        get_reader("nope")
    assert "trained" in str(err.value)
