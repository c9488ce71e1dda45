"""The results report as JSON, for dashboards and other tools.

The shape::

    {
      "format": "wellbeing-report", "version": 1, "title": ...,
      "min_group_size": 10, "forced_small_groups": false,
      "levels": ["Service", "Team"], "waves": ["2024", "2025"],
      "breakdown": [], "filters": [], "banding": [{"label": "red", "lower": 0.0}, ...],
      "hidden_wording": "hidden: fewer than 10 people, or hidden to protect a smaller group",
      "import": {"source", "rows_read", "rows_accepted", "rows_rejected",
                 "rejections": [{"row", "column", "value", "reason"}], "dropped_columns": [...],
                 "columns": [...], "items_not_found": [...], "answers", "missing"} or null,
      "organisational_import": {...} or null,
      "elements": [{"ref", "kind", "scope", "theme", "title", "checklist", "options"}],
      "groups": [{"group": [...], "wave", "breakdown", "n": ... or null, "suppressed"}],
      "cells": [{"group": [...], "wave", "breakdown", "element", "kind", "scope", "checklist",
                 "n": ... or null, "suppressed": true|false, "mean", "normalised", "answered",
                 "unscored", "missing", "band", "distribution"}],
      "gap": [...], "trends": [...], "priorities": {...} or null,
      "references": {"pack:prompt-id": "the prompt's text", ...}
    }

A hidden cell has ``"n": null`` and no score, no answer counts and no distribution. The reason a
cell is hidden is left out on purpose, as in the HTML and Markdown: "hidden to protect a smaller
group" would tell a reader which hidden group is the small one. (An analyst who needs it has the
:class:`~wellbeing_framework.analysis.results.Results` in Python.)
"""

from __future__ import annotations

import json
from typing import Any

from ..analysis.results import Reconciliation
from ..model.convert import unstructure
from .report import Report, hidden_text, ref_text

__all__ = ["FORMAT_VERSION", "report_json", "report_json_text"]

#: The version of the JSON shape; it changes when a field changes meaning or goes away.
FORMAT_VERSION = 1


def _without_reason(data: dict[str, Any]) -> dict[str, Any]:
    data.pop("reason", None)
    return data


def _import(rec: Reconciliation | None) -> dict[str, Any] | None:
    if rec is None:
        return None
    data: dict[str, Any] = unstructure(rec)
    return data


def report_json(report: Report) -> dict[str, Any]:
    """The report as JSON-able data (dicts, lists, strings, numbers, booleans and None)."""
    results = report.results
    priorities = None if report.priorities is None else unstructure(report.priorities)
    refs: list[str] = []
    if report.priorities is not None:
        p = report.priorities
        for item in (*p.themes, *p.items):
            refs += [*item.prompts, *item.tools]
        for action in p.draft.actions:
            refs += [*action.prompts, *action.tools]
    return {
        "format": "wellbeing-report",
        "version": FORMAT_VERSION,
        "title": report.title,
        "source": report.source,
        "min_group_size": results.min_group_size,
        "forced_small_groups": results.forced_small_groups,
        "levels": list(results.levels),
        "waves": list(results.waves),
        "breakdown": list(results.breakdown),
        "filters": [list(f) for f in results.filters],
        "banding": unstructure(results.banding)["bands"],
        "hidden_wording": hidden_text(results.min_group_size),
        "import": _import(report.reconciliation),
        "organisational_import": _import(report.organisational_reconciliation),
        "elements": [unstructure(e) for e in results.elements],
        "groups": [_without_reason(unstructure(g)) for g in results.groups],
        "cells": [_without_reason(unstructure(c)) for c in results.cells],
        "gap": [unstructure(r) for r in report.gap],
        "trends": [unstructure(t) for t in report.trends],
        "priorities": priorities,
        "references": {r: ref_text(report.catalog, r) for r in dict.fromkeys(refs)},
    }


def report_json_text(report: Report) -> str:
    """The report as JSON text, indented, UTF-8 characters kept as they are."""
    return json.dumps(report_json(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
