"""Every level's counts are the sums of its leaves' counts, however the levels are summed."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis.cube import expand


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
    out = expand(fine, codes, combine)
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
