"""Seeded synthetic corpus of self-evaluation reports with planted copies and ground truth.

Why: precision and recall of reuse detection can only be measured where the copies are
known. Each report follows the genre's structure (基本情况, 自评工作组织, 决算, project items
with 总体绩效目标 / 指标 / 偏离原因, 结果应用); background text is drawn from a genre
lexicon so unrelated reports share many short words (realistic near-misses). Planted:
- same unit across years: last year's deviation / overall-goal paragraph, edited, with
  the year updated or (stale) left unchanged;
- across units: whole paragraphs, or one or two sentences inserted into a fresh paragraph;
- within a report: a deviation paragraph repeated under a second project.
Edits change at most 15% of the characters (words swapped, dropped or inserted, a clause
added). Template sentences appear in a large share of all reports. The generator uses
``random.Random`` seeded with strings, so output is identical on every run and machine.

Usage: python -m benchmarks.corpusgen OUT_DIR N [SEED]
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.lexicon import (
    ADVERBS,
    AGENCIES,
    CLAUSES,
    CONNECTORS,
    NOUNS,
    PLACES,
    PROJECTS,
    VERBS,
)
from benchmarks.textbuild import Builder
from reportaudit.matching.normalize import fold_str

YEARS_PER_UNIT = 3
MAX_REUSE = 2
"""A source paragraph is copied into at most this many other units' reports (a copy is
text shared by few reports; text in many units is template by definition)."""
MIN_SENTENCE = 24
"""Shortest planted sentence copy, in folded characters (the detector reports >= 20)."""
FIRST_YEAR = 2021
CN = "一二三四五六七八九十"


def _clause(rng: random.Random) -> str:
    """One clause: [connector] [adverb] verb + 2-3 nouns [+ a figure]."""
    parts = []
    if rng.random() < 0.25:
        parts.append(rng.choice(CONNECTORS))
    if rng.random() < 0.4:
        parts.append(rng.choice(ADVERBS))
    parts.append(rng.choice(VERBS))
    parts.extend(rng.choice(NOUNS) for _ in range(rng.randint(2, 3)))
    r = rng.random()
    if r < 0.15:
        parts.append(f"{rng.randint(2, 300)}个")
    elif r < 0.25:
        parts.append(f"{rng.randint(1, 999)}.{rng.randint(1, 99)}万元")
    elif r < 0.32:
        parts.append(f"{rng.randint(60, 100)}%")
    return "".join(parts)


def sentence(rng: random.Random) -> str:
    """A sentence of 2-4 clauses ending in 。 (about 25-70 characters)."""
    clauses = [_clause(rng) for _ in range(rng.randint(2, 4))]
    return "，".join(clauses) + "。"


def paragraph(rng: random.Random, year: int | None = None, lo: int = 2, hi: int = 5) -> str:
    """A paragraph of ``lo``..``hi`` sentences, optionally opening with the year."""
    text = "".join(sentence(rng) for _ in range(rng.randint(lo, hi)))
    return f"{year}年，{text}" if year is not None else text


def edit(text: str, rate: float, rng: random.Random) -> str:
    """Change about ``rate`` of the characters: swap, drop or insert words, add a clause.

    Digits are left alone (numbers are masked anyway; years are handled by the caller).
    """
    budget = int(rate * len(text))
    chars = list(text)
    if budget >= 10 and rng.random() < 0.4:
        clause = rng.choice(CLAUSES)
        if len(clause) <= budget:
            at = [i for i, c in enumerate(chars) if c == "，"] or [len(chars)]
            pos = rng.choice(at)
            chars[pos:pos] = list(clause)
            budget -= len(clause)
    while budget > 0:
        op = rng.random()
        pos = rng.randrange(len(chars))
        if chars[pos].isdigit():
            continue
        if op < 0.5:
            word = rng.choice(NOUNS)
            n = min(len(word), budget, len(chars) - pos)
            chars[pos : pos + n] = list(word[:n])
            budget -= n
        elif op < 0.75:
            n = min(rng.randint(1, 2), budget)
            if any(c.isdigit() for c in chars[pos : pos + n]):
                continue
            del chars[pos : pos + n]
            budget -= n
        else:
            word = rng.choice(VERBS + ADVERBS)[: max(1, budget)]
            chars[pos:pos] = list(word)
            budget -= len(word)
    return "".join(chars)


def template_sentences(seed: int, n: int = 24) -> list[tuple[str, float]]:
    """Standard phrases shared across units, each with the share of reports using it."""
    rng = random.Random(f"{seed}:template")
    return [(sentence(rng), rng.uniform(0.25, 0.9)) for _ in range(n)]


@dataclass
class GenReport:
    """One generated report: identity, text, Document and the copies planted into it."""

    name: str
    unit: str
    year: int
    kind: str
    text: str
    document: Any
    planted: list[dict[str, Any]] = field(default_factory=list)
    templates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Source:
    """A paragraph another report may copy: where it is and what it says."""

    doc: str
    start: int
    end: int
    text: str
    section: str
    year: int = 0


def unit_name(u: int) -> str:
    """A deterministic fictional unit name."""
    return f"{PLACES[u % len(PLACES)]}县{AGENCIES[(u // len(PLACES)) % len(AGENCIES)]}{u:05d}"


def generate(n: int, seed: int = 7) -> Iterator[GenReport]:
    """Yield ``n`` reports in order; copies always come from earlier reports."""
    templates = template_sentences(seed)
    pool: dict[int, list[_Source]] = {}
    used: Counter[tuple[str, int]] = Counter()
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        rep = _one(i, rng, templates, pool, used)
        yield rep


def _one(
    i: int,
    rng: random.Random,
    templates: list[tuple[str, float]],
    pool: dict[int, list[_Source]],
    used: Counter[tuple[str, int]],
) -> GenReport:
    """Build report ``i`` (see the module docstring for what is planted)."""
    u, year = i // YEARS_PER_UNIT, FIRST_YEAR + i % YEARS_PER_UNIT
    unit, name = unit_name(u), f"r{i:05d}"
    b = Builder(f"{unit}\n{year}年度部门整体支出绩效自评报告\n\n")
    rep = GenReport(name, unit, year, "self_eval", "", None)
    use_t = [t for t, share in templates if rng.random() < share]
    rng.shuffle(use_t)
    prev = pool.get(i - 1) if i % YEARS_PER_UNIT else None
    others = [j for j in range(max(0, i - 5000), i) if j // YEARS_PER_UNIT != u]
    sources: list[_Source] = []

    def add(text: str, section: str, extra_template: bool = True) -> tuple[int, int]:
        """Add a paragraph, sometimes ending in a template sentence (recorded as such)."""
        if extra_template and use_t and rng.random() < 0.35:
            t = use_t.pop()
            s, e = b.para(text + t)
            rep.templates.append({"doc": name, "start": e - len(t), "end": e})
            return s, e - len(t)
        return b.para(text)

    def plant(
        src: _Source,
        text: str,
        start: int,
        end: int,
        kind: str,
        rel: str,
        rate: float,
        stale: bool = False,
    ) -> None:
        """Record a planted copy in the ground truth."""
        rep.planted.append(
            {
                "src": {"doc": src.doc, "start": src.start, "end": src.end},
                "dst": {"doc": name, "start": start, "end": end},
                "kind": kind,
                "relation": rel,
                "edit_rate": round(rate, 3),
                "stale": stale,
                "section": src.section,
            }
        )

    b.heading(1, "cn", "一、", 1, "基本情况", "basic_info")
    b.heading(2, "paren_cn", "（一）", 1, "部门职能", "basic_info")
    for _ in range(rng.randint(6, 10)):
        add(paragraph(rng, lo=1, hi=3), "basic_info")
    b.heading(2, "paren_cn", "（二）", 2, "机构设置及人员情况", "basic_info")
    add(paragraph(rng, year), "basic_info")
    b.heading(2, "paren_cn", "（三）", 3, "年度主要工作完成情况", "basic_info")
    for _ in range(rng.randint(30, 42)):
        add(paragraph(rng, lo=3, hi=7), "basic_info")
    b.heading(1, "cn", "二、", 2, "绩效自评工作组织开展情况", "process")
    s, e = add(paragraph(rng, year), "process")
    sources.append(_Source(name, s, e, b.text[s:e], "process", year))
    b.heading(1, "cn", "三、", 3, "部门决算情况", "accounts")
    add(paragraph(rng, year, 1, 3), "accounts")
    b.heading(1, "cn", "四、", 4, "部门预算项目支出绩效自评情况分析", "projects")
    across = rng.random() < 0.5 and others
    projects = rng.sample(PROJECTS, rng.randint(8, 10))
    first_dev: tuple[str, int, int] | None = None
    for p_i, proj in enumerate(projects):
        b.heading(2, "paren_cn", f"（{CN[p_i]}）", p_i + 1, f"{proj}项目", "projects")
        for num, (title, sec) in enumerate(
            [
                ("项目概况", "basic_info"),
                ("总体绩效目标完成情况分析", "overall_goal"),
                ("各项指标完成情况分析", "indicators"),
                ("偏离绩效目标的原因及下一步改进措施", "deviation"),
            ],
            start=1,
        ):
            b.heading(3, "arabic", f"{num}.", num, title, sec)
            src = None
            if p_i == 0 and prev and sec in ("deviation", "overall_goal") and rng.random() < 0.6:
                src = next((x for x in prev if x.section == sec), None)
            if src is not None:
                rate = rng.uniform(0.0, 0.15)
                keep_year = rng.random() < 0.3
                txt = src.text if keep_year else src.text.replace(f"{year - 1}", f"{year}")
                s, e = b.para(edit(txt, rate, rng))
                plant(
                    src,
                    "",
                    s,
                    e,
                    "paragraph",
                    "same_unit_across_years",
                    rate,
                    _names_year(b.text[s:e], src.year, year),
                )
            elif sec == "deviation" and p_i == 1 and first_dev and rng.random() < 0.25:
                rate = rng.uniform(0.0, 0.15)
                s, e = b.para(edit(first_dev[0], rate, rng))
                plant(
                    _Source(name, first_dev[1], first_dev[2], "", sec, year),
                    "",
                    s,
                    e,
                    "paragraph",
                    "within_report",
                    rate,
                )
            elif across and p_i == 1 and sec in ("overall_goal", "indicators"):
                j = rng.choice(others)
                cand = [x for x in pool.get(j) or [] if used[(x.doc, x.start)] < MAX_REUSE]
                src2 = rng.choice(cand) if cand else None
                if src2 is not None:
                    used[(src2.doc, src2.start)] += 1
                if src2 is not None and rng.random() < 0.5:
                    rate = rng.uniform(0.0, 0.15)
                    s, e = b.para(edit(src2.text, rate, rng))
                    plant(
                        src2,
                        "",
                        s,
                        e,
                        "paragraph",
                        "across_units",
                        rate,
                        _names_year(b.text[s:e], src2.year, year),
                    )
                elif src2 is not None:
                    _sentence_copy(b, rng, src2, year, plant)
                else:
                    add(paragraph(rng, year if sec == "deviation" else None), sec)
            else:
                s, e = add(
                    paragraph(rng, year if sec == "deviation" else None, 2, 6),
                    sec,
                    sec != "deviation",
                )
                if sec in ("deviation", "overall_goal") and p_i == 0:
                    sources.append(_Source(name, s, e, b.text[s:e], sec, year))
                if sec == "deviation" and p_i == 0:
                    first_dev = (b.text[s:e], s, e)
    b.heading(1, "cn", "五、", 5, "绩效自评结果拟应用和公开情况", "result_use")
    s, e = add(paragraph(rng), "result_use")
    sources.append(_Source(name, s, e, b.text[s:e], "result_use", year))
    for t in use_t:
        s, e = b.para(t)
        rep.templates.append({"doc": name, "start": s, "end": e})
    b.heading(1, "cn", "六、", 6, "其他需要说明的问题", "other")
    b.para("无。")
    pool[i] = sources
    rep.text, rep.document = b.text, b.document()
    return rep


def _names_year(copied: str, src_year: int, year: int) -> bool:
    """Ground truth for stale references: copied from an earlier year and still naming it."""
    return src_year < year and re.search(rf"(?<!\d){src_year}(?!\d)", copied) is not None


def _sentence_copy(b: Builder, rng: random.Random, src: _Source, year: int, plant: Any) -> None:
    """Insert one or two sentences of ``src`` (edited) into a fresh paragraph."""
    sents = [x + "。" for x in src.text.split("。") if x]
    k = rng.randint(0, max(0, len(sents) - 2))
    n_s = 1 if rng.random() < 0.6 or len(sents) < 2 else 2
    picked = "".join(sents[k : k + n_s])
    off = src.text.find(picked)
    if off < 0 or len(fold_str(picked)) < MIN_SENTENCE:
        b.para(paragraph(rng))
        return
    rate = rng.uniform(0.0, 0.15)
    before, after = paragraph(rng, lo=1, hi=2), paragraph(rng, lo=0, hi=2)
    copied = edit(picked, rate, rng)
    s, _ = b.para(before + copied + after)
    cs = s + len(before)
    span = _Source(
        src.doc, src.start + off, src.start + off + len(picked), "", src.section, src.year
    )
    plant(
        span,
        "",
        cs,
        cs + len(copied),
        "sentence",
        "across_units",
        rate,
        _names_year(copied, src.year, year),
    )


def write_corpus(out: Path, n: int, seed: int = 7) -> dict[str, Any]:
    """Write reports (text + Document JSON + metadata) and ``truth.json``; return the truth."""
    out.mkdir(parents=True, exist_ok=True)
    planted: list[dict[str, Any]] = []
    templates: list[dict[str, Any]] = []
    meta = []
    for rep in generate(n, seed):
        (out / f"{rep.name}.txt").write_text(rep.text, encoding="utf-8")
        doc = rep.document.to_dict()
        doc.update(unit=rep.unit, year=rep.year, kind=rep.kind)
        (out / f"{rep.name}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        planted.extend(rep.planted)
        templates.extend(rep.templates)
        meta.append(rep.name)
    truth = {"n": n, "seed": seed, "reports": meta, "planted": planted, "templates": templates}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), "utf-8")
    return truth


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 7)
