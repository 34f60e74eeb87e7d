"""Metadata inference on titles written in the genre's style."""

from __future__ import annotations

import pytest

from reportaudit.metadata import UNKNOWN_UNIT, infer
from reportaudit.structure import parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "青川县农业农村局\n2023年度部门整体支出绩效自评报告\n一、基本情况\n正文。\n",
            ("青川县农业农村局", 2023, "部门整体支出绩效自评报告", "青川县"),
        ),
        (
            "河湾市生态环境局2022年度项目支出绩效自评报告\n一、项目概况\n2021年结转资金10万元。\n",
            ("河湾市生态环境局", 2022, "项目支出绩效自评报告", "河湾市"),
        ),
        (
            "附件1：\n云岭区教育局\n2021年度绩效自评工作总结\n一、自评工作开展情况\n无。\n",
            ("云岭区教育局", 2021, "绩效自评工作总结", "云岭区"),
        ),
        (  # 市场监督管理局 begins with 市: the region is 河湾市, not 河湾市市
            "河湾市市场监督管理局2023年度项目支出绩效自评报告\n一、项目概况\n无。\n",
            ("河湾市市场监督管理局", 2023, "项目支出绩效自评报告", "河湾市"),
        ),
        (  # 津市 is a city: its own bureau keeps the doubled 市 in the region
            "津市市水利局2022年度部门整体支出绩效自评报告\n一、基本情况\n无。\n",
            ("津市市水利局", 2022, "部门整体支出绩效自评报告", "津市市"),
        ),
        (  # the city 津市's market bureau: 津市 + 市场监督管理局
            "津市市场监督管理局2022年度部门整体支出绩效自评报告\n一、基本情况\n无。\n",
            ("津市市场监督管理局", 2022, "部门整体支出绩效自评报告", "津市"),
        ),
    ],
)
def test_title_block(text: str, expected: tuple[object, ...]) -> None:
    meta = infer(parse(text))
    assert (meta.unit, meta.year, meta.kind, meta.region) == expected
    assert meta.sources["year"] == "title"


def test_year_comes_from_title_not_body() -> None:
    text = (
        "石门镇人民政府\n2023年度部门整体支出绩效自评报告\n一、概况\n2019年起实施，2022年结转。\n"
    )
    assert infer(parse(text)).year == 2023


def test_unknowns_are_marked() -> None:
    meta = infer(parse("一、基本情况\n情况良好。\n"))
    assert meta.unit == UNKNOWN_UNIT and meta.year is None
    assert meta.sources["unit"] == "default"


def test_unit_from_signature_when_title_has_none() -> None:
    text = "2022年度绩效自评报告\n一、基本情况\n情况良好。\n二、其他\n无。\n\n白河县水务局\n"
    assert infer(parse(text)).unit == "白河县水务局"


# Title blocks in the layouts real reports use (every name and figure invented):
# (text, unit or None for 未知单位, year, kind class).
LAYOUTS = [
    (
        "白沙县水务局2023年度部门整体支出绩效自评报告\n一、基本情况\n",
        "白沙县水务局",
        2023,
        "department_overall",
    ),
    (
        "2022年度清河市第二人民医院\n部门整体支出绩效自评报告\n一、基本情况\n",
        "清河市第二人民医院",
        2022,
        "department_overall",
    ),
    (
        "附件2\n2021年度\n石桥镇人民政府部门整体支出绩效自评报告\n一、部门概况\n",
        "石桥镇人民政府",
        2021,
        "department_overall",
    ),
    (
        "青松县农业农村局关于2022年度农业生产发展资金绩效自评情况的报告\n县财政局:\n根据要求，现报告如下。\n一、基本情况\n",
        "青松县农业农村局",
        2022,
        "project",
    ),
    (
        "北岭市2023年度中央财政衔接推进乡村振兴补助资金绩效自评报告\n一、绩效目标分解下达情况\n",
        "北岭市",
        2023,
        "project",
    ),
    (
        "单位名称：东川区疾病预防控制中心\n评价年度：2022\n项目支出绩效自评报告\n一、项目概况\n",
        "东川区疾病预防控制中心",
        2022,
        "project",
    ),
    (
        "中共南溪县委组织部\n2024年部门整体支出绩效自评报告\n一、部门基本情况\n",
        "中共南溪县委组织部",
        2024,
        "department_overall",
    ),
    (
        "南湖街道办事处2023年度预算执行情况绩效自评报告\n一、基本情况\n",
        "南湖街道办事处",
        2023,
        "budget_execution",
    ),
    (
        "金山区教育局2022年度教育专项资金绩效评价报告\n一、项目基本情况\n",
        "金山区教育局",
        2022,
        "project",
    ),
    (
        "红石乡中心学校2023年项目支出绩效自评报告\n（学生营养改善计划）\n一、项目概况\n",
        "红石乡中心学校",
        2023,
        "project",
    ),
    (
        "2023年度\n云岗县人力资源和社会保障局\n项目支出绩效自评报告\n一、项目基本情况\n",
        "云岗县人力资源和社会保障局",
        2023,
        "project",
    ),
    (
        "泉林市卫生健康委员会部门整体支出绩效自评报告\n（2021年度）\n一、部门概况\n",
        "泉林市卫生健康委员会",
        2021,
        "department_overall",
    ),
    (
        "关于2022年度高标准农田建设项目绩效自评的报告\n市财政局：\n我局根据……\n一、项目概况\n",
        None,
        2022,
        "project",
    ),
    (
        "长丰县融媒体中心2022年度整体支出绩效自评报告\n发布时间：2023-05-06 来源：长丰县融媒体中心\n一、部门基本情况\n",
        "长丰县融媒体中心",
        2022,
        "department_overall",
    ),
    (
        "东湖区人民法院\n2020年度部门整体支出\n绩效评价报告\n一、基本情况\n",
        "东湖区人民法院",
        2020,
        "department_overall",
    ),
    (
        "西陵县妇幼保健院2023年度公共卫生服务项目资金绩效自评报告\n一、项目概况\n",
        "西陵县妇幼保健院",
        2023,
        "project",
    ),
    (
        "2024年度白云镇卫生院\n绩效自评报告\n一、单位基本情况\n",
        "白云镇卫生院",
        2024,
        "department_overall",
    ),
    (
        "翠屏区财政局2022年度部门预算项目支出绩效自评报告\n一、项目概况\n",
        "翠屏区财政局",
        2022,
        "project",
    ),
    (
        "宁江市2021年度城市管理专项资金绩效评价报告\n委托单位：宁江市财政局\n项目主管部门：宁江市城市管理局\n评价机构：某某会计师事务所\n一、项目基本情况\n",
        "宁江市城市管理局",
        2021,
        "project",
    ),
    (
        "县委党校2023年度部门整体支出绩效自评报告\n一、部门概况\n",
        "县委党校",
        2023,
        "department_overall",
    ),
    (
        "汉阳市人民政府办公室2019年度部门整体支出绩效自评报告一、部门基本情况（一）部门职能汉阳市人民政府办公室负责市政府日常工作，协助市政府领导处理事务。（二）机构设置本单位内设科室8个。二、部门整体支出情况2019年度支出总额1230.5万元，其中基本支出800万元。三、绩效目标完成情况年度目标全部完成。\n",
        "汉阳市人民政府办公室",
        2019,
        "department_overall",
    ),
]


