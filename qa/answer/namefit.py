"""Who a reader span names, asked who (used by :mod:`qa.answer.reading`).

A span is no answer when its sentence does not name the role asked or names another rank of it
right before the name (:func:`other_rank`), or when it is the titles said before a person's name
(:func:`role_before_name`); a span that names no one but is followed by a title and a name, or
that describes the person named right after it, gives way to that name (:func:`name_after_role`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.extractors import Candidate
from qa.answer.namelists import credit_stripped
from qa.answer.names import DOTTED_NAME, dotted_end, foreign_names, name_after, name_ending
from qa.answer.openings import name_opening
from qa.answer.question import Question

_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")


def other_rank(q: Question, c: Candidate) -> bool:
    """A name whose sentence does not name the role asked, or names another rank of it right before
    the name: 副主席是谁 answered by 主席周学斌 or by 区委书记汤瑞, 主席是谁 by 副主席李四. The rules read
    names after the asked role only; the reader reads any name."""
    role = q.role if q.kind == "person" else None
    if not role:
        return False
    own = r"(?<!副)" + re.escape(role) if not role.startswith("副") else re.escape(role)
    # an English role word is a glossary's loose translation ("leader" -> 负责人) unless it is a vice rank
    if (q.lang == "zh" or role.startswith("副")) and not re.search(own, c.sentence.text):
        return True
    # right before the span, or before the name it cuts (主席周学|斌)
    near = c.sentence.text[max(0, c.start - len(role) - 3):c.start]
    if role.startswith("副"):
        return role[1:] in near and role not in near
    return "副" + role in near


# a role or office ending a span: 副镇长, 政协委员, 联络室主任, 书记, 负责人
_ROLE_END = re.compile(r"(?:长|员|主任|书记|主席|代表|负责人)$")


def role_before_name(q: Question, c: Candidate) -> bool:
    """Asked who, a span that is the titles said before the person's name, not the name:
    峨堡镇副镇长兼政协委员 of "峨堡镇副镇长兼政协委员联络室主任的周占海在…记录着". Only when the
    span ends in a role and a name follows it in the same clause (a role alone may be the answer)."""
    from qa.answer.entities import people  # deferred: loads jieba's dictionary

    if q.kind != "person" or not _ROLE_END.search(c.answer):
        return False
    text = c.sentence.text
    stop = _CLAUSE_END.search(text, c.end)
    clause = text[c.end:stop.start() if stop else len(text)]
    return bool(people(clause)) and not people(c.answer)


# titles said right after a span and before a name: 经济界委员工作室|负责人|王新, 峨堡镇副镇长兼政协委员|联络室主任的|周占海
_ROLE_NEXT = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:负责人|主任|书记|主席|会长|董事长|经理|站长|所长|院长|局长|部长|队长)的?")


def name_after_role(q: Question, c: Candidate) -> Candidate:
    """Asked who, a span that names no one but is followed by a title and a person's name (经济界委员工作室
    of 经济界委员工作室负责人王新…; the titles 峨堡镇副镇长兼政协委员 of …联络室主任的周占海): the name is the
    answer, the span its setting. A span that runs up to a name, the name. Any other span as it is."""
    from qa.answer.entities import people  # deferred: loads jieba's dictionary

    text = c.sentence.text
    if q.kind != "person":
        return c
    if (opened := name_opening(c.answer)) is not None:  # 阿尔卡拉斯以3比2击败德约科维奇: the one who did it
        return replace(c, answer=c.answer[:opened], end=c.start + opened)
    dot = max(c.answer.rfind("·"), c.answer.rfind("・"))
    if dot > 0 and (whole := dotted_end(text, c.start + dot)) > c.end:
        c = replace(c, answer=text[c.start:whole], end=whole)  # 塔德塞·塔科|内: the dotted name's last part whole
    if c.answer[:1] in "为是由" and name_after(text, c.start + 1) == (c.start + 1, c.end):
        return replace(c, answer=c.answer[1:], start=c.start + 1)  # 该片监制为宁浩: 宁浩
    if (hi := _described_name(text, c)) is not None:  # 白俄罗斯人权活动人士|比亚利亚茨基: who it describes
        return replace(c, answer=text[c.end:hi], start=c.end, end=hi)
    if not (m := _ROLE_NEXT.match(text, c.end)) or people(c.answer):
        lo = name_ending(text, c.start, c.end)  # 女子组冠军由肯尼亚选手斯特拉·切萨塔: the name it ends in
        hi = credit_stripped(text, lo, c.end)  # 周也领衔主演: the name its credit follows
        return c if (lo, hi) == (c.start, c.end) else replace(c, answer=text[lo:hi], start=lo, end=hi)
    stop = _CLAUSE_END.search(text, m.end())
    named = [(a, b) for a, b in people(text[m.end():stop.start() if stop else len(text)]) if a == 0]
    if not named:
        return c
    lo, hi = m.end(), m.end() + named[0][1]
    return replace(c, answer=text[lo:hi], start=lo, end=hi)


# a span ending in what a person is (人权活动人士, 法国作家, 肯尼亚选手): the name after it says who
_PERSON_NOUN = re.compile(r"(?:人士|作家|诗人|学家|科学家|活动家|艺术家|选手|运动员|球员|棋手|演员|导演|歌手|教授|院士|记者|律师)$")


# or a team (韩国战队, 美国乐队) whose name follows in Latin letters (T1, DRX, Coldplay)
_TEAM_NOUN = re.compile(r"(?:战队|球队|车队|乐队|组合|俱乐部)$")
_LATIN_AFTER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ .&-][A-Za-z0-9]+)*")


def _described_name(text: str, c: Candidate) -> int | None:
    """Where the name right after ``c`` ends, when ``c`` says what a person is and names no one."""
    from qa.answer.entities import people  # deferred: loads jieba's dictionary

    if _TEAM_NOUN.search(c.answer) and (latin := _LATIN_AFTER.match(text, c.end)):
        return latin.end()  # 韩国战队|T1: a team named in Latin letters
    if not _PERSON_NOUN.search(c.answer) or people(c.answer) or foreign_names(c.answer):
        return None
    if dotted := DOTTED_NAME.match(text, c.end):
        return dotted.end()
    return next((b for a, b in foreign_names(text) if a == c.end), None) or \
        next((c.end + b for a, b in people(text[c.end:c.end + 12]) if a == 0), None)
