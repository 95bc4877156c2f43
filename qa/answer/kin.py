"""A figure said of something of the same kind as what is asked, not of it: 深证成指收盘报多少点 is not 3068.32点 of
"截至收盘，沪指涨0.52%，报3068.32点；" (沪指 and 深证成指 both end in 指: indices). The kind is told by the last character
the two share; the question must open with what it asks about, and the passage must name it elsewhere, so that a
passage about it alone is never doubted."""

from __future__ import annotations

import re

from qa.answer.extractors import Candidate
from qa.answer.question import Question

_NOUN_TAGS = ("n", "j", "nz", "nt", "vn")


def _subject_words(question: str) -> list[str]:
    """The words of the question's first run of nouns (深证|成指|收盘报 of 深证成指收盘报多少点)."""
    from qa.answer.measures import tagged  # deferred: jieba's tagger, cached per text

    run: list[str] = []
    for w, f in tagged(question):
        if f in _NOUN_TAGS:
            run.append(w)
        elif run or not (_LEAD.fullmatch(w) or f in ("t", "m")):
            break  # the run must open the question (after a year or a date at most): it is what is asked about
    return run


_LEAD = re.compile(r"\d+|[年月日号]|\s")


def other_kin(q: Question, c: Candidate) -> bool:
    """``c``'s sentence names a kindred thing (a word of two to four characters ending as the question's subject
    does, after a clause mark) and not the subject, which its passage names elsewhere (the subject: the longest
    start of the question's first run of nouns that the passage holds, 深证成指 of 深证成指收盘报)."""
    if q.kind != "number" or q.lang == "en":
        return False
    words, passage = _subject_words(q.text), c.sentence.passage.text
    while words and "".join(words) not in passage:
        words = words[:-1]
    subject, sentence = "".join(words), c.sentence.text
    if len(subject) < 3 or subject in sentence:
        return False
    kin = re.compile(rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{1,3}}{re.escape(subject[-1])}")
    return any(m.group() not in q.text and not _verb(m.group()[-2:]) and not _inside_word(sentence, m.end())
               for m in kin.finditer(sentence))


def _inside_word(text: str, at: int) -> bool:
    """``at`` falls inside a word of jieba's dictionary: a kindred thing is no part of a word (本年度奖金为1100万瑞典克朗
    names no 本年度奖, asked the 诺贝尔文学奖's 奖金; jieba's guess 沪|指涨 is no such word)."""
    import jieba  # deferred: loads jieba's dictionary

    return any(a < at < b and jieba.dt.FREQ.get(w) for w, a, b in jieba.tokenize(text))


def _verb(word: str) -> bool:
    """jieba's dictionary tags ``word`` a verb (同比增长 ends in 增长: no kin of 部长)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    return pseg.dt.word_tag_tab.get(word, "").startswith("v")


__all__ = ["other_kin"]
