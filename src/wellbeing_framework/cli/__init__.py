"""The ``wellbeing`` command line: thin, calling the public API only.

Each command group lives in a module of its own in this folder with a ``register(subparsers)``
function and an ``ORDER`` number for ``--help``; modules whose name starts with ``_`` are helpers.
Command modules import nothing heavy at the top: a command pays for what it uses when it runs. Exit
codes: 0 done, 1 done but problems were found (a pack that does not validate, a session that
breaks its rules), 2 the command could not run (bad arguments, a file that cannot be read).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from ..errors import WellbeingError
from ._context import Context

__all__ = ["main"]


def _command_modules() -> list[ModuleType]:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wellbeing",
        description=(
            "Staff wellbeing and reflective-practice frameworks: browse and author content packs, "
            "plan and check reflective sessions, and report self-assessment results privately."
        ),
        epilog="Run 'wellbeing COMMAND --help' for the options of one command.",
    )
    parser.add_argument(
        "--pack-dir",
        metavar="PATH",
        action="append",
        default=[],
        help="also load the pack in this folder (not installed); may be given more than once",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="fail when any pack fails to load (default: warn and load the others; "
        "also set by WELLBEING_STRICT_PACKS=1)",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for module in _command_modules():
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    context = Context(pack_dirs=tuple(args.pack_dir), strict=args.strict)
    try:
        code: int = args.run(args, context)
    except WellbeingError as exc:
        context.flush_warnings()
        print(f"wellbeing: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head, say: not an error of ours
        return 0
    except OSError as exc:  # a file that cannot be read or written: say which, and why
        context.flush_warnings()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"wellbeing: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    context.flush_warnings()
    return code
