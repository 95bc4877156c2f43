"""An answer about something else than the question names, though its document names both.

The absent-entity check (:mod:`qa.answer.absent`) asks whether a document is about what the
question names; a report names many people and many programmes. 宁县张建林委员工作室帮群众处理了多少起投诉？
found 471起 in "王新…帮助处理消费者投诉471起;宁县张建林委员工作室…": the same sentence, another
person's clause. 格尔木市政协的“标准化一线协商平台”建了多少个？ found 全州已挂牌运行“微协商”平台107个: a
figure of another named programme. Both are someone else's figure, which the product must never give.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

from qa.answer.compare import with_figure
from qa.answer.entities import people, rare
from qa.answer.extractors import Candidate
from qa.answer.kin import other_kin
from qa.answer.measures import tagged
from qa.answer.others import other_model, other_object, other_place, other_team
from qa.answer.question import Question
from qa.answer.scoring import noun_after
from qa.text.normalize import extract_quantities, normalize_for_match

# a name the question puts in quotation marks: a programme, a platform, a campaign (“委员讲堂”)
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
_CLAUSE_END = re.compile(r"[;；。!！?？]")
_SENTENCE_END = re.compile(r"[。!！?？]")


def elsewhere(q: Question, c: Candidate, document: str) -> bool:
    """``c`` answers for another person or another named thing than ``q`` names: a person the
    question names is in the answer's passage but not in its clause (up to ; or 。), which names
    someone else; or a name the question quotes is absent from the answer's sentence, which
    quotes another name, while the answer's ``document`` (normalised) does hold the quoted one.
    Only figures: asked who took over from 杨善德, the answer's clause names someone else (卢永祥)
    because that is the answer; a quoted name may set the scene (于「丁卯胡乱」后签订了哪一份合约)."""
    if q.kind == "date":  # 哪一年拿到“市级文明单位标兵”称号: a year said far from the name is another honour's
        return _other_quoted(q, c, document)
    if q.kind != "number":
        return False
    return (_other_person(q, c, document) or _other_quoted(q, c, document) or _other_name(q, c) or other_team(q, c)
            or other_place(q, c) or other_model(q, c) or other_kin(q, c))  # 沪指's figure where 深证成指 was asked


_SEGMENT_END = re.compile(r"[，,;；。!！?？]")
_NAME_TAGS = ("nr", "nz", "nt")  # jieba's tags for names; it tags many companies nr (比亚迪) or nz (腾讯)
_QUOTES = re.compile(r"[“「『\"《][^”」』\"》]*[”」』\"》]")
_ADMIN = re.compile(r"(?<=..)[省市区县州镇村]$")


def _other_name(q: Question, c: Candidate) -> bool:
    """The figure's stretch between commas names another company or thing before it, not the one the
    question names (本田中国…销量 asked, 比如比亚迪7月份的销量为262161辆 found in a story about 本田): a
    rare word jieba tags as a name, sharing no two characters with the question. Quoted titles are
    topics, not who did it (围绕“铸牢中华民族共同体意识”…开展监督性视察3次)."""
    asked = [_ADMIN.sub("", e.text) for e in q.entities if e.kind == "name"]
    if not asked:
        return False
    text = c.sentence.text
    starts = [m.end() for m in _SEGMENT_END.finditer(text, 0, c.start)]
    raw = text[starts[-1] if starts else 0 : c.start]
    if any(name in raw or name in c.answer for name in asked):
        return False  # 主演的电影《孤注一掷》上映32天: the title asked, quoted
    own = _QUOTES.sub("", raw)
    return any(len(w) >= 2 and tag[:2] in _NAME_TAGS and rare(w) and not _shares_a_word(w, q.text)
               for w, tag in tagged(own))


def _shares_a_word(word: str, text: str) -> bool:
    """Two characters of ``word`` in a row are in ``text`` (政协常委会 of …政协…常委会…: not another body)."""
    return any(word[i:i + 2] in text for i in range(len(word) - 1))


def _other_person(q: Question, c: Candidate, document: str = "") -> bool:
    # the passage, not the sentence: sentences end at semicolons too (王新…471起; 宁县张建林…); or its document,
    # when the passage is a later chunk of it (赵继伟…26分 in one, 周琦得到21分 in the next)
    text = c.sentence.passage.text
    asked = [e.text for e in q.entities if e.kind == "person"]
    if not asked or not any(name in text or normalize_for_match(name) in document for name in asked):
        return False
    a, b = _clause(text, c.sentence.start - c.sentence.passage.start + c.start)
    own = text[a:b]
    if any(name in own for name in asked):
        return False
    return any(own[s:e] not in asked for s, e in people(own))


def _other_quoted(q: Question, c: Candidate, document: str) -> bool:
    asked = [normalize_for_match(n) for n in _QUOTED.findall(q.text)]
    if not asked:  # most questions quote nothing
        return False
    held = [wanted for wanted in asked if wanted in document]
    if not held:
        return False
    sentence = normalize_for_match(c.sentence.text)
    quoted = [normalize_for_match(n) for n in _QUOTED.findall(c.sentence.text)]
    if any(wanted not in sentence and any(n and n not in wanted and wanted not in n for n in quoted)
           for wanted in held):
        return True
    # nor a figure far from the name: not in its sentence or the one before (“早读半小时”活动 is said in one
    # sentence, 参加州政协各类会议32人次 of the think tank's experts three sentences on) -- unless its sentence
    # names a place or a name the question asks about: a story names its “村超” once, at the top, and
    # 车江一村和忠诚村在90分钟内以2：2战平…以总比分6：5战胜忠诚村 is about the match asked of
    near = normalize_for_match(_before(c) + c.sentence.text)
    return any(wanted not in near for wanted in held) and not _names_asked(q, c)


def _names_asked(q: Question, c: Candidate) -> bool:
    """For a figure, the sentence of ``c`` names a place, person or name ``q`` names, other than the
    organisation the passage is about (城东区政协被评为2019—2021年…: 城东区 is in all its sentences)."""
    org = c.sentence.passage.org or ""
    return q.kind == "number" and any(e.kind in ("place", "person", "name") and e.text in c.sentence.text
                                      and e.text not in org for e in q.entities)


def _before(c: Candidate) -> str:
    """The sentence before ``c``'s in its passage (up to 。！？), or nothing."""
    text = c.sentence.passage.text
    at = max(0, c.sentence.start - c.sentence.passage.start)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, at - 1))]
    return text[(ends[-1] if ends else 0):at]


