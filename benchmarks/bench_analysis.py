"""Aggregation in memory against a competent numpy and DuckDB producing the same table; the
privacy audit's cost; memory per answer and per published cell.

The table every side produces, from responses already in memory: for every group at every
level (everyone, organisation, service, team) and wave, the number of respondents ``n`` and,
per item, the mean score and the answered count, blanked where ``n`` or the answered count is
under the minimum. The library does more on top (themes, normalised scores, distributions,
complementary suppression and the exact audit), all of it inside its timings.

- ``aggregate-{1e7,3e7}-numpy``: ``aggregate()`` over hand-written numpy: one chunked integer
  ``bincount`` of the rows x items matrix (one byte an answer) by finest cell, item and option,
  levels rolled up one from the next, means from a matrix product. Goal 1.2.
- ``aggregate-{1e7,3e7}-duckdb``: over DuckDB's ``GROUP BY GROUPING SETS`` on the wide table
  (one row per respondent, a TINYINT score column per item, NULL when blank), in its own
  table, all threads. Goal 1.0.
- ``teams-10k-by-role-1e6-duckdb``: 10,000 teams under 100 services, cross-tabulated by a
  4-valued role at team level, 10^6 answers, over DuckDB doing the same. Goal 1.0.
- ``suppression-overhead``: the default minimum over a minimum of 1 (nothing to hide).
- ``audit-1000-groups-{1e6,1e7}``: seconds for the exact audit of the results of 1,000 teams
  (1,111 groups with their services and organisations) x 2 waves x 20 items, at 10^6 answers
  (many small teams, so many hidden cells) and 10^7. Goal 2 s (issue 9).
- ``audit-overhead-1e7``: ``aggregate()`` over the same call less the time spent in the audit
  (timed from inside the call). Goal 1.5 (issue 9).
- ``memory-1e7``: peak bytes allocated by ``aggregate()`` (tracemalloc) beyond the responses
  already in memory, per answer (goal 40) and per published cell (no goal).

- ``scale-{1e8,3e8,1e9}``: seconds for ``aggregate()`` on the same 1,000 teams, with and
  without the audit, and peak memory: how far one machine goes (the README's "How far it
  scales"). The answers are drawn a block at a time, so the generator fits beside them.
- ``*-compute-*`` lines: the same ratios for ``aggregate()`` less its audit (made to find
  nothing, and the time spent in it subtracted): the counting, scoring, quick rules and table.

Quick mode runs the same measures at 10^6 answers (and 10^5 for the 10,000 teams).
"""

from __future__ import annotations

import itertools
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from run import Line, Measure, interleaved, ratios

from wellbeing_framework.analysis import audit as audit_module
from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.responses import Responses, checklist_items
from wellbeing_framework.analysis.results import ElementKind
from wellbeing_framework.model.content import Checklist, ChecklistItem, Pack, Scope, Source, Theme
from wellbeing_framework.packs.catalog import Catalog

THEMES = 4
ITEMS_PER_THEME = 5
LABELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
MINIMUM = 10


def bench_pack() -> Pack:
    themes = tuple(Theme(id=f"theme-{t}", title=f"Theme {t}") for t in range(THEMES))
    checklists = tuple(
        Checklist(
            id=f"check-{t}",
            title=f"Checklist {t}",
            theme=f"theme-{t}",
            scope=Scope.INDIVIDUAL,
            scale="agree-5",
            items=tuple(
                ChecklistItem(id=f"item-{t}-{i}", text=f"Statement {t} {i} about work.")
                for i in range(ITEMS_PER_THEME)
            ),
        )
        for t in range(THEMES)
    )
    return Pack(
        id="bench",
        title="Bench",
        version="1.0.0",
        summary="Generated for the benchmarks.",
        sources=(Source(title="The benchmarks", publisher="wellbeing_framework"),),
        themes=themes,
        checklists=checklists,
    )


CATALOG = Catalog([bench_pack()])
CHECKLISTS = [f"bench:check-{t}" for t in range(THEMES)]
ITEMS = checklist_items(CATALOG, CHECKLISTS)


