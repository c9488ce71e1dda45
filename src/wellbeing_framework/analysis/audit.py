"""The privacy audit: what an attacker holding every published figure can work out.

The attacker of ``docs/privacy.md`` holds every count of every report released from the same
data, knows the hierarchy and the names of all groups, knows that a group listed in a report
has at least one respondent and that a group missing from a level has none. This module puts
all of that into one system of linear constraints over *atoms* (the finest cells that the
reports together distinguish: a wave, a leaf group of every report, a cross-tab value, inside
or outside a filter) and, for every hidden cell, solves the attacker's problem: the smallest
and largest count consistent with everything published (integer programs, solved with HiGHS
through ``scipy.optimize.milp``). With ``k`` the minimum group size:

- **G1**: every count or pooled sum the attacker can determine exactly is 0 or at least ``k``;
- **G2**: no hidden cell can be pinned to one value below ``k``, and no hidden cell's interval
  lies wholly below ``k`` while being narrower than ``ceil(k / 2)``;
- **G3**: the same for the number of people who answered each item.

Across several releases it also solves, jointly, the pools that the shown cells of every
release leave together, and where two releases' item cells cut across each other, each answer
option's count (see :func:`_together`); the suppression never publishes item cells that cut
across (``aggregate`` hides them first), since option counts that cross make integer programs
that are not unimodular and can take long.

The work stays on the small lattice of cells, never on answers. Shown cells that nest are
subtracted from the cells around them first (a parent minus its shown children leaves the pool
of its hidden children), which splits the system into small independent pieces; each piece is
solved on its own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import WellbeingError
from .results import ElementKind

if TYPE_CHECKING:
    from .results import Results

__all__ = [
    "ORGANISATIONAL",
    "RESPONDENTS",
    "Audit",
    "AuditError",
    "Release",
    "Violation",
    "audit",
    "release_from_report",
    "release_from_results",
]

#: The family of counts of respondents; item families are named ``item:<ref>``.
RESPONDENTS = "respondents"
#: The family under which the organisational survey's violations are reported (its release,
#: :attr:`Release.organisational`, counts its leaders as respondents).
ORGANISATIONAL = "organisational"

NodeKey = tuple[tuple[str, ...], "str | None", tuple[tuple[str, str], ...]]


class AuditError(WellbeingError, ValueError):
    """A report given to the audit is not a report the audit can read."""


@attrs.frozen(kw_only=True)
class Release:
    """The published counts of one report, as an attacker reads them.

    Attributes:
        levels: The group column names, top first.
        leaves: Every group path at the deepest level reported (the hierarchy is public).
        breakdown: The cross-tab dimensions, if any.
        filters: ``(dimension, value)`` pairs of a filtered report.
        min_group_size: The report's minimum ``k``.
        nodes: Every cell listed: ``(group path, wave, cross-tab value)``.
        families: For each family of counts (``respondents``, ``item:<ref>``), the count of
            every node, or None where it is hidden.
        options: For each item family, every node's count of each option of the item's scale
            (its distribution), or None where it is hidden or not published.
        total: The respondents of every wave together, when the report publishes it.
        organisational: The organisational survey's counts, as a release of their own (the
            leaders as its respondents), audited with the other releases' surveys.
    """

    levels: tuple[str, ...]
    leaves: tuple[tuple[str, ...], ...]
    breakdown: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    min_group_size: int
    nodes: tuple[NodeKey, ...]
    families: Mapping[str, tuple[int | None, ...]]
    options: Mapping[str, tuple[tuple[int, ...] | None, ...]] = attrs.field(factory=dict)
    total: int | None = None
    organisational: Release | None = None


@attrs.frozen(kw_only=True)
class Violation:
    """One figure an attacker can work out too closely.

    Attributes:
        rule: ``G1``, ``G2`` or ``G3``.
        report: Which report (0 for the first given) holds the cell.
        family: ``respondents``, ``organisational`` or ``item:<ref>``.
        group, wave, breakdown: The cell (for a pooled sum, the shown cell it is the rest of).
        low, high: The interval the attacker can narrow the count to.
        pooled: True when the figure is the pool of hidden cells inside a shown one.
    """

    rule: str
    report: int
    family: str
    group: tuple[str, ...]
    wave: str | None
    breakdown: tuple[tuple[str, str], ...] = ()
    low: int
    high: int
    pooled: bool = False

    def __str__(self) -> str:
        where = _place(self.report, (self.group, self.wave, self.breakdown))
        what = "" if self.family == RESPONDENTS else f" ({self.family})"
        if self.pooled:
            return (
                f"{self.rule}: {where}{what}: the hidden cells inside it pool to exactly {self.low}"
            )
        if self.low == self.high:
            span = f"pinned to {self.low}"
        else:
            span = f"narrowed to {self.low}..{self.high}"
        return f"{self.rule}: {where}{what}: hidden count {span}"


def _where(releases: Sequence[Release], report: int, node: int) -> str:
    """A node of a release, as :func:`_place` words it."""
    nodes = releases[report].nodes
    return _place(report, nodes[node]) if node < len(nodes) else f"report {report + 1}"


def _place(report: int, node: NodeKey) -> str:
    """A cell as a reader finds it: ``report 1, X / B, wave 2025, Role=nurse``."""
    group, wave, breakdown = node
    where = f"report {report + 1}, " + (" / ".join(group) or "everyone")
    if wave is not None:
        where += f", wave {wave}"
    if breakdown:
        where += ", " + ", ".join(f"{d}={v}" for d, v in breakdown)
    return where


@attrs.frozen(kw_only=True)
class Audit:
    """What the audit found.

    Attributes:
        violations: Every breach of G1 to G3, in the order of the reports.
        hidden_checked: How many hidden cells were solved for.
    """

    violations: tuple[Violation, ...]
    hidden_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.violations


def audit(releases: Sequence[Release]) -> Audit:
    """Solve the attacker's problem over every release together and list what breaks G1 to G3.

    Args:
        releases: The reports of one set of data (the same accepted responses).

    Returns:
        The violations (none when the releases are safe together).
    """
    found, checked = _audit(releases)
    return Audit(violations=tuple(v for v, _ in found), hidden_checked=checked)


# -- reading releases ---------------------------------------------------------------------------


def release_from_report(data: Mapping[str, Any], *, source: str = "report") -> Release:
    """The release of a JSON report (as written by ``report_json``).

    Raises:
        AuditError: The data is not a wellbeing report, or a field is not what is expected.
    """
    if not isinstance(data, Mapping) or data.get("format") != "wellbeing-report":
        raise AuditError(
            f'{source}: not a wellbeing report (expected "format": "wellbeing-report")'
        )
    release = _release_part(data, source, with_cells=True, imported=data.get("import"))
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
    data: Mapping[str, Any], source: str, *, with_cells: bool, imported: Any
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
        cells = data.get("cells", [])
        if not isinstance(cells, list | tuple):
            raise AuditError(f"{source}: cells: expected a list")
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
            values = families.setdefault(f"item:{element}", [None] * len(nodes))
            chosen = options.setdefault(f"item:{element}", [None] * len(nodes))
            if not cell.get("suppressed"):
                values[index[key]] = _responders(cell, where)
                chosen[index[key]] = _distribution(cell, where)
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
    nodes = tuple(zip(t.group, t.wave, t.breakdown, strict=True))
    n = t.n.tolist()
    families: dict[str, tuple[int | None, ...]] = {
        RESPONDENTS: tuple(None if v < 0 else v for v in n)
    }
    options: dict[str, tuple[tuple[int, ...] | None, ...]] = {}
    if include_items:
        items = [e for e in results.elements if e.kind is ElementKind.ITEM]
        offset = len(results.elements) - len(items)
        answered = t.answered[:, offset:] if len(items) else t.answered[:, :0]
        unscored = t.unscored[:, offset:] if len(items) else t.unscored[:, :0]
        responders = (answered + unscored).T.tolist()
        hidden = (answered < 0).T.tolist()
        for j, e in enumerate(items):
            families[f"item:{e.ref}"] = tuple(
                None if h else v for v, h in zip(responders[j], hidden[j], strict=True)
            )
            counts = t.distribution[:, j, : len(e.options)].tolist()
            options[f"item:{e.ref}"] = tuple(
                None if h else tuple(c) for c, h in zip(counts, hidden[j], strict=True)
            )
    return Release(
        levels=results.levels,
        leaves=results.hierarchy,
        breakdown=results.breakdown,
        filters=results.filters,
        min_group_size=results.min_group_size,
        nodes=nodes,
        families=families,
        options=options,
    )


# -- atoms ----------------------------------------------------------------------------------------

# A block's conditions: key -> (allowed values, negated). Keys are "@wave", level names and
# dimension names.
_Cond = dict[str, tuple[frozenset[str | None], bool]]


def _blocks(release: Release) -> tuple[list[_Cond], list[list[int]]]:
    """The finest cells of one release, and for each the nodes that contain it."""
    depth = max((len(key[0]) for key in release.nodes), default=0)
    index = {key: i for i, key in enumerate(release.nodes)}
    waves = sorted({key[1] for key in release.nodes}, key=lambda w: (w is not None, w or ""))
    conds: list[_Cond] = []
    members: list[list[int]] = []

    def base(path: tuple[str, ...], wave: str | None) -> _Cond:
        cond: _Cond = {"@wave": (frozenset([wave]), False)}
        for name, value in zip(release.levels, path, strict=False):
            cond[name] = (frozenset([value]), False)
        return cond

    def containing(path: tuple[str, ...], wave: str | None, combo: Any) -> list[int]:
        found = [index[k] for k in ((path[:d], wave, ()) for d in range(depth + 1)) if k in index]
        if combo:
            found += [index[k] for k in [(path, wave, combo)] if k in index]
        return found

    if release.filters:
        by_dim: dict[str, set[str]] = defaultdict(set)
        for dim, value in release.filters:
            by_dim[dim].add(value)
        inside = {d: (frozenset(v), False) for d, v in by_dim.items()}
        outside = {d: (frozenset(v), True) for d, v in by_dim.items()}
        leaves = sorted(
            {p[:depth] for p in release.leaves}
            | {k[0] for k in release.nodes if len(k[0]) == depth}
        )
        for wave in waves:
            for path in leaves:
                if (path, wave, ()) in index:
                    conds.append({**base(path, wave), **inside})
                    members.append(containing(path, wave, ()))
                # The rest of the group is never published, and may or may not be empty.
                conds.append({**base(path, wave), **outside})
                members.append([])
        return conds, members
    for key in release.nodes:
        path, wave, combo = key
        if len(path) != depth or bool(combo) != bool(release.breakdown):
            continue
        cond = base(path, wave)
        for dim, value in combo:
            cond[dim] = (frozenset([value]), False)
        conds.append(cond)
        members.append(containing(path, wave, combo))
    return conds, members


def _compatible(a: _Cond, b: _Cond) -> bool:
    for key, (values, negated) in a.items():
        other = b.get(key)
        if other is None:
            continue
        o_values, o_negated = other
        if negated and o_negated:
            continue
        if negated:
            if o_values <= values:
                return False
        elif o_negated:
            if values <= o_values:
                return False
        elif not values & o_values:
            return False
    return True


def _join(blocks: list[list[_Cond]]) -> list[tuple[int, ...]]:
    """Atoms: one block of every release, pairwise compatible."""
    atoms: list[tuple[tuple[int, ...], _Cond]] = [((b,), c) for b, c in enumerate(blocks[0])]
    for conds in blocks[1:]:
        shared = set.intersection(*(set(c) for c in conds)) if conds else set()
        index: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        keys = sorted(k for k in shared if all(len(c[k][0]) == 1 and not c[k][1] for c in conds))
        for b, c in enumerate(conds):
            index[tuple(next(iter(c[k][0])) for k in keys)].append(b)
        joined: list[tuple[tuple[int, ...], _Cond]] = []
        for atom, cond in atoms:
            if all(k in cond and len(cond[k][0]) == 1 and not cond[k][1] for k in keys):
                candidates = index.get(tuple(next(iter(cond[k][0])) for k in keys), [])
            else:
                candidates = list(range(len(conds)))
            for b in candidates:
                if _compatible(cond, conds[b]):
                    joined.append(((*atom, b), _merge(cond, conds[b])))
        atoms = joined
    return [a for a, _ in atoms]


def _merge(a: _Cond, b: _Cond) -> _Cond:
    out = dict(a)
    for key, (values, negated) in b.items():
        if key not in out:
            out[key] = (values, negated)
            continue
        o_values, o_negated = out[key]
        if not negated and not o_negated:
            out[key] = (values & o_values, False)
        elif not negated:
            out[key] = (values - o_values, False)
        elif not o_negated:
            out[key] = (o_values - values, False)
        else:
            out[key] = (values | o_values, True)
    return out


# -- the system ---------------------------------------------------------------------------------


@attrs.define
class _Cell:
    """One distinct set of atoms published (or hidden) by one or more releases."""

    atoms: frozenset[int]
    family: str
    value: int | None = None  # known when any release shows it
    options: tuple[int, ...] | None = None  # each option's count, for a shown item cell
    hidden_in: list[tuple[int, int]] = attrs.field(factory=list)  # (release, node) pairs
    shown_in: list[tuple[int, int]] = attrs.field(factory=list)
    k: int = 0  # the largest minimum among the releases that hide it


def _cells(
    releases: Sequence[Release],
    family: str,
    atoms: list[tuple[int, ...]],
    members: list[list[list[int]]],
) -> dict[frozenset[int], _Cell]:
    node_atoms: list[dict[int, list[int]]] = [defaultdict(list) for _ in releases]
    for a, atom in enumerate(atoms):
        for r, block in enumerate(atom):
            for node in members[r][block]:
                node_atoms[r][node].append(a)
    cells: dict[frozenset[int], _Cell] = {}
    for r, release in enumerate(releases):
        values = release.families.get(family)
        if values is None:
            continue
        for node, value in enumerate(values):
            key = frozenset(node_atoms[r].get(node, ()))
            if not key:
                continue
            cell = cells.setdefault(key, _Cell(atoms=key, family=family))
            if value is None:
                cell.hidden_in.append((r, node))
                cell.k = max(cell.k, release.min_group_size)
            else:
                _known(cell, value, releases, (r, node))
                chosen = release.options.get(family, ())
                if node < len(chosen) and chosen[node] is not None:
                    cell.options = chosen[node]
                cell.shown_in.append((r, node))
        if family == RESPONDENTS and release.total is not None:
            key = frozenset(range(len(atoms)))
            cell = cells.setdefault(key, _Cell(atoms=key, family=family))
            _known(cell, release.total, releases, (r, 0))
    return cells


def _known(cell: _Cell, value: int, releases: Sequence[Release], where: tuple[int, int]) -> None:
    """Set a shown cell's count; two reports that show one cell with two counts are not of
    the same data."""
    if cell.value is not None and cell.value != value:
        first = cell.shown_in[0] if cell.shown_in else where
        raise AuditError(
            f"{_where(releases, *where)}: shows {value} where "
            f"{_where(releases, *first)} shows {cell.value} for "
            "the same people: the published figures contradict each other: are all the "
            "reports of the same data?"
        )
    cell.value = value


@attrs.define
class _Reduced:
    """The shown cells after subtracting the shown cells nested inside them."""

    rows: list[tuple[frozenset[int], int, _Cell, list[_Cell]]]  # atoms, value, owner, children
    chains: dict[int, list[_Cell]]  # atom -> laminar shown cells containing it, smallest first
    crossings: list[tuple[_Cell, _Cell]] = attrs.field(factory=list)  # overlap, neither holds


def _reduce(cells: Iterable[_Cell]) -> _Reduced:
    shown = sorted((c for c in cells if c.value is not None), key=lambda c: len(c.atoms))
    top: dict[int, _Cell] = {}
    chains: dict[int, list[_Cell]] = defaultdict(list)
    rows: list[tuple[frozenset[int], int, _Cell, list[_Cell]]] = []
    crossings: list[tuple[_Cell, _Cell]] = []
    for i, cell in enumerate(shown):
        tops = {id(top[a]): top[a] for a in cell.atoms if a in top}
        if all(t.atoms <= cell.atoms for t in tops.values()):
            children = list(tops.values())
            rest = frozenset(a for a in cell.atoms if a not in top)
            if rest or not children:
                # A cell its nested cells fill says nothing they do not: left out of the
                # chains, it cannot make a larger cell seem to cross them.
                for a in cell.atoms:
                    top[a] = cell
                    chains[a].append(cell)
        else:
            # Crosses a nested cell (a filtered report beside an unfiltered one, two groupings):
            # it stays out of the chains, but the shown cells inside it still leave a pool, which
            # G1 must see (everyone in a team less its doctors is its other staff).
            children = _disjoint_inside(cell, shown[:i])
            rest = cell.atoms.difference(*(c.atoms for c in children))
            if rest:
                crossings += [(cell, t) for t in tops.values() if not t.atoms <= cell.atoms]
        value = cell.value - sum(c.value or 0 for c in children)  # type: ignore[operator]
        rows.append((rest, value, cell, children))
    return _Reduced(rows=rows, chains=chains, crossings=crossings)


def _disjoint_inside(cell: _Cell, smaller: Sequence[_Cell]) -> list[_Cell]:
    """Shown cells inside ``cell`` that do not overlap, the largest first."""
    chosen: list[_Cell] = []
    covered: set[int] = set()
    for c in sorted(smaller, key=lambda c: -len(c.atoms)):
        if c.atoms < cell.atoms and not c.atoms & covered:
            chosen.append(c)
            covered |= c.atoms
    return chosen


def _inside(
    cell_atoms: frozenset[int], reduced: _Reduced
) -> tuple[int, frozenset[int], list[_Cell]]:
    """The shown nested cells that fill part of ``cell_atoms``: their total, the atoms left."""
    count: dict[int, int] = defaultdict(int)
    by_id: dict[int, _Cell] = {}
    for a in cell_atoms:
        for c in reduced.chains.get(a, ()):
            count[id(c)] += 1
            by_id[id(c)] = c
    chosen: dict[int, _Cell] = {}
    for a in cell_atoms:
        best = None
        for c in reduced.chains.get(a, ()):
            if count[id(c)] == len(c.atoms):
                best = c
        if best is not None:
            chosen[id(best)] = best
    covered = set().union(*(c.atoms for c in chosen.values())) if chosen else set()
    offset = sum(c.value or 0 for c in chosen.values())
    return offset, frozenset(a for a in cell_atoms if a not in covered), list(chosen.values())


@attrs.define
class _Problem:
    """One family's constraints, ready to split into pieces and solve."""

    n_atoms: int
    rows: list[tuple[frozenset[int], int, _Cell, list[_Cell]]]
    hidden: list[tuple[_Cell, int, frozenset[int], list[_Cell]]]  # cell, offset, rest, inside
    lower: dict[frozenset[int], int]  # residual atoms -> lower bound of their sum
    pools: list[tuple[frozenset[int], int, _Cell, list[_Cell]]] = attrs.field(factory=list)
    crossings: list[tuple[_Cell, _Cell]] = attrs.field(factory=list)  # shown cells that cross
    cells: dict[frozenset[int], _Cell] = attrs.field(factory=dict)


