"""The results report as JSON, for dashboards and other tools.

The shape::

    {
      "format": "wellbeing-report", "version": 1, "title": ...,
      "min_group_size": 10, "forced_small_groups": false,
      "levels": ["Service", "Team"], "waves": ["2024", "2025"],
      "breakdown": [], "filters": [], "banding": [{"label": "red", "lower": 0.0}, ...],
      "hidden_wording": "hidden: fewer than 10 people, or hidden to protect a smaller group",
      "hierarchy": [[...], ...],   # every group path at the deepest level (names are public)
      "import": {"source", "rows_read", "rows_accepted", "rows_rejected",
                 "rejections": [{"row", "column", "reason"}], "identifier_columns": [...],
                 "unmatched_columns": [...], "items_not_found": [...]} or null,
      "organisational_import": {...} or null,
      "organisational": {"mode": "consensus" | "survey", "min_group_size",
                         "levels", "groups": [...]} or null,
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
:func:`~wellbeing_framework.analysis._rounding.points` (rounded down: 0.6097 is 60), and a gap or
change shown is the difference of the two numbers shown.

A hidden cell has ``"n": null`` and no score, no answer counts and no distribution. A rejected
row keeps its row, column and reason, never the value typed; ``rows_read`` and ``rows_accepted``
are null where they would give a hidden count away. The reason a
cell is hidden is left out on purpose, as in the HTML and Markdown: "hidden to protect a smaller
group" would tell a reader which hidden group is the small one. (An analyst who needs it has the
:class:`~wellbeing_framework.analysis.results.Results` in Python.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..analysis._rounding import points_or_none
from ..analysis.results import GapRow, TrendRow
from ..errors import PrivacyError
from ..model.convert import unstructure
from ._cells_json import cell_records, cells_text, group_records
from ._jsontext import STEP, Raw, dumps_indented
from .report import ImportSummary, Report, check_report, hidden_text, ref_text

if TYPE_CHECKING:
    from ..analysis.audit import Release

__all__ = [
    "FORMAT_VERSION",
    "audited_report_json",
    "audited_report_text",
    "json_text",
    "report_json",
    "report_json_text",
]

#: The version of the JSON shape; it changes when a field changes meaning or goes away.
FORMAT_VERSION = 1


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
    """A trend as the converter unstructures it, plus the scores shown; written out here,
    since the converter took 0.12 s for the 3,765 trends of a million respondents (a test
    holds the two equal, so a field added to :class:`TrendRow` cannot be left out)."""
    return {
        "element": row.element,
        "kind": row.kind.value,
        "group": list(row.group),
        "from_wave": row.from_wave,
        "to_wave": row.to_wave,
        "before": row.before,
        "after": row.after,
        "change": row.change,
        "n_before": row.n_before,
        "n_after": row.n_after,
        "shown": _shown(row.before, row.after),
    }


def _import(summary: ImportSummary | None) -> dict[str, Any] | None:
    if summary is None:
        return None
    return {
        "source": summary.source,
        "rows_read": summary.rows_read,
        "rows_accepted": summary.rows_accepted,
        "rows_rejected": summary.rows_rejected,
        "rejections": [
            {"row": row, "column": column, "reason": reason}
            for row, column, reason in summary.rejections
        ],
        "identifier_columns": list(summary.identifier_columns),
        "unmatched_columns": list(summary.unmatched_columns),
        "items_not_found": list(summary.items_not_found),
    }


def _organisational(report: Report) -> dict[str, Any] | None:
    if report.organisational_mode is None:
        return None
    data: dict[str, Any] = {"mode": report.organisational_mode}
    org = report.organisational_results
    if org is not None:
        data.update(
            min_group_size=org.min_group_size,
            levels=list(org.levels),
            hierarchy=[list(p) for p in org.hierarchy],
            groups=group_records(org),
        )
    return data


def report_json(report: Report) -> dict[str, Any]:
    """The report as JSON-able data (dicts, lists, strings, numbers, booleans and None)."""
    check_report("report_json", report)
    return _data(report, cell_records(report.results))


def _data(report: Report, cells: Any) -> dict[str, Any]:
    """The report's data, with ``cells`` as its cells (their records, or their text)."""
    results = report.results
    priorities = None if report.priorities is None else unstructure(report.priorities)
    imports = {heading: summary for summary, heading in report.imports()}
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
        "hierarchy": [list(p) for p in results.hierarchy],
        "import": _import(imports.get("The staff answers")),
        "organisational_import": _import(imports.get("The organisation's self-assessment")),
        "organisational": _organisational(report),
        "elements": [unstructure(e) for e in results.elements],
        "groups": group_records(results),
        "cells": cells,
        "gap": [_gap_row(r) for r in report.gap],
        "trends": [_trend_row(t) for t in report.trends],
        "priorities": priorities,
        "references": {r: ref_text(report.catalog, r) for r in dict.fromkeys(refs)},
    }


