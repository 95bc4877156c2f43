"""Whether the words before a question's ask (or before its 又) name a subject of their own: a place,
person, organisation or thing (英国央行…, 蔚来7月又…), not a pronoun pointing back (为防范它…), a place
where (在西宁市…) or a pointer into a first part (其中…又…). Used by :mod:`qa.answer.intent`,
:mod:`qa.answer.later` and :mod:`qa.answer.coordinated`."""

from __future__ import annotations

import re

_PROPER = ("ns", "nr", "nt", "eng")  # jieba tags of places, people, organisations, Latin words (nz: our own words too)
_POINTS_BACK = re.compile(r"[它其他她]|该|此")  # 为防范它…: about what was named before
_PLACE_WORD = re.compile(r"在|于|从")  # 在西宁市呢: where, not who


def names_subject(head: str) -> bool:
    """Whether the words before a question's ask name a subject of their own: a place, person,
    organisation or Latin name (英国央行…, 周冠宇在…), not a pronoun pointing back (为防范它…) nor a
    place where (在西宁市…)."""
    import jieba
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary (the question analysis has loaded it)

    if _POINTS_BACK.search(head) or _PLACE_WORD.match(head):
        return False
    # a person's name is rare in jieba's dictionary (荣誉 is tagged nr too)
    return any(f.startswith(_PROPER) and (f != "eng" or len(w) >= 2)
               and (not f.startswith("nr") or (jieba.dt.FREQ.get(w) or 0) < 100) for w, f in pseg.cut(head))


def asks_again(clause: str, ask: int) -> bool:
    """Whether ``clause`` names a thing of its own and then 又 before its ask at ``ask`` (复兴号动车组又在哪…)."""
    cut = clause.find("又")
    return 0 < cut < ask and names_thing(clause[:cut])


_POINTS_INTO = re.compile(r"其中|同期|同时|期间|此外|另外|当年|当天|当日")  # 其中女性又有多少: part of the first's


def names_thing(head: str) -> bool:
    """Whether the words before a part's 又 name a thing of their own (蔚来7月又…, 中老铁路…开行以来又…): a
    noun or a Latin word that is no time (今年又…) and no pointer into the first part (其中…又…)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    if _POINTS_BACK.search(head) or _POINTS_INTO.search(head) or _PLACE_WORD.match(head):
        return False
    return any(f.startswith("n") or f == "eng" for _, f in pseg.cut(head))
