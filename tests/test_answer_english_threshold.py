"""English questions the rules cannot answer get their own reader-alone threshold (fitted by
``python -m eval.fit_fusion --english-only`` with an expected cost, not on the edge of one question's
score)."""

from __future__ import annotations

import math

from eval.fit_fusion import Asked, fit_english, outcome
from qa.answer.fusion import FEATURES, Fusion

_READER, _ENGLISH = FEATURES.index("reader"), FEATURES.index("english")
COEF = [0.0] * len(FEATURES)
COEF[_READER] = 1.0  # confidence = logistic(x[reader]): each pooled answer below says its own


def _asked(conf: float, right: bool, answerable: bool = True, english: bool = True) -> Asked:
    x = [0.0] * len(FEATURES)
    x[_READER], x[_ENGLISH] = math.log(conf / (1 - conf)), float(english)
    return Asked(answerable, [(x, right)])


def test_english_questions_have_their_own_threshold_only_when_the_rules_trust_nothing():
    f = Fusion(threshold=0.1, threshold_reader_alone=0.4, threshold_english_alone=0.24)
    assert (f.threshold_for(False, english=True), f.threshold_for(False), f.threshold_for(True, english=True)) == (0.24, 0.4, 0.1)
    assert Fusion(threshold_reader_alone=0.4).threshold_for(False, english=True) == 0.4  # none fitted: as Chinese


def test_the_english_threshold_keeps_clear_of_an_unanswerable_question_just_under_a_right_answer():
    # counted plainly, 0.09 is free: it sits between unanswerable questions at 0.085 and right answers at
    # 0.095; a confidence moves by a few hundredths on the next documents, so the fit keeps clear of both
    pool = ([_asked(0.085, False, answerable=False)] * 3 + [_asked(0.095, True)] * 2 + [_asked(0.35, True)] * 3
            + [_asked(0.30, False, english=False)] * 5)  # fmt: skip  (Chinese ones do not count)
    t = fit_english({"a": pool[:5], "b": pool[5:]}, COEF, 0.1)
    assert t is not None and 0.15 <= t <= 0.3
    english = [a for a in pool if a.entries[0][0][_ENGLISH]]
    o = outcome(english, COEF, (0.1, t))
    assert o.abstained_unanswerable == 1.0 and o.accuracy == 0.6
    assert fit_english({"a": pool[8:]}, COEF, 0.1) is None  # no English question: nothing to fit
