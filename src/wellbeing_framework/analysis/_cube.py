"""Counting: the answers per finest cell, item and option, and their sums into every group.

A finest cell is one leaf group in one wave with one combination of cross-tab values. The count
cube holds, for every finest cell, item and option, how many answers chose it (slot 0 counts
blank answers). Everything :func:`~.aggregate.aggregate` reports is arithmetic on that cube and
on its sums into the groups of every level and into the breakdown columns, so the work that
grows with the number of answers is done once, here.

The answers are counted a block of rows at a time. When the responses hold every item for every
row in row order (as the import and :meth:`Responses.from_arrays` lay them out: the rows x items
matrix of option codes, flattened), each block's keys come from its rows' cells and the matrix
itself, with no per-answer lookup of the row; any other layout is counted answer by answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .responses import Responses

__all__ = ["THREAD_ANSWERS", "Rollup", "answer_cube", "leaf_to_level"]

#: Rows counted per block: their keys (8 bytes an answer) stay in the cache of one core.
BLOCK_ROWS = 1 << 15

#: The fewest answers counted in threads (about 4 million): below it, starting the threads and
#: adding their cubes costs more than the second core saves.
THREAD_ANSWERS = 1 << 22


def leaf_to_level(responses: Responses) -> list[NDArray[Any]]:
    """For each level 0..depth, the code at that level of every finest group (non-decreasing)."""
    import numpy as np

    depth = len(responses.levels)
    leaves = responses.paths[-1] if depth else ((),)
    out = [np.zeros(len(leaves), dtype=np.int64)]
    for level in range(1, depth + 1):
        index = {p: k for k, p in enumerate(responses.paths[level - 1])}
        out.append(np.fromiter((index[p[:level]] for p in leaves), np.int64, count=len(leaves)))
    return out


def answer_cube(
    responses: Responses,
    row_key: NDArray[Any],
    n_cells: int,
    width: int,
    *,
    block: int | None = None,
) -> NDArray[Any]:
    """Answers per finest cell, item and option (slot 0 blank): shape ``(n_cells, items,
    width + 1)``; int32 when there are fewer than 2**31 answers (no count can then reach it,
    and half the bytes are half the memory traffic of every sum made from the cube), else int64.

    Each answer adds one to its slot (``np.add.at``, which costs per answer; a ``bincount``
    costs per slot of the cube as well, in int64, and at 10,000 teams by role the cube has
    three slots an answer). From :data:`THREAD_ANSWERS` answers up, the rows are split into a
    range per core, each counted into a cube of its own in a thread (numpy lets go of the GIL
    in the additions that do the work), and the cubes are added: whole numbers, so the same
    counts.

    Args:
        responses: The responses.
        row_key: Each row's finest cell, in ``0..n_cells - 1``.
        n_cells: The number of finest cells.
        width: The most options any item has.
        block: Rows counted at a time; by default :data:`BLOCK_ROWS`.
    """
    import numpy as np

    n_items = len(responses.items)
    slots = width + 1
    per_cell = n_items * slots
    dtype = np.int32 if responses.n_answers < 2**31 else np.int64
    rows = responses.n_rows
    dense = n_items > 0 and responses.n_answers == rows * n_items
    if block is None:
        block = BLOCK_ROWS
    # Rows laid out row by row are counted a block of rows at a time, others an answer at a
    # time: a thread's range is whole blocks of either.
    total = rows if dense else responses.n_answers
    step = block if dense else block * max(n_items, 1)

    def count(first: int, last: int) -> NDArray[Any]:
        cube = np.zeros(n_cells * per_cell, dtype=dtype)
        if dense:
            _count_dense(responses, row_key, cube, per_cell, slots, block, first, last)
        else:
            for start in range(first, last, step):
                stop = min(start + step, last)
                _count_answers(responses, row_key, cube, per_cell, slots, start, stop)
        return cube

    threads = _threads(responses.n_answers)
    if threads == 1:
        cube = count(0, total)
    else:
        from concurrent.futures import ThreadPoolExecutor

        steps = -(-total // step)
        cuts = [min(total, step * (steps * t // threads)) for t in range(threads + 1)]
        with ThreadPoolExecutor(threads) as pool:
            parts = list(pool.map(count, cuts[:-1], cuts[1:]))
        cube = parts[0]
        for part in parts[1:]:
            cube += part
    return cube.reshape(n_cells, n_items, slots)


def _threads(answers: int) -> int:
    """How many threads count ``answers``: one below :data:`THREAD_ANSWERS`, else one a core,
    with at least that many answers each."""
    if answers < THREAD_ANSWERS:
        return 1
    return max(1, min(_cores(), answers // THREAD_ANSWERS))


def _cores() -> int:
    """The cores this process may run on."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux: every core the machine has
        return os.cpu_count() or 1


