"""The table-of-contents line is found where the line-anchored pattern finds it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportaudit.checks.layout import _toc_line_end

TOC = re.compile(r"(?m)^[ \t　]*目[ \t　]*录[ \t　]*$")


def _expected(text: str) -> int | None:
    m = TOC.search(text)
    return m.end() if m else None


def test_known_lines() -> None:
    for text in [
        "报告\n目录\n一、基本情况",
        "报告\n　目 录　\n一、",
        "附录\n记录目录表\n 目\t录",
        "目目录\n目录x\nx目录\n目　　录",
        "",
        "目录",
    ]:
        assert _toc_line_end(text) == _expected(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t　\n目录x", max_size=30))
def test_same_as_the_pattern(text: str) -> None:
    assert _toc_line_end(text) == _expected(text)
