"""Understanding a question: what kind of answer it wants, about whom, when, and its key terms.

Works on Chinese questions and, through the glossary, on English ones: the English
terms and romanised places are translated before analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from qa.answer import intent
from qa.answer.english import asked_unit as english_unit
from qa.answer.english import clause_terms, event_ordinals
from qa.answer.english import counted_noun as english_noun
from qa.answer.entities import Entity, named_entities
from qa.answer.units import asked_measure, counted_noun, expected_unit, measure_of
from qa.lexicon import Lexicon
from qa.text import periods
from qa.text.bilingual import is_english
from qa.text.colloquial import LIGHT_VERBS, written
from qa.text.glossary import translate_terms
from qa.text.normalize import normalize_for_match, to_halfwidth
from qa.text.orgs import detect_orgs
from qa.text.structure import org_key

Kind = Literal["number", "date", "person", "entity", "comparison", "overview", "multipart", "other"]

_COMPARE = re.compile(r"(哪个|哪一个|哪一家|哪家|哪边|哪一类|哪类|哪一项|哪项|哪一种|哪种|谁|哪方).{0,12}"
                      r"(更多|更少|多一些|少一些|最多|最少|较多|较少|更大|更小|更高|更低)"
                      # 谁搞的场次多？ 比起来哪个多？ 哪个数量大？: a plain 多/少/大/小 ending the question
                      r"|(哪个|哪一个|哪一家|哪家|哪边|哪一项|哪项|哪一种|哪种|谁|哪方)[^,，。;；]{0,8}(?<!多)[多少大小高低][?？]?\s*$"
                      r"|(多还是|少还是).{1,12}(多|少)|相比.{0,12}(哪|谁)|\bwhich\b.*\b(more|fewer|less|larger|higher)\b",
                      re.IGNORECASE)
# by how much one side exceeds the other: 比城北区政协多多少件, 比大武口区政协多立案多少件 (the measure's verb
# between 多 and 多少), 相差几个, how many more
DIFFERENCE = re.compile(r"(?:多|少|差)(?:多少|几)|比[^,，。;；?？]{1,20}?[多少][\u4e00-\u9fff]{1,4}?(?:多少|几)|相差|差距|差值|\bhow (?:many|much) (?:more|fewer|less)\b|"
                        r"\bdifference\b|\bby how (?:many|much)\b", re.IGNORECASE)
_FEWER = re.compile(r"更少|最少|较少|少一些|少还是|(哪个|哪家|哪边|哪项|哪种|谁|哪方)[^,，。;；]{0,8}(?<!多)[少小低][?？]?\s*$|\b(fewer|less|lower|smaller)\b", re.IGNORECASE)
_DATE_DAY = re.compile(r"哪天|哪一天|哪几天|什么日期|哪个日期|几月几[日号]|几[号日](?:的事)?[?？]?\s*$|什么日子|何日|\b(what|which) (date|day)\b", re.IGNORECASE)
# 几点 of a time (几点起飞), not of a count (提出了几点建议)
_DATE_ANY = re.compile(r"什么时候|什么时间|何时|哪个时候|\bwhen\b|\bwhat time\b|几时|几点(?:钟|几分)?(?=\s*(?:[?？]|$|起飞|降落|着陆|抵达"
                       r"|到达|出发|开始|结束|开幕|闭幕|举行|召开|发布|发射|登陆|开赛|开考|开播|开放|关闭|发生|截止))",
                       re.IGNORECASE)
# a keyword query ending in 时间/日期 (马克龙访华时间？, 君子盟首播时间) asks for a day; 多长时间 asks how long
_DATE_KEYWORD = re.compile(r"(?<!多长)(?<!多少)(?<!长)(?:时间|日期)(?:是|为)?[?？]?\s*$")  # …具体日期是？
_DATE_MONTH = re.compile(r"哪年哪月|哪一?个月|几月份?(?!几)|\b(?:what|which) month\b", re.IGNORECASE)
_DATE_YEAR = re.compile(r"哪一?年|哪几年|哪(?:一|几)?个?年度|几几年|\bwhat year\b|\bwhich year\b", re.IGNORECASE)
# "Which Dawukou CPPCC member gave talks…", "through which member's room" ask for a person as "who" does
# (not "which members' workstation": the plural is not matched)
_PERSON = re.compile(r"谁|哪位|哪一位|\bwho\b|\bwhose\b|\bwhich\b(?:\s+[\w'-]+){0,5}?\s+(?:member|person|official|"
                     r"leader|chairman|chairwoman|director|secretary)\b", re.IGNORECASE)
# the people a group holds, asked 有哪些 (神舟十六号的航天员有哪些: a crew's names, not what they did)
_PEOPLE_ASK = re.compile(r"(?:(?<!人)员|[者手]|得主|[科作]学?家|艺术家|企业家|专家|主演|嘉宾|明星|教练|人选)(?:都|分别|各)?"
                         r"(?:有|是|包括)哪些|哪些(?:航天员|运动员|选手|球员|演员)")  # not 哪些人: groups (村民代表)
_NAME_OF = re.compile(r"叫什么名字|什么名字|姓名|叫什么")
_HOW_MUCH = re.compile(r"\bhow (?:many|much|old|long|far|big|large|tall|high)\b", re.IGNORECASE)
_NUMBER = re.compile(r"多少|(?<!哪)几|多大|多高|多长|多重|多远|占比|比例|(?:什么|怎样的|何种)比分|比分(?:如何|怎样)|"
                     r"(?:跑|游|跳|投|掷|滑|骑|划)出了?(?:什么|怎样的)成绩|"  # a race's result is its time
                     r"[率]是|百分之几|\bhow (many|much|large|big|long|tall|high|old|far)\b|"
                     r"\bwhat (?:[\w'-]+\s+)?(percentage|share|rate|proportion|number|magnitude)\b|"
                     # what was the average pork price, what is the starting price of: a figure's name (not a
                     # rate named far from "what": english-fresh's unanswerable handling rate took 占比 81.7%)
                     r"\bwhat(?:'s|\s+is|\s+was|\s+are|\s+were)?(?:\s+the|\s+its|\s+their)?(?:\s+[\w'-]+){0,3}?\s+"
                     r"(?:price|amount|total|value|cost|revenue|income|profit|sales|volume|output|population|"
                     r"temperature|speed|distance|length|height|budget|investment|gdp|turnover|earning|box office|shipment|"
                     r"rainfall|prize money)s?\b", re.IGNORECASE)
# a number that names something (航班号, 型号, 电话号码): what it is written as, not how many
_CODE_ASK = re.compile(r"(?:航班|车牌|电话|型|编|代|学|账|证件|身份证|门牌)号码?(?:是|为)?多少")
_ENTITY = re.compile(r"什么|哪个|哪家|哪一级|哪一类|哪支|哪里|哪儿|哪所|哪座|哪一|哪些|哪几|哪项|哪种|哪条|哪部|哪[栋幢艘款辆架首间台只对国]|何国|\bwhat\b|\bwhich\b|\bwhere\b",
                     re.IGNORECASE)
_TITLE_ASK = re.compile(r"题目|标题|名称|全称|怎么表述|如何表述")  # not 全名: a person has one too
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ORDINAL = re.compile(r"(首|第\d+)(届|批|次|期)")
# words that carry no content for matching (besides the tokenizer's stopwords and the lexicon's filler)
_FILLER = {"一共", "共计", "总共", "共", "分别", "是", "有", "叫", "叫做", "为", "了", "的", "个", "多少", "几", "什么", "哪个", "哪些", "哪", "谁", "请问", "呢", "吗", "多大", "多重", "多高", "多长", "多远", "多深", "多宽", "多厚", "哪一", "哪位", "名字", "是什么", "怎样", "如何", "哪天", "哪一天", "哪一年", "何时", "时候", "什么时候", "期间", "更多", "更少", "相比", "还是", "哪边", "哪家", "哪一家", "一类", "哪类", "较", "最", "年", "月", "日", "以来", "一年", "里", "大概", "大约", "约",
           "比", "多", "少"}  # 比2022年多多少: the comparison says nothing to match (多 matched 7200多个)
# a question word with its classifier (几次, 多少个, 几场): it asks, it says nothing to match
_ASKING = re.compile(r"(?:几|多少)\w?")


@dataclass(slots=True)
class Question:
    """The analysis of one question."""

    text: str
    norm: str  # normalised for matching; English terms translated and appended
    lang: Literal["zh", "en"]
    kind: Kind
    unit: str | None = None  # expected measure word for numbers ("件", "%", "元", ...)
    measure: str | None = None  # the one the question itself names (多少项, "how many person-times"), if any
    written_by_us: bool = False  # a part of a multi-part question or a comparison's side, not the user's words
    date_part: Literal["day", "month", "year", "any"] | None = None
    counted: str | None = None  # the noun being counted (多少个方面 -> 方面)
    orgs: list[str] = field(default_factory=list)  # canonical organisation names, in order
    years: list[int] = field(default_factory=list)
    ordinals: list[str] = field(default_factory=list)  # normalised: 第1届, 第2批
    sessions: set[tuple[int, int]] = field(default_factory=set)  # 九届四次会议 -> {(9, 4)}
    terms: list[str] = field(default_factory=list)  # content terms (no org, year, question words)
    focus: list[str] = field(default_factory=list)  # terms in the clause that holds the wh-word
    predicate: str | None = None  # the term right before the wh-word (立案了多少 -> 立案)
    role: str | None = None  # for person questions: 主席, 书记, ...
    fewer: bool = False  # comparison asks for the smaller one
    difference: bool = False  # comparison asks by how much (多多少, how many more)
    entities: list[Entity] = field(default_factory=list)  # places, people, years it names (qa.answer.entities)
    parts: list[str] = field(default_factory=list)  # a multi-part question's parts, each a question


# a post asked by its title (澄东区区长是谁, 董事长叫什么): what a corpus without a lexicon of roles knows of it
_TITLE_ASKED = re.compile(r"副?(?:[省市区县州镇乡村]长|书记|主席|主任|董事长|总经理|经理|校长|院长|局长|厅长|部长|行长|社长|所长|"
                          r"会长|理事长|秘书长|负责人|总裁|法定代表人)(?=是谁|叫什么|是哪位|是什么人)")


def _title_asked(text: str) -> str | None:
    return m.group(0) if (m := _TITLE_ASKED.search(text)) else None


def normalise_ordinal(text: str) -> str:
    return text.replace("首", "第1")


def _kind(text: str, roles: tuple[str, ...]) -> Kind:
    if _COMPARE.search(text):
        return "comparison"
    if _HOW_MUCH.search(text):
        return "number"  # How old was he when he died: an age, not a date
    if _CODE_ASK.search(text):
        return "entity"  # 航班号是多少: a code (MU9191), not a count
    if _DATE_YEAR.search(text) or _DATE_DAY.search(text) or _DATE_ANY.search(text) or _DATE_KEYWORD.search(text):
        return "date"
    if _PERSON.search(text) or _PEOPLE_ASK.search(text):
        return "person"
    last = re.split(r"[,，;；]", text.rstrip("?？。 "))[-1]
    if _TITLE_ASK.search(last) and not _NUMBER.search(last):
        return "entity"  # 几次视察里有一次是冲着农业去的，那次视察的题目是怎么表述的: the last clause asks
    # 叫什么名字 asks for a person only when a role is named (主任叫什么名字), and after a title's ask
    # (关于委员联系界别群众的那份文件，全称叫什么: its 委员 is no one asked for)
    if _NAME_OF.search(text) and any(r in text for r in roles):
        return "person"
    if _NUMBER.search(text):
        return "number"
    if _ENTITY.search(text):
        return "entity"
    return "other"


def analyse(question: str, orgs: list[str], tokenize, lexicon: Lexicon) -> Question:
    """Analyse ``question`` against the index's organisations and the corpus's lexicon
    (roles, measures, glossary, light verbs, sessions); ``tokenize`` gives word tokens."""
    question = written(question)  # 搞了多少回 -> 开展了多少次: the words documents (and the reader) know
    question = intent.keyword_ask(question)  # 2022年英特尔全年营收 asks for a figure, as …营收是多少 does
    text = to_halfwidth(question.strip())
    lang = "en" if is_english(text) else "zh"
    zh_extra = translate_terms(text, [org_key(o) for o in orgs], lexicon)
    zh_extra += periods.in_chinese(text) if lang == "en" else []  # Q3 2023: 第3季度, not the second's figure
    work = text + (" " + " ".join(zh_extra) if zh_extra else "")
    q = Question(text=question, norm=normalize_for_match(work), lang=lang, kind=_kind(text, lexicon.roles))
    q.orgs = detect_orgs(work, orgs)
    # 比2022年12月增长了多少: the year a change is measured from is not the year asked about
    q.years = [int(y) for y in _YEAR.findall(periods.without_references(normalize_for_match(text)))]
    q.ordinals = [normalise_ordinal(m.group(0)) for m in _ORDINAL.finditer(normalize_for_match(text))]
    if lang == "en":
        q.ordinals += event_ordinals(text)  # the 96th Oscars: 第96届, not the 95th's winner
    q.sessions = lexicon.sessions_in(normalize_for_match(text))
    q.entities = named_entities(text)
    q.fewer = bool(_FEWER.search(text))
    q.difference = len(q.orgs) >= 2 and bool(DIFFERENCE.search(text)) and q.kind in ("number", "comparison")
    if q.difference:  # 大武口区政协收到的提案比城北区政协多多少件: two organisations' figures, subtracted
        q.kind = "comparison"
    if q.kind != "comparison":  # several asks in one question, or an overview of an organisation's work
        parts = intent.split(text, q.orgs, q.years, lang)
        if len(parts) >= 2:
            q.kind, q.parts = "multipart", parts
        elif intent.asks_overview(text, orgs):
            q.kind = "overview"
    if q.kind == "date":
        q.date_part = "month" if _DATE_MONTH.search(text) else "year" if _DATE_YEAR.search(text) else (
            "day" if _DATE_DAY.search(text) or _DATE_KEYWORD.search(text) else "any")
    if q.kind in ("number", "comparison"):
        q.unit = expected_unit(normalize_for_match(_inside_words(work) if lang == "en" else work), lexicon.noun_measures)
        q.measure = asked_measure(normalize_for_match(text))
        noun = english_noun(text) if lang == "en" else None
        if noun:  # "how many research reports": the counted noun itself (its head word last), through the glossary
            q.measure = next((u for w in reversed(noun.split()) if (u := measure_of(
                translate_terms(w, [], lexicon), lexicon.noun_measures))), None)
            q.unit = q.measure or q.unit
        if lang == "en" and not q.measure:  # how many years -> 年, how much in losses -> 元
            unit = english_unit(text)  # how many passengers: a count, unless a measure word is known (batches: 批)
            q.measure = None if unit == "count" and q.unit else unit
            q.unit = q.measure or q.unit
        q.counted = counted_noun(normalize_for_match(text))
    if q.kind == "person":
        q.role = next((r for r in lexicon.roles if r in work), None) or _title_asked(work)
    q.terms = _terms(work, q, tokenize, lexicon.filler)
    clause = _wh_clause(text)
    light = lexicon.light_verbs | LIGHT_VERBS
    # a light verb (开展了多少次交流研讨) says nothing of what is asked: the noun after it does
    q.focus = [t for t in q.terms if clause and t in clause.lower() and t not in light]
    q.predicate = _predicate(text, q.terms, light)
    if lang == "en":  # the wh-clause read through the glossary, as 多少 is read in Chinese
        en = clause_terms(text, lambda w: translate_terms(w, [], lexicon), light)
        q.focus = [t for t in en.focus if t not in lexicon.filler and not any(t in o for o in q.orgs)]
        q.predicate = en.predicate if en.predicate in q.terms else None
        q.counted = q.counted or (en.counted if q.kind in ("number", "comparison") else None)
    return q


# English words that hold a measure's word without being it (generate, corporate, shareholders): the
# normalised question loses its spaces, where "rate" would be found inside "generate"
_HOLDS_MEASURE = re.compile(r"[A-Za-z]*(?:rate|share|percent|proportion)[A-Za-z]*")
_MEASURE_WORDS = frozenset(["rate", "rates", "share", "shares", "percent", "percentage", "percentages", "proportion"])


def _inside_words(text: str) -> str:
    """``text`` without the English words that only hold a measure's word inside them."""
    return _HOLDS_MEASURE.sub(lambda m: m.group(0) if m.group(0).lower() in _MEASURE_WORDS else " ", text)


