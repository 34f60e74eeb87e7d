"""Generated reports in the genre's shape, and random edits on them, for property tests.

Why a model (not text surgery): edits like "insert a top-level section" must renumber every
later heading (三、 becomes 四、) exactly as a real revision would, so reports are kept as a
nested list and rendered with numbering computed at render time. The phrases below are
written for these tests, not taken from any real report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

CN = "一二三四五六七八九十"
PHRASES = [
    "按照年度工作安排",
    "组织开展专项检查",
    "资金使用符合财务制度规定",
    "项目实施进度总体正常",
    "服务对象满意度稳步提升",
    "严格执行政府采购程序",
    "及时足额拨付到位",
    "建立健全内部控制制度",
    "强化预算执行动态监控",
    "存在个别指标设置不够细化的问题",
    "下一步将进一步规范资金管理",
    "完成年度既定目标任务",
]
TITLES = [
    "部门基本情况",
    "绩效自评工作开展情况",
    "预算执行情况",
    "绩效目标完成情况",
    "偏离绩效目标的原因及改进措施",
    "自评结果应用情况",
    "其他需要说明的问题",
    "主要职能",
    "机构设置",
    "资金到位情况",
    "资金使用情况",
    "产出指标完成情况",
    "效益指标完成情况",
]


@dataclass
class Sec:
    """One heading with its paragraphs and child headings."""

    title: str
    paras: list[str] = field(default_factory=list)
    children: list[Sec] = field(default_factory=list)


def render(report: list[Sec]) -> str:
    """Report text: title lines, then 一、/（一）headings numbered by position."""
    lines = ["某某县示范单位", "2022年度部门整体支出绩效自评报告", ""]
    for i, top in enumerate(report):
        lines.append(f"{CN[i % 10]}、{top.title}")
        lines.extend(top.paras)
        for j, child in enumerate(top.children):
            lines.append(f"（{CN[j % 10]}）{child.title}")
            lines.extend(child.paras)
    return "\n".join(lines) + "\n"


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """A sentence or three of report prose with amounts, percentages, counts and dates."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(st.sampled_from(PHRASES)))
        kind = draw(st.integers(0, 4))
        if kind == 1:
            parts.append(f"共安排资金{draw(st.integers(1, 9999))}.{draw(st.integers(0, 99))}万元")
        elif kind == 2:
            parts.append(f"执行率{draw(st.integers(50, 100))}%")
        elif kind == 3:
            parts.append(f"开展活动{draw(st.integers(1, 60))}场次")
        elif kind == 4:
            parts.append(f"截至2022年{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日")
    return "，".join(parts) + "。"


@st.composite
def report(draw: st.DrawFn) -> list[Sec]:
    """A report of 2-6 top sections, some with (一)(二) children."""
    out = []
    titles = draw(st.permutations(TITLES))
    k = 0
    for _ in range(draw(st.integers(2, 6))):
        top = Sec(titles[k % len(titles)], draw(st.lists(paragraph(), max_size=3)))
        k += 1
        for _ in range(draw(st.integers(0, 3))):
            child = Sec(
                titles[k % len(titles)], draw(st.lists(paragraph(), min_size=1, max_size=3))
            )
            k += 1
            top.children.append(child)
        out.append(top)
    return out


def all_secs(rep: list[Sec]) -> list[Sec]:
    """Every section, top-level and children, in document order."""
    out: list[Sec] = []
    for top in rep:
        out.append(top)
        out.extend(top.children)
    return out


EDITS = (
    "insert_para",
    "delete_para",
    "move_para",
    "edit_figure",
    "edit_prose",
    "renumber",
    "move_section",
    "delete_section",
    "reword_heading",
)


def apply_edit(rep: list[Sec], kind: str, r: int, new_para: str) -> None:
    """Apply one edit of ``kind`` in place; ``r`` picks positions deterministically."""
    secs = all_secs(rep)
    with_paras = [s for s in secs if s.paras]
    if kind == "insert_para":
        s = secs[r % len(secs)]
        s.paras.insert(r % (len(s.paras) + 1), new_para)
    elif kind == "delete_para" and with_paras:
        s = with_paras[r % len(with_paras)]
        del s.paras[r % len(s.paras)]
    elif kind == "move_para" and with_paras:
        s = with_paras[r % len(with_paras)]
        p = s.paras.pop(r % len(s.paras))
        t = secs[(r // 7) % len(secs)]
        t.paras.insert((r // 3) % (len(t.paras) + 1), p)
    elif kind in ("edit_figure", "edit_prose") and with_paras:
        s = with_paras[r % len(with_paras)]
        i = r % len(s.paras)
        if kind == "edit_figure":
            s.paras[i] = s.paras[i].replace("万元", "0万元", 1).replace("%", ".5%", 1)
        else:
            s.paras[i] = (
                s.paras[i][: len(s.paras[i]) // 2] + "经研究" + s.paras[i][len(s.paras[i]) // 2 :]
            )
    elif kind == "renumber":
        rep.insert(r % (len(rep) + 1), Sec("新增重点工作情况", [new_para]))
    elif kind == "move_section" and len(rep) > 1:
        top = rep.pop(r % len(rep))
        rep.insert((r // 5) % (len(rep) + 1), top)
    elif kind == "delete_section" and len(rep) > 1:
        del rep[r % len(rep)]
    elif kind == "reword_heading":
        s = secs[r % len(secs)]
        s.title = s.title.replace("情况", "工作情况", 1) if "情况" in s.title else s.title + "说明"
