"""Start/end logits -> the best span per window, and the window's no-answer margin."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: characters trimmed from a decoded span's edges (a covering token can carry them)
EDGE_PUNCT = " \t\u3000，。、；：！？,.;:!?）)」』》”’（(「『《“‘"


@dataclass(frozen=True)
class Decoded:
    """Best span of one window: token indices, span logit and null (``<s>``) logit."""

    first: int
    last: int
    span_logit: float
    null_logit: float


def best_spans(start: object, end: object, candidate: object, max_tokens: int) -> list[Decoded]:
    """For each row: the argmax of start[i] + end[j] over candidate i <= j < i + max_tokens."""
    return [row[0] for row in top_spans(start, end, candidate, max_tokens, 1)]


def top_spans(start: object, end: object, candidate: object, max_tokens: int, k: int) -> list[list[Decoded]]:
    """For each row: the ``k`` best spans (start[i] + end[j], candidate i <= j < i + max_tokens).

    Logits and the candidate mask are [rows, tokens] numpy arrays or torch tensors (on any device)."""
    start, end, cand = _array(start), _array(end), _array(candidate).astype(bool)
    rows, length = start.shape
    idx = np.arange(length)
    band = (idx[None, :] >= idx[:, None]) & (idx[None, :] < idx[:, None] + max_tokens)
    cand[:, 0] = False  # position 0 is the null answer, not a span
    ok = band[None] & cand[:, :, None] & cand[:, None, :]
    scores = np.where(ok, start[:, :, None] + end[:, None, :], -np.inf).reshape(rows, -1)
    take = min(k, scores.shape[1])
    where = np.argpartition(-scores, take - 1, axis=1)[:, :take]
    null = start[:, 0] + end[:, 0]
    out = []
    for row in range(rows):
        ranked = sorted(where[row], key=lambda pos: (-scores[row, pos], pos))
        found = [Decoded(int(pos) // length, int(pos) % length, float(scores[row, pos]), float(null[row]))
                 for pos in ranked if scores[row, pos] != -np.inf]  # fmt: skip
        out.append(found or [Decoded(0, 0, float("-inf"), float(null[row]))])
    return out


def _array(values: object) -> np.ndarray:
    """A copy as a numpy array (float32 logits, or a mask) from numpy or torch, any device."""
    if hasattr(values, "detach"):
        values = values.detach().cpu()  # type: ignore[attr-defined]
        values = values.float() if values.is_floating_point() else values  # type: ignore[attr-defined]
        values = values.numpy()  # type: ignore[attr-defined]
    return np.array(values, copy=True)


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past punctuation and spaces at its edges (never to nothing)."""
    while end - start > 1 and text[start] in EDGE_PUNCT:
        start += 1
    while end - start > 1 and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end
