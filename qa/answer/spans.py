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
from qa.answer.slots import LATIN_NAME, Slot, generic, rare_run
from qa.answer.titles import told_apart
from qa.text.normalize import normalize_for_match

_WH = re.compile(r"怎么表述|如何表述|什么|哪一级|哪一类|哪一家|哪一个|哪个|哪家|哪支|哪里|哪儿|哪所|哪座|哪些|哪位|哪一|哪|谁|"
                 r"(?<=号)多少|(?<=号码)多少|(?<=号[是为])多少|(?<=号码[是为])多少")  # 航班号是多少: a code, asked as 什么
_WANTS_NAME = re.compile(r"叫什么|名称|书名|名字|什么名|称为|叫做|题目|标题|题为")
HEAD_WH = re.compile(r"(?:哪个|哪一个|哪家|哪一家|哪所|哪座|哪支|哪一级|哪级)([\u4e00-\u9fff]{1,4}?)(?=的|[?？,，]|$|是|在|里|开展|举行|推出|建成)")
# 哪栋大厦, 哪艘船, 哪款手机: a measure word then the noun asked for, whatever follows it (its first word)
_HEAD_MEASURE = re.compile(r"哪一?(?:栋|幢|艘|款|辆|架|首|间|台|只)([\u4e00-\u9fff]{1,4})")


def spans(q: Question, views: list[PassageView], tw: TermWeights, tokenize) -> list[Candidate]:
    """Entity candidates from the retrieved sentences (see the module docstring)."""
    m = _WH.search(q.text) if q.lang == "zh" else None
    if m is None:
        return sentences(q, views, tw)
    # single characters are too ambiguous to anchor a span (界别 -> 界 would cut 经济界)
    left = [w for w in tokenize(q.text[: m.start()]) if w in q.terms and len(w) >= 2]
    right = [w for w in tokenize(q.text[m.end():]) if w in q.terms and len(w) >= 2]
    head = HEAD_WH.search(q.text)
    slot = Slot(left, right, bool(_WANTS_NAME.search(q.text)), head.group(1) if head else _measured_head(q.text))
    focus = [normalize_for_match(t) for t in q.focus] or tw.terms
    where = bool(_AT_WHERE.search(q.text))
    out = []
    for view, sent in relevant_sentences(views, q):
        cov = sentence_coverage(tw, sent, view)
        for start, end, fit in slot.candidates(sent.text):
            end = _noun_at(sent.text, end, right)
            if where:
                start, end = _place_part(sent.text, start, end)
            if normalize_for_match(sent.text[start:end]) in q.norm:
                continue  # the question already says it: not an answer
            prox = proximity(sent, start, end, focus)
            score = 0.5 * cov + 0.3 * fit + 0.1 * prox + 0.1 * rank_bonus(view.rank)
            out.append(Candidate(sent.text[start:end], sent, start, end, score, cov, fit))
    return told_apart(q, out, tw)


def _noun_at(text: str, end: int, anchors: list[str]) -> int:
    """Past the noun a span stops at when the question's word after the ask only begins it (在哪里发射: 文昌航天发射场,
    not 文昌航天 before 发射|场)."""
    if not any(text.startswith(w, end) for w in anchors):
        return end
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    word = next(iter(pseg.cut(text[end:end + 8])), None)
    grows = word is not None and any(len(word.word) > len(w) and word.word.startswith(w) for w in anchors)
    return end + len(word.word) if grows and word.flag.startswith("n") else end


# where something happened: 在哪里举行, 在什么地方登陆
_AT_WHERE = re.compile(r"在(?:哪里|哪儿|何地|何处|什么地方)")


