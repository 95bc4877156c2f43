"""Figures of another kind than the amount asked, whatever the measure named before them: a length of
time where a volume or a sum is asked (江淮汽车7月销量是多少: not 6个月 of 连续6个月同比正增长), no money where a
price is asked (售价又是多少: not 4000Hz), a sum in 万 or 亿 where a share's price is asked (收盘价: not 3773.34万元
of 主力资金净买入), no percentage where a sum is asked (营业收入是多少: not 占…比重为51.8%). Used by :func:`qa.answer.siblings.not_asked` for the rules' candidates and the reader's spans.
"""

from __future__ import annotations

import re

from qa.answer.extractors import Candidate
from qa.answer.question import Question
from qa.answer.units import MONEY
from qa.text.normalize import extract_quantities

_DURATION_UNITS = frozenset({"个月", "天", "小时", "个小时", "分钟", "周", "星期", "个星期"})
# a length of time asked: how long, how many months or days, a duration's noun
_ASKS_DURATION = re.compile(r"多久|多长|时长|时间|期限|工期|天数|寿命|周期|用时|耗时|历时|连续|"
                            r"(?:几|多少)个?(?:月|天|小时|周|星期|分钟)")
# a price asked: what one thing costs (售价, 起售价, 票价, 股价, 收盘价), not a price index
_ASKS_PRICE = re.compile(r"售价|起价|(?<!物)价格(?!指数)|单价|票价|股价|(?:收盘|开盘|最高|最低)价|多少钱")
_SHARE_PRICE = re.compile(r"股价|(?:收盘|开盘|最高|最低)[价报]|收报|报收")
# a sum asked (营业收入是多少), not a share or a change of it: a percentage is none (占…比重为51.8%)
_ASKS_SUM = re.compile(r"收入|营收|利润|金额|销售额|总额|票房|投资额|成交额|产值|规模")
_ASKS_RATE = re.compile(r"率|比重|占比|比例|百分|增长|增速|下降|减少|同比|环比|倍|几成|涨|跌|%|％|份额")
_SHARES = frozenset({"%", "％", "个百分点", "百分点"})


def wrong_amount(q: Question, c: Candidate) -> bool:
    """``c`` (a figure or a span touching figures) is of another kind than the amount ``q`` asks."""
    if q.kind != "number" or q.lang == "en":
        return False
    touched = [x for x in extract_quantities(c.sentence.text) if x.start < c.end and c.start < x.end]
    if not touched:
        return False
    if all(x.unit in _DURATION_UNITS for x in touched):
        return not _ASKS_DURATION.search(q.text)
    if all(x.unit in _SHARES for x in touched):
        return bool(_ASKS_SUM.search(q.text)) and not _ASKS_RATE.search(q.text)
    if not _ASKS_PRICE.search(q.text) or "指数" in q.text or "点" in q.text:
        return False
    money = [x for x in touched if x.unit in MONEY]
    if not money:  # 4000Hz, 8GB: no price
        return True
    return bool(_SHARE_PRICE.search(q.text)) and all(re.search(r"[万亿]", x.text) for x in money)
