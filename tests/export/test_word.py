"""Word exports read back: a diff as tracked changes, a report with its reused passages as
comments, both stamped and verifiable; the diff HTML stamped and whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from export_helpers import findings_json, parse_html, run
from lxml import etree

from reportaudit.services.workpaper import verify_export
from reportaudit.store import get_revision, open_store, revision_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rev(store: Path, ref: str) -> int:
    """A revision id by reference."""
    with open_store(store).session() as s:
        return get_revision(s, ref).id


def _text(store: Path, rev: int) -> str:
    """The stored text of a revision."""
    with open_store(store).session() as s:
        return revision_text(s, rev)[0]


def _body(path: Path) -> etree._Element:
    """word/document.xml of a .docx."""
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_diff_as_word_tracked_changes(store_path: Path, tmp_path: Path) -> None:
    """Deletions are w:del/w:delText, insertions w:ins/w:t, each with the exporting actor
    and a date; accepting every change gives B's text, rejecting gives A's."""
    a = _rev(store_path, "青川县农业农村局 2022@latest")
    b = _rev(store_path, "青川县农业农村局 2023@latest")
    out = tmp_path / "d.docx"
    run(store_path, "diff", str(a), str(b), "--format", "docx", "-o", str(out))
    body = _body(out)
    dels, ins = body.iter(f"{W}del"), body.iter(f"{W}ins")
    dels, ins = list(dels), list(ins)
    assert dels and ins
    for el in dels + ins:
        assert el.get(f"{W}author") == "审计员甲"
        assert el.get(f"{W}date", "").endswith("Z")
    assert all(el.find(f".//{W}delText") is not None for el in dels)

    def accepted(reject: bool) -> str:
        """The document's text with every change accepted (or rejected), paragraphs joined."""
        paras = []
        for p in body.iter(f"{W}p"):
            parts = []
            for el in p.iter(f"{W}t", f"{W}delText"):
                in_del = any(a.tag == f"{W}del" for a in el.iterancestors())
                in_ins = any(a.tag == f"{W}ins" for a in el.iterancestors())
                if (in_del and not reject) or (in_ins and reject):
                    continue
                parts.append(el.text or "")
            paras.append("".join(parts))
        return "".join(paras)

    def squash(text: str) -> str:
        return "".join(text.split())

    assert squash(_text(store_path, b)) in squash(accepted(reject=False))
    assert squash(_text(store_path, a))[:200] in squash(accepted(reject=True))
    assert verify_export(open_store(store_path), out)[0]
    said = run(store_path, "verify-export", str(out))
    assert "OK" in said and "(docx, diff)" in said


def test_report_as_word_with_comments_on_reused_passages(store_path: Path, tmp_path: Path) -> None:
    """Each reused passage carries a comment naming the finding's index number, its source
    and relation; the marked runs are highlighted; the 底稿 header table comes first."""
    rev = _rev(store_path, "青川县农业农村局 2023@latest")
    out = tmp_path / "r.docx"
    run(store_path, "export", "report", str(rev), "-o", str(out))
    d = docx.Document(str(out))
    comments = list(d.comments)
    mine = [
        f for f in findings_json(store_path) if str(rev) in (f["a"]["revision"], f["b"]["revision"])
    ]
    assert mine and len(comments) >= 1
    texts = [c.text for c in comments]
    for f in mine:
        assert any(f["id"] in t for t in texts), f["id"]
    assert all("来源" in t and "关系" in t for t in texts)
    assert all(c.author == "reportaudit" for c in comments)
    header = d.tables[0]
    cells = [c.text for row in header.rows for c in row.cells]
    assert "被审计单位" in cells and "青川县农业农村局" in cells and "索引号" in cells
    assert "导出时未签署" in cells
    highlighted = [r for p in d.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted
    with zipfile.ZipFile(out) as z:
        footer = b"".join(z.read(n) for n in z.namelist() if n.startswith("word/footer"))
    assert b"PAGE" in footer and b"NUMPAGES" in footer
    assert "OK" in run(store_path, "verify-export", str(out))
    # an edit of a comment is caught
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/comments.xml"] = parts["word/comments.xml"].replace(
        "来源".encode(), "出处".encode(), 1
    )
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert "changed after export" in run(store_path, "verify-export", str(edited), code=1)


