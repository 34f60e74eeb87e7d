"""Benchmark: hostile files are refused fast and small; the largest real-looking reports
still import within the default limits.

Why a script and not a timed test: time and memory depend on the machine and its load, so
the goals (issue 14: a zip bomb, a 2,000-page PDF and a 45 MB text file each refused in
under 3 s and 300 MiB; the largest legitimate report we can generate imported within the
defaults) are measured here and the figures go in the README.

Run::

    .venv/bin/python benchmarks/bench_limits.py [--keep DIR]

Each case is one fresh ``reportaudit import FILE`` into a fresh SQLite store; wall time and
the child's peak resident memory (``wait4``) include the interpreter's start-up (~0.5-1 s,
~60-90 MiB on its own), so they are what a user sees.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ingest"))
from limit_files import big_text, docx_bomb, lying_sizes, many_page_pdf  # noqa: E402

FIX = ROOT / "fixtures" / "reports"
MiB = 1024 * 1024


def _legit_text(chars: int) -> str:
    """A long report: the fixture reports' sections repeated under numbered headings."""
    parts = [
        (FIX / n).read_text("utf-8")
        for n in ("hewan_eco_2021.txt", "qingchuan_agri_2021.txt", "yunling_edu_2022.txt")
    ]
    lines = ["河湾市生态环境局", "2023年度部门整体支出绩效自评报告"]
    n = 0
    while sum(len(x) + 1 for x in lines) < chars:
        n += 1
        lines.append(f"附件{n}：分项目自评情况")
        lines.extend(parts[n % 3].splitlines()[2:])
    return "\n".join(lines)


def _legit_docx(chars: int) -> bytes:
    """The long report as a .docx (python-docx), one paragraph per line."""
    import docx

    document = docx.Document()
    for line in _legit_text(chars).splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _legit_pdf(pages: int) -> bytes:
    """A text PDF of ``pages`` A4 pages of the long report (reportlab, a CJK font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    lines = [
        x[i : i + 38] for x in _legit_text(pages * 1500).splitlines() for i in range(0, len(x), 38)
    ]
    per = 40
    for p in range(pages):
        c.setFont("STSong-Light", 12)
        for j, line in enumerate(lines[p * per : (p + 1) * per]):
            c.drawString(50, 800 - 18 * j, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def _measure(store: Path, path: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MiB, exit status, output) of one import in a fresh process; the peak
    resident memory of the child comes from ``wait4``."""
    env = {**os.environ, "REPORTAUDIT_STORE": str(store), "REPORTAUDIT_ACTOR": "bench"}
    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "reportaudit", "import", str(path)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, code, text


def _in_process(path: Path) -> float:
    """Seconds ``derive`` (read, extract, parse) takes on the file in this process, refusal
    included: the import's own cost without the interpreter's start-up."""
    from reportaudit.errors import IngestError
    from reportaudit.services.derive import derive

    data = path.read_bytes()
    start = time.monotonic()
    with contextlib.suppress(IngestError):
        derive(data, path.name)
    return time.monotonic() - start


def main() -> None:
    """Build each case, import it, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="Write the generated files here.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-limits-"))
    work.mkdir(parents=True, exist_ok=True)
    seed = (FIX / "hewan_eco_2021.txt").read_bytes()
    cases: list[tuple[str, Path]] = []

    def put(name: str, data: bytes) -> Path:
        path = work / name
        path.write_bytes(data)
        return path

    cases.append(("zip bomb .docx (inflates to 240 MB)", put("bomb.docx", docx_bomb(240 * MiB))))
    cases.append(("zip bomb with lying sizes", put("liar.docx", lying_sizes(docx_bomb(240 * MiB)))))
    cases.append(("2,000-page PDF", put("pages2000.pdf", many_page_pdf(2000))))
    cases.append(("45 MB text", big_text(work / "big45.txt", 45 * 1000 * 1000, seed)))
    cases.append(
        ("legitimate .txt, 950,000 characters", put("long.txt", _legit_text(950_000).encode()))
    )
    cases.append(("legitimate .docx, 400,000 characters", put("long.docx", _legit_docx(400_000))))
    cases.append(("legitimate text .pdf, 300 pages", put("long.pdf", _legit_pdf(300))))
    store = work / "bench.db"
    store.unlink(missing_ok=True)
    floor = put("floor.txt", seed)
    _measure(store, floor)  # create the store (migrations) outside the timings
    seconds, peak, _, _ = _measure(store, floor)
    print(
        f"floor: `import` of a file already stored (start-up, open, hash): {seconds:.2f} s, "
        f"{peak:.0f} MiB\n"
    )
    print("| file | size | result | command wall | in process | peak RSS |")
    print("|---|---|---|---|---|---|")
    for label, path in cases:
        seconds, peak, code, text = _measure(store, path)
        line = next((x for x in text.splitlines() if path.name in x), text.strip()[:160])
        reason = line.split(": ", 1)[1] if ": " in line else line
        verdict = "imported" if code == 0 else reason[:110]
        inner = _in_process(path)
        print(
            f"| {label} | {path.stat().st_size / MiB:.1f} MiB | {verdict} "
            f"| {seconds:.2f} s | {inner:.2f} s | {peak:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
