"""An independent attacker: what the published JSON reports of one set of data give away.

This is the referee of the privacy tests. It reads nothing but the reports (the dicts of
``report_json``, or the files of ``wellbeing report --format json``) and knows only what
``docs/privacy.md`` grants the reader: every figure of every report, the hierarchy and the names
of the groups, that a group listed in a report has at least one respondent (and a group missing
from a level none), and that every answer is one of the scale's options. It shares no code with
``analysis/audit/`` or ``aggregate.py`` on purpose: a mistake there must not be repeated here.

It writes one integer program per population (the staff; the leaders of an organisational
survey) and solves it with HiGHS (``highspy``) directly:

- the unknowns are, for every *atom* (a wave, one finest group of every report's hierarchy,
  one value of every cross-tab or filter column), its respondents ``x`` and, for every item and
  option, the respondents who chose that option ``y`` (``sum of y <= x``: the rest left the item
  blank);
- every published count is an equation over the atoms it covers: groups, cross-tab and filtered
  cells, item distributions and blanks, theme totals, the import block, the counts in the gap,
  the trends and the priorities; a listed group holds at least 1, an unlisted one 0.

Then it checks G1 to G3 as ``docs/privacy.md`` states them:

- every count printed (a group, an item's answers, the import's rows accepted, the counts in the
  gap, trends and priorities) is 0 or at least its report's minimum ``k``;
- every hidden cell's smallest and largest count (of respondents, or of people who answered the
  item) is not one value below ``k``, nor an interval wholly below ``k`` and narrower than
  ``ceil(k / 2)``; a hidden cell that is the sum of cells some report shows (less the groups a
  report shows empty) is published, not worked out, and is not checked;
- for every shown cell, the pool left when the shown cells inside it (of its own report, or of
  every report) are taken away is, if pinned, 0 or at least ``k``.

It also flags a score in the gap, trends or priorities that the table does not show, and a theme
shown where one of its items is hidden. It is written to be read, not to be fast: the examples
it referees are small.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The value of a cross-tab or filter column that no report names (the rows a filter leaves out).
OTHER = "<other>"
#: The family of respondent counts; an item's family is its reference.
RESPONDENTS = "respondents"

Node = tuple[tuple[str, ...], "str | None", tuple[tuple[str, str], ...]]
Row = dict[int, float]


class AttackerError(Exception):
    """The reports contradict each other: they are not of the same data, or the attacker has
    misread them."""


@dataclass(frozen=True)
class Finding:
    """One breach of G1 to G3, or a score published for a cell the table hides."""

    rule: str
    report: int
    what: str
    low: float
    high: float

    def __str__(self) -> str:
        span = f"{self.low:g}" if self.low == self.high else f"{self.low:g}..{self.high:g}"
        return f"{self.rule}: report {self.report + 1}: {self.what}: {span}"


# -- one population's unknowns and equations ----------------------------------------------------


@dataclass
class Population:
    """The atoms of one population, the linear system the reports make over them, and the
    cells to attack."""

    atoms: list[dict[str, str | None]]
    items: dict[str, tuple[str, ...]]  # item reference -> its options
    rows: list[tuple[Row, float, float]] = field(default_factory=list)
    # (report, k, description, family, atoms): the hidden cells; the shown ones add their count.
    hidden: list[tuple[int, int, str, str, frozenset[int]]] = field(default_factory=list)
    shown: list[tuple[int, int, str, str, frozenset[int], int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Atoms a published zero empties (a group missing from a level, say): a cell that differs
        # from another only by them is the same cell.
        self.empty: set[int] = set()
        self.unanswered: dict[str, set[int]] = {}  # the same for an item nobody answered
        self.y_base: dict[tuple[str, str], int] = {}
        offset = len(self.atoms)
        for ref, options in sorted(self.items.items()):
            for option in options:
                self.y_base[(ref, option)] = offset
                offset += len(self.atoms)
        self.n_vars = offset
        # An item's options, together, are chosen by at most the atom's respondents.
        for ref, options in self.items.items():
            for a in range(len(self.atoms)):
                row = {self.y_base[(ref, o)] + a: 1.0 for o in options}
                row[a] = -1.0
                self.rows.append((row, -math.inf, 0.0))

    def where(self, condition: Mapping[str, Any]) -> frozenset[int]:
        """The atoms matching a condition: attribute -> one value, or a frozenset of values."""
        return frozenset(
            a
            for a, atom in enumerate(self.atoms)
            if all(
                atom.get(key) in want if isinstance(want, frozenset) else atom.get(key) == want
                for key, want in condition.items()
            )
        )

    def count(self, family: str, atoms: Iterable[int], options: Iterable[str] = ()) -> Row:
        """The respondents of some atoms, or those who chose an item's options (all of them
        unless named)."""
        if family == RESPONDENTS:
            return dict.fromkeys(atoms, 1.0)
        chosen = tuple(options) or self.items[family]
        return {self.y_base[(family, o)] + a: 1.0 for o in chosen for a in atoms}

    def equal(self, row: Row, value: float) -> None:
        self.rows.append((row, value, value))
        if value == 0 and all(v < len(self.atoms) and c > 0 for v, c in row.items()):
            self.empty.update(row)

    def at_least(self, row: Row, value: float) -> None:
        self.rows.append((row, value, math.inf))


def _atoms(
    hierarchies: Iterable[tuple[tuple[str, ...], Iterable[tuple[str, ...]]]],
    waves: Iterable[str | None],
    dimensions: Mapping[str, set[str]],
) -> list[dict[str, str | None]]:
    """Every combination of a wave, a finest group of every hierarchy (agreeing where two name
    the same column) and a value of every dimension."""
    by_levels: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for levels, leaves in hierarchies:
        by_levels.setdefault(levels, set()).update(leaves)
    combos: list[dict[str, str | None]] = [{}]
    for levels, leaves in sorted(by_levels.items()):
        combos = [
            {**c, **dict(zip(levels, leaf, strict=True))}
            for c in combos
            for leaf in sorted(leaves)
            if all(c.get(level, value) == value for level, value in zip(levels, leaf, strict=True))
        ]
    names = sorted(dimensions)
    values = [sorted(dimensions[d] | {OTHER}) for d in names]
    ordered_waves = sorted(set(waves), key=lambda w: (w is not None, w or ""))
    return [
        {**c, "@wave": w, **dict(zip(names, v, strict=True))}
        for c in combos
        for w in ordered_waves
        for v in itertools.product(*values)
    ]


# -- what one report publishes about a population -----------------------------------------------


def _node(entry: Mapping[str, Any]) -> Node:
    return (
        tuple(entry["group"]),
        entry.get("wave"),
        tuple((str(d), str(v)) for d, v in entry.get("breakdown", [])),
    )


@dataclass
class Part:
    """What one report publishes about one population."""

    report: int
    levels: tuple[str, ...]
    leaves: set[tuple[str, ...]]
    waves: set[str | None]
    filters: dict[str, frozenset[str]]
    k: int
    groups: dict[Node, int | None]
    data: Mapping[str, Any]
    who: str = ""  # "leaders: " for the organisational survey

    @classmethod
    def of(cls, report: int, data: Mapping[str, Any], who: str = "") -> Part:
        filters: dict[str, set[str]] = {}
        for dim, value in data.get("filters", []):
            filters.setdefault(dim, set()).add(value)
        groups = {_node(g): g.get("n") for g in data.get("groups", [])}
        levels = tuple(data.get("levels", []))
        leaves = {tuple(p)[: len(levels)] for p in data.get("hierarchy", [])}
        leaves |= {n[0] for n in groups if len(n[0]) == len(levels)}
        waves = set(data.get("waves") or []) | {n[1] for n in groups}
        return cls(
            report=report,
            levels=levels,
            leaves=leaves or {()},
            waves=waves or {None},
            filters={d: frozenset(v) for d, v in filters.items()},
            k=int(data["min_group_size"]),
            groups=groups,
            data=data,
            who=who,
        )

    def condition(self, node: Node) -> dict[str, Any]:
        path, wave, combo = node
        cond: dict[str, Any] = {"@wave": wave, **dict(zip(self.levels, path, strict=False))}
        cond.update(self.filters)
        cond.update(dict(combo))
        return cond

    def describe(self, node: Node, family: str = RESPONDENTS) -> str:
        path, wave, combo = node
        text = self.who + (" / ".join(path) or "everyone")
        if wave is not None:
            text += f", wave {wave}"
        if combo:
            text += ", " + ", ".join(f"{d}={v}" for d, v in combo)
        if self.filters:
            text += ", where " + ", ".join(f"{d} in {sorted(v)}" for d, v in self.filters.items())
        return text if family == RESPONDENTS else f"{text} ({family})"


def _groups(pop: Population, part: Part) -> None:
    """A shown group holds its count, a hidden one at least 1; a group missing from a level
    (or a cross-tab value missing from a listed group) holds none."""
    for node, n in part.groups.items():
        atoms = pop.where(part.condition(node))
        cell = (part.report, part.k, part.describe(node), RESPONDENTS, atoms)
        if n is None:
            pop.at_least(pop.count(RESPONDENTS, atoms), 1)
            pop.hidden.append(cell)
        else:
            pop.equal(pop.count(RESPONDENTS, atoms), n)
            pop.shown.append((*cell, n))
    all_waves = {atom["@wave"] for atom in pop.atoms}
    depths = {len(n[0]) for n in part.groups if not n[2]}
    for path in {leaf[:d] for leaf in part.leaves for d in depths}:
        for wave in all_waves:
            if (path, wave, ()) not in part.groups:
                pop.equal(pop.count(RESPONDENTS, pop.where(part.condition((path, wave, ())))), 0)
    crossed = [n for n in part.groups if n[2]]
    if not crossed:
        return
    dims = [d for d, _ in crossed[0][2]]
    depth = len(crossed[0][0])
    values = [sorted({v for n in crossed for d2, v in n[2] if d2 == d} | {OTHER}) for d in dims]
    for path, wave, combo in list(part.groups):
        if combo or len(path) != depth:
            continue
        for chosen in itertools.product(*values):
            cell_node: Node = (path, wave, tuple(zip(dims, chosen, strict=True)))
            if cell_node not in part.groups:
                atoms = pop.where(part.condition(cell_node))
                pop.equal(pop.count(RESPONDENTS, atoms), 0)


def _import_block(pop: Population, part: Part, block: Mapping[str, Any] | None) -> None:
    """The rows accepted are every respondent of the file, in every wave, whatever the filter."""
    if block and block.get("rows_accepted") is not None:
        everyone = frozenset(range(len(pop.atoms)))
        pop.equal(pop.count(RESPONDENTS, everyone), block["rows_accepted"])
        accepted = block["rows_accepted"]
        what = part.who + "the import's rows accepted"
        pop.shown.append((part.report, part.k, what, RESPONDENTS, everyone, accepted))


def _cells(pop: Population, part: Part, distributions: bool) -> list[Finding]:
    """Item cells: each option's count (unless not ``distributions``), the answers and the
    blanks; theme cells: the sums of their items. A theme shown where one of its items is hidden
    carries that item's answers: a finding."""
    theme_items: dict[tuple[str, str], list[str]] = {}
    for e in part.data.get("elements", []):
        if e["kind"] == "item":
            theme_items.setdefault((e["theme"], e["scope"]), []).append(e["ref"])
    cells = part.data.get("cells", [])
    hidden_items = {
        (_node(c), c["element"]) for c in cells if c["kind"] == "item" and c["suppressed"]
    }
    findings = []
    for c in cells:
        node = _node(c)
        atoms = pop.where(part.condition(node))
        if c["kind"] == "item":
            ref = c["element"]
            cell = (part.report, part.k, part.describe(node, ref), ref, atoms)
            if c["suppressed"]:
                pop.hidden.append(cell)
                continue
            pop.shown.append((*cell, c["answered"] + c["unscored"]))
            for option, count in c["distribution"] if distributions else ():
                pop.equal(pop.count(ref, atoms, [option]), count)
            answers = pop.count(ref, atoms)
            pop.equal(answers, c["answered"] + c["unscored"])
            if c["answered"] + c["unscored"] == 0:
                pop.unanswered.setdefault(ref, set()).update(atoms)
            blanks = {**pop.count(RESPONDENTS, atoms), **dict.fromkeys(answers, -1.0)}
            pop.equal(blanks, c["missing"])
        elif not c["suppressed"]:
            members = theme_items.get((c["element"], c["scope"]), [])
            if not members:
                continue  # a report without item cells: its themes are not used
            answers = {}
            for ref in members:
                answers.update(pop.count(ref, atoms))
            pop.equal(answers, c["answered"] + c["unscored"])
            blanks = {a: float(len(members)) for a in atoms}
            pop.equal({**blanks, **dict.fromkeys(answers, -1.0)}, c["missing"])
            hidden = [ref for ref in members if (node, ref) in hidden_items]
            if hidden:
                what = f"{c['element']} shown although {', '.join(hidden)} is hidden"
                findings.append(
                    Finding(
                        "G3", part.report, part.describe(node, what), c["answered"], c["answered"]
                    )
                )
    return findings


