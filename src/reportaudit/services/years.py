"""Which report is "last year's" for a report: the CLI's ``diff --year-over-year`` and the
TUI's palette pair reports the same way.

Why a rule of its own: a year-over-year comparison is only meaningful between reports of the
same unit, kind class and project one year apart; anything looser pairs a department's
overall report with one of its project reports.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportaudit.store.results import ReportSummary

__all__ = ["previous_year", "year_pairs"]


def previous_year(reports: Iterable[ReportSummary], this: ReportSummary) -> ReportSummary | None:
    """The report of the same unit, kind class and project for the year before, if stored."""
    if this.year is None:
        return None
    for r in reports:
        if (
            r.unit == this.unit
            and r.kind_class == this.kind_class
            and r.project == this.project
            and r.year == this.year - 1
            and r.latest_revision_id is not None
        ):
            return r
    return None


def year_pairs(reports: list[ReportSummary]) -> list[tuple[ReportSummary, ReportSummary]]:
    """Every (last year's, this year's) pair in ``reports``, newest year first."""
    pairs = []
    for this in reports:
        last = previous_year(reports, this)
        if last is not None and this.latest_revision_id is not None:
            pairs.append((last, this))
    return sorted(pairs, key=lambda p: (-(p[1].year or 0), p[1].unit))
