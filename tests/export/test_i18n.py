"""Chinese first, English on request: the catalogs, the switch, the clock."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from export_helpers import ROOT, parse_html, run

from reportaudit.i18n import _, local_time, set_language, set_timezone


def test_catalogs_are_compiled_and_complete() -> None:
    """Every message the code shows has a Chinese translation and the shipped .mo matches
    the .po (scripts/compile_catalogs.py --check)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compile_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_language_and_time_zone_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chinese by default, English by option or $REPORTAUDIT_LANG; times in Beijing by
    default, another zone by option or $REPORTAUDIT_TZ; an unknown zone is refused."""
    monkeypatch.delenv("REPORTAUDIT_LANG", raising=False)
    monkeypatch.delenv("REPORTAUDIT_TZ", raising=False)
    set_language(None)
    set_timezone(None)
    assert _("Audited unit") == "被审计单位"
    monkeypatch.setenv("REPORTAUDIT_LANG", "en")
    assert _("Audited unit") == "Audited unit"
    set_language("zh_CN.UTF-8")
    assert _("Audited unit") == "被审计单位"
    set_language(None)
    stored = datetime(2024, 5, 31, 16, 30, tzinfo=UTC)
    assert local_time(stored) == "2024-06-01 00:30:00 +08:00"
    assert local_time("2024-05-31T16:30:00") == "2024-06-01 00:30:00 +08:00"  # naive = UTC
    monkeypatch.setenv("REPORTAUDIT_TZ", "Europe/Berlin")
    assert local_time(stored) == "2024-05-31 18:30:00 +02:00"
    with pytest.raises(ValueError, match="Mars/Olympus"):
        set_timezone("Mars/Olympus")
    with pytest.raises(ValueError):
        set_language("fr")


ALLOWED = {"reportaudit", "verify", "export", "FILE", "sqlite", "tmp", "txt", "docx", "pdf", "Word"}
"""ASCII words a Chinese paper may show: the command to check it, the store's URL, Word."""


def _english_words(path: Path) -> set[str]:
    """ASCII words of three or more letters in what a reader sees of an HTML export, apart
    from report text (passages, the full text), file names, ids and hashes."""
    doc = lxml.html.fromstring(path.read_bytes())
    for el in doc.xpath(
        "//style | //title | //code | //*[contains(@class,'file')] | //div[@class='fulltext']"
        " | //div[@class='finding']//table | //ol[@class='sources']//div[@class='where']/.."
        " | //del | //ins | //tr[@class='same'] | //td[not(@class)][not(*)]"
    ):
        el.drop_tree()
    text = doc.text_content()
    text = re.sub(r"[\w.-]+\.(txt|docx|pdf|html)", "", text)  # file names
    text = re.sub(r"“[^”]*”", "", text)  # report text a check quotes
    text = re.sub(r"\b[0-9a-f]{12,}\b|RA[0-9A-F]{6}-\S+|sqlite:\S+", "", text)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", text)} - ALLOWED


def test_no_english_left_in_the_chinese_exports(store_path: Path, tmp_path: Path) -> None:
    """The findings paper, the one-report paper and the diff HTML speak Chinese: the only
    English left is report text and the verify command; in English there is no Chinese
    label."""
    f = tmp_path / "f.html"
    r = tmp_path / "r.html"
    d = tmp_path / "d.html"
    run(store_path, "export", "findings", "-o", str(f))
    run(store_path, "export", "report", "青川县农业农村局 2023@latest", "-o", str(r))
    run(
        store_path,
        "diff",
        "青川县农业农村局 2022@latest",
        "青川县农业农村局 2023@latest",
        "-f",
        "html",
        "-o",
        str(d),
    )
    for path in (f, r, d):  # check explanations included (check_wording.toml)
        assert _english_words(path) == set(), path.name
    en = tmp_path / "en.html"
    run(store_path, "export", "report", "青川县农业农村局 2023@latest", "-o", str(en), lang="en")
    head = parse_html(en).xpath("//table[@class='dg-head']")[0].text_content()
    assert "Audited unit" in head and "被审计单位" not in head
    assert "unsigned at export" in head


def _sheet_words(path: Path) -> dict[str, list[str]]:
    """English words per visible sheet of an xlsx paper, apart from report text: the hidden
    Stamp sheet is for ``verify --export``, the 全文 sheet and the passage columns (“A 段落”)
    quote the report."""
    import openpyxl
    from untranslated import english_words

    found: dict[str, list[str]] = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        if ws.sheet_state != "visible" or ws.title == "全文":
            continue
        words: set[str] = set()
        quoted: set[int] = set()
        for row in ws.iter_rows(values_only=True):
            if row and row[0] == "序号":  # the header row names the passage columns
                quoted = {i for i, v in enumerate(row) if str(v or "").endswith("段落")}
            for i, v in enumerate(row):
                if isinstance(v, str) and i not in quoted:
                    words.update(english_words(v))
        found[ws.title] = sorted(words)
    return found


def _docx_text(path: Path) -> list[str]:
    """What a reader sees of a docx paper apart from report text: a passage is the paragraph
    after the italic line saying where it is; the full text runs from its heading to the
    next heading."""
    import docx

    doc = docx.Document(str(path))
    shown = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    in_fulltext = after_where = False
    for p in doc.paragraphs:
        heading = p.style is not None and p.style.name.startswith("Heading")
        if heading:
            in_fulltext = p.text.endswith("全文")
        if not heading and (in_fulltext or after_where):
            after_where = False
            continue
        after_where = bool(p.runs) and bool(p.runs[0].font.italic)
        shown.append(p.text)
    return shown


def test_no_english_left_in_the_chinese_xlsx_docx_csv(store_path: Path, tmp_path: Path) -> None:
    """The same papers as xlsx, docx and CSV, and the 全文对照 compare paper: headers,
    labels, section names and explanations are Chinese (the text before a report's first
    heading is 前言, not "(preamble)")."""
    from untranslated import english_words

    for kind, ref, formats in (
        ("findings", None, ("xlsx", "docx", "csv")),
        ("report", "青川县农业农村局 2023@latest", ("xlsx", "docx")),
    ):
        for fmt in formats:
            out = tmp_path / f"{kind}.{fmt}"
            run(store_path, "export", kind, *([ref] if ref else []), "-f", fmt, "-o", str(out))
            if fmt == "xlsx":
                sheets = _sheet_words(out)
                assert "底稿" in sheets
                assert sheets == {name: [] for name in sheets}, out.name
            elif fmt == "docx":
                shown = _docx_text(out)
                assert sorted({w for t in shown for w in english_words(t)}) == [], out.name
            else:
                header = out.read_text("utf-8-sig").splitlines()[0]
                assert header.startswith("序号,索引号,") and english_words(header) == []
    compare = tmp_path / "c.html"
    run(store_path, "export", "compare", "青川县农业农村局 2023@latest", "-o", str(compare))
    assert _english_words(compare) == set()
