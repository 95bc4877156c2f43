"""Held-apart scores during training: CMRC-style F1/EM on positives, no-answer accuracy."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from qa.reader.data import Example
from qa.reader.decode import best_spans, trim_edges
from qa.reader.features import Features, collate, encode_pair
from qa.reader.metric import char_f1, exact_match
from qa.reader.runtime import ReaderRuntime


@dataclass
class HeldScores:
    """F1/EM with spans as decoded (covering tokens) and edge-trimmed; no-answer accuracy."""

    f1: float
    em: float
    f1_trim: float
    em_trim: float
    noanswer_acc: float
    answered_acc: float
    positives: int
    negatives: int

    def line(self) -> str:
        return (f"F1 {self.f1:.3f} EM {self.em:.3f} (trimmed F1 {self.f1_trim:.3f} EM "
                f"{self.em_trim:.3f}); no-answer acc {self.noanswer_acc:.3f} on {self.negatives}, "
                f"answered {self.answered_acc:.3f} on {self.positives}")  # fmt: skip


def evaluate_held(runtime: ReaderRuntime, model: torch.nn.Module, examples: list[Example],
                  max_len: int, max_question: int, max_answer: int, batch: int = 32) -> HeldScores:  # fmt: skip
    """Encode every example with ``runtime``'s tokenizer, then :func:`score_held`."""
    feats = [encode_pair(runtime.tokenizer, e.question, e.window, max_len=max_len,
                         max_question=max_question) for e in examples]  # fmt: skip
    return score_held(model, runtime.words, runtime.device, examples, feats, runtime.tokenizer.pad,
                      max_answer, batch)  # fmt: skip


@torch.no_grad()
def score_held(model: torch.nn.Module, words, device: torch.device, examples: list[Example],
               feats: list[Features], pad: int, max_answer: int, batch: int = 32) -> HeldScores:  # fmt: skip
    """Decode every example; a window counts as answered when span logit > null logit.

    ``words`` maps a [B, L] id tensor to word vectors (any device; moved to ``device``).
    """
    model.eval()
    sums = dict(f1=0.0, em=0.0, f1_trim=0.0, em_trim=0.0, neg_ok=0, pos_ok=0)
    positives = negatives = 0
    for lo in range(0, len(examples), batch):
        part, part_feats = examples[lo : lo + batch], feats[lo : lo + batch]
        packed = collate(part_feats, pad)
        start, end = model(words(packed.ids).to(device), packed.attention.to(device))
        decoded = best_spans(start, end, packed.candidate.to(device), max_answer)
        for ex, f, dec in zip(part, part_feats, decoded):
            answered = dec.span_logit > dec.null_logit
            if ex.start < 0:
                negatives += 1
                sums["neg_ok"] += not answered
                continue
            positives += 1
            sums["pos_ok"] += answered
            a, b = int(f.starts[dec.first]), int(f.ends[dec.last])
            ta, tb = trim_edges(ex.window, a, b)
            sums["f1"] += char_f1(ex.window[a:b], ex.answers)
            sums["em"] += exact_match(ex.window[a:b], ex.answers)
            sums["f1_trim"] += char_f1(ex.window[ta:tb], ex.answers)
            sums["em_trim"] += exact_match(ex.window[ta:tb], ex.answers)
    model.train()
    p, n = max(positives, 1), max(negatives, 1)
    return HeldScores(sums["f1"] / p, sums["em"] / p, sums["f1_trim"] / p, sums["em_trim"] / p,
                      sums["neg_ok"] / n, sums["pos_ok"] / p, positives, negatives)  # fmt: skip
