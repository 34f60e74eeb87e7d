"""Stored check runs: save replaces the same (revision, checks version), keeps other
versions, lists by kind, records the run in the audit chain, and mirrors its migration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from checks_helpers import FIXTURES
from sqlalchemy import text
from sqlmodel import SQLModel

from reportaudit.checks import run_checks
from reportaudit.services.importing import import_file
from reportaudit.store import Store, events, open_store, revision_text, verify
from reportaudit.store.checks import (
    check_runs,
    list_check_findings,
    save_check_findings,
    verify_check_runs,
)
from reportaudit.store.testing import pg_schema_url, require_pg
from reportaudit.structure import Document


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store on SQLite and (when $REPORTAUDIT_TEST_PG_URL is set) PostgreSQL."""
    if request.param == "sqlite":
        opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
        try:
            yield opened
        finally:
            opened.close()
        return
    with pg_schema_url(require_pg()) as url:
        opened = open_store(url)
        try:
            yield opened
        finally:
            opened.close()


def _import(store: Store, path: Path) -> tuple[int, list]:
    """Import a fixture through the import service (as the CLI does) and run the checks."""
    outcome = import_file(store, path, actor="tester")
    assert outcome.status == "imported" and outcome.result is not None, outcome.message
    meta = outcome.metadata
    assert meta is not None
    with store.session() as s:
        text, doc_dict = revision_text(s, outcome.result.revision.id)
    doc = Document.from_dict(text, doc_dict)
    return outcome.result.revision.id, run_checks(doc, meta=meta, other_units=["河湾市生态环境局"])


def test_save_list_replace_and_audit(store: Store) -> None:
    """Save, list, replace a run and keep another version, each save audited."""
    rev, findings = _import(store, FIXTURES / "checks" / "planted_2023.txt")
    assert findings
    with store.transaction() as s:
        save_check_findings(
            s,
            revision_id=rev,
            findings=findings,
            checks_version="v1",
            parser_version="p",
            actor="a",
        )
    with store.session() as s:
        stored = list_check_findings(s, revision_id=rev)
        assert sorted(f.id for f in stored) == sorted(f.id for f in findings)
        byid = {f.id: f for f in findings}
        for f in stored:
            assert f.spans == tuple((sp.start, sp.end) for sp in byid[f.id].spans)
            assert f.kind == byid[f.id].kind and f.explanation == byid[f.id].explanation
        only = list_check_findings(s, kinds=["stale_year"])
        assert {f.kind for f in only} == {"stale_year"} and len(only) == 2
    # the same version again replaces; a new version is kept beside it but listed alone
    with store.transaction() as s:
        save_check_findings(
            s,
            revision_id=rev,
            findings=findings[:3],
            checks_version="v1",
            parser_version="p",
            actor="a",
        )
        save_check_findings(
            s,
            revision_id=rev,
            findings=findings[:1],
            checks_version="v2",
            parser_version="p",
            actor="a",
        )
    with store.session() as s:
        assert [r.checks_version for r in check_runs(s, rev)] == ["v1", "v2"]
        assert len(list_check_findings(s, revision_id=rev, checks_version="v1")) == 3
        assert len(list_check_findings(s, revision_id=rev)) == 1
        assert [e.action for e in events(s)].count("check") == 3
        assert verify(s).ok


def test_empty_run_is_distinguishable_from_no_run(store: Store) -> None:
    """ "Checked, nothing found" differs from "never checked"."""
    rev, _ = _import(store, FIXTURES / "checks" / "clean_2023.txt")
    with store.session() as s:
        assert check_runs(s, rev) == []
    with store.transaction() as s:
        run = save_check_findings(
            s, revision_id=rev, findings=[], checks_version="v1", parser_version="p", actor="a"
        )
    assert run.finding_count == 0
    with store.session() as s:
        assert [r.id for r in check_runs(s, rev)] == [run.id]
        assert list_check_findings(s, revision_id=rev) == []


def test_unknown_revision_is_refused(store: Store) -> None:
    """Findings cannot be saved for a revision that does not exist."""
    with store.transaction() as s, pytest.raises(LookupError):
        save_check_findings(
            s, revision_id=999, findings=[], checks_version="v1", parser_version="p", actor="a"
        )


def test_models_mirror_the_checks_migration(store: Store) -> None:
    """The SQLModel classes describe exactly the tables migration 0003 creates."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, SQLModel.metadata)
    ours = [d for d in diffs if "check_" in repr(d)]
    assert ours == []


def test_tampering_with_stored_findings_is_detected(store: Store) -> None:
    """Edited or deleted finding rows no longer match their audit event."""
    rev, findings = _import(store, FIXTURES / "checks" / "planted_2023.txt")
    for _ in range(2):  # a replaced run is verified against its own, newest event
        with store.transaction() as s:
            save_check_findings(
                s,
                revision_id=rev,
                findings=findings,
                checks_version="v1",
                parser_version="p",
                actor="a",
            )
    with store.session() as s:
        assert verify_check_runs(s) == []
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE check_finding SET severity = 1 WHERE kind = 'stale_year'"))
    with store.session() as s:
        assert [p for p in verify_check_runs(s) if "changed since saved" in p]
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM check_finding WHERE kind = 'broken'"))
    with store.session() as s:
        assert [p for p in verify_check_runs(s) if "findings stored" in p]


def test_batch_save_replaces_runs_and_verifies(store: Store) -> None:
    """Many runs saved in one transaction and one audit event: listed like single saves,
    replaced on a re-run, and a silent edit of one finding shows up in verify."""
    from reportaudit.store.checks import CheckBatchItem, save_check_batch

    planted, planted_findings = _import(store, FIXTURES / "checks" / "planted_2023.txt")
    project, project_findings = _import(store, FIXTURES / "checks" / "planted_project_2023.txt")
    items = [
        CheckBatchItem(planted, planted_findings, "p"),
        CheckBatchItem(project, project_findings, "p"),
    ]
    for _ in range(2):  # the second save replaces the first
        with store.transaction() as s:
            save_check_batch(s, items=items, checks_version="v-batch", actor="tester")
    with store.session() as s:
        assert len(check_runs(s)) == 2
        stored = list_check_findings(s)
        assert {f.id for f in stored} == {f.id for f in planted_findings + project_findings}
        batch_events = [e for e in events(s, action="check") if "runs" in e.details]
        assert len(batch_events) == 2 and len(batch_events[-1].details["runs"]) == 2
        assert batch_events[-1].details["runs"][0]["replaced_previous_run"] is True
        assert verify_check_runs(s) == []
    with store.transaction() as s:
        s.execute(
            text(
                "UPDATE check_finding SET severity = 1 WHERE id = (SELECT MIN(id) FROM check_finding)"
            )
        )
    with store.session() as s:
        problems = verify_check_runs(s)
    assert len(problems) == 1 and "changed since saved" in problems[0]
