"""Foreign names: another unit's name standing where this report's own unit should be.

Why: a report copied from a colleague keeps the colleague's unit in its title, signature or
as the subject of the work ("河湾市生态环境局高度重视…"). Reports name other units all the
time as partners or authorities ("会同县财政局", "根据市财政局通知"), so a name only counts
when it is in the title block or signature, or when it is the subject of a sentence about
this report's own work. Names come from the store (every other unit imported), matched in
full (and without a leading 中共) so that a short generic suffix such as "财政局" never matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.reading import Reading
from reportaudit.checks.textutil import Sentence
from reportaudit.structure.model import Document

KIND = "foreign_name"

# Words before a name that make it a partner, authority or addressee, not the subject.
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:配合|会同|联合|协助|协调|向|与|和|及|同|根据|按照|依据|经|由|报送|报|送|在|联系|"
    r"商|请|协同|指导|督促|邀请|委托|对|为|支持|帮助|获评|参加|受|接受|收到|转发|印发|下达|"
    r"《|“|、)\s*$"
)
# What follows a name when it is the subject of this report's own work.
_SUBJECT_AFTER = re.compile(
    r"^(?:(?:19|20)\d\d\s*年度?)?\s*(?:高度重视|认真|严格|及时|积极|全面|切实|扎实|坚持|按照|根据|"
    r"本着|对|组织|成立|召开|开展|完成|实际|年初|全年|预算|决算|部门|单位|整体|内设|共有|现有|"
    r"核定|下设|机关|党组|领导班子|全体|干部职工|绩效自评|自评|项目支出|主要职能|职能|基本情况|"
    r"是|为)"
)
# The report's own unit named in the first person after the name: the other unit acts on
# this one ("市财政局对我局…进行了评价"), it does not do this report's work.
_FIRST_PERSON = re.compile(
    r"我局|我单位|我部|我委|我办|我中心|我院|我所|我镇|我乡|我们|本单位|本局|本部门|本镇"
)
_PREFIX = re.compile(r"^中共")


@lru_cache(maxsize=65536)
def name_variants(unit: str) -> tuple[str, ...]:
    """The forms of a unit's name that identify it: in full, and without a leading 中共.

    Why so few: shortened forms ("农业农村局") are shared by every county and would turn each
    partner mention into a finding.
    """
    unit = unit.strip()
    variants = {unit, _PREFIX.sub("", unit)}
    return tuple(sorted((v for v in variants if len(v) >= 5), key=len, reverse=True))


def _own_forms(own: str) -> set[str]:
    """The report's own unit and its variants (a foreign name inside these is not foreign)."""
    return set(name_variants(own)) | {own}


def _occurrences(text: str, name: str) -> Iterator[int]:
    """Start offsets of ``name`` in ``text``."""
    pos = text.find(name)
    while pos >= 0:
        yield pos
        pos = text.find(name, pos + len(name))


def _title_end(doc: Document) -> int:
    """Where the title block ends: after the last title line (``Document.title``), never past
    the first heading. Why not the whole preamble: salutations and opening sentences before
    the first heading name the authority the report is sent to ("根据永昌县财政局…")."""
    first_heading = min((s.heading_start for s in doc.sections[1:]), default=len(doc.text))
    end, pos = 0, 0
    for line in (ln.strip() for ln in doc.title.split("\n")):
        if not line:
            continue
        at = doc.text.find(line, pos, first_heading)
        if at >= 0:
            end = pos = at + len(line)
    return end


def _signature_start(r: Reading) -> int:
    """Where the closing signature starts: the trailing run (at most three) of short body
    lines without sentence punctuation or citation marks (the unit's name, the date). A
    text cut off mid-sentence has no signature: its last line is a truncated statement."""
    doc = r.doc
    start = len(doc.text)
    if r.open_tail:
        return start
    for p in reversed(doc.paragraphs[-3:]):
        text = p.text.strip()
        if not text or len(text) > 30 or re.search(r"[，,。：:；;、！？《》“”]", text):
            break
        start = p.start
    return start