def _derived(pop: Population, part: Part) -> list[Finding]:
    """The gap, the trends and the priorities: their counts are equations, and every score they
    give must be one the table shows, or it is the score of a hidden cell."""
    data = part.data
    shown = {
        (_node(c), c["element"]): c["normalised"]
        for c in data.get("cells", [])
        if not c["suppressed"] and c.get("normalised") is not None
    }
    figures: list[tuple[Node, str, float | None, int | None, str]] = []
    for t in data.get("trends", []):
        group = tuple(t["group"])
        figures.append(
            ((group, t["from_wave"], ()), t["element"], t["before"], t["n_before"], "trend")
        )
        figures.append(((group, t["to_wave"], ()), t["element"], t["after"], t["n_after"], "trend"))
    for g in data.get("gap", []):
        node: Node = (tuple(g["group"]), g.get("wave"), ())
        figures.append((node, g["theme"], g.get("individual"), g.get("n_individual"), "gap"))
    p = data.get("priorities")
    if p:
        node = (tuple(p["group"]), p.get("wave"), ())
        for entry in [*p.get("themes", []), *p.get("items", [])]:
            figures.append((node, entry["element"], entry["normalised"], entry["n"], "priority"))
    findings = []
    for node, element, score, n, where in figures:
        if n is not None:
            atoms = pop.where(part.condition(node))
            pop.equal(pop.count(RESPONDENTS, atoms), n)
            what = part.describe(node) + f" (respondents in the {where})"
            pop.shown.append((part.report, part.k, what, RESPONDENTS, atoms, n))
        known = shown.get((node, element))
        if score is not None and (known is None or not math.isclose(known, score)):
            what = f"the {where} gives a score of {element} that the table does not show"
            findings.append(Finding("G3", part.report, part.describe(node, what), score, score))
    return findings


