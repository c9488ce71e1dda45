"""An attacker from outside: the published JSON of ``wellbeing report`` and a solver, nothing else.

Written apart from ``attacker.py`` and from ``analysis/audit.py`` (it shares no code with either)
so that a blind spot of one is not repeated here. It reads the reports as files, the way
someone handed them would, and grants itself only what ``docs/privacy.md`` grants the reader:
every figure of every report, the hierarchy and the group names, that a listed group holds at
least one person and an unlisted one none, and that every answer is one of the scale's options.

The unknowns, per *atom* (a finest group, a wave and a value of each cross-tab or filter column,
or ``OTHER`` for the values no report names), are the people ``x`` and, per statement and
option, the people who chose it ``y`` (``sum y <= x``). Every published figure is an equation:
group counts, each option's count, answered / unscored / missing, the sum of scores a mean
times its answers gives (themes too), the import block, and the counts in the gap, trends and
priorities. HiGHS then gives the smallest and largest value of every hidden cell, and of every
pool left when shown cells are taken from a shown cell.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

OTHER = "<other>"
PEOPLE = "people"


class AttackError(AssertionError):
    """The reports contradict each other, or are of a shape this attacker does not model."""


def _leaves(reports: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The finest groups: every way of taking one group of each report's finest level that
    agree where two reports name the same column (Service alone beside Team alone gives every
    pair of a service and a team; the reader does not know which team is in which service)."""
    combos: list[dict[str, str]] = [{}]
    for r in sorted(reports, key=lambda r: -len(r["levels"])):
        leaves = [dict(zip(r["levels"], p, strict=True)) for p in r["hierarchy"]] or [{}]
        combos = [
            {**c, **leaf}
            for c in combos
            for leaf in leaves
            if all(c.get(level, value) == value for level, value in leaf.items())
        ]
        combos = [dict(t) for t in sorted({tuple(sorted(c.items())) for c in combos})]
    return combos


class Model:
    """The atoms of the staff, the linear system over them, and the cells to attack."""

    def __init__(self, reports: Sequence[Mapping[str, Any]]) -> None:
        self.reports = reports
        leaves = _leaves(reports)
        dims: dict[str, set[str]] = {}
        for r in reports:
            for d in r.get("breakdown", []):
                dims.setdefault(d, set())
            for d, v in r.get("filters", []):
                dims.setdefault(d, set()).add(v)
            for g in r["groups"]:
                for d, v in g.get("breakdown", []):
                    dims.setdefault(d, set()).add(v)
        waves = sorted({w for r in reports for w in (r.get("waves") or [None])}, key=str)
        self.dims = dims  # each cross-tab or filter column's values that some report names
        names = sorted(dims)
        self.atoms = [
            {**leaf, "@wave": w, **dict(zip(names, combo, strict=True))}
            for leaf in leaves
            for w in waves
            for combo in itertools.product(*(sorted(dims[d] | {OTHER}) for d in names))
        ]
        self.options: dict[str, list[str]] = {}
        for r in reports:
            for e in r["elements"]:
                if e["kind"] == "item":
                    self.options[e["ref"]] = list(e["options"])
        self.var: dict[tuple[str, str, int], int] = {}
        n = len(self.atoms)
        for ref, opts in sorted(self.options.items()):
            for o in opts:
                for a in range(n):
                    self.var[(ref, o, a)] = n + len(self.var)
        self.n_vars = n + len(self.var)
        self.rows: list[tuple[dict[int, float], float, float]] = []
        for ref, opts in self.options.items():
            for a in range(n):
                self.rows.append(
                    ({**{self.var[(ref, o, a)]: 1.0 for o in opts}, a: -1.0}, -1e30, 0)
                )
        # (report, k, what, family, atoms) of hidden cells; shown ones add their printed value.
        self.hidden: list[tuple[int, int, str, str, frozenset[int]]] = []
        self.shown: list[tuple[int, int, str, str, frozenset[int], int]] = []
        self.empty: set[int] = set()

    def match(
        self, r: Mapping[str, Any], group: Sequence[str], wave: Any, combo: Any
    ) -> frozenset[int]:
        want: dict[str, Any] = dict(zip(r["levels"], group, strict=False))
        if wave is not None:
            want["@wave"] = wave
        filters: dict[str, set[str]] = {}
        for d, v in r.get("filters", []):
            filters.setdefault(d, set()).add(v)
        for d, v in combo or []:
            filters[d] = {v}
        return frozenset(
            i
            for i, atom in enumerate(self.atoms)
            if all(atom.get(c) == v for c, v in want.items())
            and all(atom.get(d) in vs for d, vs in filters.items())
        )

    def people(self, atoms: Iterable[int]) -> dict[int, float]:
        return dict.fromkeys(atoms, 1.0)

    def answers(
        self, ref: str, atoms: Iterable[int], weights: Mapping[str, float] | None = None
    ) -> dict[int, float]:
        opts = self.options[ref]
        return {
            self.var[(ref, o, a)]: (weights[o] if weights else 1.0)
            for o in opts
            for a in atoms
            if not weights or weights.get(o)
        }

    def equal(self, row: Mapping[int, float], value: float) -> None:
        self.rows.append((dict(row), value, value))
        if value == 0 and all(v < len(self.atoms) for v in row):
            self.empty.update(row)  # atoms a published zero empties: no cell holds them


