"""Measure words: which one a question expects, and how well a found unit fits it."""

from __future__ import annotations

import re
from collections.abc import Mapping

# measure words a question can name right after 多少/几 (longest first when matching)
_MEASURES = sorted(
    ["件次", "人次", "场次", "批次", "户次", "架次", "车次", "万元", "亿元", "平方米", "平方公里", "公里", "周年", "分", "个", "件", "次", "名", "篇", "条", "户", "人", "场", "批", "项", "家", "期", "幅", "张", "支", "起", "亩", "元", "年", "天", "位", "届", "所", "座", "处", "套", "本", "部", "份", "家", "个月", "周", "岁", "间", "余", "美元", "欧元", "英镑", "日元", "日圆", "港元", "辆", "台", "吨", "艘", "架", "票"],
    key=len, reverse=True,
)
_ASK = re.compile(r"(?:多少|几)(" + "|".join(map(re.escape, _MEASURES)) + ")")
# English measure nouns right after "how many" (the normalised question has no spaces), as their measure word
_EN_MEASURES = {"batch": "批", "household": "户", "person-time": "人次", "person-visit": "人次", "tonne": "吨",
                "vehicle": "辆"}
_ASK_EN = re.compile(r"howmany(" + "|".join(sorted(_EN_MEASURES, key=len, reverse=True)) + r")")
#: money in any currency (extract_quantities folds 万/亿 into the value: 631亿美元 is 美元)
MONEY = frozenset({"元", "万元", "亿元", "美元", "美金", "欧元", "英镑", "日元", "日圆", "韩元", "港元", "港币", "卢布", "兹罗提",
                   "卢比", "新台币", "澳元", "加元", "新加坡元", "泰铢", "林吉特", "比索", "雷亚尔", "兰特", "瑞郎", "法郎",
                   "里拉", "瑞典克朗", "丹麦克朗", "挪威克朗", "克朗", "越南盾", "迪拉姆", "里亚尔"})
#: a score asked (以什么比分战胜, 比分是多少, 几比几): a figure of unit 比分 (qa.text.figures)
SCORE_ASK = re.compile(r"比分|几比几|多少比多少")
# a length or distance asked (全长又是多少: 3.58公里, not 约3倍)
_LENGTH = re.compile(r"全长|长度|多远|距离|里程|howfar|length|distance")
LENGTHS = frozenset({"公里", "千米", "米", "厘米", "毫米", "里", "英里", "海里", "光年", "km", "m"})
# a weight asked (有多重: 约225克)
_WEIGHT = re.compile(r"多重|重量|体重|howheavy|weigh")
WEIGHTS = frozenset({"克", "千克", "公斤", "斤", "吨", "毫克", "微克", "kg", "g"})
# 多大 of something other than a surface: a capacity, an age, a power (电池容量多大: 5000毫安时, no area)
# (the question arrives without spaces: English words would match inside others, age of village)
_SIZE_OF_OTHER = re.compile(r"容量|年纪|年龄|岁数|功率|电量|内存|存储|排量|风力|压力|力度|尺寸|屏幕|震级|规模|影响|capacity")
# a volume, not its worth: 出口量 is counted in 辆 or 吨, 出口额 in 元
_VOLUME = re.compile(r"(?:出口|进口|销售|销|产|用|发行|交易|成交|运输|吞吐|储|排放|装机|发电)量")
# a worth asked as the subject of 多少 (天猫双11成交额是多少, 票房达到多少亿): a sum of money in any currency, no count
# (not 402个 of 402个品牌成交额破亿元); 有多少品牌成交额破亿 counts brands, so nothing but 亿/万 may follow the ask
_WORTH = re.compile(r"(?:成交额|交易额|销售额|营业额|营收|收入|净利润|利润|票房|市值|估值|生产总值|gdp|产值|投资额|融资额|"
                    r"出口额|进口额|贸易额|总额|奖金|预算|罚款|售价|股价|收盘价|开盘价)"
                    r"[^，,。;；？?多几]{0,6}(?:多少|几)(?:万亿|亿|万)?(?:元|美元|钱)?[？?。呢啊]*$")
# ...asked in English (the question arrives without spaces: howmuchwashuaweisrevenuein2023)
_WORTH_EN = re.compile(r"^(?:howmuch|what)\w*?(?:revenue|sales|profit|turnover|gdp|boxoffice|income|valuation|"
                       r"marketvalue|budget|price)(?!.*(?:grow|increas|rise|rose|fall|fell|drop|declin|chang))")
