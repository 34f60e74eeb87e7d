"""Start-up (issue 5: the first screen of a big store in under a second): the corpus shown
from a preview before the store is open, the store opened after the first paint, a store
that cannot be opened closing the app with the CLI's one-line error, the plain command
line run without typer, and nothing heavy imported before the first paint.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from tui_helpers import ACTOR, run, wait_for

from reportaudit.errors import StoreError
from reportaudit.store import Store, open_store, report_overview, sqlite_overview
from reportaudit.store.results import ReportSummary
from reportaudit.tui.app import ReportAuditApp, make_app
from reportaudit.tui.command import plain_options
from reportaudit.tui.data.corpus import arrange
from reportaudit.tui.dialogs.error import ErrorDialog
from reportaudit.tui.screens.corpus import CorpusScreen
from reportaudit.tui.widgets.matrix import CorpusMatrix


class Opener:
    """Opens the store at ``path`` when called, and counts the calls."""

    def __init__(self, path: Path) -> None:
        """Nothing opened yet."""
        self.path = path
        self.calls = 0

    def __call__(self) -> Store:
        """Open the store."""
        self.calls += 1
        return open_store(self.path)


def test_first_screen_from_the_preview_then_the_store_opens(store_path: Path) -> None:
    """The matrix holds the preview's reports before the store is opened; once painted,
    the store opens (once), the header names it and the detail pane fills."""
    opener = Opener(store_path)
    previewed: list[int] = []

    def preview() -> list[ReportSummary] | None:
        previewed.append(opener.calls)
        return sqlite_overview(store_path)

    async def scenario() -> None:
        app = make_app(opener, actor=ACTOR, preview=preview)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.corpus is not None)
            assert previewed == [0]  # read before the store was opened
            assert screen.corpus is not None and len(screen.corpus.reports) == 3
            await wait_for(pilot, lambda: screen.detail_current)
            assert opener.calls == 1
            assert str(store_path) in app.sub_title and ACTOR in app.sub_title
            screen.action_reload()  # a reload reads the open store, not the preview
            await pilot.pause(0.2)
            assert previewed == [0] and opener.calls == 1
        app.store.close()

    run(scenario)


def test_without_a_preview_the_corpus_comes_from_the_store(store_path: Path) -> None:
    """No preview (PostgreSQL, a new store): the corpus worker opens the store."""
    opener = Opener(store_path)

    async def scenario() -> None:
        app = make_app(opener, actor=ACTOR, preview=lambda: None)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.corpus is not None)
            assert screen.corpus is not None and len(screen.corpus.reports) == 3
            assert opener.calls == 1
        app.store.close()

    run(scenario)


def test_a_store_that_cannot_be_opened_closes_the_app() -> None:
    """The opening fails: no error dialog, the app exits with status 2 and the error."""

    def broken() -> Store:
        raise StoreError("cannot open store sqlite:///x.db: file is not a database")

    async def scenario() -> None:
        app = make_app(broken, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(
                pilot, lambda: app.open_error is not None and app._exit_renderables == []
            )
            await pilot.pause(0.1)
            assert not any(isinstance(s, ErrorDialog) for s in app.screen_stack)
        assert app.return_code == 2
        assert isinstance(app.open_error, StoreError)

    run(scenario)


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """``reportaudit tui`` runs its app headless (it can only end by itself here)."""
    original = ReportAuditApp.run

    def run_headless(self: ReportAuditApp, **kwargs: Any) -> Any:
        return original(self, headless=True, **kwargs)

    monkeypatch.setattr(ReportAuditApp, "run", run_headless)


@pytest.mark.parametrize(
    "argv",
    [
        ["tui", "--store", "{store}"],  # run directly
        ["--store", "{store}", "tui", "--actor", "a", "--actor", "b"],  # through typer
    ],
)
def test_tui_on_a_corrupt_store_is_a_one_line_error(
    argv: list[str],
    tmp_path: Path,
    headless: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As before the store was opened in a worker: one line on stderr, exit status 2."""
    from reportaudit.cli.main import run as cli_run

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database" * 100)
    monkeypatch.setattr(sys, "argv", ["reportaudit", *(a.format(store=corrupt) for a in argv)])
    with pytest.raises(SystemExit) as exit_info:
        cli_run()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: cannot open store") and "not a database" in err
    assert len(err.splitlines()) <= 2  # one line (the console may wrap it)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["tui"], (None, None)),
        (["tui", "--store", "a.db"], ("a.db", None)),
        (["-s", "g.db", "tui"], ("g.db", None)),
        (["--store", "g.db", "tui", "-s", "l.db"], ("l.db", None)),  # the command's wins
        (["tui", "--actor", "张三", "--store=x.db"], ("x.db", "张三")),
        (["tui", "--help"], None),
        (["--version"], None),
        (["reports"], None),
        (["tui", "--actor"], None),
        (["--actor", "a", "tui"], None),  # not a global option: typer says so
        (["tui", "-s=x.db"], None),
        (["tui", "--store", "a.db", "--store", "b.db"], None),
        (["tui", "--store", "--actor"], None),
        (["tui", "tui"], None),
    ],
)
def test_plain_command_lines(
    argv: list[str], expected: tuple[str | None, str | None] | None
) -> None:
    """Only plain ``tui`` command lines skip typer; everything else is typer's."""
    assert plain_options(argv) == expected


def test_nothing_heavy_is_imported_before_the_first_paint() -> None:
    """The command and the first screen import no database library, ORM, pydantic or
    numpy: they load after the first paint (~0.5 s of imports at start-up)."""
    code = (
        "import sys\n"
        "import reportaudit.cli.main, reportaudit.tui.command, reportaudit.tui.app\n"
        "from reportaudit.tui.command import plain_options\n"
        "assert plain_options(['tui']) == (None, None)\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'pydantic', 'numpy', 'alembic'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_matrix_fills_in_chunks_after_painting() -> None:
    """2,000 series: the first rows are painted (and said so) before the rest is added."""
    reports = [
        ReportSummary(
            i, f"单位{i:04d}", 2023, "部门整体", None, 1, i, datetime(2024, 1, 1, tzinfo=UTC)
        )
        for i in range(2000)
    ]
    matrix = CorpusMatrix()
    painted_at: list[int] = []

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield matrix

        def on_corpus_matrix_rows_painted(self) -> None:
            painted_at.append(matrix.row_count)

    async def scenario() -> None:
        app = One()
        async with app.run_test(size=(100, 30)) as pilot:
            matrix.show(arrange(reports), {})
            assert matrix.row_count < 2000
            await wait_for(pilot, lambda: matrix.filled)
            assert matrix.row_count == 2000
            assert painted_at and painted_at[0] < 2000

    run(scenario)


def test_overview_is_what_the_matrix_shows(store: Store) -> None:
    """The preview and the store's own overview agree on the test store."""
    assert sqlite_overview(store.url) == report_overview(store)
