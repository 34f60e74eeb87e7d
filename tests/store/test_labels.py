"""Labels and relabels on SQLite and PostgreSQL: uncertain imports stay apart, a relabel
moves a revision on the record, everything downstream follows, and tampering shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from store_helpers import add, tamper

from reportaudit.errors import StoreError
from reportaudit.store import (
    Store,
    get_revision,
    list_reports,
    open_store,
    report_log,
    resolve_report,
    revision_as_of,
    verify,
)
from reportaudit.store.labels import Label, label_history, relabel
from reportaudit.store.queries import search_rows


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def _uncertain(s: Any, content: str, **kw: Any) -> Any:
    return add(s, content, unit="未知单位", year=None, uncertain=("unit", "year"), **kw)


def test_uncertain_imports_of_the_same_reading_stay_apart(store: Store) -> None:
    with store.transaction() as s:
        a = _uncertain(s, "第一份\n")
        b = _uncertain(s, "第二份\n")
    assert a.report.id != b.report.id
    assert a.report.uncertain == ("unit", "year") and a.report.year is None
    with store.session() as s:
        doubtful = list_reports(s, uncertain_only=True)
        assert [r.id for r in doubtful] == sorted([a.report.id, b.report.id])


def test_certain_imports_form_one_chain(store: Store) -> None:
    with store.transaction() as s:
        a = add(s, "一稿\n", kind="部门整体支出绩效自评报告", kind_class="department_overall")
        b = add(s, "二稿\n", kind="部门整体支出绩效评价报告", kind_class="department_overall")
    assert a.report.id == b.report.id and b.revision.number == 2
    assert b.revision.parent_id == a.revision.id


def test_relabel_moves_a_revision_and_everything_follows(store: Store) -> None:
    with store.transaction() as s:
        old = add(s, "旧稿\n", unit="石门镇人民政府", year=2022, kind_class="department_overall")
        lost = _uncertain(s, "新稿\n")
    label = Label("石门镇人民政府", 2022, "部门整体支出绩效自评报告", "department_overall")
    with store.transaction() as s:
        done = relabel(s, lost.revision.id, label, actor="复核人", note="看了封面")
    assert done.from_report_id == lost.report.id and done.to_report_id == old.report.id
    with store.session() as s:
        moved = get_revision(s, lost.revision.id)
        assert moved.report_id == old.report.id
        assert (moved.number, moved.parent_id) == (2, old.revision.id)
        log = report_log(s, old.report.id)
        assert [r.id for r in log] == [lost.revision.id, old.revision.id]
        assert get_revision(s, "石门镇 2022@latest").id == lost.revision.id
        from datetime import UTC, datetime

        assert revision_as_of(s, old.report.id, datetime.now(UTC)).id == lost.revision.id
        # the emptied uncertain report no longer lists; nothing needs a look now
        assert [r.id for r in list_reports(s)] == [old.report.id]
        assert list_reports(s, uncertain_only=True) == []
        assert resolve_report(s, "石门镇").revision_count == 2
        assert {row[0] for row in search_rows(s)} == {lost.revision.id}
        assert [h.action for h in label_history(s, lost.revision.id)] == ["import", "relabel"]
        report = verify(s)
        assert report.ok, report.problems


def test_relabel_to_where_it_is_is_refused(store: Store) -> None:
    with store.transaction() as s:
        a = add(s, "一稿\n", unit="石门镇人民政府", year=2022, kind_class="department_overall")
    label = Label("石门镇人民政府", 2022, "部门整体支出绩效自评报告", "department_overall")
    with pytest.raises(StoreError, match="already filed"), store.transaction() as s:
        relabel(s, a.revision.id, label, actor="复核人")


def test_a_relabel_row_changed_behind_the_tools_back_fails_verify(
    store: Store, store_url: str
) -> None:
    with store.transaction() as s:
        add(s, "甲单位稿\n", unit="甲单位", year=2022, kind_class="department_overall")
        other = add(s, "乙单位稿\n", unit="乙单位", year=2022, kind_class="department_overall")
        lost = _uncertain(s, "未知稿\n")
    with store.transaction() as s:
        relabel(
            s,
            lost.revision.id,
            Label("甲单位", 2022, "部门整体支出绩效自评报告", "department_overall"),
            actor="复核人",
        )
    store.close()
    # the attacker files it under 乙单位 instead, without an event
    tamper(
        store_url,
        f"UPDATE revision_label SET report_id = {other.report.id} WHERE action = 'relabel'",
    )
    reopened = open_store(store_url)
    try:
        with reopened.session() as s:
            report = verify(s)
        assert not report.ok
        assert any("differs from the relabel event" in p for p in report.problems)
    finally:
        reopened.close()


def test_a_deleted_relabel_row_fails_verify(store: Store, store_url: str) -> None:
    with store.transaction() as s:
        add(s, "甲单位稿\n", unit="甲单位", year=2022, kind_class="department_overall")
        lost = _uncertain(s, "未知稿\n")
    with store.transaction() as s:
        relabel(
            s,
            lost.revision.id,
            Label("甲单位", 2022, "部门整体支出绩效自评报告", "department_overall"),
            actor="复核人",
        )
    store.close()
    tamper(store_url, "DELETE FROM revision_label WHERE action = 'relabel'")
    reopened = open_store(store_url)
    try:
        with reopened.session() as s:
            report = verify(s)
        assert any("has no label row" in p for p in report.problems)
    finally:
        reopened.close()


def test_the_database_refuses_to_rewrite_labels(store: Store) -> None:
    from sqlalchemy import text

    with store.transaction() as s:
        add(s, "一稿\n")
    with pytest.raises(Exception, match="append-only"), store.transaction() as s:
        s.execute(text("UPDATE revision_label SET report_id = report_id"))