def stated(q: Question, c: Candidate) -> bool:
    """``c`` is a figure the question itself gives (编发的一百多篇信息当中，被采用的有多少篇 is not answered by
    100余篇): what is asked is never what the question already says."""
    if q.kind != "number":
        return False
    figure = with_figure(c)  # a reader's span carries no value of its own
    if figure is None:
        return False
    return any(math.isclose(value, figure.value) and (not figure.unit or unit == figure.unit)
               for value, unit in _given(q.text))


@lru_cache(maxsize=256)
def _given(question: str) -> tuple[tuple[float, str], ...]:
    """The figures a question gives, once per question (``stated`` runs on every ranked candidate): only
    with a measure word (二十大, the 20th congress, is none) and no year (2001年福布斯富豪榜上排名多少 names when)."""
    return tuple((g.value, g.unit) for g in extract_quantities(question)
                 if g.value is not None and g.unit and not (g.unit == "年" and 1000 <= g.value <= 2999))


def said_here(q: Question, ranked: list[Candidate], threshold: float) -> list[Candidate]:
    """``ranked`` with, for a figure, the best candidate put after a sibling that says what is
    asked: when the best one's clause (between commas) holds none of the question's focus words and
    another trusted candidate (score >= ``threshold``) of the same sentence and measure sits in a
    clause that holds some, that one comes first. 参加活动的群众有多少人次 over "参与委员1100余人次,
    参加群众近万人次": the reader read the members' figure, the clause says whose each one is. The
    counted noun does not count (收到提案190件，审查立案54件 names 提案 once for both figures), nor
    does a one-character word (开 of 召开 and 开展), nor a time word (全年 of 专委会学习座谈，全年有几次:
    the sentence's first clause says 全年 for all its figures)."""
    if q.kind in ("entity", "person") and q.lang == "zh":
        return [c for c in ranked if not other_object(q, c)]
    if q.kind == "number" and len(ranked) >= 2 and (first := _counts_it(q, ranked, threshold)) is not None:
        return first
    if q.kind == "number" and len(ranked) >= 2 and (first := _whose(q, ranked, threshold)) is not None:
        return first
    asked = [normalize_for_match(w) for w in q.focus if len(w) >= 2 and w != q.counted and not _time_word(w)]
    done = [w for w in asked if q.kind == "date" and all(f.startswith("v") for _, f in tagged(w))]
    if done and len(ranked) >= 2 and not _says(ranked[0], done):
        # 成都大运会什么时候闭幕 over "…于2023年7月28日在成都开幕，8月8日闭幕": the clause says what happened that day
        # …a day as precise as the best one (他参加了哪天的…活动: 2023年 of the sentence's opening is no day)
        best_day = _DAY_END.search(ranked[0].answer) is not None
        return _sibling_first(ranked, threshold,
                              lambda c: _says(c, done) and (not best_day or _DAY_END.search(c.answer))) or ranked
    if q.kind != "number" or len(ranked) < 2:
        return ranked
    did = [normalize_for_match(q.counted)] if _done_by_people(q) else []
    if not asked or _says(ranked[0], asked):
        if did and not _says(ranked[0], did) and _done_after(ranked[0]):
            # 造成多少人受伤: 地震已造成2946人死亡 says 地震, 造成 and what those people did, not 受伤 (2007年有2742人
            # says nothing after its figure: 参赛 of 2006年有2192人参赛 is said once for both)
            return _sibling_first(ranked, threshold, lambda c: _says(c, did)) or ranked
        return ranked
    if did and _says(ranked[0], did):
        return ranked  # 多少人受伤: the best one's clause says 受伤 (受伤群众980余人), a sibling's says 造成 (…117人遇难)
    return _sibling_first(ranked, threshold, lambda c: _says(c, asked)) or ranked