def _scores(options: Sequence[str]) -> dict[str, float]:
    """Each option's score as the means print it: 1 for the first option, and so on."""
    return {o: float(i + 1) for i, o in enumerate(options)}


def _describe(i: int, entry: Mapping[str, Any]) -> str:
    group = " / ".join(entry["group"]) or "everyone"
    return f"report {i + 1}: {group}, wave {entry.get('wave')}, {entry.get('breakdown') or ''}"


def _read_groups(m: Model, i: int, r: Mapping[str, Any]) -> None:
    k = int(r["min_group_size"])
    for g in r["groups"]:
        atoms = m.match(r, g["group"], g.get("wave"), g.get("breakdown"))
        what = _describe(i, g)
        if g["n"] is None:
            m.rows.append((m.people(atoms), 1, 1e30))
            m.hidden.append((i, k, what, PEOPLE, atoms))
        else:
            m.equal(m.people(atoms), g["n"])
            m.shown.append((i, k, what, PEOPLE, atoms, g["n"]))
    block = r.get("import") or {}
    if block.get("rows_accepted") is not None:
        everyone = frozenset(range(len(m.atoms)))
        m.equal(m.people(everyone), block["rows_accepted"])
        m.shown.append(
            (i, k, f"report {i + 1}: rows accepted", PEOPLE, everyone, block["rows_accepted"])
        )


def _read_absent(m: Model, i: int, r: Mapping[str, Any]) -> None:
    """A group a report does not list in a round, and a cross-tab value it does not list in a
    group, hold nobody: the reader is granted that a listed cell holds someone and an unlisted
    one no one."""
    listed = {(tuple(g["group"]), g.get("wave"), _combo(g)) for g in r["groups"]}
    paths = {tuple(p[:d]) for p in r["hierarchy"] for d in range(len(r["levels"]) + 1)} | {()}
    waves = r.get("waves") or [None]
    for path, wave in itertools.product(paths, waves):
        if (path, wave, ()) not in listed:
            m.equal(m.people(m.match(r, path, wave, None)), 0)
    dims = list(r.get("breakdown") or [])
    if not dims:
        return
    values = [sorted(m.dims[d] | {OTHER}) for d in dims]
    for path, wave, combo in listed:
        # A group crossed by the columns: the values it does not list are empty in it.
        if combo or not any(c and p == path and w == wave for p, w, c in listed):
            continue
        for chosen in itertools.product(*values):
            key = tuple(zip(dims, chosen, strict=True))
            if (path, wave, key) not in listed:
                m.equal(m.people(m.match(r, path, wave, [list(kv) for kv in key])), 0)


