"""Reading the store: report listing, references, logs, point-in-time, event listing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from store_helpers import add

from reportaudit.errors import AmbiguousError, NotFoundError
from reportaudit.store import (
    Store,
    append_event,
    events,
    get_revision,
    head_hash,
    list_reports,
    report_log,
    resolve_report,
    revision_as_of,
)

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def filled(store: Store) -> Store:
    """Three reports; the 党群 2021 one has three revisions a day apart."""
    with store.transaction() as s:
        for day in range(3):
            add(
                s,
                f"党群工作部 第{day + 1}稿\n",
                when=T0 + timedelta(days=day),
                filename=f"v{day}.txt",
            )
        add(s, "党群工作部 2022\n", year=2022, when=T0)
        add(s, "社区服务中心\n", unit="社区服务中心", kind="项目支出", region="浦东", when=T0)
    return store


def test_list_reports_counts_revisions_and_latest(filled: Store) -> None:
    with filled.session() as s:
        reports = list_reports(s)
    by_label = {r.label: r for r in reports}
    assert set(by_label) == {
        "新区党群工作部 2021 部门整体支出",
        "新区党群工作部 2022 部门整体支出",
        "社区服务中心 2021 项目支出 (浦东)",
    }
    main = by_label["新区党群工作部 2021 部门整体支出"]
    assert main.revision_count == 3
    assert main.latest_imported_at == T0 + timedelta(days=2)
    assert by_label["社区服务中心 2021 项目支出 (浦东)"].region == "浦东"


def test_resolve_report_by_words_id_and_errors(filled: Store) -> None:
    with filled.session() as s:
        main = resolve_report(s, "新区党群工作部 2021")
        assert main.year == 2021 and main.unit == "新区党群工作部"
        assert resolve_report(s, "党群 2022").year == 2022
        assert resolve_report(s, "浦东").unit == "社区服务中心"
        assert resolve_report(s, main.id) == main
        assert resolve_report(s, f"#{main.id}") == main
        assert resolve_report(s, str(main.id)) == main
        with pytest.raises(AmbiguousError, match="matches 2 reports"):
            resolve_report(s, "党群")
        with pytest.raises(NotFoundError):
            resolve_report(s, "党群 2019")
        with pytest.raises(NotFoundError):
            resolve_report(s, 999)


def test_report_log_is_newest_first_with_parents(filled: Store) -> None:
    with filled.session() as s:
        log = report_log(s, "党群 2021")
    assert [r.number for r in log] == [3, 2, 1]
    assert [r.filename for r in log] == ["v2.txt", "v1.txt", "v0.txt"]
    assert log[0].parent_id == log[1].id and log[1].parent_id == log[2].id
    assert log[2].parent_id is None


def test_get_revision_by_id_sha_prefix_and_report_position(filled: Store) -> None:
    with filled.session() as s:
        log = report_log(s, "党群 2021")
        newest, oldest = log[0], log[-1]
        assert get_revision(s, oldest.id) == oldest
        assert get_revision(s, f"#{oldest.id}") == oldest
        assert get_revision(s, oldest.sha256[:10]) == oldest
        assert get_revision(s, oldest.sha256.upper()) == oldest
        assert get_revision(s, "党群 2021@1") == oldest
        assert get_revision(s, "党群 2021@latest") == newest
        assert get_revision(s, "党群 2021@-1") == newest
        with pytest.raises(NotFoundError, match="no revision 4"):
            get_revision(s, "党群 2021@4")
        with pytest.raises(NotFoundError):
            get_revision(s, "ffffffffffff")
        with pytest.raises(NotFoundError):
            get_revision(s, 999)


def test_revision_as_of_gives_the_revision_current_then(filled: Store) -> None:
    with filled.session() as s:
        log = {r.number: r for r in report_log(s, "党群 2021")}
        assert revision_as_of(s, "党群 2021", T0) == log[1]
        assert revision_as_of(s, "党群 2021", T0 + timedelta(hours=23)) == log[1]
        assert revision_as_of(s, "党群 2021", T0 + timedelta(days=1)) == log[2]
        assert revision_as_of(s, "党群 2021", T0 + timedelta(days=365)) == log[3]
        with pytest.raises(NotFoundError, match="had no revision"):
            revision_as_of(s, "党群 2021", T0 - timedelta(seconds=1))
        with pytest.raises(ValueError, match="timezone"):
            revision_as_of(s, "党群 2021", datetime(2024, 3, 2))


def test_events_limit_and_action_filter(filled: Store) -> None:
    with filled.transaction() as s:
        review = append_event(
            s, actor="审计员甲", action="review", subject="finding 7", details={"decision": "ok"}
        )
    with filled.session() as s:
        everything = events(s)
        newest_two = events(s, limit=2)
        imports = events(s, action="import")
        assert head_hash(s) == review.hash
    assert [e.seq for e in everything] == [1, 2, 3, 4, 5, 6]
    assert [e.seq for e in newest_two] == [5, 6]
    assert len(imports) == 5 and all(e.action == "import" for e in imports)
    assert everything[-1] == review and review.details == {"decision": "ok"}
