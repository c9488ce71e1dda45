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
            values[index[key]] = None if cell.get("suppressed") else _responders(cell, where)
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
        total=total,
    )


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
    return Release(
        levels=results.levels,
        leaves=results.hierarchy,
        breakdown=results.breakdown,
        filters=results.filters,
        min_group_size=results.min_group_size,
        nodes=nodes,
        families=families,
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


def _reduce(cells: Iterable[_Cell]) -> _Reduced:
    shown = sorted((c for c in cells if c.value is not None), key=lambda c: len(c.atoms))
    top: dict[int, _Cell] = {}
    chains: dict[int, list[_Cell]] = defaultdict(list)
    rows: list[tuple[frozenset[int], int, _Cell, list[_Cell]]] = []
    for i, cell in enumerate(shown):
        tops = {id(top[a]): top[a] for a in cell.atoms if a in top}
        if all(t.atoms <= cell.atoms for t in tops.values()):
            children = list(tops.values())
            rest = frozenset(a for a in cell.atoms if a not in top)
            for a in cell.atoms:
                top[a] = cell
                chains[a].append(cell)
        else:
            # Crosses a nested cell (a filtered report beside an unfiltered one, two groupings):
            # it stays out of the chains, but the shown cells inside it still leave a pool, which
            # G1 must see (everyone in a team less its doctors is its other staff).
            children = _disjoint_inside(cell, shown[:i])
            rest = cell.atoms.difference(*(c.atoms for c in children))
        value = cell.value - sum(c.value or 0 for c in children)  # type: ignore[operator]
        rows.append((rest, value, cell, children))
    return _Reduced(rows=rows, chains=chains)


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
        mine = [c for c in shown if any(r_ == r for r_, _ in c.shown_in)]
        for owner in shown:
            inside = [c for c in mine if c.atoms < owner.atoms]
            children = [c for c in inside if not any(c.atoms < d.atoms for d in inside)]
            covered = frozenset().union(*(c.atoms for c in children))
            if not children or sum(len(c.atoms) for c in children) != len(covered):
                continue
            value = owner.value - sum(c.value or 0 for c in children)  # type: ignore[operator]
            out.append((owner.atoms - covered, value, owner, children))
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


def _audit(
    releases: Sequence[Release],
) -> tuple[list[tuple[Violation, list[tuple[int, int, str]]]], int]:
    """Violations with, for each, the shown cells whose hiding would widen it (release, node,
    family), nearest first."""
    if not releases:
        return [], 0
    found: list[tuple[Violation, list[tuple[int, int, str]]]] = []
    checked = 0
    blocks = [_blocks(r) for r in releases]
    atoms = _join([b[0] for b in blocks])
    members = [b[1] for b in blocks]
    respondents = _cells(releases, RESPONDENTS, atoms, members)
    x_problem = _problem(respondents, len(atoms), listed_at_least_one=True)
    f, c = _solve_family(releases, RESPONDENTS, x_problem, None)
    found += f
    checked += c
    families = sorted({name for r in releases for name in r.families if name != RESPONDENTS})
    for name in families:
        cells = _cells(releases, name, atoms, members)
        if _mirrors(cells, respondents):
            continue  # every shown cell counts everyone, hidden where the group is: nothing new
        problem = _problem(cells, len(atoms), listed_at_least_one=False)
        f, c = _solve_family(releases, name, problem, x_problem)
        found += f
        checked += c
    orgs = [r.organisational for r in releases if r.organisational is not None]
    if orgs:
        org_found, org_checked = _audit(orgs)
        index = [i for i, r in enumerate(releases) if r.organisational is not None]
        for v, blame in org_found:
            found.append(
                (
                    attrs.evolve(v, report=index[v.report], family=ORGANISATIONAL),
                    [(index[r], node, ORGANISATIONAL) for r, node, _ in blame],
                )
            )
        checked += org_checked
    return found, checked


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
    # Together about 0.75 of the audit's time (the same optima).
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)  # primal
    h.setOptionValue("threads", 1)
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
        value = self._run()
        h.changeColsIntegrality(
            self._n, every, np.full(self._n, hs.HighsVarType.kContinuous, dtype=np.uint8)
        )
        return value

    def _run(self) -> float | None:
        hs, h = self._highspy, self._h
        h.run()
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
