"""``reportaudit diff``: compare two stored revisions, or a report with last year's.

Why thin: loading revisions and recording the export are store work; diffing and every
rendering live in the core (``reportaudit.diff``), so the TUI and exports show the same
thing. Exports (JSON, HTML, or any format written with --output) append a ``diff.export``
event to the audit trail naming both revisions, the options and the sha256 of the output.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from reportaudit.atomic import write_atomic
from reportaudit.cli.context import state
from reportaudit.cli.output import console, warn
from reportaudit.diff import DEFAULT_BUDGET, DEFAULT_TIMEOUT, DocumentDiff, diff_documents
from reportaudit.diff.render_html import render_html
from reportaudit.diff.render_json import render_json
from reportaudit.diff.render_text import render_text
from reportaudit.errors import NotFoundError, ReportAuditError
from reportaudit.i18n import _
from reportaudit.services.actor import resolve_actor
from reportaudit.services.years import previous_year
from reportaudit.store import (
    RevisionInfo,
    append_event,
    get_revision,
    list_reports,
    resolve_report,
    revision_text,
)
from reportaudit.structure import PARSER_VERSION, Document, parse
from reportaudit.untrusted import json_dumps

__all__ = ["diff_cmd", "register"]


class Format(StrEnum):
    """Output formats of the diff command."""

    text = "text"
    json = "json"
    html = "html"
    docx = "docx"


def _document(text: str, doc_dict: dict[str, Any]) -> Document:
    """The stored parse, or a fresh one when it came from another parser version.

    Why: both sides must be cut by the same parser or headings would not line up.
    """
    if doc_dict.get("parser_version") == PARSER_VERSION:
        return Document.from_dict(text, doc_dict)
    return parse(text)


def _year_over_year(session: Any, ref: str) -> tuple[RevisionInfo, RevisionInfo]:
    """Latest revision of last year's report of the same unit/kind/region, and this one's."""
    this = resolve_report(session, ref)
    if this.year is None:
        raise NotFoundError(
            f"{this.label}: its year is not known; relabel it first (reportaudit relabel)"
        )
    last = previous_year(list_reports(session), this)
    if last is None or last.latest_revision_id is None:
        raise NotFoundError(f"no {this.year - 1} report of {this.unit} ({this.kind}) in the store")
    if this.latest_revision_id is None:
        raise NotFoundError(f"report {this.label} has no revision")
    return (
        get_revision(session, last.latest_revision_id),
        get_revision(session, this.latest_revision_id),
    )


def _label(rev: RevisionInfo) -> str:
    """How a revision is named in the output headers."""
    return f"#{rev.id} {rev.report_label} ({_('revision {n}').format(n=rev.number)})"


def _render(
    diff: DocumentDiff,
    fmt: Format,
    *,
    numbers_only: bool,
    side_by_side: bool,
    color: bool,
    a_label: str,
    b_label: str,
    meta: dict[str, Any],
) -> str | None:
    """JSON/HTML as a string; text is printed directly when ``color`` (returns None)."""
    if fmt is Format.json:
        return (
            render_json(
                diff, a_label=a_label, b_label=b_label, meta=meta, numbers_only=numbers_only
            )
            + "\n"
        )
    if fmt is Format.html:
        return render_html(diff, a_label=a_label, b_label=b_label, numbers_only=numbers_only)
    group = render_text(
        diff,
        side_by_side=side_by_side,
        color=color,
        numbers_only=numbers_only,
        a_label=a_label,
        b_label=b_label,
    )
    if color:
        console.print(group)
        return None
    buffer = io.StringIO()
    width = min(console.width, 160)  # $COLUMNS when piped and set, else 160
    Console(file=buffer, width=width, color_system=None, highlight=False).print(group)
    return buffer.getvalue()


def diff_cmd(
    ctx: typer.Context,
    revision_a: Annotated[
        str,
        typer.Argument(
            help="Old revision (id, sha prefix, REPORT@N), or the report with --year-over-year."
        ),
    ],
    revision_b: Annotated[str | None, typer.Argument(help="New revision.")] = None,
    year_over_year: Annotated[
        bool,
        typer.Option(
            "--year-over-year", help="Diff this year's latest revision against last year's."
        ),
    ] = False,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="text, json, html or docx (Word, tracked changes)."),
    ] = Format.text,
    numbers_only: Annotated[
        bool, typer.Option("--numbers-only", help="Print only the list of changed figures.")
    ] = False,
    ignore_numbers: Annotated[
        bool, typer.Option("--ignore-numbers", help="Hide changes that only touch figures.")
    ] = False,
    side_by_side: Annotated[
        bool,
        typer.Option("--side-by-side/--inline", help="Text layout (HTML is always side by side)."),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who exports [default: $REPORTAUDIT_ACTOR or OS user].")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds the character diff may spend on one passage pair.")
    ] = DEFAULT_TIMEOUT,
    budget: Annotated[
        float, typer.Option(help="Seconds the character diff may spend on all passages.")
    ] = DEFAULT_BUDGET,
) -> None:
    """Section-aware diff of two revisions: summary, changed figures, moves, changes.

    JSON and HTML output, and any output written with --output, is an export: it appends a
    diff.export event (revisions, options, sha256 of the output) to the audit trail.
    """
    if year_over_year == (revision_b is not None):
        raise typer.BadParameter("give two revisions, or one report with --year-over-year")
    store = state(ctx).store(create=False)
    with store.session() as s:
        if year_over_year:
            rev_a, rev_b = _year_over_year(s, revision_a)
        else:
            rev_a, rev_b = get_revision(s, revision_a), get_revision(s, str(revision_b))
        text_a, dict_a = revision_text(s, rev_a.id)
        text_b, dict_b = revision_text(s, rev_b.id)
    diff = diff_documents(
        _document(text_a, dict_a),
        _document(text_b, dict_b),
        ignore_numbers=ignore_numbers,
        timeout=timeout,
        budget=budget,
    )
    meta = {
        "a_revision": rev_a.id,
        "b_revision": rev_b.id,
        "a_sha256": rev_a.sha256,
        "b_sha256": rev_b.sha256,
    }
    if fmt in (Format.html, Format.json, Format.docx):
        _export_stamped(
            store,
            actor,
            rev_a,
            rev_b,
            diff,
            fmt,
            output,
            meta,
            numbers_only=numbers_only,
            ignore_numbers=ignore_numbers,
        )
        return
    color = fmt is Format.text and output is None and console.is_terminal and not console.no_color
    rendered = _render(
        diff,
        fmt,
        numbers_only=numbers_only,
        side_by_side=side_by_side,
        color=color,
        a_label=_label(rev_a),
        b_label=_label(rev_b),
        meta=meta,
    )
    for note in diff.degraded:
        warn(f"degraded diff: {note}")
    if rendered is None:
        return
    if output is not None:
        try:
            write_atomic(output, rendered.encode("utf-8"))
        except OSError as exc:
            raise ReportAuditError(f"{output}: cannot write ({exc.strerror})") from exc
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    if output is not None or fmt is not Format.text:
        _record(
            store,
            actor,
            rev_a,
            rev_b,
            diff,
            fmt,
            output,
            rendered,
            numbers_only=numbers_only,
            ignore_numbers=ignore_numbers,
        )


def _export_stamped(
    store: Any,
    actor: str | None,
    rev_a: RevisionInfo,
    rev_b: RevisionInfo,
    diff: DocumentDiff,
    fmt: Format,
    output: Path | None,
    meta: dict[str, Any],
    *,
    numbers_only: bool,
    ignore_numbers: bool,
) -> None:
    """HTML, JSON or Word: the 底稿 header, a stamp, then the ``diff.export`` event with the
    digest ``verify --export`` looks for (Word needs --output: it is not text)."""
    from reportaudit.export.diff_word import render_diff_docx
    from reportaudit.export.furniture import footer_html, header_html
    from reportaudit.export.html import stamped
    from reportaudit.export.stamp import json_digest
    from reportaudit.services.workpaper import diff_header, diff_stamp

    if fmt is Format.docx and output is None:
        raise typer.BadParameter("--format docx needs --output FILE.docx")
    who = resolve_actor(actor)
    header = diff_header(store, rev_a, rev_b)
    stamp = diff_stamp(store, who)
    a_label, b_label = _label(rev_a), _label(rev_b)
    title = _("Comparison of two revisions")
    if fmt is Format.docx:
        data, digest = render_diff_docx(
            diff, title=title, a_label=a_label, b_label=b_label, header=header, stamp=stamp
        )
    elif fmt is Format.html:
        page = render_html(
            diff,
            a_label=a_label,
            b_label=b_label,
            title=title,
            numbers_only=numbers_only,
            head=header_html(header),
            foot=footer_html(stamp),
            index=header.index,
        )
        data, digest = stamped(page.encode(), stamp.to_dict())
    else:
        doc = json.loads(
            render_json(
                diff, a_label=a_label, b_label=b_label, meta=meta, numbers_only=numbers_only
            )
        )
        digest = json_digest(doc)
        doc["stamp"] = {**stamp.to_dict(), "sha256": digest}
        data = (json_dumps(doc, indent=2) + "\n").encode()
    for note in diff.degraded:
        warn(f"degraded diff: {note}")
    if output is not None:
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise ReportAuditError(f"{output}: cannot write ({exc.strerror})") from exc
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    _record(
        store,
        actor,
        rev_a,
        rev_b,
        diff,
        fmt,
        output,
        data.decode("utf-8", "replace") if fmt is not Format.docx else "",
        numbers_only=numbers_only,
        ignore_numbers=ignore_numbers,
        extra={
            "sha256": digest,
            "output_sha256": hashlib.sha256(data).hexdigest(),
            "index": header.index,
            "head_hash": stamp.head_hash,
            "scope": "diff",
        },
    )


def _record(
    store: Any,
    actor: str | None,
    rev_a: RevisionInfo,
    rev_b: RevisionInfo,
    diff: DocumentDiff,
    fmt: Format,
    output: Path | None,
    rendered: str,
    *,
    numbers_only: bool,
    ignore_numbers: bool,
    extra: dict[str, Any] | None = None,
) -> None:
    """Append the ``diff.export`` event (why: every exported diff must be traceable)."""
    s = diff.summary
    details = {
        "a_revision": rev_a.id,
        "b_revision": rev_b.id,
        "a_sha256": rev_a.sha256,
        "b_sha256": rev_b.sha256,
        "format": fmt.value,
        "output": str(output) if output is not None else "-",
        "output_sha256": hashlib.sha256(rendered.encode("utf-8")).hexdigest(),
        "numbers_only": numbers_only,
        "ignore_numbers": ignore_numbers,
        "degraded": list(diff.degraded),
        "summary": {
            "sections_added": s.sections_added,
            "sections_removed": s.sections_removed,
            "sections_changed": s.sections_changed,
            "sections_moved": s.sections_moved,
            "chars_inserted": s.chars_inserted,
            "chars_deleted": s.chars_deleted,
            "unchanged_share": s.unchanged_share,
            "figure_changes": s.figure_changes,
        },
        **(extra or {}),
    }
    with store.transaction() as session:
        append_event(
            session,
            actor=resolve_actor(actor),
            action="diff.export",
            subject=f"revision {rev_a.id}..{rev_b.id}",
            details=details,
        )


def register(app: typer.Typer) -> None:
    """Add the ``diff`` command to the main app."""
    app.command("diff")(diff_cmd)