def _pools(cells: Iterable[_Cell]) -> list[tuple[frozenset[int], int, _Cell, list[_Cell]]]:
    """For every shown cell and every release, the pool that the release's shown cells inside it
    leave: the chains of :func:`_reduce` hold one way of nesting only, and when two releases
    cross, a pool of the other way (everyone less a team the second report shows) is missed."""
    shown = [c for c in cells if c.value is not None]
    releases = sorted({r for c in shown for r, _ in c.shown_in})
    out: list[tuple[frozenset[int], int, _Cell, list[_Cell]]] = []
    if len(releases) < 2:
        return out  # one release's cells nest: its chains hold every pool
    for r in releases:
        # One release's cells nest, so the largest of its cells inside the owner that holds an
        # atom is one of the owner's children: found atom by atom, largest first.
        chains: dict[int, list[_Cell]] = defaultdict(list)
        for c in sorted(shown, key=lambda c: -len(c.atoms)):
            if any(r_ == r for r_, _ in c.shown_in):
                for a in c.atoms:
                    chains[a].append(c)
        for owner in shown:
            children: dict[int, _Cell] = {}
            covered: set[int] = set()
            for a in owner.atoms:
                if a in covered:
                    continue
                for c in chains.get(a, ()):
                    if len(c.atoms) < len(owner.atoms) and c.atoms <= owner.atoms:
                        children[id(c)] = c
                        covered |= c.atoms
                        break
            if not children or sum(len(c.atoms) for c in children.values()) != len(covered):
                continue
            inner = list(children.values())
            value = owner.value - sum(c.value or 0 for c in inner)  # type: ignore[operator]
            out.append((owner.atoms - frozenset(covered), value, owner, inner))
    return out


