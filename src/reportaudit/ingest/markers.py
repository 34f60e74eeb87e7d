"""Recognise a heading numbering marker at the start of a line ("一、", "（一）", "1.", "①").

The docx reader uses this to decide whether a heading-styled paragraph already tells the
structure parser it is a heading (it starts with a marker) or needs to be reported in
``Extracted.headings`` because its numbering was automatic or absent.
"""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十百零〇两"

MARKER = re.compile(
    rf"""^[\s\u3000]*(?:
        第[{_CN}\d]+[章节部分条篇]          # 第一章 / 第二部分
      | [{_CN}]+[、.．]                     # 一、
      | [（(][{_CN}]+[）)]                  # （一） (一) mixed widths
      | \d+(?:[.．]\d+)*[、.．](?!\d)       # 1. 1、 2.3.
      | [（(]\d+[）)]                       # （1） (1)
      | [\u2460-\u2473\u3251-\u325f]        # ① … ⑳ ㉑ …
      | 附件\s*\d*                          # 附件 / 附件1
    )""",
    re.VERBOSE,
)


def has_marker(line: str) -> bool:
    """True when ``line`` begins with a heading numbering marker the parser understands."""
    return MARKER.match(line) is not None
