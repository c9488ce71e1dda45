"""The JSON cells made from the columns are those made from the cells one by one, as before,
and the text written from the columns is the standard library's indented text of the data, on
any results."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from strategies import analysis as sa

from wellbeing_framework.analysis._rounding import points_or_none
from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.cells import GroupCell
from wellbeing_framework.analysis.derived import TrendRow
from wellbeing_framework.analysis.responses import Responses
from wellbeing_framework.analysis.results import Cell, Results
from wellbeing_framework.errors import ArgumentError
from wellbeing_framework.model.convert import unstructure
from wellbeing_framework.render.report import make_report
from wellbeing_framework.render.report_json import json_text, report_json, report_json_text


def cell_the_old_way(cell: Cell) -> dict[str, Any]:
    """A cell of the JSON report as it was made before the columns, from its record."""
    return {
        "group": list(cell.group),
        "wave": cell.wave,
        "breakdown": list(cell.breakdown),
        "element": cell.element,
        "kind": cell.kind.value,
        "scope": cell.scope.value,
        "checklist": cell.checklist,
        "n": cell.n,
        "suppressed": cell.suppressed,
        "mean": cell.mean,
        "normalised": cell.normalised,
        "answered": cell.answered,
        "unscored": cell.unscored,
        "missing": cell.missing,
        "band": cell.band,
        "distribution": list(cell.distribution),
        "score": points_or_none(cell.normalised),
    }


def standard_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def group_the_old_way(group: GroupCell) -> dict[str, Any]:
    """A group of the JSON report as it was made before the columns, by the converter."""
    data: dict[str, Any] = unstructure(group)
    del data["reason"]
    return data


def trend_the_old_way(row: TrendRow) -> dict[str, Any]:
    """A trend of the JSON report as it was made by the converter, plus the scores shown."""
    a, b = points_or_none(row.before), points_or_none(row.after)
    shown = {"before": a, "after": b, "change": None if a is None or b is None else b - a}
    return {**unstructure(row), "shown": shown}


def check(results: Results) -> None:
    report = make_report(results, catalog=sa.CATALOG, title="Results", source="tests")
    data = report_json(report)
    assert data["cells"] == [cell_the_old_way(c) for c in results.cells]
    assert data["groups"] == [group_the_old_way(g) for g in results.groups]
    assert data["trends"] == [trend_the_old_way(t) for t in report.trends]
    for made, old in zip(
        data["groups"] + data["trends"],
        [*map(group_the_old_way, results.groups), *map(trend_the_old_way, report.trends)],
        strict=True,
    ):
        assert [(k, type(v)) for k, v in made.items()] == [(k, type(v)) for k, v in old.items()]
    expected = standard_text(data)
    assert report_json_text(report) == expected
    assert json_text(data, report) == expected
    assert json_text(data) == expected


@given(sa.results())
def test_cells_and_their_text_from_columns_are_as_before(results: Results) -> None:
    check(results)


def test_names_with_percent_signs_quotes_and_accents_are_written_as_text() -> None:
    paths = [("Trust %s", 'Team "A" – é\n')] * 12 + [("Trust %s", "Team %d%%")] * 3
    rng = np.random.default_rng(3)
    options = rng.integers(-1, 2, size=(len(paths), len(sa.individual_items())))
    responses = Responses.from_arrays(
        items=sa.individual_items(),
        levels=("trust", "team"),
        group_paths=paths,
        options=options,
        waves=["2024 %s"] * len(paths),
    )
    check(aggregate(responses, min_group_size=5))


def test_writing_something_not_a_report_is_refused_in_the_same_words() -> None:
    with pytest.raises(ArgumentError, match=r"^report_json: report: "):
        report_json_text("not a report")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^json_text: report: "):
        json_text({}, "not a report")  # type: ignore[arg-type]
