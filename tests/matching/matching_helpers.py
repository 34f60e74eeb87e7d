"""Small builders for matching tests: hand-written reports parsed by the real parser."""

from __future__ import annotations

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.structure import parse


def make(rev: str, unit: str, year: int, body: str, kind: str = "self_eval") -> IndexedDoc:
    """An IndexedDoc for a report text (parsed with the project parser)."""
    text = f"{unit}\n{year}年度部门整体支出绩效自评报告\n\n{body}"
    return IndexedDoc(rev, unit, year, kind, f"{rev}.txt", document=parse(text))


def report(year: int, deviation: str, goal: str, extra: str = "") -> str:
    """A minimal report body in the genre's structure."""
    return (
        "一、基本情况\n"
        f"本单位主要负责辖区内的{extra or '日常管理'}工作，全年运转正常。\n"
        "二、绩效自评工作组织开展情况\n"
        "成立自评工作小组，按照要求逐项核对支出凭证和绩效指标完成情况。\n"
        "三、部门预算项目支出绩效自评情况分析\n"
        "（一）示范项目\n"
        "1.总体绩效目标完成情况分析\n"
        f"{goal}\n"
        "2.偏离绩效目标的原因及下一步改进措施\n"
        f"{deviation}\n"
    )
