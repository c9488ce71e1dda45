"""The audit of one release on its tree (``analysis/nested.py``) against the linear programs.

Releases are drawn at random, of 1 to 3 group levels under everyone (teams of 1 to 30 people),
two waves, items with blanks, a cross-tab at the deepest level or a filter, the import's total
or not, with cells hidden at random (so that many of them break G1 to G3). On every one:

- the tree finds exactly the violations the linear programs find (an organisational survey's
  too), and checks as many cells;
- every hidden cell's range on the tree is the attacker's: the smallest and largest count an
  integer program over all the release's constraints finds (scipy's HiGHS, on its own).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wellbeing_framework.analysis import AuditError, Release
from wellbeing_framework.analysis.audit import (
    RESPONDENTS,
    _blocks,
    _findings,
    audit,
)
from wellbeing_framework.analysis.audit import (
    _cell_tree as cell_tree,
)
from wellbeing_framework.analysis.audit import (
    _nested as nested,
)
from wellbeing_framework.analysis.audit._counts import Counts

ROLES = ("nurse", "doctor", "admin")
WAVES = ("2024", "2025")


@st.composite
def releases(draw: st.DrawFn) -> Release:
    """One report of random people, its cells hidden at random, with (sometimes) a survey of
    leaders as its organisational release."""
    release = draw(_releases())
    if draw(st.integers(0, 3)) == 0:
        release = attrs.evolve(release, organisational=draw(_releases()))
    return release


@st.composite
def _releases(draw: st.DrawFn) -> Release:
    """One report of random people, its cells hidden at random."""
    depth = draw(st.integers(1, 3))
    levels = tuple(f"level{d}" for d in range(depth))
    leaves: list[tuple[str, ...]] = [()]
    for d in range(depth):
        leaves = [(*p, f"g{d}{i}") for p in leaves for i in range(draw(st.integers(1, 3)))]
    mode = draw(st.sampled_from(["plain", "by", "where"]))
    roles = ROLES if mode != "plain" else ("",)
    n_items = draw(st.integers(0, 2))
    # The people of every finest cell: (leaf, wave, role) -> respondents, answers to each item.
    people: dict[tuple[tuple[str, ...], str, str], tuple[int, list[int]]] = {}
    for leaf in leaves:
        for wave in WAVES:
            for role in roles:
                n = draw(st.integers(0, 30)) if draw(st.booleans()) else draw(st.integers(0, 4))
                answered = [draw(st.integers(max(0, n - 3), n)) for _ in range(n_items)]
                people[(leaf, wave, role)] = (n, answered)
    kept = {"nurse", "doctor"} if mode == "where" else set(roles)

    def count(group: tuple[str, ...], wave: str, role: str | None) -> tuple[int, list[int]]:
        n, answered = 0, [0] * n_items
        for (leaf, w, r), (m, a) in people.items():
            if w == wave and leaf[: len(group)] == group and r in kept and role in (None, r):
                n += m
                answered = [x + y for x, y in zip(answered, a, strict=True)]
        return n, answered

    nodes: list[Any] = []
    counts: list[tuple[int, list[int]]] = []
    groups = sorted({leaf[:d] for leaf in leaves for d in range(depth + 1)}, key=len)
    for wave in WAVES:
        for group in groups:
            n, answered = count(group, wave, None)
            if n:  # a group with no one in it is not listed
                nodes.append((group, wave, ()))
                counts.append((n, answered))
            if mode == "by" and len(group) == depth:
                for role in ROLES:
                    n, answered = count(group, wave, role)
                    if n:
                        nodes.append((group, wave, (("role", role),)))
                        counts.append((n, answered))
    k = draw(st.sampled_from([3, 5, 10]))
    hide = [draw(st.booleans()) and draw(st.booleans()) for _ in nodes]
    respondents = tuple(None if h or n < k else n for (n, _), h in zip(counts, hide, strict=True))
    families: dict[str, tuple[int | None, ...]] = {RESPONDENTS: respondents}
    for j in range(n_items):
        families[f"item:i{j}"] = tuple(
            None if shown is None or a[j] < k or draw(st.integers(0, 4)) == 0 else a[j]
            for (_, a), shown in zip(counts, respondents, strict=True)
        )
    total = sum(n for n, _ in people.values()) if draw(st.booleans()) else None
    return Release(
        levels=levels,
        leaves=tuple(leaves),
        breakdown=("role",) if mode == "by" else (),
        filters=(("role", "nurse"), ("role", "doctor")) if mode == "where" else (),
        min_group_size=k,
        nodes=tuple(nodes),
        families=families,
        total=total,
    )


def _found(release: Release, *, tree: bool) -> tuple[list[Any], int]:
    out = _findings([release], options=True, tree=tree)
    return sorted(out.found, key=lambda f: repr(f[0])), out.checked


FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(releases())
def test_the_tree_finds_what_the_linear_programs_find(release: Release) -> None:
    assert nested.findings(release) is not None, "a report's cells nest"
    fast, fast_checked = _found(release, tree=True)
    slow, slow_checked = _found(release, tree=False)
    assert [v for v, _ in fast] == [v for v, _ in slow]
    assert fast_checked == slow_checked
    for (_, fast_blame), (_, slow_blame) in zip(fast, slow, strict=True):
        # The cells to hide are the same ones, nearest first (ties in any order).
        assert set(fast_blame) <= set(slow_blame)
        assert bool(fast_blame) == bool(slow_blame)


@FAST
@given(releases())
def test_counts_kept_as_arrays_find_the_same(release: Release) -> None:
    """A release whose counts are arrays (as one made from results keeps them) is audited as
    the same release holding tuples: the same violations, blame and cells checked."""
    values = {
        name: np.array([-1 if v is None else v for v in counts], dtype=np.int64)
        for name, counts in release.families.items()
    }
    arrays = attrs.evolve(
        release, families=Counts(values, {name: v < 0 for name, v in values.items()})
    )
    assert dict(arrays.families) == dict(release.families)
    got = _findings([arrays], options=True)
    want = _findings([release], options=True)
    assert (got.found, got.checked) == (want.found, want.checked)


@FAST
@given(releases(), st.integers(0, 2**31))
def test_ranges_asked_for_some_cells_are_the_same_there(release: Release, seed: int) -> None:
    """Ranges worked out for some of the deepest cells only are every cell's ranges there,
    and the other levels' all the same; and they say alike whether whole numbers fit."""
    t = nested.tree(release)
    assert t is not None
    people = nested.family(t, release.families[RESPONDENTS], release.total)
    assert people is not None
    columns = [np.full(t.n, -1, dtype=np.int64)]
    for name in sorted(n for n in release.families if n != RESPONDENTS):
        fam = nested.family(t, release.families[name])
        assert fam is not None
        columns.append(fam.value)
    y = np.stack(columns, 1)
    x_low = people.hidden.astype(np.int64)
    wanted = np.random.default_rng(seed).random(t.n) < 0.3
    every = nested.ranges(t, people.value, x_low, y)
    some = nested.ranges(t, people.value, x_low, y, wanted)
    assert (every is None) == (some is None)
    if every is None or some is None:
        return
    asked = wanted.copy()
    if t.levels:
        asked[: t.levels[-1].start] = True  # above the deepest cells, every range is made
    for full, part in zip(every, some, strict=True):
        assert full[asked].tolist() == part[asked].tolist()


