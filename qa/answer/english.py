"""English questions over Chinese passages: names spelt in pinyin, and English around the answer.

"How many households got their certificates through the Lanshan Yaju consultation?" names
蓝山雅居 in pinyin: the passages are searched for the Chinese words that spell it, which
then count as question terms like any other. The answer quotes the Chinese figure with
English around it: "275 households (275户)", "8 August (8月8日)".
"""

from __future__ import annotations

import re

from qa.answer.absent import Entity
from qa.text.glossary import romanise

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
_MONTHS = ("January February March April May June July August September October November December").split()
# words that end the counted noun after "how many" (verbs, prepositions, articles)
_NOUN_END = frozenset("did do does were was is are has have had got get from in at of on for by through to with "
                      "the a an during across under over this that their its".split())
_COUNT = re.compile(r"^(\d[\d.,]*)(余|多)?")


def names_in_chinese(entities: list[Entity], texts: list[str]) -> list[str]:
    """Chinese words of ``texts`` that spell the question's romanised names (lanshanyaju -> 蓝山雅居)."""
    names = [e.text for e in entities if e.kind == "romanised"]
    if not names:
        return []
    import jieba  # deferred: loads jieba's dictionary

    found: list[str] = []
    for text in texts:
        for run in _CJK_WORD.findall(text):
            words = list(jieba.cut(run))
            spelt = [romanise(w) for w in words]
            for i in range(len(words)):  # a name may run over several words (蓝山/雅居)
                joined = ""
                for j in range(i, min(i + 4, len(words))):
                    joined += spelt[j]
                    if joined in names:
                        found.append("".join(words[i:j + 1]))
                    if not any(n.startswith(joined) for n in names):
                        break
    return list(dict.fromkeys(found))


def counted_noun(question: str) -> str | None:
    """The English noun after "how many" (households, person-visits, mu), if any."""
    m = re.search(r"\bhow many\s+([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3})", question, re.IGNORECASE)
    if not m:
        return None
    words = []
    for w in m.group(1).split():
        if w.lower() in _NOUN_END:
            break
        words.append(w)
    return " ".join(words) or None


def around_number(question: str, answer: str) -> str:
    """190件 -> "190 proposals (190件)"; the Chinese figure stays quoted as found."""
    noun, m = counted_noun(question), _COUNT.match(answer)
    if not noun or not m:
        return answer
    more = "more than " if m.group(2) else ""
    return f"{more}{m.group(1)} {noun} ({answer})"


def around_date(answer: str) -> str:
    """8月8日 -> "8 August (8月8日)"; 2021年 -> "2021 (2021年)"."""
    m = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", answer)
    if m and 1 <= int(m.group(2)) <= 12:
        year = f" {m.group(1)}" if m.group(1) else ""
        return f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]}{year} ({answer})"
    m = re.fullmatch(r"(\d{4})年", answer)
    return f"{m.group(1)} ({answer})" if m else answer
