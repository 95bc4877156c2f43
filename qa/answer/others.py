"""Someone else's figure or doing, told by who or what the answer's sentence is about: another country's team
(日本代表团 asked, 韩国代表团获得42枚金牌 in the next clause), another city opening its sentence with the measure asked
(北京GDP为…，增长5.2%；), a shorter model's name (iPhone 15 for iPhone 15 Pro Max), or the asked verb done to another
thing (此前，阿里巴巴发布了通义千问 for 文心一言是哪家公司发布的); a count of another thing of the kind asked (日本以20枚金牌
for 多少枚银牌), an event held at another city, the one beaten or passed, the maker of another work (:func:`of_another`).
Used by :mod:`qa.answer.subject`, by the pooling and second reading of the reader's spans (:mod:`qa.answer.reading`)
and by the rules' candidates a part or a rival figure may be (:func:`qa.answer.siblings.asked_of`)."""

from __future__ import annotations

import re

from qa.answer.extractors import Candidate
from qa.answer.measures import tagged
from qa.answer.named import unknown_lead
from qa.answer.names import dotted_start
from qa.answer.question import Question
from qa.text.glossary import romanise
from qa.text.normalize import normalize_for_match

_TEAM_END = ("队", "代表团", "女排", "男排", "女篮", "男篮", "女足", "男足")


def _place(team: str) -> str:
    """Whose team it is: 中国 of 中国代表团 (中国体育代表团 is the same team)."""
    for end in _TEAM_END:
        if team.endswith(end) and len(team) > len(end) + 1:
            return team[:-len(end)]
    return team


def _teams(text: str) -> list[str]:
    """The teams ``text`` names: a word jieba tags an organisation ending like one (美国队, 日本女排), or a place
    before 队 or 代表团 (中国|代表团)."""
    words = tagged(text)
    out = [w for w, f in words if f == "nt" and w.endswith(_TEAM_END) and len(w) >= 3]
    return out + [a + b for (a, f), (b, _) in zip(words, words[1:]) if f == "ns" and b in ("队", "代表团")]


def other_team(q: Question, c: Candidate) -> bool:
    """The figure's stretch between commas names another team than the one the question asks about (美国队
    获得多少枚金牌: not 1金3银2铜 of "中国队获得1金3银2铜")."""
    text = c.sentence.text
    # or the question names a country whose team the passage names (杭州亚运会日本获得多少枚金牌: 日本代表团)
    places = [e.text for e in q.entities if e.kind == "place"]
    asked = _teams(q.text) or [t for t in _teams(c.sentence.passage.text) if _place(t) in places]
    if not asked:
        return False
    starts = [m.end() for m in _SEGMENT_END.finditer(text, 0, c.start)]
    own = text[starts[-1] if starts else 0 : c.start]
    if any(t in own or _place(t) in own for t in asked):
        return False
    others = [t for t in _teams(own) if t not in asked]
    if not _teams(q.text):  # a country asked: another country opens the figure's stretch too (日本以20枚金牌)
        others += [w for w, f in tagged(own) if f == "ns" and w not in places]
    return bool(others)


_SEGMENT_END = re.compile(r"[，,;；。!！?？]")
_OPENING = re.compile(r"^[\s，,]*(?:(?:19|20)\d\d年(?:度|末|底)?|\d{1,2}月(?:\d{1,2}[日号])?|其中|同期|此外|另外|[，,、\s])*")


_MODEL = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ -]?[A-Za-z0-9]+)*")


def other_model(q: Question, c: Candidate) -> bool:
    """The figure's stretch names a shorter model than the question (iPhone 15 Pro Max起售价: not 799美元 of "iPhone 15
    起售价为799美元"): the stretch's Latin name is the question's cut before its last words."""
    asked = [m.group().lower() for m in _MODEL.finditer(q.text) if " " in m.group().strip()]
    if not asked:
        return False
    text = c.sentence.text
    starts = [m.end() for m in _SEGMENT_END.finditer(text, 0, c.start)]
    own = [m.group().strip().lower() for m in _MODEL.finditer(text[starts[-1] if starts else 0: c.start])]
    return bool(own) and not any(o == a for o in own for a in asked) and \
        any(a.startswith(o + " ") for o in own for a in asked)


