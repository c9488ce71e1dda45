"""The SHA-256 of a fixed set of reports made from seeded data, so that a change meant to make
the report side faster can be shown to leave every report the same to the byte.

The reports: the example crisis service (staff survey with the leaders' self-assessment, so
the I/We gap and the organisational survey; two rounds, so trends; hidden cells), the same
cross-tabulated by role and filtered to one role, the benchmarks' generated export of 20,000
rows through ``wellbeing report`` (import and all, with a fresh release ledger), and the
benchmarks' synthetic responses of 10^6 answers (1,000 teams, two waves, many hidden cells)
and 10^6 respondents x 20 items. Each is taken as JSON (as audited and written by the
command), Markdown and HTML, less the two large HTML pages.

Run ``python tools/report_digests.py --write`` on code known to be right, to record the
digests in ``tools/report_digests.txt``; ``--check`` makes the reports again and fails if any
differs. ``--small`` leaves out the reports of 10^6 answers and respondents (the test suite
checks the rest, quickly). A report a check finds different is written to the system's
temporary folder, as ``report_digests/<name>.new``, for ``cmp`` and ``diff``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import io
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wellbeing_framework.packs.catalog import Catalog
    from wellbeing_framework.render.report import Report

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = Path(__file__).with_suffix(".txt")
EXAMPLES = ROOT / "examples" / "data"
#: Where a report found different is written, to compare with the one recorded.
NEW = Path(tempfile.gettempdir()) / "report_digests"
PACK = "crisis-services"

#: What makes one report's text.
Maker = Callable[[], str]


def _benchmarks() -> None:
    """The benchmarks' data generators, importable (they live beside their runner)."""
    folder = str(ROOT / "benchmarks")
    if folder not in sys.path:
        sys.path.insert(0, folder)


def _catalog() -> Catalog:
    from wellbeing_framework.packs.manager import make_host

    return make_host().catalog()


def _example_report(**aggregate_options: Any) -> Report:
    """The example crisis service's report, as ``wellbeing demo`` makes it."""
    from wellbeing_framework.analysis.aggregate import aggregate
    from wellbeing_framework.analysis.gap import import_organisational
    from wellbeing_framework.analysis.importing import import_csv
    from wellbeing_framework.model.content import Scope
    from wellbeing_framework.render.report import make_report

    catalog = _catalog()

    def checklists(scope: Scope) -> list[str]:
        return [f"{PACK}:{c.id}" for c in catalog.checklists(PACK, scope=scope)]

    common: dict[str, Any] = {"catalog": catalog, "pack": PACK, "wave_column": "Survey round"}
    staff = import_csv(
        EXAMPLES / "staff-survey.csv",
        checklists=checklists(Scope.INDIVIDUAL),
        group_columns=["Service", "Team"],
        dimension_columns=["Role"],
        **common,
    )
    leaders = import_organisational(
        lambda people: import_csv(
            EXAMPLES / "leaders-self-assessment.csv",
            checklists=checklists(Scope.ORGANISATIONAL),
            group_columns=["Service"],
            rows_are_people=people,
            **common,
        )
    )
    results = aggregate(staff.responses, min_group_size=10, **aggregate_options)
    return make_report(
        results,
        catalog=catalog,
        reconciliation=staff.reconciliation,
        organisational=leaders.responses,
        organisational_reconciliation=leaders.reconciliation,
        title="Staff wellbeing: the example crisis service",
        source="Synthetic example data",
    )


def _synthetic_report(answers: int) -> Report:
    """A report of the benchmarks' synthetic responses (1,000 teams, two waves)."""
    _benchmarks()
    from bench_analysis import CATALOG, responses

    from wellbeing_framework.analysis.aggregate import aggregate
    from wellbeing_framework.render.report import make_report

    results = aggregate(responses(answers), min_group_size=10)
    return make_report(results, catalog=CATALOG, title="Synthetic", source="bench_analysis")


def _json(make: Callable[[], Report]) -> Maker:
    def text() -> str:
        from wellbeing_framework.render.report_json import (
            audited_report_json,
            audited_report_text,
            json_text,
            report_json_text,
        )

        # As the command writes it, audited; and each other way there is.
        report = make()
        written = audited_report_text(report)
        data = audited_report_json(report)
        for other in (json_text(data, report), json_text(data), report_json_text(report)):
            if other != written:
                raise SystemExit("the ways of writing a report's JSON text disagree")
        return written

    return text


