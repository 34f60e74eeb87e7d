"""The real reports, end to end: extract -> parse -> infer -> import -> read back -> verify.

Why: the store must give back exactly what went in — the original bytes, the text, and a
Document that ``Document.from_dict`` rebuilds equal to the parser's. Skips without the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportaudit.ingest import extract
from reportaudit.metadata import infer
from reportaudit.store import (
    Store,
    import_revision,
    list_reports,
    original_bytes,
    prepare_import,
    revision_text,
    verify,
)
from reportaudit.structure import Document, parse

pytestmark = pytest.mark.corpus


def test_real_reports_round_trip_through_the_store(store: Store, corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    stored = {}
    for path in files:
        data = path.read_bytes()
        extracted = extract(data, path.name)
        doc = parse(extracted.text)
        meta = infer(doc)
        with store.transaction() as s:
            result = import_revision(
                s,
                prepare_import(
                    data=data,
                    filename=path.name,
                    fmt=extracted.format,
                    encoding=extracted.encoding,
                    text=doc.text,
                    document_dict=doc.to_dict(),
                    parser_version=doc.parser_version,
                    unit=meta.unit or path.stem,
                    year=meta.year or 2000,
                    kind=meta.kind or "未知",
                    region=meta.region,
                    actor="corpus-test",
                ),
            )
        assert not result.duplicate
        stored[result.revision.id] = (data, doc)

    with store.transaction() as s:  # the same bytes again add nothing
        again = import_revision(
            s,
            prepare_import(
                data=files[0].read_bytes(),
                filename="renamed.txt",
                fmt="txt",
                encoding="utf-8",
                text="",
                document_dict={},
                parser_version="x",
                unit="别的单位",
                year=2020,
                kind="别的",
                region=None,
                actor="corpus-test",
            ),
        )
    assert again.duplicate and again.revision.filename == files[0].name

    with store.session() as s:
        for rev_id, (data, doc) in stored.items():
            assert original_bytes(s, rev_id) == data
            text, document = revision_text(s, rev_id)
            assert text == doc.text
            assert Document.from_dict(text, document) == doc
        assert sum(r.revision_count for r in list_reports(s)) == len(files)
        report = verify(s)
    assert report.ok, report.problems
    assert report.originals_checked == len(files)
