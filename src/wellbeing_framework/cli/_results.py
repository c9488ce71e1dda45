"""``wellbeing report`` and ``wellbeing import``: self-assessment results from a forms export.

``report`` imports a forms export (Microsoft Forms, Google Forms, Qualtrics, SurveyMonkey,
LimeSurvey or a plain CSV or spreadsheet; the layout is recognised from its header), scores
and aggregates it privately, and writes a report in HTML, Markdown or JSON. ``import --check``
only reads the file and says what it made of every row and column, so a file can be put right
before any result is shared.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.aggregate import DEFAULT_MIN_GROUP_SIZE, FLOOR_MIN_GROUP_SIZE
from ..analysis.gap import ORGANISATIONAL_MODES
from ..analysis.options import Layout
from ..errors import WellbeingError
from . import _ledger
from ._context import Context, require
from ._output import add_output_option, output_format, printable, write_output

if TYPE_CHECKING:
    from ..analysis.import_result import ImportResult
    from ..analysis.ledger import FileHashing, Ledger
    from ..packs.catalog import Catalog
    from ..render.report import Report

_FORMATS = ("html", "md", "json")


def _names(text: str) -> list[str]:
    """A comma-separated list of names, each stripped; empty names dropped."""
    return [n.strip() for n in text.split(",") if n.strip()]


def _add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help=(
            "the export of a forms tool: a CSV file, a spreadsheet (.xlsx, .ods), or a Parquet "
            "or Arrow file (.parquet, .arrow, .feather), read in batches"
        ),
    )
    parser.add_argument(
        "--pack",
        metavar="ID",
        help="the pack the checklists come from (for checklist ids given without a pack)",
    )
    parser.add_argument(
        "--checklist",
        metavar="ID[,ID...]",
        required=True,
        help="the checklist or checklists the file answers, as ID or PACK:ID, comma-separated",
    )
    parser.add_argument(
        "--group-columns",
        metavar="A,B",
        required=True,
        help="the columns naming each person's group, top level first (e.g. Service,Team)",
    )
    waves = parser.add_mutually_exclusive_group()
    waves.add_argument(
        "--wave-column", metavar="C", help="the column naming the survey round of each row"
    )
    waves.add_argument("--wave", metavar="W", help="one survey round for every row of the file")
    parser.add_argument(
        "--mapping",
        metavar="FILE",
        help="a CSV (column,item) or TOML file matching column headings to item ids, for "
        "columns whose heading is neither an item's id nor its wording",
    )
    parser.add_argument(
        "--identifier-columns",
        metavar="A,B",
        default="",
        help="more columns that identify people, to drop (name, email and response id columns "
        "are dropped anyway)",
    )
    parser.add_argument(
        "--respondent-column",
        metavar="C",
        help="a column of opaque respondent tokens, used only to refuse a second response from "
        "one person in one round, then dropped",
    )
    parser.add_argument(
        "--layout",
        choices=[layout.value for layout in Layout],
        default=Layout.AUTO.value,
        help="the forms tool that wrote the file, which decides its header rows and the "
        "metadata columns dropped; default auto: recognised from the header, and the check "
        "says which it chose",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the text encoding of a CSV (such as utf-8, utf-16 or cp1252); by default a "
        "byte-order mark decides, else UTF-8, else cp1252 (an older Excel CSV), and the "
        "check says so",
    )
    parser.add_argument(
        "--delimiter",
        metavar="X",
        help="the field delimiter of a CSV; by default it is worked out from the file "
        "(comma, semicolon, tab or bar)",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of a spreadsheet to read (default: the first)",
    )


def register(subparsers: Any) -> None:
    _register_report(subparsers)
    _register_import(subparsers)


def _register_report(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report",
        help="write a private report of self-assessment results from a forms export",
        description=(
            "Import a forms export of completed checklists (CSV, .xlsx, .ods, Parquet or Arrow, "
            "from Microsoft "
            "Forms, Google Forms, Qualtrics, SurveyMonkey, LimeSurvey or any spreadsheet), score "
            "every theme and statement, aggregate "
            "them for everyone and for every group, and write a report: HTML (one "
            "self-contained page with charts), Markdown or JSON. Groups smaller than the "
            "minimum are hidden, with no count, and so is any group that could be worked out "
            "from the others. Names, emails and free text never reach the report. With "
            "--organisational, the report also sets what staff report against what the "
            "organisation says it provides (the I/We gap)."
        ),
    )
    _add_import_options(report)
    report.add_argument(
        "--organisational",
        metavar="FILE",
        help="the export of the organisation's own self-assessment (organisational checklists), "
        "read with the same --layout, --encoding and --sheet",
    )
    report.add_argument(
        "--organisational-checklist",
        metavar="ID[,ID...]",
        help="the organisational checklist or checklists that file answers",
    )
    report.add_argument(
        "--organisational-group-columns",
        metavar="A,B",
        help="the group columns of the organisational file (default: --group-columns); it may "
        "stop at a higher level, such as Service when staff give Service,Team",
    )
    report.add_argument(
        "--format",
        choices=_FORMATS,
        help="html, md (Markdown) or json; default: from the output file's suffix, else html",
    )
    add_output_option(report, "report")
    _add_report_options(report)
    report.set_defaults(run=run_report)


def _add_report_options(report: argparse.ArgumentParser) -> None:
    """What the report shows and who it is safe with: the minimum group size, the title,
    cross-tabs and filters, the organisational mode and the release ledger, in the order
    ``--help`` lists them."""
    report.add_argument(
        "--min-group-size",
        metavar="N",
        type=int,
        default=DEFAULT_MIN_GROUP_SIZE,
        help=f"the fewest people a group shown may have (default {DEFAULT_MIN_GROUP_SIZE}; "
        f"below {FLOOR_MIN_GROUP_SIZE} needs --force-small-groups)",
    )
    report.add_argument(
        "--force-small-groups",
        action="store_true",
        help="allow a minimum group size below 5; results for groups that small can point at "
        "a person",
    )
    report.add_argument("--title", metavar="TEXT", help="the report's title")
    report.add_argument(
        "--by",
        metavar="COL[,COL]",
        help="cross-tabulate by these columns (a role, say) at the deepest group level; each "
        "cell follows the minimum",
    )
    report.add_argument(
        "--where",
        metavar="COL=VALUE[,VALUE]",
        help="report only the rows whose COL is one of these values (pooled)",
    )
    report.add_argument(
        "--organisational-mode",
        choices=ORGANISATIONAL_MODES,
        help="consensus: one agreed submission per group, published as the organisation's own "
        "statement; survey: many leaders answering, the minimum applies (default: consensus "
        "when every group has exactly one submission, else survey)",
    )
    ledgers = report.add_mutually_exclusive_group()
    ledgers.add_argument(
        "--ledger",
        metavar="FILE",
        help="the release ledger that remembers what was published from the same data, so this "
        "report and earlier ones are safe together (default: $WELLBEING_LEDGER, else "
        "ledger.sqlite3 in your data folder)",
    )
    ledgers.add_argument(
        "--no-ledger",
        action="store_true",
        help="do not check against, or record in, the ledger (two reports of the same data can "
        "then be set side by side to find a hidden group)",
    )


def _register_import(subparsers: Any) -> None:
    check = subparsers.add_parser(
        "import",
        help="check how a forms export imports: rows accepted, rejected and columns dropped",
        description=(
            "Read a forms export of completed checklists (CSV, .xlsx, .ods, Parquet or Arrow) and "
            "print what the "
            "import made of it: the layout and encoding it recognised, rows read, accepted and "
            "rejected (rows read = accepted + rejected), every rejection "
            "with its row and column, and every column dropped (names, emails, free text and "
            "anything that matched no statement). Nothing is written. Exits 0 when every row "
            "was accepted, 1 when any was rejected."
        ),
    )
    _add_import_options(check)
    check.add_argument(
        "--check",
        action="store_true",
        help="only check the file and print the reconciliation (the one thing this command "
        "does for now; required)",
    )
    check.add_argument("--json", action="store_true", help="print the reconciliation as JSON")
    check.set_defaults(run=run_import)


def _checklist_refs(text: str, pack: str | None) -> list[str]:
    refs = _names(text)
    if not refs:
        raise WellbeingError(
            "--checklist names no checklist: give one or more ids, comma-separated"
        )
    return [r if ":" in r or pack is None else f"{pack}:{r}" for r in refs]


def _where(text: str | None) -> dict[str, list[str]]:
    if not text:
        return {}
    column, sep, values = text.partition("=")
    if not sep or not column.strip() or not _names(values):
        raise WellbeingError(f"--where {text!r}: expected COL=VALUE or COL=VALUE,VALUE")
    return {column.strip(): _names(values)}


def _import(
    args: argparse.Namespace,
    catalog: Catalog,
    *,
    file: str,
    checklists: str,
    group_columns: str,
    dimensions: list[str] | None = None,
    rows_are_people: bool = True,
) -> ImportResult:
    from ..analysis.importing import import_csv
    from ..analysis.options import ImportOptions

    groups = _names(group_columns)
    if not groups:
        raise WellbeingError("--group-columns names no column: give one or more, comma-separated")
    path = Path(file)
    if not path.is_file():
        raise WellbeingError(f"{file}: no such file")
    options = ImportOptions(
        checklists=_checklist_refs(checklists, args.pack),
        pack=args.pack,
        group_columns=groups,
        wave_column=args.wave_column,
        wave=args.wave,
        respondent_column=args.respondent_column,
        identifier_columns=_names(args.identifier_columns),
        mapping=args.mapping,
        layout=args.layout,
        encoding=args.encoding,
        delimiter=_delimiter(args.delimiter),
        sheet=args.sheet,
        dimension_columns=dimensions or (),
        rows_are_people=rows_are_people,
    )
    return import_csv(path, options, catalog=catalog)


def _delimiter(text: str | None) -> str | None:
    """The delimiter as typed; ``\\t`` and ``tab`` stand for a tab, which is hard to type."""
    if text is None:
        return None
    return "\t" if text in ("\\t", "tab", "TAB") else text


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    if not args.check:
        raise WellbeingError(
            "'wellbeing import' only checks a file for now: add --check, or use "
            "'wellbeing report' to make a report from it"
        )
    imported = _import(
        args,
        ctx.catalog(),
        file=args.file,
        checklists=args.checklist,
        group_columns=args.group_columns,
    )
    rec = imported.reconciliation
    if args.json:
        from ..model.convert import unstructure

        print(json.dumps(unstructure(rec), indent=2, ensure_ascii=False), file=ctx.out)
    else:
        print(printable(rec.summary(limit=None)), file=ctx.out)
    return 1 if rec.rows_rejected else 0


def _import_both(
    args: argparse.Namespace, catalog: Catalog, dimensions: list[str]
) -> tuple[ImportResult, ImportResult | None]:
    """The staff export and, with ``--organisational``, the organisation's own."""
    imported = _import(
        args,
        catalog,
        file=args.file,
        checklists=args.checklist,
        group_columns=args.group_columns,
        dimensions=dimensions,
    )
    if not args.organisational:
        return imported, None
    from ..analysis.gap import import_organisational

    def leaders(rows_are_people: bool) -> ImportResult:
        return _import(
            args,
            catalog,
            file=args.organisational,
            checklists=args.organisational_checklist,
            group_columns=args.organisational_group_columns or args.group_columns,
            rows_are_people=rows_are_people,
        )

    organisational = import_organisational(leaders, args.organisational_mode)
    return imported, organisational


