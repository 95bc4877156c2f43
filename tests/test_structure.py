"""Organisation and section attribution, including every section of the multi-organisation files."""

from __future__ import annotations

import pytest

from qa.corpus import build_document, read_source
from qa.text.chunk import ChunkParams
from qa.text.structure import org_key
from tests.conftest import CORPUS


def chunks_of(name: str):
    return build_document(read_source(CORPUS / name), ChunkParams())


QINGHAI_SECTIONS = [
    ("海东市政协", "解决专委会行政编制16名"),
    ("海东市政协", "国家食品安全示范城市创建"),  # a caption inside the section
    ("海西州政协", "全州已挂牌运行“微协商”平台107个"),
    ("海西州政协", "木里煤矿集中整治"),
    ("果洛州政协", "全面完成全州44个乡镇"),
    ("果洛州政协", "参加州政协各类会议32人次"),
    ("城东区政协", "被评为2019—2021年青海省精神文明建设先进单位"),
    ("城东区政协", "我与国旗合个影"),
    ("祁连县政协", "全县厕所革命项目已完成116户"),
    ("祁连县政协", "阿祥调解室在草原调解"),
]


@pytest.mark.parametrize("org,needle", QINGHAI_SECTIONS)
def test_qinghai_series_sections(org, needle):
    _, chunks = chunks_of("qinghai-cppcc-series.txt")
    hits = [c for c in chunks if needle in c.text]
    assert hits and all(c.org == org for c in hits)


def test_qinghai_every_chunk_has_one_of_the_five_orgs():
    doc, chunks = chunks_of("qinghai-cppcc-series.txt")
    assert {c.org for c in chunks} == {"海东市政协", "海西州政协", "果洛州政协", "城东区政协", "祁连县政协"}
    assert doc.org is None  # a series about five organisations is about none of them in particular


@pytest.mark.parametrize("org,needle", [
    ("张掖市政协", "形成高质量研究成果150余篇"),
    ("张掖市政协", "将26个界别264名政协委员全部编入各专委会"),
    ("张掖市政协", "三省五地政协横向联动联谊联席座谈会"),
    ("庆阳市政协", "建立委员工作室120个"),
    ("庆阳市政协", "首届甘肃庆阳岐黄文化论坛拉开帷幕"),
    ("庆阳市政协", "庆阳市政协主席李隆基"),
])
def test_gansu_sections(org, needle):
    _, chunks = chunks_of("gansu-zhangye-qingyang.txt")
    hits = [c for c in chunks if needle in c.text]
    assert hits and all(c.org == org for c in hits)


@pytest.mark.parametrize("name,org", [
    ("dawukou-2023.txt", "大武口区政协"),
    ("chengbei-2023.txt", "城北区政协"),
    ("xining-2023.txt", "西宁市政协"),
])
def test_single_org_documents(name, org):
    doc, chunks = chunks_of(name)
    assert doc.org == org
    assert {c.org for c in chunks} == {org}


def test_titles():
    assert chunks_of("dawukou-2023.txt")[0].title == "履职尽责结硕果 团结奋斗启新程——2023年大武口区政协工作亮点回眸"
    assert chunks_of("xining-2023.txt")[0].title == "凝心聚力谋发展 砥砺奋进谱新篇——市政协2023年工作综述"
    assert chunks_of("qinghai-cppcc-series.txt")[0].title.startswith("在习近平新时代中国特色社会主义思想指引下")


def test_org_context_travels_with_the_chunk():
    from qa.index.fields import indexed_text

    _, chunks = chunks_of("qinghai-cppcc-series.txt")
    c = next(c for c in chunks if "全州已挂牌运行“微协商”平台107个" in c.text)
    assert "海西州政协" in indexed_text(c)


def test_org_key():
    assert org_key("大武口区政协") == "大武口"
    assert org_key("海西州政协") == "海西"
    assert org_key("海西蒙古族藏族自治州") == "海西"
    assert org_key("西宁市政协") == "西宁"
