"""Latin abbreviations that Chinese text spells out: GDP is 国内生产总值 in a statistics bureau's release, CPI
居民消费价格指数, WHO 世界卫生组织. A question that writes the abbreviation (2023年二季度GDP同比增长多少) would match
no word of a document that spells it out, and a figure of another story could win. Language, not one corpus's
vocabulary: the names every Chinese newsroom writes out."""

from __future__ import annotations

import re

SPELT_OUT: dict[str, tuple[str, ...]] = {
    "GDP": ("国内生产总值",),
    "CPI": ("居民消费价格指数", "消费者物价指数"),
    "PPI": ("工业生产者出厂价格指数",),
    "PMI": ("采购经理指数", "采购经理人指数"),
    "IPO": ("首次公开募股",),
    "CEO": ("首席执行官",),
    "CFO": ("首席财务官",),
    "CTO": ("首席技术官",),
    "COO": ("首席运营官",),
    "M2": ("广义货币",),
    "GMV": ("成交总额",),
    "ETF": ("交易型开放式指数基金",),
    "AI": ("人工智能",),
    "VR": ("虚拟现实",),
    "WHO": ("世界卫生组织",),
    "WTO": ("世界贸易组织",),
    "IMF": ("国际货币基金组织",),
    "OPEC": ("石油输出国组织",),
    "NASA": ("美国国家航空航天局",),
    "FIFA": ("国际足联",),
    "IOC": ("国际奥委会",),
    "APEC": ("亚太经合组织",),
    "G20": ("二十国集团",),
    "EU": ("欧盟",),
    "NATO": ("北约",),
    "ASEAN": ("东盟",),
    "MVP": ("最有价值球员",),
    "AQI": ("空气质量指数",),
}
ABBREVIATION = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(sorted(SPELT_OUT, key=len, reverse=True)) + r")(?![A-Za-z0-9])")


def spelt_out(text: str) -> list[str]:
    """The Chinese names of the abbreviations ``text`` writes (case as written: "who" is no organisation)."""
    return list(dict.fromkeys(name for m in ABBREVIATION.finditer(text) for name in SPELT_OUT[m.group(1)]))


__all__ = ["ABBREVIATION", "SPELT_OUT", "spelt_out"]