def hierarchy(services: int, teams_per_service: int, orgs: int | None) -> list[np.ndarray]:
    """For each level below everyone, the code of every team at that level."""
    team = np.arange(services * teams_per_service)
    service = team // teams_per_service
    if orgs is None:
        return [service, team]
    return [service // (services // orgs), service, team]


def responses(
    answers: int,
    *,
    services: int = 100,
    teams_per_service: int = 10,
    orgs: int | None = 10,
    roles: int = 0,
    seed: int = 7,
) -> Responses:
    """Synthetic responses, rows sorted by team: uneven team sizes (some under the minimum), two
    waves, 20 items, about 5% blank; with ``roles``, a dimension ``role`` of that many values.
    Laid out row by row, every item in order, as an import gives them: the one matrix of option
    codes that the numpy and DuckDB references are given too."""
    rng = np.random.default_rng(seed)
    n_items = len(ITEMS)
    rows = answers // n_items
    levels = hierarchy(services, teams_per_service, orgs)
    n_teams = len(levels[-1])
    weight = rng.gamma(0.6, size=n_teams)
    team = np.sort(rng.choice(n_teams, size=rows, p=weight / weight.sum()))
    names = ("org", "service", "team")[-len(levels) :]
    paths = tuple(
        tuple(
            sorted(
                {
                    tuple(f"{names[j]}-{levels[j][t]:05d}" for j in range(level + 1))
                    for t in range(n_teams)
                }
            )
        )
        for level in range(len(levels))
    )
    option = _options(rng, rows * n_items)
    dims = ("role",) if roles else ()
    return Responses(
        items=ITEMS,
        levels=tuple(("organisation", "service", "team")[-len(levels) :]),
        paths=paths,
        groups=np.stack([lv[team] for lv in levels], axis=1).astype(np.int32),
        waves=("2024", "2025"),
        wave=rng.integers(0, 2, size=rows).astype(np.int16),
        dimensions=dims,
        dimension_values=((tuple(f"role-{r}" for r in range(roles)),) if roles else ()),
        dimension_codes=rng.integers(0, max(roles, 1), size=(rows, len(dims))).astype(np.int16),
        option=option,
    )


def _options(rng: np.random.Generator, answers: int) -> np.ndarray:
    """Option codes 0..4, about 5% blank (-1), drawn 2^24 at a time: beyond the int8 result the
    generator needs a few tens of MB at any size, so 10^9 answers fit beside their responses."""
    option = np.empty(answers, dtype=np.int8)
    block = 1 << 24
    for start in range(0, answers, block):
        part = option[start : start + block]
        part[:] = rng.integers(0, 5, size=part.size, dtype=np.int8)
        part[rng.random(part.size, dtype=np.float32) < 0.05] = -1
    return option


# -- the competent numpy reference ----------------------------------------------------------


def numpy_table(data: Responses, wide: np.ndarray, k: int = MINIMUM) -> list[dict[str, Any]]:
    """n per node, and mean and answered per node and item, every level, the minimum applied."""
    rows, n_items = wide.shape
    slots = 6  # blank, then the five options
    n_leaves = len(data.paths[-1])
    n_waves = len(data.waves)
    per_cell = n_items * slots
    size = n_waves * n_leaves * per_cell
    leaf_key = data.wave.astype(np.int64) * n_leaves + data.groups[:, -1]
    counts = np.zeros(size, dtype=np.int64)
    item_slot = np.arange(n_items, dtype=np.int64) * slots + 1
    block = max(1, (1 << 21) // n_items)
    for start in range(0, rows, block):
        key = (leaf_key[start : start + block] * per_cell)[:, None] + item_slot
        key += wide[start : start + block]
        counts += np.bincount(key.ravel(), minlength=size)
    level = counts.reshape(n_waves, n_leaves, n_items, slots)
    n_level = np.bincount(leaf_key, minlength=n_waves * n_leaves).reshape(n_waves, n_leaves)
    scores = np.arange(1.0, 6.0)
    out = []
    # Leaves first, then each level from the one below it: the paths are sorted, so the
    # children of a group are contiguous.
    for depth in range(len(data.levels), -1, -1):
        answered = level[..., 1:].sum(axis=3)
        mean = (level[..., 1:] @ scores) / np.maximum(answered, 1)
        shown = (n_level >= k)[..., None] & (answered >= k)
        out.append(
            {
                "rows": n_level,
                "n": np.where(n_level >= k, n_level, -1),
                "mean": np.where(shown, mean, np.nan),
                "answered": np.where(shown, answered, -1),
            }
        )
        if depth == 0:
            break
        parents = [p[:-1] for p in data.paths[depth - 1]]
        starts = np.flatnonzero([True] + [a != b for a, b in itertools.pairwise(parents)])
        level = np.add.reduceat(level, starts, axis=1)
        n_level = np.add.reduceat(n_level, starts, axis=1)
    return out


def wide_matrix(data: Responses) -> np.ndarray:
    """The rows x items int8 matrix of option codes (-1 blank) the responses were built from."""
    return data.option.reshape(data.n_rows, len(data.items))


# -- DuckDB ---------------------------------------------------------------------------------


def duckdb_table(data: Responses, *, by_role: bool = False) -> Any:
    """A DuckDB connection holding the wide table ``t``: group codes, wave, a TINYINT score per
    item (NULL when blank) and the role; its own storage, built before any timing."""
    import duckdb
    import pyarrow as pa

    wide = wide_matrix(data)
    columns: dict[str, Any] = {}
    for j, name in enumerate(data.levels):
        columns[name] = pa.array(data.groups[:, j])
    columns["wave"] = pa.array(data.wave)
    if by_role:
        columns["role"] = pa.array(data.dimension_codes[:, 0])
    for i in range(wide.shape[1]):
        columns[f"i{i}"] = pa.array(wide[:, i] + 1, mask=wide[:, i] < 0)
    arrow = pa.table(columns)
    con = duckdb.connect()
    con.register("arrow_input", arrow)
    con.execute("CREATE TABLE t AS SELECT * FROM arrow_input")
    con.unregister("arrow_input")
    return con


def grouping_query(data: Responses, *, by_role: bool = False, k: int = MINIMUM) -> str:
    levels = list(data.levels)
    sets = ["(wave)"] + [f"(wave, {', '.join(levels[: d + 1])})" for d in range(len(levels))]
    if by_role:
        sets.append(f"(wave, {', '.join(levels)}, role)")
    items = ",\n".join(
        f"CASE WHEN count(*) >= {k} AND count(i{i}) >= {k} THEN avg(i{i}) END AS mean{i}, "
        f"CASE WHEN count(*) >= {k} AND count(i{i}) >= {k} THEN count(i{i}) END AS answered{i}"
        for i in range(len(data.items))
    )
    keys = ", ".join([*levels, "wave", *(["role"] if by_role else [])])
    return (
        f"SELECT {keys}, CASE WHEN count(*) >= {k} THEN count(*) END AS n,\n{items}\n"
        f"FROM t GROUP BY GROUPING SETS ({', '.join(sets)})"
    )


def check_same(results: Any, reference: list[dict[str, Any]], duck: dict[str, Any]) -> None:
    """The three tables agree: the everyone row of each wave, item by item, and the number of
    nodes at every level; so no side can win by leaving work out."""
    table = results.table
    everyone = [r for r, g in enumerate(table.group) if g == () and table.breakdown[r] == ()]
    top = reference[-1]
    n_themes = sum(1 for e in results.elements if e.kind is ElementKind.THEME)
    for w, r in enumerate(everyone):
        assert table.n[r] == top["n"][w, 0], "n of everyone agrees with numpy"
        mine = table.mean[r, n_themes:]
        assert np.allclose(mine, top["mean"][w, 0], equal_nan=True), "means agree with numpy"
    levels = [c for c in duck if c in ("organisation", "service", "team")]
    whole = [i for i in range(len(duck["n"])) if all(duck[c].mask[i] for c in levels)]
    assert sorted(int(duck["n"][i]) for i in whole) == sorted(int(table.n[r]) for r in everyone)
    nodes = sum(int((level["rows"] > 0).sum()) for level in reference)
    assert nodes == len(duck["n"]) or "role" in duck, "numpy and DuckDB give the same nodes"


# -- measures -------------------------------------------------------------------------------


def _aggregate_against(answers: int, rounds: int) -> Iterator[Line]:
    data = responses(answers)
    wide = wide_matrix(data)
    con = duckdb_table(data)
    query = grouping_query(data)

    def duck() -> Any:
        return con.execute(query).fetchnumpy()

    check_same(aggregate(data), numpy_table(data, wide), duck())
    lib, ref, db = interleaved(
        [lambda: aggregate(data), lambda: numpy_table(data, wide), duck], rounds
    )
    size = f"{answers:.0e}".replace("+0", "")
    what = f"aggregate() / {{}} time, {answers:,} answers, 1,111 groups x 2 waves x 20 items"
    yield Line(f"aggregate-{size}-numpy", ratios(lib, ref), 1.2, what.format("numpy"))
    yield Line(f"aggregate-{size}-duckdb", ratios(lib, db), 1.0, what.format("DuckDB"))
    side, spent = _without_audit(data)
    compute, ref, db = interleaved([side, lambda: numpy_table(data, wide), duck], rounds)
    compute = _less(compute, spent)
    what = f"aggregate() less its audit / {{}} time, {answers:,} answers"
    yield Line(f"aggregate-{size}-compute-numpy", ratios(compute, ref), None, what.format("numpy"))
    yield Line(f"aggregate-{size}-compute-duckdb", ratios(compute, db), None, what.format("DuckDB"))
    con.close()


def _without_audit(data: Responses, **options: Any) -> tuple[Callable[[], None], list[float]]:
    """A side for :func:`interleaved` running ``aggregate()`` with an audit that finds nothing
    (so one round), and the seconds each call spent in the audit all the same, to subtract:
    what is left is the compute alone."""
    spent: list[float] = []

    def side() -> None:
        seconds, undo = _timing_audit(finding=False)
        try:
            aggregate(data, **options)
        finally:
            undo()
        spent.append(seconds[0])

    return side, spent


def _less(times: list[float], spent: list[float]) -> list[float]:
    return [t - s for t, s in zip(times, spent, strict=True)]


def _teams_by_role(answers: int, rounds: int) -> Iterator[Line]:
    data = responses(answers, services=100, teams_per_service=100, orgs=None, roles=4)
    con = duckdb_table(data, by_role=True)
    query = grouping_query(data, by_role=True)
    lib, db = interleaved(
        [lambda: aggregate(data, by=("role",)), lambda: con.execute(query).fetchnumpy()], rounds
    )
    yield Line(
        f"teams-10k-by-role-{answers:.0e}-duckdb".replace("+0", ""),
        ratios(lib, db),
        1.0,
        f"aggregate(by=role) / DuckDB time, 10,000 teams, 100 services, {answers:,} answers",
    )
    con.close()


def _teams_compute(answers: int, rounds: int) -> Iterator[Line]:
    """The same less the audit: at 10,000 teams the exact audit takes minutes a call."""
    data = responses(answers, services=100, teams_per_service=100, orgs=None, roles=4)
    con = duckdb_table(data, by_role=True)
    query = grouping_query(data, by_role=True)
    side, spent = _without_audit(data, by=("role",))
    lib, db = interleaved([side, lambda: con.execute(query).fetchnumpy()], rounds)
    yield Line(
        f"teams-10k-by-role-{answers:.0e}-compute-duckdb".replace("+0", ""),
        ratios(_less(lib, spent), db),
        None,
        f"aggregate(by=role) less its audit / DuckDB time, 10,000 teams, {answers:,} answers",
    )
    con.close()


def _suppression(rounds: int) -> Iterator[Line]:
    data = responses(1_000_000)
    with_min, without = interleaved(
        [
            lambda: aggregate(data),
            lambda: aggregate(data, min_group_size=1, force_small_groups=True),
        ],
        rounds,
    )
    yield Line(
        "suppression-overhead",
        ratios(with_min, without),
        1.25,
        "aggregate() with the minimum of 10 / with 1 (nothing hidden), 10^6 answers",
    )


def _timing_audit(*, finding: bool = True) -> tuple[list[float], Callable[[], None]]:
    """Time spent in the audit from inside ``aggregate()``: ``_findings`` (what its suppression
    calls for each candidate release) and the release it reads, wrapped; the second value undoes
    the wrapping. A call inside another (an organisational survey's) is counted once. With
    ``finding=False`` the audit finds nothing, so ``aggregate()`` runs one round: what is left of
    its time is the compute alone (counting, scoring, the quick rules, the table)."""
    import time

    spent = [0.0]
    depth = [0]
    originals = {n: getattr(audit_module, n) for n in ("_findings", "release_from_results")}
    replaced = dict(originals)
    if not finding:

        def nothing(releases: Any, *, options: bool) -> Any:
            return originals["_findings"]([], options=options)  # finds nothing in no release

        replaced["_findings"] = nothing

    def timed(fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            depth[0] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    spent[0] += time.perf_counter() - start

        return inner

    for name, fn in replaced.items():
        setattr(audit_module, name, timed(fn))

    def undo() -> None:
        for name, fn in originals.items():
            setattr(audit_module, name, fn)

    return spent, undo


def _audit_seconds(answers: int, rounds: int) -> Iterator[Line]:
    import time

    from wellbeing_framework.analysis.audit import audit, release_from_results

    results = aggregate(responses(answers))
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        found = audit([release_from_results(results)])
        seconds.append(time.perf_counter() - start)
    assert found.ok, "the library's own results pass its audit"
    # Fewer answers over the same teams leave more of them small: more hidden cells to solve.
    yield Line(
        f"audit-1000-groups-{answers:.0e}".replace("+0", ""),
        seconds,
        2.0,
        f"the exact audit of aggregate()'s results, 1,111 groups x 2 waves x 20 items, "
        f"{answers:,} answers ({found.hidden_checked} hidden cells solved)",
        unit=" s",
    )


def _audit_overhead(answers: int, rounds: int) -> Iterator[Line]:
    import time

    data = responses(answers)
    overhead = []
    for _ in range(rounds):
        spent, undo = _timing_audit()
        try:
            start = time.perf_counter()
            aggregate(data)
            total = time.perf_counter() - start
        finally:
            undo()
        overhead.append(total / (total - spent[0]))
    yield Line(
        f"audit-overhead-{answers:.0e}".replace("+0", ""),
        overhead,
        1.5,
        f"aggregate() / the same less its audit, {answers:,} answers",
    )


def _scale(answers: int, rounds: int) -> Iterator[Line]:
    """``aggregate()`` on the benchmark's 1,000 teams at sizes beyond the comparisons: seconds,
    the same less the audit, and peak memory beyond the responses (tracemalloc, which sees
    numpy's allocations) and of the whole process (the kernel's peak RSS, which also holds the
    responses and whatever ran before in this process)."""
    import resource
    import statistics
    import time

    data = responses(answers)
    seconds: list[float] = []
    audit: list[float] = []
    for _ in range(rounds):
        spent, undo = _timing_audit()
        try:
            start = time.perf_counter()
            aggregate(data)
            seconds.append(time.perf_counter() - start)
        finally:
            undo()
        audit.append(spent[0])
    tracemalloc.start()
    aggregate(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    size = f"{answers:.0e}".replace("+0", "")
    where = f"{answers:,} answers, 1,111 groups x 2 waves x 20 items"
    yield Line(
        f"scale-{size}-seconds",
        seconds,
        None,
        f"aggregate() wall time, {where} (the audit {statistics.median(audit):.2f} s of it)",
        unit=" s",
    )
    yield Line(
        f"scale-{size}-compute", _less(seconds, audit), None, "the same less the audit", unit=" s"
    )
    yield Line(
        f"scale-{size}-peak",
        [peak / 2**30],
        None,
        f"peak GiB allocated by aggregate() beyond the responses ({data.nbytes / 2**30:.1f} GiB); "
        f"peak RSS of the process {rss / 2**30:.1f} GiB",
        unit=" GiB",
    )


def _memory(answers: int) -> Iterator[Line]:
    data = responses(answers)
    results = aggregate(data)  # warm caches so only the call itself is measured
    tracemalloc.start()
    aggregate(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = f"{answers:.0e}".replace("+0", "")
    cells = int(results.table.mean.size)
    yield Line(
        f"memory-{size}-per-answer",
        [peak / data.n_answers],
        40.0,
        f"peak bytes allocated by aggregate() per answer ({peak / 1e6:.0f} MB), beyond the "
        f"responses ({data.nbytes / data.n_answers:.0f} B an answer)",
        unit=" B",
    )
    yield Line(
        f"memory-{size}-per-cell",
        [peak / cells],
        None,
        f"the same per published cell ({cells:,} cells: node x theme or item)",
        unit=" B",
    )


def measures(quick: bool) -> Iterator[Measure]:
    big = (1_000_000,) if quick else (10_000_000, 30_000_000)
    rounds = 3 if quick else 5
    for answers in big:
        size = f"{answers:.0e}".replace("+0", "")
        yield Measure(f"aggregate-{size}", lambda a=answers, r=rounds: _aggregate_against(a, r))
    crosstab = 100_000 if quick else 1_000_000
    yield Measure("teams-10k-by-role", lambda: _teams_by_role(crosstab, 3), limit=600)
    yield Measure("teams-10k-compute", lambda: _teams_compute(crosstab, 5))
    yield Measure("suppression-overhead", lambda: _suppression(3))
    for answers in (1_000_000,) if quick else (1_000_000, 10_000_000):
        yield Measure(
            f"audit-1000-groups-{answers:.0e}".replace("+0", ""),
            lambda answers=answers: _audit_seconds(answers, 3),
        )
    yield Measure("audit-overhead", lambda: _audit_overhead(1_000_000 if quick else 10_000_000, 3))
    yield Measure("memory", lambda: _memory(1_000_000 if quick else 10_000_000))
    # Beyond the comparisons, how far one machine goes: 10^9 answers need about 8 GiB.
    scales = () if quick else ((100_000_000, 3), (300_000_000, 2), (1_000_000_000, 1))
    for big_answers, big_rounds in scales:
        size = f"{big_answers:.0e}".replace("+0", "")
        yield Measure(f"scale-{size}", lambda a=big_answers, r=big_rounds: _scale(a, r), limit=1800)
