"""Entity answers by slot filling: the text of a sentence that stands where the question's
wh-word stands (改造建成了[什么] -> 改造建成了[朝阳街道养老综合服务中心]).

Three kinds of candidate span, each with a fit in [0, 1]: a quoted or book-title name
next to the question's words (“宁睿协”手机APP), a phrase ending with the head noun the
question asks about (哪个镇 -> 八宝镇), and the gap between the question words that
surround the wh-word.
"""

from __future__ import annotations

import re

from qa.answer.evidence import PassageView
from qa.answer.extractors import Candidate, relevant_sentences, sentences
from qa.answer.question import Question
from qa.answer.scoring import TermWeights, proximity, rank_bonus, sentence_coverage
from qa.answer.titles import told_apart
from qa.text.normalize import normalize_for_match

_WH = re.compile(r"怎么表述|如何表述|什么|哪一级|哪一类|哪一家|哪一个|哪个|哪家|哪支|哪里|哪儿|哪所|哪座|哪些|哪位|哪一|哪|谁")
_WANTS_NAME = re.compile(r"叫什么|名称|书名|名字|什么名|称为|叫做|题目|标题|题为")
_TRIM = "了的是为意为叫做名为称为在于，,：:、 “”\"'"
_QUOTED = re.compile(r"“[^”]{1,30}”|《[^》]{1,40}》|「[^」]{1,30}」")
_HEAD_WH = re.compile(r"(?:哪个|哪一个|哪家|哪一家|哪所|哪座|哪支|哪一级|哪级)([\u4e00-\u9fff]{1,4}?)(?=的|[?？,，]|$|是|在|里|开展|举行|推出|建成)")
# 哪栋大厦, 哪艘船, 哪款手机: a measure word then the noun asked for, whatever follows it (its first word)
_HEAD_MEASURE = re.compile(r"哪一?(?:栋|幢|艘|款|辆|架|首|间|台|只)([\u4e00-\u9fff]{1,4})")
_STOP = set("在的和与了及对向从为是由把被等，,。；;：:、“”《》()（） ")


def spans(q: Question, views: list[PassageView], tw: TermWeights, tokenize) -> list[Candidate]:
    """Entity candidates from the retrieved sentences (see the module docstring)."""
    m = _WH.search(q.text) if q.lang == "zh" else None
    if m is None:
        return sentences(q, views, tw)
    # single characters are too ambiguous to anchor a span (界别 -> 界 would cut 经济界)
    left = [w for w in tokenize(q.text[: m.start()]) if w in q.terms and len(w) >= 2]
    right = [w for w in tokenize(q.text[m.end():]) if w in q.terms and len(w) >= 2]
    head = _HEAD_WH.search(q.text)
    slot = _Slot(left, right, bool(_WANTS_NAME.search(q.text)), head.group(1) if head else _measured_head(q.text))
    focus = [normalize_for_match(t) for t in q.focus] or tw.terms
    out = []
    for view, sent in relevant_sentences(views, q):
        cov = sentence_coverage(tw, sent, view)
        for start, end, fit in slot.candidates(sent.text):
            if normalize_for_match(sent.text[start:end]) in q.norm:
                continue  # the question already says it: not an answer
            prox = proximity(sent, start, end, focus)
            score = 0.5 * cov + 0.3 * fit + 0.1 * prox + 0.1 * rank_bonus(view.rank)
            out.append(Candidate(sent.text[start:end], sent, start, end, score, cov, fit))
    return told_apart(q, out, tw)


def _measured_head(question: str) -> str | None:
    """The noun after 哪栋/哪艘/哪款… (哪栋大厦坠楼 -> 大厦): the first word after the measure word."""
    import jieba  # deferred: loads jieba's dictionary

    m = _HEAD_MEASURE.search(question)
    return next(iter(jieba.cut(m.group(1))), None) if m else None


class _Slot:
    """What the question says around its wh-word, turned into span finders."""

    def __init__(self, left: list[str], right: list[str], wants_name: bool, head: str | None) -> None:
        self.left, self.right, self.wants_name, self.head = left, right, wants_name, head

    def candidates(self, text: str) -> list[tuple[int, int, float]]:
        out = self._quoted(text) + self._headed(text)
        anchored = _anchored(text, self.left, self.right)
        if anchored is not None:
            start, end, fit = anchored
            out.append((start, end, fit * (0.7 if self.wants_name else 1.0)))
        return out

    def _quoted(self, text: str) -> list[tuple[int, int, float]]:
        """Quoted names near the question's words; best right where the wh-word stands."""
        out = []
        for mq in _QUOTED.finditer(text):
            near = text[max(0, mq.start() - 12): mq.end() + 12]
            if not any(w in near for w in self.left + self.right):
                continue
            fit = (1.0 if self.wants_name else 0.6) * (1.0 if self._touching(text, mq.start(), mq.end()) else 0.7)
            out.append((mq.start(), mq.end(), fit))
        return out

    def _touching(self, text: str, start: int, end: int) -> bool:
        """The span stands where the wh-word stands: right after the last word before it, right
        before the first word after it, or (目标是什么) right before the words it names."""
        before = text[max(0, start - 8): start]
        after = text[end: end + 8]
        if any(before.endswith(w) or before[:-1].endswith(w) for w in self.left[-1:]):
            return True
        return any(after.startswith(w) or after[1:].startswith(w) for w in self.right[:1] + self.left[-2:])

    def _headed(self, text: str) -> list[tuple[int, int, float]]:
        """Phrases ending with the head noun asked about: 哪个镇 -> 祁连县八宝镇, 哪个市 -> 格尔木市."""
        if not self.head:
            return []
        out = []
        for mh in re.finditer(re.escape(self.head), text):
            start = mh.start()
            while start > 0 and text[start - 1] not in _STOP and mh.end() - start < 8:
                start -= 1
            if mh.end() - start > len(self.head):
                out.append((start, mh.end(), 0.9))
        return out


def _anchored(text: str, left: list[str], right: list[str]) -> tuple[int, int, float] | None:
    """The span after the left word nearest the wh-word and before the next right word.

    The third value says how well it is anchored: words right next to the question
    word on both sides give 1.0; anchors further away in the question count less.
    """
    lpos, lfit = -1, 0.0
    for dist, w in enumerate(reversed(left)):  # the question word closest to the wh-word first
        i = text.find(w)
        if i >= 0:
            lpos, lfit = i + len(w), _ANCHOR_FIT[min(dist, 2)]
            break
    rpos, rfit = -1, 0.0
    for dist, w in enumerate(right):
        i = text.find(w, max(lpos, 0))
        if i >= 0 and (rpos < 0 or i < rpos):
            rpos, rfit = i, _ANCHOR_FIT[min(dist, 2)]
    if lpos < 0 and rpos < 0:
        return None
    if lpos >= 0 and rpos > lpos:
        start, end, fit = lpos, rpos, (lfit + rfit) / 2
    elif lpos >= 0:
        stop = re.search(r"[，,。；;！？!?]", text[lpos:])
        start, end, fit = lpos, lpos + (stop.start() if stop else len(text) - lpos), lfit * 0.6
    else:
        stops = list(re.finditer(r"[，,。；;！？!?、]", text[:rpos]))
        start, end, fit = (stops[-1].end() if stops else 0), rpos, rfit * 0.6
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if not 1 <= end - start <= 30:
        return None
    return start, end, fit


_ANCHOR_FIT = (1.0, 0.6, 0.3)


