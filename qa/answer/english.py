"""English questions over Chinese passages: names spelt in pinyin, and English around the answer.

"How many households got their certificates through the Lanshan Yaju consultation?" names
蓝山雅居 in pinyin: the passages are searched for the Chinese words that spell it, which
then count as question terms like any other. The answer quotes the Chinese figure with
English around it: "275 households (275户)", "8 August (8月8日)".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from qa.answer.entities import Entity
from qa.answer.names import SURNAMES, TRANSLITERATION
from qa.text.bilingual import english_name, past_form
from qa.text.glossary import romanise

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
_LEVELS = "省市县区州镇乡村"
_MONTHS = ("January February March April May June July August September October November December").split()
# words that end the counted noun after "how many" (verbs, prepositions, articles)
_NOUN_END = frozenset("did do does were was is are has have had got get from in at of on for by through to with "
                      "the a an during across under over this that their its "
                      "will would can could shall should may might must".split())  # how many years will it run
_COUNT = re.compile(r"^(\d[\d.,]*)\s*(余|多)?(万亿|万|亿)?(余|多)?")
_MAGNITUDE = {"万": 1e4, "亿": 1e8, "万亿": 1e12}
# units that measure, not count: a figure in them is never "N <things>" (331毫米 of rain, 6999元)
_MEASURED = re.compile(r"\s*(?:毫米|厘米|千米|公里|米|元|美元|欧元|日元|英镑|卢比|%|％|吨|公斤|千克|克|度|小时|分钟|秒|平方米|平方公里|公顷|亩)")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
# measures English names with a general word (a corpus's own nouns are in its lexicon's glossary): "how many
# years" is answered in 年, never by 50万元; "how much in losses" in 元
_UNIT_WORDS = {"year": "年", "years": "年", "month": "个月", "months": "个月", "day": "天", "days": "天",
               "yuan": "元", "mu": "亩", "people": "人", "persons": "人"}
_MONEY = re.compile(r"\bhow much\b(?:\s+\w+){0,6}?\s+(?:money|funds?|funding|yuan|rmb|loss(?:es)?|investment|"
                    r"income|revenue|costs?|spending|subsid(?:y|ies))\b", re.IGNORECASE)


def names_in_chinese(entities: list[Entity], texts: list[str]) -> list[str]:
    """Chinese words of ``texts`` that spell the question's romanised names (lanshanyaju -> 蓝山雅居)."""
    names = [e.text for e in entities if e.kind == "romanised"]
    if not names:
        return []
    import jieba  # deferred: loads jieba's dictionary

    found: list[str] = []
    for text in texts:
        for run in _CJK_WORD.findall(text):
            # a place jieba keeps whole with its level (江澜省) is spelt without it (Jianglan Province)
            words = [w[:-1] if len(w) > 2 and w[-1] in _LEVELS else w for w in jieba.cut(run)]
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
    # words after the first may be figures: "how many iPhone 15 series phones"
    m = re.search(r"\bhow many\s+([A-Za-z][\w'-]*(?:\s+[A-Za-z0-9][\w'-]*){0,5})", question, re.IGNORECASE)
    if not m:
        return None
    words = []
    for w in m.group(1).split():
        if w.lower() in _NOUN_END or (words and past_form(w)) or (words and w.lower().endswith("ed") and "-" not in w and words[-1].lower()
                                      not in ("and", "or")):
            break  # "people attended": a verb in the past ends the noun (an adjective comes first: "mid-sized")
        words.append(w)
    while words and words[-1].lower() in ("and", "or"):
        words.pop()
    return " ".join(words) or None


def asked_unit(question: str) -> str | None:
    """The measure an English question names with a general word: how many years -> 年, how much
    money (losses, funding, investment) -> 元; None otherwise."""
    noun = counted_noun(question)
    if noun and (unit := _UNIT_WORDS.get(noun.split()[-1].lower())):
        return unit
    if re.search(r"\bhow old\b", question, re.IGNORECASE):
        return "岁"  # How old was he when he died: 享年91岁
    if _MONEY.search(question):
        return "元"
    return "count" if noun and not _MEASURE_NOUN.search(noun) else None  # how many passengers: no 5.6吨


