"""Commands for pack authors: ``validate``, ``new-pack`` and ``stamp-ids``."""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path
from typing import Any

from .._words import plural
from ..errors import FileError, PackFormatError, Problem, WellbeingError
from ._context import Context


def register(subparsers: Any) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check packs and list every problem as FILE:LINE: message",
        description=(
            "Check one or more packs: each file on its own, the elements against each other, "
            "and references to other packs (mapping targets, an overlay's base) against the "
            "packs that are installed, given with --pack-dir, or given to this command beside "
            "it (so that 'validate BASE OVERLAY' finds the base). Every problem is listed as "
            "FILE:LINE: message. Exits 0 when there are none, 1 when there are."
        ),
    )
    validate.add_argument(
        "packs",
        nargs="+",
        metavar="PATH|PACK-ID",
        help="a pack folder (or a file in one), or the id of an installed pack",
    )
    validate.set_defaults(run=run_validate)

    new = subparsers.add_parser(
        "new-pack",
        help="create a new pack folder to start writing from",
        description=(
            "Create a folder holding a new pack: pack.toml, a README, and an example theme, "
            "checklist and tool that validate as they stand. Rewrite them to make the pack "
            "your own."
        ),
    )
    new.add_argument("name", metavar="NAME", help="the pack's id, such as my-trust-wellbeing")
    new.add_argument(
        "--dir",
        metavar="DIR",
        default=".",
        help="create the pack folder, named NAME, inside DIR (default: the current folder)",
    )
    new.add_argument("--title", help="the pack's title (default: made from NAME)")
    new.set_defaults(run=run_new_pack)

    stamp = subparsers.add_parser(
        "stamp-ids",
        help="add ids to statements, items and prompts that lack one",
        description=(
            "Add an id to every item of an identified list (statements, checklist items, "
            "prompts, triggers, agenda steps) that does not start with one. Each id is made "
            "from the element's id and the item's words, and is unique in the pack. Nothing "
            "else in the files changes."
        ),
    )
    stamp.add_argument("path", metavar="PATH", help="an element file, or a pack folder")
    stamp.add_argument(
        "--check",
        action="store_true",
        help="change nothing: list the items without ids and exit 1 if there are any",
    )
    stamp.set_defaults(run=run_stamp_ids)


def _shown(folder: Path, problem: Problem) -> str:
    """A problem with its file as a path the user can open, relative to here if it is below."""
    path = Path(os.path.normpath(folder / problem.file))
    with contextlib.suppress(ValueError):  # not below the current folder: keep it as given
        # abspath, not resolve: a problem about a symbolic link names the link, not its target.
        path = Path(os.path.abspath(path)).relative_to(Path.cwd())
    where = path.as_posix() if problem.line is None else f"{path.as_posix()}:{problem.line}"
    return f"{where}: {problem.message}"


def _pack_folder(path: Path) -> Path | None:
    """The pack folder holding ``path``: itself or the nearest folder above with a pack.toml."""
    for folder in (path, *path.parents) if path.is_dir() else path.parents:
        if (folder / "pack.toml").is_file():
            return folder
    return path if path.is_dir() else None


def run_validate(args: argparse.Namespace, ctx: Context) -> int:
    from ..packs.validate import validate_pack

    folders: dict[str, Path] = {}
    for target in args.packs:
        path = Path(target)
        if path.exists():
            folder = _pack_folder(path)
            if folder is None:
                raise WellbeingError(f"{target}: not in a pack folder (no pack.toml above it)")
            folders[target] = folder
    # Packs validated together see each other, as with --pack-dir: BASE OVERLAY finds the base.
    catalog = ctx.catalog_with(folders.values()) if folders else None
    found = 0
    for target in args.packs:
        if target in folders:
            folder = folders[target]
            problems = validate_pack(folder, catalog)
            lines = [_shown(folder, p) for p in problems]
            name = target
        else:
            name, lines = target, _installed(target, ctx)
        for line in lines:
            print(line, file=ctx.out)
        if lines:
            print(f"{name}: {plural(len(lines), 'problem')}", file=ctx.out)
        else:
            print(f"{name}: no problems", file=ctx.out)
        found += len(lines)
    return 1 if found else 0


