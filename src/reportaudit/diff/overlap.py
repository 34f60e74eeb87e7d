"""Shared-sentence overlap between the sections of two revisions.

Why: two sections can share a title and the same genre vocabulary (several projects each
with "（一）资金使用情况"), so bigram similarity alone cannot tell which is which once a
section inserted earlier has shifted every number. Clauses (split at 。；，： and
line ends) that survive a revision word for word are much sharper evidence: a section pairs
with the one that kept its clauses. Each clause counts under two keys: as written (full weight) and with figures masked
(half weight, so a clause whose amount changed still counts). Masked clauses found in
many sections are boiler-plate and carry no evidence, so they are dropped.
"""

from __future__ import annotations

import re

import numpy as np

from reportaudit.figures import mask_figures
from reportaudit.structure.model import Document

__all__ = ["gram", "sentence_overlap"]

_SPLIT = re.compile(r"[。；;！？!?，,：:\n]+")
_MIN_SENTENCE = 4
_MASKED_WEIGHT = 0.5
_MAX_SECTIONS = 3  # a masked sentence in more own-sections than this is boiler-plate


def gram(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x @ y.T`` without BLAS.

    Why: OpenBLAS starts worker threads for products this size, and on a busy 2-core
    machine those threads made a 1 ms product take 30-50 ms. einsum's own loop is
    single-threaded and predictable (a few ms for two 20,000-character reports).
    """
    return np.einsum("ik,jk->ij", x, y).astype(np.float64)


def _own_keys(doc: Document) -> list[set[str]]:
    """For each section, the keys of sentences in its own paragraphs.

    Exact keys are prefixed "=", masked keys "#". Splitting the masked paragraph gives the
    same sentence boundaries because figures never contain sentence punctuation.
    """
    own: list[set[str]] = [set() for _ in doc.sections]
    for p in doc.paragraphs:
        if not 0 <= p.section < len(own):
            continue
        exact = _SPLIT.split(p.text)
        masked = _SPLIT.split(mask_figures(p.text))
        if len(exact) != len(masked):
            masked = [""] * len(exact)
        for e, m in zip(exact, masked, strict=True):
            e = e.strip()
            if len(e) < _MIN_SENTENCE:
                continue
            own[p.section].add("=" + e)
            if m.strip():
                own[p.section].add("#" + m.strip())
    return own


def _subtree_matrix(doc: Document, own: list[set[str]], cols: dict[str, int]) -> np.ndarray:
    """Presence of each key in each section's subtree (the section and its descendants)."""
    mat = np.zeros((len(doc.sections), len(cols)), dtype=np.float32)
    for i, keys in enumerate(own):
        idx = [cols[k] for k in keys if k in cols]
        if idx:
            mat[i, idx] = 1.0
    for s in sorted(doc.sections, key=lambda s: -s.depth):
        if s.parent is not None and 0 <= s.parent < len(mat) and s.parent != s.index:
            np.maximum(mat[s.parent], mat[s.index], out=mat[s.parent])
    return mat


def sentence_overlap(a: Document, b: Document) -> np.ndarray:
    """Matrix [i, j] in 0..1: weighted characters of sentences shared by A's section i and
    B's section j (subtrees included), over the larger of the two sections."""
    own_a, own_b = _own_keys(a), _own_keys(b)
    df: dict[str, int] = {}
    for keys in own_a + own_b:
        for k in keys:
            df[k] = df.get(k, 0) + 1
    cols: dict[str, int] = {}
    for k, n in df.items():
        if k[0] == "=" or n <= 2 * _MAX_SECTIONS:
            cols[k] = len(cols)
    if not cols:
        return np.zeros((len(a.sections), len(b.sections)))
    weight = np.zeros(len(cols), dtype=np.float32)
    exact = np.zeros(len(cols), dtype=np.float32)
    for k, c in cols.items():
        weight[c] = (len(k) - 1) * (1.0 if k[0] == "=" else _MASKED_WEIGHT)
        exact[c] = (len(k) - 1) if k[0] == "=" else 0.0
    ma = _subtree_matrix(a, own_a, cols)
    mb = _subtree_matrix(b, own_b, cols)
    shared = gram(ma * weight, mb)
    size_a = gram(ma, exact[None, :])[:, 0]
    size_b = gram(mb, exact[None, :])[:, 0]
    denom = (1.0 + _MASKED_WEIGHT) * np.maximum(size_a[:, None], size_b[None, :])
    denom[denom == 0] = 1.0
    return np.minimum(shared / denom, 1.0)
