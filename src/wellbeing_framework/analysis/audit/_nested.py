"""The exact audit of one release whose cells nest, by interval arithmetic on their tree.

One report's cells nest: a wave's everyone holds its services, a service its teams, a team its
cross-tab cells, and the import's total (when published) every wave. The attacker's system (see
the package's docstring) is then a tree of sums (a cell's count is the sum of its children's),
and for a tree the smallest and largest count of every cell follow from two passes instead of
a linear program per hidden cell: bottom up, the range of each subtree's sum given what is
inside it; top down, the range its surroundings leave (the parent's range less its siblings'
ranges). Each cell's feasible range is where the two meet. That is exact because the tree has
no cycles (the inside and the outside of a subtree are independent once its own sum is fixed)
and a sum of ranges of whole numbers takes every whole number between its ends.

An item's answers couple two trees on the same cells: the people who answered (``y``) are at
most the respondents (``x``) of every finest cell. Each cell then carries a pair ``(x, y)``, and
its feasible pairs are the whole points of a hexagon bounded in the three directions ``x``,
``y`` and ``x - y``: the sum of two such hexagons is the hexagon of the summed bounds, and in the
plane the whole points of a sum of lattice polygons are the sums of their whole points (a known
property of lattice polygons; see Haase, Nill, Paffenholz and Santos, *Lattice points in
Minkowski sums*, 2008), so the same two passes stay exact. ``tests/analysis/test_nested.py``
checks both claims against the integer programs.

:func:`findings` gives what :func:`._findings` gives for one release (the violations, the
cells whose hiding would widen each, and how many hidden cells were checked), or None where the
release is not one this handles; the linear programs then do the work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._cell_tree import Family, Tree, family, tree
from ._counts import family_values
from ._merged import Merged, merged, unmerged
from .model import ORGANISATIONAL, RESPONDENTS, Violation

if TYPE_CHECKING:
    from .model import Release

#: Blame, as the linear programs give it: (release, node, family) of a shown cell, nearest first.
Blame = list[tuple[int, int, str]]


# -- the two passes ---------------------------------------------------------------------------

# A hexagon of (x, y) pairs: bounds of x, y and d = x - y, each an array over cells. The
# lower bounds are finite or -inf, the upper finite or +inf, so no sum meets inf - inf.
Hexagon = tuple[Any, Any, Any, Any, Any, Any]  # x_lo, x_hi, y_lo, y_hi, d_lo, d_hi


def _tighten(h: Hexagon) -> Hexagon:
    """The tight bounds of ``{x in X, y in Y, x - y in D}``: each is its own range met with
    what the other two allow (one equation, so one pass is exact)."""
    import numpy as np

    xl, xh, yl, yh, dl, dh = h
    return (
        np.maximum(xl, yl + dl),
        np.minimum(xh, yh + dh),
        np.maximum(yl, xl - dh),
        np.minimum(yh, xh - dl),
        np.maximum(dl, xl - yh),
        np.minimum(dh, xh - yl),
    )


def _own(h: Hexagon, cells: Any, own: tuple[Any, Any, Any, Any]) -> Hexagon:
    """``h`` met with the cells' own constraints (:func:`_own_bounds`)."""
    import numpy as np

    xl, xh, yl, yh, dl, dh = h
    x_min, x_max, y_min, y_max = own
    return _tighten(
        (
            np.maximum(xl, x_min[cells]),
            np.minimum(xh, x_max[cells]),
            np.maximum(yl, y_min[cells]),
            np.minimum(yh, y_max[cells]),
            dl,
            dh,
        )
    )


def _own_bounds(x: Any, x_low: Any, y: Any) -> tuple[Any, Any, Any, Any]:
    """Every cell's own bounds of x and y: a shown count fixes x or y, a listed hidden group
    holds at least one person; worked out once for both passes and every level."""
    import numpy as np

    return (
        np.where(x >= 0, x, x_low),
        np.where(x >= 0, x, math.inf),
        np.where(y >= 0, y, -math.inf),
        np.where(y >= 0, y, math.inf),
    )