@pytest.mark.parametrize(("text", "unit", "year", "kind_class"), LAYOUTS)
def test_layouts_of_real_title_blocks(
    text: str, unit: str | None, year: int, kind_class: str
) -> None:
    meta = infer(parse(text))
    assert (meta.unit, meta.year, meta.kind_class) == (unit or UNKNOWN_UNIT, year, kind_class)


def test_every_field_says_where_it_came_from_and_how_sure() -> None:
    text = "东川区人民医院\n\n一、基本情况\n2022年度，我院全年收入增长。2022年度支出平稳。\n"
    meta = infer(parse(text))
    prov = meta.provenance()
    assert meta.year == 2022 and prov["year"]["source"] == "body" and not prov["year"]["certain"]
    assert "year" in meta.uncertain
    assert prov["kind"]["source"] == "default"


def test_a_region_standing_for_the_owner_is_uncertain() -> None:
    meta = infer(parse("北岭市2023年度中央财政衔接推进乡村振兴补助资金绩效自评报告\n一、概况\n"))
    assert meta.unit == "北岭市" and meta.uncertain == ("unit",)
    assert meta.project == "中央财政衔接推进乡村振兴补助资金"
    assert meta.notes["unit"].startswith("the title names a region")


@pytest.mark.parametrize(
    "text",
    [
        "***项目绩效自评报告\n（主管部门自评提纲）\n一、项目概况\n说明项目主管部门的职能。\n",
        "项目单位（盖章）：****\n2022年度设备购置项目自评结果\n一、自评结论\n",
        "财政支出项目绩效评价\n自评汇报\n（ 年度）\n项目名称：\n项目编码：\n",
        "XX县XX局2023年度部门整体支出绩效自评报告\n一、部门概况\n",
    ],
)
def test_templates_never_get_a_unit(text: str) -> None:
    assert infer(parse(text)).unit == UNKNOWN_UNIT


def test_the_year_evaluated_not_the_year_written() -> None:
    text = (
        "临江市退役军人事务局文件\n临退发〔2024〕6号\n关于上报2023年度优抚对象补助资金绩效自评的报告\n"
        "市财政局：\n一、基本情况\n报告时间：2024年3月1日\n"
    )
    meta = infer(parse(text))
    assert meta.year == 2023 and meta.sources["year"] == "title"


def test_a_range_gives_its_last_year() -> None:
    meta = infer(parse("关于2019—2021年度长河县学前教育专项资金的绩效评价报告\n一、概况\n"))
    assert meta.year == 2021 and meta.notes["year"].startswith("a range")


def test_unit_from_the_opening_sentence_when_there_is_no_title() -> None:
    text = (
        "为做好绩效管理工作，现将2022年长河县交通运输局农村公路建设资金项目绩效自评报告如下：\n"
        "一、绩效目标\n项目总投资100万元。\n"
    )
    meta = infer(parse(text))
    assert (meta.unit, meta.year, meta.sources["unit"]) == ("长河县交通运输局", 2022, "preamble")
    assert "unit" in meta.uncertain


def test_cover_field_labels_are_never_part_of_the_value() -> None:
    text = "部门(单位)名称:  东川区城市管理局\n预 算 编 码: 906017\n东川区2022年度部门整体支出\n绩效评价自评报告\n一、概况\n"
    meta = infer(parse(text))
    assert meta.unit == "东川区城市管理局" and meta.sources["unit"] == "cover"
    assert meta.year == 2022 and meta.kind_class == "department_overall"
