"""The lazy command registry: the help it shows is each command's own, and start-up imports
nothing a command does not use (issue 16: ``--version``/``--help`` answer at once)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from reportaudit.cli.main import build_app
from reportaudit.cli.registry import COMMANDS, load_command


@pytest.mark.parametrize("entry", COMMANDS, ids=lambda c: c.name)
def test_registry_help_is_the_commands_own(entry) -> None:
    command = load_command(entry.module, entry.name)
    assert command is not None, entry
    first = " ".join((command.help or "").split("\n\n")[0].split())
    assert entry.help == first


_PROBE = """
import json, sys
sys.argv = ["reportaudit", *json.loads(sys.argv[1])]
from reportaudit.cli.main import run
try:
    run()
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def _imported(*args: str) -> set[str]:
    """The modules loaded by one fresh ``reportaudit ARGS`` run."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr))


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_no_command(args: tuple[str, ...]) -> None:
    names = _imported(*args)
    for heavy in ("sqlalchemy", "numpy", "reportaudit.store", "reportaudit.cli.store_cmds"):
        assert heavy not in names


def test_reports_imports_the_store_but_not_the_matcher() -> None:
    names = _imported("reports", "--help")
    assert "reportaudit.cli.store_cmds" in names
    assert "numpy" not in names and "reportaudit.matching" not in names
    assert "reportaudit.cli.reuse_cmd" not in names


def test_help_lists_every_command_and_an_unknown_one_fails() -> None:
    runner = CliRunner()
    res = runner.invoke(build_app(), ["--help"], env={"COLUMNS": "100"})
    assert res.exit_code == 0
    for entry in COMMANDS:
        assert f"  {entry.name} " in res.output
    assert "  tui " in res.output
    bad = runner.invoke(build_app(), ["nosuchcommand"])
    assert bad.exit_code == 2 and "No such command" in bad.output
