"""Follow-up questions rewritten into standalone ones, by rules over the question analysis.

A follow-up leans on the turn before it in three ways, handled in this order:

* pronouns: 该区 / 他们 / this committee / there name the previous organisation, 同年 / that
  year its year, 他 / she the person the previous answer named;
* ellipsis: 那城北区呢？ / 2022年呢？ / 立案的呢？ / "And in Xining?" / "What about 2022?" keep
  the previous question and change what the fragment names: its organisation or place, its
  year, or its measure (收到 -> 立案);
* missing context: a whole question without an organisation (立案了多少件？ / "Who chairs it?")
  gets the previous organisation, and the previous year when it names none.

Everything is found by the same analysis questions get (``qa.answer.question.analyse``): the
index's organisations, generic place, person and year detection. No names are in this file,
so a follow-up naming a place the documents lack (那固原市呢？) becomes a question about that
place, which the answerer then declines, never the previous place's figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.answer.question import Question
from qa.conversation.peers import peer_replaced
from qa.conversation.places import OrgSpan, name_like, org_span
from qa.conversation.turns import Turn
from qa.text.normalize import normalize_for_match, to_halfwidth

Analyse = Callable[[str], Question]

_ADMIN = "省市县区州盟旗镇乡村"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ZH_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_WH = re.compile(r"多少|多[大高长远久重]|几|谁|什么|哪|何时|如何|怎么|怎样|是否|吗|占比|比例|\b(how|who|what|which|when|where|whom|whose|"
                 r"did|does|do|is|are|was|were)\b", re.IGNORECASE)
# 那城北区呢？ 2022年的呢？ 立案的情况如何？ 城北区？
_ZH_TAIL = re.compile(r"(?:的情况|的话|方面|的)?(?:呢|怎么样|如何|又如何|情况如何)?[？?！!。.\s]*$")
_ZH_HEAD = re.compile(r"^(?:那么|那|还有|另外|换成|如果是|要是|再问|再看)[，,、\s]*")
# And in Xining? What about 2022? How about the registered ones? Same for Chengbei?
_EN_ELLIPSIS = re.compile(r"^(?:(?:and|but|so|ok|okay)[,\s]+)?(?:(?:what|how)\s+about|and|same\s+(?:question\s+)?for)"
                          r"\s+(?P<x>.+?)\s*[?.!]*$", re.IGNORECASE)
_EN_LEAD = re.compile(r"^(?:(?:in|for|at|of|about|from|with|by)\s+)?(?:the\s+)?", re.IGNORECASE)
# words that refer back: to the organisation, its year, the person just named
_ZH_PLACE_REF = re.compile(r"该[区市县州]|这个[区市县州]|本[区市县州]|这里|那里|那边|当地")
_ZH_ORG_REF = re.compile(r"该(?:委员会|政协|组织|单位)|这个(?:委员会|政协)|他们")
_ZH_YEAR_REF = re.compile(r"同年|当年|那一年|这一年|该年|那年")
_ZH_PERSON_REF = re.compile(r"此人|这个人|这位|他(?!们)|她(?!们)")
_EN_ORG_REF = re.compile(r"\b(?:this|that|the same) (?:committee|organi[sz]ation|district|city|county|prefecture|"
                         r"body|place)\b|\bthere\b|\bthey\b|\bthem\b", re.IGNORECASE)
_EN_ORG_POSS = re.compile(r"\b(?:its|their)\b", re.IGNORECASE)
_EN_YEAR_REF = re.compile(r"\b(?:that|the same) year\b", re.IGNORECASE)
_EN_PERSON_REF = re.compile(r"\b(?:he|she|him|this person)\b", re.IGNORECASE)
_EN_PERSON_POSS = re.compile(r"\b(?:his|her)\b", re.IGNORECASE)
_RATE_NOUN = re.compile(r"(?:率|数|量|额|比例|人次|总数)$")  # 办结率, 立案数: a measure asked with 是多少


@dataclass(slots=True)
class _Before:
    """What a follow-up may refer to: the previous standalone question and its answer."""

    text: str
    q: Question
    answer: str
    person: str | None  # the person the answer (or the question) names

    @property
    def english(self) -> bool:
        return self.q.lang == "en"


def resolve(history: Sequence[Turn], analyse: Analyse) -> list[Turn]:
    """``history`` with each turn's ``standalone`` worked out from the turns before it
    (kept where it is already known)."""
    out: list[Turn] = []
    for turn in history:
        if turn.standalone is None and out:
            rewritten = standalone(turn.question, out, analyse)
            turn = Turn(turn.question, turn.answer, rewritten, turn.answer_type, turn.abstained)
        out.append(turn)
    return out


def standalone(question: str, history: Sequence[Turn], analyse: Analyse) -> str | None:
    """``question`` rewritten to stand alone, given the earlier turns (oldest first, each with its
    ``standalone`` known, see :func:`resolve`); None when it already stands alone."""
    if not history or not question.strip():
        return None
    last = history[-1]
    before = _Before(last.asked, analyse(last.asked), last.answer, None)
    before.person = _person(last, before.q)
    text = question.strip()
    q = analyse(text)
    text, referred = _pronouns(text, q, before)
    if referred:
        q = analyse(text)
    fragment = _fragment(text, q)
    out = _substitute(before, fragment, analyse) if fragment is not None else None
    out = out or _carry(text, q, before)
    if out is None and referred:  # 他们立案了多少件？ -> 大武口区政协立案了多少件？, in the previous year
        year = before.q.years[0] if before.q.years and not q.years and q.kind != "person" else None
        out = _set_year(text, year, analyse) if year else text
    return out if out and out != question.strip() else None


def _person(turn: Turn, q: Question) -> str | None:
    answer = turn.answer.strip()
    if turn.answer_type == "person" and not turn.abstained and 1 < len(answer) <= 12 and " " not in answer:
        return answer
    if q.kind == "person" and not turn.abstained and re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", answer):
        return answer
    return next((e.text for e in q.entities if e.kind == "person"), None)




# --------------------------------------------------------------------------------- references


def _org_name(before: _Before, english: bool) -> tuple[OrgSpan | None, str | None]:
    """The previous question's organisation, named for a Chinese or an English follow-up."""
    span = org_span(before.text, before.q)
    if span is None:
        return None, None
    typed = before.text[span.start:span.end]
    if english and before.english:
        return span, typed
    return span, span.org or (typed if span.form != 3 else None)


