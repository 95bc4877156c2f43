"""Stories that never name what a question names first: a company jieba does not know (高合 of 高合汽车2023年7月的
整体交付量), or an abbreviation (GDP), written as it is or spelt out (国内生产总值). A figure from a story naming
neither is someone else's (极氪's 12039辆, 腾讯's 11%) when a trusted one comes from a story that does. A work the
question names (《满江红》) is looked for in the answer's sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from qa.answer.entities import PERIOD_WORD, after_date
from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.text.abbreviations import ABBREVIATION, SPELT_OUT
from qa.text.normalize import normalize_for_match


def named_first(q: Question, ranked: list[Candidate], threshold: float,
                document: Callable[[Candidate], str]) -> list[Candidate]:
    """``ranked`` without the candidates whose ``document`` (normalised) never names the word the question
    opens with (:func:`unknown_lead`) or an abbreviation it writes (GDP), when a trusted candidate (score >=
    ``threshold``) comes from a document that names it: 极氪's 12039辆, from a story that never names 高合, had
    answered that question. As it is otherwise: the word may be a fragment jieba cut (台积|电), so a document
    lacking it is no reason to say "not found" -- unless no candidate's document names the word a question opens
    with at all (not after a date: 温网 may be written out)."""
    lead = unknown_lead(q.text)
    if lead and _opens_with_name(q.text, lead) and not any(lead in document(c) for c in ranked):
        return []  # 小鹏汽车10月交付了多少辆, asked of stories on 蔚来, 理想 and 特斯拉: none is about it
    for forms in ([[lead]] if lead else []) + _abbreviated(q.text):  # or an abbreviation, written out or not
        named = [c for c in ranked if any(f in document(c) for f in forms)]
        if named and named[0].score >= threshold and len(named) < len(ranked):
            ranked = named
    return ranked


_TITLE = re.compile(r"《([^《》]{1,40})》")
# a sentence that goes on about what the one before named (该片, 此书, 这部电影): it may be about the title
_REFERS = re.compile(r"^\s*(?:该|此|这|其|本|影片|片中)")


def titled_first(q: Question, ranked: list[Candidate], threshold: float) -> list[Candidate]:
    """``ranked`` with a trusted candidate (score >= ``threshold``) of the best one's story whose sentence names the
    work the question names (《满江红》) put before a best one whose sentence names neither it nor anything before it: the
    holiday's 67.58亿元 is no answer to 《满江红》春节档票房是多少, 《满江红》以票房22.8亿元位列档期第一 is."""
    titles = [normalize_for_match(t) for t in _TITLE.findall(q.text)]
    if not titles or len(ranked) < 2:
        return ranked
    best = ranked[0]
    if any(t in best.sentence.norm for t in titles) or _REFERS.match(best.sentence.text):
        return ranked
    for i, c in enumerate(ranked[1:], 1):
        if c.score < threshold:
            break
        # of the same story only: an article about the work names it in few sentences, and another article's
        # sentence naming it took two CMRC 2018 dev answers in their first 1,000 questions
        if c.sentence.passage.doc_id == best.sentence.passage.doc_id and any(t in c.sentence.norm for t in titles):
            return [c, *ranked[:i], *ranked[i + 1:]]
    return ranked


def _opens_with_name(question: str, lead: str) -> bool:
    """The question itself (no date first) opens with ``lead`` as a word that may be a name by jieba's tagger too:
    not a fragment its two cuttings disagree on (据财|联社 cut, 据/p 财/n 联社/n tagged)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    if after_date(question) != question:
        return False
    word, tag = next(iter(pseg.cut(question)), ("", "x"))
    return normalize_for_match(word) == lead and tag[0] in "nx"


def named_alike(q: Question, best: Candidate, others: list[Candidate],
                document: Callable[[Candidate], str]) -> list[Candidate]:
    """The rivals of ``best`` whose documents name what it names of the question's lead word and abbreviations
    (:func:`named_first`): 腾讯's 11% contradicts no GDP figure."""
    lead = unknown_lead(q.text)
    groups = [forms for forms in ([[lead]] if lead else []) + _abbreviated(q.text)
              if any(f in document(best) for f in forms)]
    return [c for c in others if all(any(f in document(c) for f in forms) for forms in groups)]


def _abbreviated(question: str) -> list[list[str]]:
    """Each abbreviation ``question`` writes with the names that spell it out, normalised (GDP: gdp, 国内生产总值):
    a figure from a story naming none of them is not the one asked (腾讯's 11% for 二季度GDP同比增长多少)."""
    return [[normalize_for_match(m.group(1)), *map(normalize_for_match, SPELT_OUT[m.group(1)])]
            for m in ABBREVIATION.finditer(question)]


@lru_cache(maxsize=1024)
def unknown_lead(question: str) -> str | None:
    """The word a question opens with when jieba's dictionary lacks it (高合 of 高合汽车…, 李翰文), or, after a date
    it opens with, a word it counts under 100 times (温网 of 2023年温网男单冠军是谁; not 带队), else None. The rare
    words a question opens with itself are :func:`qa.answer.entities.leading_name`'s, which a document must name; after
    a date they are only preferred (2023年7月国产车企的销量: 国产车 names no company)."""
    import jieba
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    rest = after_date(question)
    first = next(iter(jieba.cut(rest)), "")
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*\d[A-Za-z0-9-]*", first) and not re.search(r"[A-Za-z]\s", rest[:len(first) + 1]):
        return normalize_for_match(first)  # T1, C919 opening a Chinese question: a name (not GPT in GPT-4 Turbo…)
    if len(first) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", first) or PERIOD_WORD.search(first):
        return None
    freq = jieba.dt.FREQ.get(first)
    if rest != question and freq and (freq >= _DATED_RARE or pseg.dt.word_tag_tab.get(first, "x")[0] in "vpcudrmqft"):
        return None
    return normalize_for_match(first) if not freq or rest != question else None


_DATED_RARE = 100  # after a date, a word jieba counts this often or more is no name (带队 191; 温网 3, 腾讯 98)


__all__ = ["named_alike", "named_first", "unknown_lead"]


def names_its(q: Question, c: Candidate) -> bool:
    """``c``'s sentence names what the part is about, when the part names a thing (特斯拉 of 特斯拉和比亚迪…的销量:
    not 比亚迪…302.44万辆, which the rules trusted most; the fused scores then decide)."""
    names = [e.text for e in q.entities if e.kind == "name"]
    return not names or any(n in c.sentence.text for n in names)
