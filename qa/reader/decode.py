"""Start/end logits -> the best span per window, and the window's no-answer margin."""

from __future__ import annotations

from dataclasses import dataclass

import torch

#: characters trimmed from a decoded span's edges (a covering token can carry them)
EDGE_PUNCT = " \t\u3000，。、；：！？,.;:!?）)」』》”’（(「『《“‘"


@dataclass(frozen=True)
class Decoded:
    """Best span of one window: token indices, span logit and null (``<s>``) logit."""

    first: int
    last: int
    span_logit: float
    null_logit: float


def best_spans(start: torch.Tensor, end: torch.Tensor, candidate: torch.Tensor,
               max_tokens: int) -> list[Decoded]:  # fmt: skip
    """For each row: the argmax of start[i] + end[j] over candidate i <= j < i + max_tokens."""
    return [row[0] for row in top_spans(start, end, candidate, max_tokens, 1)]


def top_spans(start: torch.Tensor, end: torch.Tensor, candidate: torch.Tensor,
              max_tokens: int, k: int) -> list[list[Decoded]]:  # fmt: skip
    """For each row: the ``k`` best spans (start[i] + end[j], candidate i <= j < i + max_tokens)."""
    length = start.shape[1]
    idx = torch.arange(length, device=start.device)
    band = (idx[None, :] >= idx[:, None]) & (idx[None, :] < idx[:, None] + max_tokens)
    cand = candidate.clone()
    cand[:, 0] = False  # position 0 is the null answer, not a span
    ok = band[None] & cand[:, :, None] & cand[:, None, :]
    scores = (start[:, :, None] + end[:, None, :]).masked_fill(~ok, float("-inf"))
    flat = scores.flatten(1)
    best, where = flat.topk(min(k, flat.shape[1]), dim=1)
    null = start[:, 0] + end[:, 0]
    out = []
    for row in range(start.shape[0]):
        found = [Decoded(int(pos) // length, int(pos) % length, float(value), float(null[row]))
                 for value, pos in zip(best[row], where[row]) if value != float("-inf")]
        out.append(found or [Decoded(0, 0, float("-inf"), float(null[row]))])
    return out


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past punctuation and spaces at its edges (never to nothing)."""
    while end - start > 1 and text[start] in EDGE_PUNCT:
        start += 1
    while end - start > 1 and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end
