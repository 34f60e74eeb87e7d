"""The main commands speak Chinese by default and English with --lang en / $REPORTAUDIT_LANG.

Runs the real command on our own reports (fixtures/reports, fixtures/reuse) and reads what a
person sees: in Chinese no English word may remain beyond ids, file names, format names and
what the user types (``untranslated.ALLOWED``); in English the same commands use the English
wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import cli, jcli
from untranslated import english_words

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ZH = {"REPORTAUDIT_LANG": "zh", "COLUMNS": "100"}
EN = {"REPORTAUDIT_LANG": "en", "COLUMNS": "100"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A store holding our reports, scanned; with what import and scan printed in Chinese."""
    path = tmp_path_factory.mktemp("lang") / "s.db"
    imported = cli(
        path,
        "import",
        str(FIXTURES / "reports"),
        str(FIXTURES / "reuse"),
        str(FIXTURES / "checks" / "planted_2023.txt"),
        check=True,
        extra_env=ZH,
    )
    scanned = cli(path, "scan", "--limit", "8", check=True, extra_env=ZH)
    return path, imported.stdout + imported.stderr, scanned.stdout


COMMANDS = [
    ("reports",),
    ("log", "青川县农业农村局 2023"),
    ("show", "1", "--sections"),
    ("verify",),
    ("findings", "--limit", "10"),
    ("check", "--all"),
    ("reuse", "--all"),
]


def _untranslated(text: str) -> list[str]:
    return sorted(set(english_words(text)))


def test_import_and_scan_print_chinese(store: tuple[Path, str, str]) -> None:
    _path, imported, scanned = store
    assert "已导入" in imported and "导入 21 份，已存在 0 份，失败 0 份" in imported
    assert "已扫描" in scanned
    assert _untranslated(imported) == []
    assert _untranslated(scanned) == []


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_main_commands_print_no_english_in_chinese(
    store: tuple[Path, str, str], args: tuple[str, ...]
) -> None:
    out = cli(store[0], *args, check=True, extra_env=ZH)
    text = out.stdout + out.stderr
    assert text.strip()
    assert _untranslated(text) == []


def test_english_on_request(store: tuple[Path, str, str]) -> None:
    path = store[0]
    assert cli(path, "verify", check=True, extra_env=EN).stdout.startswith("OK: ")
    assert cli(path, "--lang", "en", "verify", check=True, extra_env=ZH).stdout.startswith("OK: ")
    assert cli(path, "verify", check=True, extra_env=ZH).stdout.startswith("通过：")
    shown = cli(path, "show", "1", check=True, extra_env=EN).stdout
    assert "filed as" in shown and "归档为" not in shown
    found = cli(path, "findings", "--limit", "3", check=True, extra_env=EN).stdout
    assert "similarity" in found and "相似度" not in found
    again = cli(path, "import", str(FIXTURES / "reports"), check=True, extra_env=EN).stdout
    assert "0 imported," in again and "already stored" in again


def test_diff_prints_no_english_in_chinese(store: tuple[Path, str, str]) -> None:
    path = store[0]
    revisions = jcli(path, "log", "青川县农业农村局 2023")["revisions"]
    older, newer = sorted(str(r["id"]) for r in revisions)[:2]
    out = cli(path, "diff", older, newer, check=True, extra_env=ZH).stdout
    assert "章节：" in out and "数字变化" in out
    assert _untranslated(out) == []
    english = cli(path, "diff", older, newer, check=True, extra_env=EN).stdout
    assert "Sections: " in english and "Figure changes" in english