def _empty(h: Hexagon) -> bool:
    xl, xh, yl, yh, dl, dh = h
    return bool((xl > xh).any() or (yl > yh).any() or (dl > dh).any())


def ranges(
    t: Tree | Merged, x: Any, x_low: Any, y: Any, wanted: Any = None
) -> tuple[Any, Any, Any, Any] | None:
    """The feasible range of every cell's x and y, or None if no whole numbers fit.

    ``x`` and ``y`` hold each cell's shown count (-1 where not shown), ``x_low`` the least x of
    a cell (1 for a listed hidden group). Every finest cell has ``0 <= y <= x``. ``y`` may have
    a column for each of several families (one system each, solved side by side): the ranges
    then have the same columns. With ``wanted`` (a mask of cells), the deepest cells' ranges
    are worked out only where it is set (0 elsewhere): the audit asks for its hidden cells'.

    Whether whole numbers fit is the bottom-up pass's to say: where every cell's range of its
    subtree's sums is nonempty, a whole point of each can be split among its children (their
    sum holds it), from the top down, so the system has a solution; the top-down pass checks
    again only what it works out.
    """
    import numpy as np

    shape = (t.n, *y.shape[1:])
    columns = (slice(None),) + (None,) * (y.ndim - 1)
    x, x_low = x[columns], x_low[columns]
    inf = math.inf
    # Bottom up: the range of each subtree's sum; a loose finest cell adds [0, inf) to each.
    s_lo = [np.zeros(shape) for _ in range(3)]  # children's lower bounds summed, x, y, d
    s_hi = [np.zeros(shape) for _ in range(3)]  # finite upper bounds summed
    loose = np.broadcast_to(t.loose[columns], shape).astype(np.int64)
    s_inf = [loose.copy() for _ in range(3)]  # how many are infinite
    below: list[Any] = [np.zeros(shape) for _ in range(6)]
    bounds = _own_bounds(x, x_low, y)
    for cells in reversed(t.levels):
        h = _sums(s_lo, s_hi, s_inf, cells)
        h = _own(h, cells, bounds)
        if _empty(h):
            return None
        for j in range(6):
            below[j][cells] = h[j]
        into = t.scatter(cells)
        for j in range(3):
            into.add(s_lo[j], h[2 * j])
            hi = h[2 * j + 1]
            finite = np.isfinite(hi)
            into.add(s_hi[j], np.where(finite, hi, 0.0))
            into.add(s_inf[j], ~finite)
    # Top down: what the rest of the tree leaves each cell, met with what is inside it.
    around: list[Any] = [np.full(shape, -inf if j % 2 == 0 else inf) for j in range(6)]
    out: list[Any] = [np.zeros(shape) for _ in range(4)]  # x and y: d's are not asked for
    deepest = t.levels[-1] if t.levels else None
    for cells in t.levels:
        last = cells == deepest
        if last and wanted is not None:
            # Nothing is below the deepest cells: those not asked for are no one's parent.
            cells = cells.start + np.flatnonzero(wanted[cells])
        # What the parents leave their children, less the children's sums: worked out on the
        # parents' rows (fewer, a run of cells) before they are taken for each child.
        up = t.parent[cells]
        above = slice(int(up.min()), int(up.max()) + 1) if len(up) else slice(0, 0)
        up = up - above.start

        def parents(a: Any, up: Any = up) -> Any:
            # Each cell's parent's row: ``take`` is twice as fast as ``a[up]`` on these rows.
            return np.take(a, up, axis=0)

        u: list[Any] = []
        for j in range(3):
            # The siblings' sums are the parent's children summed less this cell's own range:
            # the parent's bound less the siblings' is its bound less all the children's, plus
            # this cell's (whole numbers and infinities: the order changes nothing).
            left_lo = around[2 * j][above] - s_hi[j][above]
            left_hi = around[2 * j + 1][above] - s_lo[j][above]
            mine_lo, mine_hi = below[2 * j][cells], below[2 * j + 1][cells]
            mine_inf = ~np.isfinite(mine_hi)
            others_inf = parents(s_inf[j][above]) - mine_inf
            lo = parents(left_lo) + np.where(mine_inf, 0.0, mine_hi)
            u += [np.where(others_inf > 0, -inf, lo), parents(left_hi) + mine_lo]
        met = _tighten(_meet(u, [b[cells] for b in below]))
        if _empty(met):
            return None
        for j in range(4):
            out[j][cells] = met[j]
        if last:
            break  # what is around the deepest cells is around no cell: none is inside them
        # Tightened once met with the cell's own constraints: one pass gives a nonempty set's
        # tight bounds whatever bounds describe it, and it holds ``met``, so it is nonempty.
        xl, xh, yl, yh, dl, dh = u
        own = _own((xl, xh, yl, yh, dl, dh), cells, bounds)
        for j in range(6):
            around[j][cells] = own[j]
    return out[0], out[1], out[2], out[3]