# people counted (出生人口是多少: 902万人, not the birth rate beside it)
_PEOPLE = re.compile(r"(?<!密度)(?:人口|人数)(?!密度|比例|占比)")
# units that measure the same thing, with how interchangeable they are
_FAMILIES: list[tuple[set[str], float]] = [
    ({"名", "人", "位"}, 0.8),
    ({"元", "万元", "亿元"}, 1.0),
    (set(MONEY), 0.9),  # 多少钱 is answered in 美元 too
    ({"次", "场次", "场", "期"}, 0.6),
    ({"小时", "个小时"}, 1.0),
    ({"岁", "周岁"}, 1.0),  # 退休年龄延迟至多少岁: 63周岁
    ({"架", "架次"}, 0.6),  # 多少架次航班: 947架次; 多少架飞机 may be counted in 架次 too
    ({"辆", "台"}, 0.8),  # 多少辆新车: 交付新车16074台 (cars are counted in both)
    ({"辆", "车次"}, 0.4),
    ({"个", "家", "所", "处", "座"}, 0.6),
    ({"条", "篇", "项"}, 0.4),
    ({"亩", "平方米", "平方公里"}, 0.7),
]


def _asks(norm_question: str) -> list[re.Match[str]]:
    """多少/几 and the measure word after it; not a character that starts a word with the next one
    (拨款多少支持: 支持 is a verb, not 支 of 多少支; 多少家庭, 多少项目), unless that one is a measure too (多少个人)."""
    import jieba  # deferred: loads jieba's dictionary

    jieba.dt.check_initialized()
    out = []
    for m in _ASK.finditer(norm_question):
        word, nxt = m.group(1), norm_question[m.end():m.end() + 1]
        if len(word) == 1 and nxt and nxt not in _MEASURES and (jieba.dt.FREQ.get(word + nxt) or 0) >= _WORD:
            continue
        out.append(m)
    return out


_WORD = 3000  # a common word in jieba's dictionary (支持 10,928, 项目 13,257), not 所学 (601: 多少所学校) or 支队


def asked_measure(norm_question: str) -> str | None:
    """The measure word a question names right after 多少/几 (多少项荣誉 -> 项), else None.
    The general classifier 个 is not a measure one can hold a figure to (几个委员: 8名)."""
    asks = _asks(norm_question)
    found = asks[-1].group(1) if asks else None
    return None if found in ("个", "余") else found


def measure_of(words: list[str], noun_measures: Mapping[str, str]) -> str | None:
    """The measure word among ``words`` (人次), or the one the first counted noun implies (提案 -> 件)."""
    return next((w for w in words if w in _MEASURES), None) or next(
        (noun_measures[w] for w in words if w in noun_measures), None)


def expected_unit(norm_question: str, noun_measures: Mapping[str, str]) -> str | None:
    """The measure word a (normalised) question asks for, if it can be told.

    ``noun_measures`` (the corpus lexicon's: 提案 -> 件) gives the measure a counted noun
    implies when the question does not say it (多少提案).
    """
    if SCORE_ASK.search(norm_question):
        return "比分"
    if re.search(r"占比|比例|比重|份额|百分之几|百分之多少|率|增速|增幅|涨幅|降幅|跌幅|percentage|percent|rate|share|proportion",
                 norm_question):
        return "%"
    # normalize_for_match drops spaces: "how big" arrives as howbig
    if re.search(r"多少钱|多少资金|金额|how ?much ?money|funds|yuan", norm_question):
        return "元"
    if re.search(r"多大|面积|how ?large|how ?big", norm_question) and not _SIZE_OF_OTHER.search(norm_question):
        return "area"
    if _WEIGHT.search(norm_question):
        return "weight"
    if _LENGTH.search(norm_question):
        return "length"
    asks = _asks(norm_question)
    if asks:  # the last one: 那几位委员，一共拿了多少项荣誉 asks for 项
        return asks[-1].group(1)
    if m := _ASK_EN.search(norm_question):  # how many batches: 批, as 多少批 asks
        return _EN_MEASURES[m.group(1)]
    if (_WORTH.search(norm_question) or _WORTH_EN.search(norm_question)) and not asks_change(norm_question):
        return "worth"
    if _PEOPLE.search(norm_question):
        return "人"
    if _VOLUME.search(norm_question):
        return "volume"
    nouns = sorted(noun_measures, key=len, reverse=True)
    after = re.search(r"(?:多少|几|how ?many|how ?much)(.{0,14})", norm_question)
    for scope in ([after.group(1)] if after else []) + [norm_question]:
        for noun in nouns:
            if noun in scope:
                return noun_measures[noun]
    return None


