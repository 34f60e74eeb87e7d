"""What a report is (unit, year, kind, project, region) and how sure we are of each.

An import never guesses silently: every field carries where it was read (the title, a cover
field, the preamble, a body sentence, the signature, the file name, an override) and
whether that reading is certain. Uncertain readings keep a report apart from every other
logical report until a person relabels it (see ``reportaudit relabel``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN_UNIT = "未知单位"
UNKNOWN_KIND = "绩效自评报告"
KIND_CLASSES = ("department_overall", "project", "budget_execution", "other")

SOURCES = ("title", "cover", "preamble", "body", "signature", "filename", "option", "default")
"""Where a field can come from, most to least authoritative (``option`` is an override)."""

KEY_FIELDS = ("unit", "year", "project")
"""Fields whose uncertainty keeps a report apart (the kind class is always known)."""


@dataclass(frozen=True)
class Metadata:
    """What a report is, with the source and certainty of each field.

    ``kind`` is the document's own kind phrase (项目支出绩效单位自评报告, 部门整体支出绩效评价报告
    …), ``kind_class`` its class (department_overall, project, budget_execution, other).
    ``project`` names the fund or project when the title names one. ``sources`` maps each
    field to one of ``SOURCES``; ``certain`` maps each field to whether that reading can be
    relied on; ``notes`` says in words how an uncertain field was read.
    """

    unit: str
    year: int | None
    kind: str
    region: str | None = None
    kind_class: str = "other"
    project: str | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    certain: dict[str, bool] = field(default_factory=dict, compare=False)
    notes: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def uncertain(self) -> tuple[str, ...]:
        """The key fields (unit, year, project) whose reading is not certain."""
        return tuple(f for f in KEY_FIELDS if not self.certain.get(f, True))

    def provenance(self) -> dict[str, dict[str, object]]:
        """JSON-ready: for each field, its value, source, certainty and note."""
        out: dict[str, dict[str, object]] = {}
        for name in ("unit", "year", "kind", "kind_class", "project", "region"):
            entry: dict[str, object] = {
                "value": getattr(self, name),
                "source": self.sources.get(name, "default"),
                "certain": self.certain.get(name, True),
            }
            if name in self.notes:
                entry["note"] = self.notes[name]
            out[name] = entry
        return out
