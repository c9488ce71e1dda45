"""The cells made from columns are the cells made one record at a time, as they were before:
the same values, in the same order, on any results; and the collector's pause restores it."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework._collector import collector_paused
from wellbeing_framework.analysis._rounding import points_or_none
from wellbeing_framework.analysis.results import (
    Cell,
    ElementKind,
    Results,
    SuppressionReason,
)


def _num(value: float) -> float | None:
    return None if value != value else float(value)


def cells_one_at_a_time(results: Results) -> tuple[Cell, ...]:
    """``Results.cells`` as it was written before the columns: one record per cell."""
    t = results.table
    item_index = {
        e.ref: j for j, e in enumerate(e for e in results.elements if e.kind is ElementKind.ITEM)
    }
    mean, norm = t.mean.tolist(), t.normalised.tolist()
    answered, unscored, missing = t.answered.tolist(), t.unscored.tolist(), t.missing.tolist()
    dist = t.distribution.tolist()
    out: list[Cell] = []
    for i, group_cell in enumerate(results.groups):
        for j, e in enumerate(results.elements):
            common = {
                "group": group_cell.group,
                "wave": group_cell.wave,
                "breakdown": group_cell.breakdown,
                "element": e.ref,
                "kind": e.kind,
                "scope": e.scope,
                "checklist": e.checklist,
            }
            if group_cell.suppressed or answered[i][j] < 0:
                reason = group_cell.reason or SuppressionReason.COMPLEMENTARY
                out.append(Cell(**common, n=None, suppressed=True, reason=reason))
                continue
            normalised = _num(norm[i][j])
            distribution: tuple[tuple[str, int], ...] = ()
            if e.kind is ElementKind.ITEM:
                counts = dist[i][item_index[e.ref]]
                distribution = tuple(zip(e.options, counts[: len(e.options)], strict=True))
            out.append(
                Cell(
                    **common,
                    n=group_cell.n,
                    mean=_num(mean[i][j]),
                    normalised=normalised,
                    answered=answered[i][j],
                    unscored=unscored[i][j],
                    missing=missing[i][j],
                    band=results.banding.band(normalised),
                    distribution=distribution,
                )
            )
    return tuple(out)


@given(sa.results())
def test_cells_from_columns_are_the_cells_made_one_at_a_time(results: Results) -> None:
    assert results.cells == cells_one_at_a_time(results)


@given(sa.results())
def test_the_columns_points_are_those_the_reports_print(results: Results) -> None:
    columns = results.cell_columns
    assert columns.points == [points_or_none(x) for x in columns.normalised]
    assert len(columns) == len(results)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_found(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause does not turn it on early
        assert gc.isenabled() is enabled
        with pytest.raises(ZeroDivisionError), collector_paused():
            1 / 0  # noqa: B018 (a failure inside the pause)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@given(
    sa.results(),
    st.data(),
)
def test_select_picks_the_cells_that_match(results: Results, data: st.DataObject) -> None:
    groups = sorted(set(results.table.group))
    group = data.draw(st.one_of(st.none(), st.sampled_from(groups)))
    level = data.draw(st.one_of(st.none(), st.integers(0, 3)))
    wave = data.draw(st.one_of(st.none(), st.sampled_from(["w1", "w2"])))
    element = data.draw(st.one_of(st.none(), st.sampled_from([e.ref for e in results.elements])))
    kind = data.draw(st.sampled_from([None, *ElementKind]))
    shown = data.draw(st.sampled_from([None, True, False]))
    breakdown = data.draw(st.sampled_from([None, (), *sorted(set(results.table.breakdown))]))
    expected = tuple(
        c
        for c in cells_one_at_a_time(results)
        if (group is None or c.group == group)
        and (level is None or c.level == level)
        and (wave is None or c.wave == wave)
        and (element is None or c.element == element)
        and (kind is None or c.kind is kind)
        and (shown is None or c.suppressed is not shown)
        and (breakdown is None or c.breakdown == breakdown)
    )
    found = results.select(
        group=group,
        level=level,
        wave=wave,
        element=element,
        kind=kind,
        shown=shown,
        breakdown=breakdown,
    )
    assert found == expected