def _meet(a: Sequence[Any], b: Sequence[Any]) -> Hexagon:
    """Two hexagons' common part (its bounds not yet tight)."""
    import numpy as np

    xl, xh, yl, yh, dl, dh = (
        np.maximum(a[j], b[j]) if j % 2 == 0 else np.minimum(a[j], b[j]) for j in range(6)
    )
    return xl, xh, yl, yh, dl, dh


def _sums(s_lo: list[Any], s_hi: list[Any], s_inf: list[Any], cells: Any) -> Hexagon:
    """The children's ranges summed (an upper bound infinite where any child's is)."""
    import numpy as np

    xl, yl, dl = (s_lo[j][cells] for j in range(3))
    xh, yh, dh = (np.where(s_inf[j][cells] > 0, math.inf, s_hi[j][cells]) for j in range(3))
    return xl, xh, yl, yh, dl, dh


# -- findings ---------------------------------------------------------------------------------


def findings(release: Release) -> tuple[list[tuple[Violation, Blame]], int] | None:
    """What :func:`._findings` finds in one release (without its organisational survey),
    or None where its cells do not nest or its counts contradict each other (the linear
    programs then say where)."""
    import numpy as np

    t = tree(release)
    if t is None:
        return None
    people = family(t, family_values(release, RESPONDENTS), release.total)
    if people is None:
        return None
    families = [(RESPONDENTS, people)]
    for name in sorted(n for n in release.families if n != RESPONDENTS):
        items = family(t, family_values(release, name))
        if items is None:
            return None
        if _mirrors(t, items, people):
            continue  # its counts say nothing the respondents' do not
        if (items.shown & ~people.shown).any():
            return None  # answers shown where the group is not: blame's pieces differ
        families.append((name, items))
    m = _merged_for(t, [fam for _, fam in families])
    sides = _sides(t, families, m)
    k = release.min_group_size
    pools = [side.pools(release, k) for side in sides]
    if any(p is None for p in pools):
        return None
    # Only the targets' ranges are read (``violations``): at 10^7 answers a sixth of the
    # deepest cells are one in any family.
    wanted = np.zeros(t.n, dtype=bool)
    for side in sides:
        wanted[side.targets()] = True
    bounds = _bounds(t, people, [side.fam for side in sides[1:]], wanted, m, kept=True)
    if bounds is None:
        return None
    found: list[tuple[Violation, Blame]] = []
    checked = 0
    for j, (side, pool) in enumerate(zip(sides, pools, strict=True)):
        found += pool or []
        found += side.violations(release, k, *bounds[j], sides[0] if j else None, m.rep)
        checked += int(side.targets().size)
    return found, checked


#: How many cells times families one pass of :func:`ranges` takes at most (its memory: about
#: 30 arrays of floats this long). Arrays above 128 KiB (glibc's default threshold for mapping
#: memory afresh) have their pages faulted in each time, and a limit of 16,000 kept them below
#: it; but each pass has a cost of its own at every level, and inside ``aggregate()`` at 10^7
#: answers (2,200 cells, 21 families) one pass of them all took 3.0 ms where three took 3.6,
#: page faults (260 a call, not 105) included. At 10,000 teams by role the tree merged
#: (3,700 cells of 36,000) takes its 21 families in two passes, in 6 ms where a pass of each
#: family took 18 (and 61 on the tree not merged).
_CHUNK = 1 << 16