def _problem(
    cells: dict[frozenset[int], _Cell], n_atoms: int, *, listed_at_least_one: bool
) -> _Problem:
    reduced = _reduce(cells.values())
    hidden = []
    lower: dict[frozenset[int], int] = {}
    for cell in cells.values():
        if cell.value is not None or not cell.hidden_in:
            continue
        offset, rest, inside = _inside(cell.atoms, reduced)
        hidden.append((cell, offset, rest, inside))
        if listed_at_least_one and rest:
            lower[rest] = max(lower.get(rest, 0), 1 - offset)
    return _Problem(
        n_atoms=n_atoms,
        rows=reduced.rows,
        hidden=hidden,
        lower=lower,
        pools=[*reduced.rows, *_pools(cells.values())],
        crossings=reduced.crossings,
        cells=cells,
    )


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, a: int) -> int:
        root = a
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(a, a) != root:
            self.parent[a], a = root, self.parent[a]
        return root

    def union(self, atoms: Iterable[int]) -> None:
        it = iter(atoms)
        first = next(it, None)
        if first is None:
            return
        r = self.find(first)
        for a in it:
            s = self.find(a)
            if s != r:
                self.parent[s] = r


Found = list[tuple[Violation, list[tuple[int, int, str]]]]


def _audit(releases: Sequence[Release]) -> tuple[Found, int]:
    """Violations with, for each, the shown cells whose hiding would widen it (release, node,
    family), nearest first; and how many hidden cells were solved for."""
    findings = _findings(releases, options=True)
    return findings.found, findings.checked


