"""What several releases give away together that their families solved one by one miss (see
:func:`_together`)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._families import _blame, _blame_piece, _violation
from ._lattice import _Cell, _Problem, _UnionFind
from ._solver import _highs, _Solver
from .model import (
    ORGANISATIONAL,
    RESPONDENTS,
    AuditError,
    Found,
    NodeKey,
    Release,
    Violation,
    _where,
)

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
