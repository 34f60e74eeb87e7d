"""Write src/reportaudit/ingest/common_hanzi.txt: the 500 most frequent hanzi of real and
invented self-evaluation reports (../shared/corpus, ../shared/wild/reports, fixtures/).

Why from reports: the list serves one test — is this decoding plausibly a Chinese report?
Simplified reports put ~85 % of their hanzi among these, traditional text ~40-60 %,
EUC-KR Korean misread as GB18030 ~15-25 %. Run: python scripts/make_common_hanzi.py (from the repository root).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "fixtures", ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "wild")
OUT = ROOT / "src" / "reportaudit" / "ingest" / "common_hanzi.txt"
COUNT = 500
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _text(path: Path) -> str:
    """The file as text (UTF-8 or GB18030), or nothing."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def main() -> None:
    """Count, keep the most frequent, write one line of characters after the header."""
    counts: Counter[str] = Counter()
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.txt")):
            counts.update(_HAN.findall(_text(path)))
    top = "".join(sorted(c for c, _ in counts.most_common(COUNT)))
    OUT.write_text(
        "# The most frequent hanzi of budget-performance self-evaluation reports.\n"
        "# Source: ../shared/corpus, ../shared/wild/reports and fixtures/ (every .txt),\n"
        "# counted by scripts/make_common_hanzi.py. Used by ingest.plausible to tell a right\n"
        "# decoding from a wrong one. Lines starting with # are comments.\n" + top + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
