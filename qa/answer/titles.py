"""Titles asked for by what they say: 张掖市政协在健康养老产业这块拿出过一份调研报告，标题是什么？

A report lists several quoted or book-title names in one sentence (修订完善《政协党组议事规则》
《海西州政协机关公文制发流程》等规章制度); the question describes the one it wants (管机关公文的那份).
The title holding most of what the question's nearest describing clause says, weighted by how rare
each word is in the index, is the answer; the reader, trained on encyclopaedia questions, tends to
take the first title of a list.
"""

from __future__ import annotations

import re

from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.answer.scoring import TermWeights
from qa.text.normalize import normalize_for_match, to_halfwidth

# the question asks for the title of something it describes (那份调研报告的标题, 讲城市管网的那条叫什么);
# a bare 叫什么 asks a name (2022年世界杯吉祥物叫什么: 拉伊卜, not the quoted “平行世界” that shares 世界)
_ASKS_TITLE = re.compile(r"题目|标题|名称|题为|怎么表述|如何表述|的(?:那[个份条项篇部本])?叫什么|那[个份条项篇部本]叫什么|"
                         r"(?:文件|报告|建议|规定|办法|意见|方案|制度|文章|课题|议题|主题|口号|活动)叫什么")
_TITLE_WORDS = re.compile(r"题目|标题|名称|名字|叫什么|题为|表述")
_OPENING = "“《「"
_CLEAR = 1.2  # how much more of the description the best title must hold for the rules to decide
_AFTER_DE = re.compile(r"的([\u4e00-\u9fff]{2,8})")
_KIND_END = re.compile(r"[被是叫有在得拿获用采里中]")
_RESTATES = 0.6  # share of a title's characters that are the question's words: it only restates them


def asks_title(q: Question) -> bool:
    """The question asks for the title of a thing it describes."""
    return q.kind == "entity" and q.lang == "zh" and _ASKS_TITLE.search(q.text) is not None


def described(q: Question) -> list[list[tuple[str, set[str]]]]:
    """What the question says of the title it asks for, clause by clause from the ask backwards:
    each clause's terms with their character pairs (健康养老产业 -> 健康, 养老, 老产, 产业), without
    the words that ask for the title. Empty unless :func:`asks_title`."""
    if not asks_title(q):
        return []
    # as written, not normalize_for_match: it reads 万户 as 10000户
    clauses = [_plain(c) for c in re.split(r"[，,；;。？?]", q.text) if c.strip()]
    terms = [t for t in q.terms if len(t) >= 2 and not _TITLE_WORDS.search(t)]
    return [said for c in reversed(clauses) if (said := [(t, _bigrams(_plain(t))) for t in terms if _plain(t) in c])]


def hits(q: Question, titles: list[str], tw: TermWeights) -> list[float]:
    """How much of the nearest clause that any title speaks to each title holds: each term's
    share of pairs found, times its weight (访百企进万户 for 那个走访企业、深入千家万户的叫什么, not
    the category 联系群众 said before; 假日经济, rare, over 社情民意信息, everywhere)."""
    weight = dict(zip(tw.terms, tw.weights))
    asked = _said(q)
    for said in described(q):
        found = [0.0 if _restates(title, asked) else
                 sum(weight.get(normalize_for_match(t), 0.0) * len(pairs & _bigrams(_plain(title))) / len(pairs)
                     for t, pairs in said) for title in titles]
        if any(found):
            return found
    return [0.0] * len(titles)


def _said(q: Question) -> set[str]:
    """The character pairs of the kinds of thing the question names after a 的 (关于假日经济的[社情民意信息]被…采用,
    领导批示的[社情民意信息]里): what the title asked for is one of, not what it says."""
    kinds = [_KIND_END.split(m.group(1))[0] for m in _AFTER_DE.finditer(_plain(q.text))]
    return {p for k in kinds for p in _bigrams(k)}


def _restates(title: str, said: set[str]) -> bool:
    """Most of the title's character pairs are the kind of thing the question names: it names that
    kind (“优秀社情民意信息” for 那条社情民意信息的标题), not the one asked for."""
    pairs = _bigrams("".join(ch for ch in _plain(title) if ch.isalnum()))
    return bool(pairs) and len(pairs & said) >= _RESTATES * len(pairs)


def told_apart(q: Question, found: list[Candidate], tw: TermWeights) -> list[Candidate]:
    """Titles score up to 0.2 more by how much of the description they hold, against the best;
    titles holding none of it 0.1 less."""
    titles = [c for c in found if c.answer[:1] in _OPENING]
    if not titles or not asks_title(q):
        return found
    held = _held(q, titles, tw)
    top = max(held)
    for c, h in zip(titles, held):
        c.score += 0.2 * h / top if h else -0.1
    return found


def title_lead(q: Question, ranked: list[Candidate], tw: TermWeights) -> bool:
    """The best candidate is a title holding clearly more of what the question describes than any
    other title found: then the rules, not the reader, tell the titles apart."""
    titles = [c for c in ranked if c.answer[:1] in _OPENING]
    if not asks_title(q) or not titles or titles[0] is not ranked[0]:
        return False
    held = _held(q, titles, tw)
    return held[0] > 0 and all(h * _CLEAR < held[0] for h in held[1:])


# what a sentence says a quoted name is comes right after it: “建功新时代,政协新作为”理论研究成果评比活动,
# “学习领袖思想,争做责任委员”等主题实践活动; up to the next punctuation, quotation or joining word
_KIND_AFTER = re.compile(r"(?:等|这一|这个|的)?([^，,。；;：:、！!？?“”《》「」()（）和与及]{0,12})")


def _held(q: Question, titles: list[Candidate], tw: TermWeights) -> list[float]:
    """:func:`hits` of the titles; when none holds any of the description, of the titles with the kind
    their sentences say they name (a title that says what the question describes wins over one that is
    only of the kind it names: 关于假日经济的社情民意信息 is 《关于促进假日经济…》, not 《…》社情民意信息)."""
    held = hits(q, [c.answer for c in titles], tw)
    return held if any(held) else hits(q, [_with_kind(c) for c in titles], tw)


def _with_kind(c: Candidate) -> str:
    """The title with the kind of thing its sentence says it names right after it (理论研究成果评比活动),
    so that a question asking for the name of that kind finds it."""
    text = c.sentence.text
    if text[:c.start].rstrip("、和与及").endswith(("”", "》", "」")):  # one of a list: the kind is the list's
        return c.answer
    m = _KIND_AFTER.match(text, c.end)
    return c.answer + (m.group(1) if m else "")


def _plain(text: str) -> str:
    return to_halfwidth(text).lower()


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}
