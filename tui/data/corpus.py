"""The corpus at a glance: every report with its revision count, in one query.

Why ``report_overview`` and not ``store.list_reports``: one aggregated Core query, without
the ORM, is what the first screen of a 10,000-report store can afford. The store is
imported inside ``load_reports`` (a worker), so importing this module, which the first
screen does, costs no database library.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportaudit.store import Store
    from reportaudit.store.results import ReportSummary

__all__ = ["Corpus", "Series", "load_corpus", "load_reports"]


@dataclass(frozen=True, slots=True)
class Series:
    """One unit's reports of one kind (and region) across the years: a row of the matrix."""

    unit: str
    kind: str
    region: str | None

    @property
    def label(self) -> str:
        """How the row is named: unit, kind and region when there is one."""
        text = f"{self.unit} · {self.kind}"
        return f"{text} ({self.region})" if self.region else text


@dataclass(frozen=True)
class Corpus:
    """Reports arranged as series × years; ``cells[(series, year)]`` is the report there."""

    reports: tuple[ReportSummary, ...]
    series: tuple[Series, ...]
    years: tuple[int, ...]
    cells: dict[tuple[Series, int], ReportSummary] = field(default_factory=dict)

    @property
    def revision_count(self) -> int:
        """All revisions in the store."""
        return sum(r.revision_count for r in self.reports)


def load_reports(store: Store) -> list[ReportSummary]:
    """Every report with its count and newest revision, ordered like ``list_reports``."""
    from reportaudit.store.overview import report_overview

    return report_overview(store)


CLASS_LABELS = {
    "department_overall": "部门整体",
    "project": "项目",
    "budget_execution": "预算执行",
    "other": "其他",
}
UNKNOWN_YEAR = 0
"""The matrix column of reports whose year is not stated (shown as "?")."""


def series_kind(report: ReportSummary) -> str:
    """A row's kind: the report's class (and project), so one unit's yearly reports line up
    whatever each year's title calls them; an uncertain report gets a row of its own."""
    label = CLASS_LABELS.get(report.kind_class, report.kind)
    if report.project:
        label += f"·{report.project}"
    if report.uncertain:
        label += f" ?#{report.id}"
    return label


def arrange(reports: list[ReportSummary]) -> Corpus:
    """Group reports into series (rows) and years (columns)."""
    cells: dict[tuple[Series, int], ReportSummary] = {}
    by_series: dict[Series, list[int]] = defaultdict(list)
    for report in reports:
        year = report.year or UNKNOWN_YEAR
        series = Series(report.unit, series_kind(report), report.region)
        by_series[series].append(year)
        cells[(series, year)] = report
    ordered = sorted(by_series, key=lambda s: (s.unit, s.kind, s.region or ""))
    years = sorted({r.year or UNKNOWN_YEAR for r in reports})
    return Corpus(tuple(reports), tuple(ordered), tuple(years), cells)


def load_corpus(store: Store) -> Corpus:
    """The whole corpus, ready for the matrix."""
    return arrange(load_reports(store))
