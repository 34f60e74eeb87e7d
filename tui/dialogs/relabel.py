"""Relabel a revision from the TUI: the same fields as ``reportaudit relabel``.

Why a dialog of its own: filing a revision under another unit, year or kind is an audit
event, so the person sees what the revision is filed as now, changes only the fields that
are wrong, and must confirm; the dialog returns the request and the screen calls the same
service as the CLI (``services.labelling.relabel_revision``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reportaudit.i18n import _

__all__ = ["RelabelDialog", "RelabelRequest"]


@dataclass(frozen=True)
class RelabelRequest:
    """The fields a person changed (None: keep as filed now) and the note."""

    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    project: str | None = None
    note: str | None = None

    @property
    def empty(self) -> bool:
        """Nothing would change."""
        return not (self.unit or self.year is not None or self.kind or self.project is not None)


FIELDS = (
    ("unit", "单位 unit"),
    ("year", "年度 year (evaluated)"),
    ("kind", "报告类型 kind (the document's phrase)"),
    ("project", "项目 project (project reports)"),
    ("note", "说明 note (why; kept in the audit trail)"),
)


class RelabelDialog(ModalScreen[RelabelRequest | None]):
    """Fields prefilled with the current label; Enter in the note (or ctrl+s) saves,
    Escape cancels. Only fields that differ from the current label are sent."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("ctrl+s", "save", _("Save")),
    ]

    def __init__(
        self,
        *,
        title: str,
        unit: str,
        year: int | None,
        kind: str,
        project: str | None,
    ) -> None:
        """The revision's current label (shown literally, never as markup)."""
        super().__init__()
        self._title = title
        self._current = {
            "unit": unit,
            "year": "" if year is None else str(year),
            "kind": kind,
            "project": project or "",
            "note": "",
        }

    def compose(self) -> ComposeResult:
        """One labelled input per field."""
        with Vertical(classes="dialog relabel-dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            for name, caption in FIELDS:
                yield Label(caption, markup=False)
                yield Input(value=self._current[name], id=f"relabel-{name}")
            yield Label(
                "Enter in the note or ctrl+s saves · Escape cancels",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        """Start in the unit field."""
        self.query_one("#relabel-unit", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#relabel-{name}", Input).value.strip()

    def request(self) -> RelabelRequest | str:
        """The request, or a one-line reason it cannot be sent."""
        changed = {n: self._value(n) for n, _ in FIELDS if self._value(n) != self._current[n]}
        year: int | None = None
        if "year" in changed:
            text = changed["year"]
            if not (text.isdigit() and 1990 <= int(text) <= 2100):
                return f"年度 must be a year such as 2023, not {text!r}"
            year = int(text)
        if "unit" in changed and not changed["unit"]:
            return "单位 cannot be empty (use 未知单位 for an unknown unit)"
        return RelabelRequest(
            unit=changed.get("unit") or None,
            year=year,
            kind=changed.get("kind") or None,
            project=changed.get("project"),
            note=self._value("note") or None,
        )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; in the note it saves."""
        if event.input.id == "relabel-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        """Send the request (nothing changed: say so and stay)."""
        request = self.request()
        if isinstance(request, str):
            self.notify(request, severity="error", markup=False)
            return
        if request.empty:
            self.notify("Nothing changed: edit a field or press Escape.", markup=False)
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        """Nothing sent."""
        self.dismiss(None)
