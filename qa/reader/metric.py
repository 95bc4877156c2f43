"""CMRC 2018 answer scores: character F1 and exact match, as the official script computes them.

Used by the reader's training (held-apart F1) and by the evaluation, which imports it from here
through :mod:`eval.cmrc` and :mod:`eval.metrics`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# CMRC 2018 official evaluation (ymcui/cmrc2018, squad-style-data/cmrc2018_evaluate.py,
# v5): lower-case and strip; every CJK character U+4E00-U+9FA5 and every character of the
# punctuation list below is one token, other runs are tokenised by nltk.word_tokenize;
# punctuation of the list is removed before scoring. F1 uses the longest common
# *substring* (contiguous) of the two token lists, not the longest subsequence; scores
# are maxed over gold answers. EM compares the strings after removing only that
# punctuation (inner whitespace is kept, exactly as the official script does).
# Differences: nltk.word_tokenize is replaced by a regex (words and numbers such as
# 12.48 or 1,800 are one token, other symbols one token each) to avoid the nltk
# dependency; this differs only for English contractions and abbreviations.
_CMRC_PUNCT = frozenset(
    ["-", ":", "_", "*", "^", "/", "\\", "~", "`", "+", "=", "，", "。", "：", "？", "！",
     "“", "”", "；", "’", "《", "》", "……", "·", "、", "「", "」", "（", "）", "－", "～", "『", "』"]
)  # fmt: skip
_CMRC_CJK_RE = re.compile(r"[\u4e00-\u9fa5]")
_CMRC_WORD_RE = re.compile(r"\w+(?:[.,']\w+)*|[^\w\s]")


def _cmrc_segments(text: str) -> list[str]:
    """Official mixed_segmentation(rm_punc=True), with a regex in place of nltk."""
    segments: list[str] = []
    pending = ""
    for char in text.lower().strip():
        if char in _CMRC_PUNCT:
            continue
        if _CMRC_CJK_RE.match(char):
            segments.extend(_CMRC_WORD_RE.findall(pending))
            pending = ""
            segments.append(char)
        else:
            pending += char
    segments.extend(_CMRC_WORD_RE.findall(pending))
    return segments


def _longest_common_substring(a: Sequence[str], b: Sequence[str]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                current[j + 1] = previous[j] + 1
                best = max(best, current[j + 1])
        previous = current
    return best


def char_f1(prediction: str, gold_answers: Sequence[str]) -> float:
    """CMRC 2018 F1 (see the comment above), max over ``gold_answers``, in [0, 1].

    Raises ValueError when ``gold_answers`` is empty (unanswerable questions have no F1).
    """
    if not gold_answers:
        raise ValueError("char_f1 needs at least one gold answer")
    pred = _cmrc_segments(prediction)
    scores = []
    for answer in gold_answers:
        gold = _cmrc_segments(answer)
        common = _longest_common_substring(gold, pred)
        if common == 0:
            scores.append(0.0)
            continue
        precision, recall = common / len(pred), common / len(gold)
        scores.append(2 * precision * recall / (precision + recall))
    return max(scores)


def exact_match(prediction: str, gold_answers: Sequence[str]) -> float:
    """CMRC 2018 EM: 1.0 when the prediction equals a gold answer after lower-casing,
    stripping and removing the official punctuation list; inner spaces count.

    Raises ValueError when ``gold_answers`` is empty.
    """
    if not gold_answers:
        raise ValueError("exact_match needs at least one gold answer")

    def clean(text: str) -> str:
        return "".join(c for c in text.lower().strip() if c not in _CMRC_PUNCT)

    pred = clean(prediction)
    return 1.0 if any(clean(a) == pred for a in gold_answers) else 0.0
