"""Frozen result objects the store hands out instead of live ORM rows.

Why: callers (CLI, TUI, exports) must not hold session-bound rows that lazy-load or can be
mutated; a frozen dataclass is a value that survives the session that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

UNKNOWN_YEAR_LABEL = "年度未知"


def report_label(
    unit: str, year: int | None, kind: str, region: str | None, project: str | None = None
) -> str:
    """How a report is named to a reader: '新区党群工作部 2021 部门整体… (region)'."""
    label = f"{unit} {year if year else UNKNOWN_YEAR_LABEL} {kind}"
    if project and project not in kind:
        label += f"（{project}）"
    return f"{label} ({region})" if region else label


def stored_year(year: int | None) -> int | None:
    """A report row's year as callers see it: 0 in the column means not stated."""
    return year or None


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """A logical report with its revision count and newest revision.

    ``uncertain`` names the key fields (unit, year, project) the import read without
    certainty: such a report holds one import until someone relabels it.
    """

    id: int
    unit: str
    year: int | None
    kind: str
    region: str | None
    revision_count: int
    latest_revision_id: int | None
    latest_imported_at: datetime | None
    kind_class: str = "other"
    project: str | None = None
    uncertain: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Human-readable name of the report."""
        return report_label(self.unit, self.year, self.kind, self.region, self.project)


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """One stored revision: where it came from, who imported it and when."""

    id: int
    report_id: int
    report_label: str
    number: int  # 1-based position within its report
    parent_id: int | None
    sha256: str
    size: int
    filename: str
    format: str
    encoding: str | None
    actor: str
    imported_at: datetime
    note: str | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Outcome of one import. ``duplicate`` means the bytes were already stored and
    ``revision`` is the existing revision (possibly of another report); nothing was added."""

    revision: RevisionInfo
    report: ReportSummary
    duplicate: bool


@dataclass(frozen=True, slots=True)
class DerivationInfo:
    """A derivation row's identity and hashes; ``created`` is False when it already existed."""

    revision_id: int
    parser_version: str
    text_sha256: str
    document_sha256: str
    created_at: datetime
    created: bool


@dataclass(frozen=True, slots=True)
class EventInfo:
    """One audit event as stored (details decoded from their canonical JSON)."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """Result of ``verify``: ``problems`` is in checking order, so ``problems[0]`` is the
    first broken link. ``head_hash`` is the last event's hash: write it down elsewhere to
    also detect truncation of the newest events."""

    ok: bool
    problems: tuple[str, ...]
    events_checked: int
    originals_checked: int
    derivations_checked: int
    head_hash: str | None

    @property
    def first_problem(self) -> str | None:
        """The first broken link, one line, or None when the store verifies."""
        return self.problems[0] if self.problems else None

    def summary(self) -> str:
        """One line for a terminal."""
        counts = (
            f"{self.events_checked} events, {self.originals_checked} originals, "
            f"{self.derivations_checked} derivations"
        )
        if self.ok:
            return f"OK: {counts} verified; head {self.head_hash or '(empty)'}"
        more = f" (+{len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"BROKEN: {self.problems[0]}{more}; checked {counts}"