@attrs.define
class _Findings:
    found: Found = attrs.field(factory=list)
    checked: int = 0
    # Shown item cells of two releases that cross, each as (release, node, family).
    crossing: list[tuple[int, int, str]] = attrs.field(factory=list)


def _findings(releases: Sequence[Release], *, options: bool, tree: bool = True) -> _Findings:
    """Everything the audit finds; with ``options`` False, item cells whose shown cells cross
    are listed but their distributions not solved for (see :func:`_together`).

    One release whose cells nest is solved on its tree (:mod:`.nested`), unless ``tree`` is
    False; anything else by the linear programs."""
    out = _Findings()
    if not releases:
        return out
    fast = None
    if tree and len(releases) == 1:
        from .nested import findings

        fast = findings(releases[0])
    if fast is not None:
        out.found, out.checked = fast
    else:
        _solved(releases, out, options=options)
    orgs = [r.organisational for r in releases if r.organisational is not None]
    if orgs:
        org = _findings(orgs, options=True, tree=tree)
        index = [i for i, r in enumerate(releases) if r.organisational is not None]
        for v, blame in org.found:
            out.found.append(
                (
                    attrs.evolve(v, report=index[v.report], family=ORGANISATIONAL),
                    [(index[r], node, ORGANISATIONAL) for r, node, _ in blame],
                )
            )
        out.checked += org.checked
    return out


def _solved(releases: Sequence[Release], out: _Findings, *, options: bool) -> None:
    """The linear programs' findings over the releases (their organisational surveys apart),
    added to ``out``."""
    blocks = [_blocks(r) for r in releases]
    atoms = _join([b[0] for b in blocks])
    members = [b[1] for b in blocks]
    respondents = _cells(releases, RESPONDENTS, atoms, members)
    x_problem = _problem(respondents, len(atoms), listed_at_least_one=True)
    f, c = _solve_family(releases, RESPONDENTS, x_problem, None)
    out.found += f
    out.checked += c
    families = sorted({name for r in releases for name in r.families if name != RESPONDENTS})
    problems: dict[str, _Problem] = {}
    mirrored: set[str] = set()
    for name in families:
        cells = _cells(releases, name, atoms, members)
        if _mirrors(cells, respondents):
            # Every shown cell counts everyone, hidden where the group is: its counts say
            # nothing new, but across releases its distributions may.
            mirrored.add(name)
            if len(releases) == 1:
                continue
        problem = problems[name] = _problem(cells, len(atoms), listed_at_least_one=False)
        for pair in problem.crossings:
            out.crossing += [(r, node, name) for c in pair for r, node in c.shown_in]
        if name not in mirrored:
            f, c = _solve_family(releases, name, problem, x_problem)
            out.found += f
            out.checked += c
    if len(releases) > 1:
        f, c = _together(
            releases, x_problem, problems, out.found, mirrored=mirrored, options=options
        )
        out.found += f
        out.checked += c


