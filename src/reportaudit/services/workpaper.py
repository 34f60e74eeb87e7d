"""Working papers (审计工作底稿) from the store: build, export with an audit event, verify.

Why a service: the renderers in ``reportaudit.export`` take frozen values only, so this is
the one place that reads the store for an export — the newest full reuse scan, the stored
check findings, the review decisions from the audit trail, the trail's head hash — and the
one place that records each export as an audit event carrying the file's content digest.
``verify_export`` later proves a file is exactly what some export event recorded, in a chain
that still verifies.

The findings JSON is the CLI's own (``list_findings`` items as ``findings --json`` prints
them; ``finding_json`` of ``check --json``), so an export's JSON has the same fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportaudit import __version__
from reportaudit.atomic import write_atomic
from reportaudit.checks import CheckFinding
from reportaudit.export import StampError, read_stamp, render
from reportaudit.export.marks import matched_marks
from reportaudit.export.model import (
    FindingRow,
    MarkedText,
    PaperHeader,
    ReportSummary,
    Review,
    SectionShare,
    Side,
    Signature,
    Stamp,
    TextMark,
    WorkingPaper,
)
from reportaudit.export.stamp import sidecar_bytes, sidecar_path
from reportaudit.i18n import _
from reportaudit.ratios import ReportRatios, compute, spans_by_revision
from reportaudit.ratios.chars import count_chars
from reportaudit.services.checks import CheckedRevision, finding_json, stored_results
from reportaudit.services.ratios import labels_of
from reportaudit.services.review import (
    STATUSES,
    Decision,
    current_status,
    latest_decision,
    latest_note,
    load_decisions,
)
from reportaudit.services.signoff import (
    SignOff,
    filters_index,
    finding_index,
    latest,
    load_signoffs,
    revision_index,
    store_tag,
)
from reportaudit.store import (
    Store,
    append_event,
    events,
    get_revision,
    head_hash,
    list_reports,
    resolve_report,
    revision_text,
    verify,
)
from reportaudit.store.results import ReportSummary as StoredReport
from reportaudit.store.results import RevisionInfo
from reportaudit.store.reuse import list_findings, list_summaries
from reportaudit.structure import Document, load_section_types

__all__ = [
    "EXPORT_ACTION",
    "ExportResult",
    "Filters",
    "build_findings_paper",
    "build_report_paper",
    "export_paper",
    "verify_export",
]

EXPORT_ACTION = "export"
EXPORT_ACTIONS = (EXPORT_ACTION, "diff.export")
"""Events that record a stamped file (working papers, and diffs written as HTML/JSON/Word)."""
CONTEXT = 60
"""Characters of context shown around a check finding's spans."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Which findings a findings export keeps (None: no restriction)."""

    report: str | None = None
    unit: str | None = None
    year: int | None = None
    status: str | None = None

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The filters in use, for the paper's header."""
        return tuple(
            (k, str(v))
            for k, v in (
                ("report", self.report),
                ("unit", self.unit),
                ("year", self.year),
                ("status", self.status),
            )
            if v is not None
        )


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote and the audit event that records it."""

    path: Path
    format: str
    digest: str
    event_seq: int
    findings: int


@dataclass(frozen=True)
class _Loaded:
    """Everything read from the store for one paper (one read, then no store access)."""

    reuse: list[dict[str, Any]]
    shares: dict[str, dict[str, Any]]
    checked: list[CheckedRevision]
    reports: dict[int, StoredReport]
    revisions: dict[int, RevisionInfo]
    decisions: dict[str, list[Decision]]
    head: str | None
    run: int | None
    tag: str = ""
    signoffs: dict[str, list[SignOff]] | None = None

    def signature(self, subject: str, role: str) -> Signature | None:
        """The newest sign-off of ``subject`` in ``role`` at load time, if any."""
        so = latest((self.signoffs or {}).get(subject), role)
        return None if so is None else Signature(so.actor, _iso(so.at), so.conclusion)


def _iso(at: datetime) -> str:
    """A stored (UTC) time as ISO 8601 with its offset."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds")