def _count_dense(
    responses: Responses,
    row_key: NDArray[Any],
    cube: NDArray[Any],
    per_cell: int,
    slots: int,
    block: int,
    first: int,
    last: int,
) -> None:
    """Count the rows ``first:last``, laid out row by row with every item in order, a block of
    rows at a time; a block that is not laid out so is counted answer by answer instead."""
    import numpy as np

    n_items = len(responses.items)
    rows = responses.n_rows
    matrix = responses.option.reshape(rows, n_items)
    item_slot = np.arange(n_items, dtype=np.int64) * slots + 1
    # Answers given with their rows and items are checked to be laid out so, block by block,
    # as they are used: a comparison per answer, far less than looking each answer's row up.
    # Answers given row by row (an import's) are so by construction.
    given = not responses.row_by_row
    row_of = responses.row.reshape(rows, n_items) if given else None
    item_of = responses.item.reshape(rows, n_items) if given else None
    in_order = np.arange(n_items, dtype=np.int16)
    one = cube.dtype.type(1)  # of the cube's own type: ``np.add.at`` is many times slower else
    for start in range(first, last, block):
        stop = min(start + block, last)
        if (
            row_of is not None
            and item_of is not None
            and not (
                bool((item_of[start:stop] == in_order).all())
                and bool((row_of[start:stop] == np.arange(start, stop)[:, None]).all())
            )
        ):
            _count_answers(
                responses, row_key, cube, per_cell, slots, start * n_items, stop * n_items
            )
            continue
        key = (row_key[start:stop] * per_cell)[:, None] + item_slot
        key += matrix[start:stop]
        np.add.at(cube, key.reshape(-1), one)


def _count_answers(
    responses: Responses,
    row_key: NDArray[Any],
    cube: NDArray[Any],
    per_cell: int,
    slots: int,
    start: int,
    stop: int,
) -> None:
    """Count the answers ``start:stop`` one by one, each through its own row and item."""
    import numpy as np

    key = row_key[responses.row[start:stop]] * per_cell
    key += responses.item[start:stop].astype(np.int64) * slots
    key += responses.option[start:stop]
    key += 1
    np.add.at(cube, key, cube.dtype.type(1))


#: One level of a roll-up: the level, its groups' keys (``wave * groups + group``), where each
#: group's run of the level below starts, and whether the starts are among the level below's
#: groups (else among the cells themselves).
_Step = tuple[int, "NDArray[Any]", "NDArray[Any]", bool]