def _mirrors(cells: dict[frozenset[int], _Cell], respondents: dict[frozenset[int], _Cell]) -> bool:
    for key, cell in cells.items():
        other = respondents.get(key)
        if other is None or (cell.value is None) != (other.value is None):
            return False
        if cell.value is not None and cell.value != other.value:
            return False
    return True


def _solve_family(
    releases: Sequence[Release], family: str, problem: _Problem, x_problem: _Problem | None
) -> tuple[list[tuple[Violation, list[tuple[int, int, str]]]], int]:
    """Split one family into independent pieces and solve each hidden cell's interval."""
    import numpy as np

    rule = "G1" if family in (RESPONDENTS, ORGANISATIONAL) else "G3"
    found: list[tuple[Violation, list[tuple[int, int, str]]]] = []
    # G1 on the pools: a shown cell minus the shown cells inside it is the pool of the hidden.
    seen: set[tuple[frozenset[int], int]] = set()
    for rest, value, owner, children in problem.pools:
        if value < 0 or (children and not rest and value != 0):
            # A shown count smaller than the shown counts inside it, or one they fill but do
            # not add up to: no data gives both, and the solver would never be asked.
            r, node = owner.shown_in[0] if owner.shown_in else (0, 0)
            raise AuditError(
                f"{_where(releases, r, node)}: its count {owner.value} and the shown "
                f"counts inside it ({sum(c.value or 0 for c in children)}) contradict each "
                "other: are all the reports of the same data?"
            )
        k = max((releases[r].min_group_size for r, _ in owner.shown_in), default=1)
        if children and rest and 0 < value < k and (rest, id(owner)) not in seen:
            seen.add((rest, id(owner)))
            found.append(
                (
                    _violation(rule, releases, family, owner, value, value, pooled=True),
                    _blame(children, owner),
                )
            )
    if not problem.hidden:
        return found, 0
    # Variables: this family's atoms, then (for items) the respondents' atoms, y <= x.
    coupled = x_problem is not None
    uf = _UnionFind()
    for rest, _, _, _ in problem.rows:
        uf.union(rest)
    for _, _, rest, _ in problem.hidden:
        uf.union(rest)
    x_rows: list[tuple[frozenset[int], int, _Cell, list[_Cell]]] = []
    if x_problem is not None:
        offset = problem.n_atoms
        x_rows = [
            (frozenset(a + offset for a in rest), v, o, ch) for rest, v, o, ch in x_problem.rows
        ]
        for rest, _, _, _ in x_rows:
            uf.union(rest)
        for a in range(problem.n_atoms):
            uf.union((a, a + offset))
    pieces: dict[int, list[int]] = defaultdict(list)
    for h, (_, _, rest, _) in enumerate(problem.hidden):
        if rest:
            pieces[uf.find(next(iter(rest)))].append(h)
    all_rows = [*problem.rows, *x_rows]
    lower_rows = list(problem.lower.items())
    if x_problem is not None:
        lower_rows += [
            (frozenset(a + problem.n_atoms for a in rest), low)
            for rest, low in x_problem.lower.items()
        ]
    rows_by_piece: dict[int, list[int]] = defaultdict(list)
    for i, (rest, _, _, _) in enumerate(all_rows):
        if rest:
            rows_by_piece[uf.find(next(iter(rest)))].append(i)
    lower_by_piece: dict[int, list[int]] = defaultdict(list)
    for i, (rest, _) in enumerate(lower_rows):
        lower_by_piece[uf.find(next(iter(rest)))].append(i)
    checked = 0
    highs = None  # one solver for every piece of the family, each piece's model passed in turn
    for root, hidden_ids in pieces.items():
        variables = sorted(
            {a for i in rows_by_piece[root] for a in all_rows[i][0]}
            | {a for h in hidden_ids for a in problem.hidden[h][2]}
            | {a for i in lower_by_piece[root] for a in lower_rows[i][0]}
        )
        if coupled:
            variables = sorted(
                set(variables)
                | {a + problem.n_atoms for a in variables if a < problem.n_atoms}
                | {a - problem.n_atoms for a in variables if a >= problem.n_atoms}
            )
        col = {a: j for j, a in enumerate(variables)}
        data_r: list[int] = []
        data_c: list[int] = []
        lo_b: list[float] = []
        hi_b: list[float] = []
        r = 0
        for i in rows_by_piece[root]:
            rest, value, _, _ = all_rows[i]
            for a in rest:
                data_r.append(r)
                data_c.append(col[a])
            lo_b.append(value)
            hi_b.append(value)
            r += 1
        for i in lower_by_piece[root]:
            rest, at_least = lower_rows[i]
            for a in rest:
                data_r.append(r)
                data_c.append(col[a])
            lo_b.append(at_least)
            hi_b.append(np.inf)
            r += 1
        coef = [1.0] * len(data_r)
        if coupled:
            for a in variables:
                if a < problem.n_atoms:  # y_a - x_a <= 0
                    data_r += [r, r]
                    data_c += [col[a], col[a + problem.n_atoms]]
                    coef += [1.0, -1.0]
                    lo_b.append(-np.inf)
                    hi_b.append(0)
                    r += 1
        if highs is None:
            highs = _highs()
        solve = _Solver(
            highs,
            (np.array(data_r), np.array(data_c), np.array(coef)),
            (r, len(variables)),
            np.array(lo_b, dtype=float),
            np.array(hi_b, dtype=float),
        )
        for h in hidden_ids:
            cell, offset, rest, inside = problem.hidden[h]
            k = cell.k or max(r_.min_group_size for r_ in releases)
            objective = [col[a] for a in rest]
            checked += 1
            try:
                high = solve(objective, maximise=True)
            except AuditError as exc:  # no count fits: say where the solver found out
                r_, node = (cell.hidden_in or cell.shown_in)[0]
                raise AuditError(f"{_where(releases, r_, node)}: {exc}") from None
            if high is None or high + offset >= k:
                continue
            low = solve(objective, maximise=False)
            if low is None:
                continue
            lo, hi = round(low) + offset, round(high) + offset
            narrow = hi - lo < math.ceil(k / 2)
            if hi < k and narrow and not (lo == hi == 0):
                v_rule = "G2" if family in (RESPONDENTS, ORGANISATIONAL) else "G3"
                blame = _blame_piece(rows_by_piece[root], all_rows, inside)
                found.append((_violation(v_rule, releases, family, cell, lo, hi), blame))
    return found, checked


# -- what releases give away together --------------------------------------------------------

