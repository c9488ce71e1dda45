"""Every level's counts are the sums of its leaves' counts, however the levels are summed."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis._cube import Rollup

#: Rows of counts as narrow as respondents' and as wide as answers per item and option (summed
#: in different ways, see ``_cube._NARROW``).
WIDTHS = (4, 60)


@st.composite
def hierarchies(draw: st.DrawFn) -> list[np.ndarray]:
    """For each level (everyone first, the leaves last), the group code of every leaf: nested
    and non-decreasing, as sorted paths give them; now and then a group with no leaf under it."""
    leaves = draw(st.integers(1, 30))
    depth = draw(st.integers(0, 3))
    codes = [np.zeros(leaves, dtype=np.int64)]
    cuts = np.zeros(leaves, dtype=bool)
    for _ in range(depth):
        more = np.array(draw(st.lists(st.booleans(), min_size=leaves, max_size=leaves)))
        cuts = cuts | more
        cuts[0] = False
        level = np.cumsum(cuts).astype(np.int64)
        if draw(st.booleans()) and level[-1] > 0:
            level = np.where(level > 0, level + 1, 0)  # group 1 of this level has no leaf
        codes.append(level)
    if depth:
        codes[-1] = np.arange(leaves, dtype=np.int64)  # the leaves are the deepest groups
    return codes


@given(hierarchies(), st.integers(0, 2**31))
def test_each_group_counts_what_its_leaves_count(codes: list[np.ndarray], seed: int) -> None:
    rng = np.random.default_rng(seed)
    leaves = len(codes[0])
    fine = rng.integers(0, 1000, size=(2, leaves, 3, 4))
    combine = rng.integers(0, 2, size=(2, 3))
    out = Rollup.of(np.arange(fine[..., 0].size), (2, leaves, 3), codes, combine).expand(
        fine.reshape(-1, 4)
    )
    offset = 0
    for level in codes:
        groups = int(level[-1]) + 1
        expected = np.zeros((2, groups, 3, 4), dtype=np.int64)
        np.add.at(expected, (slice(None), level), fine)
        # Only groups with a leaf under them have counts to compare (an import makes no other).
        present = np.isin(np.arange(groups), level)
        got = out[:, offset : offset + groups]
        want = np.einsum("wgfk,cf->wgck", expected, combine)
        assert np.array_equal(got[:, present], want[:, present])
        offset += groups
    assert out.shape[1] == offset


def _dense(fine: np.ndarray, codes: list[np.ndarray], combine: np.ndarray) -> np.ndarray:
    """Every level's groups summed from the leaves, side by side, into the columns."""
    levels = []
    for level in codes:
        sums = np.zeros((fine.shape[0], int(level[-1]) + 1, *fine.shape[2:]), dtype=np.int64)
        np.add.at(sums, (slice(None), level), fine)
        levels.append(np.einsum("wgfk,cf->wgck", sums, combine))
    return np.concatenate(levels, axis=1)


@given(
    hierarchies(),
    st.integers(0, 2**31),
    st.integers(0, 3),
    st.integers(1, 3),
    st.sampled_from(WIDTHS),
)
def test_the_sparse_roll_up_gives_the_dense_sums(
    codes: list[np.ndarray], seed: int, emptiness: int, n_fine: int, width: int
) -> None:
    """From the occupied finest cells only (most of them empty, or none, or all occupied;
    now and then an empty one listed too), into any columns, rows of counts narrow or wide:
    every group with a leaf gets the dense sums, every group without one 0."""
    rng = np.random.default_rng(seed)
    leaves = len(codes[0])
    fine = rng.integers(0, 1000, size=(2, leaves, n_fine, width))
    fine[rng.random((2, leaves, n_fine)) < emptiness / 3] = 0
    flat = fine.reshape(-1, width)
    cells = np.flatnonzero(flat.any(axis=1) | (rng.random(len(flat)) < 0.1))
    combine = rng.integers(0, 2, size=(4, n_fine))
    combine[0] = 1  # a group's total, as the grid's first column is
    got = Rollup.of(cells, (2, leaves, n_fine), codes, combine).expand(flat[cells])
    want = _dense(fine, codes, combine)
    assert got.shape == want.shape
    offset = 0
    for level in codes:
        groups = int(level[-1]) + 1
        present = np.isin(np.arange(groups), level)
        here = slice(offset, offset + groups)
        assert np.array_equal(got[:, here][:, present], want[:, here][:, present])
        assert not got[:, here][:, ~present].any()
        offset += groups


def test_a_level_that_does_not_nest_in_the_one_below_is_summed_from_the_leaves() -> None:
    codes = [np.zeros(4, np.int64), np.array([0, 1, 1, 2]), np.array([0, 0, 1, 1]), np.arange(4)]
    fine = np.arange(1, 2 * 4 * 2 * 3 + 1).reshape(2, 4, 2, 3)
    combine = np.array([[1, 1], [1, 0], [0, 1]])
    cells = np.arange(2 * 4 * 2)
    got = Rollup.of(cells, (2, 4, 2), codes, combine).expand(fine.reshape(-1, 3))
    offset = 0
    for level in codes:
        groups = int(level[-1]) + 1
        want = np.zeros((2, groups, 2, 3), dtype=np.int64)
        np.add.at(want, (slice(None), level), fine)
        want = np.einsum("wgfk,cf->wgck", want, combine)
        assert np.array_equal(got[:, offset : offset + groups], want)
        offset += groups


@given(hierarchies(), st.integers(0, 2**31), st.integers(1, 3), st.floats(0, 1))
def test_the_sums_at_some_nodes_are_those_of_every_node(
    codes: list[np.ndarray], seed: int, n_fine: int, share: float
) -> None:
    """Summed at a few nodes from their own cells, or at most of them level from level: the
    same sums as every node's, empty groups and columns 0."""
    rng = np.random.default_rng(seed)
    leaves = len(codes[0])
    fine = rng.integers(0, 1000, size=(2, leaves, n_fine, 4))
    fine[rng.random((2, leaves, n_fine)) < 0.5] = 0
    flat = fine.reshape(-1, 4)
    cells = np.flatnonzero(flat.any(axis=1))
    combine = rng.integers(0, 2, size=(4, n_fine))
    combine[0] = 1
    rollup = Rollup.of(cells, (2, leaves, n_fine), codes, combine)
    every = rollup.expand(flat[cells]).reshape(-1, 4)
    nodes = np.flatnonzero(rng.random(len(every)) < share)
    rng.shuffle(nodes)
    assert np.array_equal(rollup.sums_at(flat[cells], nodes), every[nodes])