_DAYS_ASKED = re.compile(r"(?:几|多少)[日号天]|哪一?[日天号]")


def counts_days(question: str, unit: str | None) -> bool:
    """Whether a figure in 日 or 号 may answer ``question`` (几日, 多少天, 哪一天): else such a figure is a
    day of the month (世锦赛21日继续进行), never a count."""
    return unit in ("日", "天") or _DAYS_ASKED.search(question) is not None


def calendar_not_count(unit: str, value: float | None, question: str, asked_unit: str | None) -> bool:
    """A figure that names a time rather than counts for "how many": a year (2023年, or a bare 2023 that the
    question names) or, unless days are counted (:func:`counts_days`), a day of the month (21日). Shared by
    the rules and the reader's spans."""
    if unit == "年":
        return value is not None and 1900 <= value <= 2100
    if not unit and value is not None and 1900 <= value <= 2100 and value == int(value):
        # a bare figure that is the year the question names (How many petitions … in 2023? -> 2023):
        # the question gave it, so it is when, not how many
        return str(int(value)) in question
    return unit in ("日", "号") and not counts_days(question, asked_unit)


# a change asked (比上月变化多少, 同比增长了多少), not a level: a rate's change may be in percentage points
_ASKS_CHANGE = re.compile(r"比[^，,。？?]{0,6}?(?:变化|增长|增加|减少|下降|上升|提高|降低|上涨|下跌|多|少)了?(?:多少|几)"
                          r"|变化了?(?:多少|几)|(?:同比|环比)[^，,。？?]{0,2}(?:增长|下降|上升|减少|变化)了?(?:多少|几)"
                          # 零售总额增长了多少, 涨幅是多少: the change, not the level (增长到多少 asks the level)
                          r"|(?:增长|增加|减少|下降|上升|提高|降低|上涨|下跌|[上下]调|调[高低升降]|下滑|回落|缩短|延长|扩大|缩小)"
                          r"了?(?:多少|几)|(?:[增涨降跌]幅|增速|增长率|增长速度)(?:是|为|有)?(?:多少|几)")


def asks_change(question: str) -> bool:
    """The question asks how much something changed (比上月变化多少, 同比增长了多少), not its level."""
    return _ASKS_CHANGE.search(question) is not None


_AREAS = frozenset({"亩", "平方米", "平方公里", "公顷"})


def unit_fit(expected: str | None, found: str) -> float:
    """1.0 for the asked unit, partial for a related one, 0 for a different one.

    With no expectation any unit is half-plausible. 件 and 件次 (a count of
    instructions) are different things, as are 人 and 人次.
    """
    if expected is None:
        return 0.5
    if expected == "area":
        return 1.0 if found in _AREAS else 0.0
    if expected == "length":
        return 1.0 if found in LENGTHS else 0.0
    if expected == "weight":
        return 1.0 if found in WEIGHTS else 0.0
    if expected == "volume":  # any count or weight, never a sum of money
        return 0.0 if found in MONEY else 0.5
    if expected == "worth":  # a sum of money in any currency, never a count
        return 1.0 if found in MONEY else 0.0
    if expected == "count":  # how many passengers: things counted, never a sum, a weight, a length, an area or a rate
        return 0.0 if found in MONEY | LENGTHS | WEIGHTS | _AREAS or found in ("%", "个百分点", "百分点") else 0.5
    if found == expected:
        return 1.0
    for family, score in _FAMILIES:
        if expected in family and found in family:
            return score
    return 0.0


_COUNTED = re.compile(r"(?:多少|几)(?:" + "|".join(map(re.escape, _MEASURES)) + r")?([\u4e00-\u9fff]{1,6}?)"
                      r"(?=的|被|是|有|呢|了|在|[?？,，。]|$)")


def counted_noun(norm_question: str) -> str | None:
    """The noun being counted: 多少个方面的问题 -> 方面, 几个子课题 -> 子课题."""
    asks = list(_COUNTED.finditer(norm_question))
    noun = asks[-1].group(1) if asks else ""
    return noun if len(noun) >= 2 else None