def _combo(entry: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((str(d), str(v)) for d, v in entry.get("breakdown") or [])


def _read_cells(m: Model, i: int, r: Mapping[str, Any]) -> None:
    k = int(r["min_group_size"])
    members: dict[str, list[str]] = {}
    for e in r["elements"]:
        if e["kind"] == "item":
            members.setdefault(e["theme"], []).append(e["ref"])
    for c in r["cells"]:
        atoms = m.match(r, c["group"], c.get("wave"), c.get("breakdown"))
        what = f"{_describe(i, c)} {c['element']}"
        refs = [c["element"]] if c["kind"] == "item" else members.get(c["element"], [])
        if not refs:
            continue
        if c["suppressed"]:
            if c["kind"] == "item":
                m.hidden.append((i, k, what, c["element"], atoms))
            continue
        answered = c["answered"] + c["unscored"]
        row: dict[int, float] = {}
        for ref in refs:
            row.update(m.answers(ref, atoms))
        m.equal(row, answered)
        # The blanks: each statement of the cell, for each of its people, less the answers.
        m.equal({**{a: float(len(refs)) for a in atoms}, **dict.fromkeys(row, -1.0)}, c["missing"])
        if c["kind"] == "item":
            m.shown.append((i, k, what, c["element"], atoms, answered))
            for option, count in c.get("distribution") or []:
                m.equal({m.var[(c["element"], option, a)]: 1.0 for a in atoms}, count)
        if c.get("mean") is not None and c["unscored"] == 0:
            total: dict[int, float] = {}
            for ref in refs:
                total.update(m.answers(ref, atoms, _scores(m.options[ref])))
            m.equal(total, round(c["mean"] * c["answered"]))


def _read_derived(m: Model, i: int, r: Mapping[str, Any]) -> None:
    k = int(r["min_group_size"])
    figures: list[tuple[Sequence[str], Any, Any]] = []
    for t in r.get("trends") or []:
        figures += [
            (t["group"], t["from_wave"], t["n_before"]),
            (t["group"], t["to_wave"], t["n_after"]),
        ]
    for g in r.get("gap") or []:
        figures.append((g["group"], g.get("wave"), g.get("n_individual")))
    p = r.get("priorities")
    if p:
        figures += [(p["group"], p.get("wave"), e["n"]) for e in [*p["themes"], *p["items"]]]
    for group, wave, n in figures:
        if n is not None:
            atoms = m.match(r, group, wave, None)
            m.equal(m.people(atoms), n)
            m.shown.append((i, k, f"report {i + 1}: {group} {wave} (derived)", PEOPLE, atoms, n))


class Solver:
    def __init__(self, m: Model) -> None:
        import highspy
        import numpy as np

        self.hs, self.np = highspy, np
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("time_limit", 20.0)
        inf = highspy.kHighsInf
        h.addVars(m.n_vars, np.zeros(m.n_vars), np.full(m.n_vars, inf))
        h.changeColsIntegrality(
            m.n_vars,
            np.arange(m.n_vars, dtype=np.int32),
            np.full(m.n_vars, highspy.HighsVarType.kInteger, dtype=np.uint8),
        )
        for row, lo, hi in m.rows:
            if not row:
                continue
            idx = np.array(sorted(row), dtype=np.int32)
            h.addRow(
                -inf if lo <= -1e30 else lo,
                inf if hi >= 1e30 else hi,
                len(idx),
                idx,
                np.array([row[j] for j in idx.tolist()]),
            )
        self.h, self.n = h, m.n_vars

    def bound(self, objective: Mapping[int, float], maximise: bool) -> float:
        hs, np, h = self.hs, self.np, self.h
        cost = np.zeros(self.n)
        for j, c in objective.items():
            cost[j] = c
        h.changeColsCost(self.n, np.arange(self.n, dtype=np.int32), cost)
        h.changeObjectiveSense(hs.ObjSense.kMaximize if maximise else hs.ObjSense.kMinimize)
        h.run()
        status = h.getModelStatus()
        if status == hs.HighsModelStatus.kOptimal:
            return round(h.getInfo().objective_function_value)
        if status in (hs.HighsModelStatus.kUnbounded, hs.HighsModelStatus.kUnboundedOrInfeasible):
            return math.inf
        if status == hs.HighsModelStatus.kTimeLimit:
            # The solver's dual bound stands for the answer: weaker, never wrong.
            value = h.getInfo().mip_dual_bound
            return math.floor(value + 1e-6) if maximise else math.ceil(value - 1e-6)
        raise AttackError(f"the reports contradict each other: {h.modelStatusToString(status)}")


def model(reports: Sequence[Mapping[str, Any]]) -> Model:
    m = Model(reports)
    for i, r in enumerate(reports):
        _read_groups(m, i, r)
        _read_absent(m, i, r)
        _read_cells(m, i, r)
        _read_derived(m, i, r)
    return m


def _published(m: Model, family: str, atoms: frozenset[int]) -> bool:
    """Whether some report shows this cell, or shown cells that make it up: a report with a
    smaller minimum may show what another hides, and that is its own minimum's business."""
    left = set(atoms)
    for _, _, _, f, a, _ in sorted(m.shown, key=lambda s: -len(s[4])):
        if f == family and a and a <= left:
            left -= a
    return not left


def findings(reports: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every figure the reports give away against G1 to G3, as lines a person can read."""
    m = model(reports)
    # Two cells that differ only by atoms known to be empty are one cell (a hidden service of
    # nurses only, crossed by role, is the service another report shows at its own minimum).
    m.hidden = [(r, k, w, f, a - m.empty) for r, k, w, f, a in m.hidden]
    m.shown = [(r, k, w, f, a - m.empty, n) for r, k, w, f, a, n in m.shown]
    s = Solver(m)
    found = []

    def row(family: str, atoms: Iterable[int]) -> dict[int, float]:
        return m.people(atoms) if family == PEOPLE else m.answers(family, atoms)

    for _, k, what, family, _, n in m.shown:
        if 0 < n < k:
            found.append(f"printed {n} < {k}: {what} ({family})")
    # A cell that a report with a smaller minimum lists too is protected at that minimum.
    own_k: dict[tuple[str, frozenset[int]], int] = {}
    for _, k, _, family, atoms, *_ in [*m.hidden, *m.shown]:
        own_k[(family, atoms)] = min(k, own_k.get((family, atoms), k))
    cells = [(own_k[(f, a)], what, f, a, True) for _, _, what, f, a in m.hidden]
    for _, k, what, family, atoms, _ in m.shown:
        inside = [a for _, _, _, f, a, _ in m.shown if f == family and a < atoms]
        rest = atoms - frozenset().union(*inside) if inside else frozenset()
        if rest:
            cells.append((k, f"{what} less the shown cells inside it", family, rest, False))
    seen = set()
    for k, what, family, atoms, is_cell in cells:
        if (family, atoms) in seen or not atoms or _published(m, family, atoms):
            continue
        seen.add((family, atoms))
        high = s.bound(row(family, atoms), True)
        if high >= k:
            continue
        low = s.bound(row(family, atoms), False)
        # G2/G3 for a hidden cell; G1 for a pool of hidden parts (pinned is what it forbids).
        narrow = is_cell and high > 0 and high - low < math.ceil(k / 2)
        if (low == high and low > 0) or narrow:
            found.append(f"{what} ({family}): {low:g}..{high:g} with k = {k}")
    return found


def leaders(reports: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The leaders of an organisational survey as reports of their own (they are people too):
    their groups, the import of their file and the leaders counted in the gap rows."""
    found = []
    for r in reports:
        org = r.get("organisational") or {}
        if org.get("mode") != "survey":
            continue
        groups = [dict(g, breakdown=[]) for g in org["groups"]]
        for row in r.get("gap") or []:
            if row.get("n_organisational") is not None:
                path = row.get("organisational_group") or []
                groups.append(
                    {"group": path, "wave": row.get("wave"), "n": row["n_organisational"]}
                )
        found.append(
            {
                "levels": org["levels"],
                "hierarchy": org["hierarchy"],
                "min_group_size": org["min_group_size"],
                "waves": sorted({g.get("wave") for g in groups}, key=str),
                "groups": groups,
                "import": r.get("organisational_import"),
                "elements": [],
                "cells": [],
            }
        )
    return found


def read(paths: Iterable[Path]) -> list[dict[str, Any]]:
    return [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
