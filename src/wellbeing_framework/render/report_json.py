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
                 "n": ... or null, "suppressed": true|false, "mean", "normalised", "score",
                 "answered", "unscored", "missing", "band", "distribution"}],
      "gap": [{..., "individual", "organisational", "gap", "shown": {"individual",
               "organisational", "gap"}}], "trends": [{..., "shown": {"before", "after",
               "change"}}], "priorities": {...} or null,
      "references": {"pack:prompt-id": "the prompt's text", ...}
    }

Scores are kept exact (``normalised``, 0 to 1); ``score`` and ``shown`` give the whole numbers out
of 100 that the HTML and Markdown reports print, by the one rule of
:func:`~wellbeing_framework.analysis.rounding.points` (rounded down: 0.6097 is 60), and a gap or
change shown is the difference of the two numbers shown.

A hidden cell has ``"n": null`` and no score, no answer counts and no distribution. The reason a
cell is hidden is left out on purpose, as in the HTML and Markdown: "hidden to protect a smaller
group" would tell a reader which hidden group is the small one. (An analyst who needs it has the
:class:`~wellbeing_framework.analysis.results.Results` in Python.)
"""

from __future__ import annotations

import json
from typing import Any

from ..analysis.results import Cell, GapRow, Reconciliation, TrendRow
from ..analysis.rounding import points_or_none
from ..model.convert import unstructure
from .report import Report, hidden_text, ref_text

__all__ = ["FORMAT_VERSION", "report_json", "report_json_text"]

#: The version of the JSON shape; it changes when a field changes meaning or goes away.
FORMAT_VERSION = 1


def _without_reason(data: dict[str, Any]) -> dict[str, Any]:
    data.pop("reason", None)
    return data


def _cell(cell: Cell) -> dict[str, Any]:
    data = _without_reason(unstructure(cell))
    data["score"] = points_or_none(cell.normalised)
    return data


def _shown(before: float | None, after: float | None) -> dict[str, int | None]:
    """Two scores as the reports print them, and their difference as printed."""
    a, b = points_or_none(before), points_or_none(after)
    return {"before": a, "after": b, "change": None if a is None or b is None else b - a}


def _gap_row(row: GapRow) -> dict[str, Any]:
    data: dict[str, Any] = unstructure(row)
    shown = _shown(row.individual, row.organisational)
    data["shown"] = {"individual": shown["before"], "organisational": shown["after"]}
    data["shown"]["gap"] = shown["change"]
    return data


def _trend_row(row: TrendRow) -> dict[str, Any]:
    data: dict[str, Any] = unstructure(row)
    data["shown"] = _shown(row.before, row.after)
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
        "cells": [_cell(c) for c in results.cells],
        "gap": [_gap_row(r) for r in report.gap],
        "trends": [_trend_row(t) for t in report.trends],
        "priorities": priorities,
        "references": {r: ref_text(report.catalog, r) for r in dict.fromkeys(refs)},
    }


def report_json_text(report: Report) -> str:
    """The report as JSON text, indented, UTF-8 characters kept as they are."""
    return json.dumps(report_json(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
