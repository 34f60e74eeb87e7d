"""Renderers: the same facts in text, JSON and HTML; untrusted text stays inert.

Why these checks: document text is untrusted (escape sequences, Rich markup, HTML), the
JSON structure is a documented contract, and a degraded diff must say so in every format.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from reportaudit.diff import DocumentDiff, apply_ops, check_ops, diff_documents
from reportaudit.diff.render_html import render_html
from reportaudit.diff.render_json import SCHEMA, diff_to_dict, render_json
from reportaudit.diff.render_text import render_text
from reportaudit.diff.view import visible_sections
from reportaudit.i18n import set_language
from reportaudit.structure import parse

FIX = Path(__file__).parent / "fixtures"


def text_of(diff: DocumentDiff, width: int = 120, **kw) -> str:
    """The terminal diff in English (these tests read its wording; the Chinese one is
    checked in tests/cli/test_cli_language.py)."""
    buf = io.StringIO()
    set_language("en")
    try:
        Console(file=buf, width=width, color_system=None).print(
            render_text(diff, color=False, **kw)
        )
    finally:
        set_language(None)
    return buf.getvalue()


@pytest.fixture(scope="module")
def revision() -> DocumentDiff:
    a = (FIX / "center_2021_v1.txt").read_text(encoding="utf-8")
    b = (FIX / "center_2021_v2.txt").read_text(encoding="utf-8")
    return diff_documents(parse(a), parse(b))


HOSTILE_A = "某单位\n2021年度绩效自评报告\n一、基本情况\n本年度预算100万元，执行率100%。\n"
HOSTILE_B = (
    "某单位\n2021年度绩效自评报告\n一、基本情况\n"
    "本年度预算120万元[bold red]假[/bold red]\x1b[2J\x1b]0;pwned\x07<script>alert(1)</script>"
    "&amp;，执行率100%。\n"
)


@pytest.fixture(scope="module")
def hostile() -> DocumentDiff:
    return diff_documents(parse(HOSTILE_A), parse(HOSTILE_B))


def test_text_summary_first_then_figures(revision: DocumentDiff) -> None:
    out = text_of(revision)
    lines = out.splitlines()
    assert lines[1].strip().startswith("Sections: 1 added, 0 removed, 3 changed, 0 moved")
    assert "745.3万元 → 800万元" in out and "100% → 93.85%" in out
    assert out.index("Figure changes") < out.index("== ")
    assert "[-主要-]{+分管+}" in out  # plain output marks changes without colour


def test_text_numbers_only(revision: DocumentDiff) -> None:
    out = text_of(revision, numbers_only=True)
    assert "745.3万元 → 800万元" in out
    assert "== " not in out and "分管" not in out


def test_text_side_by_side_has_both_sides(revision: DocumentDiff) -> None:
    out = text_of(revision, width=400, side_by_side=True, a_label="OLD", b_label="NEW")
    assert "OLD" in out and "NEW" in out
    row = next(line for line in out.splitlines() if "负责同志" in line)
    left, right = row.split("│")[1:3]
    assert "由[-主要-]负责" in left and "分管" not in left
    assert "由{+分管+}负责" in right and "主要" not in right


def test_text_colour_only_when_asked(revision: DocumentDiff) -> None:
    buf = io.StringIO()
    Console(file=buf, width=120, force_terminal=True, color_system="standard").print(
        render_text(revision, color=True)
    )
    coloured = buf.getvalue()
    assert "\x1b[" in coloured and "{+分管+}" not in coloured
    assert "\x1b[" not in text_of(revision)


def test_text_ignore_numbers_hides_figure_only_pairs() -> None:
    a = (FIX / "center_2021_v1.txt").read_text(encoding="utf-8")
    b = (FIX / "center_2022.txt").read_text(encoding="utf-8")
    loud = text_of(diff_documents(parse(a), parse(b)))
    quiet = text_of(diff_documents(parse(a), parse(b), ignore_numbers=True))
    assert "812.4" in loud and "== " in loud
    assert "812.4" not in quiet and "== " not in quiet
    assert "hidden (--ignore-numbers)" in quiet


def test_terminal_output_is_inert(hostile: DocumentDiff) -> None:
    buf = io.StringIO()
    Console(file=buf, width=200, force_terminal=True, color_system="standard").print(
        render_text(hostile, color=True)
    )
    out = buf.getvalue()
    assert "[bold red]假[/bold red]" in out  # markup printed literally, not interpreted
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out
    buf = io.StringIO()
    Console(file=buf, width=200, force_terminal=True, color_system="standard").print(
        render_text(hostile, color=True, side_by_side=True, a_label="[red]A\x1b[5m", b_label="B")
    )
    side = buf.getvalue()
    assert "[red]A␛[5m" in side and "\x1b[5m" not in side  # the escape is shown, not obeyed
    # the columns fold long lines: the markup is there literally, perhaps split over lines
    folded = "".join(line.strip("│ ") for line in side.splitlines())
    assert "[bold red]假[/bold red]" in folded or "[bold red]" in side


def test_html_escapes_and_is_self_contained(hostile: DocumentDiff, revision: DocumentDiff) -> None:
    page = render_html(hostile, a_label="<a>", b_label="b&")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;a&gt;" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no network
    assert "<link" not in page and "@import" not in page
    full = render_html(revision)
    # figures and ids never split: no break-all; Chinese still wraps between characters
    assert "break-all" not in full and "overflow-wrap: break-word" in full
    # the whole document: every section, unchanged ones folded but present
    assert full.count("<details") == sum(
        1 for sp in revision.sections if sp not in visible_sections(revision)
    )
    assert "@page { size: A4" in full
    targets = re.findall(r'href="#(s\d+)"', full)
    assert targets and all(f'id="{t}"' in full for t in targets)
    assert "由<del>主要</del>负责" in full and "由<ins>分管</ins>负责" in full


def test_json_follows_documented_structure(revision: DocumentDiff) -> None:
    a = (FIX / "center_2021_v1.txt").read_text(encoding="utf-8")
    b = (FIX / "center_2021_v2.txt").read_text(encoding="utf-8")
    data = json.loads(render_json(revision, meta={"a_revision": 1}))
    assert data["schema"] == SCHEMA and data["meta"] == {"a_revision": 1}
    assert set(data) >= {"summary", "sections", "ops", "figures", "moves", "degraded"}
    rebuilt = "".join(
        a[op["a"][0] : op["a"][1]] if op["kind"] == "equal" else op["text"]
        for op in data["ops"]
        if op["kind"] != "delete"
    )
    assert rebuilt == b
    for sec in data["sections"]:
        for pp in sec["paragraphs"]:
            if pp["ops"] is None:
                continue
            first, end = pp["ops"]
            ops = data["ops"][first:end]
            if pp["status"] != "added":
                assert (
                    "".join(o["text"] for o in ops if o["kind"] != "insert")
                    == a[pp["a"][0] : pp["a"][1]]
                )
            if pp["status"] != "removed":
                assert (
                    "".join(o["text"] for o in ops if o["kind"] != "delete")
                    == b[pp["b"][0] : pp["b"][1]]
                )
    fig = data["figures"][0]
    assert fig["a"]["value"] == "745.3" and fig["b"]["value"] == "800"
    assert a[fig["a"]["offsets"][0] : fig["a"]["offsets"][1]] == "745.3万元"


def test_json_documented_fields_match_docs() -> None:
    """Every top-level and summary field the code writes is named in docs/diff-json.md."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "diff-json.md").read_text("utf-8")
    d = diff_to_dict(diff_documents(parse(HOSTILE_A), parse(HOSTILE_B)))
    for key in list(d) + list(d["summary"]) + list(d["summary"]["sections"]):
        assert f'"{key}"' in doc or f"`{key}`" in doc, key


