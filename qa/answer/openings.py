"""The name a reader's span opens with, when the span goes on to say something of it: 阿尔卡拉斯以3比2击败德约科维奇
-> 阿尔卡拉斯, DRX以3比2击败T1 -> DRX, 杰伦·布朗当选总决赛最 -> 杰伦·布朗 (moved from :mod:`qa.answer.names`)."""

from __future__ import annotations

import re

from qa.answer.names import COMMON_WORD, DOTTED_NAME, TRANSLITERATION, foreign_names, jieba_freq, person_names


def name_opening(span: str) -> int | None:
    """The end of the name a span opens with when it says more after it, in common words, than a list goes on
    with (阿尔卡拉斯以3比2击败德约科维奇 -> 阿尔卡拉斯; not 张三、李四, 张三和李四, 张三等, 罗致|焕); None otherwise."""
    if m := DOTTED_NAME.match(span):
        end = _verb_after_dotted(m.group()) or m.end()
        if end == len(span):
            return None
    else:
        found = [b for a, b in person_names(span) if a == 0 and jieba_freq(span[a:b]) < COMMON_WORD]
        found = found or [b for a, b in foreign_names(span) if a == 0] or _short_foreign(span) or _latin_acting(span)
        if not found:
            return None
        end = found[0]
    rest = span[end:]
    if len(rest) < 2 or rest[0] in "、和与及·・等,，(（":
        return None  # no more than a character jieba cut off (罗致|焕), or a list going on
    import jieba  # deferred: loads jieba's dictionary

    return end if jieba_freq(next(iter(jieba.cut(rest)))) >= COMMON_WORD else None  # 以3比2击败…: said of the name


_LATIN_START = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _latin_acting(span: str) -> list[int]:
    """A name in Latin letters that a verb or a preposition follows (DRX以3比2击败T1): its end; not NBA总决赛…."""
    if not (m := _LATIN_START.match(span)) or m.end() == len(span):
        return []
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    word = next(iter(pseg.cut(span[m.end():m.end() + 6])))
    return [m.end()] if word.flag[:1] in ("p", "v") else []


def _verb_after_dotted(span: str) -> int | None:
    """The end of a dotted name's last part when a verb follows it without a break (杰伦·布朗当选总决赛最: the
    dotted pattern takes 布朗当选总决赛最 whole): the first word of that part, if the next is a common verb."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    last = span.rfind("·", 0, len(span)) + 1 or span.rfind("・") + 1
    words = list(pseg.cut(span[last:]))
    if len(words) < 2 or not 1 <= len(words[0].word) <= 4 or not words[1].flag.startswith("v") \
            or len(words[1].word) < 2 or jieba_freq(words[1].word) < COMMON_WORD:
        return None
    return last + len(words[0].word)


def _short_foreign(span: str) -> list[int]:
    """The end of a two-character foreign name a span opens with, which jieba tags as one (米莱/nrt以…当选):
    too short for :func:`foreign_names`, which needs three characters to tell a name from a word."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    word, flag = next(iter(pseg.cut(span)), ("", ""))
    return [len(word)] if flag == "nrt" and len(word) == 2 and set(word) <= TRANSLITERATION else []


__all__ = ["name_opening"]
