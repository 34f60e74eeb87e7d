"""Opening stores: URL resolution, no engine at import time, the PostgreSQL skip/fail rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportaudit.errors import StoreError
from reportaudit.store import open_store, resolve_url
from reportaudit.store.testing import PG_ENV, require_pg

ROOT = Path(__file__).resolve().parents[2]


def test_url_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORTAUDIT_STORE", raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / 'reportaudit.db'}"
    monkeypatch.setenv("REPORTAUDIT_STORE", "sub/env.db")
    assert resolve_url() == f"sqlite:///{tmp_path / 'sub' / 'env.db'}"
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("plain.db") == f"sqlite:///{tmp_path / 'plain.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(":memory:") == "sqlite://"


def test_default_store_is_created_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORTAUDIT_STORE", raising=False)
    with open_store() as store:
        assert store.dialect == "sqlite"
    assert (tmp_path / "reportaudit.db").is_file()


def test_unsupported_or_unreachable_databases_raise_store_error() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://u@h/db")
    with pytest.raises(StoreError, match="cannot open store"):
        open_store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_password_is_hidden_in_display_url(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        assert "s.db" in store.display_url
    from reportaudit.store.engine import Store, make_engine

    pg = Store(
        url="postgresql+psycopg://u:topsecret@h/db", engine=make_engine("postgresql://u@h/db")
    )
    assert "topsecret" not in pg.display_url


def test_importing_the_store_creates_no_engine() -> None:
    code = (
        "import sqlalchemy, sqlalchemy.engine.create as c\n"
        "calls = []\n"
        "real = c.create_engine\n"
        "def spy(*a, **k):\n"
        "    calls.append(a)\n"
        "    return real(*a, **k)\n"
        "sqlalchemy.create_engine = c.create_engine = spy\n"
        "import reportaudit.store, reportaudit.store.models, reportaudit.store.migrate\n"
        "import reportaudit.store.verify, reportaudit.store.testing\n"
        "assert calls == [], calls\n"
        "reportaudit.store.open_store(':memory:').close()\n"
        "assert len(calls) == 1, calls\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def _run_pg_test(env_changes: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    """Run one postgres-parametrised store test in a child pytest with ``env_changes``."""
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    target = "tests/store/test_import.py::test_naive_times_are_refused[postgres]"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider", target],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_require_pg_skips_with_a_clear_reason_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(PG_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="REPORTAUDIT_TEST_PG_URL is not set"):
        require_pg()
    monkeypatch.setenv(PG_ENV, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(pytest.skip.Exception, match="unreachable"):
        require_pg()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true requires PostgreSQL"):
        require_pg()


def test_postgres_store_tests_fail_under_ci_without_a_server() -> None:
    """End to end: the real fixture, in a child pytest, with CI=true and no server."""
    ci = _run_pg_test({"REPORTAUDIT_TEST_PG_URL": None, "CI": "true"})
    assert ci.returncode != 0 and "1 error" in ci.stdout  # failed in fixture set-up
    assert "CI=true requires PostgreSQL" in ci.stdout


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes("这不是数据库".encode() * 200)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(bogus)


def test_one_store_serves_several_threads(tmp_path: Path) -> None:
    """The TUI reads from worker threads while the main thread writes."""
    from concurrent.futures import ThreadPoolExecutor

    from store_helpers import add

    from reportaudit.store import list_reports, verify

    with open_store(tmp_path / "threads.db") as store:

        def work(n: int) -> int:
            """Import one file, then read and verify, from a worker thread."""
            with store.transaction() as s:
                add(s, f"第{n}稿\n", unit=f"单位{n % 3}")
            with store.session() as s:
                assert verify(s).ok
                return len(list_reports(s))

        with ThreadPoolExecutor(max_workers=4) as pool:
            seen = list(pool.map(work, range(12)))
        assert max(seen) == 3
        with store.session() as s:
            assert sum(r.revision_count for r in list_reports(s)) == 12
