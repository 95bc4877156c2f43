"""Regularisers for a reader short of data, used by :mod:`qa.reader.train_packed`.

reader-v3's sweep (model card) found every schedule within about +-0.01 held-apart F1: 8,014
training questions, not compute, limit it. What is left to try without more data is what
makes a model use its data better: dropout (set in :func:`qa.reader.model.set_dropout`),
adversarial word vectors (FGM: the loss again with the word vectors pushed ``eps`` along its
own gradient) and distillation from an ensemble of runs (soft start/end targets).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from qa.reader.features import collate


class Ensemble(nn.Module):
    """Several readers read as one: the mean of their start and end logits."""

    def __init__(self, models: list[nn.Module]) -> None:
        super().__init__()
        self.models = nn.ModuleList(models)

    def forward(self, words: torch.Tensor, attention: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Mean start and end logits [B, L] over the members."""
        starts, ends = zip(*(m(words, attention) for m in self.models))
        return torch.stack(starts).mean(0), torch.stack(ends).mean(0)


@dataclass
class Regulariser:
    """How one training step is regularised; the defaults are reader-v3's plain step."""

    fgm: float = 0.0  # FGM step size on the batch's word vectors (0: off)
    teacher: nn.Module | None = None  # soft targets from this model (an Ensemble), eval mode
    alpha: float = 0.5  # weight of the soft-target loss against the labels
    temperature: float = 2.0


def span_loss(start: torch.Tensor, end: torch.Tensor, blocked: torch.Tensor, first: torch.Tensor,
              last: torch.Tensor) -> torch.Tensor:  # fmt: skip
    """Mean start + end cross-entropy over the candidate positions (``blocked`` are the others): the
    reader's training loss, on the CPU (:mod:`qa.reader.train`) and from a pack alike."""
    start, end = start.masked_fill(blocked, -1e4), end.masked_fill(blocked, -1e4)
    return (F.cross_entropy(start, first) + F.cross_entropy(end, last)) / 2


def soft_loss(student: torch.Tensor, teacher: torch.Tensor, temperature: float) -> torch.Tensor:
    """Cross-entropy against the teacher's softened distribution, scaled by T^2 (Hinton et al.)."""
    target = F.softmax(teacher / temperature, dim=-1)
    return -(target * F.log_softmax(student / temperature, dim=-1)).sum(-1).mean() * temperature**2


def train_step(model: nn.Module, words, batch: list[tuple], pad: int, device, reg: Regulariser) -> torch.Tensor:
    """Forward and backward of one batch (the caller clips and steps); the loss, detached.

    The loss is the mean start + end cross-entropy over the candidate positions, mixed with the
    teacher's soft targets when there is one; with FGM a second pass on perturbed word vectors
    adds its gradient (the perturbation is not trained: the word table stays frozen).
    """
    packed = collate([b[0] for b in batch], pad)
    vectors = words(packed.ids).to(device)
    attention = packed.attention.to(device)
    blocked = ~packed.candidate.to(device)
    first = torch.tensor([b[1] for b in batch], device=device)
    last = torch.tensor([b[2] for b in batch], device=device)
    targets = None
    if reg.teacher is not None:
        with torch.no_grad():
            targets = [t.masked_fill(blocked, -1e4) for t in reg.teacher(vectors, attention)]

    def loss_of(inputs: torch.Tensor) -> torch.Tensor:
        start, end = model(inputs, attention)
        hard = span_loss(start, end, blocked, first, last)
        if targets is None:
            return hard
        start, end = start.masked_fill(blocked, -1e4), end.masked_fill(blocked, -1e4)
        soft = (soft_loss(start, targets[0], reg.temperature) + soft_loss(end, targets[1], reg.temperature)) / 2
        return (1 - reg.alpha) * hard + reg.alpha * soft

    if reg.fgm:
        vectors.requires_grad_(True)
    loss = loss_of(vectors)
    loss.backward()
    if reg.fgm and vectors.grad is not None:
        norm = vectors.grad.norm()
        if torch.isfinite(norm) and norm > 0:
            loss_of(vectors.detach() + reg.fgm * vectors.grad / norm).backward()
    return loss.detach()