# nouns that are measures themselves: how many square metres, kilometres, tonnes, percentage points, times
_MEASURE_NOUN = re.compile(r"\b(?:square|cubic|kilo\w*|met(?:er|re)s?|km|miles?|tonnes?|tons?|kg|grams?|hectares?|"
                           r"dollars?|euros?|pounds?|yen|won|rmb|percent\w*|points?|degrees?|hours?|minutes?|seconds?|"
                           r"weeks?|times?|light[- ]years?|mu)\b", re.IGNORECASE)


# a sum of money as written: 34606.40亿元, 约784.1亿美元 (its currency in English)
_SUM = re.compile(r"^(约|近|超过?)?(\d[\d.,]*)(万亿|万|亿)?(元|人民币|美元|欧元|英镑|日元|港元)$")
_CURRENCIES = {"元": "yuan", "人民币": "yuan", "美元": "US dollars", "欧元": "euros", "英镑": "pounds",
               "日元": "yen", "港元": "Hong Kong dollars"}
_ABOUT = {"约": "about ", "近": "nearly ", "超": "more than ", "超过": "more than "}


def around_number(question: str, answer: str) -> str:
    """190件 -> "190 proposals (190件)", 34606.40亿元 -> "3.461 trillion yuan (34606.40亿元)"; the Chinese
    figure stays quoted as found."""
    if age := re.fullmatch(r"(\d+)周?岁", answer):
        return f"{age.group(1)} years old ({answer})"
    if money := _SUM.match(answer):
        about, digits, magnitude, currency = money.groups()
        return f"{_ABOUT.get(about or '', '')}{_figure(digits, magnitude)} {_CURRENCIES[currency]} ({answer})"
    noun, m = counted_noun(question), _COUNT.match(answer)
    if not noun or not m:
        return answer
    if (unit := _MEASURED.match(answer, m.end())) and _UNIT_WORDS.get(noun.split()[-1].lower()) != unit.group().strip():
        return answer  # 331毫米 is no count of people, whatever was asked (500 mu is 500亩)
    more = "more than " if m.group(2) or m.group(4) else ""
    return f"{more}{_figure(m.group(1), m.group(3))} {noun} ({answer})"


def _figure(digits: str, magnitude: str | None) -> str:
    """The figure in English words: 3200 with 万 -> "32 million" (万 is ten thousand, 亿 a hundred million)."""
    if not magnitude:
        return digits
    try:
        value = float(digits.replace(",", "")) * _MAGNITUDE[magnitude]
    except ValueError:
        return digits + magnitude
    scale, word = next((s, w) for s, w in _SCALES if value >= s) if value >= 1e3 else (1.0, "")
    return f"{value / scale:.4g} {word}".strip()


def around_date(answer: str) -> str:
    """8月8日 -> "8 August (8月8日)"; 2021年 -> "2021 (2021年)"."""
    m = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", answer)
    if m and 1 <= int(m.group(2)) <= 12:
        year = f" {m.group(1)}" if m.group(1) else ""
        return f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]}{year} ({answer})"
    m = re.fullmatch(r"(\d{4})年", answer)
    return f"{m.group(1)} ({answer})" if m else answer


# words that end the wh-clause: what follows them qualifies the question (when, where, under what)
_CLAUSE_END = re.compile(r"[,;:?()（）]|\b(?:during|through|since|across|under|after|before|when|while|"
                         r"in|at|on|of|for|from|by|with|to)\b", re.IGNORECASE)
_AUX = re.compile(r"\b(?:did|do|does|has|have|had|were|was|are|is|will|would|can)\b", re.IGNORECASE)
_WH = re.compile(r"\b(?:how many|how much|what|which|who|when|where)\b", re.IGNORECASE)


@dataclass(slots=True)
class ClauseTerms:
    """The Chinese words an English question's wh-clause carries (the way 多少 is read in Chinese)."""

    focus: list[str]  # every term of the clause: "how many proposals did X receive" -> 提案 收到
    counted: str | None  # the counted noun: proposals -> 提案
    predicate: str | None  # the verb after the subject: receive -> 收到


