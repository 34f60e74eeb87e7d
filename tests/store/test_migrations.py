"""Schema versions: an old store opens with newer code; the models mirror the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel
from store_helpers import add, add_at_0001, tamper

from reportaudit.errors import NotFoundError, StoreError
from reportaudit.store import Store, list_reports, open_store, report_log, verify
from reportaudit.store.engine import make_engine
from reportaudit.store.migrate import current_revision, head_revision, upgrade_to_head
from reportaudit.store.models import APPEND_ONLY_TABLES


def test_store_made_at_0001_opens_again_and_keeps_its_data(store_url: str) -> None:
    old = Store(url=store_url, engine=make_engine(store_url))
    upgrade_to_head(old, target="0001")
    assert current_revision(old) == "0001"
    with old.transaction() as s:
        first_id = add_at_0001(s, "第一稿\n")
    old.close()
    first = None

    for opened in range(2):  # opening runs `upgrade head` each time; it must be harmless
        store = open_store(store_url)
        try:
            with store.engine.connect() as conn:
                versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            assert [v[0] for v in versions] == [head_revision()]
            with store.session() as s:
                assert [r.revision_count for r in list_reports(s)] == [1 + opened]
                oldest = report_log(s, list_reports(s)[0].id)[-1]
                assert oldest.id == first_id and oldest.number == 1
                assert first is None or oldest == first
                first = oldest
                assert verify(s).ok, verify(s).problems
            with store.transaction() as s:
                # the next revision of the same report joins it (the key was carried over)
                add(s, f"又一稿 {opened}\n", kind="部门整体支出", kind_class="department_overall")
        finally:
            store.close()


def test_models_mirror_the_migrated_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, SQLModel.metadata)
    tables = (*APPEND_ONLY_TABLES, "reuse_posting", "reuse_key", "reuse_indexed")
    ours = [d for d in diffs if any(t in repr(d) for t in tables)]
    assert ours == []


def test_a_store_from_a_newer_version_is_refused_clearly(store_url: str) -> None:
    open_store(store_url).close()
    tamper(store_url, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="unknown to this reportaudit"):
        open_store(store_url)


def test_missing_sqlite_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        open_store(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()
    nested = tmp_path / "a" / "b" / "store.db"
    open_store(nested).close()
    assert nested.exists()


def test_schema_head_constant_matches_the_migrations() -> None:
    """The fast path of open_store trusts SCHEMA_HEAD: it must be Alembic's real head."""
    from reportaudit.store.migrate import SCHEMA_HEAD, head_revision

    assert head_revision() == SCHEMA_HEAD
