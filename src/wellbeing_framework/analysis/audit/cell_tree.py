"""The tree of one release's cells: its distinct cells (sets of finest cells) nested by size
under a root that stands for nothing published, and each family's counts on it.

Sorted by wave and group (and cross-tab value), the finest cells of ``lattice._blocks`` fall
so that every node holds a run of them: a cell is a span ``[start, end)``, and the tree follows
from one sweep over the spans. :mod:`.nested` solves the attacker's problem on it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import numpy as np

    from .model import Release


@attrs.define
class Tree:
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
    """

    parent: np.ndarray
    levels: list[slice]
    loose: np.ndarray
    size: np.ndarray
    children: list[list[int]]
    node_cell: np.ndarray
    total_cell: int | None
    nodes_of: list[list[int]]

    @property
    def n(self) -> int:
        return len(self.parent)

    def listed(self) -> np.ndarray:
        """Which cells some node of the release is (the root and a total alone are not)."""
        import numpy as np

        out = np.zeros(self.n, dtype=bool)
        out[self.node_cell[self.node_cell >= 0]] = True
        return out


def tree(release: Release) -> Tree | None:
    """The tree of a release's cells, or None where they do not nest.

    The finest cells are those of ``audit._blocks``; sorted by wave and group (and cross-tab
    value), every node holds a run of them, so a cell is a span ``[start, end)`` and the tree
    follows from one sweep. A filtered report's finest cells outside its filter belong to no
    node, only to the import's total: they go last.
    """
    import numpy as np

    spans, n_atoms = _spans(release)
    index: dict[tuple[int, int], int] = {}
    node_cell = np.full(len(release.nodes), -1, dtype=np.int64)
    nodes_of: list[list[int]] = [[]]
    bounds: list[tuple[int, int]] = [(0, n_atoms + 1)]  # the root, above every cell
    for node, span in enumerate(spans):
        if span is not None:
            c = index.setdefault(span, len(bounds))
            if c == len(bounds):
                bounds.append(span)
                nodes_of.append([])
            node_cell[node] = c
            nodes_of[c].append(node)
    total_cell = None
    if release.total is not None and n_atoms:
        total_cell = index.setdefault((0, n_atoms), len(bounds))
        if total_cell == len(bounds):
            bounds.append((0, n_atoms))
            nodes_of.append([])
    n = len(bounds)
    parent = [-1] * n
    depth = [0] * n
    covered = [0] * n  # how many finest cells the children hold
    stack = [0]
    for c in sorted(range(1, n), key=lambda c: (bounds[c][0], -bounds[c][1])):
        start, end = bounds[c]
        while bounds[stack[-1]][1] <= start:
            stack.pop()
        p = stack[-1]
        if end > bounds[p][1]:
            return None  # two cells overlap with neither holding the other
        parent[c], depth[c] = p, depth[p] + 1
        covered[p] += end - start
        stack.append(c)
    # Cells numbered by depth, the root first: each level is then a slice of every array.
    order = sorted(range(n), key=depth.__getitem__)
    new = [0] * n
    for i, c in enumerate(order):
        new[c] = i
    parent_of = np.array([-1] + [new[parent[c]] for c in order[1:]], dtype=np.int64)
    size = np.array([bounds[c][1] - bounds[c][0] for c in order], dtype=np.int64)
    loose = np.array([covered[c] for c in order], dtype=np.int64) < size
    children: list[list[int]] = [[] for _ in range(n)]
    for c in range(1, n):
        children[int(parent_of[c])].append(c)
    ordered_depth = [depth[c] for c in order]
    edges = np.searchsorted(ordered_depth, np.arange(1, max(depth, default=0) + 2)).tolist()
    renumber = np.array([*new, -1], dtype=np.int64)  # a node of no cell stays -1
    return Tree(
        parent=parent_of,
        levels=[slice(a, b) for a, b in itertools.pairwise(edges)],
        loose=loose,
        size=size,
        children=children,
        node_cell=renumber[node_cell],
        total_cell=None if total_cell is None else new[total_cell],
        nodes_of=[nodes_of[c] for c in order],
    )


def _spans(release: Release) -> tuple[list[tuple[int, int] | None], int]:
    """Each node's run of finest cells (None where it holds none), and how many there are.

    The finest cells are ``audit._blocks``': without a filter, the nodes at the deepest level
    (their cross-tab cells, in a cross-tab); with one, the deepest groups listed, each with the
    rest of its people outside the filter (a finest cell of no node)."""
    depth = max((len(key[0]) for key in release.nodes), default=0)
    crossed = bool(release.breakdown) and not release.filters
    finest = sorted(
        (wave or "", wave is not None, path, combo)
        for path, wave, combo in release.nodes
        if len(path) == depth and bool(combo) == crossed
    )
    # Each (wave, group) prefix: the first and last finest cell it holds.
    runs: dict[tuple[Any, ...], list[int]] = {}
    for i, (w, has_wave, path, _) in enumerate(finest):
        for d in range(depth + 1):
            run = runs.setdefault((has_wave, w, path[:d]), [i, i])
            run[1] = i
    spans: list[tuple[int, int] | None] = []
    at = {(w, h, p, c): i for i, (w, h, p, c) in enumerate(finest)}
    for path, wave, combo in release.nodes:
        w, has_wave = wave or "", wave is not None
        if combo:
            one = at.get((w, has_wave, path, combo)) if crossed else None
            spans.append(None if one is None else (one, one + 1))
        else:
            held = runs.get((has_wave, w, path))
            spans.append(None if held is None else (held[0], held[1] + 1))
    n_atoms = len(finest)
    if release.filters:
        waves = {key[1] for key in release.nodes}
        leaves = {p[:depth] for p in release.leaves} | {
            k[0] for k in release.nodes if len(k[0]) == depth
        }
        n_atoms += len(waves) * len(leaves) + 1  # and the waves it does not list
    return spans, n_atoms


@attrs.define
class Family:
    """One family's published counts on the tree: each cell's count where shown (else -1),
    which cells a node hides (the cells the attacker is asked about), and each node's count."""

    value: np.ndarray
    hidden: np.ndarray
    node_value: np.ndarray
    nodes_of: list[list[int]]

    @property
    def shown(self) -> np.ndarray:
        return self.value >= 0

    def shown_in(self, c: int) -> list[int]:
        return [n for n in self.nodes_of[c] if self.node_value[n] >= 0]

    def hidden_in(self, c: int) -> list[int]:
        return [n for n in self.nodes_of[c] if self.node_value[n] < 0]


def family(t: Tree, values: Sequence[int | None], total: int | None = None) -> Family | None:
    """Each cell's count from its nodes' (None where two nodes of one cell disagree)."""
    import numpy as np

    v = np.array([-1 if x is None else x for x in values], dtype=np.int64)
    cell = t.node_cell[: len(v)]
    listed = cell >= 0
    top = np.full(t.n, -1, dtype=np.int64)
    np.maximum.at(top, cell[listed], v[listed])
    shown = listed & (v >= 0)
    low = np.full(t.n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(low, cell[shown], v[shown])
    if ((top >= 0) & (low != top)).any():
        return None
    if total is not None and t.total_cell is not None:
        if top[t.total_cell] >= 0 and top[t.total_cell] != total:
            return None
        top[t.total_cell] = total
    hidden = np.zeros(t.n, dtype=bool)
    hidden[cell[listed & (v < 0)]] = True
    hidden &= top < 0
    return Family(value=top, hidden=hidden, node_value=v, nodes_of=t.nodes_of)
