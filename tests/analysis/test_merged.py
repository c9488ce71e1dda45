"""The tree with its plain subtrees alike kept once (``audit/_merged.py``) gives every cell the
range the whole tree gives it.

- On random trees built of a few shapes of subtree (so that many are alike), with counts shown
  at random from people drawn into them: :func:`_nested.ranges` on the merged tree, read for
  each cell at its kept cell, is ``ranges`` on the whole tree, and says alike whether whole
  numbers fit;
- on random releases (those of ``test_nested``): ``_nested._bounds`` is the reference below,
  ``_bounds`` as it was before the merging (one pass of ``ranges`` per family on the tree).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wellbeing_framework.analysis.audit import RESPONDENTS
from wellbeing_framework.analysis.audit import _cell_tree as cell_tree
from wellbeing_framework.analysis.audit import _nested as nested
from wellbeing_framework.analysis.audit._merged import merged

from .test_nested import releases

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A shape of subtree: whether its root is loose, and its children's shapes.
Shape = tuple[bool, tuple[Any, ...]]


def _shapes(depth: int) -> st.SearchStrategy[Shape]:
    leaf: st.SearchStrategy[Shape] = st.just((True, ()))
    if depth == 0:
        return leaf
    below = _shapes(depth - 1)
    # Children drawn from two shapes of subtree, so that siblings are often alike.
    return st.tuples(below, below).flatmap(
        lambda two: st.tuples(
            st.booleans(), st.lists(st.sampled_from(two), min_size=1, max_size=5).map(tuple)
        )
    )


@st.composite
def trees(draw: st.DrawFn) -> tuple[cell_tree.Tree, Any, Any, Any, Any]:
    """A tree under a root, its cells numbered by depth; people drawn into its finest cells
    (and a loose cell's own), every cell's respondents and each of two families' answers shown
    at random; each cell's least count; and a mask of cells asked about."""
    depth = draw(st.integers(1, 4))
    top = draw(_shapes(depth))
    parent, level, loose = [-1], [0], [False]
    stack = [(top, 0)]
    order: list[tuple[Shape, int]] = []
    while stack:  # breadth first: the cells are numbered by depth
        shape, up = stack.pop(0)
        cell = len(parent) if order else 0
        if order:
            parent.append(up)
            level.append(level[up] + 1)
            loose.append(shape[0] or not shape[1])
        order.append((shape, cell))
        stack += [(child, cell) for child in shape[1]]
    n = len(parent)
    up_of = np.array(parent, dtype=np.int64)
    depth_of = np.array(level, dtype=np.int64)
    edges = np.searchsorted(depth_of, np.arange(1, int(depth_of.max()) + 2)).tolist()
    t = cell_tree.Tree(
        parent=up_of,
        levels=[slice(a, b) for a, b in itertools.pairwise(edges)],
        loose=np.array(loose, dtype=bool),
        size=np.ones(n, dtype=np.int64),
        children=cell_tree._groups(up_of[1:], n, offset=1),
        node_cell=np.arange(n, dtype=np.int64),
        total_cell=None,
        nodes_of=cell_tree._groups(np.arange(n, dtype=np.int64), n),
    )
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    own_x = np.where(t.loose, rng.integers(0, 4, n), 0)
    own_y = np.stack([rng.integers(0, own_x + 1) for _ in range(2)], 1)
    x, y = own_x.copy(), own_y.copy()
    for cells in reversed(t.levels):  # each cell's people: its own and its children's
        np.add.at(x, up_of[cells], x[cells])
        np.add.at(y, up_of[cells], y[cells])
    show = draw(st.sampled_from([0.0, 0.1, 0.4]))
    shown = rng.random(n) < show
    x_shown = np.where(shown, x, -1)
    y_shown = np.where(shown[:, None] & (rng.random((n, 2)) < 0.7), y, -1)
    x_low = np.where(~shown & (x > 0), 1, 0) if draw(st.booleans()) else (~shown).astype(int)
    x_shown[0] = y_shown[0] = -1
    x_low[0] = 0
    wanted = rng.random(n) < draw(st.sampled_from([0.3, 1.0]))
    return t, x_shown, x_low, np.concatenate([np.full((n, 1), -1), y_shown], 1), wanted


@FAST
@given(trees())
def test_a_merged_tree_gives_each_cell_the_range_of_the_whole_tree(
    drawn: tuple[cell_tree.Tree, Any, Any, Any, Any],
) -> None:
    t, x, x_low, y, wanted = drawn
    plain = (x < 0) & (y < 0).all(axis=1)
    m = merged(t, plain, x_low)
    assert m.n <= t.n
    assert m.weight[m.rep[1:]].min(initial=1) >= 1
    full = nested.ranges(t, x, x_low, y, wanted)
    part = nested.ranges(m, x[m.cells], x_low[m.cells], y[m.cells], m.wanted(wanted))
    assert (full is None) == (part is None)
    if full is None or part is None:
        return
    asked = wanted.copy()
    asked[: t.levels[-1].start] = True  # above the deepest cells, every range is made
    for whole, kept in zip(full, part, strict=True):
        assert whole[asked].tolist() == kept[m.rep][asked].tolist()


@FAST
@given(trees())
def test_the_kept_cells_stand_for_cells_alike(
    drawn: tuple[cell_tree.Tree, Any, Any, Any, Any],
) -> None:
    """Each cell's kept cell is itself or a plain one at the same depth, under its parent's
    kept cell; and the weights under each kept cell add up to its children."""
    t, x, x_low, y, _ = drawn
    plain = (x < 0) & (y < 0).all(axis=1)
    m = merged(t, plain, x_low)
    cells = m.cells[m.rep]
    same = cells == np.arange(t.n)
    assert (same | (plain & plain[cells] & (x_low == x_low[cells]))).all()
    assert (m.parent[m.rep[1:]] == m.rep[t.parent[1:]]).all()
    kept_children = np.bincount(m.parent[1:], weights=m.weight[1:], minlength=m.n)
    children = np.bincount(t.parent[1:], minlength=t.n)
    assert kept_children.tolist() == children[m.cells].tolist()
    for new, old in zip(m.levels, t.levels, strict=True):
        assert set(m.cells[new].tolist()) <= set(range(old.start, old.stop))


def _bounds_reference(
    t: cell_tree.Tree, people: Any, items: Sequence[Any], wanted: Any
) -> list[tuple[Any, Any]] | None:
    """``_nested._bounds`` before the tree was merged: every family's ranges on the whole
    tree, a pass of :func:`_nested.ranges` each."""
    columns = [np.full(t.n, -1, dtype=np.int64), *(f.value for f in items)]
    out: list[tuple[Any, Any]] = []
    for j, y in enumerate(columns):
        got = nested.ranges(t, people.value, people.hidden.astype(np.int64), y[:, None], wanted)
        if got is None:
            return None
        out.append((got[0][:, 0], got[1][:, 0]) if j == 0 else (got[2][:, 0], got[3][:, 0]))
    return out


@FAST
@given(releases(), st.integers(0, 2**31))
def test_bounds_on_the_merged_tree_are_the_references(release: Any, seed: int) -> None:
    t = nested.tree(release)
    assert t is not None
    people = nested.family(t, release.families[RESPONDENTS], release.total)
    assert people is not None
    items = []
    for name in sorted(n for n in release.families if n != RESPONDENTS):
        fam = nested.family(t, release.families[name])
        assert fam is not None
        items.append(fam)
    wanted = np.random.default_rng(seed).random(t.n) < 0.5
    got = nested._bounds(t, people, items, wanted)
    want = _bounds_reference(t, people, items, wanted)
    assert (got is None) == (want is None)
    if got is None or want is None:
        return
    asked = wanted.copy()
    if t.levels:
        asked[: t.levels[-1].start] = True
    for (lo, hi), (ref_lo, ref_hi) in zip(got, want, strict=True):
        assert lo[asked].tolist() == ref_lo[asked].tolist()
        assert hi[asked].tolist() == ref_hi[asked].tolist()


@FAST
@given(releases())
def test_each_sides_nesting_on_the_merged_tree_is_the_whole_trees(release: Any) -> None:
    """What ``_nested._sides`` makes on the merged tree is what ``_nested._nesting`` makes on
    the whole tree (as ``_sides`` did before the merging): the cells covered, the owners of
    pools and the shown cells nested in each."""
    t = nested.tree(release)
    assert t is not None
    people = nested.family(t, release.families[RESPONDENTS], release.total)
    assert people is not None
    families = [(RESPONDENTS, people)]
    for name in sorted(n for n in release.families if n != RESPONDENTS):
        fam = nested.family(t, release.families[name])
        assert fam is not None
        families.append((name, fam))
    sides = nested._sides(t, families, nested._merged_for(t, [f for _, f in families]))
    has = np.zeros(t.n, dtype=bool)
    has[t.parent[1:]] = True
    want = nested._nesting(t, np.stack([f.value for _, f in families], 1), has)
    for side, (covered, owner, inner_sum, inner_n) in zip(sides, want, strict=True):
        assert side.covered.tolist() == covered.tolist()
        assert side.owner.tolist() == owner.tolist()
        assert side.inner_sum.tolist() == inner_sum.tolist()
        assert side.inner_n.tolist() == inner_n.tolist()