def _now() -> str:
    """The export time, UTC, to the second (ISO 8601)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _load(store: Store, check_refs: Sequence[str] | None) -> _Loaded:
    """Read findings, shares, check findings, reports, revisions, decisions and the head."""
    with store.session() as s:
        reuse = list_findings(s)
        shares = {x["revision"]: x for x in list_summaries(s)}
        reports = {r.id: r for r in list_reports(s)}
        rev_ids = {int(x) for x in shares}
        rev_ids |= {int(f[side]["revision"]) for f in reuse for side in ("a", "b")}
        revisions = {rid: get_revision(s, rid) for rid in sorted(rev_ids)}
        head = head_hash(s)
    checked = stored_results(store, check_refs)
    for c in checked:
        revisions.setdefault(c.revision.id, c.revision)
    run = reuse[0]["run"] if reuse else (next(iter(shares.values()))["run"] if shares else None)
    return _Loaded(
        reuse,
        shares,
        checked,
        reports,
        revisions,
        load_decisions(store),
        head,
        run,
        store_tag(store),
        load_signoffs(store),
    )


def _review(history: list[Decision] | None) -> Review:
    """A finding's review state: newest decision, who took it and when, newest note."""
    last = latest_decision(history)
    return Review(
        status=current_status(history),
        reviewer=last.actor if last else None,
        at=last.at.isoformat(timespec="seconds") if last else None,
        note=latest_note(history),
        events=len(history or []),
    )


def _reuse_side(p: dict[str, Any], marks: tuple[tuple[int, int], ...]) -> Side:
    """A passage of a stored reuse finding (its ``findings --json`` form) as a Side."""
    r = p["report"]
    return Side(
        revision=str(p["revision"]),
        unit=r["unit"],
        year=r["year"],
        kind=r["kind"],
        filename=p["filename"],
        section_path=p["section_path"],
        section_type=p["section_type"],
        start=p["start"],
        end=p["end"],
        text=p["text"],
        marks=marks,
    )


def _reuse_row(number: int, f: dict[str, Any], review: Review) -> FindingRow:
    """A stored reuse finding as a row, its shared characters marked on both sides."""
    a_marks, b_marks = matched_marks(f["a"]["text"], f["b"]["text"])
    return FindingRow(
        number=number,
        id=f["id"],
        source="reuse",
        kind=f["kind"],
        rule="",
        relation=f["relation"],
        template=bool(f["template"]),
        severity=int(f["severity"]),
        similarity=float(f["similarity"]),
        chars=int(f["chars"]),
        explanation=f["explanation"],
        a=_reuse_side(f["a"], a_marks),
        b=_reuse_side(f["b"], b_marks),
        review=review,
        data=json.dumps(f, ensure_ascii=False),
    )


def _check_side(f: CheckFinding, c: CheckedRevision) -> Side:
    """Where a check finding is: its spans inside their lines (cut to some context)."""
    text = c.doc.text
    lo = min(s.start for s in f.spans)
    hi = max(s.end for s in f.spans)
    line_lo = text.rfind("\n", 0, lo) + 1
    line_hi = text.find("\n", hi)
    line_hi = len(text) if line_hi < 0 else line_hi
    lo, hi = max(line_lo, lo - CONTEXT), min(line_hi, hi + CONTEXT)
    r = c.report
    return Side(
        revision=str(c.revision.id),
        unit=r.unit,
        year=r.year,
        kind=r.kind,
        filename=c.revision.filename,
        section_path=f.section_path,
        section_type=f.section_type,
        start=lo,
        end=hi,
        text=text[lo:hi],
        marks=tuple((s.start - lo, s.end - lo) for s in f.spans),
    )


