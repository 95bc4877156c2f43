"""What post a named person holds: 汤瑞担任什么职务？ -> 大武口区区委书记.

Reports write a person's post right before the name (大武口区区委书记汤瑞调研…, 区委副书记、区长王五), so the
answer is the clause's words before the name when they end in a title (书记, 主席, 主任, 部长, …; words of
Chinese, not of one corpus). Several titles joined by 、 are all the person's. A person no retrieved passage
names is "not found" (the absent-entity check, before this); one named with no title before goes the usual way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.answer import english
from qa.answer.draft import Draft, Support
from qa.answer.edges import words_of
from qa.answer.evidence import PassageView, Sentence
from qa.answer.extractors import Candidate
from qa.answer.question import Question

_ASKS = re.compile(
    r"(?:什么|何|哪个|哪一个?|哪种)(?:职务|职位|官职|头衔|身份|职)|职务是|职位是"
    r"|\bwhat (?:position|post|title|office|role)s?\b|\bwhich (?:position|post|office)\b",
    re.IGNORECASE,
)
#: how a post ends: 书记, 副主席, 区长, 秘书长, 常委 …
POST = re.compile(
    r"(?:书记|主席|主任|部长|局长|处长|科长|厅长|省长|市长|州长|县长|区长|镇长|乡长|村长|秘书长|常委|委员|组长"
    r"|校长|院长|董事长|总经理|经理|总裁|会长|社长|馆长|所长|队长|站长|主编|代表|负责人)$"
)
_CLAUSE = re.compile(r"[，,。；;：:！!？?（(）)“”\"《》\s]")


def asks_role(question: str) -> bool:
    """The question asks what post someone holds (担任什么职务, what position does … hold)."""
    return _ASKS.search(question) is not None


def candidates(views: Sequence[PassageView], names: Sequence[str]) -> list[Candidate]:
    """The posts written right before any of ``names`` in the passages, best-ranked passage first."""
    found: list[Candidate] = []
    for view in views:
        for sent in view.sentences:
            for name in names:
                for m in re.finditer(re.escape(name), sent.text):
                    c = _post_before(sent, m.start())
                    if c is not None:
                        found.append(c)
    return found


def compose(q: Question, views: Sequence[PassageView]) -> Draft | None:
    """The post of the person ``q`` names, cited where the passages write it; None when none is found."""
    names = [e.text for e in q.entities if e.kind == "person"] or english.names_in_chinese(
        q.entities, [s.text for v in views for s in v.sentences])
    found = candidates(views, names)
    if not found:
        return None
    best = found[0]
    name = next(n for n in names if n in best.sentence.text)
    answer = f"{name} holds the post “{best.answer}”" if q.lang == "en" else best.answer
    return Draft(answer, False, [Support(best.sentence, best.start, best.end)], best.score, q.kind)


def _post_before(sent: Sentence, at: int) -> Candidate | None:
    """The titles ending right at ``at`` in ``sent``'s clause (区委副书记、区长), or None."""
    text = sent.text
    lo = at
    while lo > 0 and not _CLAUSE.match(text[lo - 1]):
        lo -= 1
    items, end = text[lo:at].split("、"), at
    posts: list[str] = []
    for item in reversed(items):  # from the name back: every item of the 、-list that is a post
        if not POST.search(item):
            break
        posts.insert(0, item)
    if not posts:
        return None
    start = end - len("、".join(posts))
    first = start + len(posts[0])
    # the first item may begin with what leads into it (会议由|区委副书记, 邀请|市政协主席): it starts after
    # its last preposition, verb or conjunction, as jieba's dictionary tags them
    leads = [start + b for _, b, tag in words_of(text[start:first]) if tag[:1] in "pvc" and start + b < first]
    start = max(leads, default=start)
    return Candidate(text[start:end], sent, start, end, 1.0, 1.0, 1.0)


__all__ = ["asks_role", "candidates", "compose"]