LONG_A = (
    "一、基本情况\n"
    + "".join(f"第{i}项工作按计划推进，完成投资{i}万元；" for i in range(400))
    + "\n"
)
LONG_B = LONG_A.replace("工作按计划推进", "工作基本按计划推进").replace("完成投资1", "完成投资9")


def test_degraded_diff_says_so_everywhere() -> None:
    """A passage diff that hits the timeout is exact but flagged, in every output."""
    diff = diff_documents(parse(LONG_A), parse(LONG_B), timeout=1e-9)
    assert apply_ops(LONG_A, diff) == LONG_B
    assert check_ops(LONG_A, LONG_B, diff.ops) == []
    assert diff.degraded and "gave up" in diff.degraded[0]
    assert "WARNING: degraded diff" in text_of(diff)
    assert "比对降级" in render_html(diff)  # Chinese by default
    assert json.loads(render_json(diff))["degraded"] == list(diff.degraded)
    normal = diff_documents(parse(LONG_A), parse(LONG_B))
    assert normal.degraded == ()
    assert normal.summary.chars_deleted < diff.summary.chars_deleted


def test_numbers_only_in_json_and_html(revision: DocumentDiff) -> None:
    data = json.loads(render_json(revision, numbers_only=True))
    assert "sections" not in data and "ops" not in data
    assert [(f["a"]["raw"], f["b"]["raw"]) for f in data["figures"]] == [
        ("745.3万元", "800万元"),
        ("100%", "93.85%"),
    ]
    page = render_html(revision, numbers_only=True)
    assert "<del>745.3万元</del>" in page and "分管" not in page
