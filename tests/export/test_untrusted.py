"""The one sanitiser (``reportaudit.untrusted``): each output's rule on hostile strings."""

from __future__ import annotations

import json

from rich.console import Console

from reportaudit.untrusted import (
    csv_cell,
    html_text,
    json_dumps,
    markup,
    one_line,
    terminal,
    visible,
    xlsx_text,
)

HOSTILE = "a\x1b[5m[blink]b[/blink]\u202ec\nd\te\x07\x85"


def test_visible_is_one_for_one_and_keeps_lines() -> None:
    shown = visible(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "␛[5m" in shown and "\n" in shown and "\t" in shown


def test_one_line_shows_newlines_and_tabs() -> None:
    assert one_line("x\ny\tz") == "x␊y␉z"


def test_markup_is_escaped_for_rich() -> None:
    console = Console(force_terminal=True, color_system="standard", width=200, highlight=False)
    with console.capture() as cap:
        console.print(f"[green]{markup(HOSTILE)}[/green]")
    out = cap.get()
    assert "[blink]" in out and "\x1b[5m" not in out
    assert markup("x" * 50, limit=10) == "x" * 9 + "…"


def test_terminal_text_prints_markup_literally() -> None:
    console = Console(force_terminal=True, color_system="standard", width=200, highlight=False)
    with console.capture() as cap:
        console.print(terminal(HOSTILE))
    assert "[blink]b[/blink]" in cap.get() and "\x1b[5m" not in cap.get()


def test_html_csv_xlsx() -> None:
    assert html_text("<b>\u202e") == "&lt;b&gt;\ufffd"
    assert csv_cell("=1\x1b") == "'=1␛"
    assert "\x1b" not in xlsx_text(HOSTILE)


def test_json_is_exact_and_printable() -> None:
    out = json_dumps({"x": HOSTILE})
    assert "\u202e" not in out and "\x1b" not in out and "\x85" not in out
    assert json.loads(out) == {"x": HOSTILE}
