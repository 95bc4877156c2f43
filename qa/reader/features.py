"""(question, window) -> the token sequence the reader reads, with char offsets per token.

Layout: ``<s> query: Q </s> passage: W </s>`` — e5's own role prefixes, token type 0,
positions from 0. Position 0 (``<s>``) is the no-answer slot; the candidates for a span
are the window's own tokens (not the ``passage:`` prefix, not the question).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qa.reader.tokenizer import E5Tokenizer, Encoding

if TYPE_CHECKING:
    import torch

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


@dataclass(frozen=True)
class Features:
    """One encoded pair; ``starts``/``ends`` are char offsets in the window (-1 off-window)."""

    ids: np.ndarray
    candidate: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    def label(self, start: int, end: int) -> tuple[int, int] | None:
        """Token (first, last) covering chars ``[start, end)``; (0, 0) for no answer; None if cut."""
        if start < 0:
            return 0, 0
        inside = np.nonzero(self.candidate[1:])[0] + 1
        first = [i for i in inside if self.ends[i] > start]
        last = [i for i in inside if self.starts[i] < end]
        if not first or not last or self.ends[last[-1]] < end:
            return None  # the answer was truncated away
        return int(first[0]), int(last[-1])


def encode_pair(tok: E5Tokenizer, question: str, window: str, *, max_len: int,
                max_question: int) -> Features:  # fmt: skip
    """Tokenise and lay out one pair, cutting the window's tail to fit ``max_len``."""
    q_ids = tok.encode(QUERY_PREFIX + question).ids[:max_question]
    passage = tok.encode(PASSAGE_PREFIX + window)
    room = max_len - len(q_ids) - 3
    return layout(tok, q_ids, passage, 0, min(room, len(passage.ids)))


def layout(tok: E5Tokenizer, q_ids: list[int], passage: Encoding, begin: int, stop: int) -> Features:
    """``<s> q </s> passage[begin:stop] </s>``; offsets are chars of the window text."""
    shift = len(PASSAGE_PREFIX)
    p_ids = passage.ids[begin:stop]
    n = len(q_ids) + len(p_ids) + 3
    ids = np.array([tok.bos, *q_ids, tok.eos, *p_ids, tok.eos], dtype=np.int64)
    starts = np.full(n, -1, dtype=np.int64)
    ends = np.full(n, -1, dtype=np.int64)
    candidate = np.zeros(n, dtype=bool)
    candidate[0] = True
    base = len(q_ids) + 2
    for k in range(len(p_ids)):
        if passage.starts[begin + k] >= shift:
            starts[base + k] = passage.starts[begin + k] - shift
            ends[base + k] = passage.ends[begin + k] - shift
            candidate[base + k] = ends[base + k] > starts[base + k]
    return Features(ids, candidate, starts, ends)


@dataclass
class Arrays:
    """Padded arrays for one forward pass (what reading needs; no torch)."""

    ids: np.ndarray
    attention: np.ndarray
    candidate: np.ndarray


@dataclass
class Batch:
    """Padded tensors for one forward pass (training and evaluation)."""

    ids: torch.Tensor
    attention: torch.Tensor
    candidate: torch.Tensor


def pad(features: list[Features], pad_id: int) -> Arrays:
    """Pad to the longest pair of the batch."""
    length = max(len(f.ids) for f in features)
    ids = np.full((len(features), length), pad_id, dtype=np.int64)
    attention = np.zeros((len(features), length), dtype=np.int64)
    candidate = np.zeros((len(features), length), dtype=bool)
    for row, f in enumerate(features):
        ids[row, : len(f.ids)] = f.ids
        attention[row, : len(f.ids)] = 1
        candidate[row, : len(f.ids)] = f.candidate
    return Arrays(ids, attention, candidate)


def collate(features: list[Features], pad_id: int) -> Batch:
    """:func:`pad` as torch tensors."""
    import torch  # deferred: reading pads with numpy alone

    arrays = pad(features, pad_id)
    return Batch(torch.from_numpy(arrays.ids), torch.from_numpy(arrays.attention), torch.from_numpy(arrays.candidate))
