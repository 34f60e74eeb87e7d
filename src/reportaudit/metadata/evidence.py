"""Where else a report says who wrote it and for which year, when its title does not.

In the order a reader looks: cover-page fields (单位名称: …, 评价年度: 2024), the preamble
sentence that names the report (现将2022年西平县交通运输局…绩效自评总结报告如下), a name the text
defines (湖北残疾人联合会(以下简称"省残联")), a sentence that states it (预算单位海口国家
高新区管委会, 项目业主为…), the organisation the body keeps naming as its subject (and calls
我处/我局), the signature at the end, the file name. Each reading is a ``Candidate`` with its
source; none of these is certain except a cover field, which is the form's own answer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reportaudit.metadata.lexicon import Names
from reportaudit.structure.frontmatter import FrontMatter

_CJK = "\u4e00-\u9fff"
_PREAMBLE_TITLE = re.compile(
    rf"现将([{_CJK}（）()\d—\-～~\s]{{6,90}}?(?:报告|总结|结果))(?:的有关情况)?(?:报告)?如下"
)
_ALIAS = re.compile(
    rf"([{_CJK}（）()]{{3,30}})[（(]以下简称[“\"”‘']?([{_CJK}]{{2,12}})[”\"’']?[)）]"
)
_STATED = re.compile(
    rf"(?:预算单位|项目单位|实施单位|项目实施单位|项目业主|业主单位|项目主管部门|主管部门|"
    rf"报告单位|填报单位)(?:为|是|:|：)?\s*([{_CJK}（）()]{{3,30}})"
)
_CLAUSE = re.compile(r"[，,。；;：:！？!?\n（）()“”\"《》〈〉<>、\s]+")
_LEAD_WORDS = re.compile(
    r"^(?:\d{4}年度?|根据|按照|依据|据|经|由|对|向|在|将|为了|为|是|与|和|及|受|通过|会同|当年|本年度?|今年|全年)+"
)
_CITED_AFTER = re.compile(r"^(?:关于|印发|下达|下发|文件|转发|通知|办法|规定|《)")
_SELF = re.compile(r"我(单位|局|处|校|院|中心|委|办|所|站|馆|部|厅|会|队|园|镇|乡|街道)")
_BODY_YEAR = re.compile(r"((?:19|20)\d{2})\s*(年度|年)(?!\s*\d{1,2}\s*月)")
_EXCLUDED_SPANS = re.compile(r"《[^》]{0,80}》|[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]")

BODY_CHARS = 3000
"""How much of the text the body readings look at (the opening is where reports say it)."""


@dataclass(frozen=True)
class Candidate:
    """One reading of a field: the value, where it came from, how sure, and why."""

    value: str
    source: str
    certain: bool
    note: str = ""


def cover_units(front: FrontMatter, names: Names) -> list[Candidate]:
    """Unit names from cover fields: the unit's own field first, its supervisor after."""
    out: list[Candidate] = []
    for role in ("unit", "supervisor"):
        for f in front.cover:
            if f.role != role:
                continue
            value = _clean_name(f.value)
            if not value or names.is_placeholder(value) or names.is_evaluator(value):
                continue
            if not (names.is_unit(value) or value.endswith(names.town_suffixes)):
                continue
            out.append(Candidate(value, "cover", role == "unit", f"cover field {f.label}"))
    return out


def cover_years(front: FrontMatter) -> list[Candidate]:
    """Evaluated years stated in cover fields (评价年度: 2024)."""
    out = []
    for f in front.cover:
        if f.role == "year":
            m = re.search(r"(?:19|20)\d{2}", f.value)
            if m:
                out.append(Candidate(m.group(), "cover", True, f"cover field {f.label}"))
    return out


def cover_projects(front: FrontMatter, names: Names) -> list[str]:
    """Project names stated in cover fields (项目名称: …)."""
    return [
        f.value.strip()
        for f in front.cover
        if f.role == "project" and f.value.strip() and not names.is_placeholder(f.value)
    ]


def preamble_title(text: str) -> str | None:
    """The report's name inside its opening sentence (现将…报告如下)."""
    m = _PREAMBLE_TITLE.search(text[:BODY_CHARS])
    return m.group(1) if m else None


