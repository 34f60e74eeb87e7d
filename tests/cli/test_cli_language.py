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


def test_review_signoff_relabel_export_print_no_english_in_chinese(
    store: tuple[Path, str, str], tmp_path: Path
) -> None:
    """The audit verbs a reviewer runs after the scan: deciding, reading the history,
    signing, relabelling and exporting speak Chinese (times in Beijing time)."""
    path = store[0]
    finding = jcli(path, "findings", "--json")[0]["id"]
    who = {**ZH, "REPORTAUDIT_ACTOR": "张审计"}
    outputs = [
        cli(
            path,
            "review",
            finding,
            "--status",
            "confirmed",
            "--note",
            "已核实",
            check=True,
            extra_env=who,
        ),
        cli(path, "review", finding, check=True, extra_env=who),
        cli(
            path,
            "signoff",
            finding,
            "--role",
            "preparer",
            "--conclusion",
            "属实",
            check=True,
            extra_env=who,
        ),
        cli(path, "signoff", finding, check=True, extra_env=who),
        cli(path, "relabel", "1", "--year", "2022", check=True, extra_env=who),
        cli(path, "relabel", "1", "--year", "2023", check=True, extra_env=who),  # and back
    ]
    for fmt in ("html", "xlsx", "csv", "docx"):
        out = tmp_path / f"f.{fmt}"
        outputs.append(
            cli(path, "export", "findings", "-f", fmt, "-o", str(out), check=True, extra_env=who)
        )
    history = outputs[1].stdout
    assert "确认复制（1 个复核事件）" in history and "决定人" in history and "+08:00" in history
    for out in outputs:
        text = out.stdout + out.stderr
        assert text.strip()
        assert _untranslated(text) == [], text
    english = cli(path, "review", finding, check=True, extra_env=EN).stdout
    assert "(1 review event)" in english and "decided by" in english


def test_demo_prints_no_english_in_chinese(tmp_path: Path) -> None:
    """The first command a new user runs: import, reuse scan, checks, the revision diff and
    the audit trail line all in Chinese."""
    out = cli(
        tmp_path / "unused.db",
        "demo",
        "--demo-store",
        str(tmp_path / "demo.db"),
        check=True,
        extra_env=ZH,
    )
    text = out.stdout
    assert "已导入" in text and "份报告：" in text and "除年份外相同（2022→2023）" in text
    assert "（4 处）" in text and "章节：新增" in text and "审计轨迹：通过" in text
    said, _sep, typed = text.rpartition("下一步：")  # the commands to type next stay as typed
    assert typed.lstrip().startswith("reportaudit --store")
    assert _untranslated(said) == []
