"""Look at every working paper as a user would, and keep the pictures in docs/papers/.

Builds a store from fixtures/reports (import, scan, check, one review, a preparer and a
reviewer sign-off), exports every paper, then:

- HTML: a screenshot in headless Chromium (what a supervisor sees in a browser) and its A4
  print to PDF (Chromium's print engine, the page CSS of the paper);
- xlsx and docx: converted to PDF by LibreOffice (what a spreadsheet / word processor prints);
- every PDF: its first pages rendered to PNG (pypdfium2, shipped with pdfplumber).

    python scripts/paper_images.py [--out docs/papers] [--keep /tmp/papers]

Needs ``chromium`` and ``soffice`` on PATH (Debian: apt-get install chromium
libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk). Prints one line per file
with its page count.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTAUDIT = [sys.executable, "-m", "reportaudit"]


def sh(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    """Run a command; fail loudly with its output."""
    done = subprocess.run(
        list(args), capture_output=True, text=True, env=env, cwd=cwd, check=False, timeout=600
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def ra(work: Path, *args: str, actor: str = "审计员甲") -> str:
    """reportaudit against the work store."""
    env = {**os.environ, "REPORTAUDIT_STORE": str(work / "s.db"), "REPORTAUDIT_ACTOR": actor}
    return sh(*REPORTAUDIT, *args, env=env, cwd=work)


def chromium(*args: str) -> None:
    """Headless Chromium (no sandbox inside containers)."""
    sh("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args)


NOTES_IN_MARGIN = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
"""Writer's PDF filter with the comments (批注) printed in the margin, as Word prints them."""


def soffice_pdf(src: Path, out: Path) -> Path:
    """LibreOffice's PDF of ``src`` (a private profile, so it runs beside a desktop one);
    a Word file's comments are printed in the margin."""
    profile = Path(tempfile.mkdtemp(prefix="lo-"))
    sh(
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        NOTES_IN_MARGIN if src.suffix == ".docx" else "pdf",
        "--outdir",
        str(out),
        str(src),
    )
    shutil.rmtree(profile, ignore_errors=True)
    return out / (src.stem + ".pdf")


def pdf_pngs(pdf: Path, out: Path, stem: str, pages: int = 2) -> int:
    """The first ``pages`` pages of ``pdf`` as PNGs; returns the page count."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    for i in range(min(pages, len(doc))):
        doc[i].render(scale=1.4).to_pil().save(out / f"{stem}-p{i + 1}.png")
    return len(doc)


def main() -> None:
    """Build, export, print, convert, render."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "papers")
    ap.add_argument("--keep", type=Path, default=None, help="Work folder to keep.")
    opts = ap.parse_args()
    work = opts.keep or Path(tempfile.mkdtemp(prefix="papers-"))
    work.mkdir(parents=True, exist_ok=True)
    out = opts.out
    out.mkdir(parents=True, exist_ok=True)
    ra(work, "import", str(ROOT / "fixtures" / "reports"))
    ra(work, "scan")
    ra(work, "check", "--all")
    findings = ra(work, "findings", "--kind", "reuse", "--json")
    import json

    top = json.loads(findings)[0]["id"]
    ra(work, "review", top, "--status", "confirmed", "--note", "与上年报告相同，仅改年份")
    rev = "青川县农业农村局 2023@latest"
    old = "青川县农业农村局 2022@latest"
    index = ra(work, "signoff", rev).split()[1]
    ra(work, "signoff", index, "--role", "preparer", actor="张三")
    ra(
        work,
        *("signoff", index, "--role", "reviewer", "--conclusion", "偏离原因照抄上年，已要求整改"),
        actor="李四",
    )
    files = {
        "findings.html": ("export", "findings", "-o"),
        "report.html": ("export", "report", rev, "-o"),
        "compare.html": ("export", "compare", rev, "-o"),
        "diff.html": ("diff", old, rev, "--format", "html", "-o"),
        "findings.xlsx": ("export", "findings", "-o"),
        "report.docx": ("export", "report", rev, "-o"),
        "diff.docx": ("diff", old, rev, "--format", "docx", "-o"),
        "compare.docx": ("export", "compare", rev, "-o"),
    }
    for name, args in files.items():
        ra(work, *args, str(work / name))
        print(ra(work, "verify", "--export", str(work / name)).split(";")[0])
    for name in ("findings.html", "report.html", "compare.html", "diff.html"):
        stem = name.removesuffix(".html")
        chromium(
            "--window-size=1280,1400",
            f"--screenshot={out / (stem + '-screen.png')}",
            (work / name).as_uri(),
        )
        pdf = work / f"{stem}-print.pdf"
        chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", (work / name).as_uri())
        print(f"{name}: A4 print {pdf_pngs(pdf, out, stem + '-print')} page(s)")
    for name in ("findings.xlsx", "report.docx", "diff.docx", "compare.docx"):
        pdf = soffice_pdf(work / name, work)
        stem = name.replace(".", "-")
        print(f"{name}: LibreOffice PDF {pdf_pngs(pdf, out, stem)} page(s)")


if __name__ == "__main__":
    main()
