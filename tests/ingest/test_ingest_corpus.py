"""The real reports: each imports, and survives re-encoding as GBK, UTF-16 (with and without
BOM) and UTF-8 with BOM.

Skipped when the corpus folder is absent (it is not part of the repository).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reportaudit.ingest import clean_text, extract

pytestmark = pytest.mark.corpus


def test_corpus_reports_import_and_round_trip_through_encodings(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        raw = path.read_bytes()
        result = extract(raw, path.name)
        assert result.format == "txt"
        assert result.text == clean_text(raw.decode(result.encoding or "utf-8"))
        assert "一、" in result.text
        for data, encoding in [
            (result.text.encode("gb18030"), "gb18030"),
            (codecs.BOM_UTF16_LE + result.text.encode("utf-16-le"), "utf-16-le"),
            (result.text.encode("utf-16-be"), "utf-16-be"),  # no BOM
            (codecs.BOM_UTF8 + result.text.replace("\n", "\r\n").encode(), "utf-8-sig"),
        ]:
            again = extract(data, path.name)
            assert (again.text, again.encoding) == (result.text, encoding), path.name