# -- the two populations ------------------------------------------------------------------------


def _staff(
    reports: Sequence[Mapping[str, Any]], distributions: bool
) -> tuple[Population, list[Finding]]:
    parts = [Part.of(i, r) for i, r in enumerate(reports)]
    dims: dict[str, set[str]] = {}
    for r in reports:
        for dim in r.get("breakdown", []):
            dims.setdefault(dim, set())
        for dim, value in r.get("filters", []):
            dims.setdefault(dim, set()).add(value)
        for g in r.get("groups", []):
            for dim, value in g.get("breakdown", []):
                dims.setdefault(dim, set()).add(value)
    items = {
        e["ref"]: tuple(e["options"])
        for r in reports
        for e in r.get("elements", [])
        if e["kind"] == "item"
    }
    waves = {w for p in parts for w in p.waves}
    pop = Population(_atoms(((p.levels, p.leaves) for p in parts), waves, dims), items)
    findings: list[Finding] = []
    for part in parts:
        _groups(pop, part)
        _import_block(pop, part, part.data.get("import"))
        findings += _cells(pop, part, distributions)
        findings += _derived(pop, part)
    return pop, findings


def _leaders(reports: Sequence[Mapping[str, Any]]) -> tuple[Population, list[Finding]] | None:
    """The organisational survey: leaders answering one by one are people too. Their groups, the
    import of their file and the counts in the gap."""
    parts = []
    for i, r in enumerate(reports):
        org = r.get("organisational")
        if org and org.get("mode") == "survey":
            parts.append(Part.of(i, org, who="leaders: "))
    if not parts:
        return None
    waves = {w for p in parts for w in p.waves}
    pop = Population(_atoms(((p.levels, p.leaves) for p in parts), waves, {}), {})
    findings = []
    for part in parts:
        _groups(pop, part)
        _import_block(pop, part, reports[part.report].get("organisational_import"))
        for g in reports[part.report].get("gap", []):
            path = tuple(g.get("organisational_group") or ())
            node = next(
                (n for n in ((path, g.get("wave"), ()), (path, None, ())) if n in part.groups), None
            )
            if node is None:
                continue
            n = g.get("n_organisational")
            if n is not None:
                atoms = pop.where(part.condition(node))
                pop.equal(pop.count(RESPONDENTS, atoms), n)
                what = part.describe(node) + " (leaders in the gap)"
                pop.shown.append((part.report, part.k, what, RESPONDENTS, atoms, n))
            if g.get("organisational") is not None and part.groups[node] is None:
                what = "the gap gives the organisational score of a hidden group"
                findings.append(
                    Finding("G1", part.report, part.describe(node) + f" ({what})", 0, 0)
                )
    return pop, findings