def other_place(q: Question, c: Candidate) -> bool:
    """The figure's sentence opens with another place than the one asked, which it does not name before the figure
    (2023年上海的GDP增速: not 5.2% of "北京GDP为43760.7亿元，增长5.2%；", a sentence of its own after 上海's)."""
    return opens_elsewhere(q, c.sentence.text[: c.start])


def opens_elsewhere(q: Question, own: str) -> bool:
    """``own`` (a sentence up to a figure, or whole) opens with another place than the ones ``q`` asks about, which
    it does not name, followed by the measure asked (北京GDP为… for 上海's GDP)."""
    places = [e.text for e in q.entities if e.kind == "place"]
    if not places or any(p in own for p in places):
        return False
    words = tagged(own[_OPENING.match(own).end():])
    # …the place whose measure the question asks (北京GDP…), not one describing a person (中国运动员王伟莹以358.20分)
    return len(words) >= 2 and words[0][1] == "ns" and words[0][0] not in places and len(words[0][0]) >= 2 \
        and len(words[1][0]) >= 2 and normalize_for_match(words[1][0]) in q.norm


_ASKED_WHO = re.compile(r"哪家|哪个|哪一?位|谁")


def other_object(q: Question, c: Candidate) -> bool:
    """Asked who did something to a named thing (文心一言是哪家公司发布的), an answer whose sentence does it to another
    thing and never names the one asked (此前，阿里巴巴发布了通义千问): someone else's doing."""
    names = [normalize_for_match(e.text) for e in q.entities if e.kind == "name"]
    ask = _ASKED_WHO.search(q.text)
    if not names or ask is None or any(n in normalize_for_match(c.sentence.text) for n in names):
        return False
    text = c.sentence.text
    if _done_to_whom(q, ask.start(), text):
        return True
    verbs = [w for w, f in tagged(q.text[ask.end():]) if f.startswith("v") and len(w) >= 2]
    for verb in verbs:
        at = text.find(verb, c.end)
        if at >= 0:
            after = tagged(re.sub(r"^[了的过]", "", text[at + len(verb):at + len(verb) + 10]))
            if after and (after[0][1][:1] == "n" or after[0][1] == "eng") and after[0][0] not in q.text:
                return True
    return False


def _done_to_whom(q: Question, ask: int, text: str) -> bool:
    """Asked whom a named doer did something to (苏纳克接替了谁), a sentence that neither names the doer (checked by the
    caller) nor says the doing (…任命工党领袖基尔·斯塔默为新任首相): it tells of someone else."""
    before = q.text[:ask]
    names = [e.text for e in q.entities if e.kind == "name" and e.text in before]
    if not names:
        return False
    # the doing right after the name, and nothing but 了 or 过 before the ask (not 《封神第一部》的导演是谁)
    words = [(w, f) for w, f in tagged(before[before.index(names[0]) + len(names[0]):]) if w.strip()]
    if not words or len(words[0][0]) < 2 or not words[0][1].startswith("v"):
        return False
    return all(w in ("了", "过") for w, _ in words[1:]) and words[0][0] not in text


# how many of what: the thing counted, after the ask and its measure word (多少枚|银牌, 几个|一等奖)
_HOW_MANY = re.compile(r"(?:多少|几)[个枚块件项名位次场座家所辆架艘台部本篇首]?")
_MEASURE_AFTER = re.compile(r"[个枚块件项名位次场座家所辆架艘台部本篇首]?的?")


def other_counted(q: Question, c: Candidate) -> bool:
    """Asked how many of one thing (多少枚银牌), a figure written right before another thing of its kind, a word
    ending like it (日本以20枚金牌排名第三, 40金 of 40金44银42铜): a count of something else."""
    m = _HOW_MANY.search(q.text) if q.kind == "number" else None
    if m is None:
        return False
    words = tagged(q.text[m.end():])
    asked = words[0][0] if words else ""
    text = c.sentence.text
    after = tagged(text[_MEASURE_AFTER.match(text, c.end).end():][:8])
    own = after[0][0] if after else ""
    if re.fullmatch(r"\d+[金银铜]", c.answer) and asked.endswith("牌"):
        own = c.answer[-1] + "牌"  # a tally's part: 40金 is gold
    return len(asked) >= 2 and len(own) == len(asked) and own != asked and own[-1] == asked[-1] \
        and own not in q.text


