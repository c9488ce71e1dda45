"""Aggregation against a straightforward reference: every group's numbers worked out row by row,
and the same table whatever order the answers come in."""

from __future__ import annotations

import math
from unittest import mock

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import aggregate
from wellbeing_framework.analysis import Responses
from wellbeing_framework.analysis import _cube as cube
from wellbeing_framework.analysis._cube import answer_cube
from wellbeing_framework.analysis.responses import normalise_scores


def _reference(responses: Responses) -> dict[tuple[tuple[str, ...], str | None], dict]:
    """For every group at every level and wave with someone in it: n, and per item the counts
    and scores, from the rows themselves."""
    matrix = responses.option.reshape(responses.n_rows, len(responses.items))
    leaves = [responses.paths[-1][g] for g in responses.groups[:, -1].tolist()]
    out: dict[tuple[tuple[str, ...], str | None], dict] = {}
    for r, leaf in enumerate(leaves):
        wave = responses.waves[int(responses.wave[r])]
        for level in range(len(leaf) + 1):
            node = out.setdefault((leaf[:level], wave), {"n": 0, "rows": []})
            node["n"] += 1
            node["rows"].append(r)
    for node in out.values():
        per_item = []
        for j, info in enumerate(responses.items):
            codes = matrix[node["rows"], j].tolist()
            values, scored = normalise_scores(info.scale)
            picked = [c for c in codes if c >= 0]
            raw = [info.scale.options[c].score for c in picked if scored[c]]
            norm = [values[c] for c in picked if scored[c]]
            per_item.append(
                {
                    "answered": len(raw),
                    "unscored": sum(1 for c in picked if not scored[c]),
                    "missing": codes.count(-1),
                    "mean": sum(raw) / len(raw) if raw else math.nan,
                    "normalised": sum(norm) / len(norm) if norm else math.nan,
                    "distribution": [picked.count(o) for o in range(len(info.scale.options))],
                }
            )
        node["items"] = per_item
    return out


@settings(max_examples=40, deadline=None)
@given(sa.responses())
def test_every_group_counts_and_scores_what_its_rows_say(responses: Responses) -> None:
    results = aggregate(responses, min_group_size=1, force_small_groups=True)
    table = results.table
    expected = _reference(responses)
    assert sorted(zip(table.group, table.wave, strict=True)) == sorted(expected)
    n_themes = len(results.elements) - len(responses.items)
    for i, key in enumerate(zip(table.group, table.wave, strict=True)):
        want = expected[key]
        assert table.n[i] == want["n"]
        for j, item in enumerate(want["items"]):
            e = n_themes + j
            assert table.answered[i, e] == item["answered"]
            assert table.unscored[i, e] == item["unscored"]
            assert table.missing[i, e] == item["missing"]
            width = len(item["distribution"])
            assert table.distribution[i, j, :width].tolist() == item["distribution"]
            for name in ("mean", "normalised"):
                got, exp = float(getattr(table, name)[i, e]), item[name]
                assert (math.isnan(got) and math.isnan(exp)) or math.isclose(got, exp)


def _shuffled(responses: Responses, seed: int, drop: float) -> Responses:
    """The same answers in another order, some of them (``drop`` of them) left out."""
    rng = np.random.default_rng(seed)
    keep = rng.permutation(responses.n_answers)
    keep = keep[: round(len(keep) * (1 - drop))]
    return attrs.evolve(
        responses, row=responses.row[keep], item=responses.item[keep], option=responses.option[keep]
    )


@settings(max_examples=25, deadline=None)
@given(sa.responses(roles=("nurse", "porter")), st.integers(0, 2**32 - 1))
def test_the_answers_order_changes_nothing(responses: Responses, seed: int) -> None:
    mine = aggregate(responses, min_group_size=5, by=("role",))
    theirs = aggregate(_shuffled(responses, seed, 0.0), min_group_size=5, by=("role",))
    for name in ("group", "wave", "breakdown"):
        assert getattr(mine.table, name) == getattr(theirs.table, name)
    for name in ("n", "reason", "answered", "unscored", "missing", "distribution"):
        assert np.array_equal(getattr(mine.table, name), getattr(theirs.table, name)), name
    assert np.array_equal(mine.table.mean, theirs.table.mean, equal_nan=True)


