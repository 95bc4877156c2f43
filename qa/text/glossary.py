"""English questions over Chinese documents: map domain terms and place names to Chinese.

The dense side is multilingual, but keyword search and answer extraction need the
Chinese words. A question like "How many proposals did Dawukou receive in 2023?"
gains 提案 收到 大武口 for BM25 and for matching sentences. Place names come from the
index itself (romanised with pypinyin), so new organisations work without editing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Longest phrases first at match time; values are space-separated Chinese terms.
GLOSSARY: dict[str, str] = {
    "cppcc": "政协", "political consultative conference": "政协", "committee": "委员会",
    "proposal": "提案", "proposals": "提案", "motion": "提案", "motions": "提案",
    "registered": "立案", "register": "立案", "filed": "立案 提交", "file": "立案 提交",
    "accepted": "立案", "submitted": "提交", "received": "收到", "receive": "收到",
    "handled": "办理", "handling rate": "办理率", "satisfaction": "满意率", "satisfaction rate": "满意率",
    "reply rate": "办复率", "completion rate": "办复率",
    "member": "委员", "members": "委员", "chairman": "主席", "chair": "主席", "vice chairman": "副主席",
    "party secretary": "书记", "secretary": "书记", "district head": "区长", "mayor": "市长",
    "reporter": "记者", "journalist": "记者", "author": "记者", "wrote": "记者",
    "consultation": "协商", "consultations": "协商", "negotiation": "协商",
    "research": "调研", "survey": "调研", "surveys": "调研", "investigation": "调研",
    "inspection": "视察", "inspections": "视察", "supervision": "监督", "oversight": "监督",
    "meeting": "会议", "meetings": "会议", "session": "会议", "sessions": "会议",
    "training": "培训", "trained": "培训", "study": "学习", "learning": "学习",
    "lecture": "党课 讲堂", "lectures": "党课 讲堂", "seminar": "研讨", "seminars": "研讨",
    "report": "报告", "reports": "报告", "suggestion": "建议", "suggestions": "建议",
    "recommendation": "建议", "recommendations": "建议", "opinions": "意见",
    "platform": "平台", "platforms": "平台", "studio": "工作室", "studios": "工作室",
    "workshop": "工作室", "station": "工作站", "stations": "工作站", "office": "办公室",
    "donated": "捐助", "donation": "捐助", "donations": "捐助", "funds": "资金", "money": "资金",
    "yuan": "元", "forum": "论坛", "held": "举办", "hold": "举办", "event": "活动", "events": "活动",
    "activity": "活动", "activities": "活动", "village": "村", "villages": "村", "township": "乡镇",
    "households": "户", "household": "户", "toilet": "厕所", "toilets": "厕所",
    "grassland": "草场", "pasture": "草场", "dispute": "纠纷", "disputes": "纠纷",
    "mediation": "调解", "mediated": "调解", "education": "教育", "party building": "党建",
    "theory": "理论", "theoretical": "理论", "reading": "读书", "books": "书籍", "book": "书籍",
    "photos": "照片", "photographs": "照片", "historical": "文史", "history": "文史",
    "information": "信息", "public opinion": "社情民意", "business environment": "营商环境",
    "basketball": "篮球", "teams": "代表队", "team": "代表队", "delegation": "考察",
    "delegations": "考察", "visits": "考察", "visited": "考察", "visit": "考察",
    "people": "人", "person": "人", "times": "次", "experts": "专家", "expert": "专家",
    "think tank": "智库", "rural revitalization": "乡村振兴", "poverty": "脱贫",
    "civilization": "文明", "civilized": "文明", "unit": "单位", "award": "评为", "honored": "评为",
    "model": "示范", "demonstration": "示范", "app": "APP", "wechat": "微信", "website": "网站",
    "committees": "专委会", "special committee": "专委会", "sector": "界别", "sectors": "界别",
    "ruins": "遗址", "site": "遗址", "energy": "能源", "chemical": "化工", "base": "基地",
    "year": "年", "2022": "2022", "2023": "2023", "2024": "2024",
    "percent": "%", "percentage": "%", "rate": "率", "share": "率 占比",
    "satisfied": "满意 满意率", "company": "企业", "companies": "企业", "enterprise": "企业",
    "enterprises": "企业", "firms": "企业", "businesses": "企业", "head": "负责人", "heads": "负责人",
    "leader": "负责人", "in charge": "负责人", "director": "主任", "topics": "课题", "subtopics": "子课题",
    "honours": "殊荣 荣誉", "honors": "殊荣 荣誉", "awards": "殊荣 荣誉", "complaints": "投诉",
    "consumers": "消费者", "opened": "开幕 拉开帷幕", "open": "开幕", "renovated": "改造", "renovation": "改造",
    "completed": "完成", "built": "建成 建立", "established": "建立 建成", "set up": "建立",
    "anniversary": "周年", "theme": "主题", "themed": "主题", "studies": "学习", "inspected": "视察",
    "approach": "思路", "approaches": "思路", "working approach": "工作思路", "work approach": "工作思路",
    "idea": "思路", "ideas": "思路", "put forward": "提出", "framework": "格局 模式", "pattern": "格局 模式",
    "mechanism": "机制", "mechanisms": "机制", "brand": "品牌", "brands": "品牌",
}
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _glossary_pattern() -> re.Pattern[str]:
    terms = sorted(GLOSSARY, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def romanise(word: str) -> str:
    """大武口 -> dawukou (lower case, no tones, no spaces)."""
    from pypinyin import lazy_pinyin  # deferred: loads its dictionary on first use

    return "".join(lazy_pinyin(word)).lower()


def translate_terms(text: str, places: Iterable[str] = ()) -> list[str]:
    """Chinese equivalents of the English domain terms and romanised places in ``text``."""
    if not _LATIN.search(text):
        return []
    out: list[str] = []
    for m in _glossary_pattern().finditer(text):
        out.extend(GLOSSARY[m.group(1).lower()].split())
    letters = re.sub(r"[^a-z]", "", text.lower())
    for place in places:
        key = romanise(place)
        if len(key) >= 4 and key in letters:
            out.append(place)
    return list(dict.fromkeys(out))


def expand_query(query: str, places: Iterable[str] = ()) -> str:
    """The query with Chinese terms appended when it is (partly) English."""
    extra = translate_terms(query, places)
    return f"{query} {' '.join(extra)}" if extra else query
