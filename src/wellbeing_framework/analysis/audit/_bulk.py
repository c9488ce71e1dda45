"""Reading a JSON report's item cells in bulk, for the audit's release of the report.

A report of a million respondents has about 42,000 item cells. Read one at a time, each with
its group key built and checked and each count checked, they took half a second, most of the
audit of the report. Here the same is read a field at a time over all cells: each run of
cells of one group (cells come group by group) has its key built and checked once, and each
field's values are checked together (their types as a set, their least value once).

This path only vouches for what it has checked: anything it does not expect (a field of
another type, a group it has not seen, a pair that is not a pair) makes it give up, and the
caller reads the cells one at a time, which finds the first fault in order and words it as
it always has. So the release, and every error, are the same as cell by cell.

A report the command has just made need not be read back at all: :func:`read_item_columns`
reads the same values, checked the same way, from the cell columns its cells (their records
and their text) are made from, and gives up, for the records to be read, on anything else.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .model import AuditError, NodeKey

if TYPE_CHECKING:
    from ..results import Results

__all__ = ["read_item_cells", "read_item_columns"]

#: What the item families and their option counts are, by family name, one entry per node.
Families = dict[str, list[int | None]]
Options = dict[str, list[tuple[int, ...] | None]]


def read_item_cells(
    cells: Sequence[Any],
    index: Mapping[NodeKey, int],
    node_key: Any,
    nodes: int,
) -> tuple[Families, Options] | None:
    """Each item's answering count and option counts per node, from the report's cells, as
    the cell-by-cell reading gives them; None where the cells hold anything unexpected.

    Args:
        cells: The report's cells.
        index: Each node key's position among the report's groups.
        node_key: The cell-by-cell reading's own key function, ``(cell, where) -> key``, so
            that a key is made and checked exactly as there.
        nodes: How many groups the report lists.
    """
    if not all(type(c) is dict for c in cells):
        return None
    items = [c for c in cells if c.get("kind") == "item"]
    positions = _positions(items, index, node_key)
    elements = [c.get("element") for c in items]
    if positions is None or not set(map(type, elements)) <= {str}:
        return None
    shown = [k for k, c in enumerate(items) if not c.get("suppressed")]
    responders = _responders([items[k] for k in shown])
    counts = _distributions([items[k] for k in shown])
    if responders is None or counts is None:
        return None
    families: Families = {}
    options: Options = {}
    for element in elements:
        if element not in families:
            families[element] = [None] * nodes
            options[element] = [None] * nodes
    for k, total, chosen in zip(shown, responders, counts, strict=True):
        element, at = elements[k], positions[k]
        families[element][at] = total
        options[element][at] = chosen
    return (
        {f"item:{e}": v for e, v in families.items()},
        {f"item:{e}": v for e, v in options.items()},
    )


def _positions(
    items: list[dict[str, Any]], index: Mapping[NodeKey, int], node_key: Any
) -> list[int] | None:
    """Each cell's node position, its key made once per run of cells of one group. Groups
    and breakdowns must be lists and waves strings or None (exactly: no subclass), so that
    cells with equal fields have the same key; a run ends where a cell's differ from the
    last's (compared in one pass)."""
    fields = [(c.get("group"), c.get("wave"), c.get("breakdown", [])) for c in items]
    if not fields:
        return []
    groups, waves, breakdowns = zip(*fields, strict=True)
    if not (
        set(map(type, groups)) <= {list}
        and set(map(type, waves)) <= {str, type(None)}
        and set(map(type, breakdowns)) <= {list}
    ):
        return None
    starts = [0, *itertools.compress(range(1, len(fields)), map(operator.ne, fields[1:], fields))]
    out: list[int] = []
    for start, end in itertools.pairwise([*starts, len(fields)]):
        try:
            key = node_key(items[start], "")
        except (AuditError, IndexError):
            return None
        found = index.get(key)
        if found is None:
            return None
        out += [found] * (end - start)
    return out


