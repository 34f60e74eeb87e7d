"""One reading of a report shared by every check: its sentences, and the figures of each
sentence extracted once.

Why: each check family used to split every paragraph into sentences and extract the figures
of every sentence again (six times per report), which made ``check --all`` cost 75 ms for a
16,000-character report. Here the text is split once, figures are extracted only for
sentences that contain a digit, and only when a check asks (lazily, then cached), and the
bracket depth of a sentence is computed only for sentences that have both figures and
brackets.

It also knows where the text stops: an opening cut off mid-sentence (a web page that shows
the first screen of a report) ends with an *open* sentence, and no check may read a
statement that was cut off.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportaudit.checks.textutil import (
    Amount,
    Sentence,
    amount_of,
    label_before,
    paren_depths,
    tolerance_of,
)
from reportaudit.figures import Figure, figure_at_start, find_figures
from reportaudit.structure.model import Document

# A sentence: from its first visible character through its closing punctuation (or the
# paragraph's end); leading spaces and stray punctuation belong to no sentence.
_SENTENCE = re.compile(r"[^\s。！？!?][^。！？!?\n]*[。！？!?\n]*")
_DIGIT = re.compile(r"[0-9０-９]")
# A number followed by what makes it a figure the checks read (money, percent, count, score):
# one C-speed scan that spares find_figures the sentences holding only dates and list numbers.
_FIGURE_HINT = re.compile(
    r"[0-9０-９]\s*(?:[多余]?[万千亿百]*[多余]?元|[%％]|分|[多余]?[万千]?"
    r"(?:[个项人次场户名期处家所块件篇份条批辆套座间台册本类支]))|百分之"
)
# What a finished statement ends with (a cut-off opening ends with none of these).
_CLOSED = re.compile(r"[。！？!?；;…）)”\"’」』】]\s*$")


class Reading:
    """The sentences of one document (body paragraphs, in order) and their figures.

    Offsets are document offsets. ``figures(i)``, ``amounts(i)``, ``percents(i)``,
    ``counts(i)`` and ``depth(i)`` are computed on first use and kept.
    """

    __slots__ = (
        "_amount_starts",
        "_amounts",
        "_counts",
        "_depth",
        "_digits",
        "_figures",
        "doc",
        "open_tail",
        "sentences",
    )

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        sentences: list[Sentence] = []
        digits: list[int] = []
        new = tuple.__new__  # Sentence(...) without the keyword-capable constructor's frame
        for p in doc.paragraphs:
            at, index, text = p.start, p.index, p.text
            numbered = (
                _DIGIT.search(text) is not None
            )  # most paragraphs: one test, not one per sentence
            for m in _SENTENCE.finditer(text):
                a, b = m.span()
                if numbered and _DIGIT.search(text, a, b):
                    digits.append(len(sentences))
                sentences.append(new(Sentence, (at + a, at + b, m.group(), index)))
        self.sentences = sentences
        self._figures: dict[int, tuple[Figure, ...]] = {}
        self._amounts: dict[int, list[Amount]] = {}
        self._amount_starts: dict[int, dict[int, Amount]] = {}
        self._counts: dict[int, list[tuple[Amount, str]]] = {}
        self._depth: dict[int, list[int]] = {}
        self.open_tail = _open_tail(doc, sentences)
        if self.open_tail and digits and digits[-1] == len(sentences) - 1:
            digits.pop()  # the sentence cut off at the end is never read
        self._digits = digits

    def __len__(self) -> int:
        return len(self.sentences)

    def closed(self, i: int) -> bool:
        """False for the last sentence of a text cut off mid-statement: never read it."""
        return not (self.open_tail and i == len(self.sentences) - 1)

    def figures(self, i: int) -> tuple[Figure, ...]:
        """Figures of sentence ``i`` with sentence-local offsets (empty without digits)."""
        got = self._figures.get(i)
        if got is None:
            text = self.sentences[i].text
            got = tuple(find_figures(text)) if _FIGURE_HINT.search(text) else ()
            self._figures[i] = got
        return got

    def amounts(self, i: int) -> list[Amount]:
        """Exact money amounts of sentence ``i`` (document offsets, labels)."""
        got = self._amounts.get(i)
        if got is None:
            s = self.sentences[i]
            got = [
                amount_of(f, s.text, s.start)
                for f in self.figures(i)
                if f.kind == "amount" and not f.approx and f.value >= 0
            ]
            self._amounts[i] = got
        return got

    def amount_at(self, i: int, local: int) -> Amount | None:
        """The exact amount whose number starts at offset ``local`` of sentence ``i``, read
        from a short window when the sentence's figures were not needed so far (why: the
        repeated-line check looks at a few amounts of many sentences)."""
        s = self.sentences[i]
        cached = self._amounts.get(i)
        if cached is not None:
            starts = self._amount_starts.get(i)
            if starts is None:
                starts = self._amount_starts[i] = {}
                for a in cached:
                    starts.setdefault(a.start, a)  # the first, as a scan in order finds it
            return starts.get(s.start + local)
        f = figure_at_start(s.text[local : local + 32])
        if f is None or f.kind != "amount" or f.approx or f.value < 0:
            return None
        at = s.start + local  # what amount_of gives for ``f`` moved to ``local``
        return Amount(
            at, at + len(f.raw), f.raw, f.normalized, tolerance_of(f), label_before(s.text, local)
        )

    def counts(self, i: int) -> list[tuple[Amount, str]]:
        """Exact counts (56人, 7个) of sentence ``i`` with their counting unit."""
        got = self._counts.get(i)
        if got is None:
            s = self.sentences[i]
            got = [
                (amount_of(f, s.text, s.start, tolerance=Decimal("0.5")), f.unit)
                for f in self.figures(i)
                if f.kind == "count" and not f.approx and f.value >= 0
            ]
            self._counts[i] = got
        return got

    def percents(self, i: int) -> list[Figure]:
        """Percent figures of sentence ``i`` with document offsets."""
        s = self.sentences[i]
        return [
            Figure(f.start + s.start, f.end + s.start, f.raw, f.value, f.unit, f.kind, f.approx)
            for f in self.figures(i)
            if f.kind == "percent"
        ]

    def depth(self, i: int) -> list[int]:
        """Bracket depth at every character of sentence ``i``."""
        got = self._depth.get(i)
        if got is None:
            text = self.sentences[i].text
            got = paren_depths(text) if ("（" in text or "(" in text) else [0] * (len(text) + 1)
            self._depth[i] = got
        return got

    def with_digits(self) -> list[int]:
        """Indices of the closed sentences that hold a digit (the only ones with figures)."""
        return self._digits


_DATE_LINE = re.compile(
    r"^(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$|^(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}$"
)
_UNIT_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{3,30}(?:局|部|办公室|委员会|委|中心|院|所|厅|站|队|馆|会|办|处|社|公司|"
    r"政府|学校|中学|小学|镇|乡|街道|室|团|联|馆|场|站)$"
)


def _open_tail(doc: Document, sentences: list[Sentence]) -> bool:
    """True when the document stops mid-statement: its last body sentence is also the end of
    the text and ends without closing punctuation (an opening, a truncated file). A closing
    signature (a unit's full name, a date) is not an open statement."""
    if not sentences:
        return False
    last = sentences[-1]
    rest = doc.text[last.end :].strip()
    if rest:
        return False  # headings follow: the statement was finished
    line = "".join(last.text.split())
    if _DATE_LINE.match(line) or _UNIT_LINE.match(line):
        return False
    return not _CLOSED.search(last.text.rstrip())
