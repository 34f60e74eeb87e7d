"""The `reportaudit` command end to end: real processes, a real SQLite store in tmp_path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_helpers import cli, jcli

R1 = """青川县林业和草原局
2023年度部门整体支出绩效自评报告
一、部门基本情况
（一）主要职能
负责全县森林资源保护、国土绿化和草原监督管理工作。
二、部门决算情况
2023年度部门预算收入512.6万元，实际支出498.2万元，执行率97.19%。
三、偏离绩效目标的原因及下一步改进措施
1.原因分析：部分造林地块受春季干旱影响，补植工作延后。
2.改进措施：提前储备苗木，合理安排造林时段。
"""
R2 = R1.replace("498.2万元", "505.0万元").replace("97.19%", "98.52%")
OTHER = """白河县水务局
2022年度项目支出绩效自评报告
一、项目概况
农村饮水安全巩固提升工程，年度预算86万元。
二、绩效目标完成情况
完成管网改造12公里，受益人口3400人。
"""
HOSTILE = """白河县水务局
2023年度项目支出绩效自评报告
一、项目概况
这一段含有[bold]标记[/bold]和[link=http://example.com]链接[/link]，以及\x1b[31m转义\x1b[0m字符。
"""


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder with three small reports (two revisions of one report, one other)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "forest_2023_a.txt").write_text(R1, encoding="utf-8")
    (folder / "water_2022.txt").write_bytes(OTHER.encode("gb18030"))
    return folder


def test_import_list_log_show(tmp_path: Path, reports: Path) -> None:
    store = tmp_path / "s.db"
    out = cli(store, "import", str(reports), check=True)
    assert "2 imported" in out.stdout
    listed = jcli(store, "reports")
    assert {(r["unit"], r["year"], r["kind"]) for r in listed} == {
        ("青川县林业和草原局", 2023, "部门整体支出绩效自评报告"),
        ("白河县水务局", 2022, "项目支出绩效自评报告"),
    }
    assert {r["region"] for r in listed} == {"青川县", "白河县"}
    # a new revision of the forest report
    (tmp_path / "forest_2023_b.txt").write_text(R2, encoding="utf-8")
    cli(store, "import", str(tmp_path / "forest_2023_b.txt"), "--note", "退回修改后", check=True)
    log = jcli(store, "log", "林业 2023")
    revs = log["revisions"]
    assert [r["filename"] for r in revs] == ["forest_2023_b.txt", "forest_2023_a.txt"]
    assert revs[0]["parent"] == revs[1]["id"] and revs[0]["note"] == "退回修改后"
    assert revs[0]["actor"] == "审计员甲"
    shown = jcli(store, "show", str(revs[1]["id"]), "--sections", "--text")
    assert shown["text"] == R1.rstrip("\n") or shown["text"].startswith(R1[:20])
    titles = [s["title"] for s in shown["sections"]]
    assert "偏离绩效目标的原因及下一步改进措施" in titles
    dev = next(s for s in shown["sections"] if s["title"].startswith("偏离"))
    assert dev["type"] == "deviation" and dev["path"] == ["三"]
    water = jcli(store, "show", "水务局@latest", "--text")
    assert "农村饮水安全" in water["text"] and water["encoding"] in {"gb18030", "gbk"}


def test_reimport_is_a_noop(tmp_path: Path, reports: Path) -> None:
    store = tmp_path / "s.db"
    cli(store, "import", str(reports), check=True)
    before = jcli(store, "verify")["events_checked"]
    again = cli(store, "import", str(reports), check=True)
    assert "0 imported, 2 already stored" in again.stdout
    assert jcli(store, "verify")["events_checked"] == before


def test_bad_files_fail_alone_and_exit_nonzero(tmp_path: Path, reports: Path) -> None:
    store = tmp_path / "s.db"
    (reports / "empty.txt").write_bytes(b"")
    (reports / "junk.docx").write_bytes(b"PK\x03\x04 not really a zip")
    proc = cli(store, "import", str(reports))
    assert proc.returncode == 1
    assert "2 imported" in proc.stdout
    errors = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert any("empty.txt" in ln for ln in errors)
    assert any("junk.docx" in ln for ln in errors)
    assert len(jcli(store, "reports")) == 2


def test_a_report_that_names_nothing_is_stored_and_listed_for_a_look(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    bare = tmp_path / "bare.txt"
    bare.write_text("一、基本情况\n本单位负责辖区内道路养护。\n", encoding="utf-8")
    proc = cli(store, "import", str(bare), check=True)
    assert "1 need a look" in proc.stdout
    [row] = jcli(store, "reports", "--uncertain")
    assert (row["unit"], row["year"]) == ("未知单位", None)
    assert set(row["uncertain"]) == {"unit", "year"}
    assert row["sources"]["unit"]["source"] == "default"
    # an override is certain: a second file with --unit/--year is keyed normally
    other = tmp_path / "other.txt"
    other.write_text("一、基本情况\n本镇负责辖区内道路养护。\n", encoding="utf-8")
    cli(store, "import", str(other), "--unit", "石门镇人民政府", "--year", "2022", check=True)
    rows = {r["unit"]: r for r in jcli(store, "reports")}
    assert rows["石门镇人民政府"]["uncertain"] == [] and rows["石门镇人民政府"]["year"] == 2022


def test_as_of_gives_the_revision_current_then(tmp_path: Path, reports: Path) -> None:
    store = tmp_path / "s.db"
    cli(store, "import", str(reports), check=True)
    early = cli(store, "show", "林业", "--as-of", "2001-01-01")
    assert early.returncode == 2 and "no revision" in early.stderr
    now = jcli(store, "show", "林业", "--as-of", "2100-01-01")
    assert now["filename"] == "forest_2023_a.txt"


def test_verify_catches_tampering_behind_the_tools_back(tmp_path: Path, reports: Path) -> None:
    store = tmp_path / "s.db"
    cli(store, "import", str(reports), check=True)
    assert cli(store, "verify").returncode == 0
    con = sqlite3.connect(store)
    triggers = [r[0] for r in con.execute("select name from sqlite_master where type='trigger'")]
    for name in triggers:
        con.execute(f'drop trigger "{name}"')
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    event_table = next(t for t in tables if "event" in t)
    con.execute(f"update {event_table} set actor = '别人' where seq = 1")
    con.commit()
    con.close()
    proc = cli(store, "verify")
    assert proc.returncode == 1
    assert "event 1" in proc.stderr


def test_untrusted_text_is_printed_literally(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    cli(store, "import", str(path), check=True)
    out = cli(store, "show", "水务局@latest", "--text", check=True).stdout
    assert "[bold]标记[/bold]" in out and "[link=http://example.com]" in out
    assert "\x1b" not in out


def test_help_and_unknown_store(tmp_path: Path) -> None:
    proc = cli(tmp_path / "none.db", "--help", check=True)
    for command in ("import", "reports", "log", "show", "verify", "demo"):
        assert command in proc.stdout
    missing = cli(tmp_path / "none.db", "reports")
    assert missing.returncode == 0  # an empty store is created on first use
    absent = cli(tmp_path / "nope.db", "log", "x")
    assert absent.returncode == 2 and "no store" in absent.stderr


def test_extraction_warnings_are_shown_not_stored_as_notes(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("qingchuan_water_2022.pdf", "songxi_town_2022_gbk.txt"):
        (folder / name).write_bytes((fixtures / name).read_bytes())
    proc = cli(tmp_path / "s.db", "import", str(folder), check=True)
    assert "page header/footer" in proc.stderr  # the PDF's extraction note is shown
    for report in ("水利局", "松溪镇"):
        revs = jcli(tmp_path / "s.db", "log", report)["revisions"]
        assert revs[0]["note"] is None


def test_relabel_from_the_command_line_and_everything_follows(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    first = tmp_path / "一稿.txt"
    first.write_text(
        "石门镇人民政府\n2022年度部门整体支出绩效自评报告\n一、基本情况\n本镇负责道路养护。\n",
        encoding="utf-8",
    )
    unnamed = tmp_path / "扫描件.txt"
    unnamed.write_text("一、基本情况\n本镇负责道路养护，全年完成养护任务。\n", encoding="utf-8")
    cli(store, "import", str(first), str(unnamed), check=True)
    [doubtful] = jcli(store, "reports", "--uncertain")
    rev = doubtful["latest_revision"]
    shown = jcli(store, "show", str(rev))
    assert shown["sources"]["unit"] == {
        "value": "未知单位",
        "source": "default",
        "certain": False,
        "note": "no unit is named",
    }
    out = cli(
        store,
        "relabel",
        str(rev),
        "--unit",
        "石门镇人民政府",
        "--year",
        "2022",
        "--kind",
        "部门整体支出绩效自评报告",
        "--note",
        "封面写明",
        check=True,
    )
    assert "revision #2 of 2" in out.stdout
    assert jcli(store, "reports", "--uncertain") == []
    log = jcli(store, "log", "石门镇 2022")
    assert next(r["id"] for r in log["revisions"]) == rev
    shown = jcli(store, "show", "石门镇 2022@latest")
    assert shown["id"] == rev and shown["relabels"][0]["note"] == "封面写明"
    assert cli(store, "verify").returncode == 0
    cli(store, "scan", check=True)  # scans and checks read the revision where it is filed now
    nothing = cli(store, "relabel", str(rev))
    assert nothing.returncode == 2 and "say what to change" in nothing.stderr
