"""``verify --export FILE``: an export matches the store only while the file, its export
event and the audit chain are all untouched."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from export_helpers import run
from openpyxl import load_workbook

from reportaudit.export.stamp import html_embed, html_split, sha256
from reportaudit.services.workpaper import verify_export
from reportaudit.store import open_store

FORMATS = ("html", "xlsx", "csv", "json")


def _export(store: Path, out: Path, fmt: str) -> Path:
    """Export all findings as ``fmt`` to ``out``."""
    run(store, "export", "findings", "-f", fmt, "-o", str(out))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_untouched_export_verifies(store_path: Path, tmp_path: Path, fmt: str) -> None:
    """The CLI says OK and names the export event; the service agrees."""
    out = _export(store_path, tmp_path / f"p.{fmt}", fmt)
    said = run(store_path, "verify-export", str(out))
    assert said.startswith("OK: ") and "matches export event #" in said
    ok, message = verify_export(open_store(store_path), out)
    assert ok, message


def _edit(path: Path, fmt: str) -> None:
    """Change one finding's text in ``path`` the way someone editing the paper would."""
    if fmt == "xlsx":
        wb = load_workbook(path)
        wb["发现事项"]["H2"] = "这条发现已核实无误"
        wb.save(path)
    elif fmt == "csv":
        data = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data)))
        rows[1][2] = "1"  # severity
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode())
    elif fmt == "json":
        doc = json.loads(path.read_text("utf-8"))
        doc["findings"][0]["severity"] = 1
        path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    else:
        raw = path.read_bytes()
        assert "待复核".encode() in raw
        path.write_bytes(raw.replace("待复核".encode(), "确认复制".encode(), 1))


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_edited_export_fails(store_path: Path, tmp_path: Path, fmt: str) -> None:
    """Editing the content (and keeping the stamp) is detected; exit code 1."""
    out = _export(store_path, tmp_path / f"p.{fmt}", fmt)
    _edit(out, fmt)
    said = run(store_path, "verify-export", str(out), code=1)
    assert "changed after export" in said


def test_a_restamped_forgery_is_not_in_the_trail(store_path: Path, tmp_path: Path) -> None:
    """Editing the content and recomputing the stamp's digest passes the file's own check
    but matches no export event."""
    out = _export(store_path, tmp_path / "p.html", "html")
    content, stamp = html_split(out.read_bytes())
    forged = content.replace("待复核".encode(), "排除".encode())
    out.write_bytes(html_embed(forged, {**stamp, "sha256": sha256(forged)}))
    ok, message = verify_export(open_store(store_path), out)
    assert not ok and "no export with content sha256" in message


def test_an_export_of_another_store_does_not_verify(store_path: Path, tmp_path: Path) -> None:
    """A paper exported from a copy of the store is unknown to this store's trail."""
    other = tmp_path / "other.db"
    shutil.copyfile(store_path, other)
    out = _export(other, tmp_path / "p.json", "json")
    assert verify_export(open_store(other), out)[0]
    ok, message = verify_export(open_store(store_path), out)
    assert not ok and "no export" in message


def test_a_tampered_trail_fails_even_for_a_good_file(store_path: Path, tmp_path: Path) -> None:
    """The export event exists, but an earlier event was edited: the chain does not verify."""
    out = _export(store_path, tmp_path / "p.csv", "csv")
    db = sqlite3.connect(store_path)  # as an attacker with the file: triggers off, then edit
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{name}"')
    db.execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 1")
    db.commit()
    db.close()
    ok, message = verify_export(open_store(store_path), out)
    assert not ok and "does not verify" in message


def test_a_file_without_stamp_is_refused(store_path: Path, tmp_path: Path) -> None:
    """Any other file: a clear message, not a traceback."""
    other = tmp_path / "note.html"
    other.write_text("<!DOCTYPE html><html><head>\n</head><body>hi</body></html>", "utf-8")
    ok, message = verify_export(open_store(store_path), other)
    assert not ok and "no reportaudit stamp" in message
    said = run(store_path, "verify-export", str(tmp_path / "missing.xlsx"), code=1)
    assert "missing.xlsx" in said


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_a_one_report_export_verifies_and_names_its_scope(
    store_path: Path, tmp_path: Path, fmt: str
) -> None:
    """The one-report papers carry the same stamp; the event records scope "report"."""
    out = tmp_path / f"r.{fmt}"
    run(store_path, "export", "report", "青川县农业农村局 2023@latest", "-f", fmt, "-o", str(out))
    ok, message = verify_export(open_store(store_path), out)
    assert ok and f"({fmt}, report)" in message