#: How long one integer program over option counts may run before its bound is taken.
_OPTION_SECONDS = 2.0

#: The blame family that hides every item of a node (its scores, distributions and counts).
ITEMS = "items"


@attrs.frozen
class _Row:
    """One published sum in the joint system of :func:`_together`: of the respondents, of an
    item's answers, or of one option of an item (``option``), over some atoms."""

    atoms: frozenset[int]
    family: str
    option: int | None
    low: float
    high: float
    owner: _Cell | None = None
    children: tuple[_Cell, ...] = ()


@attrs.frozen
class _Target:
    """A count the attacker is asked for: a hidden cell, or the pool left inside a shown one."""

    atoms: frozenset[int]
    family: str
    offset: int  # the shown counts already inside it
    k: int
    cell: _Cell
    pooled: bool
    around: tuple[_Cell, ...] = ()  # the shown cells inside it (for blame)


def _together(
    releases: Sequence[Release],
    x_problem: _Problem,
    problems: Mapping[str, _Problem],
    found: Found,
    *,
    mirrored: set[str],
    options: bool,
) -> tuple[list[tuple[Violation, list[tuple[int, int, str]]]], int]:
    """What several releases give away together that the families solved one by one miss.

    - The pool left inside a shown cell when the shown cells of *every* release are taken away:
      those may overlap, so it is solved for, not subtracted.
    - With ``options``, each option's count, where an item's shown cells cross (two releases
      that group people apart): each option is then a table of its own, and the tables of
      several items can narrow a hidden cell further than its counts do. Where an item's cells
      nest they never can (any split of a pool's answers among its hidden parts fits the pool's
      options), and the library never publishes cells that cross (see
      ``aggregate``), so this is for reports made without the ledger.
    """
    out: list[tuple[Violation, list[tuple[int, int, str]]]] = []
    checked = 0
    x_rows = _rows(RESPONDENTS, x_problem)
    others = [(name, p) for name, p in problems.items() if name not in mirrored]
    for family, problem in [(RESPONDENTS, x_problem), *others]:
        targets = _pool_targets(releases, family, problem)
        rows = x_rows if family == RESPONDENTS else [*x_rows, *_rows(family, problem)]
        f, c = _solve_targets(releases, {}, rows, targets)
        out += f
        checked += c
    width = {name: _option_width(p) for name, p in problems.items()}
    width = {name: w for name, w in width.items() if w > 1}
    if options and width:
        done = {_key(v) for v, _ in [*found, *out]}
        rows = list(x_rows)
        targets = _hidden_targets(releases, RESPONDENTS, x_problem)
        for name in width:
            rows += [*_rows(name, problems[name]), *_option_rows(releases, name, problems[name])]
            targets += _hidden_targets(releases, name, problems[name])
        targets = [t for t in targets if (t.family, *_node_of(releases, t.cell)) not in done]
        f, c = _solve_targets(releases, width, rows, targets)
        out += [(v, _blame_options(rows) + b) for v, b in f]
        checked += c
    return out, checked


def _rows(family: str, problem: _Problem) -> list[_Row]:
    """A family's published sums over the atoms its nested shown cells leave, and for the
    respondents the lower bound of one person in a listed group."""
    rows = [_Row(rest, family, None, v, v, o, tuple(ch)) for rest, v, o, ch in problem.rows]
    rows += [_Row(rest, family, None, low, math.inf) for rest, low in problem.lower.items()]
    return [row for row in rows if row.atoms]


def _solve_targets(
    releases: Sequence[Release],
    width: Mapping[str, int],
    rows: Sequence[_Row],
    targets: Sequence[_Target],
) -> tuple[list[tuple[Violation, list[tuple[int, int, str]]]], int]:
    """Split rows and targets into independent pieces and check every target."""
    if not targets:
        return [], 0
    uf = _UnionFind()
    for row in rows:
        uf.union(row.atoms)
    for target in targets:
        uf.union(target.atoms)
    row_pieces: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        row_pieces[uf.find(next(iter(row.atoms)))].append(row)
    target_pieces: dict[int, list[_Target]] = defaultdict(list)
    for target in targets:
        target_pieces[uf.find(next(iter(target.atoms)))].append(target)
    out: list[tuple[Violation, list[tuple[int, int, str]]]] = []
    highs = _highs()
    for root, piece_targets in target_pieces.items():
        piece_rows = row_pieces.get(root, [])
        model = _JointModel(highs, width, piece_rows, piece_targets)
        for target in piece_targets:
            violation = model.check(releases, target)
            if violation is not None:
                around = list(target.around)
                if target.pooled:
                    blame = _blame(around, target.cell)
                else:
                    owned = [
                        (r.atoms, 0, r.owner, list(r.children))
                        for r in piece_rows
                        if r.owner is not None
                    ]
                    blame = _blame_piece(list(range(len(owned))), owned, around)
                out.append((violation, blame))
    return out, len(targets)


def _node_of(releases: Sequence[Release], cell: _Cell) -> NodeKey:
    r, node = (cell.hidden_in or cell.shown_in)[0]
    return (r, *releases[r].nodes[node])  # type: ignore[return-value]


def _key(v: Violation) -> tuple[Any, ...]:
    return v.family, v.report, v.group, v.wave, v.breakdown


def _option_width(problem: _Problem) -> int:
    """How many options an item family's cells carry, when its shown cells cross (else 1: its
    options can tell nothing its counts do not)."""
    if not problem.crossings:
        return 1
    return max((len(c.options) for c in problem.cells.values() if c.options is not None), default=1)


def _option_rows(releases: Sequence[Release], family: str, problem: _Problem) -> list[_Row]:
    """Each option's count over the atoms that the shown cells nested inside a cell leave."""
    out: list[_Row] = []
    for _, _, owner, children in problem.rows:
        if owner.options is None:
            continue
        known = [c.options for c in children if c.options is not None]
        rest = owner.atoms.difference(*(c.atoms for c in children if c.options is not None))
        for o, count in enumerate(owner.options):
            value = count - sum(k[o] for k in known if o < len(k))
            if value < 0 or (not rest and value):
                r, node = owner.shown_in[0]
                raise AuditError(
                    f"{_where(releases, r, node)} ({family}): its count of option {o + 1} and the "
                    "shown counts inside it contradict each other: are all the reports of the "
                    "same data?"
                )
            if rest:
                inside = tuple(c for c in children if c.options is not None)
                out.append(_Row(rest, family, o, value, value, owner, inside))
    return out


