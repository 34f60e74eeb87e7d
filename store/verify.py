"""``verify``: prove the store is what its audit trail says, or name the first broken link.

Why recompute everything: the triggers stop honest mistakes, not someone with the database
file. The chain, the sha256 of every original and the hashes of every derivation are
recomputed from the stored bytes and compared with what the events recorded when the data
was written. Problems are listed in checking order (chain, then revisions by id, then
derivations), one line each.

Limit: removing the newest events leaves a shorter but valid chain unless something else
refers to them (every revision must have its import event, every derivation its event).
Keep ``head_hash`` somewhere else (a report, a ticket) to detect that too.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from .checks import verify_check_runs
from .hashing import (
    GENESIS_HASH,
    canonical_json,
    event_hash,
    iso_utc,
    normalize_json,
    sha256_hex,
    text_sha256,
)
from .labels import RELABEL_ACTION
from .models import AuditEvent, Derivation, Original, Report, Revision, RevisionLabel
from .results import VerifyReport, stored_year
from .revisions import DERIVE_ACTION, IMPORT_ACTION

Placed = dict[int, tuple[str, dict[str, Any]]]
"""Event seq -> (action, details) of the import and relabel events (labels point at them)."""


def _check_chain(
    session: Session, problems: list[str], placed: Placed
) -> tuple[int, str | None, dict[int, dict[str, Any]], dict[tuple[int, str], dict[str, Any]]]:
    """Walk the events in order; collect what the import/derive/relabel events recorded."""
    imports: dict[int, dict[str, Any]] = {}
    derived: dict[tuple[int, str], dict[str, Any]] = {}
    expected_seq, prev, count = 1, GENESIS_HASH, 0
    last_hash: str | None = None
    for ev in session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))):
        count += 1
        if ev.seq != expected_seq:
            problems.append(
                f"event {expected_seq}: missing (chain jumps from {expected_seq - 1} to {ev.seq})"
            )
        elif ev.prev_hash != prev:
            problems.append(f"event {ev.seq}: prev_hash does not match event {ev.seq - 1}")
        try:
            details = json.loads(ev.details)
        except ValueError:
            problems.append(f"event {ev.seq}: details are not valid JSON")
            details = None
        if details is not None:
            digest = event_hash(
                seq=ev.seq,
                at=ev.at,
                actor=ev.actor,
                action=ev.action,
                subject=ev.subject,
                details=details,
                prev_hash=ev.prev_hash,
            )
            if digest != ev.hash:
                problems.append(f"event {ev.seq}: hash mismatch (details changed?)")
            if isinstance(details, dict) and isinstance(details.get("revision"), int):
                if ev.action in (IMPORT_ACTION, RELABEL_ACTION):
                    placed[ev.seq] = (ev.action, details)
                if ev.action == IMPORT_ACTION:
                    imports[details["revision"]] = {**details, "_actor": ev.actor}
                    key = (details["revision"], str(details.get("parser_version")))
                    derived[key] = details
                elif ev.action == DERIVE_ACTION:
                    derived[(details["revision"], str(details.get("parser_version")))] = details
        expected_seq, prev, last_hash = ev.seq + 1, ev.hash, ev.hash
    return count, last_hash, imports, derived


def _check_revisions(
    session: Session, problems: list[str], imports: dict[int, dict[str, Any]]
) -> int:
    """Each revision's original bytes against its sha256, the row, and its import event."""
    checked = 0
    revs = session.exec(select(Revision).order_by(col(Revision.id))).all()
    seen = set()
    for rev in revs:
        assert rev.id is not None
        seen.add(rev.id)
        where = f"revision {rev.id} (file {rev.filename})"
        event = imports.get(rev.id)
        if event is None:
            problems.append(f"{where}: no import event records it")
        original = session.get(Original, rev.original_sha256)
        if original is None:
            problems.append(f"{where}: original bytes are missing")
            continue
        checked += 1
        actual = sha256_hex(original.data)
        if actual != rev.original_sha256 or actual != original.sha256:
            problems.append(
                f"{where}: original bytes do not match sha256 {rev.original_sha256[:16]}… "
                f"(now {actual[:16]}…)"
            )
        elif len(original.data) != original.size:
            problems.append(f"{where}: original size {original.size} != {len(original.data)} bytes")
        if event is None:
            continue
        report = session.get(Report, rev.report_id)
        recorded_report = event.get("report") or {}
        row = (
            {
                "unit": report.unit,
                "year": stored_year(report.year),
                "kind": report.kind,
                "region": report.region,
                "kind_class": report.kind_class,
                "project": report.project,
            }
            if report
            else {}
        )
        # events written before labels existed record four of these fields
        stored = {k: row.get(k) for k in recorded_report} if report else None
        recorded_rev = {
            "sha256": rev.original_sha256,
            "filename": rev.filename,
            "format": rev.format,
            "encoding": rev.encoding,
            "note": rev.note,
            "number": rev.number,
            "parent": rev.parent_id,
            "report_id": rev.report_id,
            "imported_at": iso_utc(rev.imported_at),
        }
        changed = [k for k, v in recorded_rev.items() if event.get(k) != v]
        if rev.actor != event.get("_actor"):
            changed.append("actor")
        if "size" in event and event["size"] != original.size:
            changed.append("original size")
        if "stored_at" in event and event["stored_at"] != iso_utc(original.stored_at):
            changed.append("original stored_at")
        if stored != recorded_report:
            changed.append("report")
        if changed:
            problems.append(f"{where}: {', '.join(changed)} differ from the import event")
    for missing in sorted(set(imports) - seen):
        problems.append(f"revision {missing}: recorded by an import event but missing")
    return checked


