"""``wellbeing packs``: the installed packs, their versions, and any that failed to load."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from .._words import plural
from ..errors import PackLoadError
from ..model.convert import unstructure
from ._context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "packs",
        help="list the installed packs and any that failed to load",
        description=(
            "List every pack that loaded (id, version, title, where it came from) and every pack "
            "that failed, with the reason. Exits 0 even when a pack is broken, so one bad pack "
            "does not stop the others; with --check, 1 when any pack failed to load (every "
            "failure is listed), for CI; with --strict, 1 at the first failure."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when any pack failed to load, after listing every failure",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    try:
        report = ctx.host().load()
    except PackLoadError as exc:  # strict mode: the one case where a broken pack is a failure
        print(f"wellbeing: error: {exc}", file=ctx.err)
        return 1
    if args.json:
        data = {
            "packs": [
                {
                    "id": lp.pack.id,
                    "version": lp.pack.version,
                    "title": lp.pack.title,
                    "origin": lp.origin,
                    "elements": len(lp.pack.elements),
                }
                for lp in report.packs
            ],
            "problems": [unstructure(p) for p in report.problems],
            "disabled": list(report.disabled),
        }
        print(json.dumps(data, indent=2), file=ctx.out)
        ctx.drop_warnings()  # the problems are in the JSON already
        return _exit_code(args, report.problems)
    if not report.packs:
        print("No packs are loaded. Install one, or pass a folder with --pack-dir.", file=ctx.out)
    width = max((len(lp.pack.id) for lp in report.packs), default=0)
    for lp in sorted(report.packs, key=lambda lp: lp.pack.id):
        pack = lp.pack
        print(
            f"{pack.id:<{width}}  {pack.version:<8}  {pack.title}  "
            f"({len(pack.elements)} elements; {lp.origin})",
            file=ctx.out,
        )
    for name in report.disabled:
        print(f"{name}: disabled by WELLBEING_DISABLED_PACKS", file=ctx.out)
    if report.problems:
        print(f"\n{plural(len(report.problems), 'pack')} failed to load:", file=ctx.out)
        for problem in report.problems:
            print(f"  {problem}", file=ctx.out)
            for detail in problem.details:
                print(f"    {detail}", file=ctx.out)
        ctx.drop_warnings()  # listed above; no need to warn twice
    return _exit_code(args, report.problems)


def _exit_code(args: argparse.Namespace, problems: Sequence[object]) -> int:
    return 1 if args.check and problems else 0
