"""``reportaudit review`` and the review state in exports: one history for CLI, TUI, papers."""

from __future__ import annotations

import json
from pathlib import Path

from export_helpers import check_json, findings_json, parse_html, run
from openpyxl import load_workbook

from reportaudit.services import review as services_review
from reportaudit.store import events, open_store
from reportaudit.tui.data import findings as tui_findings
from reportaudit.tui.data import review as tui_review


def test_cli_decision_is_the_tui_event_format(store_path: Path) -> None:
    """A decision taken with the CLI reads back through the TUI's loader, and its details
    are exactly what the TUI would have written for the same finding."""
    f = findings_json(store_path)[0]
    said = run(store_path, "review", f["id"], "--status", "confirmed", "--note", "与2022年报告雷同")
    assert "已记录复核事件" in said and "确认复制" in said
    store = open_store(store_path)
    history = tui_review.load_decisions(store)[f["id"]]
    assert tui_review.current_status(history) == "confirmed"
    assert history[-1].note == "与2022年报告雷同" and history[-1].actor == "审计员甲"

    tui_review.record_decision(
        store, tui_findings.finding_from_dict(f), actor="tui", decision="dismissed"
    )
    with store.session() as s:
        cli_event, tui_event = events(s, action="review.finding")[-2:]
    assert cli_event.subject == tui_event.subject == f"finding:{f['id']}"
    strip = {"decision", "note"}
    assert {k: v for k, v in cli_event.details.items() if k not in strip} == {
        k: v for k, v in tui_event.details.items() if k not in strip
    }
    again = services_review.load_decisions(store)[f["id"]]
    assert services_review.current_status(again) == "dismissed"


def test_history_notes_and_unknown_ids(store_path: Path) -> None:
    """A note alone leaves the status open; the history lists both events; an unknown id is
    refused without writing anything."""
    f = findings_json(store_path)[1]
    run(store_path, "review", f["id"], "--note", "待与单位核实")
    run(store_path, "review", f["id"], "--status", "template", "--actor", "复核人乙")
    out = json.loads(run(store_path, "review", f["id"], "--json"))
    assert out["status"] == "template"
    assert [(h["decision"], h["note"], h["actor"]) for h in out["history"]] == [
        (None, "待与单位核实", "审计员甲"),
        ("template", None, "复核人乙"),
    ]
    text = run(store_path, "review", f["id"])
    assert "模板可接受（2 个复核事件）" in text and "待与单位核实" in text
    with open_store(store_path).session() as s:
        before = len(events(s))
    said = run(store_path, "review", "r-no-such-finding", "--status", "confirmed", code=1)
    assert "no stored finding" in said
    with open_store(store_path).session() as s:
        assert len(events(s)) == before


def test_exports_show_review_state_and_filter_by_it(store_path: Path, tmp_path: Path) -> None:
    """After decisions on a reuse and a check finding: --status confirmed keeps exactly
    those, with reviewer and note; the summary counts statuses; the HTML card says so."""
    reuse, checks = findings_json(store_path), check_json(store_path)
    f, c = reuse[0], checks[0]
    run(store_path, "review", f["id"], "--status", "confirmed", "--note", "照抄上年")
    run(store_path, "review", c["id"], "--status", "confirmed")
    run(store_path, "review", reuse[1]["id"], "--status", "dismissed")

    out = tmp_path / "confirmed.xlsx"
    run(
        store_path,
        *("export", "findings", "-f", "xlsx", "--status", "confirmed", "-o", str(out)),
        lang="en",
    )
    ws = load_workbook(out)["Findings"]  # English: --lang en
    header = [x.value for x in ws[1]]
    rows = [dict(zip(header, (x.value for x in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert {r["Index no."].split("-", 1)[1] for r in rows} == {f["id"], c["id"]}
    assert [r["No."] for r in rows] == [1, 2]
    row = next(r for r in rows if r["Index no."].endswith(f["id"]))
    assert (row["Review status"], row["Reviewer"], row["Note"]) == (
        "confirmed copy",
        "审计员甲",
        "照抄上年",
    )
    assert row["Reviewed at"].endswith("+08:00")

    out = tmp_path / "all.json"
    run(store_path, "export", "findings", "-f", "json", "-o", str(out))
    doc = json.loads(out.read_text("utf-8"))
    rev = str(c["revision"])
    summary = next(s for s in doc["summaries"] if s["revision"] == rev)
    assert summary["by_status"]["confirmed"] >= 1
    statuses = {x["id"]: x["review"]["status"] for x in doc["findings"] + doc["check_findings"]}
    assert statuses[f["id"]] == "confirmed" and statuses[reuse[1]["id"]] == "dismissed"
    assert sum(1 for s in statuses.values() if s == "open") == len(statuses) - 3

    out = tmp_path / "all.html"
    run(store_path, "export", "findings", "-f", "html", "-o", str(out))
    doc = parse_html(out)
    total = len(reuse) + len(checks)
    assert (
        f"共 {total} 项发现：文字复用 {len(reuse)} 项" in doc.text_content()
        and f"复核：确认复制 2，排除 1，待复核 {total - 3}" in doc.text_content()
    )
    card = doc.xpath(f"//div[@class='finding'][.//code[contains(text(), '{f['id']}')]]")[0]
    assert "确认复制" in card.text_content() and "照抄上年" in card.text_content()
