"""The training regularisers (qa.reader.regularise): dropout only while training, FGM's second pass,
distillation's soft targets, an ensemble's mean logits. A 2-layer reader with e5's shape and random
weights on the CPU; the real path (e5 weights, a real pack, real runs) is in test_reader_pack.py."""

from __future__ import annotations

import numpy as np
import torch

from qa.reader.features import Features
from qa.reader.model import EncoderConfig, SpanReader, set_dropout
from qa.reader.regularise import Ensemble, Regulariser, soft_loss, train_step

HIDDEN = 384


def _reader(seed: int) -> SpanReader:
    torch.manual_seed(seed)
    return SpanReader(EncoderConfig(layers=2))


def _batch(rng: np.random.Generator) -> list[tuple]:
    items = []
    for length in (9, 12, 7):
        cand = np.zeros(length, dtype=bool)
        cand[0], cand[4:length - 1] = True, True
        ids = rng.integers(5, 50, size=length)
        none = np.zeros(0, dtype=np.int64)
        items.append((Features(ids, cand, none, none), 4, min(5, length - 2)))
    return items


class Table:
    """Word vectors for ids 0..63 (stands in for the frozen e5 rows)."""

    def __init__(self) -> None:
        self.rows = torch.randn(64, HIDDEN, generator=torch.Generator().manual_seed(3))

    def __call__(self, ids: torch.Tensor) -> torch.Tensor:
        return self.rows[ids]


def _grads(model: SpanReader) -> torch.Tensor:
    return torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None])


def test_dropout_changes_training_only():
    words = torch.randn(2, 10, HIDDEN)
    attention = torch.ones(2, 10, dtype=torch.long)
    plain, dropped = _reader(0), _reader(0)
    set_dropout(dropped, 0.3)
    plain.eval(), dropped.eval()
    assert all(torch.equal(a, b) for a, b in zip(plain(words, attention), dropped(words, attention)))
    dropped.train()
    first, second = dropped(words, attention)[0], dropped(words, attention)[0]
    assert not torch.allclose(first, second)  # a fresh mask each pass


def test_fgm_adds_a_second_gradient_and_reports_the_clean_loss():
    batch, table = _batch(np.random.default_rng(0)), Table()
    plain, adversarial = _reader(1), _reader(1)
    loss = train_step(plain, table, batch, 1, "cpu", Regulariser())
    loss_fgm = train_step(adversarial, table, batch, 1, "cpu", Regulariser(fgm=1.0))
    assert torch.allclose(loss, loss_fgm)
    assert not torch.allclose(_grads(plain), _grads(adversarial))


def test_distillation_pulls_towards_the_teacher():
    batch, table = _batch(np.random.default_rng(1)), Table()
    teacher = Ensemble([_reader(7)]).eval()
    hard = train_step(_reader(2), table, batch, 1, "cpu", Regulariser())
    mixed = train_step(_reader(2), table, batch, 1, "cpu", Regulariser(teacher=teacher, alpha=1.0))
    assert not torch.allclose(hard, mixed)
    # the soft loss is smallest where the student reads like the teacher
    target = torch.tensor([[2.0, 0.5, -1.0, 0.0]])
    assert soft_loss(target, target, 2.0) < soft_loss(torch.tensor([[-1.0, 0.5, 2.0, 0.0]]), target, 2.0)


def test_an_ensemble_reads_the_mean_of_its_members():
    words = torch.randn(1, 6, HIDDEN)
    attention = torch.ones(1, 6, dtype=torch.long)
    a, b = _reader(4).eval(), _reader(5).eval()
    start, end = Ensemble([a, b])(words, attention)
    assert torch.allclose(start, (a(words, attention)[0] + b(words, attention)[0]) / 2)
    assert torch.allclose(end, (a(words, attention)[1] + b(words, attention)[1]) / 2)
