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

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from .responses import Responses

__all__ = ["THREAD_ANSWERS", "answer_cube", "expand", "leaf_to_level"]

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

    From :data:`THREAD_ANSWERS` answers up, the rows are split into a range per core, each
    counted into a cube of its own in a thread (numpy lets go of the GIL in the bincounts and
    sums that do the work), and the cubes are added: whole numbers, so the same counts.

    Args:
        responses: The responses.
        row_key: Each row's finest cell, in ``0..n_cells - 1``.
        n_cells: The number of finest cells.
        width: The most options any item has.
        block: Rows counted at a time; by default :data:`BLOCK_ROWS`, or half the cube's
            cells per item when that is more.
    """
    import numpy as np

    n_items = len(responses.items)
    slots = width + 1
    per_cell = n_items * slots
    dtype = np.int32 if responses.n_answers < 2**31 else np.int64
    rows = responses.n_rows
    dense = n_items > 0 and responses.n_answers == rows * n_items
    # Each block's counts are added into the part of the cube its keys reach; with rows in a
    # random order that is the whole cube, so a block is never much smaller than the cube
    # (which keeps the cost linear: blocks x cube cells would otherwise grow with both).
    if block is None:
        block = max(BLOCK_ROWS, -(-n_cells * slots // 2))
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
    row_of = responses.row.reshape(rows, n_items)
    item_of = responses.item.reshape(rows, n_items)
    in_order = np.arange(n_items, dtype=item_of.dtype)
    item_slot = np.arange(n_items, dtype=np.int64) * slots + 1
    for start in range(first, last, block):
        stop = min(start + block, last)
        # The layout is checked block by block, as it is used: what it costs is a comparison
        # per answer, far less than looking each answer's row up.
        expected = np.arange(start, stop, dtype=row_of.dtype)[:, None]
        if not (
            bool((item_of[start:stop] == in_order).all())
            and bool((row_of[start:stop] == expected).all())
        ):
            _count_answers(
                responses, row_key, cube, per_cell, slots, start * n_items, stop * n_items
            )
            continue
        cells = row_key[start:stop]
        low, high = int(cells.min()), int(cells.max())
        key = ((cells - low) * per_cell)[:, None] + item_slot
        key += matrix[start:stop]
        part = cube[low * per_cell : (high + 1) * per_cell]
        part += np.bincount(key.reshape(-1), minlength=part.size)


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

    key = row_key[responses.row[start:stop]]
    if not key.size:
        return
    low, high = int(key.min()), int(key.max())
    key -= low
    key *= per_cell
    key += responses.item[start:stop].astype(np.int64) * slots
    key += responses.option[start:stop]
    key += 1
    part = cube[low * per_cell : (high + 1) * per_cell]
    part += np.bincount(key, minlength=part.size)


def expand(
    fine: NDArray[Any], leaf_to_level: list[NDArray[Any]], combine: NDArray[Any]
) -> NDArray[Any]:
    """From ``(waves, leaves, finest columns, k)`` counts to ``(waves, groups, columns, k)``: sum
    the leaves into every level's groups (they are contiguous, the paths being sorted), then the
    finest columns into the breakdown columns (``combine[c, f]`` is 1 where column ``c`` holds
    finest column ``f``).

    Each level is summed from the level below it, not from the leaves again: a level has far
    fewer groups than there are leaves, and sums of whole numbers come out the same in any
    order. (A group with no leaf under it, which no import makes, is summed from the leaves as
    before.)"""
    import numpy as np

    per_level: list[NDArray[Any]] = [fine] * len(leaf_to_level)
    below, first_leaf, incremental = fine, np.arange(fine.shape[1]), True
    for level in reversed(range(len(leaf_to_level))):
        codes = leaf_to_level[level]
        if not codes.size:  # no responses at all: everyone is an empty group, the rest absent
            shape = (fine.shape[0], 1 if level == 0 else 0, *fine.shape[2:])
            per_level[level] = np.zeros(shape, dtype=fine.dtype)
            continue
        wanted = np.arange(int(codes[-1]) + 1)
        # Where each group of this level starts among the groups of the level below.
        starts = np.searchsorted(codes[first_leaf], wanted)
        incremental = incremental and bool(np.all(np.diff(starts) > 0))
        if incremental:
            below = _segment_sums(below, starts)
            first_leaf = first_leaf[starts]
        else:
            below = _segment_sums(fine, np.searchsorted(codes, wanted))
        per_level[level] = below
    return _into_columns(per_level, combine)


def _segment_sums(counts: NDArray[Any], starts: NDArray[Any]) -> NDArray[Any]:
    """``np.add.reduceat(counts, starts, axis=1)``: the groups of ``counts`` from each start to
    the next summed. numpy's ``reduceat`` along a middle axis is slow (85 ms against 6 ms for 100
    sums of 100 teams x 480 counts, 2 waves); a sum per segment is fast once the segments are a
    few groups long, so it is used then, and ``reduceat`` for many short ones."""
    import numpy as np

    n_segments, length = len(starts), counts.shape[1]
    if n_segments == length and bool((starts == np.arange(length)).all()):
        return counts  # one group a segment (the leaves themselves): nothing to add
    if n_segments * 4 > length or not n_segments:
        return np.add.reduceat(counts, starts, axis=1)
    out = np.empty((counts.shape[0], n_segments, *counts.shape[2:]), dtype=counts.dtype)
    ends = [*starts[1:].tolist(), length]
    for i, (start, end) in enumerate(zip(starts.tolist(), ends, strict=True)):
        counts[:, start:end].sum(axis=1, out=out[:, i])
    return out


def _into_columns(per_level: list[NDArray[Any]], combine: NDArray[Any]) -> NDArray[Any]:
    """Every level's groups side by side, the finest columns summed into the breakdown columns.

    A column is most often one finest column (a cross-tab value) or all of them (the group's
    total): a copy or one sum each, not a product with the 0/1 matrix, which numpy does slowly
    for whole numbers."""
    import numpy as np

    first = per_level[0]
    n_groups = sum(p.shape[1] for p in per_level)
    out = np.empty((first.shape[0], n_groups, combine.shape[0], *first.shape[3:]), first.dtype)
    at = 0
    for groups in per_level:
        here = out[:, at : at + groups.shape[1]]
        at += groups.shape[1]
        for c, row in enumerate(combine):
            members = np.flatnonzero(row)
            if members.size == 1:
                here[:, :, c] = groups[:, :, members[0]]
            elif members.size == groups.shape[2]:
                groups.sum(axis=2, out=here[:, :, c])
            else:
                groups[:, :, members].sum(axis=2, out=here[:, :, c])
    return out
