"""One family of counts (the respondents, or one item's answers) solved by the linear
programs, piece by piece: G1 (G3) on the pools that shown cells leave inside shown cells, G2
(G3) on every hidden cell's interval, and the shown cells whose hiding would widen each."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from ._lattice import _Cell, _Problem, _UnionFind
from ._solver import _highs, _Solver
from .model import ORGANISATIONAL, RESPONDENTS, AuditError, Found, Release, Violation, _where


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
) -> tuple[Found, int]:
    """Split one family into independent pieces and solve each hidden cell's interval."""
    found = _pool_findings(releases, family, problem)
    if not problem.hidden:
        return found, 0
    pieces = _Pieces(problem, x_problem)
    checked = 0
    highs = None  # one solver for every piece of the family, each piece's model passed in turn
    for root, hidden_ids in pieces.hidden.items():
        if highs is None:
            highs = _highs()
        solve, col = pieces.solver(highs, root)
        for h in hidden_ids:
            checked += 1
            got = _check_hidden(releases, family, problem.hidden[h], solve, col)
            if got is not None:
                blame = _blame_piece(pieces.rows[root], pieces.all_rows, problem.hidden[h][3])
                found.append((got, blame))
    return found, checked


def _pool_findings(releases: Sequence[Release], family: str, problem: _Problem) -> Found:
    """G1 (G3) on the pools: a shown cell minus the shown cells inside it is the pool of the
    hidden ones."""
    rule = "G1" if family in (RESPONDENTS, ORGANISATIONAL) else "G3"
    found: Found = []
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
    return found


def _check_hidden(
    releases: Sequence[Release],
    family: str,
    hidden: tuple[_Cell, int, frozenset[int], list[_Cell]],
    solve: _Solver,
    col: Mapping[int, int],
) -> Violation | None:
    """G2 (G3) on one hidden cell: the breach its interval makes, if any."""
    cell, offset, rest, _ = hidden
    k = cell.k or max(r_.min_group_size for r_ in releases)
    objective = [col[a] for a in rest]
    try:
        high = solve(objective, maximise=True)
    except AuditError as exc:  # no count fits: say where the solver found out
        r_, node = (cell.hidden_in or cell.shown_in)[0]
        raise AuditError(f"{_where(releases, r_, node)}: {exc}") from None
    if high is None or high + offset >= k:
        return None
    low = solve(objective, maximise=False)
    if low is None:
        return None
    lo, hi = round(low) + offset, round(high) + offset
    narrow = hi - lo < math.ceil(k / 2)
    if not (hi < k and narrow and not (lo == hi == 0)):
        return None
    v_rule = "G2" if family in (RESPONDENTS, ORGANISATIONAL) else "G3"
    return _violation(v_rule, releases, family, cell, lo, hi)


Row = tuple[frozenset[int], int, _Cell, list[_Cell]]


class _Pieces:
    """One family's system split into independent pieces. Its variables are the family's
    atoms, then (for items) the respondents' atoms, shifted by ``n_atoms``, with y <= x."""

    def __init__(self, problem: _Problem, x_problem: _Problem | None) -> None:
        self.problem = problem
        self.coupled = x_problem is not None
        uf = _UnionFind()
        for rest, _, _, _ in problem.rows:
            uf.union(rest)
        for _, _, rest, _ in problem.hidden:
            uf.union(rest)
        n = problem.n_atoms
        x_rows: list[Row] = []
        lower_rows = list(problem.lower.items())
        if x_problem is not None:
            x_rows = [
                (frozenset(a + n for a in rest), v, o, ch) for rest, v, o, ch in x_problem.rows
            ]
            for rest, _, _, _ in x_rows:
                uf.union(rest)
            for a in range(n):
                uf.union((a, a + n))
            lower_rows += [
                (frozenset(a + n for a in rest), low) for rest, low in x_problem.lower.items()
            ]
        self.hidden: dict[int, list[int]] = defaultdict(list)
        for h, (_, _, rest, _) in enumerate(problem.hidden):
            if rest:
                self.hidden[uf.find(next(iter(rest)))].append(h)
        self.all_rows: list[Row] = [*problem.rows, *x_rows]
        self.lower_rows = lower_rows
        self.rows: dict[int, list[int]] = defaultdict(list)
        for i, (rest, _, _, _) in enumerate(self.all_rows):
            if rest:
                self.rows[uf.find(next(iter(rest)))].append(i)
        self.lower: dict[int, list[int]] = defaultdict(list)
        for i, (rest, _) in enumerate(lower_rows):
            self.lower[uf.find(next(iter(rest)))].append(i)

    def solver(self, highs: Any, root: int) -> tuple[_Solver, dict[int, int]]:
        """The piece's system in HiGHS, and each atom's column."""
        import numpy as np

        problem, n = self.problem, self.problem.n_atoms
        variables = sorted(
            {a for i in self.rows[root] for a in self.all_rows[i][0]}
            | {a for h in self.hidden[root] for a in problem.hidden[h][2]}
            | {a for i in self.lower[root] for a in self.lower_rows[i][0]}
        )
        if self.coupled:
            variables = sorted(
                set(variables)
                | {a + n for a in variables if a < n}
                | {a - n for a in variables if a >= n}
            )
        col = {a: j for j, a in enumerate(variables)}
        data_r: list[int] = []
        data_c: list[int] = []
        lo_b: list[float] = []
        hi_b: list[float] = []
        # The piece's published sums (each fixed), then its lower bounds (a listed group).
        sums: list[tuple[frozenset[int], float, float]] = [
            (self.all_rows[i][0], self.all_rows[i][1], self.all_rows[i][1]) for i in self.rows[root]
        ]
        sums += [(self.lower_rows[i][0], self.lower_rows[i][1], np.inf) for i in self.lower[root]]
        for r, (rest, low, high) in enumerate(sums):
            for a in rest:
                data_r.append(r)
                data_c.append(col[a])
            lo_b.append(low)
            hi_b.append(high)
        r = len(sums)
        coef = [1.0] * len(data_r)
        if self.coupled:
            for a in variables:
                if a < n:  # y_a - x_a <= 0
                    data_r += [r, r]
                    data_c += [col[a], col[a + n]]
                    coef += [1.0, -1.0]
                    lo_b.append(-np.inf)
                    hi_b.append(0)
                    r += 1
        solve = _Solver(
            highs,
            (np.array(data_r), np.array(data_c), np.array(coef)),
            (r, len(variables)),
            np.array(lo_b, dtype=float),
            np.array(hi_b, dtype=float),
        )
        return solve, col


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
    return Violation.at(
        releases[r].nodes[node],
        rule=rule,
        report=r,
        family=family,
        low=low,
        high=high,
        pooled=pooled,
    )
