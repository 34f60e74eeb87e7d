"""Recognise one line's heading marker: 一、 （一） (一) 1. 1、 （1） (1） ① 附件.

The genre numbers its headings in a fixed family of styles, but writers mix full- and
half-width brackets, put the heading and its first sentence on one line, and indent lines
with spaces or tabs. This module answers for one line only: is there a marker, which
style, what value, and where does the heading text start. Nesting is the parser's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Style rank: the conventional depth of each style; used to settle mixed numbering.
STYLE_RANK = {
    "cn": 1,
    "attachment": 1,
    "paren_cn": 2,
    "plain": 2,
    "arabic": 3,
    "paren_arabic": 4,
    "circled": 5,
    # decimal outlines: 1.1 under 1., 1.1.1 under 1.1
    "dec2": 4,
    "dec3": 5,
    "dec4": 6,
    # unnumbered headings marked by the source format (Word "Heading N" styles)
    **{f"h{level}": level for level in range(1, 10)},
}

_CN = "[一二三四五六七八九十百零〇两]+"
_OPEN = "[（(]"
_CLOSE = "[）)]"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"^(?:第(?P<v>{_CN})部分|(?P<v2>{_CN})\s*[、．.])\s*")),
    ("paren_cn", re.compile(rf"^{_OPEN}\s*(?P<v>{_CN})\s*{_CLOSE}\s*[、.．]?\s*")),
    ("paren_arabic", re.compile(rf"^{_OPEN}\s*(?P<v>\d{{1,2}})\s*{_CLOSE}\s*[、.．]?\s*")),
    # "1." "1、" "1．" — but not a decimal ("2.5万元"), unless a 4-digit year follows
    # ("2.2021年度…" in an attachment list).
    ("arabic", re.compile(r"^(?P<v>\d{1,2})\s*(?:[、．]|\.(?!\d)|\.(?=\d{4}年))\s*")),
    ("circled", re.compile(rf"^(?P<c>[{CIRCLED}])\s*")),
    ("attachment", re.compile(r"^附\s*件\s*(?P<v>\d{0,2})\s*[:：]?\s*")),
)

# Decimal outlines ("1.1部门职责概述", "2.3.1 …"), but not a decimal figure ("2.5万元",
# "2.65岁以上"): the marker must be followed by a word, not a unit of measure.
_DECIMAL = re.compile(r"^(?P<v>\d{1,2}(?:[.．]\d{1,2}){1,3})(?![\d.．])\s*[、.．]?\s*")
_UNIT_AFTER = re.compile(
    r"^(?:[万亿千百元%％‰倍个亩米吨人次天年月日时岁件户家所项套台辆座处名份本册条期周批元角分]"
    r"|公里|公顷|平方|立方|小时|[a-zA-Z])"
)
_BULLET = re.compile(r"^[•·●▪■◆◇○□▶►\-–—*]+\s*")
# The numeral of a 一、 heading lost in extraction: "、项目绩效情况".
_LOST_CN = re.compile(r"^、\s*(?=[\u4e00-\u9fff])")

# A numbered line is a heading with a title when a short lead clause ends in one of these;
# the rest of the line is the first body paragraph ("4.偏离…措施：2021年，我们…").
_TITLE_END = re.compile(r"[：:。]")
# Inside a line with no break, these mean a sentence (list item), not a heading.
_SENTENCE = re.compile(r"[，,；;]|[\d%‰％]$")
MAX_TITLE = 40


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral up to 999 (一 → 1, 十二 → 12, 二十 → 20)."""
    total, current = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


@dataclass(frozen=True, slots=True)
class Marker:
    """A heading marker found at the start of a line.

    ``title``/``body`` split the rest of the line: a short lead clause is the heading's
    title, and whatever follows it is body text (``body_offset`` is where it starts, relative
    to the stripped line). A long line with no early break is a list item: empty title,
    whole text as body.
    """

    style: str
    value: int | None
    number: str
    title: str
    body_offset: int | None  # offset in the stripped line where body text starts, if any


def match_marker(line: str) -> Marker | None:
    """Return the heading marker at the start of ``line`` (already left-stripped), if any.

    A bullet in front ("• 一、…", kept by copied web pages) is skipped; the marker's
    offsets then count from the start of the line.
    """
    bullet = _BULLET.match(line)
    if bullet and bullet.end() < len(line):
        inner = _match_marker(line[bullet.end() :])
        if inner is None or inner.body_offset is None:
            return inner
        return Marker(
            inner.style, inner.value, inner.number, inner.title, inner.body_offset + bullet.end()
        )
    return _match_marker(line)


