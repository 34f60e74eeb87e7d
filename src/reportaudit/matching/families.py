"""Families: all occurrences of one repeated passage, reported as one group.

Why: a sentence closing every project item, or a phrase in every unit's report, would
otherwise flood the auditor with every pair. Verified pairs are edges between occurrence
nodes (passages of one revision overlapping by at least half of the longer one are the same
node); each connected component is a family, and only the edges of a maximum spanning
tree (by similarity) are listed as findings: every place of a family is reachable from
every other through listed findings, and the closest copies are paired with each other.
Ids are blake2b digests of the passages' (revision, start, end), so a rescan that finds the
same passages yields the same ids and review decisions stay attached.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from reportaudit.matching.results import Match, Passage


def stable_id(prefix: str, passages: Sequence[Passage]) -> str:
    """Deterministic id from the sorted passage keys (no salted ``hash()``)."""
    keys = sorted(f"{p.revision}:{p.start}:{p.end}" for p in passages)
    raw = (prefix + "|" + "|".join(keys)).encode()
    return prefix[:1] + hashlib.blake2b(raw, digest_size=8).hexdigest()


class _UnionFind:
    """Plain union-find over integers (path halving)."""

    def __init__(self, n: int) -> None:
        """Every element starts as its own set."""
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        """Root of ``x``."""
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b`` (smaller root wins, for determinism)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _nodes(matches: Sequence[Match]) -> tuple[list[Passage], list[tuple[int, int]]]:
    """Occurrence nodes (one Passage each) and, per match, its (node_a, node_b)."""
    passages: dict[tuple[str, int, int], Passage] = {}
    for m in matches:
        passages.setdefault(m.a.key, m.a)
        passages.setdefault(m.b.key, m.b)
    keys = sorted(passages)
    pos = {k: i for i, k in enumerate(keys)}
    uf = _UnionFind(len(keys))
    by_rev: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_rev[k[0]].append(i)
    for idxs in by_rev.values():
        for n, i in enumerate(idxs):
            _, s, e = keys[i]
            for j in idxs[n + 1 :]:
                _, s2, e2 = keys[j]
                if s2 >= e:
                    break
                inter = min(e, e2) - s2
                if inter * 2 >= max(e - s, e2 - s2):
                    uf.union(i, j)
    root = [uf.find(i) for i in range(len(keys))]
    node_of = {r: n for n, r in enumerate(sorted(set(root)))}
    nid = [node_of[r] for r in root]  # occurrence node of every passage key
    members: dict[int, list[Passage]] = defaultdict(list)
    for i, k in enumerate(keys):
        members[nid[i]].append(passages[k])
    nodes = [
        max(members[n], key=lambda p: (p.end - p.start, -p.start)) for n in range(len(node_of))
    ]
    edges = [(nid[pos[m.a.key]], nid[pos[m.b.key]]) for m in matches]
    return nodes, edges


def _order_key(p: Passage) -> tuple[int, str, int]:
    """Earliest first: by year, then revision, then position."""
    return (p.report.year if p.report.year is not None else 0, p.revision, p.start)


def group(matches: Sequence[Match]) -> list[tuple[list[Passage], list[Match]]]:
    """Families as (occurrences with representative first, spanning-tree matches).

    The tree is a maximum spanning tree by similarity (Kruskal; ties broken by the
    earliest places, then by length): the closest copies are linked to each other first,
    and a merely similar passage joins through its own best link. Why not a breadth-first
    tree from the earliest place: when that place is an outsider (the longer closing
    sentence of the whole report beside seven identical closing sentences of its
    projects) every listed pair would run through it, and no finding would pair two of
    the seven.
    """
    nodes, edges = _nodes(matches)
    okey = [_order_key(p) for p in nodes]
    sims = [m.similarity for m in matches]
    chars = [min(m.a.chars, m.b.chars) for m in matches]
    order = sorted(
        (mi for mi, (x, y) in enumerate(edges) if x != y),
        key=lambda mi: (
            -sims[mi],
            min(okey[edges[mi][0]], okey[edges[mi][1]]),
            max(okey[edges[mi][0]], okey[edges[mi][1]]),
            -chars[mi],
            mi,
        ),
    )
    uf = _UnionFind(len(nodes))
    in_tree: list[int] = []
    linked = [False] * len(nodes)
    for mi in order:
        x, y = edges[mi]
        if uf.find(x) == uf.find(y):
            continue
        uf.union(x, y)
        linked[x] = linked[y] = True
        in_tree.append(mi)
    comps: dict[int, list[int]] = defaultdict(list)
    for n in range(len(nodes)):
        if linked[n]:
            comps[uf.find(n)].append(n)
    tree_of: dict[int, list[int]] = defaultdict(list)
    for mi in in_tree:
        tree_of[uf.find(edges[mi][0])].append(mi)
    out: list[tuple[list[Passage], list[Match]]] = []
    for root, comp in comps.items():
        comp.sort(key=lambda n: okey[n])
        tree = tree_of[root]
        tree.sort(key=lambda mi: (min(okey[edges[mi][0]], okey[edges[mi][1]]), mi))
        out.append(([nodes[n] for n in comp], [matches[mi] for mi in tree]))
    out.sort(key=lambda f: _order_key(f[0][0]))
    return out