def defined_units(text: str, names: Names, *, evaluating: bool) -> list[Candidate]:
    """Organisations the text defines a short name for (…(以下简称"省残联")); with
    ``evaluating``, only those whose sentence says they carried out the evaluation."""
    out = []
    head = text[:BODY_CHARS]
    for m in _ALIAS.finditer(head):
        long_form = _named_before(m.group(1), names)
        if long_form is None or names.is_evaluator(long_form):
            continue
        sentence = head[m.end() : m.end() + 120].split("。")[0]
        if evaluating and not re.search(r"自评|评价", sentence):
            continue
        out.append(Candidate(long_form, "preamble", False, f"defined as “{m.group(2)}”"))
    return out


def stated_units(text: str, names: Names, *, at_least: int = 1) -> list[Candidate]:
    """Organisations sentences state as the budget unit or project owner (stated
    ``at_least`` times)."""
    counts: Counter[str] = Counter()
    for m in _STATED.finditer(text[:BODY_CHARS]):
        name = names.unit_at_start(m.group(1))
        if name and not names.is_evaluator(name):
            counts[name] += 1
    return [
        Candidate(name, "body", False, f"stated {n}× as the budget unit or owner")
        for name, n in counts.most_common()
        if n >= at_least
    ]


def subject_units(text: str, names: Names) -> list[Candidate]:
    """The organisation the opening keeps naming as its subject (most often, and the one
    the text calls 我处/我局…)."""
    head = _EXCLUDED_SPANS.sub("，", text[:BODY_CHARS])
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for pos, clause in _clauses(head):
        clause = _strip_lead(clause)
        name = _leading_unit(clause, names)
        if name is None:
            continue
        rest = clause[len(name) :]
        if _CITED_AFTER.match(rest):
            continue
        counts[name] += 1
        first.setdefault(name, pos)
    if not counts:
        return []
    selves = {m.group(1) for m in _SELF.finditer(head)}

    def score(name: str) -> tuple[int, int, int]:
        self_ref = any(name.endswith(s) or (s == "校" and name.endswith("学")) for s in selves)
        return (
            counts[name] + 2 * self_ref + (names.region_prefix(name) is not None),
            -first[name],
            0,
        )

    best = max(counts, key=score)
    if score(best)[0] < 2:
        return []
    return [Candidate(best, "body", False, f"named {counts[best]}× as the subject")]


def signature_unit(paragraphs: list[str], names: Names) -> Candidate | None:
    """The unit that signs the report (a short last line ending in an organisation)."""
    for text in reversed(paragraphs[-4:]):
        t = text.strip()
        if len(t) <= 30 and "。" not in t and names.is_unit(t) and not names.is_placeholder(t):
            return Candidate(t, "signature", False, "the signature")
    return None


def body_year(text: str, *, skip: frozenset[int] = frozenset()) -> Candidate | None:
    """The year the opening talks about most (20xx年度 counts double), never a document
    number (〔2019〕), a cited title (《…2023年…》) or a date (2019年7月)."""
    head = _EXCLUDED_SPANS.sub("，", text[:BODY_CHARS])
    votes: Counter[int] = Counter()
    for m in _BODY_YEAR.finditer(head):
        year = int(m.group(1))
        if year in skip:
            continue
        votes[year] += 2 if m.group(2) == "年度" else 1
    if not votes:
        return None
    year, n = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return Candidate(str(year), "body", False, f"the year the text names most ({n} mentions)")


def _clauses(text: str) -> list[tuple[int, str]]:
    """Clauses with their offsets (split at punctuation and line breaks)."""
    out, pos = [], 0
    for m in _CLAUSE.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def _strip_lead(text: str) -> str:
    """A name without the function words and dates in front of it."""
    return _LEAD_WORDS.sub("", text.strip())


def _leading_unit(clause: str, names: Names) -> str | None:
    """The organisation a clause starts with."""
    return names.unit_at_start(clause)


def _named_before(text: str, names: Names) -> str | None:
    """The organisation named at the end of ``text`` (what a 以下简称 defines): the longest
    tail that starts with a region, else the whole text when it is a short name."""
    best = None
    for start in range(len(text) - 2, -1, -1):
        tail = text[start:]
        if names.is_unit(tail) and names.region_prefix(tail):
            best = tail
    if best is None:
        stripped = _strip_lead(text)
        if names.is_unit(stripped) and len(stripped) <= 14:
            best = stripped
    return best


def _clean_name(value: str) -> str:
    """A cover value without trailing furniture ((盖章), spaces)."""
    value = re.sub(r"[（(]\s*(?:盖章|公章|签章)\s*[)）]", "", value)
    return re.sub(r"\s+", "", value).strip("：:，,。")
