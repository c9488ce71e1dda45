"""``wellbeing demo``: the whole results journey on the example data, in one command.

It lists the installed packs, imports the synthetic staff survey and leaders' self-assessment in
``examples/data/`` (made by ``examples/data/generate.py``), aggregates them privately, and writes
the HTML report, a Markdown summary, the JSON report and a facilitator sheet for a reflective
supervision on the weakest theme; then it says where each file went. The report is recorded in
the release ledger, like any report ``wellbeing report`` writes.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import write_atomic
from ..errors import WellbeingError
from . import _ledger
from ._context import Context, require

if TYPE_CHECKING:
    from ..analysis.import_result import ImportResult
    from ..model.content import Scope
    from ..packs.catalog import Catalog
    from ..render.facilitator import SessionFocus
    from ..render.report import Report

PACK = "crisis-services"
STAFF_FILE = "staff-survey.csv"
LEADERS_FILE = "leaders-self-assessment.csv"
SESSION_TYPE = f"{PACK}:reflective-supervision"
MODEL = "gibbs-reflective-cycle"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the whole results journey on the example data and write the reports",
        description=(
            "Import the example staff survey and leaders' self-assessment shipped with the "
            "project (synthetic: nobody in them exists), score and aggregate them with the "
            "minimum group size of 10, and write: report.html (the full report, one "
            "self-contained page), summary.md (a short summary), report.json (the results for "
            "other tools) and facilitator-sheet.html and .md (a reflective supervision on the "
            "weakest theme). Needs the crisis-services pack."
        ),
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default="out",
        help="the folder to write to (default: out, in the current folder)",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="the folder holding the example CSVs (default: those installed with the package, "
        "or examples/data of the project in a clone)",
    )
    parser.add_argument(
        "--ledger",
        metavar="FILE",
        help="the release ledger the report is recorded in, so that later reports of the same "
        "data are safe together with it (default: $WELLBEING_LEDGER, else ledger.sqlite3 in "
        "your data folder)",
    )
    parser.set_defaults(run=run)


def packaged_data() -> Path | None:
    """The example data inside the installed package (a wheel has it in ``_demo_data``), or
    None where the package is not a folder of files (an editable install, a zip)."""
    from importlib.resources import files

    folder = files("wellbeing_framework") / "_demo_data"
    return folder if isinstance(folder, Path) else None


def _data_folder(given: str | None) -> Path:
    if given:
        candidates = [Path(given)]
    else:
        # Installed from a wheel, the data is in the package. In a clone (an editable install)
        # it is in examples/data of the project, four folders up from this file.
        candidates = [
            *filter(None, [packaged_data()]),
            Path(__file__).resolve().parents[3] / "examples" / "data",
        ]
    for folder in candidates:
        if (folder / STAFF_FILE).is_file() and (folder / LEADERS_FILE).is_file():
            return folder
    where = ", ".join(str(c) for c in candidates)
    raise WellbeingError(
        f"the example data ({STAFF_FILE} and {LEADERS_FILE}) is not in {where}: reinstall "
        "wellbeing-framework (its wheel holds the data), or pass --data with the folder that "
        "holds them"
    )


def _write(path: Path, text: str, inputs: Iterable[Path]) -> None:
    write_atomic(path, text, what="demo output", inputs=inputs)


def _checklists(catalog: Catalog, scope: Scope) -> list[str]:
    """Every checklist of the pack of one scope (a theme may have several, one per scale)."""
    return [f"{PACK}:{c.id}" for c in catalog.checklists(PACK, scope=scope)]


def _list_packs(ctx: Context) -> Catalog:
    """Print the installed packs, and return the catalog once the demo's pack is in it."""
    loaded = ctx.host().load()
    print("Installed packs:", file=ctx.out)
    width = max((len(lp.pack.id) for lp in loaded.packs), default=0)
    for lp in sorted(loaded.packs, key=lambda lp: lp.pack.id):
        print(f"  {lp.pack.id:<{width}}  {lp.pack.version:<7}  {lp.pack.title}", file=ctx.out)
    catalog = ctx.catalog()
    if PACK not in catalog:
        raise WellbeingError(
            f"the demo needs the {PACK!r} pack, which is not loaded: install it "
            "(pip install wellbeing-pack-crisis-services; in a clone, 'make demo' does)"
        )
    return catalog


def _import_both(data: Path, catalog: Catalog, ctx: Context) -> tuple[ImportResult, ImportResult]:
    """Import the staff survey and the leaders' self-assessment, saying what each held."""
    from ..analysis.gap import import_organisational
    from ..analysis.importing import import_csv
    from ..model.content import Scope

    common: dict[str, Any] = {
        "catalog": catalog,
        "pack": PACK,
        "wave_column": "Survey round",
    }
    staff = import_csv(
        data / STAFF_FILE,
        checklists=_checklists(catalog, Scope.INDIVIDUAL),
        group_columns=["Service", "Team"],
        **common,
    )
    leaders = import_organisational(
        lambda people: import_csv(
            data / LEADERS_FILE,
            checklists=_checklists(catalog, Scope.ORGANISATIONAL),
            group_columns=["Service"],
            rows_are_people=people,
            **common,
        )
    )
    for rec in (staff.reconciliation, leaders.reconciliation):
        print(
            f"Imported {rec.source}: {rec.rows_read} rows read, {rec.rows_accepted} accepted, "
            f"{rec.rows_rejected} rejected",
            file=ctx.out,
        )
    return staff, leaders


