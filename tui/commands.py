"""Command palette provider: jump to any report by typing part of its name.

Why our own highlight: Textual's ``Matcher.highlight`` parses its argument as markup, and a
report's unit name comes from an untrusted document title; we build a literal ``Content``
and style the matched offsets ourselves.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .data.corpus import load_reports
from .safe import visible

if TYPE_CHECKING:
    from reportaudit.store.results import ReportSummary

    from .app import ReportAuditApp

__all__ = ["ReportsProvider", "YearOverYearProvider"]

_LIMIT = 200


class ReportsProvider(Provider):
    """Offers "open report …" for every report in the store."""

    _reports: list[ReportSummary]

    async def startup(self) -> None:
        """Read the report list once per palette opening (in a thread: it is I/O; the
        store is asked for there too, as it may still be opening)."""
        app: ReportAuditApp = self.app  # type: ignore[assignment]
        worker = app.run_worker(
            lambda: load_reports(app.store), thread=True, name="palette report list"
        )
        self._reports = await worker.wait()

    def _open(self, report_id: int) -> None:
        """Open the report's history."""
        self.app.open_report(report_id)  # type: ignore[attr-defined]

    def _display(self, label: str, query: str) -> Content:
        """The label, literal, with the fuzzy-matched characters styled."""
        text = visible(label)
        content = Content(text)
        if query:
            _score, offsets = self.matcher(query).fuzzy_search.match(query, text)
            for offset in offsets:
                content = content.stylize(self.match_style or "bold", offset, offset + 1)
        return content

    async def search(self, query: str) -> Hits:
        """Reports whose label matches the query."""
        matcher = self.matcher(query)
        found = 0
        for report in self._reports:
            label = f"Open report {report.label}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    self._display(label, query),
                    partial(self._open, report.id),
                    help=f"{report.revision_count} revision(s)",
                )
                found += 1
                if found >= _LIMIT:
                    return

    async def discover(self) -> Hits:
        """With an empty prompt, list the first reports."""
        for report in self._reports[:20]:
            yield DiscoveryHit(
                Content(visible(f"Open report {report.label}")),
                partial(self._open, report.id),
                help=f"{report.revision_count} revision(s)",
            )


class YearOverYearProvider(Provider):
    """Offers "Diff with last year: …" for every report whose previous year is stored (the
    pairing of ``reportaudit diff --year-over-year``)."""

    _pairs: list[tuple[ReportSummary, ReportSummary]]

    async def startup(self) -> None:
        """Pair the reports once per palette opening (in a thread)."""
        from reportaudit.services.years import year_pairs

        app: ReportAuditApp = self.app  # type: ignore[assignment]
        worker = app.run_worker(
            lambda: year_pairs(load_reports(app.store)), thread=True, name="palette year pairs"
        )
        self._pairs = await worker.wait()

    def _open(self, last: int, this: int) -> None:
        """Diff last year's newest revision against this year's."""
        from .screens.diff import DiffScreen

        self.app.push_screen(DiffScreen(last, this))

    def _hits(self) -> list[tuple[str, int, int, str]]:
        """(label, last revision, this revision, help) per pair."""
        return [
            (
                f"Diff with last year: {this.label}",
                int(last.latest_revision_id or 0),
                int(this.latest_revision_id or 0),
                f"against {last.year} (revision {last.latest_revision_id})",
            )
            for last, this in self._pairs
        ]

    async def search(self, query: str) -> Hits:
        """Pairs whose label matches the query."""
        matcher = self.matcher(query)
        for label, last, this, help_text in self._hits()[:_LIMIT]:
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    Content(visible(label)),
                    partial(self._open, last, this),
                    help=help_text,
                )

    async def discover(self) -> Hits:
        """With an empty prompt, the first pairs."""
        for label, last, this, help_text in self._hits()[:10]:
            yield DiscoveryHit(
                Content(visible(label)), partial(self._open, last, this), help=help_text
            )