@given(
    sa.responses(),
    st.integers(0, 2**32 - 1),
    st.integers(1, 7),
    st.sampled_from([0, 0.3]),
    st.sampled_from([None, 1, 2, 3, 5]),
)
def test_the_cube_counts_every_answer_once_block_by_block(
    responses: Responses, seed: int, block: int, drop: float, threads: int | None
) -> None:
    """Blocks of a few rows, the layout row by row in some blocks and not in others; counted
    in one thread, or (``THREAD_ANSWERS`` made 1) split among several, even more threads than
    blocks."""
    rng = np.random.default_rng(seed)
    n_items = len(responses.items)
    mixed = responses
    if drop or rng.random() < 0.5:
        # Shuffle the answers within a run of rows only, so the other blocks stay in order.
        lo = int(rng.integers(0, responses.n_rows)) * n_items
        part = _shuffled(attrs.evolve(responses), seed, drop)
        mixed = (
            part
            if drop
            else attrs.evolve(
                responses,
                row=np.concatenate([responses.row[:lo], np.sort(responses.row[lo:])[::-1]]),
                item=np.concatenate([responses.item[:lo], responses.item[lo:][::-1]]),
                option=np.concatenate([responses.option[:lo], responses.option[lo:][::-1]]),
            )
        )
    cells = responses.wave.astype(np.int64) * len(responses.paths[-1]) + responses.groups[:, -1]
    n_cells = len(responses.waves) * len(responses.paths[-1])
    width = max(len(i.scale.options) for i in responses.items)
    with (
        mock.patch.object(cube, "THREAD_ANSWERS", 1 if threads else cube.THREAD_ANSWERS),
        mock.patch.object(cube, "_cores", return_value=threads or 1),
    ):
        got = answer_cube(mixed, cells, n_cells, width, block=block)
    want = np.zeros((n_cells, n_items, width + 1), dtype=np.int64)
    np.add.at(want, (cells[mixed.row], mixed.item, mixed.option + 1), 1)
    assert got.dtype == np.int32
    assert np.array_equal(got, want)


@settings(max_examples=25, deadline=None)
@given(sa.responses(roles=("nurse", "porter")), st.integers(2, 4), st.booleans())
def test_the_cube_counted_in_threads_gives_the_same_results(
    responses: Responses, threads: int, by_role: bool
) -> None:
    """``aggregate()`` with every cube counted in ``threads`` threads, against one thread."""
    by = ("role",) if by_role else ()
    one = aggregate(responses, min_group_size=5, by=by)
    with (
        mock.patch.object(cube, "THREAD_ANSWERS", 1),
        mock.patch.object(cube, "_cores", return_value=threads),
    ):
        many = aggregate(responses, min_group_size=5, by=by)
    for name in ("group", "wave", "breakdown"):
        assert getattr(one.table, name) == getattr(many.table, name)
    for name in ("n", "reason", "answered", "unscored", "missing", "distribution"):
        mine, theirs = getattr(one.table, name), getattr(many.table, name)
        assert mine.dtype == theirs.dtype
        assert np.array_equal(mine, theirs), name
    assert np.array_equal(one.table.mean, many.table.mean, equal_nan=True)


@settings(max_examples=40, deadline=None)
@given(sa.responses(roles=("nurse", "porter")), st.integers(2, 12), st.booleans(), st.booleans())
def test_what_a_minimum_leaves_shown_is_what_a_minimum_of_1_shows(
    responses: Responses, k: int, by_role: bool, items: bool
) -> None:
    """Only the nodes still shown after the quick rules are scored and laid out: each number
    shown is the one shown with a minimum of 1 (the same rows, every node scored), and a hidden
    node's numbers are all blank."""
    by = ("role",) if by_role else ()
    some = aggregate(responses, min_group_size=k, force_small_groups=True, by=by, items=items)
    every = aggregate(responses, min_group_size=1, force_small_groups=True, by=by, items=items)
    mine, theirs = some.table, every.table
    assert (mine.group, mine.wave, mine.breakdown) == (theirs.group, theirs.wave, theirs.breakdown)
    for name in ("answered", "unscored", "missing", "distribution", "mean", "normalised"):
        got, want = getattr(mine, name), getattr(theirs, name)
        assert (got.dtype, got.shape) == (want.dtype, want.shape)
        both = (got >= 0) & (want >= 0)  # shown in both (NaN compares false)
        assert np.array_equal(got[both], want[both]), name
    hidden = mine.n < 0
    assert np.array_equal(mine.n[~hidden], theirs.n[~hidden])
    assert (mine.answered[hidden] == -1).all()
    assert (mine.distribution[hidden] == -1).all()
    assert np.isnan(mine.mean[hidden]).all()
