"""From a forms export on disk to a JSON report, against DuckDB doing the same; and reading a
quoted export against pyarrow's own CSV reader.

The export is written as Google Forms writes one: every field quoted, a Timestamp, an email and
a name (which the library drops as identifying), Organisation, Service and Team (10 x 10 x
1,000 teams of very uneven sizes, rows in random order), Wave (two) and 20 items as scale labels,
about 5% blank.

- ``end-to-end-1e6``: ``wellbeing report export.csv ... --format json`` (a fresh process: start-up,
  packs, import, aggregate with suppression and the exact audit, the report, the audit again
  before writing, a fresh release ledger) over a fresh Python process running DuckDB: read the
  CSV, labels to scores, ``GROUPING SETS`` over the four levels x wave, n and per item the mean
  and answered count, blanked under the minimum of 10, ``COPY ... TO`` JSON. Wall time, goal
  1.0; peak resident memory (each process's own, measured by a small launcher: see
  ``_LAUNCHER``), goal 2.0. The numbers both
  publish are checked equal where both show them.
- ``end-to-end-1e6-parquet``: the same from the same export written as Parquet (every column
  text), DuckDB reading it with ``read_parquet``: the library reads it in batches (no goal of its
  own; the issue's goals are for the CSV).
- ``import-quoted-100k``: ``import_csv()`` of the 100,000-row quoted export over
  ``pyarrow.csv.read_csv`` of the same file (every column, its default threads). Goal 1.5.

Quick mode: 20,000 rows, one round.

Before the rounds the library and the installed packs are compiled to bytecode, as pip does for
an installed package: an editable install has none, and with ``PYTHONDONTWRITEBYTECODE`` set (as
on this project's machines) every ``wellbeing`` run compiled the library from source, about
0.7 s that no user of an installed package pays. DuckDB's side is an installed package. The
command is then run once, so that the packs are in its cache (``WELLBEING_CACHE_DIR``, a folder
of the benchmark's own), as they are from a user's second report on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from bench_analysis import CATALOG, CHECKLISTS, ITEMS, LABELS, MINIMUM, bench_pack
from run import Line, Measure, interleaved, ratios

LEVELS = ("Organisation", "Service", "Team")


def write_export(path: Path, rows: int, *, seed: int = 5) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    weight = rng.gamma(0.6, size=1000)
    team = rng.choice(1000, size=rows, p=weight / weight.sum())

    def labels(names: list[str], codes: Any) -> Any:
        return pa.array(names).take(pa.array(codes))

    columns: dict[str, Any] = {
        "Timestamp": labels(["2025-03-01 09:30:00"], np.zeros(rows, dtype=np.int32)),
        "Email Address": pa.array([f"p{r}@example.org" for r in range(rows)]),
        "Name": pa.array([f"Person {r}" for r in range(rows)]),
        "Organisation": labels([f"Org {o:02d}" for o in range(10)], team // 100),
        "Service": labels([f"Service {s:03d}" for s in range(100)], team // 10),
        "Team": labels([f"Team {t:04d}" for t in range(1000)], team),
        "Wave": labels(["2024", "2025"], rng.integers(0, 2, size=rows)),
    }
    answers = rng.integers(0, 5, size=(rows, len(ITEMS)))
    blank = rng.random((rows, len(ITEMS))) < 0.05
    for j, item in enumerate(ITEMS):
        codes = pa.array(answers[:, j], mask=blank[:, j])
        columns[item.text] = pa.array(LABELS).take(codes)
    options = pacsv.WriteOptions(quoting_style="all_valid")
    pacsv.write_csv(pa.table(columns), str(path), write_options=options)


def write_parquet(csv_export: Path, path: Path) -> None:
    """The same export as Parquet, every column text (as a forms tool's CSV is)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = pacsv.read_csv(csv_export)
    table = table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
    pq.write_table(table, path)


def duckdb_script(export: Path, out: Path, k: int = MINIMUM) -> str:
    """A Python program that makes the same table with DuckDB and writes it as JSON."""
    source = (
        f"read_parquet('{export}')"
        if export.suffix == ".parquet"
        else f"read_csv('{export}', all_varchar = true, header = true)"
    )
    cases = " ".join(f"WHEN '{label}' THEN {score}" for score, label in enumerate(LABELS, 1))
    scored = ", ".join(
        f'CASE "{item.text}" {cases} END::TINYINT AS i{j}' for j, item in enumerate(ITEMS)
    )
    shown = f"count(*) >= {k}"
    per_item = ", ".join(
        f"CASE WHEN {shown} AND count(i{j}) >= {k} THEN avg(i{j}) END AS mean{j}, "
        f"CASE WHEN {shown} AND count(i{j}) >= {k} THEN count(i{j}) END AS answered{j}"
        for j in range(len(ITEMS))
    )
    sets = ", ".join(
        ["(Wave)", *(f"(Wave, {', '.join(LEVELS[: d + 1])})" for d in range(len(LEVELS)))]
    )
    query = (
        f"COPY (WITH scored AS (SELECT {', '.join(LEVELS)}, Wave, {scored} "
        f"FROM {source}) "
        f"SELECT {', '.join(LEVELS)}, Wave, CASE WHEN {shown} THEN count(*) END AS n, {per_item} "
        f"FROM scored GROUP BY GROUPING SETS ({sets})) TO '{out}' (FORMAT json, ARRAY true)"
    )
    return f"import duckdb\nduckdb.connect().execute({query!r})\n"


def compile_library() -> None:
    """Bytecode for the library and the installed packs, written where Python looks for it."""
    import compileall
    import importlib.metadata
    import importlib.util

    import wellbeing_framework

    folders = {Path(wellbeing_framework.__file__).parent}
    for entry in importlib.metadata.entry_points(group="wellbeing_framework"):
        spec = importlib.util.find_spec(entry.module.split(".")[0])
        if spec is not None and spec.origin:
            folders.add(Path(spec.origin).parent)
    for folder in sorted(folders):
        compileall.compile_dir(str(folder), quiet=1)


#: Runs a command and writes its wall seconds and peak resident bytes. A process forked from
#: this one starts with this one's peak (Linux keeps the high-water mark across ``exec``), and
#: this one holds the export it wrote: a 10 MB child of an 800 MB parent reported 810 MB, so
#: every child was measured as at least as large as the benchmark itself. The launcher is a
#: small interpreter, and what it reports is its own child's peak.
_LAUNCHER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL).returncode\n"
    "elapsed = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
    "open(sys.argv[1], 'w').write(f'{elapsed} {peak}')\n"
    "sys.exit(code)\n"
)


