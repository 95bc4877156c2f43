"""How the reader's and the rules' opinions of one answer combine into one confidence.

:class:`Scored` holds both opinions of a pooled answer (:func:`qa.answer.reading.pool`) and what
surrounds it; :func:`features` turns it into the inputs of a logistic model, :class:`Fusion`, whose
weights and thresholds are fitted by ``python -m eval.fit_fusion`` and recorded in ``fusion.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from qa.answer.extractors import Candidate
from qa.errors import ReaderConfigError
from qa.text.normalize import normalize_for_match


@dataclass(slots=True)
class Scored:
    """One answer with both opinions: the rules' score and the reader's probability."""

    candidate: Candidate
    rules: float
    reader: float
    focus: float = 1.0  # share of the characters of the question's focus words in the sentence and its context
    terms: float = 1.0  # the same for all the question's terms
    kind_fit: float = 1.0  # 0: a reader span that is not of the asked type (no figure for "how many")
    rank: float = 1.0  # 1 / retrieval rank of its passage
    english: float = 0.0  # 1 for an English question (the reader was trained on Chinese questions)
    margin: float = 0.0  # the reader's span-vs-no-answer logit margin, clipped to [-10, 20], over 10 (0: no span)
    share: float = 0.0  # its softmax share among the question's reader answers and "no answer": how much it stands out
    clause: float = 1.0  # share of the question's focus words (and predicate) in the answer's own clause


#: names of :func:`features`, in order (``Fusion.coef`` follows them)
FEATURES = ("bias", "reader", "rules", "reader*rules", "reader_only", "rules_only", "focus", "terms",
            "kind_fit", "rank", "length", "english", "english*reader", "english*rules", "margin", "share", "clause")


def features(e: Scored) -> list[float]:
    """What the fitted confidence of one pooled answer is computed from."""
    return [1.0, e.reader, e.rules, e.reader * e.rules, float(e.rules == 0), float(e.reader == 0), e.focus, e.terms,
            e.kind_fit, e.rank, min(len(e.candidate.answer), 40) / 40, e.english, e.english * e.reader,
            e.english * e.rules, e.margin, e.share, e.clause]


FUSION_FILE = Path(__file__).with_name("fusion.json")


@dataclass(slots=True)
class Fusion:
    """How the reader's and the rules' opinions combine into one confidence, and below what the
    composer abstains: a logistic model over :func:`features`, fitted by ``python -m
    eval.fit_fusion`` (never typed in) and recorded in ``fusion.json`` with what it was fitted on.
    """

    coef: list[float] = field(default_factory=lambda: [0.0] * len(FEATURES))
    threshold: float = 0.5  # when the rules also have a candidate they trust
    threshold_reader_alone: float = 0.5  # when they have none: the reader's opinion alone must be stronger
    windows: int = 6  # windows read per question
    per_window: int = 3  # spans taken from each window
    fitted: dict = field(default_factory=dict)

    def threshold_for(self, rules_trust: bool) -> float:
        return self.threshold if rules_trust else self.threshold_reader_alone

    def confidence(self, e: Scored) -> float:
        """The fitted probability that ``e`` is a right answer."""
        return logistic(self.coef, features(e))

    @classmethod
    def load(cls, path: Path = FUSION_FILE, *, check: bool = True) -> Fusion:
        """The fusion in ``path``; ``check=False`` accepts one fitted on other features (to refit it)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        fusion = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        if check and len(fusion.coef) != len(FEATURES):
            raise ReaderConfigError(f"{path} has {len(fusion.coef)} weights for {len(FEATURES)} features",
                                    hint="refit it: python -m eval.fit_fusion")  # fmt: skip
        return fusion

    def save(self, path: Path = FUSION_FILE) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)


def logistic(coef: Sequence[float], x: Sequence[float]) -> float:
    """The logistic of ``coef . x`` (the fusion's model, also used when fitting it)."""
    z = sum(c * v for c, v in zip(coef, x))
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def fuse(entries: Sequence[Scored], fusion: Fusion) -> list[Candidate]:
    """Candidates scored by the fitted confidence (:meth:`Fusion.confidence`), documents that agree
    combined (:func:`agreed`), best first."""
    out = []
    for e in entries:
        c = e.candidate
        out.append(Candidate(c.answer, c.sentence, c.start, c.end, fusion.confidence(e), c.coverage, c.fit,
                             c.value, c.unit))
    return sorted(agreed(out), key=lambda c: (-c.score, c.sentence.start))


def agreed(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Each answer's best-scored candidate with its confidence combined with the same answer's in
    other documents, 1 - prod(1 - c): sources that agree make an answer likelier (RGB-zh: 44名 in three
    news articles at 0.35, 0.16, 0.15 lost to 23名 in one at 0.40). Candidates of one document count
    once (a report repeats its own figure); the rest are kept as they were."""
    groups: dict[str, list[Candidate]] = {}
    for c in candidates:
        groups.setdefault(normalize_for_match(c.answer), []).append(c)
    out = []
    for group in groups.values():
        best, *rest = sorted(group, key=lambda c: -c.score)
        seen, missed = {best.sentence.passage.doc_id}, 1.0 - best.score
        for other in rest:
            if other.sentence.passage.doc_id not in seen:
                seen.add(other.sentence.passage.doc_id)
                missed *= 1.0 - other.score
        out += [replace(best, score=1.0 - missed), *rest]
    return out


__all__ = ["FEATURES", "FUSION_FILE", "Fusion", "Scored", "agreed", "features", "fuse", "logistic"]