# where an event is held: 在杭州开幕, 在巴黎举行
_HELD_AT = re.compile(r"在([\u4e00-\u9fff]{2,4}?)(?:隆重)?(?:开幕|闭幕|落幕|举行|举办|召开|开赛)")
_CLAUSE_MARK = re.compile(r"[，,。；;！？!?]")


def held_elsewhere(q: Question, c: Candidate) -> bool:
    """Asked a date or a figure of an event at a place (成都大运会什么时候开幕), one whose clause holds an event at
    another place, named alone (第19届亚运会于2023年9月23日在杭州开幕), in a sentence that never names the one asked."""
    places = [e.text for e in q.entities if e.kind == "place"]
    text = c.sentence.text
    if q.kind not in ("date", "number") or not places or any(p in text for p in places):
        return False
    lo = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, c.start)), default=0)
    hi = next((m.start() for m in _CLAUSE_MARK.finditer(text, c.end)), len(text))
    for m in _HELD_AT.finditer(text, lo, hi):
        words = tagged(m.group(1))
        if len(words) == 1 and words[0][1] == "ns":
            return True
    return False


# who lost to the one who won: the name right after a defeat, a few words of description between (击败经济部长…)
_DEFEATED = re.compile(r"(?:击败|战胜|打败|力克|淘汰|横扫|逆转|险胜|完胜|击溃|赢下|超过|超越|反超|赶超)(?:了)?[^，,。；;！？!?、]{0,8}$")
# keywords asking who holds a title (2023年温网女单冠军, 诺贝尔文学奖得主): who won, as 是谁 asks
_HOLDER_KEYWORDS = re.compile(r"(?:冠军|得主|获得者|获胜者|胜者|MVP|当选者)[?？。]?\s*$", re.IGNORECASE)
_LOST = re.compile(r"[^，,。；;！？!?]{0,16}?(?:不敌|输给|负于|败给|落败|失利|惜败|憾负|告负|被[^，,。；;]{1,10}(?:击败|战胜|淘汰))")
_WON_AFTER = re.compile(r"冠军|夺冠|夺得|金牌|胜出|当选")
_ASKS_LOSER = re.compile(r"击败|战胜|打败|力克|淘汰|横扫|逆转|险胜|完胜|击溃|赢下|超过|超越|反超|赶超|不敌|输给|负于|败给|对手|亚军|落败|失利|惜败|憾负|告负"
                         r"|\bdid\b.*\b(?:defeat|beat)\b|\bbeaten\b|\blost\b|\blose\b|runner-up|opponent", re.I)


def beaten(q: Question, c: Candidate) -> bool:
    """Asked who won or holds something (美网男单冠军是谁, 阿根廷新一任总统是谁), a name the sentence says was beaten
    (德约科维奇以3比0战胜俄罗斯选手梅德韦杰夫，夺得…冠军; 米莱…击败经济部长塞尔吉奥·马萨，当选…总统), or says lost."""
    asked = q.kind in ("person", "entity") or (q.kind == "other" and _HOLDER_KEYWORDS.search(q.text))
    if not asked or _ASKS_LOSER.search(q.text):
        return False
    text = c.sentence.text
    if any(e.text in text[c.end:c.end + 12] for e in q.entities if e.kind in ("person", "name")):
        return False  # what describes the person asked about (击败突尼斯选手贾巴尔 for 贾巴尔是哪国选手)
    if _DEFEATED.search(text[: dotted_start(text, c.start)]) is not None:  # 击败经济部长塞尔吉奥·马萨: 马萨 was read
        return True
    # or that the name itself lost (贾巴尔连续第二年在温网决赛中失利), unless it went on to win (…失利后夺冠)
    lost = _LOST.match(text, c.end)
    return lost is not None and not _WON_AFTER.search(text, lost.end())


_TITLED = re.compile(r"《([^《》]{1,40})》")


