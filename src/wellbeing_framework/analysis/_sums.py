"""The quick rules of sums: complementary suppression before the exact audit.

A reader can add up what a report shows: a parent is the sum of its child groups, a group the
sum of its cross-tab cells. No such sum may have exactly one hidden part, and the hidden parts
of a shown total hold 0 or at least the minimum; the smallest shown part is hidden until both
hold (see :mod:`.aggregate` and ``docs/privacy.md``). The sums are listed once, as a total and
its parts, and checked with array operations; only the failing ones are fixed one by one.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .responses import Responses

__all__ = ["COMPLEMENTARY", "complementary", "relations"]

#: The reason code of a cell hidden so that a sum does not give another away (an index into
#: the reasons of :class:`~.results.CellTable`).
COMPLEMENTARY = 3


def relations(
    responses: Responses,
    fine_sets: Sequence[set[int]],
    n_waves: int,
    offsets: NDArray[Any],
    cross_level: int | None,
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any]]:
    """Every sum a reader can do, as (total node, its parts): parent groups and their children in
    each column and wave; each group's columns that sum into another column. With a cross-tab
    (``cross_level`` set) its cells are published at that level only, so they enter only the
    sums of their own group there; cells on other levels are never shown and left out.

    Returns:
        The total node of each relation, its parts as a CSR pair (pointers, nodes), and each
        part's relation (the same for every family's :func:`complementary`: made once).
    """
    import numpy as np

    n_groups = int(offsets[-1])
    n_cols = len(fine_sets)
    depth = len(responses.levels)
    # Group tree: parent group node of every non-root group node, a level at a time (each
    # path's parent found by a look-up of the path less its last name, mapped over the level).
    child_groups: list[NDArray[Any]] = [np.zeros(0, dtype=np.int64)]
    parent_groups: list[NDArray[Any]] = [np.zeros(0, dtype=np.int64)]
    for level in range(1, depth + 1):
        paths = responses.paths[level - 1]
        child_groups.append(int(offsets[level]) + np.arange(len(paths), dtype=np.int64))
        if level == 1:
            parent_groups.append(np.zeros(len(paths), dtype=np.int64))
            continue
        parent_index = {p: k for k, p in enumerate(responses.paths[level - 2])}
        up = map(parent_index.__getitem__, map(_ALL_BUT_LAST, paths))
        parent_groups.append(int(offsets[level - 1]) + np.fromiter(up, np.int64, len(paths)))
    child_g = np.concatenate(child_groups)
    parent_g = np.concatenate(parent_groups)
    order = np.argsort(parent_g, kind="stable")
    child_g, parent_g = child_g[order], parent_g[order]
    tree_parents, tree_starts = np.unique(parent_g, return_index=True)

    totals: list[NDArray[Any]] = []
    part_lists: list[NDArray[Any]] = []
    counts: list[NDArray[Any]] = []
    waves = np.arange(n_waves, dtype=np.int64)
    for c in range(n_cols if cross_level is None else 1):
        # Hierarchy: parent (w, g, c) = sum of children (w, child, c).
        base = waves[:, None] * n_groups
        totals.append(((base + tree_parents[None, :]) * n_cols + c).reshape(-1))
        part_lists.append(((base + child_g[None, :]) * n_cols + c).reshape(-1))
        sizes = np.diff(np.append(tree_starts, len(child_g)))
        counts.append(np.tile(sizes, n_waves))
    # Columns: for a column made of several finest columns, the columns whose finest sets
    # partition it are its parts (the grid's columns are built so that such partitions exist).
    for c, whole in enumerate(fine_sets):
        parts = _partition(c, whole, fine_sets)
        if not parts:
            continue
        group_nodes = (
            np.arange(n_groups, dtype=np.int64)
            if cross_level is None
            else np.arange(int(offsets[cross_level]), int(offsets[cross_level + 1]), dtype=np.int64)
        )
        nodes = (waves[:, None] * n_groups + group_nodes[None, :]).reshape(-1) * n_cols
        totals.append(nodes + c)
        part_lists.append((nodes[:, None] + np.asarray(parts)[None, :]).reshape(-1))
        counts.append(np.full(len(nodes), len(parts)))
    total = np.concatenate(totals)
    parts_flat = np.concatenate(part_lists)
    ptr = np.concatenate([[0], np.cumsum(np.concatenate(counts))]).astype(np.int64)
    rel_of_part = np.repeat(np.arange(len(total)), np.diff(ptr))
    return total, ptr, parts_flat, rel_of_part


_ALL_BUT_LAST = operator.itemgetter(slice(None, -1))  # a path's parent's path


def _partition(c: int, whole: set[int], fine_sets: Sequence[set[int]]) -> list[int]:
    """The parts a reader can sum to get column ``c``: the largest other columns inside it that
    cover it exactly. A column equal to a later one has that one as its single part, so that the
    two are always shown or hidden together."""
    for k in range(c + 1, len(fine_sets)):
        if fine_sets[k] == whole:
            return [k]
    candidates = [k for k, s in enumerate(fine_sets) if k != c and s < whole and s]
    maximal = [k for k in candidates if not any(fine_sets[k] < fine_sets[j] for j in candidates)]
    covered: set[int] = set()
    chosen: list[int] = []
    for k in sorted(maximal, key=lambda k: -len(fine_sets[k])):
        if not (fine_sets[k] & covered):
            chosen.append(k)
            covered |= fine_sets[k]
    return chosen if covered == whole and len(chosen) > 1 else []


def complementary(
    n: NDArray[Any],
    hidden: NDArray[Any],
    reason: NDArray[Any],
    published: NDArray[Any],
    totals: NDArray[Any],
    ptr: NDArray[Any],
    parts: NDArray[Any],
    rel_of_part: NDArray[Any],
    minimum: int,
) -> None:
    """Hide more cells until no sum exposes a hidden one (see the module's docstring).

    Works in place on ``hidden`` and ``reason``. Each pass finds the failing sums with array
    operations; only those are fixed one by one, so the cost is small when few groups are small.
    """
    import numpy as np

    n_rel = len(totals)
    nonzero = n > 0
    eligible = published
    while True:
        hid = hidden & nonzero
        hidden_parts = np.bincount(rel_of_part, weights=hid[parts], minlength=n_rel)
        hidden_sum = np.bincount(rel_of_part, weights=(hid * n)[parts], minlength=n_rel)
        total_hidden = hid[totals]
        failing = nonzero[totals] & (
            (hidden_parts + total_hidden == 1)
            | (~total_hidden & (hidden_sum > 0) & (hidden_sum < minimum))
        )
        changed = False
        for r in np.nonzero(failing)[0].tolist():
            members = parts[ptr[r] : ptr[r + 1]]
            total = int(totals[r])
            # A sum has a few parts: read as Python values once, they are checked and the
            # part to hide chosen without an array operation each (most of the time here).
            counts = n[members].tolist()
            hidden_now = hidden[members].tolist()
            if not _fails(counts, hidden_now, int(n[total]), bool(hidden[total]), minimum):
                continue
            pick = _smallest_shown(members.tolist(), counts, hidden_now, eligible[members].tolist())
            if pick is None:
                if hidden[total] or not eligible[total]:
                    continue  # nothing left to hide: every part is hidden already
                pick = total
            hidden[pick] = True
            reason[pick] = COMPLEMENTARY
            changed = True
        if not changed:
            return


def _fails(
    counts: list[int], hidden: list[bool], total_n: int, total_hidden: bool, minimum: int
) -> bool:
    """Whether a sum (its parts' counts and hiding, its total's) gives a hidden part away."""
    hidden_live = [c for c, h in zip(counts, hidden, strict=True) if h and c > 0]
    total_hidden = total_hidden and total_n > 0
    if len(hidden_live) + int(total_hidden) == 1:
        return True
    return not total_hidden and 0 < sum(hidden_live) < minimum


def _smallest_shown(
    members: list[int], counts: list[int], hidden: list[bool], eligible: list[bool]
) -> int | None:
    """The shown part with someone in it and the fewest (the first of equals), if any."""
    pick, fewest = None, 0
    for m, c, h, e in zip(members, counts, hidden, eligible, strict=True):
        if c > 0 and not h and e and (pick is None or c < fewest):
            pick, fewest = m, c
    return pick