# -- solving ------------------------------------------------------------------------------------


class Solver:
    """The population's integer program in HiGHS, solved for one objective after another.

    Each objective is solved as a linear program first; when its optimal point is whole, that is
    the integer optimum too. Only otherwise is the integer program solved (the sums of a
    hierarchy mostly give whole vertices, so this is much quicker and still exact).
    """

    def __init__(self, pop: Population) -> None:
        import highspy
        import numpy as np

        self._hs = highspy
        self._np = np
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        # Counts are whole numbers: a relative gap would let a maximum of 9.0004 stand for 9.
        h.setOptionValue("mip_rel_gap", 0.0)
        n = pop.n_vars
        inf = highspy.kHighsInf
        h.addVars(n, np.zeros(n), np.full(n, inf))
        for row, low, high in pop.rows:
            if not row:
                if low > 0 or high < 0:
                    raise AttackerError("a published count of a group with no atoms is not 0")
                continue
            index = np.array(sorted(row), dtype=np.int32)
            values = np.array([row[i] for i in index.tolist()], dtype=float)
            lower = -inf if low == -math.inf else low
            h.addRow(lower, inf if high == math.inf else high, len(index), index, values)
        self._h = h
        self._n = n
        self._all = np.arange(n, dtype=np.int32)

    def bound(self, objective: Row, *, maximise: bool) -> float:
        """The largest (or smallest) value of a sum of unknowns; infinity when unbounded."""
        hs, np, h = self._hs, self._np, self._h
        cost = np.zeros(self._n)
        for var, coef in objective.items():
            cost[var] = coef
        h.changeColsCost(self._n, self._all, cost)
        h.changeObjectiveSense(hs.ObjSense.kMaximize if maximise else hs.ObjSense.kMinimize)
        value = self._run()
        if value is None:
            return math.inf
        point = np.asarray(h.getSolution().col_value)
        if np.abs(point - np.round(point)).max(initial=0.0) < 1e-7:
            return round(value)
        kind = np.full(self._n, hs.HighsVarType.kInteger, dtype=np.uint8)
        h.changeColsIntegrality(self._n, self._all, kind)
        try:
            value = self._run()
        finally:
            kind[:] = hs.HighsVarType.kContinuous
            h.changeColsIntegrality(self._n, self._all, kind)
        return math.inf if value is None else round(value)

    def _run(self) -> float | None:
        """The optimum, or None when unbounded."""
        hs, h = self._hs, self._h
        h.run()
        status = h.getModelStatus()
        if status == hs.HighsModelStatus.kUnknown:
            # Warm started from the last objective, HiGHS can stop undecided on a system with
            # nothing to bound the new one; from a cold start it decides.
            h.clearSolver()
            h.run()
            status = h.getModelStatus()
        if status == hs.HighsModelStatus.kOptimal:
            return float(h.getInfo().objective_function_value)
        if status in (hs.HighsModelStatus.kUnbounded, hs.HighsModelStatus.kUnboundedOrInfeasible):
            return None
        raise AttackerError(
            f"the published figures have no solution ({h.modelStatusToString(status)})"
        )


