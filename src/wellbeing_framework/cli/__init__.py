"""The ``wellbeing`` command line: thin, calling the public API only.

Each command group lives in a module of its own in this folder with a ``register(subparsers)``
function, listed in :data:`COMMANDS` in the order ``--help`` shows them; modules whose name starts
with ``_`` are helpers.
Command modules import nothing heavy at the top: a command pays for what it uses when it runs. Exit
codes: 0 done, 1 done but problems were found (a pack that does not validate, a session that
breaks its rules), 2 the command could not run (bad arguments, a file that cannot be read).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from .. import __version__
from ..errors import WellbeingError
from ._context import Context

__all__ = ["main"]


#: The command modules of this folder (``_demo.py``...), in the order ``--help`` lists their
#: commands: the demo first, then packs, authoring and rendering them, sessions, results, the
#: audit and schemas.
COMMANDS = (
    "demo",
    "packs",
    "authoring",
    "rendering",
    "export",
    "sessions",
    "results",
    "audit",
    "schema",
)


def _command_modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}._{name}") for name in COMMANDS]


#: The modules of the ``analysis`` extra: a command that needs one says how to install it.
_ANALYSIS_MODULES = frozenset({"numpy", "pandas", "pyarrow", "highspy", "fastexcel"})

_EXTRA_HINT = (
    "this command needs the analysis extra ({name} is not installed): "
    'pip install "wellbeing-framework[analysis]"'
)

_PACK_DIR_HELP = "also load the pack in this folder (not installed); may be given more than once"
_STRICT_HELP = (
    "fail when any pack fails to load (default: warn and load the others; also set by "
    "WELLBEING_STRICT_PACKS=1)"
)


def _shared_options(parser: argparse.ArgumentParser, *, after: bool) -> None:
    """``--pack-dir`` and ``--strict``, before the command or after it.

    After the command they are suppressed when absent, so as not to undo the same option given
    before it, and ``--pack-dir`` collects apart, to be added to the folders given before.
    """
    if after:
        parser.add_argument(
            "--pack-dir",
            dest="pack_dir_after",
            metavar="PATH",
            action="append",
            default=argparse.SUPPRESS,
            help=_PACK_DIR_HELP,
        )
        parser.add_argument(
            "--strict", action="store_true", default=argparse.SUPPRESS, help=_STRICT_HELP
        )
    else:
        parser.add_argument(
            "--pack-dir", metavar="PATH", action="append", default=[], help=_PACK_DIR_HELP
        )
        parser.add_argument("--strict", action="store_true", default=None, help=_STRICT_HELP)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The commands of a command group (none for a command), each made optional: the group
    given alone lists them rather than failing."""
    for action in parser._actions:  # argparse offers no public way to walk its commands
        if isinstance(action, argparse._SubParsersAction):
            action.required = False
            return dict(action.choices)
    return {}


def _lists_its_commands(parser: argparse.ArgumentParser) -> Any:
    """A command group given alone prints its help, which lists its commands, and exits 0."""

    def run(args: argparse.Namespace, ctx: Context) -> int:
        parser.print_help(ctx.out)
        return 0

    return run


def _finish(parser: argparse.ArgumentParser) -> None:
    """Give every command the shared options, and every command group a listing of its own."""
    commands = _commands(parser)
    if not commands:
        _shared_options(parser, after=True)
        return
    parser.set_defaults(run=_lists_its_commands(parser))
    for sub in dict.fromkeys(commands.values()):  # an alias maps to the same parser
        _finish(sub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wellbeing",
        description=(
            "Staff wellbeing and reflective-practice frameworks: browse and author content packs, "
            "plan and check reflective sessions, and report self-assessment results privately."
        ),
        epilog="Run 'wellbeing COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _shared_options(parser, after=False)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in _command_modules():
        module.register(subparsers)
    _finish(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    pack_dirs = (*args.pack_dir, *getattr(args, "pack_dir_after", ()))
    context = Context(pack_dirs=pack_dirs, strict=args.strict)
    try:
        code: int = args.run(args, context)
    except WellbeingError as exc:
        context.flush_warnings()
        print(f"wellbeing: error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        root = (exc.name or "").partition(".")[0]
        if root not in _ANALYSIS_MODULES:
            raise
        context.flush_warnings()
        print(f"wellbeing: error: {_EXTRA_HINT.format(name=root)}", file=sys.stderr)
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
