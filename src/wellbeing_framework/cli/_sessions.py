"""``wellbeing session``, ``wellbeing learning`` and ``wellbeing actions``: reflective sessions in
practice.

Plan a session and print its facilitator sheet; check held sessions against their type's rules;
gather their wider learning for a forum; follow up the actions agreed. Records are JSON files that
``wellbeing schema session`` and ``wellbeing schema action-plan`` describe.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from .._files import same_file
from .._words import plural
from ..errors import FileError, WellbeingError
from ..model.content import Mode
from ..sessions.actions import DEFAULT_STALE_DAYS
from ._context import Context
from ._output import add_output_option, output_format, printable, write_output

if TYPE_CHECKING:
    from ..model.session import Finding, Session
    from ..sessions.io import Records

_RECORDS_HELP = "session or action-plan record files (JSON: one record, or a list of records)"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {number}")
    return number


def _today_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help=f"the date to judge {what} against (default: today)",
    )


def register(subparsers: Any) -> None:
    session = subparsers.add_parser(
        "session",
        help="plan a reflective session, or check sessions against their type's rules",
        description=(
            "Plan a reflective session (a facilitator sheet and a record to fill in afterwards), "
            "check held sessions against the rules of their session type, or measure how often "
            "a practitioner's supervision takes place."
        ),
    )
    commands = session.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _register_plan(commands)
    _register_check(commands)
    _register_supervision(commands)

    learning = subparsers.add_parser(
        "learning",
        help="gather the wider learning of held sessions, by forum and theme, as Markdown",
        description=(
            "Gather the wider learning recorded at held sessions into a log grouped by the forum "
            "each point goes to and then by theme, as Markdown for the forum's papers. Only the "
            "date and type of each session are shown. Points that may still name someone are "
            "held back and listed on standard error for their authors to review (exit 1)."
        ),
    )
    learning.add_argument("files", nargs="+", metavar="FILE", help=_RECORDS_HELP)
    learning.add_argument("--forum", metavar="ID", help="only the learning for this forum")
    add_output_option(learning, "learning log")
    learning.set_defaults(run=run_learning)

    actions = subparsers.add_parser(
        "actions",
        help="report on the actions of action plans and sessions: overdue, stale, by status",
        description=(
            "List every action in the action plans and sessions given, with what it is linked "
            "to, and pick out those past their due date and those not updated for a while. "
            "Exits 1 when any action is overdue or stale."
        ),
    )
    actions.add_argument("files", nargs="+", metavar="FILE", help=_RECORDS_HELP)
    _today_option(actions, "due dates and updates")
    actions.add_argument(
        "--stale-days",
        type=_positive,
        default=DEFAULT_STALE_DAYS,
        metavar="N",
        help=f"an open action not updated for more than N days is stale (default: "
        f"{DEFAULT_STALE_DAYS})",
    )
    actions.set_defaults(run=run_actions)


def _register_plan(commands: Any) -> None:
    plan = commands.add_parser(
        "plan",
        help="plan a session and write its facilitator sheet",
        description=(
            "Plan a session of a session type from a loaded pack and write a one-page facilitator "
            "sheet: purpose, rules, ground rules, the agenda with the closing step last, and "
            "prompts from the type and from a reflective model. With --record, also write the "
            "session record (status planned) to complete once the session has been held."
        ),
    )
    plan.add_argument(
        "session_type",
        metavar="PACK-ID:TYPE-ID",
        help="the session type, such as reflective-groups:reflective-group",
    )
    plan.add_argument(
        "--model",
        metavar="ID",
        help="a reflective model whose prompts to add (pack-id:model-id, or a model id of the "
        "type's pack)",
    )
    plan.add_argument(
        "--trigger",
        metavar="ID",
        help="why the session is being called: one of the type's triggers",
    )
    plan.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="the day of the session (default: today)"
    )
    plan.add_argument(
        "--incident-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="when the incident happened, for a session after one",
    )
    plan.add_argument(
        "--mode",
        choices=[mode.value for mode in Mode],
        help="how people will meet (default: the first way the type allows)",
    )
    plan.add_argument(
        "--series", metavar="ID", help="the series (group or supervisee) it belongs to"
    )
    plan.add_argument("--id", dest="session_id", metavar="ID", help="the id of the session record")
    plan.add_argument(
        "--format",
        choices=("md", "html"),
        help="md (Markdown) or html; default: from the output file's suffix, else md",
    )
    add_output_option(plan, "facilitator sheet")
    plan.add_argument(
        "--record",
        metavar="FILE.json",
        help="also write the planned session record here ('-' prints it, when the sheet goes "
        "to a file)",
    )
    plan.set_defaults(run=run_plan)


def _register_check(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="check session records against their session type's rules",
        description=(
            "Check session records against the rules of their session type: group size, an "
            "independent chair, membership churn, gaps in the cadence, the closing step, the way "
            "of meeting, learning points that may name someone, overdue actions, and any rules "
            "the installed packs add. Sessions sharing a series are checked together. Prints "
            "'FILE: session ID: severity: reason' for each finding; exits 1 when any is a "
            "warning or an error."
        ),
    )
    check.add_argument("files", nargs="+", metavar="FILE", help=_RECORDS_HELP)
    _today_option(check, "dates and overdue actions")
    check.set_defaults(run=run_check)


def _register_supervision(commands: Any) -> None:
    supervision = commands.add_parser(
        "supervision",
        help="measure how often and how long a practitioner's supervision takes place",
        description=(
            "For the supervision sessions of one practitioner (one series), say whether their "
            "frequency and length meet what the session type expects, with the evidence: "
            "sessions held and cancelled, the longest gap, the share on time and the share long "
            "enough. Exits 1 when the expectation is not met."
        ),
    )
    supervision.add_argument("files", nargs="+", metavar="FILE", help=_RECORDS_HELP)
    supervision.add_argument(
        "--series", metavar="ID", help="the practitioner's series, if the files hold several"
    )
    supervision.add_argument(
        "--in-role-since",
        metavar="DATE",
        type=_date,
        help=(
            "the day a practitioner new to the role started (a newly qualified social worker's "
            "first day), as YYYY-MM-DD: the session type's schedule by time in role then applies "
            "(weekly, then fortnightly, then monthly, say); without it, its usual cadence does"
        ),
    )
    _today_option(supervision, "the time since the last session")
    supervision.set_defaults(run=run_supervision)


# -- commands ------------------------------------------------------------------------------------


def _write(
    output: str,
    text: str,
    what: str,
    ctx: Context,
    inputs: Iterable[str] = (),
    *,
    note: TextIO | None = None,
) -> None:
    """Write or print ``text``; say where a file went (on ``note``, by default standard
    output)."""
    if write_output(ctx, output, text, what=what, inputs=inputs):
        print(f"Wrote the {what} to {output}", file=note or ctx.out)


def run_plan(args: argparse.Namespace, ctx: Context) -> int:
    from ..model.content import Mode
    from ..render.facilitator import facilitator_html, facilitator_markdown
    from ..sessions.io import dumps_records, write_records
    from ..sessions.plan import plan_session

    plan = plan_session(
        ctx.catalog(),
        args.session_type,
        model=args.model,
        trigger=args.trigger,
        date=args.date,
        incident_date=args.incident_date,
        mode=Mode(args.mode) if args.mode else None,
        series=args.series,
        session_id=args.session_id,
    )
    output: str = args.output
    fmt = output_format(args.format, output, ("md", "html"), default="md")
    text = facilitator_html(plan) if fmt == "html" else facilitator_markdown(plan)
    if args.record == "-" and output == "-":
        raise WellbeingError(
            "the facilitator sheet and the session record cannot both go to standard output: "
            "give the sheet a file with -o, or the record one with --record"
        )
    if args.record and "-" not in (output, args.record) and same_file(output, args.record):
        raise FileError(
            "the facilitator sheet and the session record would be the same file: "
            "give --record another name",
            source=output,
        )
    # With the record on standard output, keep the note about the sheet off it.
    _write(output, text, "facilitator sheet", ctx, note=ctx.err if args.record == "-" else None)
    if args.record == "-":
        write_output(ctx, "-", dumps_records(plan.session), what="session record")
    elif args.record:
        write_records(args.record, plan.session)
        # With the sheet on standard output, keep this note off it.
        note = ctx.err if output == "-" else ctx.out
        print(f"Wrote the planned session record {plan.session.id} to {args.record}", file=note)
    return 0


def _read(files: list[str]) -> Records:
    from ..sessions.io import read_records

    return read_records(files)


def _where(records: Records, session: Session | None) -> str:
    origin = records.origin(session) if session is not None else None
    return origin.file if origin else "wellbeing"


def _finding_line(records: Records, finding: Finding, by_id: dict[str, Session]) -> str:
    session = by_id.get(finding.session) if finding.session else None
    where = _where(records, session)
    who = f"session {finding.session}: " if finding.session else ""
    return printable(f"{where}: {who}{finding.severity}: {finding.reason}")


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    from ..model.session import Severity
    from ..sessions.rules import check_sessions

    records = _read(args.files)
    if not records.sessions:
        raise WellbeingError(f"no session records in {', '.join(args.files)}")
    findings = check_sessions(
        ctx.catalog(),
        records.sessions,
        extra_rules=ctx.host().session_rules(),
        today=args.today or dt.date.today(),
        locate=records.origin,
    )
    by_id = {s.id: s for s in records.sessions}
    for finding in findings:
        print(_finding_line(records, finding, by_id), file=ctx.out)
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    print(
        f"{plural(len(records.sessions), 'session')} checked: "
        f"{plural(counts[Severity.ERROR], 'error')}, "
        f"{plural(counts[Severity.WARNING], 'warning')}, {plural(counts[Severity.INFO], 'note')}",
        file=ctx.out,
    )
    return 1 if counts[Severity.ERROR] or counts[Severity.WARNING] else 0


def run_supervision(args: argparse.Namespace, ctx: Context) -> int:
    from ..sessions import resolve_session
    from ..sessions.supervision import schedule_text, supervision_evidence

    records = _read(args.files)
    sessions = [s for s in records.sessions if args.series is None or s.series == args.series]
    if not sessions:
        raise WellbeingError(
            f"no session records{f' of the series {args.series!r}' if args.series else ''} in "
            f"{', '.join(args.files)}"
        )
    catalog = ctx.catalog()
    types = [resolve_session(catalog, s, origin=records.origin(s)) for s in sessions]
    evidence = supervision_evidence(
        sessions, types[0], today=args.today or dt.date.today(), in_role_since=args.in_role_since
    )
    out = ctx.out
    every = evidence.expected_every_days
    expected = [f"every {every} days" if every else "no stated frequency"]
    if evidence.in_role_since is not None:
        expected = [
            f"from the start in role on {evidence.in_role_since}: {schedule_text(types[0])}"
        ]
    expected.append(
        f"at least {evidence.expected_minutes} minutes"
        if evidence.expected_minutes
        else "no stated length"
    )
    print(f"Supervision: series {evidence.series or '(none)'} ({evidence.session_type})", file=out)
    print(f"  expected: {', '.join(expected)}", file=out)
    span = f", {evidence.first} to {evidence.last}" if evidence.first else ""
    print(f"  held: {evidence.held}; cancelled: {evidence.cancelled}{span}", file=out)
    if evidence.share_on_time is not None:
        print(
            f"  on time: {evidence.on_time} of {len(evidence.intervals)} intervals "
            f"({evidence.share_on_time:.0%})",
            file=out,
        )
    if evidence.longest_gap_days is not None:
        print(f"  longest gap: {evidence.longest_gap_days} days", file=out)
    if evidence.share_long_enough is not None:
        print(
            f"  long enough: {evidence.long_enough} of {evidence.length_recorded} with a length "
            f"recorded ({evidence.share_long_enough:.0%})",
            file=out,
        )
    print(
        f"  frequency met: {_yes_no(evidence.frequency_met)}; "
        f"length met: {_yes_no(evidence.length_met)}",
        file=out,
    )
    by_id = {s.id: s for s in sessions}
    for finding in evidence.findings:
        print(_finding_line(records, finding, by_id), file=out)
    return 1 if evidence.frequency_met is False or evidence.length_met is False else 0


def _yes_no(value: bool | None) -> str:
    return "cannot tell" if value is None else ("yes" if value else "no")


def run_learning(args: argparse.Namespace, ctx: Context) -> int:
    from ..sessions.learning import learning_log, learning_markdown

    records = _read(args.files)
    log = learning_log(ctx.catalog(), records.sessions, forum=args.forum, locate=records.origin)
    _write(args.output, learning_markdown(log), "learning log", ctx, inputs=args.files)
    for held in log.held_back:
        where = held.origin.file if held.origin else "wellbeing"
        print(
            printable(
                f"{where}: session {held.session}: learning point {held.point} held back: "
                f"{held.reason}"
            ),
            file=ctx.err,
        )
    return 1 if log.held_back else 0


def run_actions(args: argparse.Namespace, ctx: Context) -> int:
    from ..sessions.actions import action_report

    records = _read(args.files)
    report = action_report(
        ctx.catalog(),
        records.action_plans,
        records.sessions,
        today=args.today or dt.date.today(),
        stale_after_days=args.stale_days,
        locate=records.origin,
    )
    out = ctx.out
    counts = ", ".join(f"{status}: {n}" for status, n in report.by_status.items())
    print(f"{plural(len(report.lines), 'action')} on {report.today} ({counts})", file=out)
    for heading, lines in (("Overdue", report.overdue), ("Stale", report.stale)):
        if not lines:
            continue
        print(f"\n{heading}:", file=out)
        for line in lines:
            overdue = line.days_overdue if heading == "Overdue" else None
            detail = (
                f"not updated for {plural(line.days_since_update, 'day')}"
                if overdue is None
                else f"due {line.action.due}, {plural(overdue, 'day')} overdue"
            )
            print(
                printable(
                    f"  {line.source_kind} {line.source}: action {line.action.id} "
                    f"({line.action.owner_role}): {detail}, still {line.action.status}"
                ),
                file=out,
            )
    print("\nAll actions:", file=out)
    for line in report.lines:
        due = f", due {line.action.due}" if line.action.due else ""
        links = "; ".join(f"{link.kind} {link.label}" for link in line.links)
        print(
            printable(
                f"  [{line.action.status}] {line.source} / {line.action.id}: {line.action.text} "
                f"({line.action.owner_role}{due})" + (f"; linked to {links}" if links else "")
            ),
            file=out,
        )
    return 1 if report.overdue or report.stale else 0
