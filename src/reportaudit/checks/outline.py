"""Required outline by kind class: a complete report of a class must have the sections every
report of that class has (``[outline]`` in checks.toml).

Why by class and not by the kind phrase: the genre names one kind in many ways (项目支出绩效
单位自评报告, 专项资金绩效自评价报告, 财政资金绩效评价自评报告 …); what a report must contain
follows from its class (department overall, project, budget execution) and from who wrote
it — a third-party evaluation (评价机构, 受…委托) has an evaluation report's outline, not a
self-evaluation's, and is judged as "other". Table-form reports keep their outline in table
rows, so a requirement is also met by a row or cell naming the topic. And a missing section
is only missing in a report that visibly ends: an opening cut off after two sections is not
missing the other five.

``kind_class_of`` is the stand-in for the stored ``kind_class`` of issue 11: ``run_checks``
takes the stored value when the caller has one and derives it here otherwise.
"""

from __future__ import annotations

import re

from reportaudit.checks.config import CheckConfig
from reportaudit.checks.layout import has_closing
from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.reading import Reading
from reportaudit.structure.canonical import load_section_types
from reportaudit.structure.model import Document

KIND = "placeholder"
KIND_CLASSES = ("department_overall", "project", "budget_execution", "other")
_WS = re.compile(r"\s+")


def _title_block(doc: Document) -> str:
    """The text before the first heading (title, cover fields), without whitespace."""
    end = next((s.heading_start for s in doc.sections[1:]), min(len(doc.text), 400))
    return _WS.sub("", doc.text[: min(end, 1200)])


def kind_class_of(kind: str, doc: Document | None = None, *, config: CheckConfig) -> str:
    """The kind class of a report from its kind phrase and title block: the first class of
    ``[kind_classes]`` whose words occur, else "other"."""
    text = _WS.sub("", kind) + (_title_block(doc) if doc is not None else "")
    for name, words in config.kind_classes:
        if any(w in text for w in words):
            return name
    return "other"


def third_party(doc: Document, *, config: CheckConfig) -> bool:
    """True for an evaluation written by a third party (its title block names an evaluation
    body or commission and the title does not call it a self-evaluation)."""
    head = _title_block(doc)
    title = _WS.sub("", doc.title)
    if "自评" in title:
        return False
    return any(w in head for w in config.third_party_words)


def _lines(doc: Document) -> str:
    """Every heading and line start of the report, whitespace removed, for topic words."""
    parts = [_WS.sub("", doc.text[s.heading_start : s.heading_end]) for s in doc.sections[1:]]
    parts += [_WS.sub("", p.text[:40]) for p in doc.paragraphs]
    return "\n".join(parts)


def check_outline(
    r: Reading, *, kind: str, kind_class: str, config: CheckConfig
) -> list[CheckFinding]:
    """Required sections (per kind class) that neither a heading nor a table row provides,
    in a report that visibly ends."""
    doc = r.doc
    if len(doc.sections) < 3 or r.open_tail or not has_closing(doc):
        return []
    effective = "other" if third_party(doc, config=config) else kind_class
    required = config.outline_for(kind, effective)
    if not required:
        return []
    types = {s.canonical for s in doc.sections[1:]}
    lines = _lines(doc)
    table = load_section_types()
    end = next((s.heading_start for s in doc.sections[1:]), len(doc.text))
    title = doc.text[:end].rstrip()
    lead = len(title) - len(title.lstrip())
    span = Span(lead, max(lead + 1, len(title)))
    out = []
    for alternatives in required:
        if types.intersection(alternatives):
            continue
        words = [w for a in alternatives for w in config.outline_words.get(a, ())]
        if any(w in lines for w in words):
            continue
        names = " / ".join(table.label(a) for a in alternatives)
        out.append(
            make_finding(
                doc,
                kind=KIND,
                rule="missing_section",
                severity=50,
                explanation=(
                    f"a {effective.replace('_', ' ')} report should have a section on {names}; "
                    f"no heading or table row names it"
                ),
                spans=[span],
                section=0,
                discriminator="|".join(alternatives),
            )
        )
    return out