def other_title(q: Question, c: Candidate) -> bool:
    """Asked who made a titled work (《宝水》的作者是谁), a name followed by its own other work (杨志军的《雪山大地》、乔叶的
    《宝水》: 杨志军 wrote the first)."""
    return other_title_end(q, c) is not None


_OWN_TITLE = re.compile(r"的?\s*《([^《》]{1,40})》")


def other_title_end(q: Question, c: Candidate) -> int | None:
    """Where the other work after the name ends in its sentence (:func:`other_title`), or None."""
    asked = {m.group(1) for m in _TITLED.finditer(q.text)}
    if q.kind != "person" or not asked:
        return None
    m = _OWN_TITLE.match(c.sentence.text, c.end)
    return m.end() if m is not None and m.group(1) not in asked else None


def of_another(q: Question, c: Candidate) -> bool:
    """A count of another thing (:func:`other_counted`), an event held elsewhere (:func:`held_elsewhere`), the one
    beaten (:func:`beaten`), the maker of another work (:func:`other_title`) or the one the question names
    (:func:`named_asker`)."""
    return other_counted(q, c) or held_elsewhere(q, c) or beaten(q, c) or other_title(q, c) or named_asker(q, c) \
        or describes_named(q, c)


def describes_named(q: Question, c: Candidate) -> bool:
    """Asked which thing of someone the question names (梅西加盟了哪支球队), a span said right before that name and
    ending otherwise than the thing asked (阿根廷球星|梅西): it says who the person is, not what was asked."""
    from qa.answer.spans import HEAD_WH  # deferred: spans reads candidates that this module judges

    if q.kind != "entity" or not (head := HEAD_WH.search(q.text)) or c.answer.endswith(head.group(1)[-1:]):
        return False
    named = [e.text for e in q.entities if e.kind == "person" and len(e.text) >= 2]
    gap = _DESCRIBING.match(c.sentence.text, c.end)  # 阿根廷|球星|梅西: what he is may stand between
    return any(c.sentence.text.startswith(n, at) for n in named for at in range(c.end, gap.end() + 1))


_DESCRIBING = re.compile(r"[\u4e00-\u9fff]{0,3}")


def named_asker(q: Question, c: Candidate) -> bool:
    """Asked who of someone the question names (苏纳克接替了谁, 梅西的经纪人是谁), a name that is that person's own
    (里希·苏纳克正式就任英国首相 read for 苏纳克接替了谁): whoever is asked for, it is someone else. So for which thing,
    of the unknown name a question opens with (:func:`~qa.answer.named.unknown_lead`: T1 of T1在2023年决赛中战胜了哪支战队)."""
    if q.kind == "entity" and (lead := unknown_lead(q.text)):  # T1在2023年决赛中战胜了哪支战队: not T1 (战队)
        said = normalize_for_match(c.answer)
        return said == lead or (said.startswith(lead) and len(said) - len(lead) <= 2)
    named = [e.text for e in q.entities  # people, not the works the question names (《流浪地球2》主演有哪些)
             if e.kind in ("person", "name") and len(e.text) >= 2 and f"《{e.text}》" not in q.text]
    if q.kind == "person" and q.lang == "en" and not _WHO_IS_EN.match(q.text):  # Who defeated Ding Liren: not 丁立人
        spelt = {e.text for e in q.entities if e.kind == "romanised"}
        return bool(spelt) and romanise(c.answer) in spelt
    if q.kind != "person" or not named:
        return False
    if (who := _WHO_IS.match(q.text.strip())) and who.group(1) in named:
        return False  # 苏纳克是谁: who he is, his full name a fair answer
    if not any(name in c.answer for name in named):
        return False
    from qa.answer.names import person_names  # deferred: loads jieba's dictionary

    # a span naming someone else too is read for that one (李晓霞的对手李芬: 李芬), not dropped
    return all(any(name in c.answer[a:b] or c.answer[a:b] in name for name in named) for a, b in person_names(c.answer))


_WHO_IS = re.compile(r"(.+?)(?:是|为)(?:谁|何人|什么人)[？?]?$")
_WHO_IS_EN = re.compile(r"\s*(?:who|what)\s+(?:is|was)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s*\??\s*$", re.IGNORECASE)