@attrs.frozen(kw_only=True, eq=False)
class Rollup:
    """The counts of every group at every level in every breakdown column, summed from the
    occupied finest cells only.

    With 10,000 teams x waves x cross-tab values most finest cells hold nobody: the cube is
    counted over the occupied ones (``counts[i]`` is finest cell ``cells[i]``), and each
    breakdown column sums, level by level from the one below, the occupied cells it holds,
    into a zeroed grid where the groups nobody is in stay 0. The cells come in the order of
    their keys (``(wave * leaves + leaf) * finest columns + column``), so every group of every
    level is a run of them. A level is summed from the level below it, not from the leaves again
    (it has far fewer groups than there are leaves); sums of whole numbers come out the same in
    any order.

    Attributes:
        shape: Waves, leaves and finest columns.
        sizes: The groups of each level, everyone first.
        plans: For each breakdown column, the positions of the cells it holds (None: every
            cell) and its steps, deepest level first.
        keys: For each level, every cell's group key there (``wave * groups + group``),
            non-decreasing: a group's cells are the run of its key (see :meth:`sums_at`).
    """

    shape: tuple[int, int, int]
    sizes: tuple[int, ...]
    plans: tuple[tuple[NDArray[Any] | None, tuple[_Step, ...]], ...]
    keys: tuple[NDArray[Any], ...]

    @classmethod
    def of(
        cls,
        cells: NDArray[Any],
        shape: tuple[int, int, int],
        leaf_to_level: list[NDArray[Any]],
        combine: NDArray[Any],
    ) -> Rollup:
        """The roll-up of the finest cells ``cells`` (their keys, ascending) of a grid of
        ``shape`` (waves, leaves, finest columns) into the columns of ``combine``."""
        import numpy as np

        _, n_leaves, n_fine = shape
        wave, rest = np.divmod(cells, max(n_leaves * n_fine, 1))
        leaf, column = np.divmod(rest, max(n_fine, 1))
        sizes = tuple(
            int(codes[-1]) + 1 if codes.size else (1 if level == 0 else 0)
            for level, codes in enumerate(leaf_to_level)
        )
        plans = []
        for row in combine:
            members = np.flatnonzero(row)
            # Looked up in the column's row, not by ``np.isin``: see :func:`_steps`.
            held = None if members.size == n_fine else np.flatnonzero(row[column] != 0)
            mine = slice(None) if held is None else held
            plans.append((held, _steps(wave[mine], leaf[mine], sizes, leaf_to_level)))
        keys = tuple(wave * sizes[level] + codes[leaf] for level, codes in enumerate(leaf_to_level))
        return cls(shape=shape, sizes=sizes, plans=tuple(plans), keys=keys)

    def expand(self, counts: NDArray[Any]) -> NDArray[Any]:
        """From the occupied cells' counts, ``(cells, k)``, to ``(waves, groups, columns, k)``:
        the groups of every level side by side (everyone first), the columns of ``combine``
        (``combine[c, f]`` is 1 where column ``c`` holds finest column ``f``)."""
        import numpy as np

        n_waves = self.shape[0]
        n_groups, n_columns, k = sum(self.sizes), len(self.plans), counts.shape[1]
        first_group = np.concatenate([[0], np.cumsum(self.sizes)]).astype(np.int64)
        # Rows of (node, k), one node a (wave, group, column): each sum is written a row at a
        # time (a row and a column of a 3-d grid at a time is several times slower).
        out = np.zeros((n_waves * n_groups * n_columns, k), dtype=counts.dtype)
        for c, (held, steps) in enumerate(self.plans):
            cells = counts if held is None else counts[held]
            below = cells
            for level, keys, starts, incremental in steps:
                source = below if incremental else cells
                if len(starts) == len(source):
                    below = source  # one cell a group: nothing to add
                elif len(starts) and k <= _NARROW:
                    below = np.add.reduceat(source, starts, axis=0, dtype=source.dtype)
                elif len(starts):
                    below = _run_sums(source, starts, np.diff(starts, append=len(source)))
                else:
                    below = source[:0]
                wave, group = np.divmod(keys, max(self.sizes[level], 1))
                out[(wave * n_groups + first_group[level] + group) * n_columns + c] = below
        return out.reshape(n_waves, n_groups, n_columns, k)

    def sums_at(self, counts: NDArray[Any], nodes: NDArray[Any]) -> NDArray[Any]:
        """``expand(counts)`` at the rows ``nodes`` only (of its ``(waves * groups * columns)``
        rows), ``(len(nodes), k)``: each node summed from its own cells. When most nodes are
        hidden (10,000 teams by role), the few still shown cost far less than every node.
        From an eighth of the nodes up every node is summed, level from level, instead."""
        import numpy as np

        n_groups, n_columns = sum(self.sizes), len(self.plans)
        if len(nodes) * 8 > self.shape[0] * n_groups * n_columns:
            every = self.expand(counts).reshape(-1, counts.shape[1])
            return np.take(every, nodes, axis=0)
        first_group = np.cumsum([0, *self.sizes])
        wave, rest = np.divmod(nodes, max(n_groups * n_columns, 1))
        group, column = np.divmod(rest, max(n_columns, 1))
        level = np.searchsorted(first_group, group, side="right") - 1
        key = wave * np.asarray(self.sizes)[level] + group - first_group[level]
        out = np.zeros((len(nodes), counts.shape[1]), dtype=counts.dtype)
        # One column and level at a time: there a node's cells are the run of its key among
        # the column's cells, found by a binary search.
        for c, lv in sorted(set(zip(column.tolist(), level.tolist(), strict=True))):
            held = self.plans[c][0]
            cell_keys = self.keys[lv] if held is None else self.keys[lv][held]
            at = np.flatnonzero((column == c) & (level == lv))
            low = np.searchsorted(cell_keys, key[at], side="left")
            length = np.searchsorted(cell_keys, key[at], side="right") - low
            some = length > 0
            at, low, length = at[some], low[some], length[some]
            if not at.size:
                continue
            out[at] = _run_sums(counts, low, length, held)
        return out


