"""``export findings`` in every format, read back and compared with what the store holds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from export_helpers import check_json, findings_json, parse_html, run
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from reportaudit.services.ratios import report_ratios
from reportaudit.store import events, head_hash, open_store


def _reuse_all(store: Path) -> dict[str, Any]:
    """What ``reportaudit reuse --all --json`` prints, by revision."""
    return {x["revision"]: x for x in json.loads(run(store, "reuse", "--all", "--json"))}


def _head(store: Path) -> str | None:
    """The audit-trail head hash of ``store`` now."""
    with open_store(store).session() as s:
        return head_hash(s)


def _export_events(store: Path) -> list[dict[str, object]]:
    """The details of every export event in ``store``."""
    with open_store(store).session() as s:
        return [e.details for e in events(s, action="export")]


def test_xlsx_has_every_finding_marked_summary_numbers_and_footer(
    store_path: Path, tmp_path: Path
) -> None:
    """Findings sheet: one row per reuse and check finding, marks as red rich text, frozen
    header and filter; Summary: the 复制比 of ``reuse --all``; Sections: per heading and
    type; About: the head hash at export."""
    reuse, checks = findings_json(store_path), check_json(store_path)
    assert reuse and checks
    head = _head(store_path)
    out = tmp_path / "paper.xlsx"
    run(store_path, "export", "findings", "--format", "xlsx", "-o", str(out))

    wb = load_workbook(out, rich_text=True)
    assert wb.sheetnames == ["底稿", "汇总", "分章节复制比", "发现事项", "Stamp"]
    assert wb["Stamp"].sheet_state == "hidden"
    ws = wb["发现事项"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:Q{len(reuse) + len(checks) + 1}"
    assert ws.column_dimensions["J"].width == 42  # the passages are the widest columns
    # printed: A4 landscape, one page wide, header row repeated, 页次 in the footer
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    header = [c.value for c in ws[1]]
    assert header[:4] == ["序号", "索引号", "类型", "严重度"]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    ids = {r["索引号"].split("-", 1)[1] for r in rows}
    assert ids == {f["id"] for f in reuse} | {f["id"] for f in checks}
    kinds = {r["类型"] for r in rows}
    assert {"复用文字", "数字计算", "年份未更新", "模板占位或提纲缺项"} <= kinds

    # the planted 2022→2023 copy: everything but the year digit is marked, in red
    copy = next(
        f for f in reuse if f["relation"] == "same_unit_across_years" and "疫情" in f["a"]["text"]
    )
    row = next(r for r in rows if r["索引号"].endswith(copy["id"]))
    cell = row["B 段落"]
    assert isinstance(cell, CellRichText)
    assert str(cell) == copy["b"]["text"]  # the full passage, wrapped, in a row tall enough
    row_no = next(i for i, r in enumerate(rows, 2) if r is row)
    assert ws.row_dimensions[row_no].height >= 30
    assert ws.cell(row=row_no, column=10).alignment.wrap_text
    red = "".join(
        b.text for b in cell if isinstance(b, TextBlock) and b.font.color.rgb.endswith("C00000")
    )
    assert copy["b"]["text"].startswith("2023年")
    assert red == copy["b"]["text"][4:]  # the year differs from "2022": not marked
    assert copy["a"]["section_path"] in row["A 位置"] and row["复核状态"] == "待复核"
    assert row["严重度"] == copy["severity"]

    summary = wb["汇总"]
    sh = [c.value for c in summary[1]]
    srows = {
        r[0].value: dict(zip(sh, (c.value for c in r), strict=True))
        for r in summary.iter_rows(min_row=2)
    }
    shares = _reuse_all(store_path)
    assert len(srows) >= len(shares)
    for rev, x in shares.items():  # the same numbers under the same labels as the CLI
        got = srows[int(rev)]
        assert got["总字数"] == x["chars"] and got["重复字数"] == x["reused_chars"]
        assert got["总文字复制比 %"] == round(100 * x["total"]["all"]["ratio"], 1)
        assert got["总文字复制比（去除模板） %"] == round(
            100 * x["total"]["no_template"]["ratio"], 1
        )
        assert got["总文字复制比（去除引用） %"] == round(
            100 * x["total"]["no_citations"]["ratio"], 1
        )
        assert got["报告内重复比 %"] == round(100 * x["within"]["all"]["ratio"], 1)
        assert got["跨报告复制比 %"] == round(100 * x["cross"]["all"]["ratio"], 1)
        assert got["单篇最大文字复制比 %"] == round(100 * x["max_single"]["ratio"], 1)
    sections = [[c.value for c in r] for r in wb["分章节复制比"].iter_rows(min_row=2)]
    rev8_sections = [r for r in sections if r[0] == int(copy["b"]["revision"])]
    assert any(r[4] == copy["b"]["section_path"].split(" › ")[0] for r in rev8_sections)
    rev8 = srows[int(copy["b"]["revision"])]
    assert rev8["被审计单位"] == "青川县农业农村局" and rev8["年度"] == 2023
    sec = wb["分章节复制比"]
    types = {r[4] for r in rev8_sections if r[2] == "章节类型"}
    assert "偏离原因与改进" in types, types
    assert sec.page_setup.orientation == "landscape"
    n8 = sum(1 for f in reuse if copy["b"]["revision"] in (f["a"]["revision"], f["b"]["revision"]))
    assert rev8["高"] + rev8["中"] + rev8["低"] == n8

    paper = {r[0].value: r[1].value for r in wb["底稿"].iter_rows(min_row=3)}
    assert paper["导出时审计轨迹头哈希"] == head
    assert paper["导出人"] == "审计员甲"
    assert paper["编制人"] == paper["复核人"] == "导出时未签署"
    assert paper["索引号"].startswith("RA") and paper["索引号"].endswith("-F")
    assert paper["导出时间"].endswith("+08:00")  # shown in Beijing time
    stamp = json.loads(wb["Stamp"]["B1"].value)
    assert stamp["head_hash"] == head and stamp["actor"] == "审计员甲"
    assert _export_events(store_path)[-1]["sha256"] == stamp["sha256"]


def test_html_shows_findings_marks_summary_and_footer(store_path: Path, tmp_path: Path) -> None:
    """One card per finding with both passages and <mark>ed characters; the summary table;
    the footer with the head hash; no external resource of any kind."""
    reuse, checks = findings_json(store_path), check_json(store_path)
    head = _head(store_path)
    out = tmp_path / "paper.html"
    run(store_path, "export", "findings", "-f", "html", "-o", str(out))
    doc = parse_html(out)
    cards = doc.xpath("//div[@class='finding']")
    assert len(cards) == len(reuse) + len(checks)
    ids = {c.xpath(".//code")[0].text_content().split("-", 1)[1] for c in cards}
    assert ids == {f["id"] for f in reuse} | {f["id"] for f in checks}
    copy = next(f for f in reuse if "疫情" in f["a"]["text"] and f["similarity"] == 1.0)
    card = next(c for c in cards if c.xpath(".//code")[0].text_content().endswith(copy["id"]))
    tds = card.xpath(".//td")
    marked_a = "".join(m.text_content() for m in tds[0].xpath(".//mark"))
    assert marked_a == copy["a"]["text"][4:]  # all but the year "2022"
    assert (
        "偏离原因与改进：青川县农业农村局2023年度报告与青川县农业农村局2022年度报告除年份外相同"
        in card.text_content()
    )
    assert "待复核" in card.text_content()
    check_card = next(c for c in cards if "[数字计算]" in c.xpath(".//h3")[0].text_content())
    assert check_card.xpath(".//mark[@class='chk']")

    form = doc.xpath("//table[@class='dg-head']")[0].text_content()
    for label in ("被审计单位", "审计事项", "索引号", "编制人", "复核人", "审计结论", "页次"):
        assert label in form
    summary = doc.xpath("//table")[1]
    text = summary.text_content()
    assert "总文字复制比" in text and "报告内重复比" in text and "单篇最大文字复制比" in text
    with open_store(store_path) as store:
        ratios = report_ratios(store, sections=False).items
    for r in ratios:  # every report's figures, as `reuse` prints them
        row = next(
            tr.text_content()
            for tr in summary.xpath(".//tr")
            if tr.xpath(f"./td[1][.='#{r.revision}']")
        )
        assert f"{100 * r.figures.ratio('total'):.1f}%" in row
        assert f"{r.chars:,}" in row and f"{100 * r.figures.ratio('within'):.1f}%" in row
    assert "每位数字计一字" in doc.xpath("//dl[@class='defs']")[0].text_content()
    assert head is not None and head in doc.xpath("//footer")[0].text_content()
    assert not doc.xpath("//script | //link | //img | //iframe | //*[@src]")
    data = out.read_bytes()
    assert b"url(" not in data and b"@import" not in data and b"@font-face" not in data
    stamp = json.loads(doc.xpath("//meta[@name='reportaudit-stamp']/@content")[0])
    assert stamp["head_hash"] == head and stamp["scope"] == "findings"
    assert _export_events(store_path)[-1]["sha256"] == stamp["sha256"]


def test_csv_opens_in_excel_as_utf8_and_holds_every_finding(
    store_path: Path, tmp_path: Path
) -> None:
    """BOM, header, one row per finding with Chinese intact, nothing but findings in it; the
    stamp is in the sidecar file, and ``verify --export`` reads it from there."""
    reuse, checks = findings_json(store_path), check_json(store_path)
    out = tmp_path / "paper.csv"
    run(store_path, "export", "findings", "-f", "csv", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["序号", "索引号", "类型"]
    assert len(body) == len(reuse) + len(checks)  # no stamp row among the data
    by_id = {r[header.index("发现编号")]: dict(zip(header, r, strict=True)) for r in body}
    f = reuse[0]
    assert by_id[f["id"]]["A 单位"] == f["a"]["report"]["unit"]
    stamp = json.loads((tmp_path / "paper.csv.stamp.json").read_text("utf-8"))
    assert stamp["reportaudit-stamp"]["sha256"] == _export_events(store_path)[-1]["sha256"]
    assert "OK" in run(store_path, "verify-export", str(out))
    en = tmp_path / "en.csv"
    run(store_path, "export", "findings", "-f", "csv", "-o", str(en), lang="en")
    header_en = next(csv.reader(io.StringIO(en.read_bytes().decode("utf-8-sig"))))
    assert header_en[:3] == ["No.", "Index no.", "Kind"]


def test_json_has_the_fields_of_findings_json(store_path: Path, tmp_path: Path) -> None:
    """Each reuse finding is exactly the ``findings --json`` item plus number and review;
    each check finding exactly the ``check --json`` item plus number and review."""
    reuse, checks = findings_json(store_path), check_json(store_path)
    out = tmp_path / "paper.json"
    run(store_path, "export", "findings", "-f", "json", "-o", str(out))
    doc = json.loads(out.read_text("utf-8"))
    got = {f["id"]: f for f in doc["findings"]}
    assert set(got) == {f["id"] for f in reuse}
    for f in reuse:
        item, f = dict(got[f["id"]]), dict(f)
        assert item.pop("review")["status"] == f.pop("status") == "open"
        item.pop("number")
        assert item == f
    got_checks = {f["id"]: f for f in doc["check_findings"]}
    for f in checks:
        item = dict(got_checks[f["id"]])
        item.pop("review"), item.pop("number")
        assert item == f
    assert doc["stamp"]["sha256"] == _export_events(store_path)[-1]["sha256"]


def test_filters_keep_only_matching_findings(store_path: Path, tmp_path: Path) -> None:
    """--unit / --year keep findings touching a matching report, and summaries of those."""
    reuse = findings_json(store_path)
    out = tmp_path / "unit.json"
    run(
        store_path,
        "export",
        "findings",
        "-f",
        "json",
        "--unit",
        "农业农村",
        "--year",
        "2023",
        "-o",
        str(out),
    )
    doc = json.loads(out.read_text("utf-8"))

    def touches(f: dict[str, Any]) -> bool:
        """Whether a finding has a side in a 2023 report of 农业农村局."""
        return any(
            "农业农村" in f[s]["report"]["unit"] and f[s]["report"]["year"] == 2023 for s in "ab"
        )

    assert {f["id"] for f in doc["findings"]} == {f["id"] for f in reuse if touches(f)}
    assert doc["findings"] and not doc["check_findings"]
    assert {s["report"]["unit"] for s in doc["summaries"]} == {"青川县农业农村局"}
    assert doc["filters"] == {"unit": "农业农村", "year": "2023"}


def test_every_export_appends_one_audit_event(store_path: Path, tmp_path: Path) -> None:
    """Each export adds exactly one "export" event naming format, scope, digest and head."""
    before = _export_events(store_path)
    head = _head(store_path)
    for fmt in ("html", "xlsx", "csv", "json"):
        run(store_path, "export", "findings", "-f", fmt, "-o", str(tmp_path / f"p.{fmt}"))
    after = _export_events(store_path)[len(before) :]
    assert [e["format"] for e in after] == ["html", "xlsx", "csv", "json"]
    assert after[0]["head_hash"] == head and after[0]["scope"] == "findings"
    assert len({e["sha256"] for e in after}) == 4


def test_a_file_that_cannot_be_written_records_nothing(store_path: Path, tmp_path: Path) -> None:
    """No event without its file: an unwritable path is one error line, exit 1."""
    before = _export_events(store_path)
    said = run(
        store_path, "export", "findings", "-f", "csv", "-o", str(tmp_path / "no" / "p.csv"), code=1
    )
    assert "cannot write" in said
    assert _export_events(store_path) == before


def test_report_filter_takes_a_report_reference(store_path: Path, tmp_path: Path) -> None:
    """--report names one report (any revision): findings touching it, its summaries only."""
    out = tmp_path / "one.json"
    run(
        store_path,
        "export",
        "findings",
        "-f",
        "json",
        "--report",
        "云岭区教育局 2023",
        "-o",
        str(out),
    )
    doc = json.loads(out.read_text("utf-8"))
    assert doc["findings"]
    for f in doc["findings"]:
        assert any(
            f[s]["report"]["unit"] == "云岭区教育局" and f[s]["report"]["year"] == 2023
            for s in "ab"
        )
    assert [(s["report"]["unit"], s["report"]["year"]) for s in doc["summaries"]] == [
        ("云岭区教育局", 2023)
    ]


def test_section_shares_agree_with_the_report_share(store_path: Path, tmp_path: Path) -> None:
    """Section-type shares count what 总文字复制比 counts: a report with share 0 has no
    covered section, one above 0 has some; the types add up to 总字数 and 重复字数; the
    summary's ratios are exactly ``reuse --json --sections``."""
    out = tmp_path / "all.json"
    run(store_path, "export", "findings", "-f", "json", "-o", str(out))
    summaries = json.loads(out.read_text("utf-8"))["summaries"]
    scanned = [s for s in summaries if s["share"] is not None]
    assert any(s["share"] == 0 for s in scanned) and any(s["share"] > 0.05 for s in scanned)
    for s in scanned:
        covered = sum(x["covered"] for x in s["sections"])
        assert (covered > 0) == (s["share"] > 0), s
        assert all(0 <= x["covered"] <= x["chars"] for x in s["sections"])
        assert covered == s["ratios"]["reused_chars"]
        assert sum(x["chars"] for x in s["sections"]) == s["chars"] == s["ratios"]["chars"]
    first = scanned[0]
    (cli,) = json.loads(run(store_path, "reuse", first["revision"], "--sections", "--json"))
    assert {k: v for k, v in cli.items() if k != "run"} == first["ratios"]


def test_the_format_follows_the_file_suffix(store_path: Path, tmp_path: Path) -> None:
    """Without --format, -o's suffix picks it; an unknown suffix is a usage error."""
    run(store_path, "export", "findings", "-o", str(tmp_path / "p.xlsx"))
    assert (tmp_path / "p.xlsx").read_bytes().startswith(b"PK")
    run(store_path, "export", "findings", "-o", str(tmp_path / "p.htm"))
    assert (tmp_path / "p.htm").read_bytes().startswith(b"<!DOCTYPE html>")
    run(store_path, "export", "report", "1", "-o", str(tmp_path / "r.csv"), code=2)
    assert not (tmp_path / "r.csv").exists()
    assert [e["format"] for e in _export_events(store_path)] == ["xlsx", "html"]