_DAY_END = re.compile(r"[日号]$")


def _done_after(c: Candidate) -> bool:
    """The figure's clause goes on after it with words of its own (2946人死亡: what they did)."""
    rest = _COMMA.split(c.sentence.text[c.end:], maxsplit=1)[0]
    return bool(re.match(r"[\u4e00-\u9fff]", rest))


def _done_by_people(q: Question) -> bool:
    """The word after 多少人 is what those people did or suffered (多少人受伤, 几名选手参赛), not a noun counted
    (多少件提案: 提案 is said once for 收到提案190件，审查立案54件)."""
    return bool(q.counted) and len(q.counted) >= 2 and \
        re.search(r"(?:多少|几)个?[人名位户]次?" + re.escape(q.counted), q.text) is not None


def _counts_it(q: Question, ranked: list[Candidate], threshold: float) -> list[Candidate] | None:
    """``ranked`` with a trusted sibling first when it, not the best one, touches the noun the question
    counts: 覆盖了多少个州直单位 over "82个州直党政、企事业单位全部纳入五个专委会联系范围" (the reader read
    五个, whose 专委会 the question names too); None when the best one touches it or no sibling does. Only the
    noun right after the figure: one before it may be said once for the clauses that follow (收到提案190件，审查立案
    54件: 提案 touches 190件, and 立案 is what was asked)."""
    best = ranked[0]
    after = best.sentence.text[best.end:best.end + 6]
    # only a best figure that counts another noun (五个专委会); one ending its clause (2006年有2192人参赛，2007年
    # 有2742人, CMRC 2018 dev) may count the same thing as its sibling
    if not best.unit or q.counted is None or q.counted[:2] in best.answer \
            or noun_after(best.sentence.text, best.end, q.counted) or not _starts_with_noun(after):
        return None
    counted = q.counted
    return _sibling_first(ranked, threshold, lambda c: noun_after(c.sentence.text, c.end, counted))


