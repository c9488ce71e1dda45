"""``wellbeing audit`` and ``wellbeing ledger``: check published reports, manage the ledger."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .._words import plural
from ..errors import WellbeingError
from ._context import Context

#: The largest report the audit reads: a JSON report of a national survey is far smaller.
_MAX_BYTES = 256 * 1024 * 1024


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="check JSON reports against an attacker holding every figure they publish",
        description=(
            "Read one or more JSON reports of the same data and solve the attacker's problem "
            "over all of them together: for every hidden cell, the smallest and largest count "
            "consistent with everything published. List every figure that breaks the "
            "guarantee of docs/privacy.md (G1 to G3) with the interval it can be narrowed to. "
            "Exits 0 when there is none, 1 otherwise."
        ),
    )
    parser.add_argument("reports", metavar="REPORT.json", nargs="+", help="reports to audit")
    parser.set_defaults(run=run_audit)

    ledger = subparsers.add_parser(
        "ledger",
        help="show or remove the reports the release ledger remembers",
        description=(
            "The release ledger remembers every report published from the same data, so that "
            "a new report is suppressed to be safe together with the earlier ones. 'list' "
            "shows its entries; 'forget ID' removes one (a report that was never shared)."
        ),
    )
    ledger.add_argument("action", choices=("list", "forget"), help="list or forget")
    ledger.add_argument("id", nargs="?", type=int, help="the entry to forget")
    ledger.add_argument(
        "--ledger",
        metavar="FILE",
        help="the ledger file (default: $WELLBEING_LEDGER, else ledger.sqlite3 in your data "
        "folder)",
    )
    ledger.set_defaults(run=run_ledger)


def _read(path: str) -> Any:
    file = Path(path)
    if not file.is_file():
        raise WellbeingError(f"{path}: no such file")
    if file.stat().st_size > _MAX_BYTES:
        raise WellbeingError(f"{path}: larger than {_MAX_BYTES // 2**20} MiB: not a report")
    try:
        return json.loads(file.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise WellbeingError(f"{path}: not UTF-8 text: not a JSON report") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        where = (
            f" at line {exc.lineno}, column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise WellbeingError(f"{path}: not valid JSON{where}") from None


def run_audit(args: argparse.Namespace, ctx: Context) -> int:
    from ..analysis.audit import audit, release_from_report

    releases = [release_from_report(_read(p), source=p) for p in args.reports]
    result = audit(releases)
    names = ", ".join(args.reports)
    if result.ok:
        print(
            f"{names}: no figure breaks the guarantee ({result.hidden_checked} hidden cells "
            "solved for)",
            file=ctx.out,
        )
        return 0
    for v in result.violations:
        print(str(v).replace(f"report {v.report + 1}", args.reports[v.report], 1), file=ctx.out)
    count = len(result.violations)
    verb = "breaks" if count == 1 else "break"
    print(f"{names}: {plural(count, 'figure')} {verb} the guarantee", file=ctx.out)
    return 1


def run_ledger(args: argparse.Namespace, ctx: Context) -> int:
    from ..analysis.ledger import Ledger, default_ledger_path

    path = Path(args.ledger) if args.ledger else default_ledger_path()
    if args.action == "forget":
        if args.id is None:
            raise WellbeingError("'wellbeing ledger forget' needs the ID of an entry (see 'list')")
        with Ledger(path) as ledger:
            if not ledger.forget(args.id):
                raise WellbeingError(f"{path}: no entry {args.id}")
        print(f"forgot entry {args.id}", file=ctx.out)
        return 0
    if not path.exists():
        print(f"{path}: no ledger yet (no report has been recorded)", file=ctx.out)
        return 0
    with Ledger(path) as ledger:
        entries = ledger.entries()
    print(f"{path}: {plural(len(entries), 'report')}", file=ctx.out)
    for e in entries:
        print(f"  {e.id}  {e.created}  data {e.fingerprint[:12]}  {e.description}", file=ctx.out)
    return 0
