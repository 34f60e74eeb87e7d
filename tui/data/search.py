"""Search across the corpus for the search screen: the service, re-exported.

Why a service: ``reportaudit search`` and this screen must find the same hits (exact up to
whitespace and width, and near copies through the reuse index); see
``reportaudit.services.search``.
"""

from __future__ import annotations

from reportaudit.services.search import (
    MAX_HITS,
    NEAR_FLOOR,
    SearchHit,
    compile_passage,
    search_corpus,
)

__all__ = ["MAX_HITS", "NEAR_FLOOR", "SearchHit", "compile_passage", "search_corpus"]
