"""The corpus at a glance: every report with its revision count, in one query.

Why not ``store.list_reports``: it asks two questions per report, which is fine for a CLI
listing and far too slow for the first screen of a 10,000-report store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from reportaudit.store import Store
from reportaudit.store.models import Report, Revision
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
    rt, vt = Report.__table__, Revision.__table__  # type: ignore[attr-defined]
    counts = (
        select(
            vt.c.report_id,
            func.count().label("n"),
            func.max(vt.c.number).label("top"),
        )
        .group_by(vt.c.report_id)
        .subquery()
    )
    latest = vt.alias("latest")
    query = (
        select(
            rt.c.id,
            rt.c.unit,
            rt.c.year,
            rt.c.kind,
            rt.c.region,
            func.coalesce(counts.c.n, 0),
            latest.c.id,
            latest.c.imported_at,
        )
        .select_from(rt)
        .outerjoin(counts, counts.c.report_id == rt.c.id)
        .outerjoin(latest, and_(latest.c.report_id == rt.c.id, latest.c.number == counts.c.top))
        .order_by(rt.c.unit, rt.c.year, rt.c.kind, rt.c.id)
    )
    with store.session() as session:
        rows = session.execute(query).all()
    return [
        ReportSummary(
            id=row[0],
            unit=row[1],
            year=row[2],
            kind=row[3],
            region=row[4],
            revision_count=row[5],
            latest_revision_id=row[6],
            latest_imported_at=row[7],
        )
        for row in rows
    ]


def arrange(reports: list[ReportSummary]) -> Corpus:
    """Group reports into series (rows) and years (columns)."""
    cells: dict[tuple[Series, int], ReportSummary] = {}
    by_series: dict[Series, list[int]] = defaultdict(list)
    for report in reports:
        series = Series(report.unit, report.kind, report.region)
        by_series[series].append(report.year)
        cells[(series, report.year)] = report
    ordered = sorted(by_series, key=lambda s: (s.unit, s.kind, s.region or ""))
    years = sorted({r.year for r in reports})
    return Corpus(tuple(reports), tuple(ordered), tuple(years), cells)


def load_corpus(store: Store) -> Corpus:
    """The whole corpus, ready for the matrix."""
    return arrange(load_reports(store))