def _place_part(text: str, start: int, end: int) -> tuple[int, int]:
    """Asked where, the place of a span and not the time before it or the verb after it (将于2026年在日本爱知县和名古屋
    举行 -> 日本爱知县和名古屋; 在印度尼西亚雅加达闭幕 -> 印度尼西亚雅加达): after its last 在, up to its first verb."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    at = text.rfind("在", start, end - 2)
    lo = at + 1 if at >= 0 else start
    pos = lo
    for w, f in pseg.cut(text[lo:end]):
        if f.startswith("v") and pos > lo:
            return lo, pos
        pos += len(w)
    return lo, end


def at_place(q: Question, c: Candidate) -> Candidate:
    """Asked 在哪里, the place part of a span that runs on into the event (:func:`_place_part`): the reader's
    澳大利亚布里斯班获得2032年夏季奥运会 is 澳大利亚布里斯班, as the rules' spans are cut; one that opens with what the
    question says, the place after its 在 (…女足世界杯决赛在澳大利亚悉尼体育场)."""
    if q.lang != "zh" or not _AT_WHERE.search(q.text):
        return c
    if (m := _AT.search(c.answer, 2, 24)) and len(c.answer) - m.end() >= 2 \
            and normalize_for_match(c.answer[:m.start()])[-3:] in q.norm:
        at = c.start + m.end()  # 第九届女足世界杯决赛在澳大利亚悉尼体育场: what the question says, then the place
        c = Candidate(c.sentence.text[at:c.end], c.sentence, at, c.end, c.score, c.coverage, c.fit, c.value, c.unit)
    a, b = _place_part(c.sentence.text, c.start, c.end)
    # only a span running on into a dated event (…获得2032年夏季奥运会): a place may hold a word jieba tags as a verb, and on
    # CMRC 2018 dev cutting every span at its first verb shortened 9 right places in its first 1,000 questions
    if (a, b) == (c.start, c.end) or b - a < 2 or not re.search(r"(?:19|20)\d\d", c.sentence.text[b:c.end]):
        if (k := _asked_end(q.text, c.answer)) and not re.search(r"[的之]$", c.answer[:-k]):
            # 米兰-科尔蒂纳丹佩佐冬奥会 for 2026年冬奥会在哪里举办: the place, not the event asked
            return Candidate(c.answer[:-k], c.sentence, c.start, c.end - k, c.score, c.coverage, c.fit, c.value, c.unit)
        return c
    return Candidate(c.sentence.text[a:b], c.sentence, a, b, c.score, c.coverage, c.fit, c.value, c.unit)


_AT = re.compile(r"(?:将|已|正)?(?:在|于)")


def _asked_end(question: str, answer: str) -> int:
    """How long the end of ``answer`` that the question names is (three characters or more, two before it), else 0."""
    return next((k for k in range(min(len(answer) - 2, 8), 2, -1) if answer[-k:] in question), 0)


def name_after_kind(q: Question, c: Candidate) -> Candidate:
    """Asked 哪家公司, a span that is the kind of thing (云计算公司) followed by a name, or runs on into it (云计算公司
    VMware): the name (VMware, 动视暴雪) is the answer, the kind its description. Any other span as it is."""
    head = HEAD_WH.search(q.text) if q.lang == "zh" else None
    at = c.answer.find(head.group(1)) if head is not None else -1
    if at < 0 or not generic(c.answer[:at]):
        return c
    text, kind_end = c.sentence.text, c.start + at + len(head.group(1))
    if kind_end < c.end:  # the span runs on: only a name after the kind
        named = LATIN_NAME.fullmatch(text, kind_end, c.end)
        if not (named or rare_run(text, kind_end) == c.end):
            return c
        kind_end += text[kind_end] == " "
        return Candidate(text[kind_end:c.end], c.sentence, kind_end, c.end, c.score, c.coverage, c.fit, c.value, c.unit)
    if named := LATIN_NAME.match(text, c.end):
        start, end = named.start() + (named.group().startswith(" ")), named.end()
    elif (end := rare_run(text, c.end)) > c.end:  # 游戏公司动视暴雪
        start = c.end
    else:
        return c
    return Candidate(text[start:end], c.sentence, start, end, c.score, c.coverage, c.fit, c.value, c.unit)


def without_asked_verb(q: Question, c: Candidate) -> Candidate:
    """Asked 是哪家公司开发的, a span that runs on into the question's own verb (游戏科学公司开发): the name before it."""
    if q.kind not in ("entity", "other") or q.lang != "zh":
        return c
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    if c.answer.endswith("的") and len(c.answer) > 3:  # 断层活动引发的 of 是由什么引发的: the cause before it
        c = Candidate(c.answer[:-1], c.sentence, c.start, c.end - 1, c.score, c.coverage, c.fit, c.value, c.unit)
    words = list(pseg.cut(c.answer))
    verb, tag = words[-1] if len(words) >= 2 else ("", "")
    asked = re.search(r"哪|什么|谁|啥", q.text)
    # the verb the question says after what it asks (哪家公司开发的), not a noun it names (助企暖企行动叫啥名)
    if not (tag == "v" and len(verb) >= 2 and asked and verb in q.text[asked.end():]
            and len(c.answer) - len(verb) >= 2):
        return c
    end = c.end - len(verb)
    whole = next(iter(pseg.cut(c.sentence.text[end:end + 8])), None)
    if whole is not None and len(whole.word) > len(verb) and whole.word.startswith(verb) and whole.flag.startswith("n"):
        end += len(whole.word)  # 文昌航天发射|场: the reader stopped inside a noun the verb begins (发射场)
    return Candidate(c.sentence.text[c.start:end], c.sentence, c.start, end, c.score, c.coverage, c.fit, c.value,
                     c.unit)


_SAID_IS = re.compile(r"(?:则|就|即|便|正|也)?(?:是|为)")


def after_subject(q: Question, c: Candidate) -> Candidate:
    """A span that opens with what the question says and a copula (杭州亚运会的吉祥物则是“江南忆”…): what follows it."""
    if q.kind not in ("entity", "other") or q.lang != "zh":
        return c
    for m in _SAID_IS.finditer(c.answer, 2, 24):
        said = normalize_for_match(c.answer[:m.start()])
        if len(said) >= 2 and said in q.norm and len(c.answer) - m.end() >= 2:
            at = c.start + m.end()
            return Candidate(c.sentence.text[at:c.end], c.sentence, at, c.end, c.score, c.coverage, c.fit, c.value,
                             c.unit)
    return c


def _measured_head(question: str) -> str | None:
    """The noun after 哪栋/哪艘/哪款… (哪栋大厦坠楼 -> 大厦): the first word after the measure word."""
    import jieba  # deferred: loads jieba's dictionary

    m = _HEAD_MEASURE.search(question)
    return next(iter(jieba.cut(m.group(1))), None) if m else None


