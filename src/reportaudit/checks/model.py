"""What a check produces: frozen findings with stable ids and character spans.

Why one shape for every check family: the findings list (CLI ``findings --kind``, the TUI,
exports) shows arithmetic slips, stale years and placeholder sections side by side, and an
auditor's review decision must stick to a finding across re-runs. So the id is a digest of
what the finding *is* (kind, where, the text it points at), never Python's salted ``hash()``
and never a row number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from reportaudit.structure.model import Document

CheckKind = Literal[
    "arithmetic", "score_grade", "stale_year", "foreign_name", "placeholder", "broken"
]
KINDS: tuple[str, ...] = (
    "arithmetic",
    "score_grade",
    "stale_year",
    "foreign_name",
    "placeholder",
    "broken",
)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` in the revision's extracted text.

    Why offsets and not quotes: the UI highlights by slicing the very text the store keeps.
    """

    start: int
    end: int

    def text(self, doc_text: str) -> str:
        """The characters this span covers."""
        return doc_text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """One problem a check found inside one report.

    ``severity`` is 0-100 (how sure and how serious, for sorting); ``explanation`` is one
    line a reader understands without the code; ``rule`` names the sub-check (e.g.
    ``sum_mismatch``) so tests and filters can tell findings of one kind apart. ``spans`` are
    in text order; ``anchor`` is the one span that states what is wrong (the total whose
    parts disagree, the rate, the score), for a UI that jumps to one place.
    """

    id: str
    kind: str
    rule: str
    severity: int
    explanation: str
    spans: tuple[Span, ...]
    section: int | None
    section_path: str
    section_type: str
    anchor: Span | None = None  # the statement at fault (the rate, the total, the score)

    @property
    def start(self) -> int:
        """Where the finding starts (first span), for sorting in document order."""
        return self.spans[0].start if self.spans else -1


_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    """NFKC without whitespace, so the id survives width and spacing differences."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def finding_id(
    kind: str, rule: str, spans: tuple[Span, ...], text: str, discriminator: str = ""
) -> str:
    """The stable id: blake2b over kind, rule, spans and the spanned text (normalised).

    Why the spans *and* the text: two identical slips in different places are two findings;
    the same slip re-checked after re-derivation keeps its id. ``discriminator`` separates
    findings that point at the same place for different reasons (two missing sections are
    both shown at the title block).
    """
    h = hashlib.blake2b(digest_size=10)
    h.update(kind.encode())
    h.update(b"\0" + rule.encode())
    if discriminator:
        h.update(b"\0" + discriminator.encode())
    for s in spans:
        h.update(f"\0{s.start}:{s.end}\0".encode())
        h.update(_normal(s.text(text)).encode())
    return h.hexdigest()


def quote(text: str, limit: int = 30) -> str:
    """Document text for an explanation: one line, at most ``limit`` characters.

    Why: explanations are one line in a table; a heading can be a whole paragraph.
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def section_at(doc: Document, pos: int) -> int:
    """Index of the deepest section containing offset ``pos`` (0, the root, when none).

    Why: every finding is filed under the section an auditor would scroll to.
    """
    best = 0
    for s in doc.sections[1:]:
        if s.heading_start <= pos < max(s.end, s.heading_end):
            best = s.index  # later sections in document order are deeper or later
    return best


def make_finding(
    doc: Document,
    *,
    kind: str,
    rule: str,
    severity: int,
    explanation: str,
    spans: list[Span] | tuple[Span, ...],
    section: int | None = None,
    discriminator: str = "",
) -> CheckFinding:
    """Build a finding with its id, filed under the section of the *first span given* (the
    statement at fault, e.g. the rate, not the budget it was checked against).

    Why one constructor: every check files findings the same way, so the id recipe and the
    section lookup cannot drift between check families.
    """
    ordered = tuple(sorted(set(spans)))
    if section is None:
        section = section_at(doc, spans[0].start) if spans else 0
    sec = doc.sections[section]
    return CheckFinding(
        id=finding_id(kind, rule, ordered, doc.text, discriminator),
        kind=kind,
        rule=rule,
        severity=max(0, min(100, int(severity))),
        explanation=" ".join(explanation.split()),
        spans=ordered,
        section=section,
        section_path=doc.section_path_text(section),
        section_type=sec.canonical,
        anchor=spans[0] if spans else None,
    )
