"""verify(): a clean store verifies; tampering behind the tool's back is caught and named.

Each tamper drops the append-only triggers first (as an attacker with the database would),
then changes one thing. SQLite is changed through the stdlib sqlite3 module on the file.
"""

from __future__ import annotations

import pytest
from store_helpers import add, doc_dict, tamper

from reportaudit.store import Store, append_event, save_derivation, verify

TEXTS = [
    "新区党群工作部2021年度部门整体支出绩效自评报告\n一、基本情况\n",
    "新区党群工作部2021年度部门整体支出绩效自评报告\n一、基本情况\n二、绩效目标\n",
    "社区服务中心2021年度项目支出绩效自评报告\n一、项目概况\n",
]


def _fill(store: Store) -> None:
    """Three imports, a re-derivation and a review event: every kind of chained record."""
    with store.transaction() as s:
        add(s, TEXTS[0], filename="a.txt")
    with store.transaction() as s:
        add(s, TEXTS[1], filename="b.txt")
        add(s, TEXTS[2], unit="社区服务中心", kind="项目支出", filename="c.txt")
    with store.transaction() as s:
        save_derivation(
            s,
            revision_id=1,
            text=TEXTS[0] + "\n",
            document_dict=doc_dict(TEXTS[0] + "\n", "test-2"),
            parser_version="test-2",
            actor="reparser",
        )
        append_event(
            s,
            actor="审计员甲",
            action="review",
            subject="finding 1",
            details={"decision": "confirmed", "理由": "段落相同", "sections": ("一", "二")},
        )


def _first_problem(store: Store) -> str:
    """verify() must fail; return its first problem after checking it is one line."""
    with store.session() as s:
        report = verify(s)
    assert not report.ok
    assert report.first_problem is not None and "\n" not in report.first_problem
    assert report.summary().startswith("BROKEN: ")
    return report.first_problem


def test_clean_store_verifies(store: Store) -> None:
    with store.session() as s:
        empty = verify(s)
    assert empty.ok and empty.head_hash is None and empty.events_checked == 0
    _fill(store)
    with store.session() as s:
        report = verify(s)
    assert report.ok, report.problems
    assert (report.events_checked, report.originals_checked, report.derivations_checked) == (
        5,
        3,
        4,
    )
    assert report.head_hash is not None and len(report.head_hash) == 64
    assert report.summary().startswith("OK: 5 events")


def test_changed_event_details_are_caught(store: Store, store_url: str) -> None:
    _fill(store)
    tamper(store_url, "UPDATE audit_event SET details = replace(details, 'confirmed', 'rejected')")
    assert _first_problem(store) == "event 5: hash mismatch (details changed?)"


def test_changed_extracted_text_is_caught(store: Store, store_url: str) -> None:
    _fill(store)
    tamper(
        store_url,
        "UPDATE derivation SET text = replace(text, '基本情况', '基本情况（已改）') "
        "WHERE revision_id = 2",
    )
    problem = _first_problem(store)
    assert (
        problem == "revision 2 derivation test-1: extracted text does not match its recorded sha256"
    )


def test_text_and_its_stored_hash_changed_together_is_caught(store: Store, store_url: str) -> None:
    _fill(store)
    forged = "伪造的文本"
    from reportaudit.store.hashing import text_sha256

    tamper(
        store_url,
        "UPDATE derivation SET text = ?, text_sha256 = ? WHERE revision_id = 3",
        params=(forged, text_sha256(forged)),
    )
    assert _first_problem(store).startswith("revision 3 derivation test-1: extracted text")


def test_changed_original_bytes_are_caught(store: Store, store_url: str) -> None:
    _fill(store)
    tamper(
        store_url,
        "UPDATE original SET data = ? WHERE sha256 = (SELECT original_sha256 FROM revision WHERE id = 2)",
        params=(b"forged bytes",),
    )
    problem = _first_problem(store)
    assert problem.startswith("revision 2 (file b.txt): original bytes do not match sha256 ")


def test_deleted_event_is_caught(store: Store, store_url: str) -> None:
    _fill(store)
    tamper(store_url, "DELETE FROM audit_event WHERE seq = 2")
    assert _first_problem(store) == "event 2: missing (chain jumps from 1 to 3)"


def test_deleting_the_newest_import_event_is_caught(store: Store, store_url: str) -> None:
    with store.transaction() as s:
        add(s, TEXTS[0], filename="a.txt")
        add(s, TEXTS[1], filename="b.txt")
    tamper(store_url, "DELETE FROM audit_event WHERE seq = 2")
    assert _first_problem(store) == "revision 2 (file b.txt): no import event records it"


def test_renamed_file_is_caught(store: Store, store_url: str) -> None:
    _fill(store)
    tamper(store_url, "UPDATE revision SET filename = 'innocent.txt' WHERE id = 1")
    assert (
        _first_problem(store)
        == "revision 1 (file innocent.txt): filename differ from the import event"
    )


def test_backdated_revision_is_caught(store: Store, store_url: str) -> None:
    """Moving a revision in time would change what revision_as_of answers."""
    _fill(store)
    tamper(
        store_url,
        "UPDATE revision SET imported_at = ? WHERE id = 2",
        params=("2001-01-01 00:00:00",),
    )
    assert (
        _first_problem(store) == "revision 2 (file b.txt): imported_at differ from the import event"
    )


def test_revision_moved_to_another_report_is_caught(store: Store, store_url: str) -> None:
    _fill(store)
    tamper(store_url, "UPDATE revision SET report_id = 2, number = 9 WHERE id = 2")
    problem = _first_problem(store)
    assert (
        problem == "revision 2 (file b.txt): number, report_id, report differ from the import event"
    )


def test_rewritten_chain_tail_is_caught(store: Store, store_url: str) -> None:
    """Changing an event and recomputing its own hash still breaks the next link."""
    _fill(store)
    from reportaudit.store.hashing import canonical_json, event_hash
    from reportaudit.store.models import AuditEvent

    with store.session() as s:
        ev = s.get(AuditEvent, 4)
        assert ev is not None
        import json

        details = json.loads(ev.details)
        details["text_sha256"] = "0" * 64
        forged = event_hash(
            seq=ev.seq,
            at=ev.at,
            actor=ev.actor,
            action=ev.action,
            subject=ev.subject,
            details=details,
            prev_hash=ev.prev_hash,
        )
    tamper(
        store_url,
        "UPDATE audit_event SET details = ?, hash = ? WHERE seq = 4",
        params=(canonical_json(details), forged),
    )
    assert _first_problem(store) == "event 5: prev_hash does not match event 4"


@pytest.mark.parametrize("seq", [1, 3])
def test_every_problem_is_listed_in_order(store: Store, store_url: str, seq: int) -> None:
    _fill(store)
    tamper(
        store_url,
        f"UPDATE audit_event SET actor = 'mallory' WHERE seq = {seq}",
        "UPDATE derivation SET text = 'x' WHERE revision_id = 3",
    )
    with store.session() as s:
        report = verify(s)
    assert report.problems[0] == f"event {seq}: hash mismatch (details changed?)"
    assert report.problems[-1].startswith("revision 3 derivation test-1: extracted text")