_BEFORE_WH = re.compile(r"(?:了|过|共|一共|总共|共计|有)+$")


def _predicate(text: str, terms: list[str], light_verbs: frozenset[str]) -> str | None:
    """The content word right before 多少/几, skipping 了/一共/有 (城北区政协立案了多少件 -> 立案)."""
    m = re.search(r"多少|几", text)
    if m is None:
        return None
    head = _BEFORE_WH.sub("", text[: m.start()])
    found = next((t for t in sorted(terms, key=len, reverse=True) if head.endswith(t)), None)
    # 形式动词 (the lexicon's light verbs) only carry the noun after them (开展了几次专题协商 asks
    # about 专题协商); in a list (开展基层协商10余次，专题协商4次) such a verb stands for every item
    return None if found in light_verbs else found


_WH_ANY = re.compile(r"多少|几|什么|哪|谁|何时|多大|占比|\b(how|who|what|which|when|where)\b", re.IGNORECASE)


_ASKS = re.compile(_WH_ANY.pattern + r"|怎样|怎么|如何|何|甚么|什麼|为什么|[?？]|\b(why|how)\b", re.IGNORECASE)


def asks_for_several(q: Question) -> bool:
    """Keywords that name several things side by side, with no ask word and no question mark
    (城北区政协开展集中学习和讲党课的次数): they want the statement that holds them all, not one span.
    (之称为? or 何年 is a question: on the reader's held-apart articles, reading those as keywords
    turned 20 right spans into whole sentences; keywords naming one thing, 133 of RGB-zh's 400
    queries, want a span: as statements they took RGB-zh's F1 from 0.448 to 0.362.)"""
    return q.kind == "other" and _ASKS.search(q.text) is None and intent.JOINED.search(q.text) is not None


