"""Hostile names and text through every command and export (issue 14).

A unit name (``--unit``), a file name, an actor and a note carry U+202E (right-to-left
override), raw ESC sequences, Rich markup and a newline. Whatever the output — CLI tables,
one-line messages, JSON, HTML, CSV, xlsx, the diff renderers and the live import progress
bar on a real terminal (tmux) — none of them may reach it raw: bidi and control characters
are shown as visible symbols, markup is printed literally, JSON keeps the exact value.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from cli_helpers import cli

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"

RLO = "\u202e"
UNIT = f"河湾{RLO}局txt.exe\x1b[5m[blink]闪[/blink]"
ACTOR = "mallory\x1b]0;pwned\x07\x1b[2J"
NOTE = "备注\u2066[bold]粗[/bold]\x1b[31m红"
NAMES = (
    f"a[blink]x{RLO}fdp.txt",
    "b\x1b[31mred\nsecond line.txt",
    "c=cmd|calc.txt",
)
SOURCES = ("hewan_eco_2021.txt", "hewan_eco_2022.txt", "hewan_eco_2023.txt")


def _raw_free(text: str, where: str) -> None:
    """No ESC, no bidi control, no other C0 control besides newline/tab/CR reached ``where``."""
    bad = [c for c in text if c in "\x1b\u202e\u2066\x07" or ("\x00" <= c < "\x09")]
    assert not bad, f"{where}: raw {sorted(set(map(repr, bad)))}"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store whose three revisions have hostile file names, unit, actor and note."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    folder.mkdir()
    for name, src in zip(NAMES, SOURCES, strict=True):
        (folder / name).write_bytes((FIX / src).read_bytes())
    store = root / "h.db"
    env = {"REPORTAUDIT_ACTOR": ACTOR}
    done = cli(store, "import", str(folder), "--unit", UNIT, "--note", NOTE, extra_env=env)
    assert done.returncode == 0, done.stderr
    _raw_free(done.stdout + done.stderr, "import")
    assert "\n" not in done.stdout.split("revision")[0]  # a newline in a name is shown
    assert "␊second line" in done.stdout
    scan = cli(store, "scan", extra_env=env)
    assert scan.returncode == 0, scan.stderr
    return store, root


COMMANDS = (
    ("reports",),
    ("log", "1"),
    ("show", "1", "--sections", "--text"),
    ("findings",),
    ("reuse", "--all"),
    ("reuse", "1", "--sections"),
    ("check", "--all"),
    ("search", "生态环境"),
    ("diff", "1", "2"),
    ("diff", "1", "2", "--side-by-side"),
    ("verify",),
)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_terminal_outputs_show_hostile_strings_inert(
    hostile_store: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    store, _ = hostile_store
    out = cli(store, *args)
    assert out.returncode == 0, out.stderr
    _raw_free(out.stdout + out.stderr, " ".join(args))


def test_log_shows_hostile_names_visibly(hostile_store: tuple[Path, Path]) -> None:
    store, _ = hostile_store
    out = cli(store, "show", "1").stdout
    assert "[blink]闪[/blink]" in out  # markup printed literally
    assert "␛[5m" in out and "\ufffd" in out  # ESC and U+202E made visible


@pytest.mark.parametrize("args", [a for a in COMMANDS if a[0] != "diff"] + [("show", "1")])
def test_json_outputs_are_exact_and_safe(
    hostile_store: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    store, _ = hostile_store
    out = cli(store, *args, "--json")
    assert out.returncode == 0, out.stderr
    _raw_free(out.stdout, "json " + " ".join(args))
    json.loads(out.stdout)


def test_json_keeps_the_exact_value(hostile_store: tuple[Path, Path]) -> None:
    store, _ = hostile_store
    data = json.loads(cli(store, "show", "1", "--json").stdout)
    assert data["unit"] == UNIT and data["actor"] == ACTOR and data["note"] == NOTE
    assert data["filename"] == NAMES[0]


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "xlsx"])
def test_exports_hold_no_raw_controls(hostile_store: tuple[Path, Path], fmt: str) -> None:
    store, root = hostile_store
    target = root / f"paper.{fmt}"
    done = cli(store, "export", "findings", "-o", str(target))
    assert done.returncode == 0, done.stderr
    _raw_free(done.stdout + done.stderr, f"export {fmt}")
    if fmt == "xlsx":
        with zipfile.ZipFile(target) as z:
            text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    else:
        text = target.read_bytes().decode("utf-8-sig")
    _raw_free(text, f"{fmt} file")
    if fmt == "html":
        assert "<blink>" not in text
    if fmt == "csv":
        assert "\n=" not in text and ",=" not in text


def test_report_export_and_diff_files(hostile_store: tuple[Path, Path]) -> None:
    store, root = hostile_store
    for args, target in (
        (("export", "report", "1"), root / "r1.html"),
        (("diff", "1", "2", "--format", "html"), root / "d.html"),
        (("diff", "1", "2", "--format", "json"), root / "d.json"),
    ):
        done = cli(store, *args, "-o", str(target))
        assert done.returncode == 0, done.stderr
        _raw_free(target.read_text("utf-8"), str(target.name))


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_import_progress_bar_on_a_real_terminal(tmp_path: Path) -> None:
    """The live progress bar draws file names on a terminal: everything the terminal
    received (recorded by tmux pipe-pane, escapes included) holds the name inert."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate((*NAMES, f"d\x1b]0;title\x07{RLO}x.txt")):
        (folder / name).write_bytes((FIX / SOURCES[i % 3]).read_bytes() + f"\n{i}".encode())
    log = tmp_path / "pane.log"
    done = tmp_path / "done"
    session = f"ra-hostile-{os.getpid()}"
    env = f"REPORTAUDIT_STORE={shlex.quote(str(tmp_path / 's.db'))} REPORTAUDIT_ACTOR=t REPORTAUDIT_LANG=en"
    script = tmp_path / "run.sh"
    script.write_text(
        f"{env} {shlex.quote(sys.executable)} -m reportaudit import {shlex.quote(str(folder))}"
        f" --unit {shlex.quote(UNIT)}\ntouch {shlex.quote(str(done))}\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "30"], check=True
    )
    try:
        subprocess.run(
            ["tmux", "pipe-pane", "-o", "-t", session, f"cat >> {shlex.quote(str(log))}"],
            check=True,
        )
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", f"sh {script}"], check=True)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        deadline = time.monotonic() + 90
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), "the import did not finish in 90 s"
        time.sleep(0.5)
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-e", "-t", session],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    raw = log.read_bytes().decode("utf-8", "replace")
    # what the program wrote (after the shell's echo of the typed command)
    wrote = raw.split("run.sh", 1)[1]
    assert "importing" in wrote  # the bar was drawn
    assert "a[blink]x" in wrote  # with a hostile name in it, literally
    assert "\x1b[5m" not in wrote  # [blink] was never rendered as markup
    assert "\x1b]0;" not in wrote and RLO not in wrote  # no title change, no bidi override
    assert "4 imported" in screen
