"""The audit reads a report's cells in bulk; what it reads, and every error it raises, is what
reading them one at a time gives: on any report, and on any report with one field of one cell
changed to something a report does not hold."""

from __future__ import annotations

import copy
import types
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework.analysis.audit import _bulk, reading, release_from_report
from wellbeing_framework.analysis.audit.reading import release_from_report_of
from wellbeing_framework.analysis.results import Results
from wellbeing_framework.render.report import make_report
from wellbeing_framework.render.report_json import report_json

#: Values a field of a cell might be changed to: none of them what a report writes there.
ODD = st.sampled_from(
    [None, -1, 0, 3, True, 1.5, "x", "item", [], ["a"], [["a"]], [["a", "b", "c"]], [[1, 2]]]
)
FIELDS = st.sampled_from(
    [
        *("group", "wave", "breakdown", "element", "kind"),
        *("suppressed", "answered", "unscored", "distribution"),
    ]
)


def one_at_a_time(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    """What reading the cells one at a time gives: the release, or the error raised."""
    with monkeypatch.context() as m:
        m.setattr(reading, "read_item_cells", lambda *args: None)
        return outcome(data)


def outcome(data: dict[str, Any]) -> Any:
    try:
        return release_from_report(data)
    except Exception as exc:
        return type(exc), str(exc)


def report_data(results: Results) -> dict[str, Any]:
    return report_json(make_report(results, catalog=sa.CATALOG))


@given(sa.results())
def test_a_report_is_read_in_bulk_as_one_at_a_time(results: Results) -> None:
    data = report_data(results)
    with pytest.MonkeyPatch.context() as m:
        expected = one_at_a_time(data, m)
    assert not isinstance(expected, tuple)
    with pytest.MonkeyPatch.context() as m:
        # A report as written is read in bulk only, never one cell at a time.
        m.setattr(reading, "_item_cells", None)
        assert release_from_report(data) == expected


@given(sa.results(), st.data())
def test_a_changed_cell_is_read_or_refused_in_bulk_as_one_at_a_time(
    results: Results, data: st.DataObject
) -> None:
    report = report_data(results)
    changed = copy.deepcopy(report)
    cells = changed["cells"]
    k = data.draw(st.integers(0, len(cells) - 1))
    field = data.draw(FIELDS)
    if data.draw(st.booleans()):
        cells[k][field] = data.draw(ODD)
    else:
        cells[k].pop(field, None)
    distribution = cells[k].get("distribution")
    # A distribution that is (still) a list may have its last pair changed too.
    listed = field == "distribution" and isinstance(distribution, list) and distribution
    if listed and data.draw(st.booleans()):
        cells[k]["distribution"] = [*distribution[:-1], data.draw(ODD)]
    with pytest.MonkeyPatch.context() as m:
        expected = one_at_a_time(changed, m)
    assert outcome(changed) == expected


def test_cells_that_are_not_dicts_are_read_one_at_a_time() -> None:
    data = {
        "format": "wellbeing-report",
        "levels": ["team"],
        "min_group_size": 10,
        "groups": [{"group": [], "wave": None, "n": 20}],
        "cells": (
            ("not a cell",),
            {"group": [], "wave": None, "kind": "item", "element": "p:i", "suppressed": True},
        ),
    }
    release = release_from_report(data)
    assert release.families["item:p:i"] == (None,)


@given(sa.results())
def test_a_report_just_made_is_read_from_its_columns_as_from_its_cells(results: Results) -> None:
    data = report_data(results)
    expected = release_from_report(data)
    with pytest.MonkeyPatch.context() as m:
        # Its item cells are read from the columns only, never from the records.
        m.setattr(reading, "read_item_cells", None)
        m.setattr(reading, "_item_cells", None)
        assert release_from_report_of(data, results) == expected
        # Made without its cells, as the command's text is: the same release.
        assert reading.release_without_cells({**data, "cells": None}, results) == expected


@given(sa.results(), st.data())
def test_columns_read_from_the_records_where_they_would_not_vouch_for_them(
    results: Results, data: st.DataObject
) -> None:
    report = report_data(results)
    items = [j for j, e in enumerate(results.elements) if e.kind.value == "item"]
    columns = results.cell_columns
    shown = [k for k in range(len(columns.n)) if k % len(results.elements) in items]
    shown = [k for k in shown if not columns.suppressed[k]]
    if not shown:
        return
    k = data.draw(st.sampled_from(shown))
    field = data.draw(st.sampled_from(["answered", "unscored", "counts"]))
    odd = data.draw(st.sampled_from([-1, 1.5, True, None]))
    changed = list(getattr(columns, field))
    changed[k] = [odd] if field == "counts" else odd
    odd_columns: Any = attrs.evolve(columns)
    object.__setattr__(odd_columns, field, changed)  # a copy, changed where no report could be
    odd_results: Any = types.SimpleNamespace(
        cell_columns=odd_columns,
        table=results.table,
        elements=results.elements,
    )
    assert _bulk.read_item_columns(odd_results, *index_of(report)) is None
    # The cells are then read from the records, as ever; without them, there is no release.
    assert release_from_report_of(report, odd_results) == release_from_report(report)
    assert reading.release_without_cells(report, odd_results) is None


def index_of(data: dict[str, Any]) -> tuple[dict[Any, int], Any, int]:
    """The arguments the reading gives the bulk readers after ``results``."""
    index = {reading._node_key(g, ""): i for i, g in enumerate(data["groups"])}
    return index, reading._node_key, len(data["groups"])
