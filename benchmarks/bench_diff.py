"""Benchmark: diff two ~20,000-character reports (target: under 200 ms on 2 cores).

Why a script and not a timed test: timings depend on the machine; the test suite must stay
deterministic. Run:

    /work/venv/bin/python benchmarks/bench_diff.py [--chars 20000] [--repeat 15]

Reports are generated (fixed seed) in the genre's shape: numbered sections with long
single-line paragraphs full of figures. B is A revised the way revisions go: figures
changed, sentences edited, paragraphs inserted/deleted/moved, a section inserted (which
renumbers the later ones). A second scenario edits far more (every third paragraph), and a
third runs on the real corpus when ../shared/corpus exists.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from reportaudit.diff import apply_ops, diff_documents
from reportaudit.figures import clear_figure_cache
from reportaudit.structure import parse

CN = "一二三四五六七八九十"
CLAUSES = [
    "按照年度工作安排组织开展专项检查",
    "资金使用符合财务制度规定",
    "项目实施进度总体正常",
    "服务对象满意度稳步提升",
    "严格执行政府采购程序",
    "建立健全内部控制制度并定期开展自查",
    "强化预算执行动态监控",
    "存在个别指标设置不够细化的问题",
    "下一步将进一步规范资金管理",
    "完成年度既定目标任务",
    "对照绩效目标逐项开展评价",
    "加强与相关部门的沟通协调",
]
TITLES = [
    "部门基本情况",
    "绩效自评工作开展情况",
    "预算执行情况",
    "绩效目标完成情况",
    "项目支出绩效情况",
    "偏离绩效目标的原因及改进措施",
    "自评结果应用情况",
    "其他需要说明的问题",
    "资金到位情况",
    "资金使用情况",
    "产出指标完成情况",
    "效益指标完成情况",
    "满意度指标完成情况",
]


def sentence(rng: random.Random) -> str:
    """One clause with a figure, the way these reports read."""
    c = rng.choice(CLAUSES)
    k = rng.randrange(4)
    if k == 0:
        return f"{c}，安排资金{rng.randrange(1, 9999)}.{rng.randrange(100)}万元"
    if k == 1:
        return f"{c}，执行率{rng.randrange(60, 101)}%"
    if k == 2:
        return f"{c}，开展活动{rng.randrange(1, 80)}场次"
    return f"{c}，截至2022年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日"


def paragraph(rng: random.Random) -> str:
    return "；".join(sentence(rng) for _ in range(rng.randrange(3, 14))) + "。"


def make_report(rng: random.Random, chars: int) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(top title, [(child title, [paragraphs])])] with about ``chars`` characters."""
    out: list[tuple[str, list[tuple[str, list[str]]]]] = []
    total = 0
    while total < chars:
        children = []
        for _ in range(rng.randrange(1, 5)):
            paras = [paragraph(rng) for _ in range(rng.randrange(1, 4))]
            total += sum(len(p) for p in paras)
            children.append((rng.choice(TITLES), paras))
        out.append((rng.choice(TITLES), children))
    return out


def render(rep: list[tuple[str, list[tuple[str, list[str]]]]]) -> str:
    lines = ["某某县示范单位", "2022年度部门整体支出绩效自评报告", ""]
    for i, (title, children) in enumerate(rep):
        lines.append(f"{CN[i % 10]}、{title}" if i < 10 else f"十{CN[i % 10]}、{title}")
        for j, (ctitle, paras) in enumerate(children):
            lines.append(f"（{CN[j % 10]}）{ctitle}")
            lines.extend(paras)
    return "\n".join(lines) + "\n"


def revise(rng: random.Random, rep, heavy: bool):
    """A plausible revision: figure changes, edits, insert/delete/move, a new section."""
    import copy

    rep = copy.deepcopy(rep)
    paras = [
        (ci, cj, k)
        for ci, (_t, ch) in enumerate(rep)
        for cj, (_u, ps) in enumerate(ch)
        for k in range(len(ps))
    ]
    step = 3 if heavy else 9
    for ci, cj, k in paras[::step]:
        p = rep[ci][1][cj][1][k]
        cut = rng.randrange(len(p))
        p = p[:cut] + rng.choice(["经复核", "进一步", "全面"]) + p[cut:]
        p = p.replace("万元", "0万元", 1)
        rep[ci][1][cj][1][k] = p
    ci, cj = rng.randrange(len(rep)), 0
    rep[ci][1][cj][1].insert(0, paragraph(rng))  # insert
    ci2 = rng.randrange(len(rep))
    if len(rep[ci2][1][0][1]) > 1:
        rep[ci2][1][0][1].pop()  # delete
    src = rep[rng.randrange(len(rep))][1][-1][1]
    if src:
        moved = src.pop(0)
        rep[rng.randrange(len(rep))][1][0][1].append(moved)  # move
    rep.insert(1, ("新增重点工作情况", [("主要做法", [paragraph(rng)])]))  # renumber
    return rep


def bench(label: str, a: str, b: str, repeat: int) -> float:
    da, db = parse(a), parse(b)
    t0 = time.perf_counter()
    parse(a), parse(b)
    t_parse = time.perf_counter() - t0
    times = []
    cpu = []
    diff = None
    for _ in range(repeat):
        clear_figure_cache()  # cold every time: no help from earlier runs
        t0, c0 = time.perf_counter(), time.process_time()
        diff = diff_documents(da, db)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    assert diff is not None and apply_ops(a, diff) == b
    s = diff.summary
    print(
        f"{label}: A {len(a)} chars, B {len(b)} chars, {len(da.sections)}/{len(db.sections)} "
        f"sections, {len(da.paragraphs)}/{len(db.paragraphs)} paragraphs"
    )
    print(
        f"  diff_documents: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms over {repeat} runs; "
        f"CPU median {statistics.median(cpu) * 1000:.1f} ms; parse both: {t_parse * 1000:.1f} ms"
    )
    print(
        f"  summary: +{s.sections_added} -{s.sections_removed} ~{s.sections_changed} "
        f"moved {s.sections_moved} renumbered {s.sections_renumbered}; paragraphs "
        f"+{s.paragraphs_added} -{s.paragraphs_removed} ~{s.paragraphs_changed} "
        f"moved {s.paragraphs_moved}; figures {s.figure_changes}; unchanged "
        f"{s.unchanged_share:.1%}; degraded {len(diff.degraded)}"
    )
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rep = make_report(rng, args.chars)
    a = render(rep)
    worst = bench("typical revision", a, render(revise(rng, rep, heavy=False)), args.repeat)
    worst = max(
        worst, bench("heavy revision", a, render(revise(rng, rep, heavy=True)), args.repeat)
    )
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if texts:
        big = "\n".join(texts)
        edited = big.replace("万元", "0万元").replace("100%", "99%")
        worst = max(
            worst, bench("real corpus, all files joined, figures edited", big, edited, args.repeat)
        )
    print(f"worst median {worst * 1000:.1f} ms (target < 200 ms)")
    return 0 if worst < 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