def _wh_clause(text: str, reach: int = 8) -> str:
    """The words around the question word, within its clause (城北区…提案中，有多少件被立案 -> 有多少件被立案)."""
    m = _WH_ANY.search(text)
    if m is None:
        return ""
    for c in re.finditer(r"[^,，;；:：]+", text):
        if c.start() <= m.start() < c.end():
            return text[max(c.start(), m.start() - reach): min(c.end(), m.end() + reach)]
    return ""


def _terms(text: str, q: Question, tokenize, filler: frozenset[str]) -> list[str]:
    """Content terms: tokens minus organisation names, years, units and question words."""
    org_words = {w for o in q.orgs for w in (o, o.removesuffix("政协"), org_key(o)) if w}
    for name in sorted(org_words, key=len, reverse=True):  # 西宁市政协主席: 主席, not 政协主席
        text = text.replace(name, " ")
    out = []
    for tok in tokenize(text):
        if tok in _FILLER or tok in filler or tok in org_words or _YEAR.fullmatch(tok) or tok.isdigit() or _ASKING.fullmatch(tok):
            continue
        if any(tok in w for w in org_words) or (q.lang == "en" and tok.isascii() and tok.isalpha()):
            continue  # sub-words of place names; English words (their translations are kept)
        if q.unit and tok == q.unit:
            continue
        out.append(tok)
    return list(dict.fromkeys(out))