def clause_terms(question: str, translate: Callable[[str], list[str]], light_verbs: frozenset[str]) -> ClauseTerms:
    """The Chinese terms next to the wh-word, found through ``translate`` (the glossary): the
    English counterpart of the words around 多少 in a Chinese question, the counted noun and
    its verb, and no more (the rest of the question qualifies it)."""
    m = _WH.search(question)
    if m is None:
        return ClauseTerms([], None, None)
    rest = question[m.end():]
    noun = counted_noun(question)
    if noun is None:  # "what share of ...": the words up to the first preposition
        stop = _CLAUSE_END.search(rest)
        noun = rest[: stop.start() if stop else len(rest)]
    nouns = [t for t in translate(noun) if t not in light_verbs]
    # the counted noun's head is its last word; a measure word (mu -> 亩) is not a noun
    counted = next((t for w in reversed(noun.split()) for t in translate(w) if len(t) >= 2), None)
    predicate = _verb(rest, noun, translate, light_verbs)
    focus = list(dict.fromkeys(nouns + ([predicate] if predicate else [])))
    return ClauseTerms(focus, counted, predicate)


def _verb(rest: str, noun: str, translate: Callable[[str], list[str]], light_verbs: frozenset[str]) -> str | None:
    """The verb's translation: the word after the auxiliary when the counted noun is the subject
    ("households have completed"), else the last word before the clause ends ("did X receive")."""
    aux = _AUX.search(rest)
    if aux is None:
        return None
    tail = rest[aux.end():]
    stop = _CLAUSE_END.search(tail)
    words = re.findall(r"[A-Za-z][\w'-]*", tail[: stop.start() if stop else len(tail)])
    if not words:
        return None
    # "households have completed": the counted noun is the subject; "did the CPPCC receive": it is not
    subject_first = not rest[: aux.start()].replace(noun, "").strip() and not re.match(
        r"(?:the|a|an|its|their|this|that)\b|[A-Z]", words[0])
    word = words[0] if subject_first else words[-1]
    return next((t for t in translate(word) if t not in light_verbs), None)


# a Chinese person's name: two to four characters; a foreign one written in characters (穆罕默德·西姆塞克) or a
# group (中国台北组合) is no surname + given name to spell in pinyin
_CHINESE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


_LISTED = re.compile(r"[、和与及]")  # between the names of a list


def person_in_english(written: str, name: str) -> str:
    """周学斌 -> "周学斌 (Zhou Xuebin)" (surname, then given name, in pinyin); a foreign name written in characters
    (穆罕默德·西姆塞克, 约基奇: no common surname, or every character one that spells sounds) or a group (中国台北组合)
    as written: pinyin would spell no name of theirs. A list of names (汤洪波、唐胜杰、江新林) is each, joined in
    English."""
    if written == name and len(names := _LISTED.split(written)) > 1 and all(2 <= len(n) <= 12 for n in names):
        spelt = [person_in_english(n, n) for n in names]
        return f"{', '.join(spelt[:-1])} and {spelt[-1]}"
    if not _CHINESE_NAME.fullmatch(name) or name[0] not in SURNAMES or (len(name) >= 3 and set(name) <= TRANSLITERATION):
        return written  # 约基奇, 阿尔卡拉斯: spelt by sound, Jokić is no Yue Jiqi
    return f"{written} ({romanise(name[0]).capitalize()} {romanise(name[1:]).capitalize()})"


def in_english(kind: str, question: str, answer: str, plain: str) -> str:
    """A Chinese ``answer`` (as written; ``plain``, as matched) with English around it for an English question."""
    if answer.isascii():
        return answer
    if kind in ("person", "entity") and (name := english_name(plain)):
        return f"{name} ({answer})"  # Peru (秘鲁), Spain team (西班牙队): names the dictionary gives in English
    if kind == "person":
        return person_in_english(answer, plain)
    if kind == "number":
        return around_number(question, answer)
    if kind == "date":
        return around_date(answer)
    return answer


_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
# the Nth of a recurring event, as Chinese news numbers it (the 96th Oscars: 第96届奥斯卡); not a session or a quarter
_EVENT_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(" + "|".join(_ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_EVENT = re.compile(r"\s+(?:annual\s+)?(?:oscars?|academy awards?|olympic|olympics|asian games|games|world cup|ciie|"
                    r"(?:import )?expo|canton fair|golden rooster|(?:film )?festival|universiade|mao dun|"
                    r"world artificial intelligence conference|waic)\b", re.IGNORECASE)


def event_ordinals(question: str) -> list[str]:
    """The editions an English question names, written as Chinese news numbers them: the 96th Oscars -> 第96届."""
    out = []
    for m in _EVENT_ORDINAL.finditer(question):
        if _EVENT.match(question, m.end()):
            out.append(f"第{m.group(1) or _ORDINAL_WORDS[m.group(2).lower()]}届")
    return out
