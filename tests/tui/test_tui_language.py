"""The corpus screen (the TUI's first screen) speaks Chinese by default.

Renders the real app with Pilot at 80×24 and 120×40 over our own reports and reads the
screen as a person would: the key bar, the status lines and the matrix header carry no
untranslated English word (``untranslated.ALLOWED``: ids, formats, what the user types).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import ACTOR, run, screen_text, wait_for
from untranslated import english_words

from reportaudit.store import open_store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.corpus import CorpusScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_corpus_screen_has_no_english_in_chinese(
    tmp_path: Path, frozen_template_store: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "store.db"
    shutil.copyfile(frozen_template_store, path)
    app = make_app(open_store(path), actor=ACTOR)
    seen: dict[str, str] = {}

    async def scenario() -> None:
        async with app.run_test(size=size) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.settled)
            await pilot.pause()
            seen["text"] = screen_text(app)

    run(scenario)
    lines = seen["text"].splitlines()
    body = "\n".join(lines[1:])  # the title bar names the store path
    body = body.replace("importer", "")  # the actor who imported (data, not wording)
    assert "帮助" in body and "退出" in body  # the key bar
    assert "份报告" in body  # the status line
    assert sorted(set(english_words(body))) == []


def test_corpus_status_in_english_on_request(
    tmp_path: Path, frozen_template_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With $REPORTAUDIT_LANG=en the status lines and the detail pane are English (the key
    bar too, when the TUI starts in that language: bindings are read at import)."""
    from reportaudit.i18n import set_language

    monkeypatch.setenv("REPORTAUDIT_LANG", "en")
    set_language(None)
    path = tmp_path / "store.db"
    shutil.copyfile(frozen_template_store, path)
    app = make_app(open_store(path), actor=ACTOR)
    seen: dict[str, str] = {}

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.settled)
            await pilot.pause()
            seen["text"] = screen_text(app)

    run(scenario)
    assert "3 reports · 4 revisions" in seen["text"]
    assert "份报告" not in seen["text"]


def _history_and_help(path: Path, size: tuple[int, int]) -> tuple[str, str, str]:
    """The history of the report with two revisions (青川县农业农村局 2023), then the help
    opened over it, and the diff of its two revisions, as a person sees them."""
    from reportaudit.tui.screens.diff import DiffScreen
    from reportaudit.tui.screens.help import HelpScreen
    from reportaudit.tui.screens.history import HistoryScreen

    store = open_store(path)
    with store.session() as s:
        from reportaudit.store import list_reports

        report = next(r for r in list_reports(s) if r.revision_count >= 2)
    app = make_app(store, actor=ACTOR)
    seen: dict[str, str] = {}

    async def scenario() -> None:
        async with app.run_test(size=size) as pilot:
            await app.push_screen(HistoryScreen(report.id))
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: len(history.revisions) == 2 and history.outline_current)
            await pilot.pause()
            seen["history"] = screen_text(app)
            await pilot.press("d")  # the newest revision against the one before it
            await wait_for(pilot, lambda: isinstance(app.screen, DiffScreen))
            diff = app.screen
            assert isinstance(diff, DiffScreen)
            await wait_for(pilot, lambda: diff.result is not None)
            await pilot.pause()
            seen["diff"] = screen_text(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is history)
            await pilot.press("question_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            await pilot.pause()
            seen["help"] = screen_text(app)

    run(scenario)
    return seen["history"], seen["diff"], seen["help"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_history_and_help_have_no_english_in_chinese(
    tmp_path: Path, frozen_template_store: Path, size: tuple[int, int]
) -> None:
    """The history (columns, title, hint, times in Beijing time) and the help screen over
    it (intro, this screen's keys, the keys that work everywhere) speak Chinese, and so does the
    diff of the two revisions (summary, change counter, section statuses, 前言)."""
    path = tmp_path / "store.db"
    shutil.copyfile(frozen_template_store, path)
    history, diff, help_text = _history_and_help(path, size)
    body = "\n".join(history.splitlines()[1:]).replace("importer", "")  # title bar, actor
    assert "修订" in body and "导入时间" in body and "个修订，最新在前" in body
    assert "2024-03-01 17:0" in body and "UTC" not in body  # 09:0x UTC in Beijing time
    assert sorted(set(english_words(body))) == []
    body = "\n".join(diff.splitlines()[1:])
    assert "处修改" in body
    assert sorted(set(english_words(body))) == []
    body = "\n".join(help_text.splitlines()[1:])
    assert "修订历史界面" in body and "保存每份自评报告" in body
    assert sorted(set(english_words(body))) == []


def test_history_and_help_in_english_on_request(
    tmp_path: Path, frozen_template_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportaudit.i18n import set_language

    monkeypatch.setenv("REPORTAUDIT_LANG", "en")
    set_language(None)
    path = tmp_path / "store.db"
    shutil.copyfile(frozen_template_store, path)
    history, diff, help_text = _history_and_help(path, (120, 40))
    assert "2 revisions, newest first" in history and "Imported" in history
    assert "History screen" in help_text and "Everywhere" in help_text
    assert "修订" not in history and "界面" not in help_text
    assert "changes" in diff and "处修改" not in diff