def _is_subject(s: Sentence, local: int, name: str) -> bool:
    """True when the name at ``local`` (offset in the sentence) is the sentence's subject."""
    head = s.text[:local]
    clause_head = _CLAUSE_BREAK.split(head)[-1]
    if _NOT_SUBJECT_BEFORE.search(head) or clause_head.strip() not in ("", "我们", "全"):
        return False
    rest = s.text[local + len(name) :]
    return bool(_SUBJECT_AFTER.match(rest)) and not _FIRST_PERSON.search(rest)


_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


@dataclass(frozen=True)
class _Index:
    """The name variants of the store's units, and the unit each names."""

    variants: tuple[str, ...]
    unit_of: dict[str, str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=8)
def _index(units: tuple[str, ...]) -> _Index:
    """The variants of ``units``, once per unit list (a store-wide run passes the same list
    for every report, so this is built once)."""
    unit_of: dict[str, str] = {}
    for unit in units:
        for v in name_variants(unit):
            unit_of.setdefault(v, unit)
    return _Index(tuple(unit_of), unit_of, re.compile(_trie_pattern(unit_of) or "(?!)"))


def _trie_pattern(words: Iterable[str]) -> str:
    """One pattern that finds, at each position, the longest of ``words`` that starts there
    — what the alternation of the words, longest first, finds — as a trie of characters.

    Why: the alternation tried each of hundreds of names that share a first character (a
    city's units all start with its name) at every such character of the report; the trie
    walks each name's characters once. The optional tail is greedy, so the longest word
    along the text's path wins, as longest-first alternation makes it win.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        """The pattern of the words below ``node``."""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def check_foreign_names(
    r: Reading, *, own_unit: str, other_units: Sequence[str]
) -> list[CheckFinding]:
    """Findings where another unit's name appears in the title block, the signature, or as
    the subject of this report's own work."""
    own = _own_forms(own_unit)
    names: dict[str, str] = {}
    doc = r.doc
    title_end, sig_start = _title_end(doc), _signature_start(r)
    index = _index(tuple(other_units))
    text = doc.text
    # one pass of one alternation over the text finds every name (a substring test per
    # name cost 6 µs each on a 16,000-character report: 1.8 ms for 284 units)
    candidates = set(index.pattern.findall(text)) if index.variants else set()
    for v in candidates:
        unit = index.unit_of[v]
        # "兰州新区党群工作部" and "新区党群工作部" are one unit named two ways: a name that
        # contains this report's own unit (or is contained in it) is never foreign
        if unit.strip() in own or any(v in o or o in v for o in own):
            continue
        names.setdefault(v, unit.strip())
    if not names:
        return []
    found: list[CheckFinding] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, name: str, where: str, severity: int) -> None:
        """File one finding unless an overlapping name was already reported there."""
        end = start + len(name)
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append(
            make_finding(
                doc,
                kind=KIND,
                rule=where,
                severity=severity,
                explanation=(
                    f"{names[name]} (another unit in the store) appears {where_text[where]} "
                    f"of this report of {own_unit}"
                ),
                spans=[Span(start, end)],
            )
        )

    where_text = {
        "title": "in the title block",
        "signature": "in the signature",
        "subject": "as the subject of the work",
    }
    for name in sorted(names, key=len, reverse=True):
        for pos in _occurrences(doc.text[:title_end], name):
            add(pos, name, "title", 90)
        for pos in _occurrences(doc.text[sig_start:], name):
            add(sig_start + pos, name, "signature", 85)
        for n, s in enumerate(r.sentences):
            if name not in s.text or not r.closed(n):
                continue
            for local in _occurrences(s.text, name):
                if _is_subject(s, local, name):
                    add(s.start + local, name, "subject", 70)
    return found
