"""Two-person sign-off (编制人 / 复核人) and the 索引号 of papers and findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from export_helpers import findings_json, parse_html, run

from reportaudit.errors import NotFoundError
from reportaudit.services.signoff import (
    SignOffError,
    record_signoff,
    resolve_subject,
    signoff_problems,
    store_tag,
)
from reportaudit.services.workpaper import verify_export
from reportaudit.store import append_event, open_store


def _paper_index(store: Path) -> str:
    """The findings paper's index number, as the HTML export prints it."""
    out = store.parent / "probe.html"
    run(store, "export", "findings", "-o", str(out))
    doc = parse_html(out)
    return str(doc.xpath("//table[@class='dg-head']//td[@class='id']")[0].text_content())


def test_preparer_then_a_different_reviewer_and_the_paper_shows_both(
    store_path: Path, tmp_path: Path
) -> None:
    """The reviewer cannot be the preparer; an export made before the sign-offs says it was
    unsigned (and still verifies); one made after shows who signed when and the conclusion."""
    index = _paper_index(store_path)
    before = tmp_path / "before.html"
    run(store_path, "export", "findings", "-o", str(before))

    said = run(store_path, "signoff", index, "--role", "reviewer", actor="李四", code=1)
    assert "须编制人先签" in said
    run(store_path, "signoff", index, "--role", "preparer", actor="张三")
    said = run(store_path, "signoff", index, "--role", "reviewer", actor="张三", code=1)
    assert "不能是编制人本人" in said
    said = run(
        store_path,
        *("signoff", index, "--role", "reviewer", "--conclusion", "复用属实，已要求整改"),
        actor="李四",
    )
    assert "李四" in said and "复核人" in said

    after = tmp_path / "after.html"
    run(store_path, "export", "findings", "-o", str(after))
    head = parse_html(after).xpath("//table[@class='dg-head']")[0].text_content()
    assert "张三" in head and "李四" in head and "复用属实，已要求整改" in head
    assert "未签署" not in head
    old = parse_html(before).xpath("//table[@class='dg-head']")[0].text_content()
    assert old.count("导出时未签署") == 2  # the earlier file says what was true then
    store = open_store(store_path)
    assert verify_export(store, before)[0] and verify_export(store, after)[0]
    assert signoff_problems(store) == []


def test_finding_index_is_stable_across_rescans_and_accepted_by_review(
    store_path: Path, tmp_path: Path
) -> None:
    """A finding's 索引号 is the store's tag plus its id: the same after a rescan and in a
    copy of the store; `review` and `signoff` take it; another store's index is refused."""
    store = open_store(store_path)
    tag = store_tag(store)
    f = findings_json(store_path)[0]
    index = f"{tag}-{f['id']}"
    out = tmp_path / "a.csv"
    run(store_path, "export", "findings", "-o", str(out))
    assert index in out.read_text("utf-8-sig")
    run(store_path, "scan")
    assert any(x["id"] == f["id"] for x in findings_json(store_path))
    assert resolve_subject(store, index).finding_id == f["id"]
    run(store_path, "review", index, "--status", "confirmed", "--note", "按索引号复核")
    assert "确认复制" in run(store_path, "review", f["id"])  # the status in Chinese
    run(store_path, "signoff", index, "--role", "preparer", actor="张三")
    run(store_path, "signoff", f["id"], "--role", "reviewer", actor="李四")
    html = tmp_path / "b.html"
    run(store_path, "export", "findings", "-o", str(html))
    card = (
        parse_html(html)
        .xpath(f"//div[@class='finding'][.//code[text()='{index}']]")[0]
        .text_content()
    )
    assert "编制人 张三" in card and "复核人 李四" in card
    other = tmp_path / "other.db"
    shutil.copyfile(store_path, other)
    assert store_tag(open_store(other)) == tag  # a copy is the same store
    with pytest.raises(NotFoundError, match="其他数据库"):
        resolve_subject(store, "RA000000-" + f["id"])


def test_verify_names_a_sign_off_that_breaks_the_rule(store_path: Path) -> None:
    """A sign-off event written around the service (reviewer = preparer) is reported by the
    rule check, although the chain itself is intact."""
    store = open_store(store_path)
    f = findings_json(store_path)[0]
    record_signoff(store, f["id"], role="preparer", actor="张三")
    try:
        record_signoff(store, f["id"], role="reviewer", actor="张三")
        raise AssertionError("the service let the preparer review")
    except SignOffError:
        pass
    with store.transaction() as s:
        append_event(
            s,
            actor="张三",
            action="signoff",
            subject=f"finding:{f['id']}",
            details={"role": "reviewer", "index": "x", "conclusion": None},
        )
    problems = signoff_problems(store)
    assert len(problems) == 1 and "张三" in problems[0]
