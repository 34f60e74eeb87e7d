"""Commands over the versioned store: import, reports, log, show, verify.

Field names of every ``--json`` output are part of the interface (README documents them);
add fields, never rename.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from reportaudit.cli.context import state
from reportaudit.cli.output import (
    console,
    err_console,
    error,
    print_json,
    safe,
    safe_line,
    warn,
)
from reportaudit.cli.page_progress import OcrPages, extraction_lines
from reportaudit.errors import ReportAuditError
from reportaudit.i18n import _, local_time, p_
from reportaudit.services.actor import resolve_actor
from reportaudit.store import (
    get_revision,
    import_extraction,
    list_reports,
    report_log,
    resolve_report,
    revision_as_of,
    revision_text,
    verify,
)
from reportaudit.untrusted import markup

if TYPE_CHECKING:
    from reportaudit.ingest import PageProgress
    from reportaudit.services.importing import ImportOutcome
    from reportaudit.store.results import ReportSummary, RevisionInfo
    from reportaudit.structure import Document

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (stable field names).")]


def report_json(r: ReportSummary) -> dict[str, Any]:
    """The documented JSON shape of a logical report."""
    return {
        "id": r.id,
        "unit": r.unit,
        "year": r.year,
        "kind": r.kind,
        "kind_class": r.kind_class,
        "project": r.project,
        "region": r.region,
        "uncertain": list(r.uncertain),
        "revisions": r.revision_count,
        "latest_revision": r.latest_revision_id,
        "latest_imported_at": r.latest_imported_at,
    }


def revision_json(r: RevisionInfo) -> dict[str, Any]:
    """The documented JSON shape of a revision."""
    return {
        "id": r.id,
        "report": r.report_id,
        "report_label": r.report_label,
        "number": r.number,
        "parent": r.parent_id,
        "sha256": r.sha256,
        "size": r.size,
        "filename": r.filename,
        "format": r.format,
        "encoding": r.encoding,
        "actor": r.actor,
        "imported_at": r.imported_at,
        "note": r.note,
    }


def _when(value: str) -> datetime:
    """Parse --as-of: a date (end of that day, UTC) or an ISO date-time."""
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value)
            return day.replace(hour=23, minute=59, second=59, tzinfo=UTC)
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"not a date: {value!r} (use 2024-05-31 or 2024-05-31T12:00)"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def outcome_line(o: ImportOutcome) -> Text:
    """One line per file: what happened and what was inferred."""
    style = {"imported": "green", "duplicate": "yellow", "failed": "red"}[o.status]
    word = {
        "imported": p_("import status", "imported"),
        "duplicate": p_("import status", "duplicate"),
        "failed": p_("import status", "failed"),
    }[o.status]
    line = safe(word + " " * max(1, 10 - _width(word)), style=style)
    line.append_text(safe_line(_outcome_message(o)))
    if o.status == "imported" and o.metadata is not None:
        read = [
            _("{field} from {source}").format(
                field=_field(k), source=_source(o.metadata.sources[k] or "")
            )
            for k in ("unit", "year")
            if o.metadata.sources.get(k) not in (None, "title", "option")
        ]
        if read:
            line.append_text(safe(f"  ({'; '.join(read)})", "dim"))
    return line


def _warning(text: str) -> str:
    """An import warning (worded in English by the readers) in the reader's language."""
    m = re.fullmatch(r"dropped (\d+) page header/footer/page-number line\(s\)", text)
    if m:
        return _("dropped {n} page header/footer/page-number line(s)").format(n=m.group(1))
    m = re.fullmatch(r"file is named \.(\S+) but its content is (\S+)", text)
    if m:
        return _("file is named .{ext} but its content is {format}").format(
            ext=m.group(1), format=m.group(2)
        )
    m = re.fullmatch(
        r"(\d+) page\(s\) have no text layer \(scanned pages\?\), left out; (.*)", text
    )
    if m:
        return _("{n} page(s) have no text layer (scanned pages?), left out; {hint}").format(
            n=m.group(1), hint=m.group(2)
        )
    return text