def _check_row(number: int, f: CheckFinding, c: CheckedRevision, review: Review) -> FindingRow:
    """A stored check finding as a row (one place, its spans marked)."""
    return FindingRow(
        number=number,
        id=f.id,
        source="check",
        kind=f.kind,
        rule=f.rule,
        relation="",
        template=False,
        severity=f.severity,
        similarity=None,
        chars=sum(s.end - s.start for s in f.spans),
        explanation=f.explanation,
        a=_check_side(f, c),
        b=None,
        review=review,
        data=json.dumps(finding_json(f, c), ensure_ascii=False),
    )


def _section_shares(ratios: ReportRatios) -> tuple[SectionShare, ...]:
    """Per canonical section type: 总字数 and 重复字数 of the 复制比 computation."""
    return tuple(
        SectionShare(t.section_type, t.figures.chars, t.figures.count("total"), t.label)
        for t in ratios.types
    )


def _ratios(
    store: Store, data: _Loaded, docs: dict[int, Document], rids: Iterable[int]
) -> dict[int, ReportRatios]:
    """The 复制比 of the scanned revisions among ``rids`` (as ``reportaudit reuse`` computes
    them, from the same stored findings)."""
    scanned = [r for r in rids if str(r) in data.shares]
    spans = spans_by_revision(data.reuse)
    wanted = {str(r) for r in scanned} | {sp.other for r in scanned for sp in spans.get(str(r), ())}
    labels = labels_of(store, wanted)
    types = load_section_types()
    return {
        r: compute(
            str(r),
            docs[r].text,
            spans.get(str(r), ()),
            label=labels.get(str(r), ""),
            document=docs[r],
            type_label=types.label,
            source_labels=labels,
        )
        for r in scanned
    }


def _summary(
    rid: int,
    data: _Loaded,
    rows: Sequence[FindingRow],
    doc: Document | None,
    ratios: ReportRatios | None,
) -> ReportSummary:
    """One revision's summary line from the loaded data, the paper's rows and its 复制比."""
    rev = data.revisions[rid]
    rep = data.reports[rev.report_id]
    key = str(rid)
    mine = [f for f in rows if f.a.revision == key or (f.b is not None and f.b.revision == key)]

    return ReportSummary(
        revision=key,
        unit=rep.unit,
        year=rep.year,
        kind=rep.kind,
        filename=rev.filename,
        chars=ratios.chars if ratios else (count_chars(doc.text) if doc else 0),
        share=ratios.figures.ratio("total") if ratios else None,
        share_excluding_template=ratios.figures.ratio("total", "no_template") if ratios else None,
        sections=_section_shares(ratios) if ratios else (),
        by_severity=tuple(
            (band, sum(1 for f in mine if f.source == "reuse" and f.band == band))
            for band in ("high", "medium", "low")
        ),
        by_status=tuple((st, sum(1 for f in mine if f.review.status == st)) for st in STATUSES),
        checks=sum(1 for f in mine if f.source == "check"),
        top_sources=tuple(
            (f"#{s.revision} {s.label}", s.chars) for s in (ratios.sources[:5] if ratios else ())
        ),
        ratios=ratios,
    )


def _documents(store: Store, rids: Iterable[int]) -> dict[int, Document]:
    """The parsed text of each revision (for section shares and the full text)."""
    out = {}
    with store.session() as s:
        for rid in rids:
            text, doc_dict = revision_text(s, rid)
            out[rid] = Document.from_dict(text, doc_dict)
    return out


def _stamp(store: Store, data: _Loaded, actor: str, scope: str) -> Stamp:
    """The stamp fields known before rendering (the digest comes from the renderer)."""
    return Stamp(
        __version__,
        store.display_url,
        _now(),
        actor,
        data.head,
        scope,
        checkpoint=_checkpoint(store, actor),
    )