def _pronouns(text: str, q: Question, before: _Before) -> tuple[str, bool]:
    """Words that refer back replaced by what they refer to; whether any was."""
    english = q.lang == "en"
    _, org = _org_name(before, english)
    year = before.q.years[0] if before.q.years else None
    out = text
    if org and not q.orgs:
        if english:
            out = _EN_ORG_POSS.sub(org + "'s", _EN_ORG_REF.sub(org, out))
        else:
            place = org.removesuffix("政协") if org.endswith("政协") and len(org) > 4 else org
            out = _ZH_ORG_REF.sub(org, _ZH_PLACE_REF.sub(place, out))
    if year and not q.years:
        out = (_EN_YEAR_REF if english else _ZH_YEAR_REF).sub(f"{year}" if english else f"{year}年", out)
    if before.person:
        if english:
            out = _EN_PERSON_POSS.sub(before.person + "'s", _EN_PERSON_REF.sub(before.person, out))
        else:
            out = _ZH_PERSON_REF.sub(before.person, out)
    return out, out != text


def _fragment(text: str, q: Question) -> str | None:
    """The fragment of an elliptical follow-up (那城北区呢？ -> 城北区), None for a whole question."""
    if q.lang == "en":
        m = _EN_ELLIPSIS.match(text.strip())
        if m is None or _WH.search(m.group("x")):
            return None
        return _EN_LEAD.sub("", m.group("x")).strip() or None
    body = _ZH_HEAD.sub("", text.strip())
    core = _ZH_TAIL.sub("", body).strip(" ，,、")
    if not core or _WH.search(core) or len(core) > 16:
        return None
    return core


# ------------------------------------------------------------------------------- rewriting


def _substitute(before: _Before, fragment: str, analyse: Analyse) -> str | None:
    """The previous question with what ``fragment`` names put in: a place, a year, a measure."""
    fragment = to_halfwidth(fragment)
    if not before.english and not before.q.orgs and (peer := peer_replaced(before.text, fragment.strip(" ，,的"))):
        return peer  # news names no organisation: 京东 for 腾讯, 6月份 for 7月份, 净利润 for 收入
    years = [int(y) for y in _YEAR.findall(normalize_for_match(fragment))]
    rest = re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)年?|[〇零一二三四五六七八九]{4}年", " ", fragment)
    rest = _EN_LEAD.sub("", rest.strip(" ，,的")).strip(" ，,的")
    place, topic = _place_in(rest, analyse)
    text = before.text
    if place is not None:
        text = _set_place(text, before, place)
    if years:
        text = _set_year(text, years[0], analyse)
    if topic:
        text = _set_topic(text, topic, analyse(text)) or _english_role(before, topic)
    return text if (place or years or topic) and text else None


def _place_in(rest: str, analyse: Analyse) -> tuple[tuple[OrgSpan, str] | None, str]:
    """The place a fragment names (its span and the text as typed), and the rest of it."""
    if not rest:
        return None, ""
    span = org_span(rest, analyse(rest))
    if span is None and re.fullmatch(rf"[\u4e00-\u9fff]{{1,8}}[{_ADMIN}]", rest):
        span = OrgSpan(0, len(rest), None, 1)  # 银川市: a place name by its suffix alone
    if span is None:
        return None, rest
    typed = rest[span.start:span.end]
    topic = (rest[:span.start] + rest[span.end:]).strip(" ，,的")
    topic = re.sub(r"^(?:政协|委员会)", "", topic).strip(" ，,的")
    return (span, typed), topic


