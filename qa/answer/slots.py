"""Slot filling: the text of a sentence that stands where the question's wh-word stands, found from the
question's words around the wh-word (the words right before and after it), quoted names near them, and phrases that
end with the head noun asked about (:class:`Slot`, used by :func:`qa.answer.spans.spans`)."""

from __future__ import annotations

import re

_TRIM = "了的是为意为叫做名为称为在于，,：:、 “”\"'"
_QUOTED = re.compile(r"“[^”]{1,30}”|《[^》]{1,40}》|「[^」]{1,30}」")
_STOP = set("在的和与了及对向从为是由把被等，,。；;：:、“”《》()（） ")

# a name in Latin letters right after the kind of thing asked for (游戏公司Activision, 云计算公司VMware)
LATIN_NAME = re.compile(r"\s?[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*")
_COMMON = 500  # a word jieba's dictionary counts this often is no name (暴雪 21, 腾讯 98; 公司 tens of thousands)


def generic(words: str) -> bool:
    """``words`` before a kind of thing only describe it (云计算|公司, 游戏|公司): each a common word; not a
    name (峨堡|镇, 博通|公司)."""
    import jieba  # deferred: loads jieba's dictionary

    return bool(words) and all((jieba.dt.FREQ.get(w) or 0) >= _COMMON for w in jieba.cut(words))


def rare_run(text: str, at: int) -> int:
    """The end of the nouns from ``at`` of which jieba's dictionary counts none as a common word (动视|暴雪 before
    的收购); ``at`` when the first is a common one or no noun."""
    import jieba
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    end = at
    for w, f in pseg.cut(text[at:at + 16]):
        if end > at and _ORG_END.fullmatch(w):
            end += len(w)  # 迈阿密|国际|俱乐部: what the name's organisation is called is its name too
            continue
        if f[0] not in "n" or (jieba.dt.FREQ.get(w) or 0) >= _COMMON:
            break
        end += len(w)
    return end if end - at >= 2 else at


# the words that end an organisation's own name after a rare one (迈阿密国际俱乐部, 动视暴雪公司, 曼城足球俱乐部)
_ORG_END = re.compile(r"国际|足球|俱乐部|足球俱乐部|队|公司|集团|控股|科技|银行|大学|学院|研究院|研究所|基金会")


class Slot:
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
            if generic(text[start:mh.start()]) and (named := LATIN_NAME.match(text, mh.end())):
                out.append((named.start() + named.group().startswith(" "), named.end(), 0.9))  # 云计算公司VMware
            elif generic(text[start:mh.start()]) and (rare_end := rare_run(text, mh.end())) > mh.end():
                out.append((mh.end(), rare_end, 0.9))  # 游戏公司动视暴雪 (峨堡镇副镇长: 峨堡 names the town)
            elif mh.end() - start > len(self.head):
                out.append((start, mh.end(), 0.9))
        return out


def _anchored(text: str, left: list[str], right: list[str]) -> tuple[int, int, float] | None:
    """The span after the left word nearest the wh-word and before the next right word.

    The third value says how well it is anchored: words right next to the question
    word on both sides give 1.0; anchors further away in the question count less.
    """
    lpos, lfit = -1, 0.0
    for dist, w in enumerate(reversed(left)):  # the question word closest to the wh-word first
        i = _word_found(text, w)
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


def _word_found(text: str, word: str) -> int:
    """Where ``word`` stands in ``text`` as a word: not as the start of a longer one (标志 of 标志性的蓝色小鸟标志, where
    a span after it would begin 性的…), unless it stands nowhere else."""
    import jieba  # deferred: loads jieba's dictionary

    jieba.dt.check_initialized()
    first = i = text.find(word)
    while i >= 0 and (jieba.dt.FREQ.get(text[i:i + len(word) + 1]) or 0) >= _RUNS_ON:
        i = text.find(word, i + 1)
    return first if i < 0 else i


_RUNS_ON = 20  # how often jieba's dictionary must count the word and the next character to read them as one word