def _open_ledger(
    args: argparse.Namespace,
    ctx: Context,
    imported: ImportResult,
    organisational: ImportResult | None,
    hashing: FileHashing | None = None,
) -> tuple[Ledger | None, _ledger.Prior | None]:
    """The release ledger and what it holds of the same data; neither with ``--no-ledger``,
    which is warned about, since without it two reports could be set side by side.
    ``hashing`` is the staff file's fingerprint being read (see :func:`_start_hashing`)."""
    from ..analysis.ledger import Ledger, default_ledger_path

    if args.no_ledger:
        print(
            "warning: no ledger: this report is not checked against earlier reports of the "
            "same data, so setting them side by side could give a hidden group away",
            file=ctx.err,
        )
        return None, None
    ledger = Ledger(args.ledger or default_ledger_path())
    try:
        prior = _ledger.prior(
            ledger, args.file, imported, args.organisational, organisational, hashing=hashing
        )
    except WellbeingError:
        ledger.close()
        raise
    return ledger, prior


def _start_hashing(args: argparse.Namespace) -> FileHashing | None:
    """The ledger's fingerprint of the staff file, read in a thread while the file is imported
    (about 0.25 s of a million-row export's time); none without a ledger, or for what is not
    a regular file, which the import refuses (and a pipe would never end)."""
    from ..analysis.ledger import FileHashing

    return None if args.no_ledger or not Path(args.file).is_file() else FileHashing(args.file)


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    from ..analysis.aggregate import aggregate
    from ..render.report import DEFAULT_TITLE, make_report
    from ..render.report_json import audited_report_text

    # One report is audited without a solver, but one beside the ledger's earlier reports needs
    # HiGHS: the command asks for the report extra up front, not only when a ledger has entries.
    require("highspy")
    if bool(args.organisational) != bool(args.organisational_checklist):
        raise WellbeingError(
            "--organisational and --organisational-checklist go together: give both or neither"
        )
    by = _names(args.by or "")
    where = _where(args.where)
    hashing = _start_hashing(args)
    catalog = ctx.catalog()
    imported, organisational = _import_both(args, catalog, [*by, *where])
    ledger, prior = _open_ledger(args, ctx, imported, organisational, hashing)
    earlier = prior.earlier if prior is not None else ()
    organisational_earlier = prior.organisational if prior is not None else ()
    reconciliation = imported.reconciliation
    results = aggregate(
        imported.responses,
        min_group_size=args.min_group_size,
        force_small_groups=args.force_small_groups,
        by=by,
        where=where or None,
        earlier=earlier,
    )
    # The rows (150 MB for a million respondents) are done with: freed before the report is
    # built, which needs about as much again.
    del imported
    sources = [Path(args.file).name]
    if args.organisational:
        sources.append(Path(args.organisational).name)
    report = make_report(
        results,
        catalog=catalog,
        reconciliation=reconciliation,
        organisational=None if organisational is None else organisational.responses,
        organisational_reconciliation=(
            None if organisational is None else organisational.reconciliation
        ),
        title=args.title or DEFAULT_TITLE,
        source="Data: " + ", ".join(sources),
        organisational_mode=args.organisational_mode,
        organisational_earlier=organisational_earlier,
    )
    # The last word before anything is written: the report, with every earlier one, must pass
    # the audit. Its JSON text is what the ledger keeps, whatever the format written.
    published = audited_report_text(report, earlier, organisational_earlier)
    fmt = output_format(args.format, args.output, _FORMATS, default="html")
    text = published if fmt == "json" else render_report(report, fmt)
    inputs = [
        f for f in (args.file, args.organisational, args.mapping, args.ledger) if isinstance(f, str)
    ]
    if write_output(ctx, args.output, text, what="report", inputs=inputs):
        print(f"wrote {args.output}", file=ctx.out)
    if ledger is not None and prior is not None:
        grouping = ", ".join(results.levels) or "everyone"
        extra = f"; by {', '.join(by)}" if by else ""
        extra += f"; where {args.where}" if where else ""
        _ledger.record(
            ledger,
            prior,
            published,
            f"{report.title} ({grouping}; minimum {results.min_group_size}{extra}) -> "
            f"{args.output}",
        )
        ledger.close()
    rec = reconciliation
    if rec.rows_rejected:
        print(
            f"note: {rec.rows_rejected} of {rec.rows_read} rows were rejected; the report lists "
            "them (see also 'wellbeing import ... --check')",
            file=ctx.err,
        )
    return 0


def render_report(report: Report, fmt: str) -> str:
    """The report in one format: ``html``, ``md`` or ``json``."""
    if fmt == "json":
        from ..render.report_json import report_json_text

        return report_json_text(report)
    if fmt == "md":
        from ..render.report_markdown import report_markdown

        return report_markdown(report)
    from ..render.report_html import report_html

    return report_html(report)