def _markdown(make: Callable[[], Report]) -> Maker:
    def text() -> str:
        from wellbeing_framework.render.report_markdown import report_markdown

        return report_markdown(make())

    return text


def _html(make: Callable[[], Report]) -> Maker:
    def text() -> str:
        from wellbeing_framework.render.report_html import report_html

        return report_html(make())

    return text


def _command_report() -> str:
    """``wellbeing report`` of the benchmarks' export of 20,000 rows, with a fresh ledger."""
    _benchmarks()
    from bench_analysis import CHECKLISTS, bench_pack
    from bench_endtoend import LEVELS, write_export

    from wellbeing_framework.cli import main
    from wellbeing_framework.packs.writer import write_pack

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_export(folder / "export.csv", 20_000)
        write_pack(bench_pack(), folder / "pack")
        argv = [
            "--pack-dir",
            str(folder / "pack"),
            "report",
            str(folder / "export.csv"),
            "--checklist",
            ",".join(CHECKLISTS),
            "--group-columns",
            ",".join(LEVELS),
            "--wave-column",
            "Wave",
            "--format",
            "json",
            "-o",
            str(folder / "report.json"),
            "--ledger",
            str(folder / "ledger.sqlite3"),
        ]
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        if code:
            raise SystemExit(f"wellbeing report failed with code {code}")
        return (folder / "report.json").read_text(encoding="utf-8")


def reports(small: bool) -> Iterator[tuple[str, Maker]]:
    """Each report's name and the function that makes its text."""
    # Each report is made once for its three texts (the JSON first, from fresh results).
    example = functools.cache(_example_report)
    by_role = functools.cache(lambda: _example_report(by=["Role"]))
    nurses = functools.cache(lambda: _example_report(where={"Role": "Nurse"}))
    for name, make in (("example", example), ("example-by-role", by_role), ("nurses", nurses)):
        yield f"{name}.json", _json(make)
        yield f"{name}.md", _markdown(make)
        yield f"{name}.html", _html(make)
    yield "command-20k.json", _command_report
    if not small:
        teams = functools.cache(lambda: _synthetic_report(1_000_000))
        people = functools.cache(lambda: _synthetic_report(20_000_000))
        yield "synthetic-1e6-answers.json", _json(teams)
        yield "synthetic-1e6-answers.md", _markdown(teams)
        yield "synthetic-1e6-respondents.json", _json(people)
        yield "synthetic-1e6-respondents.md", _markdown(people)


def digests(small: bool) -> dict[str, str]:
    out = {}
    for name, make in reports(small):
        out[name] = hashlib.sha256(make().encode("utf-8")).hexdigest()
    return out


def read_digests() -> dict[str, str]:
    """The recorded digests, by report name."""
    lines = DIGESTS.read_text(encoding="utf-8").splitlines()
    pairs = (line.split() for line in lines if line.strip())
    return {name: digest for digest, name in pairs}


def check(small: bool) -> list[str]:
    """The names of the reports whose text differs from the digest recorded; each such
    report is written to ``NEW`` as ``<name>.new``."""
    recorded = read_digests()
    differ = []
    for name, make in reports(small):
        text = make()
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != recorded.get(name):
            differ.append(name)
            NEW.mkdir(exist_ok=True)
            (NEW / f"{name}.new").write_text(text, encoding="utf-8")
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="record the digests")
    mode.add_argument("--check", action="store_true", help="check the reports against them")
    parser.add_argument("--small", action="store_true", help="only the small reports")
    args = parser.parse_args(argv)
    if args.write:
        found = digests(args.small)
        if args.small and DIGESTS.exists():
            found = {**read_digests(), **found}
        DIGESTS.write_text(
            "".join(f"{digest}  {name}\n" for name, digest in found.items()), encoding="utf-8"
        )
        print(f"wrote {len(found)} digests to {DIGESTS}")
        return 0
    differ = check(args.small)
    for name in differ:
        print(f"differs: {name} (written as {NEW / (name + '.new')})")
    print("all reports as recorded" if not differ else f"{len(differ)} reports differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