def _checkpoint(store: Store, actor: str) -> dict[str, Any] | None:
    """A signed checkpoint of the trail as exported (``verify --against EXPORT`` proves the
    store still holds it); None when no signing key can be read or made."""
    from reportaudit.services.checkpoint import CheckpointError, load_key, make_checkpoint

    try:
        key = load_key()
        return make_checkpoint(store, actor=actor, key=key, record=False).to_dict()
    except (CheckpointError, OSError):
        return None


def _rows(
    data: _Loaded,
    keep_reuse: Iterable[dict[str, Any]],
    keep_checks: Iterable[tuple[CheckFinding, CheckedRevision]],
    status: str | None,
) -> tuple[FindingRow, ...]:
    """Numbered rows: reuse findings (highest severity first), then check findings."""
    rows: list[FindingRow] = []
    for f in keep_reuse:
        rows.append(_reuse_row(len(rows) + 1, f, _review(data.decisions.get(f["id"]))))
    for cf, c in keep_checks:
        rows.append(_check_row(len(rows) + 1, cf, c, _review(data.decisions.get(cf.id))))
    rows = [
        replace(
            r,
            index=finding_index(data.tag, r.id),
            preparer=data.signature(f"finding:{r.id}", "preparer"),
            reviewer=data.signature(f"finding:{r.id}", "reviewer"),
        )
        for r in rows
    ]
    if status is None:
        return tuple(rows)
    kept = [r for r in rows if r.review.status == status]
    return tuple(replace(r, number=i) for i, r in enumerate(kept, 1))


def build_findings_paper(store: Store, *, actor: str, filters: Filters = Filters()) -> WorkingPaper:
    """The findings working paper: every stored finding (newest full scan, newest check run
    per report) that the filters keep, with per-report summaries."""
    if filters.status is not None and filters.status not in STATUSES:
        raise ValueError(f"unknown status {filters.status!r}; one of {', '.join(STATUSES)}")
    report_id = None
    if filters.report is not None:
        with store.session() as s:
            report_id = resolve_report(s, filters.report).id
    data = _load(store, None)

    def wanted(rid: int) -> bool:
        """Whether a revision's report passes the report/unit/year filters."""
        rep = data.reports[data.revisions[rid].report_id]
        return (
            (report_id is None or rep.id == report_id)
            and (filters.unit is None or filters.unit in rep.unit)
            and (filters.year is None or rep.year == filters.year)
        )

    reuse = [
        f for f in data.reuse if wanted(int(f["a"]["revision"])) or wanted(int(f["b"]["revision"]))
    ]
    checks = [(f, c) for c in data.checked if wanted(c.revision.id) for f in c.findings]
    rows = _rows(data, reuse, checks, filters.status)
    rids = sorted({int(k) for k in data.shares} | {c.revision.id for c in data.checked})
    rids = [r for r in rids if wanted(r)]
    docs = _documents(store, rids)
    ratios = _ratios(store, data, docs, rids)
    summaries = tuple(_summary(r, data, rows, docs[r], ratios.get(r)) for r in rids)
    units = sorted({x.unit for x in summaries})
    years = sorted({str(x.year) for x in summaries if x.year})
    index = filters_index(data.tag, filters.pairs())
    header = PaperHeader(
        unit=units[0]
        if len(units) == 1
        else _("{n} units (listed in the summary)").format(n=len(units)),
        matter=_("Text reuse and consistency of budget-performance self-evaluation reports"),
        index=index,
        period="、".join(years),
        preparer=data.signature(f"paper:{index}", "preparer"),
        reviewer=data.signature(f"paper:{index}", "reviewer"),
    )
    return WorkingPaper(
        title=_("Working paper: reuse and consistency findings"),
        scope="findings",
        filters=filters.pairs(),
        summaries=summaries,
        findings=rows,
        stamp=_stamp(store, data, actor, "findings"),
        run=data.run,
        header=header,
    )


