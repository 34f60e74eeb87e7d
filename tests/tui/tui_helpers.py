"""Helpers for driving the app headless: run a scenario, wait for workers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from textual.pilot import Pilot

ACTOR = "tester"


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run an async Pilot scenario from a plain pytest test (no asyncio plugin needed)."""
    asyncio.run(scenario())


async def wait_for(pilot: Pilot[Any], condition: Callable[[], object], tries: int = 500) -> None:
    """Let workers finish: pause until ``condition()`` is truthy (fails after ~10 s)."""
    for _ in range(tries):
        await pilot.pause(0.02)
        if condition():
            return
    raise AssertionError("condition never held")


async def settle(pilot: Pilot[Any], step: Callable[[], Awaitable[None]] | None = None) -> None:
    """Run an optional step and let the screen refresh."""
    if step is not None:
        await step()
    await pilot.pause()


def screen_text(app: Any) -> str:
    """The current screen as plain text (what an SVG screenshot would show, minus colour)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


class FrozenClock:
    """A clock for deterministic imports: each call is one minute after the previous."""

    def __init__(self) -> None:
        """Start on 2024-03-01 09:00 UTC."""
        from datetime import UTC, datetime

        self.now = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> Any:
        """The next minute."""
        from datetime import timedelta

        self.now += timedelta(minutes=1)
        return self.now


def freeze_store_clock(setattr_: Callable[[Any, str, Any], None]) -> None:
    """Make import and audit-event times deterministic (for snapshots and screenshots).

    ``setattr_`` is ``monkeypatch.setattr`` in tests, plain ``setattr`` in scripts.
    """
    import importlib

    events = importlib.import_module("reportaudit.store.events")
    revisions = importlib.import_module("reportaudit.store.bulk")

    clock = FrozenClock()
    setattr_(revisions, "utcnow", clock)
    setattr_(events, "utcnow", clock)
