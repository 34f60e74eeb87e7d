"""Shared reading helpers for the checks: sentences with offsets, amounts in yuan, labels.

Why a module of its own: every check family reads the same prose the same way (a sentence
ends at 。！？ or a line end; an amount's "label" is the words written just before it), and
every offset must stay valid in the original text so findings can be highlighted.
``reportaudit.figures`` finds the figures; this module adds what the checks need on top
(normalisation to yuan with a rounding tolerance, the label before an amount).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reportaudit.figures import Figure, find_figures, unit_factor
from reportaudit.structure.model import Document

_SENTENCE_END = re.compile(r"[。！？!?]+|\n")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that end a label when reading backwards from an amount.
_LABEL_STOP = set(
    "，,；;：:。！？!?、（）()【】[]《》“”\"'\n\t 　0123456789０１２３４５６７８９.%％"
)


class Sentence(NamedTuple):
    """A sentence of a paragraph (or a heading line) with its offsets in the document text.

    A NamedTuple (immutable like a frozen dataclass): a report has hundreds of sentences and
    building frozen dataclasses was a fifth of the checks' time.
    """

    start: int
    end: int
    text: str
    paragraph: int | None  # None for heading lines


def sentences_of(text: str, offset: int, paragraph: int | None) -> Iterator[Sentence]:
    """Split ``text`` (which starts at ``offset``) into sentences, keeping offsets."""
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > pos and text[pos : m.end()].strip():
            yield Sentence(offset + pos, offset + m.end(), text[pos : m.end()], paragraph)
        pos = m.end()
    if text[pos:].strip():
        yield Sentence(offset + pos, offset + len(text), text[pos:], paragraph)


def paragraph_sentences(doc: Document) -> Iterator[Sentence]:
    """Every body sentence of the document, in order (headings excluded)."""
    for p in doc.paragraphs:
        yield from sentences_of(p.text, p.start, p.index)


def heading_text(doc: Document, index: int) -> str:
    """The heading line of section ``index`` exactly as written."""
    s = doc.sections[index]
    return doc.text[s.heading_start : s.heading_end]


class Amount(NamedTuple):
    """A money amount with its value in yuan and how far rounding may have moved it
    (a NamedTuple for the same reason as Sentence).

    ``tolerance`` is half a unit of the last written digit (9.21万元 -> 50 元), so a sum
    of rounded parts may differ from a rounded total by the sum of the halves.
    """

    start: int
    end: int
    raw: str
    yuan: Decimal
    tolerance: Decimal
    label: str


_HALF_UNITS = [Decimal(5) * Decimal(10) ** (-d - 1) for d in range(12)]


def tolerance_of(fig: Figure) -> Decimal:
    """Half a unit of the last written digit, in yuan (memoised by the figure as written:
    the same amounts recur throughout a report)."""
    key = (fig.raw, fig.kind, fig.unit)
    got = _TOLERANCES.get(key)
    if got is None:
        if len(_TOLERANCES) > 65536:
            _TOLERANCES.clear()  # bounded: hostile text must not grow it without end
        got = _TOLERANCES[key] = _tolerance(fig)
    return got


_TOLERANCES: dict[tuple[str, str, str], Decimal] = {}


def _tolerance(fig: Figure) -> Decimal:
    """Half a unit of the last written digit, in yuan."""
    decimals = 0
    dot = fig.raw.find(".")
    if dot < 0:
        dot = fig.raw.find("．")
    if dot >= 0:
        tail = fig.raw[dot + 1 :].translate(_FOLD)
        while decimals < len(tail) and tail[decimals].isdigit():
            decimals += 1
    if not fig.value:
        unit = Decimal(1)
    elif len(fig.raw) <= 15:
        # value × factor is exact for 15 digits or fewer, so (value × factor) / value is
        # the factor itself, with the same digits and exponent: skip two Decimal operations
        unit = unit_factor(fig.kind, fig.unit)
    else:
        unit = fig.normalized / fig.value
    half = _HALF_UNITS[decimals] if decimals < len(_HALF_UNITS) else Decimal(0)
    return half * unit


_FOLD = str.maketrans("０１２３４５６７８９", "0123456789")


def label_before(text: str, pos: int, *, limit: int = 24) -> str:
    """The words written right before ``pos`` (back to punctuation or a digit), e.g. the
    "宗教人士生活费" of "…，宗教人士生活费9.21万元"."""
    i = pos
    while i > 0 and pos - i < limit and text[i - 1] not in _LABEL_STOP:
        i -= 1
    return text[i:pos]


def amount_of(
    fig: Figure, text: str, offset: int = 0, *, tolerance: Decimal | None = None
) -> Amount:
    """The Amount of figure ``fig`` found in ``text`` (which starts at ``offset``)."""
    return Amount(
        offset + fig.start,
        offset + fig.end,
        fig.raw,
        fig.normalized,
        tolerance_of(fig) if tolerance is None else tolerance,
        label_before(text, fig.start),
    )  # positional: keywords cost a fifth of building an Amount


def amounts_in(text: str, offset: int = 0) -> list[Amount]:
    """Exact (not "100多万元") money amounts in ``text``, in yuan, with labels.

    Why skip approximate amounts: a check that cannot know the number says nothing.
    """
    out = []
    for f in find_figures(text):
        if f.kind != "amount" or f.approx or f.value < 0:
            continue
        out.append(
            Amount(
                start=offset + f.start,
                end=offset + f.end,
                raw=f.raw,
                yuan=f.normalized,
                tolerance=tolerance_of(f),
                label=label_before(text, f.start),
            )
        )
    return out


def counts_in(text: str, offset: int = 0) -> list[tuple[Amount, str]]:
    """Exact counts (56人, 7个) of ``text`` with their counting unit, as Amount values.

    Why a separate reader: headcounts are listed like money ("在编人员56人，其中…9人，…"),
    but only counts of the same unit can be added up.
    """
    out = []
    for f in find_figures(text):
        if f.kind != "count" or f.approx or f.value < 0:
            continue
        amount = Amount(
            start=offset + f.start,
            end=offset + f.end,
            raw=f.raw,
            yuan=f.normalized,
            tolerance=Decimal("0.5"),
            label=label_before(text, f.start),
        )
        out.append((amount, f.unit))
    return out


def percents_in(text: str, offset: int = 0) -> list[Figure]:
    """Percent figures of ``text`` with offsets shifted by ``offset``."""
    return [
        Figure(f.start + offset, f.end + offset, f.raw, f.value, f.unit, f.kind, f.approx)
        for f in find_figures(text)
        if f.kind == "percent"
    ]


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK ideograph."""
    return bool(_CJK.search(text))


def paren_depths(text: str) -> list[int]:
    """Bracket depth at every character (（ and ( open, ） and ) close; never below 0).

    Why: "79.21万元（统战6万元，…）" lists the parts of 79.21 inside the brackets; those
    parts must not be mixed with the items of the sentence around them.
    """
    depth = 0
    out = []
    for ch in text:
        if ch in "）)":
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in "（(":
            depth += 1
    return out


def fmt_wan(yuan: Decimal) -> str:
    """An amount in 万元 for explanations (why: reports state amounts in 万元)."""
    wan = (yuan / Decimal(10000)).normalize()
    text = f"{wan:f}"
    return f"{text}万元"
