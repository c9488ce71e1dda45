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

The parts, one concept each: :mod:`.model` (a release and a violation), :mod:`.reading`
(a release from a JSON report or from results), :mod:`._lattice` (atoms, cells and the pools
of nested shown cells), :mod:`._solver` (HiGHS), :mod:`._families` (one family solved piece by
piece, and blame), :mod:`._together` (what several releases give away together) and
:mod:`._nested` (one release solved exactly on the tree of its cells, without HiGHS).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._families import _mirrors, _solve_family
from ._lattice import _blocks as _blocks
from ._lattice import _cells, _join, _Problem, _problem
from ._nested import findings as _tree_findings
from ._together import ITEMS as ITEMS
from ._together import _together
from .model import ORGANISATIONAL, RESPONDENTS, AuditError, Found, Release, Violation
from .model import NodeKey as NodeKey
from .reading import release_from_report, release_from_results

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

    One release whose cells nest is solved on its tree (:mod:`._nested`), unless ``tree`` is
    False; anything else by the linear programs."""
    out = _Findings()
    if not releases:
        return out
    fast = _tree_findings(releases[0]) if tree and len(releases) == 1 else None
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
