"""The tree of one release's cells: its distinct cells (sets of finest cells) nested by size
under a root that stands for nothing published, and each family's counts on it.

Sorted by wave and group (and cross-tab value), the finest cells of ``lattice._blocks`` fall
so that every node holds a run of them: a cell is a span ``[start, end)``, and the tree follows
from one sweep over the spans. :mod:`._nested` solves the attacker's problem on it.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from ._counts import Nodes

if TYPE_CHECKING:
    import numpy as np

    from .model import Release


class Levels:
    """What :func:`._nested.ranges` reads of a tree of cells, besides its fields ``parent``,
    ``levels`` and ``loose``: how many cells, and the sums of a level into its parents, each
    made once (``into``)."""

    __slots__ = ()
    parent: np.ndarray
    into: dict[int, Scatter]

    @property
    def n(self) -> int:
        return len(self.parent)

    def weights(self, cells: slice) -> np.ndarray | None:
        """How many times each of a level's cells counts in its parent's sums; None: once."""
        return None

    def scatter(self, cells: slice) -> Scatter:
        """The sums of a level's cells (one of ``levels``) into their parents."""
        made = self.into.get(cells.start)
        if made is None:
            made = self.into[cells.start] = Scatter(self.parent[cells], self.weights(cells))
        return made


@attrs.define
class Tree(Levels):
    """The distinct cells of one release as a tree, the whole of it under a root (cell 0) that
    stands for nothing published.

    Attributes:
        parent: Each cell's smallest strictly larger cell (the root's is -1).
        levels: The cells at each depth (a slice: cells are numbered by depth), the root's
            children first.
        loose: Whether a cell holds finest cells no smaller cell holds.
        size: How many finest cells each cell holds (for blame's order).
        children: Each cell's children.
        node_cell: Each node of the release's cell (-1 where it holds no finest cell).
        total_cell: The cell of the import's total, when the release publishes it.
        nodes_of: Each cell's nodes, in the release's order.
        into: Each level's :class:`Scatter` into its parents, made when first asked for
            (:meth:`scatter`): the audit sums every level into its parents many times over.
    """

    parent: np.ndarray
    levels: list[slice]
    loose: np.ndarray
    size: np.ndarray
    children: Runs
    node_cell: np.ndarray
    total_cell: int | None
    nodes_of: Runs
    into: dict[int, Scatter] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    # What every family reads of the nodes' cells, made once (see :meth:`listed`, ``family``).
    memo: dict[Any, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def listed(self) -> np.ndarray:
        """Which cells some node of the release is (the root and a total alone are not); made
        once, not to be changed."""
        import numpy as np

        out = self.memo.get("listed")
        if out is None:
            out = self.memo["listed"] = np.zeros(self.n, dtype=bool)
            out[self.node_cell[self.node_cell >= 0]] = True
        return out

    def held(self, nodes: int) -> tuple[np.ndarray | None, np.ndarray]:
        """Of the first ``nodes`` nodes, which hold a cell (None: all of them, as in a release
        made from results) and the cells they hold; made once for every family."""
        made = self.memo.get(("held", nodes))
        if made is None:
            cell = self.node_cell[:nodes]
            listed = cell >= 0
            made = self.memo[("held", nodes)] = (
                (None, cell) if listed.all() else (listed, cell[listed])
            )
        return made

    def alone(self, nodes: int) -> tuple[np.ndarray, ...]:
        """The nodes that :meth:`held` gives (by their place among them) alone in their cell
        and their cells, the other nodes and their cells, and which cells hold a node; made
        once for every family."""
        import numpy as np

        made = self.memo.get(("alone", nodes))
        if made is None:
            cells = self.held(nodes)[1]
            count = np.bincount(cells, minlength=self.n)
            one = count[cells] == 1
            single, shared = np.flatnonzero(one), np.flatnonzero(~one)
            made = (single, cells[single], shared, cells[shared], count > 0)
            self.memo[("alone", nodes)] = made
        return made


class Scatter:
    """Sums of one level's rows into their parents' rows (``target[index] += values`` with
    repeated indices summed, each row ``weight`` times where given), the grouping worked out
    once for the many sums over one level.

    A level's parents are the level above, a run of cell numbers: one ``bincount`` over that
    run costs the two levels' sizes, not the target's as ``np.add.at`` or a ``bincount`` over
    the whole target would, and no sort (``reduceat`` of the rows sorted by parent took three
    times as long). The counts are whole numbers (floats only for the infinite bounds, never
    summed here), so the sums in floats and the order of the additions change nothing."""

    def __init__(self, index: Any, weight: Any = None) -> None:
        self.first = int(index.min()) if len(index) else 0
        self.width = int(index.max()) + 1 - self.first if len(index) else 0
        self.local = index - self.first
        self._flat: dict[int, Any] = {}  # for rows of several columns: each entry's place
        # How many times each row counts (``_merged``: one row for subtrees alike), if not once.
        self.weight = None if weight is None else weight.astype(float)[:, None]

    def add(self, target: Any, values: Any) -> None:
        import numpy as np

        if not self.width:
            return
        values = np.asarray(values)
        if self.weight is not None:
            values = values * (self.weight if values.ndim > 1 else self.weight[:, 0])
        if values.ndim == 1 or values.shape[1] == 1:
            sums = np.bincount(self.local, weights=values.reshape(-1), minlength=self.width)
            sums = sums.reshape(self.width, *values.shape[1:])
        else:
            columns = values.shape[1]
            place = self._flat.get(columns)
            if place is None:
                place = (self.local[:, None] * columns + np.arange(columns)).reshape(-1)
                self._flat[columns] = place
            sums = np.bincount(place, weights=values.reshape(-1), minlength=self.width * columns)
            sums = sums.reshape(self.width, columns)
        rows = target[self.first : self.first + self.width]
        # Added in place, whole numbers cast back without a copy of the sums in the target's
        # type: fresh arrays of (cells, families) cost page faults, not only time to fill.
        np.add(rows, sums, out=rows, casting="unsafe")


def tree(release: Release) -> Tree | None:
    """The tree of a release's cells, or None where they do not nest.

    The finest cells are those of ``audit._blocks``; sorted by wave and group (and cross-tab
    value), every node holds a run of them, so a cell is a span ``[start, end)`` and the tree
    follows from its place among the spans sorted. A filtered report's finest cells outside
    its filter belong to no node, only to the import's total: they go last.
    """
    import numpy as np

    lo, hi, n_atoms = _spans(release)
    start, end, node_cell = _cells(release, lo, hi, n_atoms)
    nested = _parents(start, end)
    if nested is None:
        return None  # two cells overlap with neither holding the other
    parent, depth = nested
    n = len(start)
    size = end - start
    covered = np.bincount(parent[1:], weights=size[1:], minlength=n).astype(np.int64)
    # Cells numbered by depth, the root first: each level is then a slice of every array.
    order = np.argsort(depth, kind="stable")
    new = np.empty(n, dtype=np.int64)
    new[order] = np.arange(n)
    parent_of = np.where(parent[order] >= 0, new[np.maximum(parent[order], 0)], -1)
    ordered_depth = depth[order]
    edges = np.searchsorted(ordered_depth, np.arange(1, int(depth.max()) + 2)).tolist()
    renumber = np.append(new, -1)  # a node of no cell stays -1
    total_cell = None
    if release.total is not None and n_atoms:
        total_cell = int(new[_total(start, end, n_atoms)])
    return Tree(
        parent=parent_of,
        levels=[slice(a, b) for a, b in itertools.pairwise(edges)],
        loose=covered[order] < size[order],
        size=size[order],
        children=_groups(parent_of[1:], n, offset=1),
        node_cell=renumber[node_cell],
        total_cell=total_cell,
        nodes_of=_groups(renumber[node_cell], n),
    )


def _cells(
    release: Release, lo: np.ndarray, hi: np.ndarray, n_atoms: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct spans (cells) in the order their first nodes come, after the root (cell
    0, above every cell) and before the import's total where it is a cell of its own; and
    each node's cell (-1 where it holds none)."""
    import numpy as np

    n_nodes = len(lo)
    held = np.flatnonzero(lo >= 0)
    key = lo[held] * (n_atoms + 2) + hi[held]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    by_first = np.argsort(first, kind="stable")
    cell = np.empty(len(first), dtype=np.int64)
    cell[by_first] = np.arange(1, len(first) + 1)
    node_cell = np.full(n_nodes, -1, dtype=np.int64)
    node_cell[held] = cell[inverse.ravel()]
    start = np.concatenate([[0], lo[held][first[by_first]]])
    end = np.concatenate([[n_atoms + 1], hi[held][first[by_first]]])
    if release.total is not None and n_atoms and _total(start, end, n_atoms) is None:
        start, end = np.append(start, 0), np.append(end, n_atoms)
    return start, end, node_cell


def _total(start: np.ndarray, end: np.ndarray, n_atoms: int) -> int | None:
    """The cell spanning every finest cell, if there is one."""
    import numpy as np

    at = np.flatnonzero((start == 0) & (end == n_atoms))
    return int(at[0]) if len(at) else None


def _parents(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Each span's smallest strictly larger span (the root's, span 0's, is -1) and its depth,
    or None where two overlap with neither holding the other.

    Sorted by (start, -end), the spans before one that nest either hold it or end where it
    starts or before; so its depth is how many come before it less how many end by its start,
    and its parent is the last one before it one level up. If every span lies in its parent
    and each parent's children are disjoint, the spans nest (two spans are then nested or in
    disjoint subtrees), so checking that much is enough."""
    import numpy as np

    n = len(start)
    rank = np.lexsort((-end, start))  # the root first: it starts at 0 and ends last
    s, e = start[rank], end[rank]
    depth = np.arange(n) - np.searchsorted(np.sort(end), s, side="right")
    if n == 0 or depth.min() < 0 or depth[0] != 0:
        return None
    # Where each span's level minus one is, in sorted position order: (depth, position).
    keys = depth * n + np.arange(n)
    by_key = np.argsort(keys, kind="stable")
    found = np.searchsorted(keys[by_key], (depth - 1) * n + np.arange(n)) - 1
    up_pos = np.where(depth > 0, by_key[np.maximum(found, 0)], -1)
    inner = up_pos >= 0
    safe = np.maximum(up_pos, 0)
    if (inner & ((depth[safe] != depth - 1) | (s[safe] > s) | (e[safe] < e))).any():
        return None
    # Consecutive children of one parent (in sorted order) must not overlap.
    kids = np.flatnonzero(inner)
    kids = kids[np.argsort(up_pos[kids], kind="stable")]
    same = up_pos[kids[1:]] == up_pos[kids[:-1]]
    if (same & (e[kids[:-1]] > s[kids[1:]])).any():
        return None
    parent = np.empty(n, dtype=np.int64)
    parent[rank] = np.where(inner, rank[safe], -1)
    depth_of = np.empty(n, dtype=np.int64)
    depth_of[rank] = depth
    return parent, depth_of


def _groups(index: np.ndarray, n: int, offset: int = 0) -> Runs:
    """For each of ``n`` groups, the positions (plus ``offset``) whose ``index`` is it, in
    order; a negative index is in none."""
    return Runs(index, n, offset)


class Runs(Sequence[list[int]]):
    """For each of ``n`` groups, the positions (plus ``offset``) whose ``index`` is it, in
    order, as lists: run after run in one array sorted by group, worked out when a list is
    first read, and each list made when asked for. The audit reads the lists of a few cells
    only (those of its findings and their blame), most of the time none: the sort alone, of
    36,000 cells' parents and 40,000 nodes' cells at 10,000 teams by role, took 3 ms."""

    __slots__ = ("_bounds", "_flat", "_index", "_n", "_offset")

    def __init__(self, index: np.ndarray, n: int, offset: int = 0) -> None:
        self._index, self._n, self._offset = index, n, offset
        self._flat: np.ndarray | None = None
        self._bounds: np.ndarray | None = None

    def _runs(self) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        if self._flat is None or self._bounds is None:
            index = self._index
            order = np.argsort(index, kind="stable")
            order = order[index[order] >= 0]
            self._bounds = np.searchsorted(index[order], np.arange(self._n + 1))
            self._flat = order + self._offset
        return self._flat, self._bounds

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, c: int) -> list[int]: ...
    @overload
    def __getitem__(self, c: slice) -> list[list[int]]: ...
    def __getitem__(self, c: int | slice) -> list[int] | list[list[int]]:
        if isinstance(c, slice):
            return [self[i] for i in range(*c.indices(len(self)))]
        if c < 0:
            c += len(self)
        if not 0 <= c < len(self):
            raise IndexError(c)
        flat, bounds = self._runs()
        runs: list[int] = flat[bounds[c] : bounds[c + 1]].tolist()
        return runs


def _spans(release: Release) -> tuple[np.ndarray, np.ndarray, int]:
    """Each node's run of finest cells ``[lo, hi)`` (-1, -1 where it holds none), and how many
    finest cells there are.

    The finest cells are ``audit._blocks``': without a filter, the nodes at the deepest level
    (their cross-tab cells, in a cross-tab); with one, the deepest groups listed, each with the
    rest of its people outside the filter (a finest cell of no node). They are ordered by wave,
    group and cross-tab value as the tuples sort; each node is coded by the ranks of its wave,
    group and value (a dictionary look-up each), and the runs are found with array searches
    over the sorted codes of the finest cells, not with a dictionary of every prefix."""
    import numpy as np

    nodes = release.nodes
    n = len(nodes)
    groups: Sequence[Any]
    if isinstance(nodes, Nodes):  # the columns, as a release from results keeps them
        groups, waves, combos = nodes.group, nodes.wave, nodes.breakdown
    else:
        # Three passes, not ``zip(*nodes)``: unpacking tens of thousands of arguments is slower.
        groups = [key[0] for key in nodes]
        waves = [key[1] for key in nodes]
        combos = [key[2] for key in nodes]
    crossed = bool(release.breakdown) and not release.filters
    n_waves, wave = _ranks(waves, key=lambda w: (w or "", w is not None))
    n_combos, combo = _ranks(combos)
    paths, path = _sorted_ranks(groups)
    # Read from the distinct values, not every node's: a third as many at 10,000 teams.
    depth = max(map(len, paths), default=0)
    full = [p for p in paths if len(p) == depth]
    lo_of, hi_of, deep = _finest_runs(paths, full, depth)
    # The empty cross-tab value sorts first: the nodes of rank 0 have none, if any has none.
    has_combo = combo > 0 if n and not combos[int(np.argmin(combo))] else np.ones(n, bool)
    n_full = len(full) + 1
    # A finest cell's code orders it as the tuples (wave, group, value) sort.
    code = (wave * n_full + lo_of[path]) * n_combos + combo
    finest = np.sort(code[deep[path] & (has_combo == crossed)])
    lo = np.full(n, -1, dtype=np.int64)
    hi = np.full(n, -1, dtype=np.int64)
    whole = ~has_combo
    first = np.searchsorted(finest, ((wave * n_full + lo_of[path]) * n_combos)[whole])
    end = np.searchsorted(finest, ((wave * n_full + hi_of[path]) * n_combos)[whole])
    held = end > first
    lo[np.flatnonzero(whole)[held]] = first[held]
    hi[np.flatnonzero(whole)[held]] = end[held]
    if crossed:
        # A cross-tab cell is one finest cell (the last of equal ones, as a look-up keeps it).
        one = np.flatnonzero(has_combo & deep[path])
        at = np.searchsorted(finest, code[one], side="right") - 1
        found = (at >= 0) & (finest[np.maximum(at, 0)] == code[one])
        lo[one[found]] = at[found]
        hi[one[found]] = at[found] + 1
    n_atoms = len(finest)
    if release.filters:
        leaves = {p[:depth] for p in release.leaves} | set(full)
        n_atoms += n_waves * len(leaves) + 1  # and the waves it does not list
    return lo, hi, n_atoms


class _Above:
    """Greater than any group name: ``(*path, _ABOVE)`` sorts after every path under ``path``
    and before every other path that sorts after ``path``."""

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return True


_ABOVE = _Above()


def _finest_runs(
    paths: list[tuple[str, ...]], full: list[tuple[str, ...]], depth: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each of the paths (sorted, ``full`` those of the finest groups among them): the run
    ``[lo, hi)`` of ``full`` under it, and whether it is a finest group.

    A finest path under ``p`` sorts after ``p``, and a finest path sorts before ``p`` exactly
    when it is not under ``p`` and less: so ``lo`` is how many finest paths come before ``p``
    among the paths, and a finest group's run is itself. Only the few larger groups need a
    search, for the end of their run, with tens of thousands of finest groups."""
    import bisect

    import numpy as np

    deep = np.fromiter(map(len, paths), np.int64, len(paths)) == depth
    lo = np.cumsum(deep) - deep
    hi = lo + deep
    for i in np.flatnonzero(~deep).tolist():
        hi[i] = bisect.bisect_left(full, (*paths[i], _ABOVE))
    return lo, hi, deep


def _ranks(values: Sequence[Any], key: Any = None) -> tuple[int, np.ndarray]:
    """How many distinct values there are, and each value's place among them sorted."""
    import numpy as np

    rank = {v: i for i, v in enumerate(sorted(set(values), key=key))}
    return len(rank), np.fromiter(map(rank.__getitem__, values), np.int64, len(values))


def _sorted_ranks(values: Sequence[Any]) -> tuple[list[Any], np.ndarray]:
    """The distinct values sorted, and each value's place among them (as :func:`_ranks`).

    A release's nodes come group by group, a group's nodes one after another: so each run of
    one group is looked up once (a run ends where the next node's path is another object: an
    equal one only starts another run, of the same place), and the distinct paths keep the
    order they come in, which ``sorted`` merges in a few runs (the levels) where the order of
    a set had it sort from scratch, the most of the time spent here."""
    import numpy as np

    n = len(values)
    if not n:
        return [], np.zeros(0, dtype=np.int64)
    starts = [0, *itertools.compress(range(1, n), map(operator.is_not, values[1:], values[:-1]))]
    runs = [values[s] for s in starts]
    distinct = sorted(dict.fromkeys(runs))
    rank = {v: i for i, v in enumerate(distinct)}
    run_rank = np.fromiter(map(rank.__getitem__, runs), np.int64, len(runs))
    bounds = np.asarray([*starts, n], dtype=np.int64)
    return distinct, np.repeat(run_rank, bounds[1:] - bounds[:-1])


@attrs.define
class Family:
    """One family's published counts on the tree: each cell's count where shown (else -1),
    which cells a node hides (the cells the attacker is asked about), and each node's count."""

    value: np.ndarray
    hidden: np.ndarray
    node_value: np.ndarray
    nodes_of: Runs
    # Which cells are shown: read for every family several times and for every violation's
    # blame, so worked out once (``value`` is not changed after).
    shown: np.ndarray = attrs.field(
        init=False, default=attrs.Factory(lambda self: self.value >= 0, takes_self=True)
    )

    def shown_in(self, c: int) -> list[int]:
        return [n for n in self.nodes_of[c] if self.node_value[n] >= 0]

    def hidden_in(self, c: int) -> list[int]:
        return [n for n in self.nodes_of[c] if self.node_value[n] < 0]


_MOST = (1 << 63) - 1  # above every count: the least of no shown count


def family(
    t: Tree, values: Sequence[int | None] | np.ndarray, total: int | None = None
) -> Family | None:
    """Each cell's count from its nodes' (None where two nodes of one cell disagree).

    ``values`` are the nodes' counts, None where hidden, or the array of them with -1 there
    (as :func:`._counts.family_values` gives it), which is read as it is."""
    import numpy as np

    if isinstance(values, np.ndarray):
        v = values
    else:
        v = np.fromiter((-1 if x is None else x for x in values), np.int64, len(values))
    listed, _ = t.held(len(v))
    held = v if listed is None else v[listed]
    # A node alone in its cell gives it its count; only the cells of several nodes take the
    # largest of theirs and are checked for a disagreement (a fifth of the nodes at 10,000
    # teams by role: ``np.maximum.at`` over them all took twice as long).
    single, single_cell, shared, shared_cell, has = t.alone(len(v))
    top = np.full(t.n, -1, dtype=np.int64)
    top[single_cell] = np.maximum(held[single], -1)
    several = held[shared]
    np.maximum.at(top, shared_cell, several)
    shown = several >= 0
    low = np.full(t.n, _MOST, dtype=np.int64)
    np.minimum.at(low, shared_cell[shown], several[shown])
    mine = top[shared_cell]
    if ((mine >= 0) & (low[shared_cell] != mine)).any():
        return None
    if total is not None and t.total_cell is not None:
        if top[t.total_cell] >= 0 and top[t.total_cell] != total:
            return None
        top[t.total_cell] = total
    # A cell of nodes none of which is shown: its nodes are hidden.
    hidden = has & (top < 0)
    return Family(value=top, hidden=hidden, node_value=v, nodes_of=t.nodes_of)
