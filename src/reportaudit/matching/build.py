"""From verified matches to the reported results: findings, families and per-report shares.

Why a separate step: the full scan and the incremental check of one new revision verify
candidates differently but rank, group, explain and summarise them the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reportaudit.matching.families import group, stable_id
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import Family, Finding, Match, ReuseSummary
from reportaudit.matching.scoring import explain, severity, stale_year
from reportaudit.matching.templates import reference_covered, template_reason


@dataclass(frozen=True, slots=True, eq=False)
class Coverage:
    """A revision's folded length, its citation positions and its matched folded spans."""

    chars: int
    citations: np.ndarray | tuple[int, list[tuple[int, int]]]
    spans: list[tuple[int, int, str, int]]  # (f0, f1, other revision, match index)

    def citation_mask(self) -> np.ndarray:
        """Citation positions as a boolean mask over the folded text.

        ``citations`` is that mask, or (folded length, citation intervals): the compact
        form a full scan keeps for 10,000 revisions, turned into a mask one at a time.
        """
        if isinstance(self.citations, np.ndarray):
            return self.citations
        n, spans = self.citations
        mask = np.zeros(n, dtype=bool)
        for lo, hi in spans:
            mask[lo:hi] = True
        return mask


def _finding(m: Match, fam_id: str, reason: str, units: int, *, params: ReuseParams) -> Finding:
    """A reuse finding for one spanning-tree match (earliest side as ``a``)."""
    a, b = (m.a, m.b)
    if (b.report.year or 0, b.revision, b.start) < (a.report.year or 0, a.revision, a.start):
        a, b = b, a
    template = bool(reason)
    cite = max(a.citation_chars, b.citation_chars)
    share = cite / max(1, min(a.chars, b.chars))
    sev = severity(
        a, b, m.relation, units=units, template=template, citation_share=share, params=params
    )
    text = explain(a, b, m.relation, m.similarity, template=template, units=units)
    if reason:
        text += f"; template: {reason}"
    if share >= 0.5:
        text += "; mostly citation (《…》/文号), excluded from shares"
    return Finding(
        id=stable_id("reuse", (a, b)),
        family=fam_id,
        kind="reuse",
        relation=m.relation,
        template=template,
        similarity=m.similarity,
        chars=min(a.chars, b.chars),
        severity=sev,
        explanation=text,
        a=a,
        b=b,
        unit_df=units,
        citation_chars=cite,
        template_reason=reason,
    )


def _stale(f: Finding) -> Finding | None:
    """The stale-year finding derived from a cross-year reuse finding, if any."""
    year = stale_year(f.a, f.b)
    if year is None:
        return None
    sev = min(100, f.severity + 15) if not f.template else f.severity
    why = (
        f"the {f.b.report.year} passage still names {year}: copied from the {year} report "
        f"({f.b.section_path})"
    )
    return Finding(
        id=stable_id("stale", (f.a, f.b)),
        family=f.family,
        kind="stale_year",
        relation=f.relation,
        template=f.template,
        similarity=f.similarity,
        chars=f.chars,
        severity=sev,
        explanation=why,
        a=f.a,
        b=f.b,
        unit_df=f.unit_df,
        citation_chars=f.citation_chars,
        template_reason=f.template_reason,
    )


def build(
    matches: Sequence[Match],
    coverage: dict[str, Coverage],
    match_template_units: int,
    *,
    params: ReuseParams,
) -> tuple[list[Finding], list[Family], list[ReuseSummary]]:
    """Group matches into families, rank them, and compute per-revision shares.

    ``match_template_units`` is the number of distinct units in the corpus (for the
    template share rule).
    """
    findings: list[Finding] = []
    families: list[Family] = []
    template_of_match: dict[int, bool] = {}
    index_of = {id(m): i for i, m in enumerate(matches)}
    fams = group(matches)
    covered = reference_covered([occ[0] for occ, _ in fams], params=params)
    for (occ, tree), cov in zip(fams, covered, strict=True):
        units_seen = len({p.report.unit for p in occ})
        units = max([units_seen, *[m.unit_df for m in tree]])
        reports = len({(p.report.unit, p.report.year, p.report.kind) for p in occ})
        rep = occ[0]
        reason = template_reason(occ, units, match_template_units, params=params, covered=cov)
        template = bool(reason)
        fam_id = stable_id("family", (rep,))
        fam_findings = [_finding(m, fam_id, reason, units, params=params) for m in tree]
        for m in tree:
            template_of_match[index_of[id(m)]] = template
        stale = [s for s in (_stale(f) for f in fam_findings) if s is not None]
        findings.extend(fam_findings)
        findings.extend(stale)
        sev = max(f.severity for f in fam_findings + stale)
        families.append(Family(fam_id, tuple(occ), template, units, reports, sev, reason))
    # matches outside spanning trees inherit their family's template status
    fam_template = {}
    for fam in families:
        for p in fam.occurrences:
            fam_template[p.key] = fam.template
    for i, m in enumerate(matches):
        if i not in template_of_match:
            template_of_match[i] = fam_template.get(m.a.key, fam_template.get(m.b.key, False))
    findings.sort(key=lambda f: (-f.severity, f.id))
    families.sort(key=lambda f: (-f.severity, f.id))
    return findings, families, summaries(coverage, template_of_match)


def summaries(coverage: dict[str, Coverage], template_of: dict[int, bool]) -> list[ReuseSummary]:
    """Per revision: share of folded characters covered by passages of other revisions."""
    out: list[ReuseSummary] = []
    for rev in sorted(coverage):
        cov = coverage[rev]
        cites = cov.citation_mask()
        n = len(cites)
        all_cov = np.zeros(n, dtype=bool)
        own_cov = np.zeros(n, dtype=bool)
        per_src: dict[str, np.ndarray] = {}
        for f0, f1, other, mi in cov.spans:
            if other == rev:
                continue
            all_cov[f0:f1] = True
            if not template_of.get(mi, False):
                own_cov[f0:f1] = True
                per_src.setdefault(other, np.zeros(n, dtype=bool))[f0:f1] = True
        all_cov &= ~cites
        own_cov &= ~cites
        covered, covered_own = int(all_cov.sum()), int(own_cov.sum())
        top = sorted(
            ((src, int((m & ~cites).sum())) for src, m in per_src.items()),
            key=lambda t: (-t[1], t[0]),
        )[:5]
        chars = max(cov.chars, 1)
        out.append(
            ReuseSummary(
                revision=rev,
                chars=cov.chars,
                covered=covered,
                covered_excluding_template=covered_own,
                share=round(covered / chars, 4),
                share_excluding_template=round(covered_own / chars, 4),
                top_sources=tuple(top),
            )
        )
    return out
