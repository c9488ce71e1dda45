"""Each family's counts on the tree of cells (``audit._cell_tree.family``) are what the
reference below makes of them: ``family`` as first written, with ``np.maximum.at`` and
``np.minimum.at`` over every node, on random releases with their counts changed at random (so
that some nodes of one cell disagree, and some counts are hidden or below -1)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wellbeing_framework.analysis.audit import RESPONDENTS
from wellbeing_framework.analysis.audit import _cell_tree as cell_tree

from .test_nested import releases

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference(t: cell_tree.Tree, v: Any, total: int | None) -> tuple[Any, Any] | None:
    """``family``'s counts and hidden cells as first written."""
    listed, cells = t.held(len(v))
    held = v if listed is None else v[listed]
    top = np.full(t.n, -1, dtype=np.int64)
    np.maximum.at(top, cells, held)
    shown = held >= 0
    low = np.full(t.n, cell_tree._MOST, dtype=np.int64)
    np.minimum.at(low, cells[shown], held[shown])
    if ((top >= 0) & (low != top)).any():
        return None
    if total is not None and t.total_cell is not None:
        if top[t.total_cell] >= 0 and top[t.total_cell] != total:
            return None
        top[t.total_cell] = total
    hidden = np.zeros(t.n, dtype=bool)
    hidden[cells[~shown]] = True
    hidden &= top < 0
    return top, hidden


@settings(FAST)
@given(releases(), st.integers(0, 2**32 - 1), st.sampled_from([0.0, 0.05, 0.3]))
def test_a_familys_cells_are_the_references(release: Any, seed: int, changed: float) -> None:
    t = cell_tree.tree(release)
    assert t is not None
    rng = np.random.default_rng(seed)
    for name in release.families:
        v = np.array([-1 if x is None else x for x in release.families[name]], dtype=np.int64)
        change = rng.random(len(v)) < changed
        v[change] = rng.integers(-3, 12, int(change.sum()))
        total = release.total if name == RESPONDENTS else None
        if total is not None and rng.random() < 0.3:
            total += int(rng.integers(-1, 2))
        got = cell_tree.family(t, v, total)
        want = reference(t, v, total)
        assert (got is None) == (want is None)
        if got is not None and want is not None:
            assert got.value.tolist() == want[0].tolist()
            assert got.hidden.tolist() == want[1].tolist()
            assert got.node_value is v