def audited_report_json(
    report: Report,
    earlier: Sequence[Release] = (),
    organisational_earlier: Sequence[Release] = (),
) -> dict[str, Any]:
    """The report as JSON-able data, after the audit: with every earlier release of the same
    data it must break none of G1 to G3, and its organisational survey none with the earlier
    surveys of the same leaders' data. Suppression is built to pass, so a failure is a bug, and
    the report must not be written.

    Args:
        report: The report.
        earlier: Earlier releases of the same staff data (their surveys are not read).
        organisational_earlier: Earlier organisational surveys of the same leaders' data.

    Raises:
        PrivacyError: The audit found a figure an attacker could work out.
    """
    from ..analysis.audit.reading import release_from_report_of

    data = report_json(report)
    # The release of the data just made, its item cells read from the columns they were made
    # from (the release of the data, as release_from_report reads it: a test holds them equal).
    _audit(release_from_report_of(data, report.results), earlier, organisational_earlier)
    return data


def audited_report_text(
    report: Report,
    earlier: Sequence[Release] = (),
    organisational_earlier: Sequence[Release] = (),
) -> str:
    """The report's JSON text (as :func:`report_json_text` writes it), after the audit of
    :func:`audited_report_json`: what ``wellbeing report`` writes and the release ledger keeps.

    The cells are audited and written from the results' columns, never made as 52,000 records
    (at a million respondents): the text is the text of the data audited, without the data.
    The arguments, and the :class:`PrivacyError` of a failed audit, are those of
    :func:`audited_report_json`.
    """
    from ..analysis.audit.reading import release_from_report, release_without_cells

    check_report("audited_report_text", report)
    data = _data(report, None)  # the cells' place, kept for the text's order of fields
    new = release_without_cells(data, report.results)
    if new is None:  # columns the reading would not vouch for: the records, as any report's
        data["cells"] = cell_records(report.results)
        new = release_from_report(data)
    _audit(new, earlier, organisational_earlier)
    return dumps_indented({**data, "cells": _cells_text(report)}, end="\n")


def _audit(
    new: Release, earlier: Sequence[Release], organisational_earlier: Sequence[Release]
) -> None:
    """Refuse a release that, with the earlier ones, gives a hidden figure away."""
    import attrs

    from ..analysis.audit import audit

    staff = [attrs.evolve(r, organisational=None) for r in (*earlier, new)]
    violations = list(audit(staff).violations)
    if new.organisational is not None:
        # The leaders are other people than the staff: their surveys are audited on their own.
        violations += audit([*organisational_earlier, new.organisational]).violations
    if violations:
        raise PrivacyError(
            "the report failed the privacy audit and must not be written: "
            + "; ".join(str(v) for v in violations[:3])
        )


def report_json_text(report: Report) -> str:
    """The report as JSON text, indented, UTF-8 characters kept as they are (the text of
    :func:`report_json`, its cells written from their columns)."""
    check_report("report_json", report)  # worded as before, when this called report_json
    return dumps_indented(_data(report, _cells_text(report)), end="\n")


def json_text(data: dict[str, Any], report: Report | None = None) -> str:
    """JSON data of a report (from :func:`report_json`) as the text written to a file: indented
    by two spaces, UTF-8 characters kept as they are.

    Args:
        data: The data.
        report: The report ``data`` was made from, if at hand, with ``data`` unchanged since
            (the command writes the data it has just audited): the cells are then written
            from the report's columns rather than from their records, the same text faster.
    """
    if report is None:
        return dumps_indented(data, end="\n")
    check_report("json_text", report)
    return dumps_indented({**data, "cells": _cells_text(report)}, end="\n")


def _cells_text(report: Report) -> Raw:
    """The text of the report's cells, at the indent of a field of the report."""
    return Raw(cells_text(report.results, "\n" + STEP))