def _oracle(release: Release, family: str, target: Sequence[int]) -> tuple[float, float]:
    """The attacker's integer programs (HiGHS, every unknown a whole number, no linear program
    first): every finest cell's respondents x and (for an item) answers y, 0 <= y <= x, every
    shown count a sum, every listed hidden group at least one person."""
    import highspy

    conds, members = _blocks(release)
    n = len(conds)
    node_atoms: list[list[int]] = [[] for _ in release.nodes]
    for b, nodes in enumerate(members):
        for node in nodes:
            node_atoms[node].append(b)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    inf = highspy.kHighsInf
    h.addVars(2 * n, np.zeros(2 * n), np.full(2 * n, inf))
    every = np.arange(2 * n, dtype=np.int32)
    h.changeColsIntegrality(
        2 * n, every, np.full(2 * n, highspy.HighsVarType.kInteger, dtype=np.uint8)
    )

    def row(cols: Sequence[int], coef: Sequence[float], lo: float, hi: float) -> None:
        h.addRow(lo, hi, len(cols), np.array(cols, dtype=np.int32), np.array(coef, dtype=float))

    for node, value in enumerate(release.families[RESPONDENTS]):
        if node_atoms[node]:
            bounds = (value, value) if value is not None else (1, inf)
            row(node_atoms[node], [1.0] * len(node_atoms[node]), *bounds)
    if release.total is not None:
        row(range(n), [1.0] * n, release.total, release.total)
    if family != RESPONDENTS:
        for node, value in enumerate(release.families[family]):
            if node_atoms[node] and value is not None:
                row([n + a for a in node_atoms[node]], [1.0] * len(node_atoms[node]), value, value)
        for a in range(n):
            row([n + a, a], [1.0, -1.0], -inf, 0.0)
    shift = 0 if family == RESPONDENTS else n
    cost = np.zeros(2 * n)
    cost[[shift + a for a in target]] = 1.0
    h.changeColsCost(2 * n, every, cost)
    out = []
    for sense, unbounded in (
        (highspy.ObjSense.kMinimize, -math.inf),
        (highspy.ObjSense.kMaximize, math.inf),
    ):
        h.changeObjectiveSense(sense)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            out.append(float(round(h.getInfo().objective_function_value)))
        else:
            assert status in (
                highspy.HighsModelStatus.kUnbounded,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            ), h.modelStatusToString(status)
            out.append(unbounded)
    return out[0], out[1]


