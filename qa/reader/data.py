"""Training examples for the reader: SQuAD-layout files -> (question, window, answer span).

A window is a run of whole sentences of one paragraph around the answer (the reader sees
sentence windows around retrieval hits at answer time); its length and the answer's place
in it vary per example and per epoch. Negatives pair a question with a window that does
not contain any of its answers: another paragraph of the same article, or sentences of its
own paragraph away from the answer (the hard case: same topic, no answer).
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from qa.errors import ReaderConfigError

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=\n)")


@dataclass(frozen=True)
class Question:
    """One question over one paragraph; ``answers`` as (char start, text) in ``context``."""

    qid: str
    article: str
    paragraph: int
    question: str
    context: str
    answers: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Example:
    """One training/eval item; ``start``/``end`` are char offsets in ``window`` or -1 (none)."""

    qid: str
    question: str
    window: str
    start: int
    end: int
    answers: tuple[str, ...]


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese, same length so that offsets stay right.

    opencc converts phrase by phrase; when that changes the length (rare), each character
    is converted alone and kept only where it stays one character.
    """
    converter = _converter()
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole
    out = []
    for char in text:
        one = converter.convert(char)
        out.append(one if len(one) == 1 else char)
    return "".join(out)


_CONVERTER = None


def _converter():
    global _CONVERTER
    if _CONVERTER is None:
        import opencc  # deferred: only training needs it

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def load_squad(path: Path, *, simplify: bool = False) -> list[Question]:
    """Questions of a SQuAD-layout file whose first answer really sits at its offset."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    out: list[Question] = []
    for art_no, article in enumerate(data):
        title = f"{path.stem}:{article.get('title') or art_no}"
        for par_no, par in enumerate(article["paragraphs"]):
            context = to_simplified(par["context"]) if simplify else par["context"]
            for qa in par["qas"]:
                answers = []
                for ans in qa["answers"]:
                    start, text = int(ans["answer_start"]), ans["text"]
                    span = context[start : start + len(text)]
                    if start >= 0 and span and (span == text or simplify):
                        answers.append((start, span))
                question = to_simplified(qa["question"]) if simplify else qa["question"]
                if answers:
                    out.append(Question(str(qa["id"]), title, par_no, question, context, tuple(answers)))
    return out


def load_training_questions(root: Path) -> list[Question]:
    """DRCD dev + test (converted to Simplified) and CMRC 2018 trial under ``root``."""
    files = [(root / "drcd" / "DRCD_dev.json", True), (root / "drcd" / "DRCD_test.json", True),
             (root / "cmrc2018-trial" / "cmrc2018_trial.json", False)]  # fmt: skip
    missing = [str(p) for p, _ in files if not p.is_file()]
    if missing:
        raise ReaderConfigError("training data missing: " + ", ".join(missing),
                                hint="point --data at the shared/train folder")  # fmt: skip
    questions: list[Question] = []
    for path, simplify in files:
        questions.extend(load_squad(path, simplify=simplify))
    return questions


def split_by_article(questions: list[Question], held_fraction: float) -> tuple[list, list]:
    """(train, held) with whole articles on one side, chosen by a stable hash of the title."""
    train, held = [], []
    for q in questions:
        bucket = zlib.crc32(q.article.encode("utf-8")) % 1000
        (held if bucket < held_fraction * 1000 else train).append(q)
    return train, held


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text`` (ends after 。！？；, or a newline)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
            start = match.start()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def window_around(context: str, start: int, end: int, target: int, rng: random.Random) -> tuple[int, int]:
    """Char range of whole sentences holding ``[start, end)``, grown at random to ~``target`` chars.

    A single sentence longer than ``target`` is cut at characters, the answer placed at a
    random point inside the cut.
    """
    spans = sentences(context)
    first = next(i for i, (a, b) in enumerate(spans) if b > start)
    last = next((i for i, (a, b) in enumerate(spans) if b >= end), len(spans) - 1)
    lo, hi = spans[first][0], spans[last][1]
    while hi - lo < target and (first > 0 or last < len(spans) - 1):
        grow_left = first > 0 and (last == len(spans) - 1 or rng.random() < 0.5)
        a, b = (spans[first - 1] if grow_left else spans[last + 1])
        if (b - a) + (hi - lo) > target * 1.3:
            break
        if grow_left:
            first, lo = first - 1, a
        else:
            last, hi = last + 1, b
    if hi - lo > target * 1.5:
        room = max(0, int(target * 1.5) - (end - start))
        left = rng.randint(0, room)
        lo = max(lo, start - left)
        hi = min(hi, max(end, lo + int(target * 1.5)))
    return lo, hi


def positive(q: Question, target: int, rng: random.Random) -> Example:
    """The question over a window around its first answer."""
    start, text = q.answers[0]
    lo, hi = window_around(q.context, start, start + len(text), target, rng)
    return Example(q.qid, q.question, q.context[lo:hi], start - lo, start + len(text) - lo,
                   tuple(t for _, t in q.answers))  # fmt: skip


def negative(q: Question, others: list[str], target: int, rng: random.Random) -> Example | None:
    """The question over a window that holds none of its answers, or None if none is found."""
    texts = {t for _, t in q.answers}
    candidates = [q.context] + others
    for _ in range(4):
        source = rng.choice(candidates)
        spans = sentences(source)
        if not spans:
            continue
        a, b = spans[rng.randrange(len(spans))]
        lo, hi = window_around(source, a, b, target, rng)
        window = source[lo:hi]
        if window.strip() and not any(t in window for t in texts):
            return Example(q.qid + "#neg", q.question, window, -1, -1, tuple(texts))
    return None


def make_examples(questions: list[Question], *, seed: int, negative_rate: float,
                  target_range: tuple[int, int]) -> list[Example]:  # fmt: skip
    """Positives for every question plus ~``negative_rate`` negatives per question."""
    rng = random.Random(seed)
    by_article: dict[str, dict[int, str]] = {}
    for q in questions:
        by_article.setdefault(q.article, {})[q.paragraph] = q.context
    out: list[Example] = []
    for q in questions:
        out.append(positive(q, rng.randint(*target_range), rng))
        if rng.random() < negative_rate:
            others = [c for p, c in by_article[q.article].items() if p != q.paragraph]
            neg = negative(q, others, rng.randint(*target_range), rng)
            if neg is not None:
                out.append(neg)
    return out