def _responders(cells: list[dict[str, Any]]) -> list[int] | None:
    """Each shown cell's answered plus unscored, if every one is a whole number of 0 or more."""
    answered: list[Any] = [c.get("answered") for c in cells]
    unscored: list[Any] = [c.get("unscored") for c in cells]
    for values in (answered, unscored):
        if values and (not set(map(type, values)) <= {int} or min(values) < 0):
            return None
    return [a + u for a, u in zip(answered, unscored, strict=True)]


def _distributions(cells: list[dict[str, Any]]) -> list[tuple[int, ...] | None] | None:
    """Each shown cell's count of each option (None where it gives no distribution), if every
    one is a list of ``[option, count]`` pairs with whole counts of 0 or more."""
    lists = [c.get("distribution") for c in cells]
    if not set(map(type, lists)) <= {list, tuple, type(None)}:
        return None
    pairs = list(itertools.chain.from_iterable(d for d in lists if d is not None))
    if not set(map(type, pairs)) <= {list, tuple} or not set(map(len, pairs)) <= {2}:
        return None
    counts = list(map(_SECOND, pairs))
    if counts and (not set(map(type, counts)) <= {int} or min(counts) < 0):
        return None
    return [None if d is None else tuple(map(_SECOND, d)) for d in lists]


_SECOND = operator.itemgetter(1)


def read_item_columns(
    results: Results, index: Mapping[NodeKey, int], node_key: Any, nodes: int
) -> tuple[Families, Options] | None:
    """What :func:`read_item_cells` gives of the cells the JSON report makes of ``results``,
    read from the cell columns those cells are made from: each field is the column's value,
    as the report's cell holds it (the kind and element are the element's, the group key the
    node's, the distribution's counts the cell's ``counts``), and is checked as there (counts
    whole numbers of 0 or more); None where anything is not so, or where items share a
    reference (the order the cells are read in would then matter).

    Args:
        results: The results the report was made of.
        index, node_key, nodes: As for :func:`read_item_cells`.
    """
    c, t = results.cell_columns, results.table
    width = len(results.elements)
    items = [(j, e) for j, e in enumerate(results.elements) if e.kind.value == "item"]
    refs = [e.ref for _, e in items]
    if not set(map(type, refs)) <= {str} or len(set(refs)) != len(refs):
        return None
    if not c.nodes:
        return {}, {}
    positions: list[int] = []
    for group, wave, breakdown in zip(t.group, t.wave, t.breakdown, strict=True):
        # The key of the node's cells, as they hold its group, wave and cross-tab value.
        entry = {"group": list(group), "wave": wave, "breakdown": list(breakdown)}
        try:
            found = index.get(node_key(entry, ""))
        except (AuditError, IndexError):
            return None
        if found is None:
            return None
        positions.append(found)
    families: Families = {}
    options: Options = {}
    for j, e in items:
        shown = [not hidden for hidden in c.suppressed[j::width]]
        answered: list[Any] = list(itertools.compress(c.answered[j::width], shown))
        unscored: list[Any] = list(itertools.compress(c.unscored[j::width], shown))
        counts = list(itertools.compress(c.counts[j::width], shown))
        chosen = _counts(counts, len(e.options))
        if chosen is None or not _whole(answered) or not _whole(unscored):
            return None
        values: list[int | None] = [None] * nodes
        picked: list[tuple[int, ...] | None] = [None] * nodes
        at = itertools.compress(positions, shown)
        for i, a, u, o in zip(at, answered, unscored, chosen, strict=True):
            values[i], picked[i] = a + u, o
        families[f"item:{e.ref}"], options[f"item:{e.ref}"] = values, picked
    return families, options


def _whole(values: list[Any]) -> bool:
    """Whether every one of ``values`` is an int of 0 or more."""
    return not values or (set(map(type, values)) <= {int} and min(values) >= 0)


def _counts(counts: list[Any], width: int) -> list[tuple[int, ...]] | None:
    """Each shown cell's option counts as its distribution gives them (none for no counts),
    if each has one count per option, all whole numbers of 0 or more."""
    chosen = [() if k is None else tuple(k) for k in counts]
    if not set(map(len, chosen)) <= {width}:
        return None
    return chosen if _whole(list(itertools.chain.from_iterable(chosen))) else None
