"""Importing the library against importing what it imports, each in a fresh interpreter; and
importing exports (a spreadsheet, a CSV whose layout is recognised, a CSV with a ragged row)
against the reader's own time or the same import told what it would work out.

- ``import``: ``from wellbeing_framework import Pack, make_host, Catalog`` (what a pack author or
  an application writes first; a bare ``import wellbeing_framework`` loads nothing, names load
  on first use) over importing the packages from outside the standard library that the same
  statement loads, found by running it (today attrs and pluggy: cattrs and markdown-it-py load
  only when something is converted or rendered). Fresh interpreters, the two statements
  interleaved round by round. Goal 1.3.

  Both sides run with their bytecode cached, as an installed package has it: the children are
  started without ``PYTHONDONTWRITEBYTECODE`` and each statement runs once before the timed
  rounds. (With that variable set, as on this project's machines, the library's modules were
  compiled from source on every start, which doubled its time; the dependencies pip installed
  had theirs.) The bytecode goes to ``__pycache__`` folders, which git ignores.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from run import Line, Measure, ratios

LIBRARY = "from wellbeing_framework import Pack, make_host, Catalog"

#: Prints the outside packages a statement loads (top-level names not in the standard library).
_OUTSIDE = (
    "import sys; before = set(sys.modules); {code}; "
    "print(','.join(sorted({{m.split('.')[0] for m in set(sys.modules) - before}} "
    "- set(sys.stdlib_module_names) - {{'wellbeing_framework'}})))"
)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)  # a prefix slows every import several-fold
    return env


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_environment()
    )
    return out.stdout.strip()


def dependencies() -> str:
    """``import ...`` of the outside packages the library's statement loads."""
    return "import " + ", ".join(_run(_OUTSIDE.format(code=LIBRARY)).split(","))


def _import_seconds(code: str) -> float:
    """The time a fresh interpreter takes to run ``code``, timed inside it (start-up aside)."""
    return float(_run(f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"))


def _import(rounds: int) -> Iterator[Line]:
    deps = dependencies()
    for code in (LIBRARY, deps):
        _import_seconds(code)  # bytecode written, as an installed package has it
    lib: list[float] = []
    ref: list[float] = []
    for r in range(rounds):
        pair = [(LIBRARY, lib), (deps, ref)]
        for code, into in pair if r % 2 == 0 else pair[::-1]:
            into.append(_import_seconds(code))
    yield Line(
        "import",
        ratios(lib, ref),
        1.3,
        f"{LIBRARY} / {deps}, fresh interpreters (medians "
        f"{1000 * statistics.median(lib):.0f} / {1000 * statistics.median(ref):.0f} ms)",
    )


def measures(quick: bool) -> Iterator[Measure]:
    yield Measure("import", lambda: _import(5 if quick else 15))
    yield Measure("import-exports", lambda: _exports(quick))


# -- reading exports ------------------------------------------------------------------------
#
# - ``import-xlsx-100k``: ``import_csv()`` of a 100,000-row Microsoft Forms .xlsx over
#   fastexcel's own read of the same sheet (every cell as text, into Arrow). Target 2.0.
# - ``import-auto-detect``: a 100,000-row Google Forms CSV (every field quoted) imported with
#   the layout and encoding recognised, over the same import told both. Target 1.05.
# - ``import-one-ragged-row``: the same CSV with one row of the wrong length over the file
#   without it: the row is rejected on an ordered pass, not on the slow parser. Target 2.5.
#
# Rounds are interleaved (library, reference, library, ...), so a machine busy for a moment
# slows both; each line prints the median ratio and the range over the rounds.

ROWS = 100_000
LABELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def _catalog() -> Any:
    from wellbeing_framework.model.content import Checklist, ChecklistItem, Pack, Scope, Theme
    from wellbeing_framework.packs.catalog import Catalog

    checklist = Checklist(
        id="check",
        title="Checklist",
        theme="theme",
        scope=Scope.INDIVIDUAL,
        scale="agree-5",
        items=tuple(
            ChecklistItem(id=f"item-{i}", text=f"Statement {i} about work.") for i in range(20)
        ),
    )
    pack = Pack(
        id="bench",
        title="Bench",
        version="1",
        summary="x",
        themes=(Theme(id="theme", title="Theme"),),
        checklists=(checklist,),
    )
    return Catalog([pack])


def _rows(rows: int) -> Iterator[list[str]]:
    import random

    rng = random.Random(7)
    for r in range(rows):
        team = rng.randrange(1000)
        yield [
            f"p{r}@example.org",
            f"Person {r}",
            f"Service {team // 100}",
            f"Team {team}",
            *("" if rng.random() < 0.05 else rng.choice(LABELS) for _ in range(20)),
        ]


HEADINGS = [f"Statement {i} about work." for i in range(20)]


def _write_xlsx(path: Path, rows: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Sheet1")
    head = ["ID", "Start time", "Completion time", "Email", "Name", "Service", "Team", *HEADINGS]
    sheet.write_row(0, 0, head)
    for r, row in enumerate(_rows(rows), start=1):
        sheet.write_row(r, 0, [r, "3/3/25 9:00:00", "3/3/25 9:06:00", *row])
    workbook.close()


def _write_csv(path: Path, rows: int, *, ragged_at: int | None = None) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL)
        writer.writerow(["Timestamp", "Email Address", "Name", "Service", "Team", *HEADINGS])
        for r, row in enumerate(_rows(rows)):
            cells = ["2025-03-03 09:00:00", *row]
            writer.writerow([*cells, "surplus"] if r == ragged_at else cells)


def _interleaved(
    ours: Callable[[], object], reference: Callable[[], object], rounds: int
) -> list[float]:
    """Ours over the reference's time, per interleaved round."""
    from run import interleaved

    return ratios(*interleaved([ours, reference], rounds))


def _exports(quick: bool) -> Iterator[Line]:
    import tempfile

    import fastexcel

    from wellbeing_framework.analysis.importing import ImportOptions, import_csv

    rows = 20_000 if quick else ROWS
    rounds = 3 if quick else 5
    catalog = _catalog()
    options = ImportOptions(checklists=["bench:check"], group_columns=["Service", "Team"])
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "forms.xlsx"
        _write_xlsx(sheet, rows)
        figures = _interleaved(
            lambda: import_csv(sheet, options, catalog=catalog),
            lambda: (
                fastexcel.read_excel(sheet)
                .load_sheet(0, header_row=None, dtypes="string")
                .to_arrow()
            ),
            rounds,
        )
        yield Line(
            "import-xlsx-100k", figures, 2.0, "import_csv() of a Forms .xlsx / fastexcel's read"
        )
        export = Path(folder) / "google.csv"
        _write_csv(export, rows)
        told = ImportOptions(
            checklists=["bench:check"],
            group_columns=["Service", "Team"],
            layout="googleforms",
            encoding="utf-8",
        )
        figures = _interleaved(
            lambda: import_csv(export, options, catalog=catalog),
            lambda: import_csv(export, told, catalog=catalog),
            rounds * 2,
        )
        yield Line(
            "import-auto-detect",
            figures,
            1.05,
            "import_csv() recognising layout and encoding / told both",
        )
        ragged = Path(folder) / "ragged.csv"
        _write_csv(ragged, rows, ragged_at=rows // 2)
        figures = _interleaved(
            lambda: import_csv(ragged, options, catalog=catalog),
            lambda: import_csv(export, options, catalog=catalog),
            rounds,
        )
        yield Line(
            "import-one-ragged-row",
            figures,
            2.5,
            "import_csv() of a CSV with one ragged row / without it",
        )
