"""Reading a release: from a JSON report (as ``report_json`` writes it), or from results as a
report would publish them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..._collector import collector_paused
from ..cells import ElementKind
from ._bulk import read_item_cells, read_item_columns
from ._counts import Counts, Nodes, blanked
from .model import RESPONDENTS, AuditError, NodeKey, Release

if TYPE_CHECKING:
    from ..results import Results


def release_from_report(data: Mapping[str, Any], *, source: str = "report") -> Release:
    """The release of a JSON report (as written by ``report_json``).

    Raises:
        AuditError: The data is not a wellbeing report, or a field is not what is expected.
    """
    return _release(data, source, None)


def release_from_report_of(
    data: Mapping[str, Any], results: Results, *, source: str = "report"
) -> Release:
    """The release of a JSON report that ``report_json`` has just made of ``results``: the
    release of :func:`release_from_report`, with the same checks, its item cells read from
    the results' cell columns that the report's cells (their records, and their text) are made
    from, rather than back from 42,000 records (0.2 s at a million respondents). Everything
    else is read from ``data`` as there. Where the columns hold anything the records' reading
    would not vouch for, the cells are read from ``data``, and any error is worded as there.

    Raises:
        AuditError: As :func:`release_from_report`.
    """
    return _release(data, source, results)


def release_without_cells(
    data: Mapping[str, Any], results: Results, *, source: str = "report"
) -> Release | None:
    """The release of a JSON report that ``report_json`` would make of ``results``, made
    without its cells (whatever ``data`` holds for them is not read: they are to be written as
    text from the results' cell columns, never made as records): as
    :func:`release_from_report_of`, its item cells read from those columns. None where the
    columns hold anything the records' reading would not vouch for: the cells are then to be
    made as records and read as any report's.

    Raises:
        AuditError: As :func:`release_from_report`, of everything but the cells.
    """
    try:
        return _release(data, source, results, columns_only=True)
    except _Unvouched:
        return None


class _Unvouched(Exception):
    """The cell columns hold what the reading of the records would not vouch for."""


def _release(
    data: Mapping[str, Any], source: str, results: Results | None, *, columns_only: bool = False
) -> Release:
    if not isinstance(data, Mapping) or data.get("format") != "wellbeing-report":
        raise AuditError(
            f'{source}: not a wellbeing report (expected "format": "wellbeing-report")'
        )
    release = _release_part(
        data,
        source,
        with_cells=True,
        imported=data.get("import"),
        results=results,
        columns_only=columns_only,
    )
    org = data.get("organisational")
    if isinstance(org, Mapping) and org.get("mode") == "survey":
        # Leaders answering one by one are people, audited as the staff are (a listed group
        # holds at least one, the rows accepted of their file are all of them); what the audit
        # of their release finds is named organisational.
        org_release = _release_part(
            org,
            f"{source}: organisational",
            with_cells=False,
            imported=data.get("organisational_import"),
        )
        release = attrs.evolve(release, organisational=org_release)
    return release


def _release_part(
    data: Mapping[str, Any],
    source: str,
    *,
    with_cells: bool,
    imported: Any,
    results: Results | None = None,
    columns_only: bool = False,
) -> Release:
    levels = tuple(_strings(data.get("levels"), f"{source}: levels"))
    k = data.get("min_group_size")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise AuditError(f"{source}: min_group_size: expected a whole number of at least 1")
    groups = data.get("groups")
    if not isinstance(groups, list | tuple):
        raise AuditError(f"{source}: groups: expected a list")
    nodes: list[NodeKey] = []
    counts: list[int | None] = []
    index: dict[NodeKey, int] = {}
    for i, entry in enumerate(groups):
        where = f"{source}: groups[{i}]"
        key = _node_key(entry, where)
        n = entry.get("n")
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            raise AuditError(f"{where}.n: expected a count or null")
        index[key] = len(nodes)
        nodes.append(key)
        counts.append(n)
    families: dict[str, list[int | None]] = {RESPONDENTS: counts}
    options: dict[str, list[tuple[int, ...] | None]] = {}
    if with_cells:
        cells = [] if columns_only else data.get("cells", [])
        if not isinstance(cells, list | tuple):
            raise AuditError(f"{source}: cells: expected a list")
        with collector_paused():
            # From the columns the cells were made of, where given and as expected; else in
            # bulk where the cells are as a report writes them; else (to find and word the
            # first fault, or for cells of other types) one at a time.
            bulk = None
            if results is not None and (columns_only or len(cells) == len(results.cell_columns.n)):
                bulk = read_item_columns(results, index, _node_key, len(nodes))
            if bulk is None and columns_only:
                raise _Unvouched
            if bulk is None:
                bulk = read_item_cells(cells, index, _node_key, len(nodes))
            if bulk is None:
                bulk = _item_cells(cells, index, len(nodes), source)
        families.update(bulk[0])
        options.update(bulk[1])
    leaves_data = data.get("hierarchy")
    depth = max((len(key[0]) for key in nodes), default=0)
    if leaves_data is None:
        leaves = sorted({key[0] for key in nodes if len(key[0]) == depth})
    else:
        leaves = sorted(
            {tuple(p)[:depth] for p in _paths(leaves_data, f"{source}: hierarchy")}
            | {key[0] for key in nodes if len(key[0]) == depth}
        )
    breakdown = tuple(_strings(data.get("breakdown", []), f"{source}: breakdown"))
    filters = tuple(
        (str(pair[0]), str(pair[1]))
        for pair in _paths(data.get("filters", []), f"{source}: filters")
        if len(pair) == 2
    )
    total = None
    if isinstance(imported, Mapping):
        accepted = imported.get("rows_accepted")
        if isinstance(accepted, int) and not isinstance(accepted, bool):
            total = accepted
    return Release(
        levels=levels,
        leaves=tuple(leaves),
        breakdown=breakdown,
        filters=filters,
        min_group_size=k,
        nodes=tuple(nodes),
        families={name: tuple(v) for name, v in families.items()},
        options={name: tuple(v) for name, v in options.items()},
        total=total,
    )


def _item_cells(
    cells: list[Any] | tuple[Any, ...], index: Mapping[NodeKey, int], nodes: int, source: str
) -> tuple[dict[str, list[int | None]], dict[str, list[tuple[int, ...] | None]]]:
    """Each item's answering count and option counts per node, read a cell at a time."""
    families: dict[str, list[int | None]] = {}
    options: dict[str, list[tuple[int, ...] | None]] = {}
    for i, cell in enumerate(cells):
        where = f"{source}: cells[{i}]"
        if not isinstance(cell, Mapping) or cell.get("kind") != "item":
            continue
        key = _node_key(cell, where)
        if key not in index:
            raise AuditError(f"{where}: its group is not listed under groups")
        element = cell.get("element")
        if not isinstance(element, str):
            raise AuditError(f"{where}.element: expected a string")
        values = families.setdefault(f"item:{element}", [None] * nodes)
        chosen = options.setdefault(f"item:{element}", [None] * nodes)
        if not cell.get("suppressed"):
            values[index[key]] = _responders(cell, where)
            chosen[index[key]] = _distribution(cell, where)
    return families, options


def _distribution(cell: Mapping[str, Any], where: str) -> tuple[int, ...] | None:
    """A shown item cell's count of each option, in the scale's order (None if not given)."""
    pairs = cell.get("distribution")
    if pairs is None:
        return None
    if not isinstance(pairs, list | tuple):
        raise AuditError(f"{where}.distribution: expected a list of [option, count] pairs")
    counts = []
    for i, pair in enumerate(pairs):
        count = pair[1] if isinstance(pair, list | tuple) and len(pair) == 2 else None
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise AuditError(f"{where}.distribution[{i}]: expected an [option, count] pair")
        counts.append(count)
    return tuple(counts)


def _responders(cell: Mapping[str, Any], where: str) -> int:
    total = 0
    for field in ("answered", "unscored"):
        value = cell.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise AuditError(f"{where}.{field}: a shown item cell needs a whole-number count")
        total += value
    return total


def _node_key(entry: Any, where: str) -> NodeKey:
    if not isinstance(entry, Mapping):
        raise AuditError(f"{where}: expected an object")
    group = entry.get("group")
    wave = entry.get("wave")
    if wave is not None and not isinstance(wave, str):
        raise AuditError(f"{where}.wave: expected a string or null")
    breakdown = tuple(
        (str(p[0]), str(p[1])) for p in _paths(entry.get("breakdown", []), f"{where}.breakdown")
    )
    return tuple(_strings(group, f"{where}.group")), wave, breakdown


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AuditError(f"{where}: expected a list of strings")
    return list(value)


def _paths(value: Any, where: str) -> list[tuple[str, ...]]:
    if not isinstance(value, list | tuple):
        raise AuditError(f"{where}: expected a list of lists of strings")
    return [tuple(_strings(p, f"{where}[{i}]")) for i, p in enumerate(value)]


def release_from_results(results: Results, *, include_items: bool = True) -> Release:
    """The release of results as a report would publish them (counts of people only)."""
    t = results.table
    nodes = Nodes(t.group, t.wave, t.breakdown)  # kept as columns (see ``_counts``)
    values: dict[str, Any] = {RESPONDENTS: t.n}
    hidden: dict[str, Any] = {RESPONDENTS: t.n < 0}
    options: Mapping[str, tuple[tuple[int, ...] | None, ...]] = {}
    if include_items:
        items = [e for e in results.elements if e.kind is ElementKind.ITEM]
        offset = len(results.elements) - len(items)
        answered = t.answered[:, offset:] if len(items) else t.answered[:, :0]
        unscored = t.unscored[:, offset:] if len(items) else t.unscored[:, :0]
        responders = (answered + unscored).T
        item_hidden = (answered < 0).T
        for j, e in enumerate(items):
            values[f"item:{e.ref}"] = responders[j]
            hidden[f"item:{e.ref}"] = item_hidden[j]
        width = {f"item:{e.ref}": (j, len(e.options)) for j, e in enumerate(items)}
        options = _Distributions(t.distribution, width, item_hidden)
    return Release(
        levels=results.levels,
        leaves=results.hierarchy,
        breakdown=results.breakdown,
        filters=results.filters,
        min_group_size=results.min_group_size,
        nodes=nodes,
        # Kept as arrays for the audit, made into tuples only where read (see ``_counts``).
        families=Counts(values, hidden),
        options=options,
    )


class _Distributions(Mapping[str, tuple[tuple[int, ...] | None, ...]]):
    """Each item's count of each option in every node (None where hidden), made when first
    read: only the audit of releases whose item cells cross reads them, and tens of thousands
    of small tuples made for nothing cost more than the audit of one release."""

    def __init__(self, distribution: Any, width: Mapping[str, tuple[int, int]], hidden: Any):
        self._distribution, self._width, self._hidden = distribution, width, hidden
        self._made: dict[str, tuple[tuple[int, ...] | None, ...]] = {}

    def __getitem__(self, name: str) -> tuple[tuple[int, ...] | None, ...]:
        made = self._made.get(name)
        if made is None:
            j, width = self._width[name]
            counts = self._distribution[:, j, :width].tolist()
            made = self._made[name] = blanked(list(map(tuple, counts)), self._hidden[j])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._width)

    def __len__(self) -> int:
        return len(self._width)
