"""The README screenshots render in a browser (issue 16): every text run's ``textLength`` is
its width in terminal cells, so Chinese (two cells a character) is not squeezed."""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "make_screenshots.py"


def _cell_lengths() -> Callable[[str], str]:
    spec = importlib.util.spec_from_file_location("make_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fix: Callable[[str], str] = module.cell_lengths
    return fix


def _runs(svg: str) -> list[tuple[float, str]]:
    return [
        (float(length), html.unescape(text))
        for length, text in re.findall(r'textLength="([0-9.]+)"[^>]*>([^<]*)</text>', svg)
    ]


def test_text_lengths_count_cells() -> None:
    console = Console(record=True, width=60, file=open("/dev/null", "w"))  # noqa: SIM115
    line = Text("abc ")
    line.append("松溪县林业局 2022年度", style="bold")
    line.append(" 95.49%", style="red")
    console.print(line)
    raw = console.export_svg()
    cjk_before = [(n, t) for n, t in _runs(raw) if cell_len(t) != len(t)]
    assert cjk_before  # Rich counts characters: the Chinese run is too short
    fixed = _cell_lengths()(raw)
    runs = _runs(fixed)
    cell = next(n / len(t) for n, t in runs if t == "abc" or t.startswith("abc"))
    for length, text in runs:
        assert abs(length - cell * cell_len(text)) < 0.05, text
    assert len(runs) == len(_runs(raw))


def test_the_checked_in_screenshots_are_measured_in_cells() -> None:
    folder = SCRIPT.parent
    for svg in sorted(folder.glob("*.svg")):
        runs = _runs(svg.read_text(encoding="utf-8"))
        ascii_runs = [(n, t) for n, t in runs if t and cell_len(t) == len(t)]
        cell = min(n / len(t) for n, t in ascii_runs)
        for length, text in runs:
            assert abs(length - cell * cell_len(text)) < 0.05, (svg.name, text)