#: The widest rows that ``np.add.reduceat`` sums quickly: for wider ones (a node's answers per
#: item and option) it costs several times a plain sum, and :func:`_run_sums` does better.
_NARROW = 32

#: The longest run of cells summed by adding its cells' rows in turn, over every such run at
#: once; a longer run is summed alone.
_SHORT_RUN = 8


def _run_sums(
    counts: NDArray[Any], low: NDArray[Any], length: NDArray[Any], held: NDArray[Any] | None = None
) -> NDArray[Any]:
    """The sums of runs of rows of ``counts``, ``(runs, k)``: run ``i`` is the rows
    ``low[i]:low[i] + length[i]`` (each at least one) of ``counts``, or of ``counts[held]``.

    Not ``np.add.reduceat`` over the rows: with a row of many counts it costs several times a
    plain sum (and adds int32 counts in int64). Short runs, such as a team's few cross-tab
    cells, are added their first rows, then their second, and so on; long ones, such as a
    service's teams, are each one sum (whole numbers: the same in any order, and no node can
    reach 2**31 in an int32 cube, see :func:`answer_cube`)."""
    import numpy as np

    def rows(at: NDArray[Any]) -> NDArray[Any]:
        return np.take(counts, at if held is None else held[at], axis=0)

    out = np.empty((len(low), counts.shape[1]), dtype=counts.dtype)
    short = np.flatnonzero(length <= _SHORT_RUN)
    if short.size:
        out[short] = rows(low[short])
        for j in range(1, int(length[short].max())):
            some = short[length[short] > j]
            out[some] += rows(low[some] + j)
    for i in np.flatnonzero(length > _SHORT_RUN).tolist():
        run = slice(int(low[i]), int(low[i] + length[i]))
        cells = counts[run] if held is None else counts[held[run]]
        out[i] = cells.sum(axis=0, dtype=counts.dtype)
    return out


def _steps(
    wave: NDArray[Any], leaf: NDArray[Any], sizes: tuple[int, ...], leaf_to_level: list[Any]
) -> tuple[_Step, ...]:
    """The steps of one column's roll-up over its cells (in key order), deepest level first."""
    import numpy as np

    steps: list[_Step] = []
    below: NDArray[Any] | None = None  # the level below's starts among the cells
    for level in reversed(range(len(leaf_to_level))):
        key = wave * sizes[level] + leaf_to_level[level][leaf] if leaf.size else leaf
        starts = np.flatnonzero(np.diff(key, prepend=-1)) if leaf.size else leaf
        # Whether every group starts where one of the level below does, by a binary search in
        # those starts (both ascending), not ``np.isin``: its first call imports numpy.ma, 20 ms
        # of a report that needs no other part of it.
        at = np.searchsorted(below, starts) if below is not None else starts
        if below is not None and bool((below[np.minimum(at, len(below) - 1)] == starts).all()):
            steps.append((level, key[starts], at, True))
        else:
            # The leaves, or a level that does not nest in the one below (which no import
            # makes): summed from the cells themselves.
            steps.append((level, key[starts], starts, False))
        below = starts
    return tuple(steps)