@settings(FAST, max_examples=40)
@given(releases())
def test_every_hidden_range_is_the_integer_programs(release: Release) -> None:
    t = nested.tree(release)
    assert t is not None
    people = nested.family(t, release.families[RESPONDENTS], release.total)
    assert people is not None
    x_low = people.hidden.astype(np.int64)
    _, members = _blocks(release)
    atoms: dict[int, list[int]] = {}
    for b, nodes in enumerate(members):
        for node in nodes:
            atoms.setdefault(node, []).append(b)
    for name in release.families:
        fam = nested.family(t, release.families[name])
        assert fam is not None
        y = fam.value if name != RESPONDENTS else np.full(t.n, -1)
        got = nested.ranges(t, people.value, x_low, y)
        assert got is not None
        lo, hi = (got[0], got[1]) if name == RESPONDENTS else (got[2], got[3])
        for node, value in enumerate(release.families[name]):
            if value is None and node in atoms:
                c = int(t.node_cell[node])
                assert (lo[c], hi[c]) == _oracle(release, name, atoms[node]), (name, node)


def _spans_by_prefix(release: Release) -> tuple[list[int], list[int], int]:
    """What ``cell_tree._spans`` gave when it looked every (wave, group prefix) up in a
    dictionary of the finest cells sorted as tuples: the reference for the coded version."""
    depth = max((len(key[0]) for key in release.nodes), default=0)
    crossed = bool(release.breakdown) and not release.filters
    finest = sorted(
        (wave or "", wave is not None, path, combo)
        for path, wave, combo in release.nodes
        if len(path) == depth and bool(combo) == crossed
    )
    first: dict[Any, int] = {}
    last: dict[Any, int] = {}
    for d in range(depth + 1):
        prefixes = [(has_wave, w, path[:d]) for w, has_wave, path, _ in finest]
        last.update(zip(prefixes, range(len(finest)), strict=True))
        first.update(zip(reversed(prefixes), range(len(finest) - 1, -1, -1), strict=True))
    at = {key: i for i, key in enumerate(finest)}
    lo: list[int] = []
    hi: list[int] = []
    for path, wave, combo in release.nodes:
        w, has_wave = wave or "", wave is not None
        if combo:
            one = at.get((w, has_wave, path, combo)) if crossed else None
            span = None if one is None else (one, one + 1)
        else:
            a = first.get((has_wave, w, path))
            span = None if a is None else (a, last[(has_wave, w, path)] + 1)
        lo.append(-1 if span is None else span[0])
        hi.append(-1 if span is None else span[1])
    n_atoms = len(finest)
    if release.filters:
        waves = {key[1] for key in release.nodes}
        leaves = {p[:depth] for p in release.leaves} | {
            k[0] for k in release.nodes if len(k[0]) == depth
        }
        n_atoms += len(waves) * len(leaves) + 1
    return lo, hi, n_atoms


