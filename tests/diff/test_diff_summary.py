"""One test per edit kind: the summary counts exactly that edit, and nothing else.

Why a fixed base report: each test applies one known edit, so the expected counts follow
from the edit itself (one paragraph added, one section moved, ...), not from a snapshot.
"""

from __future__ import annotations

import pytest
from diffgen import Sec, render

from reportaudit.diff import apply_ops, diff_documents
from reportaudit.structure import parse


def base() -> list[Sec]:
    """Four top sections, two with children; every paragraph distinct."""
    return [
        Sec(
            "部门基本情况",
            [],
            [
                Sec("主要职能", ["负责全县示范项目的组织实施和日常管理工作。"]),
                Sec("机构设置", ["内设科室4个，年末在职人员32人，其中专业技术人员18人。"]),
            ],
        ),
        Sec(
            "预算执行情况",
            [
                "年度部门预算收入745.3万元，实际支出745.3万元，预算执行率100%。",
                "基本支出512.6万元，主要用于人员工资和日常公用经费。",
                "项目支出232.7万元，主要用于示范推广和技术培训。",
            ],
        ),
        Sec(
            "绩效目标完成情况",
            [],
            [
                Sec("产出指标", ["全年组织技术培训12场次，培训基层人员860人次。"]),
                Sec("效益指标", ["服务对象满意度达到95%以上，带动农户增收效果明显。"]),
            ],
        ),
        Sec(
            "偏离绩效目标的原因及改进措施",
            ["个别项目因招标流程较长导致资金拨付滞后，下一步将提前做好采购准备。"],
        ),
    ]


def run(edited: list[Sec], *, ignore_numbers: bool = False):
    """Diff the base report against ``edited`` and check the ops are exact."""
    a, b = render(base()), render(edited)
    diff = diff_documents(parse(a), parse(b), ignore_numbers=ignore_numbers)
    assert apply_ops(a, diff) == b
    return diff.summary


ZERO = dict(
    sections_added=0,
    sections_removed=0,
    sections_changed=0,
    sections_moved=0,
    sections_renumbered=0,
    paragraphs_added=0,
    paragraphs_removed=0,
    paragraphs_changed=0,
    paragraphs_moved=0,
    figure_changes=0,
)


def counts(summary) -> dict[str, int]:
    return {k: getattr(summary, k) for k in ZERO}


def test_identical() -> None:
    s = run(base())
    assert counts(s) == ZERO
    assert s.unchanged_share == 1.0 and s.chars_inserted == s.chars_deleted == 0


def test_paragraph_inserted() -> None:
    rep = base()
    rep[1].paras.insert(1, "年中追加预算50万元，用于应急物资采购。")
    s = run(rep)
    # the new paragraph's figure is listed (— → 50万元)
    assert counts(s) == ZERO | dict(sections_changed=1, paragraphs_added=1, figure_changes=1)
    assert s.chars_inserted == len("年中追加预算50万元，用于应急物资采购。\n")


def test_paragraph_deleted() -> None:
    rep = base()
    del rep[1].paras[2]
    s = run(rep)
    # the removed paragraph's figure is listed (232.7万元 → —)
    assert counts(s) == ZERO | dict(sections_changed=1, paragraphs_removed=1, figure_changes=1)
    assert s.chars_deleted == len("项目支出232.7万元，主要用于示范推广和技术培训。\n")


def test_paragraph_moved_within_section() -> None:
    rep = base()
    rep[1].paras.append(rep[1].paras.pop(0))
    s = run(rep)
    assert counts(s) == ZERO | dict(sections_changed=1, paragraphs_moved=1)
    assert s.chars_inserted == s.chars_deleted == 0


def test_paragraph_moved_across_sections() -> None:
    rep = base()
    moved = rep[1].paras.pop(2)
    rep[3].paras.append(moved)
    s = run(rep)
    assert counts(s) == ZERO | dict(sections_changed=2, paragraphs_moved=1)


def test_figure_changed_and_ignore_numbers() -> None:
    rep = base()
    rep[1].paras[0] = rep[1].paras[0].replace("745.3万元", "800万元", 1).replace("100%", "93.85%")
    s = run(rep)
    assert counts(s) == ZERO | dict(sections_changed=1, paragraphs_changed=1, figure_changes=2)
    quiet = run(rep, ignore_numbers=True)
    assert counts(quiet) == ZERO
    assert quiet.unchanged_share == 1.0