def _width(text: str) -> int:
    """Terminal cells of ``text`` (a Chinese character takes two)."""
    from rich.cells import cell_len

    return cell_len(text)


def label_name(table: str, code: str | None) -> str:
    """``reportaudit.export.labels.name``, imported on first use: the label tables import the
    matcher's scoring (numpy), which ``reports`` and ``log`` must not load."""
    from reportaudit.export.labels import name

    return name(table, code)


def _field(code: str) -> str:
    """A label field (unit, year, kind, project, region) in the reader's language."""
    names = {
        "unit": _("unit"),
        "year": _("year"),
        "kind": _("kind"),
        "project": _("project"),
        "region": _("region"),
    }
    return names.get(code, code)


def _source(code: str) -> str:
    """Where a label was read (``Metadata.sources``: title, filename, body …), in the
    reader's language; an unknown code as it is."""
    names = {
        "title": p_("label source", "title"),
        "filename": p_("label source", "filename"),
        "body": p_("label source", "body"),
        "option": p_("label source", "option"),
        "default": p_("label source", "default"),
        "relabel": p_("label source", "relabel"),
        "signature": p_("label source", "signature"),
        "preamble": p_("label source", "preamble"),
        "cover": p_("label source", "cover"),
    }
    return names.get(code, code)


def _outcome_message(o: ImportOutcome) -> str:
    """The line after the status word: rebuilt in the reader's language when the file was
    stored (or was already), the service's own reason when it failed."""
    r = o.result
    if r is None or o.status == "failed":
        return o.message
    if o.status == "duplicate":
        return _("{file}: already stored as revision {revision} ({report}); nothing added").format(
            file=o.path, revision=r.revision.id, report=r.report.label
        )
    msg = _("{file}: revision {revision} of {report}").format(
        file=o.path, revision=r.revision.id, report=r.report.label
    )
    if o.metadata is not None and o.metadata.uncertain:
        fields = "、".join(_field(f) for f in o.metadata.uncertain)
        msg += _(" — needs a look: {fields} uncertain").format(fields=fields)
    elif o.kept_apart is not None:
        k = o.kept_apart
        msg += _(
            " — kept apart from report {report}: same label, but only {share} of the text is "
            "shared with its revision {revision}; if it is a revision of it: "
            "reportaudit relabel {this} --unit {unit}"
        ).format(
            report=k.report_id,
            share=f"{k.share:.0%}",
            revision=k.revision_id,
            this=r.revision.id,
            unit=o.metadata.unit if o.metadata is not None else "",
        )
    return msg


