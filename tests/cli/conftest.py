"""The CLI behaviour tests read English output.

Why: these tests check what each command does (counts, ids, errors, exit codes) and were
written against the English wording; Chinese is the default, so they ask for English the way
a user would (``$REPORTAUDIT_LANG=en``). The Chinese output of the same commands is checked in
``test_cli_language.py``, which sets the language itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reportaudit.i18n import set_language


@pytest.fixture(autouse=True, scope="module")
def _english() -> Iterator[None]:
    """Run each CLI test module (its module-scoped stores included) with
    ``REPORTAUDIT_LANG=en`` (module scope: a folder without __init__.py has no package scope,
    a "package" fixture would last the whole session)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORTAUDIT_LANG", "en")
        set_language(None)
        yield
    set_language(None)