def _match_marker(line: str) -> Marker | None:
    """``match_marker`` without the bullet."""
    value: int | None
    dec = _DECIMAL.match(line)
    if dec and not _UNIT_AFTER.match(line[dec.end() :]):
        parts = re.split(r"[.．]", dec.group("v"))
        rest = line[dec.end() :]
        if rest.strip():
            title, body_at = split_title(rest)
            return Marker(
                f"dec{min(len(parts), 4)}",
                int(parts[-1]),
                line[: dec.end()].strip(),
                title,
                None if body_at is None else dec.end() + body_at,
            )
    lost = _LOST_CN.match(line)
    if lost:
        title, body_at = split_title(line[lost.end() :])
        if title:
            return Marker(
                "cn", None, "、", title, None if body_at is None else lost.end() + body_at
            )
    for style, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        rest = line[m.end() :]
        if style == "attachment":
            if not rest and not m.group("v"):
                return Marker(style, None, line.strip(), "", None)
            value = int(m.group("v")) if m.group("v") else None
            return Marker(style, value, line[: m.end()].strip(), "", m.end() if rest else None)
        if not rest.strip():
            return None  # a bare "1." or "一、" line is not a heading we can use
        if style == "circled":
            value = CIRCLED.index(m.group("c")) + 1
        elif style in ("cn", "paren_cn"):
            numeral = (m.group("v") or m.group("v2")) if style == "cn" else m.group("v")
            value = cn_to_int(numeral)
        else:
            value = int(m.group("v"))
        number = line[: m.end()].strip()
        title, body_at = split_title(rest)
        return Marker(style, value, number, title, None if body_at is None else m.end() + body_at)
    return None


def split_title(rest: str) -> tuple[str, int | None]:
    """Split the text after a marker into (title, body start) as described on Marker.

    "偏离…措施：2021年…" is a heading with its body after the colon. "负责…工作。贯彻…" or
    "全区婴儿死亡率降至2.1‰。" is a list item: its whole text is body (so copy detection and
    the diff see it) and its first clause only labels the section. A short line with no
    sentence punctuation ("部门决算情况") is a pure heading.
    """
    stripped = rest.rstrip()
    brk = _TITLE_END.search(stripped)
    if brk and brk.start() <= MAX_TITLE:
        title = stripped[: brk.start()].strip()
        if brk.group() == "。":
            return title, 0
        body = brk.end()
        while body < len(stripped) and stripped[body] in " \t\u3000":
            body += 1
        return title, (body if body < len(stripped) else None)
    if len(stripped) <= MAX_TITLE and not _SENTENCE.search(stripped):
        return stripped.strip(), None
    return "", 0


# Words a heading's title ends with, for text that lost the break between a heading and
# its body ("二、项目资金使用及管理情况我校生均公用经费项目…"). Not when a conjunction or
# 的 follows: then the title goes on ("说明的问题", "问题及原因分析").
_RUN_IN_END = re.compile(
    r"(?:情况|问题|分析|建议|措施|目标|概况|结论|说明|原因|意见|成效|做法|经验|简介|职能|职责|"
    r"设置|指标|得分|计划|安排|管理|方法|依据|过程|范围|对象)(?![及和与、的])"
)


_BODY_START = re.compile(r"[：:。，,；;\d]|我|本(?:单位|部门|项目|局|院|校|年度?)|该(?:项目|单位)")


def split_run_in(rest: str) -> tuple[str, int | None] | None:
    """Title and body start of a heading whose body follows with no punctuation, or None
    when no heading word ends a short title there."""
    window = _BODY_START.split(rest[:32], maxsplit=1)[0]
    ends = list(_RUN_IN_END.finditer(window))
    if not ends or ends[-1].end() < 3:
        return None
    m = ends[-1]
    body = m.end()
    while body < len(rest) and rest[body] in " \t\u3000：:。":
        body += 1
    return rest[: m.end()].strip(), (body if body < len(rest) else None)


def looks_like_plain_heading(line: str) -> bool:
    """An unnumbered line that may be a heading: short, no sentence punctuation."""
    s = line.strip()
    return 4 <= len(s) <= 30 and not re.search(r"[。；;，,：:！？!?、]", s)
