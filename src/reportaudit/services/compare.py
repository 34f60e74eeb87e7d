"""全文对照 from the store: pick the main source, align the two texts, mark the shared
passages with their findings, export with an audit event.

Why a service: choosing the main source (the revision the reuse scan found most text in)
and collecting the findings between the two revisions read the store; the renderer in
``reportaudit.export.compare`` only draws what this builds.
"""

from __future__ import annotations

from pathlib import Path

from reportaudit.atomic import write_atomic
from reportaudit.diff import diff_documents
from reportaudit.errors import NotFoundError
from reportaudit.export.compare import CompareFinding, ComparePaper, CompareRow, render_compare
from reportaudit.export.model import PaperHeader, Signature
from reportaudit.i18n import _
from reportaudit.services.signoff import (
    compare_index,
    finding_index,
    latest,
    load_signoffs,
    store_tag,
)
from reportaudit.services.workpaper import EXPORT_ACTION, ExportResult, _iso, diff_stamp
from reportaudit.store import Store, append_event, get_revision, list_reports, revision_text
from reportaudit.store.reuse import list_findings, list_summaries
from reportaudit.structure import Document

__all__ = ["build_compare", "export_compare", "main_source"]


def main_source(store: Store, revision: int) -> int:
    """The revision the newest scan found most of ``revision``'s text in (NotFoundError
    when it found none: give --source)."""
    with store.session() as s:
        for x in list_summaries(s):
            if int(x["revision"]) == revision and x["top_sources"]:
                return int(x["top_sources"][0][0])
        shared: dict[int, int] = {}
        for f in list_findings(s):
            a, b = int(f["a"]["revision"]), int(f["b"]["revision"])
            if revision in (a, b) and a != b:
                other = b if a == revision else a
                shared[other] = shared.get(other, 0) + int(f["chars"])
    if not shared:
        raise NotFoundError(
            _("revision #{rev}: the reuse scan found no source; give --source").format(rev=revision)
        )
    return max(shared, key=lambda k: shared[k])


def _clip(ranges: list[tuple[int, int, int]], lo: int, hi: int) -> tuple[tuple[int, int, int], ...]:
    """The ranges inside [lo, hi), shifted to start at lo."""
    return tuple((max(s, lo) - lo, min(t, hi) - lo, n) for s, t, n in ranges if s < hi and t > lo)


def build_compare(
    store: Store, revision: str, *, source: str | None = None, actor: str
) -> ComparePaper:
    """The 全文对照 of ``revision`` against ``source`` (default: its main source)."""
    with store.session() as s:
        rev = get_revision(s, revision)
        src = get_revision(s, source) if source else None
    if src is None:
        with store.session() as s:
            src = get_revision(s, str(main_source(store, rev.id)))
    with store.session() as s:
        text_r, dict_r = revision_text(s, rev.id)
        text_s, dict_s = revision_text(s, src.id)
        found = [
            f
            for f in list_findings(s)
            if {int(f["a"]["revision"]), int(f["b"]["revision"])} == {rev.id, src.id}
        ]
        reports = {r.id: r for r in list_reports(s)}
    tag = store_tag(store)
    found.sort(key=lambda f: -int(f["severity"]))
    findings = tuple(
        CompareFinding(
            n,
            finding_index(tag, f["id"]),
            f["id"],
            f["relation"],
            float(f["similarity"]),
            int(f["chars"]),
        )
        for n, f in enumerate(found, 1)
    )
    on_r: list[tuple[int, int, int]] = []
    on_s: list[tuple[int, int, int]] = []
    for n, f in enumerate(found, 1):
        for side in ("a", "b"):
            p = f[side]
            target = on_r if int(p["revision"]) == rev.id else on_s
            target.append((int(p["start"]), int(p["end"]), n))
    diff = diff_documents(Document.from_dict(text_s, dict_s), Document.from_dict(text_r, dict_r))
    rows = []
    for sp in diff.sections:
        for pp in sp.paragraphs:
            rows.append(
                CompareRow(
                    report=text_r[pp.b_start : pp.b_end].strip("\n"),
                    source=text_s[pp.a_start : pp.a_end].strip("\n"),
                    report_marks=_clip(on_r, pp.b_start, pp.b_end),
                    source_marks=_clip(on_s, pp.a_start, pp.a_end),
                    heading=pp.heading,
                )
            )
    covered = bytearray(len(text_r))
    for s_, t, _n in on_r:
        covered[s_:t] = b"\x01" * (min(t, len(text_r)) - s_)
    rep = reports.get(rev.report_id)
    index = compare_index(tag, rev.id, src.id)
    signoffs = load_signoffs(store).get(f"paper:{index}")

    def sig(role: str) -> Signature | None:
        so = latest(signoffs, role)
        return None if so is None else Signature(so.actor, _iso(so.at), so.conclusion)

    header = PaperHeader(
        unit=rep.unit if rep else rev.report_label,
        matter=_("Full-text comparison of revision #{a} with its source #{b}").format(
            a=rev.id, b=src.id
        ),
        index=index,
        period=str(rep.year or "") if rep else "",
        preparer=sig("preparer"),
        reviewer=sig("reviewer"),
    )
    stamp = diff_stamp(store, actor)
    return ComparePaper(
        title=_("Full-text comparison"),
        report_label=f"#{rev.id} {rev.report_label}",
        source_label=f"#{src.id} {src.report_label}",
        rows=tuple(rows),
        findings=findings,
        shared_chars=sum(1 for i, c in enumerate(covered) if c and not text_r[i].isspace()),
        report_chars=sum(1 for ch in text_r if not ch.isspace()),
        header=header,
        stamp=type(stamp)(
            stamp.version, stamp.store, stamp.time, stamp.actor, stamp.head_hash, "compare"
        ),
    )


def export_compare(store: Store, paper: ComparePaper, fmt: str, path: Path) -> ExportResult:
    """Render, record the export event (digest, head, index), write the file."""
    data, digest = render_compare(paper, fmt)
    details = {
        "format": fmt,
        "scope": "compare",
        "file": path.name,
        "sha256": digest,
        "index": paper.header.index,
        "head_hash": paper.stamp.head_hash,
        "time": paper.stamp.time,
        "version": paper.stamp.version,
        "findings": len(paper.findings),
    }
    with store.transaction() as s:
        event = append_event(
            s,
            actor=paper.stamp.actor,
            action=EXPORT_ACTION,
            subject="export:compare",
            details=details,
        )
        write_atomic(path, data)
    return ExportResult(path, fmt, digest, event.seq, len(paper.findings))