def test_prose_edit() -> None:
    rep = base()
    rep[3].paras[0] = rep[3].paras[0].replace("提前做好", "统筹做好")
    s = run(rep)
    assert counts(s) == ZERO | dict(sections_changed=1, paragraphs_changed=1)
    assert s.chars_inserted == s.chars_deleted == 2
    assert counts(run(rep, ignore_numbers=True)) == counts(s)


def test_heading_renumbering_by_inserted_section() -> None:
    rep = base()
    rep.insert(1, Sec("资金管理情况", ["项目资金实行专账核算，未发现截留挪用现象。"]))
    s = run(rep)
    # 二、三、四 become 三、四、五: renumbered, not changed.
    assert counts(s) == ZERO | dict(sections_added=1, sections_renumbered=3, paragraphs_added=1)


def test_heading_reworded() -> None:
    rep = base()
    rep[2].children[1].title = "效益指标完成情况"
    s = run(rep)
    assert counts(s) == ZERO | dict(sections_changed=1)


def test_section_moved() -> None:
    rep = base()
    rep.append(rep.pop(1))  # 预算执行情况 to the end: renumbers the ones it passes
    s = run(rep)
    assert s.sections_moved == 1
    assert s.sections_added == s.sections_removed == s.sections_changed == 0
    assert s.paragraphs_moved == s.paragraphs_added == s.paragraphs_removed == 0


def test_section_with_children_moved_counts_once() -> None:
    rep = base()
    rep.insert(0, rep.pop(2))  # 绩效目标完成情况 and its two children to the front
    s = run(rep)
    assert s.sections_moved == 1
    assert s.sections_changed == s.sections_added == s.sections_removed == 0


@pytest.mark.parametrize("index", [0, 1, 3])
def test_section_deleted(index: int) -> None:
    rep = base()
    gone = rep.pop(index)
    s = run(rep)
    assert s.sections_removed == 1 + len(gone.children)
    assert s.paragraphs_removed == len(gone.paras) + sum(len(c.paras) for c in gone.children)
    assert s.sections_added == s.sections_changed == s.sections_moved == 0


def test_moved_section_is_not_edited_by_renumbering_alone() -> None:
    rep = base()
    rep.insert(0, rep.pop(2))
    a, b = render(base()), render(rep)
    d = diff_documents(parse(a), parse(b))
    (move,) = d.moves
    assert move.kind == "section" and move.edited is False
    assert move.a_section == "三、绩效目标完成情况" and move.b_section == "一、绩效目标完成情况"
    rep[0].children[0].paras[0] = rep[0].children[0].paras[0].replace("12场次", "14场次")
    edited = diff_documents(parse(a), parse(render(rep)))
    assert [m.edited for m in edited.moves] == [True]


def test_long_text_appended_to_a_paragraph_is_an_edit() -> None:
    """The old paragraph survives whole inside a much longer one: changed, not -1 +1."""
    rep = base()
    rep[3].paras[0] += "经复核，" + "相关项目已完成整改并建立长效机制，" * 8
    s = run(rep)
    assert counts(s) == ZERO | dict(sections_changed=1, paragraphs_changed=1)
    assert s.chars_deleted == 0


def test_paragraph_split_in_two() -> None:
    rep = base()
    first, second = rep[1].paras[0].split("，", 1)
    rep[1].paras[0:1] = [first + "。", second]
    s = run(rep)
    # The old paragraph pairs with its first half; the two figures now in the second half
    # left the paired passage but read the same in the new paragraph: nothing changed.
    assert counts(s) == ZERO | dict(
        sections_changed=1, paragraphs_changed=1, paragraphs_added=1, figure_changes=0
    )


def test_paragraph_rewritten_in_place_pairs_with_its_old_self() -> None:
    """One paragraph left over on each side between the same neighbours is an edit (as in
    Word's Compare), even when most of its words changed; unrelated text is not paired."""
    from reportaudit.diff import diff_texts

    head = "一、社会效益\n第一段保持不变，用于定位。\n"
    tail = "最后一段同样保持不变。\n"
    a = head + "通过户厕改造和村庄清洁行动，试点村人居环境明显改善，群众评价持续提升。\n" + tail
    b = (
        head
        + "户厕改造和村庄清洁行动在试点村全面铺开，试点村群众对人居环境的认可度不断提高。\n"
        + tail
    )
    summary = diff_texts(a, b).summary
    assert (summary.paragraphs_changed, summary.paragraphs_added, summary.paragraphs_removed) == (
        1,
        0,
        0,
    )
    c = head + "2024年起由县乡村振兴局统一组织验收。\n" + tail
    other = diff_texts(a, c).summary
    assert (other.paragraphs_changed, other.paragraphs_added, other.paragraphs_removed) == (0, 1, 1)