def _hidden_targets(releases: Sequence[Release], family: str, problem: _Problem) -> list[_Target]:
    k_all = max(r.min_group_size for r in releases)
    return [
        _Target(rest, family, offset, cell.k or k_all, cell, False, tuple(inside))
        for cell, offset, rest, inside in problem.hidden
        if rest
    ]


def _pool_targets(releases: Sequence[Release], family: str, problem: _Problem) -> list[_Target]:
    """For every shown cell, the pool its shown cells of every release leave: where those
    overlap, no subtraction gives it, but the attacker's solver may."""
    shown = [c for c in problem.cells.values() if c.value is not None]
    by_atom: dict[int, list[_Cell]] = defaultdict(list)
    for c in shown:
        for a in c.atoms:
            by_atom[a].append(c)
    exact = {rest for rest, *_ in problem.pools}
    seen: set[frozenset[int]] = set()
    out: list[_Target] = []
    for owner in shown:
        inside = {id(c): c for a in owner.atoms for c in by_atom[a] if c.atoms < owner.atoms}
        if not inside:
            continue
        rest = owner.atoms.difference(*(c.atoms for c in inside.values()))
        if not rest or rest in exact or rest in seen:
            continue
        seen.add(rest)
        k = max(releases[r].min_group_size for r, _ in owner.shown_in)
        out.append(_Target(rest, family, 0, k, owner, True, tuple(inside.values())))
    return out


class _JointModel:
    """One piece of :func:`_together`'s system in HiGHS: the respondents of each atom, and for
    each item the people of each atom who chose each option (or answered, when its options are
    not needed), at most the atom's respondents."""

    def __init__(
        self,
        highs: Any,
        width: Mapping[str, int],
        rows: Sequence[_Row],
        targets: Sequence[_Target],
    ) -> None:
        import numpy as np

        atoms = sorted(
            {a for row in rows for a in row.atoms} | {a for t in targets for a in t.atoms}
        )
        families = sorted({row.family for row in rows} | {t.family for t in targets})
        families = [f for f in families if f != RESPONDENTS]
        self._col: dict[tuple[str, int, int], int] = {}
        for a in atoms:
            self._col[(RESPONDENTS, a, 0)] = len(self._col)
        for f in families:
            for a in atoms:
                for o in range(width.get(f, 1)):
                    self._col[(f, a, o)] = len(self._col)
        self._width = width
        data_r: list[int] = []
        data_c: list[int] = []
        coef: list[float] = []
        lo_b: list[float] = []
        hi_b: list[float] = []
        for r, row in enumerate(rows):
            cols = self._columns(row.family, row.atoms, row.option)
            data_r += [r] * len(cols)
            data_c += cols
            coef += [1.0] * len(cols)
            lo_b.append(row.low)
            hi_b.append(row.high)
        r = len(rows)
        for f in families:
            for a in atoms:  # an item's answers in an atom are at most its respondents
                cols = self._columns(f, frozenset([a]), None)
                data_r += [r] * (len(cols) + 1)
                data_c += [*cols, self._col[(RESPONDENTS, a, 0)]]
                coef += [1.0] * len(cols) + [-1.0]
                lo_b.append(-np.inf)
                hi_b.append(0.0)
                r += 1
        self._solve = _Solver(
            highs,
            (np.array(data_r), np.array(data_c), np.array(coef)),
            (r, len(self._col)),
            np.array(lo_b, dtype=float),
            np.array(hi_b, dtype=float),
        )
        if width:
            self._solve.mip_seconds = _OPTION_SECONDS

    def _columns(self, family: str, atoms: Iterable[int], option: int | None) -> list[int]:
        if family == RESPONDENTS:
            return [self._col[(family, a, 0)] for a in atoms]
        chosen = range(self._width.get(family, 1)) if option is None else [option]
        return [self._col[(family, a, o)] for a in atoms for o in chosen]

    def check(self, releases: Sequence[Release], target: _Target) -> Violation | None:
        """The breach of G1 to G3 that ``target``'s interval makes, if any."""
        objective = self._columns(target.family, target.atoms, None)
        high = self._solve(objective, maximise=True)
        if high is None:
            return None
        hi = round(high) + target.offset
        if target.pooled and not 0 < hi < target.k:
            return None
        if not target.pooled and hi >= target.k:
            return None
        low = self._solve(objective, maximise=False)
        if low is None:
            return None
        lo = round(low) + target.offset
        people = target.family in (RESPONDENTS, ORGANISATIONAL)
        if target.pooled:
            if lo != hi:
                return None
            return _violation(
                "G1" if people else "G3", releases, target.family, target.cell, lo, hi, pooled=True
            )
        if hi - lo >= math.ceil(target.k / 2) or lo == hi == 0:
            return None
        return _violation("G2" if people else "G3", releases, target.family, target.cell, lo, hi)


def _blame_options(rows: Sequence[_Row]) -> list[tuple[int, int, str]]:
    """The shown item cells whose distributions the piece uses: hiding a node's items removes
    them (nested cells first, smallest first, then the cells around them)."""
    children: dict[int, _Cell] = {}
    owners: dict[int, _Cell] = {}
    for row in rows:
        if row.option is None or row.owner is None:
            continue
        owners[id(row.owner)] = row.owner
        for c in row.children:
            children[id(c)] = c
    order = sorted(children.values(), key=lambda c: (c.value or 0, -len(c.atoms)))
    order += sorted(owners.values(), key=lambda c: (c.value or 0, len(c.atoms)))
    seen: set[tuple[int, int]] = set()
    out = []
    for c in order:
        for where in c.shown_in:
            if where not in seen:
                seen.add(where)
                out.append((*where, ITEMS))
    return out


def _highs() -> Any:
    """A HiGHS solver set up for the audit's small, re-solved pieces."""
    import highspy

    # highspy.Highs() prints HiGHS's banner to standard output as it is built, before
    # output_flag can be set (ERGO-Code/HiGHS#1932), which would corrupt a report written
    # to standard output; the core class it wraps waits for the option.
    h = highspy._core._Highs()
    h.setOptionValue("output_flag", False)
    # Each piece is solved again for every hidden cell, a new objective on the same
    # system: without presolve HiGHS starts from the last basis instead of reducing the
    # model afresh; a new objective leaves that basis feasible, which is the primal
    # simplex's starting point; and pieces of a few dozen columns gain nothing from threads.
    # Together about 0.75 of the audit's time (the same optima). The number of threads is
    # left alone: HiGHS runs one scheduler per process, and a solver asking for another
    # number than the first one made it with fails ("Not Set") whenever anything else in
    # the process (scipy, the tests' own attacker) solved first.
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)  # primal
    return h