def _text_marks(
    key: str, rows: Sequence[FindingRow], checked: CheckedRevision | None
) -> tuple[TextMark, ...]:
    """Numbered marks over one revision's text: each distinct reused passage on it (with the
    findings whose other passage is its source) and each span of a check finding."""
    groups: dict[tuple[int, int, str], list[int]] = {}
    for f in rows:
        if f.source == "reuse":
            assert f.b is not None
            for side in (f.a, f.b):
                if side.revision == key:
                    groups.setdefault((side.start, side.end, "reuse"), []).append(f.number)
        elif checked is not None:
            spans = json.loads(f.data)["spans"]
            for sp in spans:
                groups.setdefault((sp["start"], sp["end"], "check"), []).append(f.number)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))
    return tuple(
        TextMark(n, start, end, source, tuple(dict.fromkeys(nums)))
        for n, ((start, end, source), nums) in enumerate(ordered, 1)
    )


def build_report_paper(store: Store, revision: str, *, actor: str) -> WorkingPaper:
    """The one-report working paper: its summary, full text with every reused passage and
    check span marked and numbered (numbers lead to sources), and its findings."""
    with store.session() as s:
        rev = get_revision(s, revision)
    key = str(rev.id)
    data = _load(store, [key])
    data.revisions.setdefault(rev.id, rev)
    reuse = [f for f in data.reuse if key in (f["a"]["revision"], f["b"]["revision"])]
    checked = next((c for c in data.checked if c.revision.id == rev.id), None)
    checks = [(f, checked) for f in checked.findings] if checked else []
    rows = _rows(data, reuse, checks, None)
    docs = _documents(store, [rev.id])
    doc = docs[rev.id]
    ratios = _ratios(store, data, docs, [rev.id]).get(rev.id)
    rep = data.reports[rev.report_id]
    label = f"#{key} {rep.unit} {rep.year or ''} {rep.kind} ({rev.filename})"
    return WorkingPaper(
        title=_("Reuse check report: {unit} {year} {kind}").format(
            unit=rep.unit, year=rep.year or "", kind=rep.kind
        ),
        scope="report",
        filters=(("revision", key),),
        summaries=(_summary(rev.id, data, rows, doc, ratios),),
        findings=rows,
        stamp=_stamp(store, data, actor, "report"),
        text=MarkedText(key, label, doc.text, _text_marks(key, rows, checked)),
        run=data.run,
        header=_report_header(data, rev.id),
    )


def _report_header(data: _Loaded, rid: int) -> PaperHeader:
    """The 底稿 header of a one-report paper (its unit, year and kind; its index number)."""
    rev = data.revisions[rid]
    rep = data.reports[rev.report_id]
    index = revision_index(data.tag, rid)
    return PaperHeader(
        unit=rep.unit,
        matter=_(
            "Text reuse and consistency of the {year} {kind} (revision #{rev}, {file})"
        ).format(year=rep.year or "", kind=rep.kind, rev=rid, file=rev.filename),
        index=index,
        period=str(rep.year or ""),
        preparer=data.signature(f"paper:{index}", "preparer"),
        reviewer=data.signature(f"paper:{index}", "reviewer"),
    )


def diff_header(store: Store, rev_a: RevisionInfo, rev_b: RevisionInfo) -> PaperHeader:
    """The 底稿 header of a diff of ``rev_a`` → ``rev_b`` (index ``<tag>-D<a>-<b>``)."""
    tag = store_tag(store)
    index = f"{tag}-D{rev_a.id}-{rev_b.id}"
    subject = f"paper:{index}"
    signoffs = load_signoffs(store).get(subject)
    with store.session() as s:
        rep = {r.id: r for r in list_reports(s)}.get(rev_b.report_id)

    def sig(role: str) -> Signature | None:
        so = latest(signoffs, role)
        return None if so is None else Signature(so.actor, _iso(so.at), so.conclusion)

    return PaperHeader(
        unit=rep.unit if rep else rev_b.report_label,
        matter=_("Comparison of revision #{a} with revision #{b}").format(a=rev_a.id, b=rev_b.id),
        index=index,
        period=str(rep.year or "") if rep else "",
        preparer=sig("preparer"),
        reviewer=sig("reviewer"),
    )


