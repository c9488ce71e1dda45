"""Responses laid out row by row (as an import makes them) hold no row or item of each answer,
and behave in every way as the same answers given with their rows and items."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import aggregate
from wellbeing_framework.analysis import Responses


def _given_in_full(responses: Responses) -> Responses:
    """The same answers with each one's row and item held."""
    return attrs.evolve(responses, row=responses.row, item=responses.item)


def _same_answers(mine: Responses, theirs: Responses) -> None:
    assert mine.items == theirs.items
    for name in ("groups", "wave", "dimension_codes", "row", "item", "option"):
        assert np.array_equal(getattr(mine, name), getattr(theirs, name)), name


@settings(max_examples=30, deadline=None)
@given(sa.responses(roles=("nurse", "porter")), st.integers(0, 2**32 - 1))
def test_row_by_row_is_the_same_as_given_in_full(responses: Responses, seed: int) -> None:
    assert responses.row_by_row
    full = _given_in_full(responses)
    assert not full.row_by_row
    mine = aggregate(responses, min_group_size=5, by=("role",))
    theirs = aggregate(full, min_group_size=5, by=("role",))
    for name in ("group", "wave", "breakdown"):
        assert getattr(mine.table, name) == getattr(theirs.table, name)
    for name in ("n", "reason", "answered", "unscored", "missing", "distribution"):
        assert np.array_equal(getattr(mine.table, name), getattr(theirs.table, name)), name
    assert np.array_equal(mine.table.mean, theirs.table.mean, equal_nan=True)

    rng = np.random.default_rng(seed)
    mask = rng.random(responses.n_rows) < 0.6
    kept = responses.select_rows(mask)
    assert kept.row_by_row
    _same_answers(kept, full.select_rows(mask))
    refs = [i.ref for i in responses.items if rng.random() < 0.5]
    chosen = responses.select_items(refs)
    _same_answers(chosen, full.select_items(refs))


def test_a_row_by_row_import_holds_the_options_only() -> None:
    responses = Responses.from_arrays(
        items=sa.individual_items()[:3],
        levels=("Team",),
        group_paths=[("A",), ("A",), ("B",)],
        options=np.array([[0, 1, -1], [2, 0, 1], [1, 1, 1]]),
    )
    assert responses.row.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert responses.item.tolist() == [0, 1, 2] * 3
    assert responses.n_answers == 9
    held = responses.groups.nbytes + responses.wave.nbytes + responses.dimension_codes.nbytes
    assert responses.nbytes == held + responses.option.nbytes


def test_rows_and_items_are_given_together_and_fit_the_options() -> None:
    responses = Responses.from_arrays(
        items=sa.individual_items()[:2],
        levels=("Team",),
        group_paths=[("A",)],
        options=np.array([[0, 1]]),
    )
    with pytest.raises(ValueError, match="row and item go together"):
        attrs.evolve(responses, row=np.zeros(2, dtype=np.int32))
    with pytest.raises(ValueError, match="one entry per row and item"):
        attrs.evolve(responses, option=np.zeros(3, dtype=np.int8))
    with pytest.raises(ValueError, match="within each item's scale"):
        attrs.evolve(responses, option=np.array([0, 99], dtype=np.int8))
