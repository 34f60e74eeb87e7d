"""OCR on the terminal: per-page progress during ``reportaudit import``, provenance in ``show``.

OCR takes seconds per page, so a scanned report of twenty pages would otherwise sit silent
for minutes. The core reports ``on_page(done, total)``; ``OcrPages`` turns it into a bar:
a second row under the batch bar when that one is showing, or a bar of its own for a single
file. Nothing is drawn when stderr is not a terminal or the output is JSON. Afterwards the
revision says how its text was obtained (``extraction_lines``), since OCR text is a reading,
not the document.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from reportaudit.i18n import _
from reportaudit.ingest import PageProgress
from reportaudit.untrusted import markup


class OcrPages:
    """Shows "OCR <file> n/N pages" while one file's pages are recognised."""

    def __init__(self, batch: Progress, console: Console, *, enabled: bool) -> None:
        """``batch`` is the import's own bar (used when it is live); ``enabled`` is False
        for JSON output or a stderr that is not a terminal."""
        self._batch = batch
        self._console = console
        self._enabled = enabled
        self._own: Progress | None = None
        self._task: TaskID | None = None

    def for_file(self, name: str) -> PageProgress | None:
        """The ``on_page`` callback for one file (None when nothing is to be drawn)."""
        if not self._enabled:
            return None
        label = f"OCR {markup(name, limit=40)}"

        def on_page(done: int, total: int) -> None:
            """Create the row on the first call, then advance it."""
            bar = self._bar()
            if self._task is None:
                self._task = bar.add_task(label, total=total)
            bar.update(self._task, completed=done, total=total)

        return on_page

    def _bar(self) -> Progress:
        """The batch bar when it is live, else a bar of our own (started on first use)."""
        if not self._batch.disable:
            return self._batch
        if self._own is None:
            self._own = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(_("pages")),
                console=self._console,
                transient=True,
            )
            self._own.start()
        return self._own

    def finish(self) -> None:
        """Remove the row (or stop our own bar) once the file is done."""
        if self._own is not None:
            self._own.stop()
            self._own = None
        elif self._task is not None:
            self._batch.remove_task(self._task)
        self._task = None


def extraction_lines(extraction: dict[str, Any] | None) -> list[str]:
    """How the text was obtained, for ``show``: OCR (engine, version, pages) or conversion."""
    if not extraction:
        return []
    lines = []
    ocr = extraction.get("ocr")
    if isinstance(ocr, dict):
        dpi = _(" at {dpi} dpi").format(dpi=ocr["dpi"]) if ocr.get("dpi") else ""
        lines.append(
            _(
                "text by OCR: {engine} {version}, {pages} page(s){dpi}, mean confidence {confidence}"
            ).format(
                engine=ocr.get("engine"),
                version=ocr.get("version"),
                pages=ocr.get("pages"),
                dpi=dpi,
                confidence=ocr.get("confidence"),
            )
        )
    if extraction.get("converter"):
        lines.append(_("converted by {converter}").format(converter=extraction["converter"]))
    return lines
