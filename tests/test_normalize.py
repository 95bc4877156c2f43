"""Tests of qa.text.normalize and qa.text.numbers with hand-checked expectations."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from qa.text.normalize import (
    DateSpan,
    Quantity,
    chinese_numerals_to_arabic,
    cn_to_number,
    contains_at_boundaries,
    contains_normalized,
    extract_dates,
    extract_quantities,
    normalize_for_match,
    numbers_in,
    to_halfwidth,
)
from qa.text.numbers import PROTECTED_WORDS

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


# ---------------------------------------------------------------- to_halfwidth


def test_to_halfwidth_maps_fullwidth_ascii_and_ideographic_space() -> None:
    assert to_halfwidth("１９０件") == "190件"
    assert to_halfwidth("，：；！？（）％") == ",:;!?()%"
    assert to_halfwidth("ＡＢＣｘｙｚ") == "ABCxyz"
    assert to_halfwidth("甲\u3000乙") == "甲 乙"


def test_to_halfwidth_keeps_cjk_punctuation() -> None:
    assert to_halfwidth("。、“”《》…") == "。、“”《》…"


# ---------------------------------------------------------------- normalize_for_match


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１９０ 件", "190件"),
        ("一百九十件", "190件"),
        ("190\u3000件", "190件"),
        ("“两个维护”", "两个维护"),
        ("「统一」‘思想’\"'", "统一思想"),
        ("2019—2021年", "2019-2021年"),
        ("2019——2021年", "2019-2021年"),
        ("2019–2021", "2019-2021"),
        ("1,800名", "1800名"),
        ("１，８００名", "1800名"),
        ("12,345,678元", "12345678元"),
        ("百分之九十六", "96%"),
        ("百分之96", "96%"),
        ("96 ％", "96%"),
        ("12.48万元", "124800元"),
        ("十二万人", "120000人"),
        ("3千人", "3000人"),
        ("ABC Def", "abcdef"),
        ("第一\n议题", "第1议题"),
        ("⼀百九⼗件", "190件"),  # Kangxi radicals from PDF extraction, via NFKC
        ("等……", "等......"),
    ],
)
def test_normalize_for_match(raw: str, expected: str) -> None:
    assert normalize_for_match(raw) == expected


def test_normalize_makes_equivalent_forms_equal() -> None:
    forms = ["190件", "一百九十件", "１９０件", "190 件", "壹佰玖拾件"]
    assert {normalize_for_match(f) for f in forms} == {"190件"}
    assert normalize_for_match("百分之九十六") == normalize_for_match("96％")
    assert normalize_for_match("12.48万元") == normalize_for_match("124800元")


IDEMPOTENCE_CASES = [
    "一百九十件",
    "十余万元",
    "1,200万",
    "一百,200",
    "五千米",
    "百分之十二点五",
    "２０２３年１０月１３日",
    "“十四五”规划，三会一课；第十二届",
    "九点五十分",
    "3一百",
]


@pytest.mark.parametrize("text", IDEMPOTENCE_CASES)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_for_match(text)
    assert normalize_for_match(once) == once


def test_normalize_is_idempotent_on_corpus() -> None:
    lines = [ln for f in sorted(CORPUS.glob("*.txt")) for ln in f.read_text("utf-8").splitlines()]
    if not lines:
        pytest.skip("no corpus")
    for line in lines:
        once = normalize_for_match(line)
        assert normalize_for_match(once) == once, line


def test_normalize_speed_on_corpus() -> None:
    text = "".join(f.read_text("utf-8") for f in sorted(CORPUS.glob("*.txt")))
    if not text:
        pytest.skip("no corpus")
    paragraphs = [p for p in (text * 3).split("\n\n") if p.strip()]
    start = time.perf_counter()
    for p in paragraphs:
        normalize_for_match(p)
    chars_per_s = sum(map(len, paragraphs)) / (time.perf_counter() - start)
    # measured ~5M chars/s; the bound only catches an accidental quadratic or per-char loop
    assert chars_per_s > 300_000


# ---------------------------------------------------------------- cn_to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百九十", 190),
        ("两千零五", 2005),
        ("十二", 12),
        ("十", 10),
        ("三点五", 3.5),
        ("1.2万", 12000),
        ("一千二百万", 12_000_000),
        ("〇", 0),
        ("零", 0),
        ("两", 2),
        ("俩", 2),
        ("壹贰叁", 123),
        ("壹佰玖拾", 190),
        ("叁仟", 3000),
        ("3千", 3000),
        ("12.48万", 124_800),
        ("１９０", 190),
        ("1,800", 1800),
        ("二〇二三", 2023),
        ("三百五", 350),
        ("一万二", 12000),
        ("一万零二", 10002),
        ("一千零十", 1010),
        ("二十万零五百", 200_500),
        ("一亿二千万", 120_000_000),
        ("十二点五万", 125_000),
        ("十万", 100_000),
        ("万", 10_000),
        ("一万亿", 10**12),
    ],
)
def test_cn_to_number(text: str, value: float) -> None:
    assert cn_to_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "一些", "十四五", "三四十", "一五一十", "万一", "亿万", "万万", "千千万万", "点五", "百分之五"]
)
def test_cn_to_number_rejects_non_numbers(text: str) -> None:
    assert cn_to_number(text) is None


# ---------------------------------------------------------------- chinese_numerals_to_arabic


BRIEF_NON_QUANTITIES = [
    "一些", "一岗双责", "统一", "一致", "一体", "唯一", "一年来", "万众一心", "千方百计",
    "百姓", "三会一课", "四下基层", "两个维护", "十四五",
]  # fmt: skip


@pytest.mark.parametrize("word", BRIEF_NON_QUANTITIES)
def test_non_quantity_words_are_kept(word: str) -> None:
    assert chinese_numerals_to_arabic(f"坚持{word}工作") == f"坚持{word}工作"
    assert numbers_in(word) == set()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一百九十件", "190件"),
        ("举办五期读书班", "举办5期读书班"),
        ("十二场专题党课", "12场专题党课"),
        ("开展十余次", "开展10余次"),
        ("三十多个", "30多个"),
        ("两个", "2个"),
        ("二〇二三年", "2023年"),
        ("一九九八年", "1998年"),
        ("两千零五年", "2005年"),
        ("百分之九十六", "96%"),
        ("百分之十二点五", "12.5%"),
        ("三点五", "3.5"),
        ("十二万人", "120000人"),
        ("十余万元", "10余万元"),  # like 10余万元: 万 stays with its approximate number
        ("五千米", "5千米"),
        # ordinals are converted, consistently (documented decision)
        ("第一议题", "第1议题"),
        ("第十二届", "第12届"),
        # kept: not quantities, or ambiguous approximations
        ("十分重要", "十分重要"),
        ("千万不要", "千万不要"),
        ("五六个", "五六个"),
        ("三三两两", "三三两两"),
        ("零件", "零件"),
        ("一起", "一起"),
        ("一点一滴", "一点一滴"),
        ("12万人", "12万人"),  # mixed: left to expand_arabic_multipliers
    ],
)
def test_chinese_numerals_to_arabic(raw: str, expected: str) -> None:
    assert chinese_numerals_to_arabic(raw) == expected


def test_protection_is_what_keeps_unit_like_idioms() -> None:
    # without protection 两个 / 一年 / 十四五 would convert (个 and 年 are units)
    assert {"两个维护", "一年来", "十四五", "千家万户"} <= set(PROTECTED_WORDS)
    assert chinese_numerals_to_arabic("两个维护，两个人") == "两个维护，2个人"
    assert chinese_numerals_to_arabic("一年来，用了一年") == "一年来，用了1年"


# ---------------------------------------------------------------- quantities


def _q(text: str) -> list[tuple[float, str, bool, str]]:
    return [(q.value, q.unit, q.approx, q.text) for q in extract_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.48万元", [(124800.0, "元", False, "12.48万元")]),
        ("一百九十件", [(190.0, "件", False, "一百九十件")]),
        ("１９０件", [(190.0, "件", False, "１９０件")]),
        ("1,800名", [(1800.0, "名", False, "1,800名")]),
        ("百分之九十六", [(96.0, "%", False, "百分之九十六")]),
        ("96％", [(96.0, "%", False, "96％")]),
        ("约30余人左右", [(30.0, "人", True, "约30余人左右")]),
        ("3万余人次", [(30000.0, "人次", True, "3万余人次")]),
        ("十余万元", [(100000.0, "元", True, "十余万元")]),
        ("2023年", [(2023.0, "年", False, "2023年")]),
        ("3个月", [(3.0, "个月", False, "3个月")]),
        ("7 场", [(7.0, "场", False, "7 场")]),
        ("1.2万人次", [(12000.0, "人次", False, "1.2万人次")]),
        ("50平方米", [(50.0, "平方米", False, "50平方米")]),
        ("共54", [(54.0, "", False, "54")]),
        # 兆 after a figure multiplies it (1兆倍, DRCD's Taiwanese usage), unless it starts a unit (兆瓦)
        ("1兆倍", [(1e12, "倍", False, "1兆倍")]),
        ("3兆瓦", [(3.0, "兆瓦", False, "3兆瓦")]),
        ("第3届", []),
        ("一致通过", []),
        # a measure word said twice after 一 means "many": 一次次调研 is no count of one
        ("一次次调研、一个个提案", []),
        ("一次", [(1.0, "次", False, "一次")]),
    ],
)
def test_extract_quantities(text: str, expected: list[tuple[float, str, bool, str]]) -> None:
    assert _q(text) == expected


def test_quantity_offsets_index_the_original_string() -> None:
    s = "全年开展理论中心组学习２６次，举办五期读书班、12场专题党课，近1.2万人次参加。"
    found = extract_quantities(s)
    assert [q.text for q in found] == ["２６次", "五期", "12场", "近1.2万人次"]
    for q in found:
        assert s[q.start : q.end] == q.text
    assert found[-1] == Quantity(12000.0, "人次", True, "近1.2万人次", s.index("近"), s.index("参"))


def test_dates_are_not_quantities() -> None:
    assert extract_quantities("2023年10月13日召开") == []
    assert extract_quantities("5月6日") == []
    assert _q("10月13日，参会120人") == [(120.0, "人", False, "120人")]


# ---------------------------------------------------------------- dates


def test_extract_dates() -> None:
    assert extract_dates("2023年") == [DateSpan("2023年", 0, 5, year=2023)]
    assert extract_dates("于10月13日") == [DateSpan("10月13日", 1, 7, month=10, day=13)]
    assert extract_dates("2023年10月13日") == [DateSpan("2023年10月13日", 0, 11, 2023, 10, 13)]
    assert extract_dates("2019—2021年") == [DateSpan("2019—2021年", 0, 10, year=2019, year_to=2021)]
    assert extract_dates("5月6日") == [DateSpan("5月6日", 0, 4, month=5, day=6)]
    assert extract_dates("二〇二三年五月六号") == [DateSpan("二〇二三年五月六号", 0, 9, 2023, 5, 6)]
    assert extract_dates("２０２３年１０月") == [DateSpan("２０２３年１０月", 0, 8, 2023, 10)]


def test_extract_dates_rejects_non_dates() -> None:
    assert extract_dates("3个月") == []
    assert extract_dates("13月") == []
    assert extract_dates("5年") == []
    assert extract_dates("每两月举办") == []  # 两 counts things, it never names a month


# ---------------------------------------------------------------- numbers_in and containment


def test_numbers_in_canonical_forms() -> None:
    assert numbers_in("一百九十件") == numbers_in("190件") == {"190"}
    assert numbers_in("12.48万元") == numbers_in("124800元") == {"124800"}
    assert numbers_in("百分之九十六") == numbers_in("96%") == {"96"}
    assert numbers_in("增长3.50倍") == {"3.5"}
    assert numbers_in("1,800名委员，54个单位") == {"1800", "54"}
    assert numbers_in("2023年10月13日") == {"2023", "10", "13"}


@pytest.mark.parametrize(
    ("hay", "needle", "expected"),
    [
        ("190件", "190", True),
        ("190件", "19", False),
        ("1900", "190", False),
        ("12.5", "12", False),
        ("2.5", "5", False),
        ("共12.", "12", True),
        ("190件", "", False),
        ("a190b", "190", True),
    ],
)
def test_contains_at_boundaries(hay: str, needle: str, expected: bool) -> None:
    assert contains_at_boundaries(hay, needle) is expected


def test_contains_normalized() -> None:
    assert contains_normalized("全年共办理一百九十件提案", "190件")
    assert contains_normalized("满意度达百分之九十六", "96%")
    assert not contains_normalized("共办理1900件", "190件")


def test_units_of_news_figures_stay_with_their_numbers():
    # 斤, 枚, 欧元: without them 13657亿斤 was read as 13657亿 and 九枚金牌 stayed a Chinese numeral
    assert [(q.text, q.unit) for q in extract_quantities("全国粮食总产量13657亿斤")] == [("13657亿斤", "斤")]
    assert [q.unit for q in extract_quantities("中国代表团获得九枚金牌")] == ["枚"]
    assert [q.unit for q in extract_quantities("索赔1.32万亿欧元")] == ["欧元"]