def _merged_for(t: Tree, families: Sequence[Family]) -> Merged:
    """The tree with the subtrees alike kept once (:mod:`._merged`) for these families (the
    respondents' first): plain where no family shows a count. A tree of which fewer than half
    the cells are plain is kept as it is (``unmerged``)."""
    plain = families[0].value < 0
    for fam in families[1:]:
        plain &= fam.value < 0
    if 2 * int(plain.sum()) < t.n:
        return unmerged(t)
    return merged(t, plain, families[0].hidden.astype(int))


def _bounds(
    t: Tree,
    people: Family,
    items: Sequence[Family],
    wanted: Any = None,
    m: Merged | None = None,
    *,
    kept: bool = False,
) -> list[tuple[Any, Any]] | None:
    """The respondents' range of every cell (of the ``wanted`` cells, as :func:`ranges`; a
    deepest cell not wanted may have its range or 0), then each item's: worked out on the tree
    with the plain subtrees alike kept once (``m``, made for these families if not given), the
    families' systems side by side, as many at a time as keep the arrays small (None where one
    has no solution). With ``kept``, the ranges of ``m``'s cells (each cell's is its kept
    cell's, at ``m.rep``), not every cell's."""
    import numpy as np

    if m is None:
        m = _merged_for(t, [people, *items])
    # The respondents' system is a column with no answers published.
    columns = [np.full(t.n, -1, dtype=np.int64), *(f.value for f in items)]
    x, x_low = people.value[m.cells], people.hidden[m.cells].astype(np.int64)
    asked = None if wanted is None else m.wanted(wanted)
    step = max(1, _CHUNK // max(m.n, 1))
    out: list[tuple[Any, Any]] = []
    for first in range(0, len(columns), step):
        y = np.stack([c[m.cells] for c in columns[first : first + step]], 1)
        got = ranges(m, x, x_low, y, asked)
        if got is None:
            return None
        for j in range(y.shape[1]):
            lo, hi = (got[0], got[1]) if first + j == 0 else (got[2], got[3])
            out.append((lo[:, j], hi[:, j]) if kept else (lo[:, j][m.rep], hi[:, j][m.rep]))
    return out


def _mirrors(t: Tree, items: Family, people: Family) -> bool:
    """Every cell of the item counts everyone, hidden where the group is (as ``_mirrors``)."""
    same = (items.shown == people.shown) & (~items.shown | (items.value == people.value))
    return bool(same[t.listed()].all())


def _sides(t: Tree, families: Sequence[tuple[str, Family]], m: Merged) -> list[_Side]:
    """Each family's :class:`_Side`, worked out on the merged tree ``m`` for as many families
    at once (a column each) as keep the arrays as small as :func:`_bounds`' (see ``_CHUNK``).

    In a plain subtree no cell is covered, owns a pool or holds a shown cell (its deepest
    cells, not shown, have no children to cover them): so the cells merged away, all in plain
    subtrees, have False and 0 throughout, and only the kept cells' nesting is put in place
    (a tenth of the cells at 10,000 teams by role, where taking every cell's from its kept
    cell's took as long as the nesting)."""
    import numpy as np

    has = np.zeros(m.n, dtype=bool)
    has[m.parent[1:]] = True
    step = max(1, _CHUNK // max(m.n, 1))
    nesting: list[tuple[Any, ...]] = []
    for first in range(0, len(families), step):
        value = np.stack([fam.value[m.cells] for _, fam in families[first : first + step]], 1)
        for kept in _nesting(m, value, has):
            every = tuple(np.zeros(t.n, dtype=a.dtype) for a in kept)
            for a, b in zip(every, kept, strict=True):
                a[m.cells] = b
            nesting.append(every)
    return [_Side(t, fam, name, n) for (name, fam), n in zip(families, nesting, strict=True)]


def _nesting(t: Tree | Merged, value: Any, has: Any) -> list[tuple[Any, ...]]:
    """For each column of counts: which cells are covered, which shown cells own a pool, and
    the sum and number of the owning shown cells nested in each cell (``has``: which cells
    have children)."""
    import numpy as np

    shown = value >= 0
    covered = shown.copy()
    inner_sum = np.zeros(value.shape, dtype=np.int64)  # the counts of the shown cells nested
    inner_n = np.zeros(value.shape, dtype=np.int64)
    open_children = np.zeros(value.shape, dtype=np.int64)
    owner = shown.copy()
    for cells in reversed(t.levels):
        # Children first: a cell is covered when its shown cells leave nothing of it (no loose
        # finest cell, every child covered); a shown cell covered by its children owns no
        # pool, and the cells around it see its children instead.
        fills = (~t.loose[cells] & has[cells])[:, None] & (open_children[cells] == 0)
        covered[cells] |= fills
        owner[cells] &= ~fills
        into = t.scatter(cells)
        into.add(open_children, ~covered[cells])
        mine = owner[cells]
        into.add(inner_sum, np.where(mine, value[cells], inner_sum[cells]))
        into.add(inner_n, np.where(mine, 1, inner_n[cells]))
    owner[0] = False
    return [
        (covered[:, j], owner[:, j], inner_sum[:, j], inner_n[:, j]) for j in range(value.shape[1])
    ]


class _Side:
    """One family's shown cells as the linear programs' rows see them: which shown cells own a
    pool (their nested shown cells do not fill them), and the shown cells nested in each."""

    def __init__(self, t: Tree, fam: Family, name: str, nesting: tuple[Any, ...]) -> None:
        self.t, self.fam, self.name = t, fam, name
        self.covered, self.owner, self.inner_sum, self.inner_n = nesting
        self._targets: Any = None

    def targets(self) -> Any:
        """The hidden cells that something published does not fill (found once: read for the
        ranges asked for, the violations and the count of cells checked)."""
        import numpy as np

        if self._targets is None:
            self._targets = np.nonzero(self.fam.hidden & ~self.covered)[0]
        return self._targets

    def inner(self, c: int) -> list[int]:
        """The largest owning shown cells inside ``c`` (``_reduce``'s children)."""
        out: list[int] = []
        stack = list(reversed(self.t.children[c]))
        while stack:
            d = stack.pop()
            if self.owner[d]:
                out.append(d)
            else:
                stack += reversed(self.t.children[d])
        return out

    def region_owner(self, c: int) -> int:
        """The nearest owning shown cell around ``c`` (0: none)."""
        p = int(self.t.parent[c])
        while p > 0 and not self.owner[p]:
            p = int(self.t.parent[p])
        return p

    def pools(self, release: Release, k: int) -> list[tuple[Violation, Blame]] | None:
        """G1 (G3) on the pools: a shown cell less its shown cells inside leaves the pool of its
        hidden ones; None where one is negative (the linear programs then say where)."""
        import numpy as np

        rule = "G1" if self.name in (RESPONDENTS, ORGANISATIONAL) else "G3"
        shown = self.fam.shown.copy()
        shown[0] = False
        pool = self.fam.value - self.inner_sum
        kids = self.inner_n > 0
        if (shown & ((pool < 0) | (kids & ~self.owner & (pool != 0)))).any():
            return None
        small = shown & kids & self.owner & (pool > 0) & (pool < k)
        cells = np.nonzero(small)[0]
        cells = cells[np.argsort(self.t.size[cells], kind="stable")]
        out: list[tuple[Violation, Blame]] = []
        for c in cells.tolist():
            if not self.fam.nodes_of[c]:
                # The import's total alone, of no node's minimum: a pool of it is some
                # wave's, which that wave's own cells answer for.
                continue
            v = self._violation(rule, release, c, int(pool[c]), int(pool[c]), pooled=True)
            out.append((v, self.blame([*self._by_value(self.inner(c)), c])))
        return out

    def _by_value(self, cells: list[int]) -> list[int]:
        return sorted(cells, key=lambda d: (int(self.fam.value[d]), -int(self.t.size[d])))

    def blame(self, cells: list[int]) -> Blame:
        return [(0, node, self.name) for c in cells for node in self.fam.shown_in(c)]

    def violations(
        self, release: Release, k: int, lo: Any, hi: Any, x_side: _Side | None, rep: Any = None
    ) -> list[tuple[Violation, Blame]]:
        """G2 (G3) on every hidden cell, from its feasible range: with ``rep``, the ranges are
        a merged tree's (``rep`` each cell's kept cell), found narrow there, then read for the
        hidden cells only where they are (not put in place for every cell of every family)."""
        rule = "G2" if self.name in (RESPONDENTS, ORGANISATIONAL) else "G3"
        cells = self.targets()
        narrow = (hi < k) & (hi - lo < math.ceil(k / 2)) & ~((lo == 0) & (hi == 0))
        if rep is None:
            hit = cells[narrow[cells]]
            low, high = lo[hit], hi[hit]
        else:
            hit = cells[narrow[rep[cells]]]
            low, high = lo[rep[hit]], hi[rep[hit]]
        out: list[tuple[Violation, Blame]] = []
        for c, a, b in zip(hit.tolist(), low.tolist(), high.tolist(), strict=True):
            v = self._violation(rule, release, c, int(a), int(b))
            out.append((v, self._hidden_blame(c, x_side)))
        return out

    def _hidden_blame(self, c: int, x_side: _Side | None) -> Blame:
        """As ``_blame_piece``: the shown cells nested in the piece's pools and in the cell
        (smallest first), then the shown cells the pools belong to."""
        s = self.region_owner(c)
        pieces: list[tuple[_Side, int]] = [(self, s)] if s else []
        if x_side is not None:
            pieces += [(x_side, r) for r in self._x_regions(s, x_side, c)]
        kids: dict[tuple[int, int], tuple[_Side, int]] = {}
        for side, r in [*pieces, (self, c)]:
            for d in side.inner(r):
                kids[(id(side), d)] = (side, d)
        order = sorted(
            kids.values(), key=lambda p: (int(p[0].fam.value[p[1]]), -int(self.t.size[p[1]]))
        )
        owners = sorted(pieces, key=lambda p: (int(p[0].fam.value[p[1]]), int(self.t.size[p[1]])))
        return [entry for side, d in [*order, *owners] for entry in side.blame([d])]

    def _x_regions(self, s: int, x_side: _Side, c: int) -> list[int]:
        """The respondents' owning cells joined to the pool around ``s`` that holds ``c``."""
        out: list[int] = []
        shown = self.fam.shown
        stack = [s] if s else self._top_piece(c, x_side, out)
        while stack:
            d = stack.pop()
            if x_side.owner[d]:
                out.append(d)
            stack += [e for e in self.t.children[d] if not shown[e]]
        return out

    def _top_piece(self, c: int, x_side: _Side, out: list[int]) -> list[int]:
        """Where no shown cell is around ``c``, the largest hidden cell around it, with the
        other largest hidden cells that the import's total joins to it (when the total is a
        cell of its own whose respondents' pool reaches into them, ``out`` gets the total)."""
        top = c
        while int(self.t.parent[top]) > 0:
            top = int(self.t.parent[top])
        total = self.t.total_cell
        if top != total or self.t.nodes_of[top]:
            return [top]
        largest = c
        while int(self.t.parent[largest]) != total:
            largest = int(self.t.parent[largest])
        if not x_side.owner[total] or x_side.covered[largest]:
            return [largest]
        out.append(total)
        return [e for e in self.t.children[total] if not x_side.covered[e]]

    def _violation(
        self, rule: str, release: Release, c: int, low: int, high: int, *, pooled: bool = False
    ) -> Violation:
        node = (self.fam.hidden_in(c) or self.fam.shown_in(c))[0]
        return Violation.at(
            release.nodes[node],
            rule=rule,
            report=0,
            family=self.name,
            low=low,
            high=high,
            pooled=pooled,
        )