def _installed(name: str, ctx: Context) -> list[str]:
    """Problems of an installed pack, named by its id or its plugin's name."""
    from ..packs.validate import find_pack_folder, validate_pack

    host = ctx.host()
    report = host.load()
    catalog = host.catalog()
    folder = find_pack_folder(host, name)
    if folder is not None:
        # Listed here with their files and lines; no need to warn about the pack as well.
        ctx.drop_warnings(about=name)
        problems = validate_pack(folder, catalog)
        if isinstance(folder, Path):
            return [_shown(folder, p) for p in problems]
        return [f"{name}:{p}" for p in problems]
    if name in catalog:
        return [str(p) for p in validate_pack(catalog.pack(name), catalog)]
    for problem in report.problems:
        if problem.name == name:
            return [f"{name}: {problem.reason}", *(f"{name}: {d}" for d in problem.details)]
    loaded = ", ".join(sorted(p.id for p in catalog)) or "none"
    raise WellbeingError(
        f"{name!r} is neither a folder nor an installed pack (installed: {loaded})"
    )


def run_new_pack(args: argparse.Namespace, ctx: Context) -> int:
    from ..packs.scaffold import new_pack

    folder = new_pack(Path(args.dir) / args.name, args.name, title=args.title)
    print(f"Created the pack {args.name!r} in {folder.as_posix()}/", file=ctx.out)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        print(f"  {path.relative_to(folder).as_posix()}", file=ctx.out)
    print(f"Next: edit the files, then run: wellbeing validate {folder.as_posix()}", file=ctx.out)
    return 0


def run_stamp_ids(args: argparse.Namespace, ctx: Context) -> int:
    from .._files import read_limited, write_atomic
    from ..packs.reader import MAX_FILE_BYTES, inspect_pack
    from ..packs.stamp import apply_stamps, find_missing_ids

    path = Path(args.path)
    if not path.exists() and not path.is_symlink():
        raise WellbeingError(f"{args.path}: no such file or folder")
    folder = _pack_folder(path)
    if path.is_dir():
        files = _element_files(path, ctx)
    elif _through_link(path, folder):
        files = []
        print(f"{path.as_posix()}: {_LINK} (not stamped)", file=ctx.out)
    else:
        files = [path]
    taken: set[str] = set()
    if folder is not None:
        index = inspect_pack(folder, check=False).index
        taken.update(i for i, _, _ in index.declared)
        taken.update(a for a, _, _ in index.aliases)
    missing = 0
    for file in files:
        shown = file.as_posix()
        try:
            data = read_limited(file, limit=MAX_FILE_BYTES, what="element file")
            text = data.decode("utf-8")
        except FileError as exc:
            print(f"{shown}: {exc.reason} (not stamped)", file=ctx.out)
            continue
        except UnicodeDecodeError:
            raise WellbeingError(f"{shown}: cannot be read as UTF-8 text") from None
        try:
            stamps = find_missing_ids(text, taken=taken, file=shown)
        except PackFormatError as exc:
            for problem in exc.problems:
                print(f"{problem} (not stamped)", file=ctx.out)
            continue
        missing += len(stamps)
        if args.check:
            for stamp in stamps:
                print(f"{shown}:{stamp.line}: no id (would add {stamp.id!r})", file=ctx.out)
        elif stamps:
            write_atomic(file, apply_stamps(text, stamps), what="element file")
            print(f"{shown}: added {plural(len(stamps), 'id')}", file=ctx.out)
    if args.check:
        print(
            f"{plural(missing, 'item')} without an id" if missing else "every item has an id",
            file=ctx.out,
        )
        return 1 if missing else 0
    if not missing:
        print("every item has an id already", file=ctx.out)
    return 0


# Writing through a link would change a file other than the one the author named.
_LINK = "a symbolic link (or in a folder reached through one), which stamp-ids never writes through"


def _through_link(file: Path, folder: Path | None) -> bool:
    """Whether the file is a link, or is reached through one inside its pack folder."""
    if file.is_symlink():
        return True
    if folder is None:
        return False
    return file.resolve() != folder.resolve() / file.relative_to(folder)


def _element_files(folder: Path, ctx: Context) -> list[Path]:
    """The element files of a folder, as the reader finds them. Unsafe links, and files reached
    through any link, are listed as not stamped."""
    from ..packs.reader import pack_files

    files, problems = pack_files(folder)
    for problem in problems:
        print(f"{_shown(folder, problem)} (not stamped)", file=ctx.out)
    root = folder.resolve()
    out: list[Path] = []
    for relative, real in files:
        if not relative.endswith(".md"):
            continue
        if real != root / relative:
            print(f"{(folder / relative).as_posix()}: {_LINK} (not stamped)", file=ctx.out)
        else:
            out.append(folder / relative)
    return out