def _check_derivations(
    session: Session, problems: list[str], derived: dict[tuple[int, str], dict[str, Any]]
) -> int:
    """Each derivation's text/structure hashes against the stored values and the event."""
    checked = 0
    rows = session.exec(
        select(Derivation).order_by(col(Derivation.revision_id), col(Derivation.parser_version))
    )
    seen = set()
    for row in rows:
        checked += 1
        seen.add((row.revision_id, row.parser_version))
        where = f"revision {row.revision_id} derivation {row.parser_version}"
        t_sha, d_sha = text_sha256(row.text), text_sha256(row.document_json)
        event = derived.get((row.revision_id, row.parser_version))
        if t_sha != row.text_sha256 or (event and event.get("text_sha256") != t_sha):
            problems.append(f"{where}: extracted text does not match its recorded sha256")
        elif d_sha != row.document_sha256 or (event and event.get("document_sha256") != d_sha):
            problems.append(f"{where}: sections JSON does not match its recorded sha256")
        elif event is None:
            problems.append(f"{where}: no audit event records it")
        else:
            stamp = event.get("stored_at") or event.get("derived_at")
            if stamp is not None and stamp != iso_utc(row.created_at):
                problems.append(f"{where}: created_at differs from its audit event")
    for rev_id, version in sorted(set(derived) - seen):
        problems.append(f"revision {rev_id} derivation {version}: recorded by an event but missing")
    return checked


def _check_labels(session: Session, problems: list[str], placed: Placed) -> None:
    """Each revision's labels against the events that recorded them: the import's label
    where the import put it, each relabel where its event moved it from and to."""
    rows = session.exec(
        select(RevisionLabel).order_by(col(RevisionLabel.revision_id), col(RevisionLabel.id))
    ).all()
    previous: dict[int, int] = {}
    seen_events: set[int] = set()
    labelled: set[int] = set()
    for row in rows:
        where = f"revision {row.revision_id} label {row.id}"
        labelled.add(row.revision_id)
        recorded = placed.get(row.event_seq)
        if recorded is None or recorded[0] != row.action:
            problems.append(f"{where}: no {row.action} event {row.event_seq} records it")
            previous[row.revision_id] = row.report_id
            continue
        seen_events.add(row.event_seq)
        action, details = recorded
        if action == IMPORT_ACTION:
            label = details.get("label")
            ok = details.get("revision") == row.revision_id and (
                details.get("report_id") == row.report_id
            )
            if isinstance(label, dict):
                ok = ok and canonical_json(normalize_json(label.get("provenance") or {})) == (
                    row.provenance
                )
        else:
            ok = (
                details.get("revision") == row.revision_id
                and details.get("to_report") == row.report_id
                and details.get("from_report") == previous.get(row.revision_id)
                and details.get("note") == row.note
            )
        if not ok:
            problems.append(f"{where}: differs from the {action} event {row.event_seq}")
        previous[row.revision_id] = row.report_id
    for seq, (action, details) in sorted(placed.items()):
        if action == RELABEL_ACTION and seq not in seen_events:
            problems.append(
                f"event {seq}: relabel of revision {details.get('revision')} has no label row"
            )
    ids = session.exec(select(Revision.id)).all()
    for rid in sorted(i for i in ids if i is not None and i not in labelled):
        problems.append(f"revision {rid}: has no label (where it belongs is not recorded)")


def verify(session: Session) -> VerifyReport:
    """Recompute the audit chain and every stored hash; see the module docstring."""
    problems: list[str] = []
    placed: Placed = {}
    events_checked, head, imports, derived = _check_chain(session, problems, placed)
    originals_checked = _check_revisions(session, problems, imports)
    _check_labels(session, problems, placed)
    derivations_checked = _check_derivations(session, problems, derived)
    from .reuse import unindexed_unmarked, verify_reuse_runs  # numpy: only when verifying

    problems.extend(verify_reuse_runs(session))
    problems.extend(verify_check_runs(session))
    for rid in unindexed_unmarked(session):
        problems.append(
            f"revision {rid}: missing from the reuse index and not marked to be indexed "
            "(`reportaudit scan` indexes it)"
        )
    return VerifyReport(
        ok=not problems,
        problems=tuple(problems),
        events_checked=events_checked,
        originals_checked=originals_checked,
        derivations_checked=derivations_checked,
        head_hash=head,
    )
