"""A tree of cells with the hidden subtrees that are alike under one parent kept once.

Most of a large release is hidden: at 10,000 teams by role, 35,000 of its 36,000 cells, in
hidden teams of one to four hidden role cells each. Nothing published tells two such subtrees
of one service apart (the same shape, every count hidden, the same least count), so
:func:`._nested.ranges` works out the same ranges for each, and the sums it takes over a
parent's children are the one subtree's times how many there are. This module keeps one of
each kind of such a subtree under each parent, with that many as its weight: at 10,000 teams
3,700 cells are left, and every cell of the tree has the range of the one kept for it.

Two subtrees are alike when they are *plain* throughout (no count of any family shown) and
their roots have the same least count, are alike in being loose (see ``Tree.loose``), and have
children alike, as many of each kind: each kind is numbered from the deepest cells up. That is
what ``ranges`` reads of a cell and its subtree, so it works out one range for both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ._cell_tree import Levels, Scatter

if TYPE_CHECKING:
    import numpy as np

    from ._cell_tree import Tree

__all__ = ["Merged", "merged", "unmerged"]

#: The most kinds of children a plain cell may have and still be merged with others: a row of
#: two numbers for each kind is what its kind is found from, so the rows are kept short (a
#: cell with more is kept on its own, which changes no range).
_KINDS = 8


@attrs.define
class Merged(Levels):
    """A tree of cells with the plain subtrees alike under one parent kept once.

    Attributes:
        parent: Each kept cell's parent, among the kept cells (the root's is -1).
        levels: The kept cells at each depth, as ``Tree.levels``.
        loose: Whether a kept cell is loose (``Tree.loose``).
        weight: How many subtrees alike a kept cell stands for under its parent (None: one
            each, nothing merged).
        cells: Each kept cell's number in the tree it was made from.
        rep: Each cell of that tree's kept cell (the one whose ranges it has).
    """

    parent: np.ndarray
    levels: list[slice]
    loose: np.ndarray
    weight: np.ndarray | None
    cells: np.ndarray
    rep: np.ndarray
    into: dict[int, Scatter] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def weights(self, cells: slice) -> np.ndarray | None:
        return None if self.weight is None else self.weight[cells]

    def wanted(self, mask: Any) -> Any:
        """Which kept cells stand for a cell of ``mask`` (a mask of the tree's cells)."""
        import numpy as np

        return np.bincount(self.rep, weights=mask, minlength=self.n) > 0


def merged(t: Tree, plain: Any, x_low: Any) -> Merged:
    """The tree ``t`` with the plain subtrees alike under one parent kept once.

    Args:
        t: The tree of a release's cells.
        plain: Which cells show no count of any family.
        x_low: Each cell's least count (as :func:`._nested.ranges` takes it).
    """
    import numpy as np

    kind = np.full(t.n, -1, dtype=np.int64)
    _, low = np.unique(x_low[plain], return_inverse=True)
    kind[plain] = low.ravel() * 2 + t.loose[plain]
    alike = _alike(t, kind)
    rep, kept, weight = _kept(t, alike)
    cells = np.flatnonzero(kept)
    new = np.cumsum(kept) - 1
    up = t.parent[cells]
    return Merged(
        parent=np.where(up >= 0, new[np.maximum(up, 0)], -1),
        levels=[slice(int(new[s.start - 1]) + 1, int(new[s.stop - 1]) + 1) for s in t.levels],
        loose=t.loose[cells],
        weight=weight[cells],
        cells=cells,
        rep=new[rep],
    )


def unmerged(t: Tree) -> Merged:
    """The tree ``t`` as it is, each cell kept: for a tree with few plain cells, where what
    merging would save costs less than finding what to merge (at 10^7 answers in 1,000 teams,
    262 plain cells of 2,181: 2,035 kept, and the audit 0.35 ms slower merged)."""
    import numpy as np

    every = np.arange(t.n)
    return Merged(
        parent=t.parent, levels=t.levels, loose=t.loose, weight=None, cells=every, rep=every
    )


def _alike(t: Tree, kind: Any) -> Any:
    """Each cell's kind of subtree, numbered from 0 (-1 where it is not plain throughout, or
    has more than ``_KINDS`` kinds of children): the deepest cells first, each level's kinds
    from its cell's own (``kind``) and how many children of each kind it has."""
    import numpy as np

    alike = np.full(t.n, -1, dtype=np.int64)
    count = 0
    for i in range(len(t.levels) - 1, -1, -1):
        cells = t.levels[i]
        m = cells.stop - cells.start
        ok = kind[cells] >= 0
        row = [kind[cells][:, None]]
        if i + 1 < len(t.levels):
            below = t.levels[i + 1]
            up = t.parent[below] - cells.start
            sub = alike[below]
            ok &= np.bincount(up[sub < 0], minlength=m) == 0
            row += _children(up[sub >= 0], sub[sub >= 0], ok)
        at = np.flatnonzero(ok)
        if len(at):
            ids, distinct = _row_ids(np.concatenate(row, axis=1)[at])
            alike[cells.start + at] = count + ids
            count += distinct
    return alike


def _children(up: Any, sub: Any, ok: Any) -> list[Any]:
    """For each cell of a level, the kinds of its children and how many of each, as columns of
    a row (-1 past the last); a cell of more kinds than ``_KINDS`` is struck from ``ok``."""
    import numpy as np

    m = len(ok)
    order = np.lexsort((sub, up))
    up, sub = up[order], sub[order]
    if not len(up):
        return []
    new = np.ones(len(up), dtype=bool)
    new[1:] = (up[1:] != up[:-1]) | (sub[1:] != sub[:-1])
    starts = np.flatnonzero(new)
    many = np.diff(np.append(starts, len(up)))
    runs_up, runs_kind = up[starts], sub[starts]
    kinds = np.bincount(runs_up, minlength=m)
    ok &= kinds <= _KINDS
    width = int(kinds[ok].max()) if ok.any() else 0
    place = np.arange(len(runs_up)) - (np.cumsum(kinds) - kinds)[runs_up]
    keep = ok[runs_up] & (place < width)
    columns = np.full((m, 2 * width), -1, dtype=np.int64)
    columns[runs_up[keep], 2 * place[keep]] = runs_kind[keep]
    columns[runs_up[keep], 2 * place[keep] + 1] = many[keep]
    return [columns]


def _row_ids(rows: Any) -> tuple[Any, int]:
    """Each row's number among the distinct rows, and how many there are (``np.unique`` of the
    rows, whose sort of rows as one value each takes ten times as long as ``lexsort``)."""
    import numpy as np

    order = np.lexsort(rows.T[::-1])
    ordered = rows[order]
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    ids = np.empty(len(rows), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, int(new.sum())


def _kept(t: Tree, alike: Any) -> tuple[Any, Any, Any]:
    """Which cells are kept, each cell's kept cell and each kept cell's weight, from the top
    down: of a kept cell's children alike (the same kind), the first is kept, weighing as many
    as they are; a child of a cell not kept has the kept cell of its kind under its parent's."""
    import numpy as np

    n = t.n
    rep = np.zeros(n, dtype=np.int64)
    kept = np.zeros(n, dtype=bool)
    weight = np.ones(n, dtype=np.int64)
    kept[0] = True
    count = int(alike.max()) + 1
    span = count + n  # a cell of no kind is a kind of its own: ``count`` plus its number
    for cells in t.levels:
        up = t.parent[cells]
        mine = alike[cells]
        key_of = np.where(mine >= 0, mine, count + np.arange(cells.start, cells.stop))
        under = kept[up]
        first_of = np.flatnonzero(under)
        key = up[first_of] * span + key_of[first_of]
        keys, first, inverse, many = np.unique(
            key, return_index=True, return_inverse=True, return_counts=True
        )
        reps = cells.start + first_of[first]
        kept[reps] = True
        weight[reps] = many
        rep[cells.start + first_of] = reps[inverse.ravel()]
        copies = np.flatnonzero(~under)
        if len(copies):
            # Under a copy, the kept cell of the same kind under the kept parent: it has one,
            # as the copy's children are of the kinds the kept parent's are.
            at = np.searchsorted(keys, rep[up[copies]] * span + key_of[copies])
            rep[cells.start + copies] = reps[at]
    return rep, kept, weight