def _set_place(text: str, before: _Before, place: tuple[OrgSpan, str]) -> str:
    new, typed = place
    old = org_span(text, before.q)
    if old is None:  # the previous question named no organisation: the place goes first
        return f"{text.rstrip(' ?？')} in {typed}?" if before.english else typed + text
    if before.english and new.form != 3:  # a Chinese place in an English question
        return text[:old.start] + (new.org or typed) + text[old.end:]
    return text[:old.start] + name_like(old, new.org, typed, text[old.start:old.end]) + text[old.end:]


def _set_year(text: str, year: int, analyse: Analyse) -> str:
    if _YEAR.search(text):
        return _YEAR.sub(str(year), text)
    if _ZH_YEAR.search(text):
        return _ZH_YEAR.sub(str(year), text)
    q = analyse(text)
    if q.lang == "en":
        return f"{text.rstrip(' ?？.')} in {year}?"
    span = org_span(text, q)
    at = span.end if span else 0
    return f"{text[:at]}{year}年{text[at:]}"


def _set_topic(text: str, topic: str, q: Question) -> str | None:
    """立案 for 收到 (the previous question's predicate), or 办结率是多少 for a measure noun."""
    if q.lang == "en" or re.search(r"[A-Za-z]", topic):
        return None  # an English measure in a fragment: asked as a whole question instead
    if _RATE_NOUN.search(topic):
        span = org_span(text, q)
        lead = text[:span.end] if span else ""
        year = f"{q.years[0]}年" if q.years and str(q.years[0]) not in lead else ""
        return f"{lead}{year}{topic}是多少？"
    if q.kind == "person" and q.role and q.role in text:  # 主席是谁 -> 区委书记是谁
        return text.replace(q.role, topic, 1)
    if q.predicate and q.predicate in text:
        return text.replace(q.predicate, topic, 1)
    m = _WH.search(text)
    return text[:m.start()] + topic + text[m.start():] if m else None


def _english_role(before: _Before, topic: str) -> str | None:
    """"And the party secretary?" after "Who is the district head of Dawukou?": the same question
    about another role."""
    if before.q.kind != "person" or not before.english or not re.fullmatch(r"[A-Za-z][A-Za-z' -]*", topic):
        return None
    _, org = _org_name(before, english=True)
    return f"Who is the {topic} of {org}?" if org else None


def _carry(text: str, q: Question, before: _Before) -> str | None:
    """A whole question without an organisation gets the previous one (and its year)."""
    if q.orgs or any(e.kind in ("place", "romanised") for e in q.entities):
        return None  # it names its own subject: it stands alone
    english = q.lang == "en"
    _, org = _org_name(before, english)
    person = any(e.kind == "person" for e in q.entities)
    year = before.q.years[0] if before.q.years and not q.years and not person else None
    if org is None and year is None:
        return None
    if english:
        context = ", ".join(str(x) for x in (org, year) if x)
        return f"{text.rstrip(' ?？.')} ({context})?"
    body = _ZH_HEAD.sub("", text.strip())
    setting = _setting(before.text) if q.kind == "number" else ""
    if setting and (org is None or ((span := org_span(setting, before.q)) is not None and span.org == org)):
        # 果洛州完成“两室”建设的乡镇有多少个？ then 覆盖了多少个村社？ -> 果洛州完成“两室”建设的乡镇，覆盖了多少个村社？
        return f"{setting}，{body}"
    lead = _lead_clauses(before.text)
    if lead and (org is None or org in lead or ((span := org_span(lead, before.q)) is not None and span.org == org)):
        # 大武口区政协与农垦集团协商后，每年给星光村安排多少资金？ -> 大武口区政协与农垦集团协商后，要持续几年？
        return f"{lead}，{f'{year}年' if year and str(year) not in lead else ''}{body}"
    return f"{org or ''}{f'{year}年' if year else ''}{body}"


_COUNTING = re.compile(r"(?:一共|共计|总共|共)?(?:有)?(?:多少|几)(?:人次|场次|件次|[个件次名篇条户人场批项家期幅张支起亩元年天位届所座种类])?")


_TOTAL = re.compile(r"一共|共计|总共")


def _setting(text: str) -> str:
    """A counting question as a statement of what was counted (形成了几篇调研报告？ -> 形成了调研报告),
    the setting a follow-up's own count is asked in; "" for other questions."""
    if not _COUNTING.search(text):
        return ""
    setting = _COUNTING.sub("", text.strip().rstrip("？?。")).strip("，, ")
    return _TOTAL.sub("", setting)  # 一共收到了提案 -> 收到了提案: a total reads oddly as a setting


def _lead_clauses(text: str) -> str:
    """The clauses of a question before the one that asks (its setting), or ""."""
    clauses = [c for c in re.split(r"[，,；;]", text.strip().rstrip("？?。")) if c]
    asking = next((i for i, c in enumerate(clauses) if _WH.search(c)), 0)
    return "，".join(clauses[:asking])
