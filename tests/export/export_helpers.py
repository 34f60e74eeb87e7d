"""Helpers for the export tests: a CLI app holding our commands, and reading exports back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from lxml import html as lxml_html
from typer.testing import CliRunner

from reportaudit.cli import (
    check_cmd,
    diff_cmd,
    export_cmd,
    ratios_cmd,
    reuse_cmd,
    review_cmd,
    signoff_cmd,
)
from reportaudit.cli.context import AppState
from reportaudit.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
HOSTILE = FIXTURES / "hostile" / "hostile.txt"
HOSTILE_UNIT = "河湾市市场监督管理局"
COPY_UNIT = "青川县市场监督管理局"


def make_app() -> typer.Typer:
    """A ``reportaudit`` app with the commands these tests drive (the lead wires the real
    one); ``verify-export`` stands in for ``verify --export``."""
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.callback()
    def main(
        ctx: typer.Context,
        store: Annotated[str | None, typer.Option("--store", "-s")] = None,
        lang: Annotated[str | None, typer.Option("--lang", envvar="REPORTAUDIT_LANG")] = None,
    ) -> None:
        """Pick the store and the language, as cli/main.py does."""
        set_language(lang)
        state = AppState(store_url=store)
        ctx.obj = state
        ctx.call_on_close(state.close)

    for module in (reuse_cmd, ratios_cmd, check_cmd, export_cmd, review_cmd, signoff_cmd, diff_cmd):
        module.register(app)
    app.command("verify-export")(export_cmd.verify_export_cmd)
    return app


APP = make_app()


def run(store: Path, *args: str, code: int = 0, actor: str = "审计员甲", lang: str = "zh") -> str:
    """Run one command in-process against ``store`` as ``actor`` in ``lang``; assert its exit
    code; return stdout."""
    result = CliRunner().invoke(
        APP,
        ["--store", str(store), "--lang", lang, *args],
        env={"REPORTAUDIT_ACTOR": actor, "COLUMNS": "250", "REPORTAUDIT_TZ": "Asia/Shanghai"},
    )
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result.output


def findings_json(store: Path) -> list[dict[str, Any]]:
    """What ``findings --kind reuse --json`` prints for ``store`` (the reuse findings)."""
    out: list[dict[str, Any]] = json.loads(run(store, "findings", "--kind", "reuse", "--json"))
    return out


def check_json(store: Path) -> list[dict[str, Any]]:
    """What ``check --all --stored --json`` prints for ``store``."""
    out: list[dict[str, Any]] = json.loads(run(store, "check", "--all", "--stored", "--json"))
    return out


def parse_html(path: Path) -> Any:
    """The exported HTML parsed by lxml (a real HTML parser, as a browser would)."""
    return lxml_html.fromstring(path.read_bytes())
