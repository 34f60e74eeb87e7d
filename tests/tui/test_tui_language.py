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
