"""The reuse index is part of the import's promise (issue 14).

A revision stored by an import that died before writing its fingerprints keeps a durable
"to index" mark; the next import, scan or ``scan --new`` indexes it first and says so, so a
paragraph copied from it is found. ``verify`` names a revision neither indexed nor marked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import cli

from reportaudit.services.importing import import_file
from reportaudit.store import open_store
from reportaudit.store.reuse import pending_revisions, unindexed_unmarked


@pytest.fixture(autouse=True, scope="module")
def _english() -> Iterator[None]:
    """These tests read the commands' English wording (Chinese is the default; the Chinese
    output is checked in tests/cli/test_cli_language.py)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORTAUDIT_LANG", "en")
        yield


COPIED = "由于乡镇卫生院设备招标两次流标，心电监测终端直到十一月底才完成安装调试，相关绩效指标未能按期完成。"


def _report(folder: Path, name: str, unit: str, body: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(
        f"{unit}2022年度部门整体支出绩效自评报告\n一、基本情况\n{unit}负责本地区公共卫生服务。\n"
        f"二、偏离绩效目标的原因及下一步改进措施\n{body}\n",
        "utf-8",
    )
    return path


@pytest.fixture
def crashed(tmp_path: Path) -> tuple[Path, Path]:
    """Two revisions stored with no fingerprints written (as after kill -9 between the
    import's transaction and its index batch): the source and a new report copying it."""
    folder = tmp_path / "in"
    folder.mkdir()
    store_path = tmp_path / "s.db"
    store = open_store(store_path)
    a = _report(folder, "a", "青川县卫生健康局", COPIED + "下一步将加强采购计划管理。")
    b = _report(folder, "b", "河湾市卫生健康局", "本年度项目推进总体顺利。" + COPIED)
    for path in (a, b):
        assert import_file(store, path, actor="t").status == "imported"  # no indexer
    with store.session() as s:
        assert pending_revisions(s) == [1, 2]
    store.close()
    return store_path, folder


def test_scan_new_indexes_marked_revisions_first_and_finds_the_copy(
    crashed: tuple[Path, Path],
) -> None:
    store_path, _ = crashed
    done = cli(store_path, "scan", "--new", "2", "--json")
    assert done.returncode == 0, done.stderr
    assert "indexed 2 revision(s) for reuse first" in done.stderr
    assert '"revision": "1"' in done.stdout  # the copy's source was found
    store = open_store(store_path)
    with store.session() as s:
        assert pending_revisions(s) == []
    assert cli(store_path, "verify").returncode == 0


def test_next_import_completes_the_index(crashed: tuple[Path, Path], tmp_path: Path) -> None:
    store_path, folder = crashed
    c = _report(folder, "c", "云岭区卫生健康局", "云岭区全年完成体检两万人次。")
    done = cli(store_path, "import", str(c))
    assert done.returncode == 0, done.stderr
    assert "indexed 2 stored revision(s) for reuse first" in done.stderr
    store = open_store(store_path)
    with store.session() as s:
        assert pending_revisions(s) == [] and unindexed_unmarked(s) == []


def test_verify_names_a_revision_neither_indexed_nor_marked(crashed: tuple[Path, Path]) -> None:
    store_path, _ = crashed
    with sqlite3.connect(store_path) as db:  # what an older version's crash left behind
        db.execute("DELETE FROM reuse_pending WHERE revision_id = 2")
    done = cli(store_path, "verify")
    assert done.returncode == 1
    assert "revision 2: missing from the reuse index and not marked to be indexed" in done.stderr
