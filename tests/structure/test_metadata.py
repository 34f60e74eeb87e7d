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