def _child(argv: list[str], log: Path) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of one child process, started by a small launcher
    so that its peak is its own (see ``_LAUNCHER``)."""
    figures = log.with_suffix(".figures")
    with log.open("wb") as err:
        done = subprocess.run([sys.executable, "-c", _LAUNCHER, str(figures), *argv], stderr=err)
    if done.returncode:
        raise RuntimeError(f"{argv[:4]} failed:\n{log.read_text(errors='replace')[-2000:]}")
    elapsed, peak = figures.read_text().split()
    return float(elapsed), int(peak)


def check_same(library_json: Path, duckdb_json: Path) -> tuple[int, int]:
    """Where both show a node, n, and each item's mean and answered count agree. Returns the
    nodes each shows."""
    report = json.loads(library_json.read_text(encoding="utf-8"))
    duck = json.loads(duckdb_json.read_text(encoding="utf-8"))
    theirs = {
        (tuple(row[c] for c in LEVELS if row[c] is not None), row["Wave"]): row for row in duck
    }
    column = {f"{i.checklist.split(':')[0]}:{i.id}": j for j, i in enumerate(ITEMS)}
    shown = {(tuple(g["group"]), g["wave"]): g["n"] for g in report["groups"] if g["n"]}
    for key, n in shown.items():
        assert theirs[key]["n"] == n, f"n of {key} agrees with DuckDB"
    for cell in report["cells"]:
        j = column.get(cell["element"])
        key = (tuple(cell["group"]), cell["wave"])
        if j is None or cell["mean"] is None:
            continue
        row = theirs[key]
        assert row[f"answered{j}"] == cell["answered"], f"answered of {key} agrees"
        assert abs(row[f"mean{j}"] - cell["mean"]) < 1e-9, f"mean of {key} agrees"
    return len(shown), sum(1 for row in duck if row["n"] is not None)


def _end_to_end(rows: int, rounds: int, *, parquet: bool = False) -> Iterator[Line]:
    from wellbeing_framework.packs.writer import write_pack

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = folder / "export.csv"
        write_export(export, rows)
        if parquet:
            write_parquet(export, folder / "export.parquet")
            export.unlink()
            export = folder / "export.parquet"
        write_pack(bench_pack(), folder / "pack")
        ours_out, duck_out = folder / "report.json", folder / "duckdb.json"
        ledger = folder / "ledger.sqlite3"
        library = [
            sys.executable,
            "-m",
            "wellbeing_framework",
            "--pack-dir",
            str(folder / "pack"),
            "report",
            str(export),
            "--checklist",
            ",".join(CHECKLISTS),
            "--group-columns",
            ",".join(LEVELS),
            "--wave-column",
            "Wave",
            "--format",
            "json",
            "-o",
            str(ours_out),
            "--ledger",
            str(ledger),
        ]
        script = folder / "duck.py"
        script.write_text(duckdb_script(export, duck_out), encoding="utf-8")
        reference = [sys.executable, str(script)]
        figures: dict[str, list[tuple[float, int]]] = {"ours": [], "duck": []}

        def ours() -> None:
            ledger.unlink(missing_ok=True)  # a first report of this data, every round
            figures["ours"].append(_child(library, folder / "ours.log"))

        def duck() -> None:
            figures["duck"].append(_child(reference, folder / "duck.log"))

        compile_library()
        # The packs read once and kept, as on a user's second report (packs/_cache.py): in a
        # cache of the benchmark's own, filled by one run before the rounds.
        before = os.environ.get("WELLBEING_CACHE_DIR")
        os.environ["WELLBEING_CACHE_DIR"] = str(folder / "cache")
        try:
            ours()
            figures["ours"].clear()
            interleaved([ours, duck], rounds)
        finally:
            if before is None:
                del os.environ["WELLBEING_CACHE_DIR"]
            else:
                os.environ["WELLBEING_CACHE_DIR"] = before
        ours_nodes, duck_nodes = check_same(ours_out, duck_out)
        size = export.stat().st_size
    (lib_s, lib_m), (db_s, db_m) = (list(zip(*figures[s], strict=True)) for s in ("ours", "duck"))
    name = f"end-to-end-{rows:.0e}".replace("+0", "") + ("-parquet" if parquet else "")
    yield Line(
        name,
        ratios(lib_s, db_s),
        None if parquet else 1.0,
        f"wellbeing report / DuckDB, {'Parquet' if parquet else 'CSV'} ({size / 1e6:.0f} MB, "
        f"{rows:,} rows) to JSON, wall "
        f"(medians {np.median(lib_s):.2f} / {np.median(db_s):.2f} s; nodes shown "
        f"{ours_nodes} / {duck_nodes})",
    )
    yield Line(
        f"{name}-memory",
        ratios(lib_m, db_m),
        None if parquet else 2.0,
        f"the same, peak resident memory (medians {np.median(lib_m) / 1e6:.0f} / "
        f"{np.median(db_m) / 1e6:.0f} MB)",
    )


def _import_quoted(rows: int, rounds: int) -> Iterator[Line]:
    import pyarrow.csv as pacsv

    from wellbeing_framework.analysis.importing import ImportOptions, import_csv

    options = ImportOptions(checklists=CHECKLISTS, group_columns=LEVELS, wave_column="Wave")
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.csv"
        write_export(export, rows)
        imported = import_csv(export, options, catalog=CATALOG)
        assert imported.reconciliation.rows_accepted == rows, "every row is read"
        lib, ref = interleaved(
            [lambda: import_csv(export, options, catalog=CATALOG), lambda: pacsv.read_csv(export)],
            rounds,
        )
    yield Line(
        f"import-quoted-{rows // 1000}k",
        ratios(lib, ref),
        1.5,
        "import_csv() / pyarrow.csv.read_csv of the same export, every field quoted",
    )


def measures(quick: bool) -> Iterator[Measure]:
    yield Measure(
        "end-to-end", lambda: _end_to_end(20_000 if quick else 1_000_000, 1 if quick else 3)
    )
    yield Measure(
        "end-to-end-parquet",
        lambda: _end_to_end(20_000 if quick else 1_000_000, 1 if quick else 3, parquet=True),
    )
    yield Measure(
        "import-quoted", lambda: _import_quoted(20_000 if quick else 100_000, 3 if quick else 7)
    )
