"""Numbers on the corpus screen (issue 16): "not scanned yet" never shows while a stored
scan is being read, and once read the cells name what they count (总文字复制比)."""

from __future__ import annotations

from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.services.reuse import scan_store
from reportaudit.store import Store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.corpus import CorpusScreen


def test_no_not_scanned_flash_while_a_stored_scan_is_read(store: Store) -> None:
    scan_store(store, actor="scanner")
    seen: list[str] = []

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:

            def done() -> bool:
                seen.append(screen_text(app))
                screen = app.screen
                return isinstance(screen, CorpusScreen) and screen.reuse_read

            await wait_for(pilot, done)
            await pilot.pause()
            seen.append(screen_text(app))

    run(scenario)
    assert not any("not scanned yet" in frame for frame in seen)
    assert "总文字复制比" in seen[-1]