def _whose(q: Question, ranked: list[Candidate], threshold: float) -> list[Candidate] | None:
    """``ranked`` with a trusted sibling first when the person the best one's sentence names last before it is
    someone else and the sibling's is the one asked about: 张蕊的总成绩 over "王伟莹以358.20分的总成绩获得冠军，张蕊以
    337.95分获得亚军"; 赖清德的得票率 over "赖清德以…40.05%的得票率当选，…侯友宜获得467万1021票，得票率33.49%" (the
    figure's own clause names no one: the last name before it does); None otherwise. Only people side by side: a
    person the question names for context (安倍晋三的国葬) leaves the figures alone."""
    asked = [normalize_for_match(e.text) for e in q.entities if e.kind == "person"]
    asked += [n for a, b in people(q.text) if (n := normalize_for_match(q.text[a:b])) not in asked]
    best = ranked[0]
    if not asked or _says(best, asked):
        return None
    owner = _owner(best, asked)
    if owner is None or owner in asked:
        return None  # the best figure is no other person's
    return _sibling_first(ranked, threshold, lambda c: _says(c, asked) or _owner(c, asked) in asked)


def _owner(c: Candidate, asked: list[str]) -> str | None:
    """Who the sentence of ``c`` names last before it (normalised): a person jieba knows, or one ``asked``
    (赖清德 is no name of jieba's); None when no one."""
    text = normalize_for_match(c.sentence.text[:c.start])
    named = [(a, text[a:b]) for a, b in people(text)]
    named += [(i, w) for w in asked if (i := text.rfind(w)) >= 0]
    return max(named)[1] if named else None


def _sibling_first(ranked: list[Candidate], threshold: float,
                   fits: Callable[[Candidate], bool]) -> list[Candidate] | None:  # fmt: skip
    """``ranked`` with the first trusted candidate (score >= ``threshold``) of the best one's sentence
    and measure that ``fits`` put first; None when there is none."""
    best = ranked[0]
    for i, c in enumerate(ranked[1:], 1):
        if c.score < threshold:
            break
        if _same_sentence(c, best) and c.unit == best.unit and fits(c):
            return [c, *ranked[:i], *ranked[i + 1:]]
    return None


def _starts_with_noun(text: str) -> bool:
    """``text`` starts with a noun by jieba's tags (专委会联系范围), not punctuation or a verb."""
    if not re.match(r"[\u4e00-\u9fff]", text):
        return False
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    return pseg.lcut(text)[0].flag.startswith("n")


_COMMA = re.compile(r"[，,；;。！？!?：:]")
# 全年, 每年, 当月, 本季度, 一年来, 2023年: when, not what (jieba tags most of them t, but 全年 m, 每年 r)
_TIME = re.compile(r"^(?:[全每当本那今去明上下]|[0-9一二三四五六七八九十两]+)?(?:年|月|周|季度|年度)(?:来|内|底|初|中)?$")


def _time_word(word: str) -> bool:
    import jieba.posseg as pseg  # deferred: loads jieba's dictionary

    return _TIME.match(word) is not None or pseg.dt.word_tag_tab.get(word) == "t"



def _says(c: Candidate, asked: list[str]) -> bool:
    lo, hi = _comma_clause(c.sentence.text, c.start, c.end)
    clause = normalize_for_match(c.sentence.text[lo:hi])
    return any(w in clause for w in asked)


def _comma_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``text`` between the commas (or clause ends) around ``[start, end)``."""
    starts = [m.end() for m in _COMMA.finditer(text, 0, start)]
    after = _COMMA.search(text, end)
    return (starts[-1] if starts else 0), (after.start() if after else len(text))


def _same_sentence(a: Candidate, b: Candidate) -> bool:
    return (a.sentence.passage.chunk_id, a.sentence.start) == (b.sentence.passage.chunk_id, b.sentence.start)


def _clause(text: str, at: int) -> tuple[int, int]:
    """The stretch of ``text`` between the clause ends (; 。) around offset ``at``."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    end = _CLAUSE_END.search(text, at)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


__all__ = ["elsewhere", "said_here", "stated"]
