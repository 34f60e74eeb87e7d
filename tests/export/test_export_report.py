"""``export report REVISION``: the full text with every reused passage and check span marked
and numbered, each number leading to its source passage(s)."""

from __future__ import annotations

import re
from pathlib import Path

from export_helpers import check_json, findings_json, parse_html, run
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText

from reportaudit.store import get_revision, open_store, revision_text


def _text(store: Path, ref: str) -> tuple[str, str]:
    """(revision id, stored text) of ``ref``."""
    with open_store(store).session() as s:
        rev = get_revision(s, ref)
        return str(rev.id), revision_text(s, rev.id)[0]


def _marked_chars(full: object) -> tuple[str, dict[str, set[int]]]:
    """(the text of the full-text block without mark numbers, mark class -> positions)."""
    text: list[str] = []
    marks: dict[str, set[int]] = {}
    text.append(full.text or "")  # type: ignore[attr-defined]
    for child in full:  # type: ignore[attr-defined]
        if child.tag == "mark":
            pos = sum(map(len, text))
            marks.setdefault(child.get("class") or "reuse", set()).update(
                range(pos, pos + len(child.text_content()))
            )
            text.append(child.text_content())
        elif child.tag == "span":  # a figure kept on one line in print
            text.append(child.text_content())
        text.append(child.tail or "")
    return "".join(text), marks


def test_html_full_text_marks_link_to_their_sources(store_path: Path, tmp_path: Path) -> None:
    """The 2023 r2 report of 青川县农业农村局: the text reads back exactly (numbers aside),
    each reused passage on it is marked, and its number leads to the other report's passage."""
    rev, text = _text(store_path, "青川县农业农村局 2023@latest")
    mine = [f for f in findings_json(store_path) if rev in (f["a"]["revision"], f["b"]["revision"])]
    assert mine
    out = tmp_path / "report.html"
    run(store_path, "export", "report", rev, "-o", str(out))
    doc = parse_html(out)
    full = doc.xpath("//div[@class='fulltext']")[0]
    sups = full.xpath(".//sup")
    plain, marks = _marked_chars(full)
    assert plain == text
    spans = {(f[s]["start"], f[s]["end"]) for f in mine for s in "ab" if f[s]["revision"] == rev}
    assert [s.text_content() for s in sups] == [f"[{n}]" for n in range(1, len(spans) + 1)]
    assert set(marks) == {"reuse"}  # this report has no check findings
    assert marks["reuse"] == {i for a, b in spans for i in range(a, b)}

    copy = next(f for f in mine if "疫情" in f["b"]["text"] and f["b"]["revision"] == rev)
    start = copy["b"]["start"]
    number = sorted(spans).index((start, copy["b"]["end"])) + 1
    target = full.xpath(f".//sup/a[text()='[{number}]']/@href")[0]
    assert target == f"#n-{number}"
    entry = doc.xpath(f"//li[@id='n-{number}']")[0]
    assert copy["a"]["text"][4:30] in entry.text_content()  # the 2022 source passage
    finding_link = entry.xpath(".//a[starts-with(@href, '#f-')]/@href")[0]
    card = doc.xpath(f"//div[@id='{finding_link[1:]}']")[0]
    assert copy["id"] in card.text_content()
    assert doc.xpath(f"//a[@id='m-{number}']")  # the way back to the text


def test_check_spans_are_marked_in_the_planted_report(store_path: Path, tmp_path: Path) -> None:
    """The planted checks report: its check findings' spans are marked (as checks) too."""
    rev, text = _text(store_path, "松林县文化广电和旅游局 2023@latest")
    mine = [f for f in check_json(store_path) if str(f["revision"]) == rev]
    assert len(mine) >= 10
    out = tmp_path / "planted.html"
    run(store_path, "export", "report", rev, "-f", "html", "-o", str(out))
    full = parse_html(out).xpath("//div[@class='fulltext']")[0]
    plain, marks = _marked_chars(full)
    assert plain == text
    wanted = {i for f in mine for sp in f["spans"] for i in range(sp["start"], sp["end"])}
    assert marks["chk"] | marks.get("both", set()) == wanted
    assert all(text[sp["start"] : sp["end"]] == sp["text"] for f in mine for sp in f["spans"])


def test_xlsx_text_sheet_has_every_line_with_marks(store_path: Path, tmp_path: Path) -> None:
    """The Text sheet holds the report line by line; marked lines are red rich text and name
    their mark numbers and findings."""
    rev, text = _text(store_path, "青川县农业农村局 2023@latest")
    out = tmp_path / "report.xlsx"
    run(store_path, "export", "report", rev, "--format", "xlsx", "-o", str(out))
    wb = load_workbook(out, rich_text=True)
    assert wb.sheetnames == ["底稿", "汇总", "分章节复制比", "发现事项", "全文", "Stamp"]
    ws = wb["全文"]
    lines = [(r[1].value, r[2].value) for r in ws.iter_rows(min_row=2)]
    assert [str(v or "") for _, v in lines] == text.split("\n")
    rich = [(m, v) for m, v in lines if isinstance(v, CellRichText)]
    assert rich and all(m and re.match(r"\[\d+\]→\d", m) for m, _ in rich)
    assert wb["汇总"].max_row == 2  # one report
    assert ws.page_setup.orientation == "portrait" and ws.print_title_rows == "$1:$1"