@given(releases(), st.randoms(use_true_random=False), st.booleans())
def test_each_nodes_run_of_finest_cells_is_the_one_its_prefixes_give(
    release: Release, rng: Any, no_wave: bool
) -> None:
    """The runs only read the nodes: listed in any order, some twice, some without a wave."""
    nodes = list(release.nodes)
    rng.shuffle(nodes)
    nodes += rng.sample(nodes, min(len(nodes), rng.randint(0, 3)))
    if no_wave:
        nodes = [(g, None if rng.random() < 0.5 else w, c) for g, w, c in nodes]
    release = attrs.evolve(release, nodes=tuple(nodes), families={})
    lo, hi, n_atoms = cell_tree._spans(release)
    assert (lo.tolist(), hi.tolist(), n_atoms) == _spans_by_prefix(release)


def test_answers_are_bounded_by_the_people_of_each_cell_not_only_their_sums() -> None:
    """Everyone 8, team E 4 shown, teams A, B and D hidden (each at least 1): those three hold
    4, each 1 or 2. Of everyone 7 answered the item, of E 3: the three hidden teams' 4 answered,
    all of their people, so each team's answers are 1 or 2, not 0 to 2 (which is what the
    teams' ranges of people alone would allow)."""
    release = Release(
        levels=("team",),
        leaves=(("A",), ("B",), ("D",), ("E",)),
        min_group_size=3,
        nodes=tuple((g, "2025", ()) for g in [(), ("A",), ("B",), ("D",), ("E",)]),
        families={
            RESPONDENTS: (8, None, None, None, 4),
            "item:i0": (7, None, None, None, 3),
        },
    )
    fast = {(v.family, v.group): (v.low, v.high) for v, _ in nested.findings(release)[0]}
    assert fast[("item:i0", ("A",))] == (1, 2)
    assert fast[(RESPONDENTS, ("A",))] == (1, 2)
    assert _found(release, tree=True)[0] == _found(release, tree=False)[0]


def test_counts_that_contradict_each_other_are_worded_by_the_linear_programs() -> None:
    release = Release(
        levels=("team",),
        leaves=(("A",), ("B",)),
        min_group_size=5,
        nodes=(((), "2025", ()), (("A",), "2025", ()), (("B",), "2025", ())),
        families={RESPONDENTS: (10, 12, None)},
    )
    assert nested.findings(release) is None
    with pytest.raises(AuditError, match="contradict"):
        audit([release])


@given(st.lists(st.integers(-1, 6), max_size=40), st.integers(0, 3))
def test_the_runs_of_a_tree_are_each_groups_positions_in_order(
    index: list[int], offset: int
) -> None:
    n = 7
    runs = cell_tree._groups(np.array(index, dtype=np.int64), n, offset)
    want = [[i + offset for i, g in enumerate(index) if g == c] for c in range(n)]
    assert len(runs) == n
    assert [runs[c] for c in range(n)] == want
    assert list(runs) == want
    assert runs[-1] == want[-1]
    assert runs[2:5] == want[2:5]
    with pytest.raises(IndexError):
        runs[n]


_NAMES = st.sampled_from(["", "a", "ab", "b", "z", "\U0010ffff", "a\U0010ffff"])


@given(
    st.integers(0, 3), st.lists(st.lists(_NAMES, min_size=3, max_size=3), max_size=12), st.data()
)
def test_each_groups_finest_groups_are_the_run_a_search_of_its_prefix_finds(
    depth: int, drawn: list[list[str]], data: st.DataObject
) -> None:
    """Each group's run of the finest groups under it, as the bisections of every finest path
    cut to the group's length (the definition) find it; with larger groups drawn at random,
    some over no finest group."""
    import bisect

    full = {tuple(names[:depth]) for names in drawn}
    paths = set(full)
    for path in full:
        paths.update(path[:d] for d in range(depth) if data.draw(st.booleans()))
    larger = st.lists(_NAMES, max_size=max(depth - 1, 0)).map(tuple)
    paths.update(data.draw(st.lists(larger, max_size=3)))
    ordered = sorted(paths)
    finest = [p for p in ordered if len(p) == depth]
    lo, hi, deep = cell_tree._finest_runs(ordered, finest, depth)
    cut = {d: [p[:d] for p in finest] for d in range(depth + 1)}
    assert lo.tolist() == [bisect.bisect_left(cut[len(p)], p) for p in ordered]
    assert hi.tolist() == [bisect.bisect_right(cut[len(p)], p) for p in ordered]
    assert deep.tolist() == [len(p) == depth for p in ordered]