def _published(pop: Population, family: str, atoms: frozenset[int]) -> bool:
    """Whether a cell is the sum of cells that some report shows: then it is published (each
    report's own minimum let its cells through), not worked out."""
    inside = [a for *_, f, a, _ in pop.shown if f == family and a and a <= atoms]
    left = set(atoms)
    for a in sorted(inside, key=len, reverse=True):
        if a <= left:
            left -= a
    return not left


def _check(pop: Population) -> list[Finding]:
    """G2/G3 for every hidden cell, G1 for every pool of hidden parts inside a shown cell."""
    solve = Solver(pop)
    findings = []

    def live(family: str, atoms: frozenset[int]) -> frozenset[int]:
        return atoms - pop.empty - pop.unanswered.get(family, set())

    pop.hidden = [(r, k, w, f, live(f, atoms)) for r, k, w, f, atoms in pop.hidden]
    pop.shown = [(r, k, w, f, live(f, atoms), n) for r, k, w, f, atoms, n in pop.shown]
    # G1 (G3 for items) on what is printed: a shown count is 0 or at least its report's k.
    for report, k, what, family, _, n in pop.shown:
        if 0 < n < k:
            findings.append(Finding("G1" if family == RESPONDENTS else "G3", report, what, n, n))
    # A cell one report lists as its own is protected at that report's minimum: another report
    # with a larger one cannot make it worse than the first already allowed.
    own_k: dict[frozenset[int], int] = {}
    for _, k, _, _, atoms, *_ in [*pop.hidden, *pop.shown]:
        own_k[atoms] = min(k, own_k.get(atoms, k))
    bounds: dict[tuple[str, frozenset[int], bool], float] = {}

    def bound(family: str, atoms: frozenset[int], maximise: bool) -> float:
        key = (family, atoms, maximise)
        if key not in bounds:
            bounds[key] = solve.bound(pop.count(family, atoms), maximise=maximise)
        return bounds[key]

    # G2 (respondents) and G3 (an item's answered count): no hidden cell pinned below k, or
    # squeezed into an interval wholly below k and narrower than ceil(k / 2).
    for report, k, what, family, atoms in pop.hidden:
        k = min(k, own_k[atoms])
        if _published(pop, family, atoms):
            continue
        high = bound(family, atoms, True)
        if high >= k:
            continue
        low = bound(family, atoms, False)
        if high - low < math.ceil(k / 2) and not low == high == 0:
            rule = "G2" if family == RESPONDENTS else "G3"
            findings.append(Finding(rule, report, f"hidden {what}", low, high))
    # G1 (and G3 for items): a shown cell less the shown cells inside it, of its own report or
    # of every report, leaves a pool of hidden parts; if that pool is pinned, it is 0 or >= k.
    reports = sorted({r for r, *_ in pop.shown})
    pools: set[tuple[str, frozenset[int]]] = set()
    for report, k, what, family, atoms, _ in pop.shown:
        for among in ([report], reports):
            inside = [
                a for r, _, _, f, a, _ in pop.shown if f == family and r in among and a < atoms
            ]
            rest = atoms - frozenset().union(*inside) if inside else frozenset()
            if not rest or (family, rest) in pools:
                continue
            if among != reports and any(f == family and a <= rest for *_, f, a, _ in pop.shown):
                continue  # holds a cell another report shows: the pool of every report is finer
            pools.add((family, rest))
            k_rest = min(k, own_k.get(rest, k))
            high = bound(family, rest, True)
            if not 0 < high < k_rest:
                continue
            low = bound(family, rest, False)
            if low == high:
                rule = "G1" if family == RESPONDENTS else "G3"
                text = f"{what}: the hidden cells inside it pool to exactly"
                findings.append(Finding(rule, report, text, low, high))
    return findings


def attack(reports: Sequence[Mapping[str, Any]], *, distributions: bool = True) -> list[Finding]:
    """Every breach of G1 to G3 that the reports, together, allow.

    Args:
        reports: JSON reports of the same data (as ``report_json`` returns them).
        distributions: Use each option's count too (the whole of what a reader holds). False
            leaves them out, and the attacker holds what the library's own audit uses: the
            counts of people, and of answers and blanks per item.
    """
    staff, findings = _staff(reports, distributions)
    findings += _check(staff)
    leaders = _leaders(reports)
    if leaders is not None:
        pop, found = leaders
        findings += found + _check(pop)
    return findings