def import_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders (.txt .docx .pdf .html .doc .wps .rtf; scans .pdf .png .jpg "
            ".tif with the ocr extra).",
            readable=False,  # an unreadable file is one failed line, not a usage error
        ),
    ],
    actor: Annotated[
        str | None, typer.Option(help="Who imports [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    unit: Annotated[str | None, typer.Option(help="Reporting unit (overrides the title).")] = None,
    year: Annotated[int | None, typer.Option(help="Report year (overrides the title).")] = None,
    kind: Annotated[str | None, typer.Option(help="Report kind (overrides the title).")] = None,
    region: Annotated[str | None, typer.Option(help="Region (overrides the inferred one).")] = None,
    note: Annotated[str | None, typer.Option(help="A note stored with each new revision.")] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(help="Bytes per file [default: 50 MiB or $REPORTAUDIT_MAX_BYTES]"),
    ] = None,
    max_part_bytes: Annotated[
        int | None,
        typer.Option(
            help="Inflated bytes per .docx XML part [default: 64 MiB or $REPORTAUDIT_MAX_PART_BYTES]"
        ),
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(help="Characters per revision [default: 1,000,000 or $REPORTAUDIT_MAX_CHARS]"),
    ] = None,
    max_pages: Annotated[
        int | None,
        typer.Option(help="Pages per PDF [default: 500 or $REPORTAUDIT_MAX_PAGES]"),
    ] = None,
    max_seconds: Annotated[
        float | None,
        typer.Option(help="Seconds per file [default: 600 or $REPORTAUDIT_MAX_SECONDS]"),
    ] = None,
    batch: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Store N files per transaction (much faster for thousands of files; "
            "the same rules and output).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Import report files as new revisions (identical bytes are recognised and skipped).

    Each file must stay within the limits (bytes, inflated .docx parts, characters, PDF
    pages, seconds); one over a limit fails with a line naming it and how to raise it.
    """
    from reportaudit.ingest import Limits
    from reportaudit.services.batchimport import import_batched
    from reportaudit.services.importing import SUPPORTED, Overrides, collect, import_file
    from reportaudit.services.indexing import FingerprintBatch, complete_pending

    try:
        limits = Limits.from_env(
            max_bytes=max_bytes,
            max_part_bytes=max_part_bytes,
            max_chars=max_chars,
            max_pages=max_pages,
            max_seconds=max_seconds,
        )
    except ValueError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    found = collect(paths)
    files = found.files
    for path in found.missing:
        error(_("{path}: no such file or folder").format(path=path))
    for line in found.unreadable:
        error(line)
    missing = [*found.missing, *found.unreadable]
    for path in found.skipped:
        warn(
            _("{path}: skipped (not a report file: {suffixes})").format(
                path=path, suffixes=" ".join(sorted(SUPPORTED))
            )
        )
    if not files and not missing:
        error(_("nothing to import"))
        raise typer.Exit(1)
    store = state(ctx).store()
    completed = complete_pending(store)
    if completed:
        warn(
            _(
                "indexed {n} stored revision(s) for reuse first: an earlier import "
                "stored them but did not finish indexing them (interrupted?)"
            ).format(n=completed)
        )
    who = resolve_actor(actor)
    over = Overrides(unit=unit, year=year, kind=kind, region=region)
    outcomes: list[ImportOutcome] = []
    progress = Progress(
        TextColumn(_("importing")),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
        disable=as_json or len(files) < 3 or not err_console.is_terminal,
    )
    pages = OcrPages(progress, err_console, enabled=not as_json and err_console.is_terminal)
    stopped: ImportOutcome | None = None
    index_failed: list[str] = []

    def reading(path: Path) -> PageProgress | None:
        """A file is about to be read: name it on the bar; its OCR pages get their own."""
        pages.finish()
        progress.update(task, description=markup(path.name, limit=40))
        return pages.for_file(path.name)

    def one_by_one() -> Iterator[ImportOutcome]:
        """One transaction per file."""
        with FingerprintBatch(store) as indexer:
            for path in files:
                outcome = import_file(
                    store,
                    path,
                    actor=who,
                    overrides=over,
                    note=note,
                    indexer=indexer,
                    on_page=reading(path),
                    limits=limits,
                )
                pages.finish()
                yield outcome
                if outcome.store_unwritable:
                    return  # the store takes no more writes: the rest is not tried
        if indexer.failed:
            index_failed.append(indexer.failed)

    with progress:
        task = progress.add_task("", total=len(files))
        run = (
            one_by_one()
            if batch is None
            else import_batched(
                store,
                files,
                batch=batch,
                actor=who,
                overrides=over,
                note=note,
                limits=limits,
                on_file=reading,
                indexer_failed=index_failed.append,
            )
        )
        try:
            for outcome in run:  # each route ends itself once the store takes no writes
                outcomes.append(outcome)
                if not as_json:
                    _print_outcome(progress, outcome)
                if outcome.store_unwritable and stopped is None:
                    stopped = outcome
                progress.advance(task)
        finally:
            pages.finish()
    if index_failed and not as_json:
        warn(
            _(
                "the reuse index could not be written ({why}); the new revisions "
                "stay marked and the next import or scan indexes them"
            ).format(why=index_failed[0])
        )
    counts = {s: sum(o.status == s for o in outcomes) for s in ("imported", "duplicate", "failed")}
    by_ocr = sum(o.status == "imported" and o.ocr is not None for o in outcomes)
    doubtful = sum(1 for o in outcomes if o.needs_a_look)
    if as_json:
        print_json([_outcome_json(o) for o in outcomes])
    else:
        summary = _("{imported} imported, {duplicate} already stored, {failed} failed").format(
            imported=counts["imported"],
            duplicate=counts["duplicate"],
            failed=counts["failed"] + len(missing),
        )
        if by_ocr:
            summary += _("; {n} read by OCR (check their text against the scans)").format(n=by_ocr)
        if doubtful:
            summary += _(
                "; {n} need a look (unit, year or project uncertain, or kept apart "
                "from a same-label report whose text they do not share): "
                "reportaudit reports --uncertain, then reportaudit relabel REV --unit … --year …"
            ).format(n=doubtful)
        if stopped is not None:
            summary += _(
                "; stopped: the store takes no more writes, {n} "
                "file(s) not tried (free space or fix the store, then run the import again)"
            ).format(n=len(files) - len(outcomes))
        console.print(safe_line(summary), soft_wrap=True)
    if counts["failed"] or missing:
        raise typer.Exit(1)


def _print_outcome(progress: Progress, outcome: ImportOutcome) -> None:
    """One file's line (and its notes): above the bar while it is live on stderr; otherwise
    failures to stderr and the rest to stdout."""
    live = not progress.disable
    target = progress.console if live else err_console if outcome.status == "failed" else console
    target.print(outcome_line(outcome), soft_wrap=True)
    for warning in outcome.warnings:
        (progress.console if live else err_console).print(
            safe_line("          " + _("note: {text}").format(text=_warning(warning)), "yellow"),
            soft_wrap=True,
        )


def _outcome_json(o: ImportOutcome) -> dict[str, Any]:
    """JSON for one import outcome."""
    data: dict[str, Any] = {"file": str(o.path), "status": o.status, "message": o.message}
    if o.metadata is not None:
        m = o.metadata
        data["unit"], data["year"] = m.unit, m.year
        data["kind"], data["region"] = m.kind, m.region
        data["kind_class"], data["project"] = m.kind_class, m.project
        data["uncertain"] = list(m.uncertain)
        data["sources"] = m.provenance()
    if o.result is not None:
        data["revision"] = o.result.revision.id
        data["report"] = o.result.report.id
    if o.kept_apart is not None:
        k = o.kept_apart
        data["uncertain"] = [*data.get("uncertain", []), "revision"]
        data["kept_apart"] = {
            "report": k.report_id,
            "label": k.report_label,
            "revision": k.revision_id,
            "shared": k.share,
        }
    data["ocr"] = o.ocr.to_dict() if o.ocr is not None else None
    return data


def reports_cmd(
    ctx: typer.Context,
    uncertain: Annotated[
        bool,
        typer.Option(
            "--uncertain",
            help=(
                "Only reports whose unit, year or project the import could not read for "
                "sure, or kept apart from a same-label report whose text they do not share."
            ),
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List logical reports (unit + year + kind) with their revision counts."""
    with state(ctx).store().session() as s:
        rows = list_reports(s, uncertain_only=uncertain)
        labels = _provenance(s, rows) if uncertain else {}
    if as_json:
        print_json(
            [report_json(r) | ({"sources": labels[r.id]} if r.id in labels else {}) for r in rows]
        )
        return
    if not rows:
        console.print(
            _("Nothing needs a look: every report's unit, year and project were read for sure.")
            if uncertain
            else _("The store is empty. Import reports with: reportaudit import FOLDER")
        )
        return
    table = _reports_table(uncertain=uncertain, wide=console.width >= 120)
    for r in rows:
        year = str(r.year) if r.year else "?"
        if uncertain:
            src = labels.get(r.id, {})
            read = "，".join(
                f"{_field(k)}：{_source(str(src[k].get('source') or ''))}"
                for k in ("unit", "year")
                if k in src
            )
            if "revision" in src:  # kept apart from a same-label report (diff.kinship)
                read += f"；{src['revision'].get('note', '')}"
            table.add_row(
                str(r.id),
                str(r.latest_revision_id or ""),
                safe(r.unit),
                year,
                safe(r.kind),
                "、".join(_field(f) for f in r.uncertain),
                safe(read),
            )
            continue
        cells: list[str | Text] = [
            str(r.id),
            safe(r.unit + (" ?" if r.uncertain else "")),
            year,
            safe(r.kind + (f"（{r.project}）" if r.project else "")),
            str(r.revision_count),
            str(r.latest_revision_id or ""),
        ]
        if console.width >= 120:
            cells.insert(4, label_name("kind_class", r.kind_class))
            cells.append(local_time(r.latest_imported_at, seconds=False)[:16])
        table.add_row(*cells)
    console.print(table)
    if uncertain:
        console.print(
            safe(
                _(
                    "{n} to look at. File one where it belongs: "
                    "reportaudit relabel REV --unit UNIT --year YEAR [--kind KIND] [--note …]"
                ).format(n=len(rows))
            )
        )


def _reports_table(*, uncertain: bool, wide: bool) -> Table:
    """The ``reports`` table. Ids, units and years never wrap or get cut (a unit name is what
    people search by); the kind and class wrap instead, and below 120 columns the import
    time is left to ``log``."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0, 0, 1))
    table.add_column(_("id"), no_wrap=True, justify="right")
    if uncertain:
        table.add_column(_("Revision"), no_wrap=True, justify="right")
    table.add_column(_("unit"), no_wrap=True)
    table.add_column(_("Year"), no_wrap=True)
    table.add_column(_("Report kind"), ratio=1, overflow="fold")
    if uncertain:
        table.add_column(_("uncertain"))
        table.add_column(_("read from"), ratio=1)
        return table
    if wide:
        table.add_column(_("class"), no_wrap=True)
    table.add_column(_("revisions"), no_wrap=True, justify="right")
    table.add_column(_("latest"), no_wrap=True, justify="right")
    if wide:
        table.add_column(_("imported"), no_wrap=True)
    return table


def _provenance(s: Any, rows: list[ReportSummary]) -> dict[int, dict[str, Any]]:
    """Per report: where its newest revision's fields were read."""
    from reportaudit.services.labelling import label_json
    from reportaudit.store.labels import provenance_of

    return {
        r.id: label_json(provenance_of(s, r.latest_revision_id))
        for r in rows
        if r.latest_revision_id is not None
    }


def log_cmd(
    ctx: typer.Context,
    report: Annotated[str, typer.Argument(help='Report id or words, e.g. "党群工作部 2021".')],
    as_json: JsonOpt = False,
) -> None:
    """Revision history of one report, newest first."""
    with state(ctx).store(create=False).session() as s:
        summary = resolve_report(s, report)
        revs = report_log(s, summary.id)
    if as_json:
        print_json({"report": report_json(summary), "revisions": [revision_json(r) for r in revs]})
        return
    console.print(
        safe(_("{label}  (report {id})").format(label=summary.label, id=summary.id), style="bold")
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0, 0, 1))
    for name, kw in (
        (_("Revision"), {"no_wrap": True, "justify": "right"}),
        ("#", {"no_wrap": True, "justify": "right"}),
        (_("imported"), {"no_wrap": True}),
        (_("by"), {}),
        (_("File"), {"overflow": "fold", "ratio": 1}),
        ("sha256", {"no_wrap": True}),
        (_("Note"), {"ratio": 1}),
    ):
        table.add_column(name, **kw)
    for r in revs:
        table.add_row(
            str(r.id),
            str(r.number),
            local_time(r.imported_at, seconds=False),
            safe(r.actor),
            safe(r.filename),
            r.sha256[:12],
            safe(r.note or ""),
        )
    console.print(table)


def _section_rows(doc: Document) -> list[dict[str, Any]]:
    """The section tree as JSON-ready rows in document order."""
    return [
        {
            "index": s.index,
            "parent": s.parent,
            "depth": s.depth,
            "number": s.number,
            "title": s.title,
            "path": list(s.path),
            "type": s.canonical,
            "start": s.heading_start,
            "end": s.end,
            "paragraphs": len(doc.paragraphs_of(s.index)),
            "marker_lost": s.marker_lost,
        }
        for s in doc.sections[1:]
    ]


def show_cmd(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="Revision id, sha256 prefix or REPORT@N; with --as-of a report.")
    ],
    sections: Annotated[
        bool, typer.Option("--sections", help="Print the parsed section tree.")
    ] = False,
    text: Annotated[bool, typer.Option("--text", help="Print the extracted text.")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The revision current at DATE.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """One revision: metadata, and optionally its section tree or text."""
    from reportaudit.services.labelling import label_json
    from reportaudit.services.signoff import resolve_subject, split_index
    from reportaudit.store import resolve_report
    from reportaudit.store.labels import label_history
    from reportaudit.structure import Document

    if split_index(ref) is not None:  # a 索引号 printed on a working paper
        subject = resolve_subject(state(ctx).store(create=False), ref)
        if subject.revision is None:
            raise typer.BadParameter(
                _("{ref} names no revision (a finding: `reportaudit review`)").format(ref=ref)
            )
        ref = str(subject.revision)
    with state(ctx).store(create=False).session() as s:
        rev = revision_as_of(s, ref, _when(as_of)) if as_of else get_revision(s, ref)
        body, doc_dict = revision_text(s, rev.id)
        extraction = import_extraction(s, rev.id)
        report = resolve_report(s, rev.report_id)
        history = label_history(s, rev.id)
    provenance = label_json(json.loads(history[-1].provenance)) if history else {}
    relabels = [h for h in history if h.action == "relabel"]
    doc = Document.from_dict(body, doc_dict)
    if as_json:
        data = revision_json(rev) | {
            "parser_version": doc.parser_version,
            "title": doc.title,
            "unit": report.unit,
            "year": report.year,
            "kind": report.kind,
            "kind_class": report.kind_class,
            "project": report.project,
            "region": report.region,
            "uncertain": list(report.uncertain),
            "sources": provenance,
            "relabels": [
                {"at": h.at, "by": h.actor, "report": h.report_id, "note": h.note} for h in relabels
            ],
            "extraction": extraction,
        }
        if sections:
            data["sections"] = _section_rows(doc)
        if text:
            data["text"] = body
        print_json(data)
        return
    console.print(
        safe(
            _("revision {id} — {label} (#{number})").format(
                id=rev.id, label=rev.report_label, number=rev.number
            ),
            "bold",
        )
    )
    console.print(
        safe(
            _("file {name} · {format} · {encoding} · {size} bytes").format(
                name=rev.filename, format=rev.format, encoding=rev.encoding or "-", size=rev.size
            )
        )
    )
    console.print(safe(f"sha256 {rev.sha256}"))
    console.print(
        safe(_("imported {at} by {actor}").format(at=local_time(rev.imported_at), actor=rev.actor))
    )
    if rev.note:
        console.print(safe(_("note {text}").format(text=rev.note)))
    for how in extraction_lines(extraction):
        console.print(safe(how, "yellow"))
    console.print(
        safe(
            _("filed as {label} [{kind_class}]").format(
                label=report.label, kind_class=label_name("kind_class", report.kind_class)
            )
        )
    )
    for field in ("unit", "year", "kind", "project"):
        entry = provenance.get(field)
        if (entry and entry.get("source") not in (None, "default")) or (
            entry and not entry.get("certain", True)
        ):
            sure = "" if entry.get("certain", True) else _(" — uncertain")
            why = f" ({entry['note']})" if entry.get("note") else ""
            read = _("{field}: {value} from {source}").format(
                field=_field(field),
                value=entry.get("value"),
                source=_source(entry.get("source") or ""),
            )
            console.print(safe(f"  {read}{why}{sure}"))
    for h in relabels:
        console.print(
            safe(
                "  "
                + _("relabelled {at} by {actor}: {note}")
                .format(at=local_time(h.at, seconds=False), actor=h.actor, note=h.note or "")
                .rstrip()
            )
        )
    console.print(
        safe(
            _("parsed by {parser}: {sections} sections, {paragraphs} paragraphs").format(
                parser=doc.parser_version,
                sections=len(doc.sections) - 1,
                paragraphs=len(doc.paragraphs),
            )
        )
    )
    if sections:
        for row in _section_rows(doc):
            line = safe("  " * (row["depth"] - 1) + f"{row['number']}{row['title']}")
            line.append_text(safe(f"  [{label_name('section', row['type'])}]", "cyan"))
            line.append_text(safe(f" {row['paragraphs']}¶", "dim"))
            console.print(line)
    if text:
        console.print(safe(body))


def verify_cmd(
    ctx: typer.Context,
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Check an exported working paper against the store instead."),
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            help="Also prove the store holds everything up to a signed checkpoint "
            "(a witness file from `reportaudit checkpoint`, or an export).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check the whole audit trail and every stored original; name the first broken link.

    Every check there is runs: the chain, originals, derivations, labels, the stored reuse
    and consistency-check results against their audit events, and the reuse index. With
    --export FILE: say whether an exported working paper is unchanged and was exported from
    this store. With --against FILE|EXPORT: also prove that the store still holds events
    1..N exactly as signed in that checkpoint (catches a rehashed chain and deleted events).
    """
    if export is not None:
        from reportaudit.cli.export_cmd import verify_export_cmd

        verify_export_cmd(ctx, export)
        return
    store = state(ctx).store(create=False)
    with store.session() as s:
        report = verify(s)
    problems = list(report.problems)
    proof = None
    if against is not None:
        from reportaudit.services.checkpoint import check_against, read_checkpoint

        checkpoint = read_checkpoint(against)
        found = check_against(store, checkpoint)
        problems = [
            _("against {file}: {problem}").format(file=against.name, problem=p) for p in found
        ] + problems
        proof = {
            "file": str(against),
            "seq": checkpoint.seq,
            "head_hash": checkpoint.head_hash,
            "signed_by": checkpoint.actor,
            "signed_at": checkpoint.at,
            "key": checkpoint.key_fingerprint,
            "ok": not found,
        }
    from reportaudit.services.signoff import signoff_problems

    # the chain proves sign-off events untouched; this proves each kept the two-person rule
    problems += [_("sign-off {problem}").format(problem=p) for p in signoff_problems(store)]
    ok = not problems
    if as_json:
        print_json(
            {
                "ok": ok,
                "problems": problems,
                "events_checked": report.events_checked,
                "originals_checked": report.originals_checked,
                "derivations_checked": report.derivations_checked,
                "head_hash": report.head_hash,
                "checkpoint": proof,
            }
        )
    elif ok:
        console.print(safe(verify_summary(report), "green"))
        if proof is not None:
            console.print(
                safe(
                    _(
                        "OK against {file}: the store holds events 1..{seq} exactly "
                        "as signed by {actor} at {at} (key {key})"
                    ).format(
                        file=against,
                        seq=proof["seq"],
                        actor=proof["signed_by"],
                        at=local_time(checkpoint.at) if against is not None else "",
                        key=proof["key"],
                    ),
                    "green",
                )
            )
    else:
        error(
            _("BROKEN: {problem}").format(problem=problems[0])
            if (proof and not proof["ok"]) or report.ok
            else verify_summary(report)
        )
        for problem in problems[1:10]:
            err_console.print(
                safe_line("  " + _("also: {problem}").format(problem=problem)), soft_wrap=True
            )
    if not ok:
        raise typer.Exit(1)


def verify_summary(report: Any) -> str:
    """``VerifyReport.summary()`` in the reader's language (the problem itself as found)."""
    counts = _("{events} events, {originals} originals, {derivations} derivations").format(
        events=report.events_checked,
        originals=report.originals_checked,
        derivations=report.derivations_checked,
    )
    if report.ok:
        return _("OK: {counts} verified; head {head}").format(
            counts=counts, head=report.head_hash or _("(empty)")
        )
    more = _(" (+{n} more)").format(n=len(report.problems) - 1) if len(report.problems) > 1 else ""
    return _("BROKEN: {problem}{more}; checked {counts}").format(
        problem=report.problems[0], more=more, counts=counts
    )


def rederive_cmd(
    ctx: typer.Context,
    actor: Annotated[
        str | None, typer.Option(help="Who runs it [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
) -> None:
    """Re-derive text and sections of every revision with the current parser version.

    Originals are never touched: a new derivation is stored beside the old one and an
    audit event records it. Run after upgrading reportaudit.
    """
    from reportaudit.services.derive import DERIVATION_VERSION, rederive

    store = state(ctx).store(create=False)
    outcomes = rederive(
        store,
        actor=resolve_actor(actor),
        progress=lambda o: (console if o.ok else err_console).print(safe(o.message)),
    )
    failed = sum(not o.ok for o in outcomes)
    console.print(
        safe(
            _("{done} re-derived by {version}, {failed} failed").format(
                done=len(outcomes) - failed, version=DERIVATION_VERSION, failed=failed
            )
        )
    )
    if failed:
        raise typer.Exit(1)


def relabel_cmd(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Revision id, sha256 prefix or REPORT@N.")],
    unit: Annotated[str | None, typer.Option(help="The reporting unit.")] = None,
    year: Annotated[int | None, typer.Option(help="The year evaluated.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="The kind phrase, as the document writes it.")
    ] = None,
    kind_class: Annotated[
        str | None,
        typer.Option(
            "--kind-class", help="department_overall, project, budget_execution or other."
        ),
    ] = None,
    project: Annotated[
        str | None, typer.Option(help="The fund or project (project reports).")
    ] = None,
    region: Annotated[str | None, typer.Option(help="The region.")] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept in the audit trail).")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who relabels [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """File a revision under the right unit, year, kind or project.

    Appends an audit event; nothing stored is rewritten. Fields not given stay as the
    revision is filed now. Revisions relabelled to the same unit, year, kind class and
    project form one report, in import order.
    """
    from reportaudit.services.labelling import relabel_revision

    if all(v is None for v in (unit, year, kind, kind_class, project, region)):
        error(_("say what to change: --unit, --year, --kind, --kind-class, --project or --region"))
        raise typer.Exit(2)
    done = relabel_revision(
        state(ctx).store(create=False),
        ref,
        actor=resolve_actor(actor),
        unit=unit,
        year=year,
        kind=kind,
        kind_class=kind_class,
        project=project,
        region=region,
        note=note,
    )
    if as_json:
        print_json(
            {
                "revision": done.revision.id,
                "from_report": report_json(done.before),
                "to_report": report_json(done.after),
                "number": done.revision.number,
                "event": done.event_seq,
            }
        )
        return
    console.print(
        safe(
            _(
                "revision {id}: {before} → {after} "
                "(revision #{number} of {count}; audit event {seq})"
            ).format(
                id=done.revision.id,
                before=done.before.label,
                after=done.after.label,
                number=done.revision.number,
                count=done.after.revision_count,
                seq=done.event_seq,
            )
        )
    )


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
    app.command("import")(import_cmd)
    app.command("reports")(reports_cmd)
    app.command("relabel")(relabel_cmd)
    app.command("log")(log_cmd)
    app.command("show")(show_cmd)
    app.command("verify")(verify_cmd)
    app.command("rederive")(rederive_cmd)


__all__ = ["ReportAuditError", "register"]