def diff_stamp(store: Store, actor: str) -> Stamp:
    """The stamp of a diff export (scope "diff")."""
    with store.session() as s:
        head = head_hash(s)
    return Stamp(__version__, store.display_url, _now(), actor, head, "diff")


def export_paper(store: Store, paper: WorkingPaper, fmt: str, path: Path) -> ExportResult:
    """Render ``paper`` as ``fmt``, record the export (digest, head, scope) in the audit
    trail and write the file — the file is written inside the event's transaction, so a
    failed write leaves no event and an event always has its file."""
    data, digest = render(paper, fmt)
    s_ = paper.stamp
    h = paper.header
    details = {
        "format": fmt,
        "scope": paper.scope,
        "file": path.name,
        "sha256": digest,
        "index": h.index if h else None,
        "signed": {
            "preparer": h.preparer.actor if h and h.preparer else None,
            "reviewer": h.reviewer.actor if h and h.reviewer else None,
        },
        "head_hash": s_.head_hash,
        "time": s_.time,
        "version": s_.version,
        "filters": dict(paper.filters),
        "findings": len(paper.findings),
        "bands": {
            b: sum(1 for f in paper.findings if f.band == b) for b in ("high", "medium", "low")
        },
    }
    with store.transaction() as s:
        event = append_event(
            s,
            actor=s_.actor,
            action=EXPORT_ACTION,
            subject=f"export:{paper.scope}",
            details=details,
        )
        write_atomic(path, data)
        if fmt == "csv":
            write_atomic(
                Path(sidecar_path(str(path))), sidecar_bytes({**s_.to_dict(), "sha256": digest})
            )
    return ExportResult(path, fmt, digest, event.seq, len(paper.findings))


def verify_export(store: Store, path: Path) -> tuple[bool, str]:
    """Whether ``path`` is an unchanged export recorded in this store's verifying audit trail.

    Checks, in order: the file carries a stamp; its content still hashes to the stamp's
    digest (not edited since); an export event in the trail recorded that digest; the trail
    verifies (so the event is genuine); the head hash printed in the file is an event before
    the export event. Returns (ok, one-line message).
    """
    try:
        data = Path(path).read_bytes()
        side = Path(sidecar_path(str(path)))
        stamp, digest = read_stamp(data, sidecar=side.read_bytes() if side.is_file() else None)
    except (OSError, StampError, ValueError) as exc:
        return False, f"{path}: {exc}"
    if stamp.get("sha256") != digest:
        return False, (
            f"{path}: changed after export: content sha256 {digest[:16]}… differs from the "
            f"stamped {str(stamp.get('sha256'))[:16]}…"
        )
    with store.session() as s:
        found = [
            e
            for action in EXPORT_ACTIONS
            for e in events(s, action=action)
            if e.details.get("sha256") == digest
        ]
        found.sort(key=lambda e: e.seq)
        if not found:
            return False, (
                f"{path}: no export with content sha256 {digest[:16]}… in this store's audit "
                "trail (exported from another store, or the event was removed)"
            )
        event = found[-1]
        report = verify(s)
        if not report.ok:
            return False, (
                f"{path}: recorded by export event #{event.seq}, but the audit trail does not "
                f"verify: {report.first_problem}"
            )
        head = stamp.get("head_hash")
        if head != event.details.get("head_hash"):
            return False, f"{path}: stamped head hash differs from export event #{event.seq}'s"
        if head is not None and not any(e.hash == head and e.seq < event.seq for e in events(s)):
            return False, f"{path}: stamped head hash is not an event before #{event.seq}"
    return True, (
        f"OK: {path} matches export event #{event.seq} ({event.details.get('format')}, "
        f"{event.details.get('scope')}) by {event.actor} at {event.at.isoformat(timespec='seconds')}; "
        f"sha256 {digest}; audit trail verifies ({report.events_checked} events)"
    )