class _Solver:
    """One piece's linear system in HiGHS, solved again for each objective (warm started).

    The sums of a hierarchy, and of two hierarchies that cross, make a totally unimodular
    system, whose linear optimum is already a whole number; the integer program is solved only
    when it is not.
    """

    def __init__(
        self,
        h: Any,
        entries: tuple[Any, Any, Any],
        shape: tuple[int, int],
        lower: Any,
        upper: Any,
    ) -> None:
        import highspy
        import numpy as np

        self._highspy = highspy
        rows, cols, values = entries
        n_rows, n = shape
        order = np.lexsort((rows, cols))
        starts = np.searchsorted(cols[order], np.arange(n + 1)) if n else np.zeros(1)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = n_rows
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, inf)
        lp.row_lower_ = np.where(np.isfinite(lower), lower, -inf)
        lp.row_upper_ = np.where(np.isfinite(upper), upper, inf)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.asarray(rows, dtype=np.int32)[order]
        lp.a_matrix_.value_ = np.asarray(values, dtype=float)[order]
        lp.a_matrix_.num_col_ = n
        lp.a_matrix_.num_row_ = n_rows
        h.passModel(lp)
        self._h = h
        self._n = n
        self._cost = np.zeros(n)
        self.mip_seconds: float | None = None

    def __call__(self, objective: list[int], *, maximise: bool) -> float | None:
        """The largest (or smallest) sum of the ``objective`` columns; None if infeasible."""
        import numpy as np

        hs, h = self._highspy, self._h
        cost = np.zeros(self._n)
        cost[objective] = 1.0
        h.changeColsCost(self._n, np.arange(self._n, dtype=np.int32), cost)
        h.changeObjectiveSense(hs.ObjSense.kMaximize if maximise else hs.ObjSense.kMinimize)
        value = self._run()
        if value is None or math.isinf(value):
            return value
        # The linear optimum is the attacker's only when it is reached at whole numbers of
        # people: a whole objective at a fractional point may lie beyond every integer one.
        point = np.asarray(h.getSolution().col_value)
        if np.all(np.abs(point - np.round(point)) < 1e-6):
            return float(round(value))
        every = np.arange(self._n, dtype=np.int32)
        h.changeColsIntegrality(
            self._n, every, np.full(self._n, hs.HighsVarType.kInteger, dtype=np.uint8)
        )
        try:
            if self.mip_seconds is None:
                return self._run()
            # A system of option counts is not unimodular and its integer program can take
            # long: after the time allowed, the solver's bound (never tighter than the true
            # optimum) stands in for it.
            h.setOptionValue("time_limit", self.mip_seconds)
            h.setOptionValue("presolve", "on")
            h.run()
            if h.getModelStatus() == hs.HighsModelStatus.kTimeLimit:
                bound = float(h.getInfo().mip_dual_bound)
                return math.floor(bound + 1e-6) if maximise else math.ceil(bound - 1e-6)
            return self._decided()
        finally:
            h.setOptionValue("time_limit", math.inf)
            h.setOptionValue("presolve", "off")
            h.changeColsIntegrality(
                self._n, every, np.full(self._n, hs.HighsVarType.kContinuous, dtype=np.uint8)
            )

    def _run(self) -> float | None:
        self._h.run()
        return self._decided()

    def _decided(self) -> float | None:
        hs, h = self._highspy, self._h
        status = h.getModelStatus()
        decided = (
            hs.HighsModelStatus.kOptimal,
            hs.HighsModelStatus.kInfeasible,
            hs.HighsModelStatus.kUnbounded,
            hs.HighsModelStatus.kUnboundedOrInfeasible,
        )
        if status not in decided:
            # Warm started from the last objective, HiGHS can stop undecided ("Unknown") on a
            # system with nothing published to bound it; from a cold start it decides.
            h.clearSolver()
            h.run()
            status = h.getModelStatus()
        if status not in decided:
            raise AuditError(
                f"the privacy audit could not be completed (the solver stopped with "
                f"{h.modelStatusToString(status)!r}); nothing was published"
            )
        if status == hs.HighsModelStatus.kOptimal:
            return float(h.getInfo().objective_function_value)
        if status in (hs.HighsModelStatus.kUnbounded, hs.HighsModelStatus.kUnboundedOrInfeasible):
            return math.inf
        raise AuditError(
            "the published figures contradict each other: are all the reports of the same data?"
        )


def _blame(children: list[_Cell], owner: _Cell) -> list[tuple[int, int, str]]:
    """Shown cells to hide to widen a pool: the shown nested cells, smallest first, then the
    cell around them."""
    order = sorted(children, key=lambda c: (c.value or 0, -len(c.atoms)))
    return [(r, node, c.family) for c in [*order, owner] for r, node in c.shown_in]


def _blame_piece(
    row_ids: list[int],
    rows: list[tuple[frozenset[int], int, _Cell, list[_Cell]]],
    inside: list[_Cell],
) -> list[tuple[int, int, str]]:
    """Shown cells whose hiding would widen a piece: the nested shown cells that its pools
    subtract (smallest first), then the shown cells the pools belong to."""
    candidates: dict[int, _Cell] = {}
    owners: dict[int, _Cell] = {}
    for i in row_ids:
        _, _, owner, children = rows[i]
        for c in children:
            candidates[id(c)] = c
        owners[id(owner)] = owner
    for c in inside:
        candidates[id(c)] = c
    order = sorted(candidates.values(), key=lambda c: (c.value or 0, -len(c.atoms)))
    order += sorted(owners.values(), key=lambda c: (c.value or 0, len(c.atoms)))
    return [(r, node, c.family) for c in order for r, node in c.shown_in]


def _violation(
    rule: str,
    releases: Sequence[Release],
    family: str,
    cell: _Cell,
    low: int,
    high: int,
    *,
    pooled: bool = False,
) -> Violation:
    r, node = (cell.hidden_in or cell.shown_in)[0]
    group, wave, breakdown = releases[r].nodes[node]
    return Violation(
        rule=rule,
        report=r,
        family=family,
        group=group,
        wave=wave,
        breakdown=breakdown,
        low=low,
        high=high,
        pooled=pooled,
    )