def test_diff_html_is_stamped_whole_and_verifies(store_path: Path, tmp_path: Path) -> None:
    """`diff --format html` carries the 底稿 header, a stamp and a footer, folds unchanged
    sections instead of dropping them, and passes verify --export."""
    a = _rev(store_path, "青川县农业农村局 2022@latest")
    b = _rev(store_path, "青川县农业农村局 2023@latest")
    out = tmp_path / "d.html"
    run(store_path, "diff", str(a), str(b), "--format", "html", "-o", str(out))
    doc = parse_html(out)
    assert doc.xpath("//meta[@name='reportaudit-stamp']") and doc.xpath("//footer")
    assert "被审计单位" in doc.xpath("//table[@class='dg-head']")[0].text_content()
    folded = doc.xpath("//details")
    assert folded  # unchanged sections are there, folded
    whole = "".join(doc.xpath("//body")[0].itertext())
    for line in _text(store_path, b).splitlines()[5:40]:
        if len(line.strip()) > 12 and not any(ch.isdigit() for ch in line):
            assert line.strip()[:12] in whole
    assert "OK" in run(store_path, "verify-export", str(out))
    raw = out.read_bytes()
    out.write_bytes(raw.replace("被审计单位".encode(), "审计单位".encode(), 1))
    assert "changed after export" in run(store_path, "verify-export", str(out), code=1)


def test_compare_side_by_side_marks_shared_passages(store_path: Path, tmp_path: Path) -> None:
    """全文对照: the report and its main source (the 2022 report it copies) in aligned rows,
    every shared passage marked on both sides with the number of its finding, the list of
    numbers naming each finding's 索引号; the same as Word; both verify."""
    rev = _rev(store_path, "青川县农业农村局 2023@latest")
    src = _rev(store_path, "青川县农业农村局 2022@latest")
    out = tmp_path / "c.html"
    run(store_path, "export", "compare", str(rev), "--source", str(src), "-o", str(out))
    doc = parse_html(out)
    shared = [
        f
        for f in findings_json(store_path)
        if {int(f["a"]["revision"]), int(f["b"]["revision"])} == {rev, src}
    ]
    assert shared
    rows = doc.xpath("//table[@class='cmp']/tbody/tr")
    left = "".join(r.xpath("./td")[0].text_content() for r in rows)
    right = "".join(r.xpath("./td")[1].text_content() for r in rows)
    squash = lambda t: "".join(t.split())  # noqa: E731
    assert squash(_text(store_path, rev))[:300] in squash(left).replace("[1]", "")
    marked = doc.xpath("//table[@class='cmp']//mark")
    assert marked
    listed = doc.xpath("//h2/following-sibling::table[1]//code")
    assert {c.text_content().split("-", 1)[1] for c in listed} == {f["id"] for f in shared}
    copy = next(f for f in shared if "疫情" in f["a"]["text"])
    assert copy["b"]["text"][4:20] in left and copy["a"]["text"][4:20] in right
    assert "OK" in run(store_path, "verify-export", str(out))
    word = tmp_path / "c.docx"
    run(store_path, "export", "compare", str(rev), "--source", str(src), "-o", str(word))
    d = docx.Document(str(word))
    table = d.tables[1]
    assert "本报告" in table.cell(0, 0).text and "主要来源" in table.cell(0, 1).text
    assert any(
        r.font.highlight_color is not None
        for c in table.columns[0].cells
        for p in c.paragraphs
        for r in p.runs
    )
    assert "OK" in run(store_path, "verify-export", str(word))
    # without --source the main source is the one the scan found
    auto = tmp_path / "auto.html"
    run(store_path, "export", "compare", str(rev), "-o", str(auto))
    assert f"#{src} " in parse_html(auto).xpath("//table[@class='cmp']//th")[1].text_content()
