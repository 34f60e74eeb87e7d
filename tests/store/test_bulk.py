"""Bulk import (``store.bulk`` via ``services.bulkimport``): the same rows, chain and
guarantees as one transaction per file — on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import func, select
from store_helpers import add, doc_dict, prep

from reportaudit.services.bulkimport import BulkImporter
from reportaudit.store import Store, report_log, revision_text, verify
from reportaudit.store.bulk import PreparedImport, import_prepared, prepare_import
from reportaudit.store.models import AuditEvent, Derivation, Original, Revision, RevisionLabel
from reportaudit.store.reuse_models import ReusePending
from reportaudit.structure import Document


def _prep(content: str, *, unit: str = "新区党群工作部", year: int = 2021) -> PreparedImport:
    """A prepared file whose text is ``content``."""
    return prep(
        content,
        unit=unit,
        year=year,
        filename=f"{unit}-{year}-{len(content)}.txt",
        provenance={"unit": {"value": unit, "source": "option", "certain": True}},
    )


def _count(store: Store, model: type[Any]) -> int:
    """Rows of one table."""
    with store.session() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def test_a_batch_stores_revisions_chained_like_single_imports(store: Store) -> None:
    """Single import, then a batch (two reports, a second revision, a duplicate inside the
    batch and one already stored), then a single import again: one unbroken chain."""
    first = "甲单位2021年度部门整体支出绩效自评报告\n年初预算100万元。\n"
    with store.transaction() as s:
        add(s, first, unit="甲单位")
    batch = [
        _prep("乙单位2021年度报告\n完成率95%。\n", unit="乙单位"),
        _prep(first, unit="甲单位"),  # already stored
        _prep("甲单位2021年度报告（修订）\n年初预算120万元。\n", unit="甲单位"),
        _prep("乙单位2021年度报告（修订）\n完成率96%。\n", unit="乙单位"),
        _prep("乙单位2021年度报告\n完成率95%。\n", unit="乙单位"),  # same bytes as the first
    ]
    with store.transaction() as s:
        results = import_prepared(s, batch)
    assert [r.duplicate for r in results] == [False, True, False, False, True]
    assert results[4].revision.id == results[0].revision.id
    assert results[3].revision.parent_id == results[0].revision.id
    assert results[3].revision.number == 2 and results[3].report.revision_count == 2
    with store.transaction() as s:
        add(s, "乙单位2021年度报告（三稿）\n完成率97%。\n", unit="乙单位")
    with store.session() as s:
        report = verify(s)
        assert report.ok, report.problems
        log = report_log(s, "乙单位 2021")
        assert [r.number for r in log] == [3, 2, 1]
        assert log[1].id == results[3].revision.id and log[1].parent_id == results[0].revision.id
        assert revision_text(s, results[2].revision.id)[0].startswith("甲单位2021年度报告（修订）")
        imports = s.exec(select(AuditEvent).where(AuditEvent.action == "import")).all()
        assert len(imports) == 5
    assert _count(store, Revision) == _count(store, Derivation) == _count(store, Original) == 5
    assert _count(store, RevisionLabel) == 5
    assert _count(store, ReusePending) == 5  # each stored revision owes its fingerprints


def _refuse_marked_derivations(store: Store) -> None:
    """Make the database itself refuse a derivation whose text holds 【拒收】."""
    with store.transaction() as s:
        if store.dialect == "postgresql":
            s.execute(
                text(
                    "CREATE FUNCTION refuse_marked() RETURNS trigger AS $$ BEGIN "
                    "IF position('【拒收】' in NEW.text) > 0 THEN "
                    "RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ "
                    "LANGUAGE plpgsql"
                )
            )
            s.execute(
                text(
                    "CREATE TRIGGER refuse_marked BEFORE INSERT ON derivation "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_marked()"
                )
            )
        else:
            s.execute(
                text(
                    "CREATE TRIGGER refuse_marked BEFORE INSERT ON derivation "
                    "WHEN instr(NEW.text, '【拒收】') > 0 "
                    "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END"
                )
            )


def test_a_refused_file_fails_alone_and_leaves_nothing(store: Store) -> None:
    """The database refuses one file of a batch: the batch is stored file by file, that
    file fails with a line naming it, the others are stored whole, the chain verifies."""
    _refuse_marked_derivations(store)
    texts = [f"单位{i}2021年度报告\n完成率9{i}%。\n" for i in range(5)]
    texts[2] = "单位2 2021年度报告\n【拒收】\n"
    with BulkImporter(store, batch=10, index=False) as bulk:
        for i, t in enumerate(texts):
            assert (
                bulk.add(f"r{i}.txt", _prep(t, unit=f"单位{i}"), Document.from_dict(t, doc_dict(t)))
                == []
            )
        outcomes = bulk.flush()
    assert [o.status for o in outcomes] == [
        "imported",
        "imported",
        "failed",
        "imported",
        "imported",
    ]
    assert outcomes[2].message.startswith("r2.txt: not stored:")
    assert "refused by test trigger" in outcomes[2].message
    assert bulk.retried == 1
    assert _count(store, Revision) == _count(store, Original) == _count(store, Derivation) == 4
    with store.session() as s:
        report = verify(s)
        assert report.ok, report.problems
        assert report.events_checked == 4


def test_bad_input_is_refused_before_any_transaction() -> None:
    """An empty file or an implausible year is one ValueError naming the file."""
    with pytest.raises(ValueError, match=r"^a\.txt: empty file$"):
        prepare_import(
            data=b"",
            filename="a.txt",
            fmt="txt",
            encoding=None,
            text="",
            document_dict=doc_dict(""),
            parser_version="test-1",
            unit="u",
            year=2021,
            kind="k",
            region=None,
            actor="t",
        )
    with pytest.raises(ValueError, match=r"^b\.txt: implausible report year 1066$"):
        _ = prepare_import(
            data=b"x",
            filename="b.txt",
            fmt="txt",
            encoding=None,
            text="x",
            document_dict=doc_dict("x"),
            parser_version="test-1",
            unit="u",
            year=1066,
            kind="k",
            region=None,
            actor="t",
        )
