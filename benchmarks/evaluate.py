"""Precision and recall of a scan against the generator's ground truth, plus a baseline.

Why these definitions: a planted copy (source span -> copied span) is *found* when one
non-template family has an occurrence covering at least half of each span (families group
repeated passages, so transitively linked copies count). A non-template reuse finding is
*correct* when both of its passages lie mostly (>= 50%) inside spans of the same group of
planted copies; anything else (coincidences, template text not flagged) is a false positive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from reportaudit.matching.normalize import fold_str
from reportaudit.matching.results import ScanResult


def _ov(s1: int, e1: int, s2: int, e2: int) -> int:
    """Overlap length of two spans."""
    return max(0, min(e1, e2) - max(s1, s2))


class _Groups:
    """Planted spans per document, grouped by copy lineage (overlapping spans join)."""

    def __init__(self, planted: list[dict[str, Any]]) -> None:
        """Index the planted spans by document and join overlapping ones."""
        self.parent: dict[int, int] = {}
        self.spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for n, p in enumerate(planted):
            for side in ("src", "dst"):
                sp = p[side]
                self.spans[sp["doc"]].append((sp["start"], sp["end"], n))
            self.parent[n] = n
        for spans in self.spans.values():
            spans.sort()
            for i, (_s, e, g) in enumerate(spans):
                for s2, _e2, g2 in spans[i + 1 :]:
                    if s2 >= e:
                        break
                    self._union(g, g2)

    def _find(self, x: int) -> int:
        """Root of a lineage (path halving)."""
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _union(self, a: int, b: int) -> None:
        """Join two lineages."""
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups_of(self, doc: str, s: int, e: int) -> set[int]:
        """Groups whose planted spans cover at least half of ``[s, e)``."""
        cover: dict[int, int] = defaultdict(int)
        for ps, pe, g in self.spans.get(doc, ()):
            cover[self._find(g)] += _ov(s, e, ps, pe)
        return {g for g, c in cover.items() if c * 2 >= (e - s)}


def evaluate(result: ScanResult, truth: dict[str, Any], name_of: dict[str, str]) -> dict[str, Any]:
    """Precision/recall of planted copies; ``name_of`` maps revision -> generated doc name."""
    planted = truth["planted"]
    groups = _Groups(planted)
    tp = fp = 0
    for f in result.findings:
        if f.kind != "reuse" or f.template:
            continue
        ga = groups.groups_of(name_of[f.a.revision], f.a.start, f.a.end)
        gb = groups.groups_of(name_of[f.b.revision], f.b.start, f.b.end)
        if ga & gb:
            tp += 1
        else:
            fp += 1
    occ: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for fam in result.families:
        if fam.template:
            continue
        for p in fam.occurrences:
            occ[name_of[p.revision]].append((p.start, p.end, fam.id))

    def fams(sp: dict[str, Any]) -> set[str]:
        """Families with an occurrence covering at least half of the span."""
        n = sp["end"] - sp["start"]
        return {
            fid
            for s, e, fid in occ.get(sp["doc"], ())
            if _ov(s, e, sp["start"], sp["end"]) * 2 >= n
        }

    found = [bool(fams(p["src"]) & fams(p["dst"])) for p in planted]
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for p, ok in zip(planted, found, strict=True):
        by_kind[f"{p['kind']}/{p['relation']}"].append(ok)
    stale_truth = {(p["src"]["doc"], p["dst"]["doc"]) for p in planted if p["stale"]}
    stale_found = {
        tuple(sorted((name_of[f.a.revision], name_of[f.b.revision])))
        for f in result.findings
        if f.kind == "stale_year"
    }
    templ = [f for f in result.findings if f.template]
    return {
        "planted": len(planted),
        "recall": round(sum(found) / max(1, len(planted)), 4),
        "precision": round(tp / max(1, tp + fp), 4),
        "true_positive_findings": tp,
        "false_positive_findings": fp,
        "recall_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
        "stale_recall": round(len(stale_truth & stale_found) / max(1, len(stale_truth)), 4),
        "stale_precision": round(len(stale_truth & stale_found) / max(1, len(stale_found)), 4),
        "template_findings": len(templ),
        "template_families": sum(1 for f in result.families if f.template),
    }


def baseline(
    texts: Iterable[tuple[str, str]], truth: dict[str, Any], *, min_chars: int = 20
) -> dict[str, Any]:
    """A simple baseline: identical folded sentences (split at 。！？；) of >= min_chars."""
    where: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for name, text in texts:
        start = 0
        for i, ch in enumerate(text + "。"):
            if ch in "。！？；\n":
                sent = text[start:i]
                key = fold_str(sent)
                if len(key) >= min_chars:
                    where[key].append((name, start, i))
                start = i + 1
    shared = [v for v in where.values() if len(v) > 1]
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for gid, occs in enumerate(shared):
        for name, s, e in occs:
            spans[name].append((s, e, gid))

    def gids(sp: dict[str, Any]) -> set[int]:
        """Baseline sentence groups overlapping the span."""
        return {g for s, e, g in spans.get(sp["doc"], ()) if _ov(s, e, sp["start"], sp["end"]) > 0}

    planted = truth["planted"]
    found = sum(1 for p in planted if gids(p["src"]) & gids(p["dst"]))
    groups = _Groups(planted)
    tp = fp = 0
    for occs in shared:
        n0, s0, e0 = occs[0]
        for n1, s1, e1 in occs[1:]:
            if groups.groups_of(n0, s0, e0) & groups.groups_of(n1, s1, e1):
                tp += 1
            else:
                fp += 1
    return {
        "recall": round(found / max(1, len(planted)), 4),
        "precision": round(tp / max(1, tp + fp), 4),
        "pairs": tp + fp,
    }
