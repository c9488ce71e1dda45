"""The lattice the linear programs work on: *atoms* (the finest cells that the releases
together distinguish: a wave, a leaf group of every report, a cross-tab value, inside or outside
a filter), the distinct cells each family of counts shows or hides over them, and the shown cells
nested in others subtracted (a parent less its shown children leaves the pool of its hidden
ones)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .model import RESPONDENTS, AuditError, Release, _where

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
        # A wave the report does not list had nobody inside the filter, but may have had
        # people outside it, whom another report shows: without a finest cell for them, the
        # cells of that wave in every other report would join none of this one's and drop out
        # of the audit (a filter to admins beside a report of a wave without admins).
        conds.append({"@wave": (frozenset(waves), True), **outside})
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
