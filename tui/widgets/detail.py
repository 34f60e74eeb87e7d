"""The corpus screen's detail pane: metadata, section outline and reuse summary of a report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reportaudit.i18n import _, local_time

from ..data.reuse import ReuseStats
from ..safe import literal
from .outline import OutlineTree

if TYPE_CHECKING:
    from ..data.report import ReportDetail

__all__ = ["ReportDetailPane", "metadata_text", "reuse_text"]


def metadata_text(detail: ReportDetail) -> Text:
    """Unit, year, kind, region, revisions and the newest import, all literal."""
    report = detail.report
    text = literal(report.unit, style="bold")
    text.append(f"\n{report.year} · ")
    text.append_text(literal(report.kind))
    if report.region:
        text.append(" · ")
        text.append_text(literal(report.region))
    text.append("\n" + _("{n} revision(s)").format(n=report.revision_count))
    if detail.revisions:
        newest = detail.revisions[0]
        text.append(
            _(", newest #{number} {at} by ").format(
                number=newest.number, at=local_time(newest.imported_at, seconds=False)
            )
        )
        text.append_text(literal(newest.actor))
        text.append("\n")
        text.append_text(literal(newest.filename, style="dim"))
    if detail.document is not None:
        from reportaudit.ratios import present as P
        from reportaudit.ratios.chars import count_chars

        doc = detail.document
        text.append("\n" + _("{n} sections · ").format(n=len(doc.sections) - 1))
        text.append(f"{P.name('figure.chars')} {P.chars(count_chars(doc.text))}")
    return text


def _open_line(stats: ReuseStats) -> str:
    """'12 finding(s), 3 open' in the reader's language."""
    return _("{n} finding(s), {open} open").format(n=stats.findings, open=stats.open_findings)


def reuse_text(
    stats: ReuseStats | None, labels: dict[int, str] | None = None, *, reading: bool = False
) -> Text:
    """The reuse summary: shares, findings, and the reports the text came from.
    ``reading``: the stored scan is still being read (never say "not scanned" then)."""
    if stats is None and reading:
        return Text(_("Reuse: reading the stored scan…"), style="dim")
    if stats is None:
        return Text(_("Reuse: not scanned yet (F2 scans the corpus)"), style="dim")
    if stats.ratios is not None:
        from .ratios import ratios_lines

        text = ratios_lines(stats.ratios)
        text.append("\n" + _open_line(stats))
        return text
    text = Text(_("Reuse: "))
    text.append(f"{stats.share:.0%}", style="bold red" if stats.share >= 0.3 else "bold")
    text.append(
        _(" of text reused ({share} without templates)").format(
            share=f"{stats.share_excluding_template:.0%}"
        )
    )
    text.append("\n" + _open_line(stats))
    for report_id, chars in stats.sources[:3]:
        text.append("\n  ")
        text.append_text(
            literal(
                (labels or {}).get(report_id, _("report #{id}").format(id=report_id)),
                style="dim",
            )
        )
        text.append(" " + _("{n} characters").format(n=chars), style="dim")
    return text


class ReportDetailPane(Vertical):
    """Shows one ReportDetail; empty cells and loading show a short note instead."""

    def compose(self) -> ComposeResult:
        """Metadata on top, the outline in the middle, reuse at the bottom."""
        yield Static(Text(_("Move the cursor onto a report."), style="dim"), id="meta")
        yield OutlineTree(id="outline")
        yield Static(id="reuse")

    def show(
        self,
        detail: ReportDetail | None,
        stats: ReuseStats | None,
        labels: dict[int, str] | None = None,
        *,
        reading: bool = False,
    ) -> None:
        """Fill the pane with ``detail`` (None: nothing under the cursor); ``reading``: the
        stored scan is not read yet."""
        outline = self.query_one(OutlineTree)
        if detail is None:
            self.query_one("#meta", Static).update(Text(_("No report here."), style="dim"))
            self.query_one("#reuse", Static).update("")
            outline.show(None)
            return
        self.query_one("#meta", Static).update(metadata_text(detail))
        self.query_one("#reuse", Static).update(reuse_text(stats, labels, reading=reading))
        outline.show(detail.document)
