"""Importing revisions: parents, duplicates, all-or-nothing, derivations — on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import func, select
from store_helpers import add, doc_dict

from reportaudit.errors import NotFoundError, StoreError
from reportaudit.store import (
    Store,
    append_event,
    derivation_versions,
    events,
    get_revision,
    import_extraction,
    original_bytes,
    report_log,
    revision_text,
    revisions_missing_derivation,
    save_derivation,
    verify,
)
from reportaudit.store.hashing import sha256_hex, text_sha256
from reportaudit.store.models import AuditEvent, Derivation, Original, Report, Revision

FIRST = "新区党群工作部2021年度部门整体支出绩效自评报告\n一、基本情况\n年初预算100万元。\n"
SECOND = FIRST + "二、绩效目标完成情况\n完成率95%。\n"


def _counts(store: Store) -> dict[str, int]:
    """Row counts of every store table (to prove that nothing was added)."""
    with store.session() as s:
        return {
            m.__tablename__: s.exec(select(func.count()).select_from(m)).one()
            for m in (Report, Original, Revision, Derivation, AuditEvent)
        }


def test_first_import_creates_report_revision_original_derivation_and_event(store: Store) -> None:
    with store.transaction() as s:
        result = add(s, FIRST, note="初稿")
    assert not result.duplicate
    rev = result.revision
    assert (rev.number, rev.parent_id, rev.note) == (1, None, "初稿")
    assert rev.sha256 == sha256_hex(FIRST.encode("utf-8"))
    assert rev.size == len(FIRST.encode("utf-8"))
    assert rev.imported_at.tzinfo is not None and rev.imported_at.utcoffset() == timedelta(0)
    assert result.report.revision_count == 1 and result.report.latest_revision_id == rev.id
    assert _counts(store) == {
        "report": 1,
        "original": 1,
        "revision": 1,
        "derivation": 1,
        "audit_event": 1,
    }
    with store.session() as s:
        (event,) = events(s)
        stored_text, document = revision_text(s, rev.id)
        assert original_bytes(s, rev.id) == FIRST.encode("utf-8")
    assert stored_text == FIRST and document == doc_dict(FIRST)
    assert (event.action, event.actor, event.seq) == ("import", "tester", 1)
    assert event.details["revision"] == rev.id
    assert event.details["sha256"] == rev.sha256
    assert event.details["text_sha256"] == text_sha256(FIRST)
    assert event.details["filename"] == rev.filename
    assert event.details["report"]["unit"] == "新区党群工作部"


def test_extraction_details_go_into_the_import_event_and_read_back(store: Store) -> None:
    ocr = {"engine": "rapidocr-onnxruntime", "version": "1.4.4", "pages": 2, "dpi": 150}
    with store.transaction() as s:
        scanned = add(s, FIRST, extraction={"ocr": ocr | {"confidence": 0.9948}}).revision
        typed = add(s, SECOND).revision
    with store.session() as s:
        assert import_extraction(s, scanned.id) == {"ocr": ocr | {"confidence": 0.9948}}
        assert import_extraction(s, typed.id) is None
        first, second = events(s)
        assert verify(s).ok
    assert first.details["extraction"]["ocr"]["engine"] == "rapidocr-onnxruntime"
    assert second.details["extraction"] is None  # read directly from the file


def test_second_import_is_a_child_of_the_first(store: Store) -> None:
    with store.transaction() as s:
        first = add(s, FIRST).revision
    with store.transaction() as s:
        second = add(s, SECOND, actor="审计员乙").revision
    assert (second.number, second.parent_id, second.actor) == (2, first.id, "审计员乙")
    with store.session() as s:
        log = report_log(s, first.report_id)
        chain = events(s)
    assert [r.id for r in log] == [second.id, first.id]
    assert chain[1].prev_hash == chain[0].hash


def test_identical_bytes_are_a_duplicate_and_add_nothing(store: Store) -> None:
    with store.transaction() as s:
        first = add(s, FIRST).revision
    before = _counts(store)
    with store.transaction() as s:
        again = add(s, FIRST, unit="另一个单位", year=2022, filename="copy.txt")
    assert again.duplicate
    assert again.revision == first
    assert again.report.unit == "新区党群工作部"
    assert _counts(store) == before


def test_failed_import_leaves_nothing_behind(store: Store) -> None:
    with store.transaction() as s:
        add(s, FIRST)
    before = _counts(store)
    with pytest.raises(RuntimeError, match="boom"), store.transaction() as s:
        add(s, SECOND)
        add(s, "第三个文件", unit="另一个单位")
        raise RuntimeError("boom")
    assert _counts(store) == before
    with store.session() as s:
        assert verify(s).ok


def test_writes_outside_a_transaction_are_refused(store: Store) -> None:
    """A read session never commits (and on SQLite could lose the race to the write lock)."""
    with store.session() as s, pytest.raises(StoreError, match=r"store\.transaction"):
        add(s, FIRST)
    with store.session() as s, pytest.raises(StoreError, match=r"store\.transaction"):
        append_event(s, actor="a", action="review", subject="x", details={})
    assert sum(_counts(store).values()) == 0


def test_backdated_import_may_not_precede_its_parent(store: Store) -> None:
    t0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    with store.transaction() as s:
        add(s, FIRST, when=t0)
    with pytest.raises(StoreError, match="precedes"), store.transaction() as s:
        add(s, SECOND, when=t0 - timedelta(days=1))


def test_times_come_back_in_utc_whatever_zone_went_in(store: Store) -> None:
    beijing = timezone(timedelta(hours=8))
    with store.transaction() as s:
        rev = add(s, FIRST, when=datetime(2024, 3, 1, 17, 30, 0, 123456, tzinfo=beijing)).revision
    with store.session() as s:
        again = get_revision(s, rev.id)
    assert again.imported_at == datetime(2024, 3, 1, 9, 30, 0, 123456, tzinfo=UTC)
    assert again.imported_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone"), store.transaction() as s:
        add(s, FIRST, when=datetime(2024, 3, 1, 9, 0))


def test_rederive_adds_a_derivation_without_touching_the_revision(store: Store) -> None:
    with store.transaction() as s:
        rev = add(s, FIRST).revision
    better = FIRST.replace("\n", "\n\n")
    with store.transaction() as s:
        info = save_derivation(
            s,
            revision_id=rev.id,
            text=better,
            document_dict=doc_dict(better, "test-2"),
            parser_version="test-2",
            actor="reparser",
        )
        same = save_derivation(
            s,
            revision_id=rev.id,
            text=better,
            document_dict=doc_dict(better, "test-2"),
            parser_version="test-2",
            actor="reparser",
        )
    assert info.created and not same.created and info.text_sha256 == text_sha256(better)
    with store.session() as s:
        assert revision_text(s, rev.id)[0] == better
        assert revision_text(s, rev.id, parser_version="test-1")[0] == FIRST
        assert derivation_versions(s, rev.id) == ["test-1", "test-2"]
        assert revisions_missing_derivation(s, "test-2") == []
        assert revisions_missing_derivation(s, "test-3") == [rev.id]
        assert get_revision(s, rev.id) == rev
        assert [e.action for e in events(s)] == ["import", "derive"]
        assert verify(s).ok
    with pytest.raises(StoreError, match="different derivation"), store.transaction() as s:
        save_derivation(
            s,
            revision_id=rev.id,
            text="改过的",
            document_dict=doc_dict("改过的", "test-2"),
            parser_version="test-2",
            actor="reparser",
        )
    with pytest.raises(NotFoundError), store.transaction() as s:
        save_derivation(
            s,
            revision_id=999,
            text="x",
            document_dict={},
            parser_version="test-2",
            actor="reparser",
        )


TAMPERING = [
    "UPDATE revision SET filename = 'forged.txt'",
    "DELETE FROM revision",
    "UPDATE original SET data = :b",
    "DELETE FROM original",
    "UPDATE audit_event SET actor = 'someone else'",
    "DELETE FROM audit_event",
    "UPDATE derivation SET text = 'forged'",
    "DELETE FROM derivation",
    "UPDATE report SET unit = 'forged'",
]


def test_database_triggers_refuse_updates_and_deletes(store: Store) -> None:
    with store.transaction() as s:
        add(s, FIRST)
    before = _counts(store)
    for sql in TAMPERING:
        with pytest.raises(DBAPIError, match="append-only"), store.transaction() as s:
            s.execute(text(sql), {"b": b"forged"} if ":b" in sql else {})
    assert _counts(store) == before
    with store.session() as s:
        assert verify(s).ok
