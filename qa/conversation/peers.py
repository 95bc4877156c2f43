"""The word of the previous question that an elliptical follow-up stands in for, when that question names
no organisation of the index (news: 腾讯2023年第二季度营收多少？ then 京东呢？ / 6月份呢？ / 净利润呢？; 沪指… then 深证成指呢？).

The rewriter (:mod:`qa.conversation.rewrite`) was written for reports that name an organisation in every
question; a company, a team, a month or a measure is what news questions change from one turn to the next.
A fragment replaces the previous question's word of its own kind: a name for a name (jieba's name tags),
a period for a period, a word for the word that ends as it does (沪指 -> 深证成指, 本科招生计划 -> 专项计划), a measure for
the measure right before the ask.
"""

from __future__ import annotations

import re

_NAME_TAGS = ("nz", "nt", "nr", "nrt", "ns")
_PERIOD = re.compile(r"(?:[0-9一二三四五六七八九十]{1,2}(?:-[0-9]{1,2})?月份?|第[一二三四1-4]季度|[上下]半年"
                     r"|前[0-9一二三四五六七八九十]{1,2}个?月)")
_YEAR = re.compile(r"(?:19|20)\d\d年")
# the measure right before the ask: 收入 of 京东第二季度收入是多少, 营收 of …营收多少
_BEFORE_ASK = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:是|为|有)?(?:多少|几)")


def _tagged(text: str) -> list[tuple[str, str]]:
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    return [(w, f) for w, f in pseg.cut(text)]


def peer_replaced(text: str, fragment: str) -> str | None:
    """``text`` (the previous question) with the word ``fragment`` stands in for replaced by it, or None when
    it has no such word: a period for a period (7月份 -> 6月份), a name for the first name (腾讯 -> 京东,
    美国队 -> 中国队), a measure for the one before the ask (收入 -> 净利润)."""
    if _PERIOD.fullmatch(_YEAR.sub("", fragment)):  # 2022年7月 for 2023年6月, 6月份 for 7月份 (the year kept)
        m = re.compile((_YEAR.pattern + "?" if _YEAR.match(fragment) else "") + _PERIOD.pattern).search(text)
        return text[:m.start()] + fragment + text[m.end():] if m else None
    words = _tagged(fragment)
    if len(words) == 1 and words[0][1] in _NAME_TAGS and len(fragment) >= 2:
        names = [(w, f) for w, f in _tagged(text) if f in _NAME_TAGS and len(w) >= 2 and w != fragment]
        # 中国队 for 美国队 (the same ending), then a name of its kind, then the first
        old = next((w for w, _ in names if w[-1] == fragment[-1]), None) or next(
            (w for w, f in names if f == words[0][1]), None) or (names[0][0] if names else None)
        return text.replace(old, fragment, 1) if old else None
    if same := _same_ending(text, fragment, words):
        return same
    if all(f.startswith(("n", "v")) for _, f in words) and (m := _BEFORE_ASK.search(text)):
        old = _tail_word(m.group(1))
        return text[:m.end(1) - len(old)] + fragment + text[m.end(1):] if old else None
    return None


def _same_ending(text: str, fragment: str, words: list[tuple[str, str]]) -> str | None:
    """``text`` with its word that ends as ``fragment`` does replaced by it (沪指收盘报多少点 then 深证成指呢: 深证成指
    收盘报多少点), with the words modifying it when the fragment has its own (本科招生计划 -> 专项计划); None when no
    word of ``text`` ends so."""
    spans, at = [], 0
    for w, f in _tagged(text):
        spans.append((at, at + len(w), w, f))
        at += len(w)
    for i, (_, b, w, f) in enumerate(spans):
        if len(w) < 2 or w == fragment or w[-1] != fragment[-1] or not f.startswith(("n", "v", "j")) \
                or _PERIOD.fullmatch(w):
            continue
        while len(words) > 1 and i > 0 and spans[i - 1][3] in _MODIFIERS and len(spans[i - 1][2]) >= 2:
            i -= 1  # 本科|招生|计划 for 专项|计划: the fragment says its own kind
        return text[:spans[i][0]] + fragment + text[b:]
    return None


_MODIFIERS = ("n", "vn", "v", "r", "j", "b")


def _tail_word(phrase: str) -> str | None:
    """The last word of ``phrase`` when it is a noun or a verb used as one (营收, 收入, 净利润), not a period."""
    words = _tagged(phrase)
    w, f = words[-1]
    if len(w) >= 2 and f.startswith(("n", "v")) and not _PERIOD.fullmatch(w):
        return w
    return None


__all__ = ["peer_replaced"]