def _out_folder(given: str) -> Path:
    out = Path(given)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WellbeingError(f"{out}: cannot make the folder: {exc.strerror}") from None
    return out


def _focus(report: Report, catalog: Catalog, ctx: Context) -> SessionFocus | None:
    """The facilitator sheet's focus: the weakest theme, named with its score, its own prompts
    first (the sheet adds the type's and Gibbs' reflective cycle's after them)."""
    from ..model.content import Theme
    from ..render.facilitator import SessionFocus
    from ..render.scores import score_text

    priorities = report.priorities
    weakest = priorities.themes[0] if priorities and priorities.themes else None
    if weakest is None:
        return None
    theme = catalog.element(weakest.theme)
    prompts = tuple(p.text for p in theme.prompts) if isinstance(theme, Theme) else ()
    band = f" ({weakest.band})" if weakest.band else ""
    wave = priorities.wave if priorities else None
    when = f" in {wave}" if wave else ""
    print(
        f"Weakest theme: {weakest.title} ({score_text(weakest.normalised)} out of 100)",
        file=ctx.out,
    )
    return SessionFocus(
        title=weakest.title,
        why=(
            f"In the staff survey{when}, this theme scored {score_text(weakest.normalised)} "
            f"out of 100{band} for everyone: the weakest of the {len(report.results.themes)} "
            "themes (see the report's priorities). This supervision gives it the first part of "
            "its time."
        ),
        prompts=prompts,
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from ..analysis.aggregate import aggregate
    from ..analysis.ledger import Ledger, default_ledger_path
    from ..render.facilitator import facilitator_html, facilitator_markdown
    from ..render.report import make_report
    from ..render.report_html import report_html
    from ..render.report_json import audited_report_text
    from ..render.report_markdown import report_markdown
    from ..sessions.plan import plan_session

    data = _data_folder(args.data)  # before anything is printed: without it nothing can run
    require("numpy", "highspy")  # nor without the report extra, which main() names
    catalog = _list_packs(ctx)
    staff, leaders = _import_both(data, catalog, ctx)

    # Through the release ledger, as 'wellbeing report' is: a later report of the same data,
    # with other options, is suppressed so that it and this one are safe together.
    ledger_path = Path(args.ledger) if args.ledger else default_ledger_path()
    staff_path, leaders_path = str(data / STAFF_FILE), str(data / LEADERS_FILE)
    with Ledger(ledger_path) as ledger:
        prior = _ledger.prior(ledger, staff_path, staff, leaders_path, leaders)
    results = aggregate(staff.responses, min_group_size=10, earlier=prior.earlier)
    report = make_report(
        results,
        catalog=catalog,
        reconciliation=staff.reconciliation,
        organisational=leaders.responses,
        organisational_reconciliation=leaders.reconciliation,
        title="Staff wellbeing: the example crisis service",
        source=f"Synthetic example data: {STAFF_FILE}, {LEADERS_FILE}",
        organisational_earlier=prior.organisational,
    )

    # No report is written that fails the privacy audit, alone or with the earlier ones.
    published = audited_report_text(report, prior.earlier, prior.organisational)

    out = _out_folder(args.out)
    written: list[tuple[Path, str]] = []
    inputs = (data / STAFF_FILE, data / LEADERS_FILE)
    for name, text, what in (
        ("report.html", report_html(report), "the full report: open it in a browser, or print it"),
        ("summary.md", report_markdown(report, summary=True), "a short summary in Markdown"),
        ("report.json", published, "the results as JSON, for other tools"),
    ):
        _write(out / name, text, inputs)
        written.append((out / name, what))

    plan = plan_session(catalog, SESSION_TYPE, model=MODEL)
    focus = _focus(report, catalog, ctx)
    sheet = out / "facilitator-sheet.html"
    _write(sheet, facilitator_html(plan, focus=focus), inputs)
    _write(sheet.with_suffix(".md"), facilitator_markdown(plan, focus=focus), inputs)
    about = "a facilitator sheet for a reflective supervision on the weakest theme"
    written += [(sheet, about), (sheet.with_suffix(".md"), "the same sheet in Markdown")]

    with Ledger(ledger_path) as ledger:
        entry = _ledger.record(
            ledger, prior, published, f"{report.title} (demo) -> {out / 'report.json'}"
        )
    print(f"Recorded in the release ledger {ledger_path} as entry {entry}", file=ctx.out)
    print("Wrote:", file=ctx.out)
    width = max(len(str(p)) for p, _ in written)
    for path, what in written:
        print(f"  {path!s:<{width}}  {what}", file=ctx.out)
    return 0
