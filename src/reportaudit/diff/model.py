"""The result of diffing two report revisions, as frozen dataclasses.

Why frozen and plain: the same DocumentDiff is rendered as text, JSON and HTML, shown in
the TUI and recorded in the audit trail; nobody may change it on the way. All offsets are
character offsets into the two *original* texts (``a`` = old, ``b`` = new), so every layer
can slice the originals, and ``apply_ops`` can rebuild B from A to prove the diff honest.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

OP_KINDS = ("equal", "insert", "delete")
SECTION_STATUSES = ("same", "changed", "added", "removed", "moved")
PARAGRAPH_STATUSES = ("same", "changed", "added", "removed", "moved", "renumbered")


@dataclass(frozen=True, slots=True)
class Op:
    """One edit operation; ``text`` is the affected text.

    equal: ``a[a_start:a_end] == b[b_start:b_end] == text``; insert: ``a_start == a_end`` is
    where it lands in A, ``b[b_start:b_end] == text``; delete: ``b_start == b_end`` and
    ``a[a_start:a_end] == text``. ``move`` is the index into ``DocumentDiff.moves`` when the
    op belongs to moved text (its A offsets then lie elsewhere than its neighbours').
    """

    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str
    move: int | None = None


@dataclass(frozen=True, slots=True)
class ParagraphPair:
    """A chunk of A paired with a chunk of B (or unpaired: added / removed).

    A "chunk" is a paragraph and the blank space after it up to the next paragraph, or a
    section heading (``heading=True``) with the space before its first paragraph. Chunks
    partition the text, which is what makes the op list exact.
    """

    a_index: int | None  # Document.paragraphs index (None for headings / unpaired)
    b_index: int | None
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    status: str
    score: float
    ops: tuple[Op, ...]
    heading: bool = False
    figures_only: bool = False  # every difference lies inside figures (--ignore-numbers)
    a_section: int | None = None
    b_section: int | None = None


@dataclass(frozen=True, slots=True)
class SectionPair:
    """Section ``a_index`` of A paired with section ``b_index`` of B.

    ``status`` is same, changed, added, removed or moved (a heading whose number
    marker alone changed, e.g. 三、→四、, does not make a section changed: its heading pair has
    status "renumbered" and the summary counts it separately); ``edited`` says whether a moved
    section's own text changed too. ``score`` is the alignment score (0..1) that paired them;
    ``reasons`` names the evidence (path, canonical, title, content) for the auditor.
    """

    a_index: int | None
    b_index: int | None
    status: str
    score: float
    a_path: str
    b_path: str
    paragraphs: tuple[ParagraphPair, ...]
    edited: bool = False
    reasons: tuple[str, ...] = ()
    figures_only: bool = False  # changed, but only in figures


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure that differs between paired passages (or appears in only one of them)."""

    section: str  # B section path text (A's when the section is gone)
    kind: str
    a_raw: str | None
    a_value: Decimal | None
    b_raw: str | None
    b_value: Decimal | None
    a_start: int | None
    a_end: int | None
    b_start: int | None
    b_end: int | None
    unit_a: str | None = None
    unit_b: str | None = None
    label: str = ""  # the clause's words before the figure (年初预算财政拨款数)
    year_shift: bool = False  # a date whose only change is the year (2023年 → 2024年)


@dataclass(frozen=True, slots=True)
class Move:
    """A paragraph or section that sits elsewhere in B than in A."""

    kind: str  # "paragraph" or "section"
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_section: str
    b_section: str
    edited: bool


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts shown first: what changed, how much, and how much stayed.

    ``unchanged_share`` is the share of A's characters that survive unchanged in B (moved
    text counts as unchanged text, the move itself is counted in the moves).
    """

    sections_added: int
    sections_removed: int
    sections_changed: int
    sections_moved: int
    sections_same: int
    sections_renumbered: int
    paragraphs_added: int
    paragraphs_removed: int
    paragraphs_changed: int
    paragraphs_moved: int
    chars_inserted: int
    chars_deleted: int
    chars_a: int
    chars_b: int
    unchanged_share: float
    figure_changes: int  # figures that changed, year shifts (2023年 → 2024年) not counted
    year_shifts: int = 0  # dates whose only change is the year


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    """Everything the renderers need; ``degraded`` lists every limit that was hit.

    ``ops`` covers the whole of both texts in B order (see ``apply_ops``); ``sections`` is
    in B order with removed sections placed after the B section they followed in A.
    """

    a_text: str
    b_text: str
    sections: tuple[SectionPair, ...]
    ops: tuple[Op, ...]
    figures: tuple[FigureChange, ...]
    moves: tuple[Move, ...]
    summary: Summary
    degraded: tuple[str, ...]
    ignore_numbers: bool = False
