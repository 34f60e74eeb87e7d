"""Helpers for the checks tests: parse a text or a fixture and run the checks on it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportaudit.checks import CheckConfig, CheckFinding, run_checks
from reportaudit.metadata import infer
from reportaudit.services.derive import derive
from reportaudit.structure import Document, parse

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def check_text(
    text: str,
    *,
    other_units: Sequence[str] = (),
    config: CheckConfig | None = None,
    kinds: Sequence[str] | None = None,
) -> tuple[Document, list[CheckFinding]]:
    """Parse ``text`` as a report and run the checks (metadata inferred from its title)."""
    doc = parse(text)
    return doc, run_checks(
        doc, meta=infer(doc), other_units=other_units, config=config, kinds=kinds
    )


def check_file(path: Path, **kw: object) -> tuple[Document, list[CheckFinding]]:
    """Ingest a fixture file the way import does (txt, docx, pdf) and run the checks."""
    _, doc = derive(path.read_bytes(), path.name)
    return doc, run_checks(doc, meta=infer(doc), **kw)  # type: ignore[arg-type]


def report(body: str, *, unit: str = "松林县测试局", year: int = 2023) -> str:
    """A minimal report around ``body``: unit line, title line, then the body."""
    return f"{unit}\n{year}年度部门整体支出绩效自评报告\n\n{body}\n"


def described(doc: Document, findings: list[CheckFinding]) -> set[tuple[str, str, str]]:
    """(kind, rule, text of the statement at fault) for each finding, for set comparisons."""
    return {(f.kind, f.rule, (f.anchor or f.spans[0]).text(doc.text)) for f in findings}
