"""The files of a pack folder: which the reader reads, found without leaving the folder, and
their bytes within their caps.

Apart from the reader, so that the pack cache (``_cache``) can list and read a folder, to see
whether it has changed, without importing the parser and the checks.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from .._files import read_limited
from ..errors import FileError, Problem

__all__ = ["MAX_FILE_BYTES", "MAX_MAPPINGS_BYTES", "file_bytes", "pack_files", "walk"]

_MAX_DEPTH = 16


def pack_files(folder: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """The files of a pack folder on disk that the reader would read, without reading them.

    Returns:
        Each file as its path relative to the folder (``/`` separators) and its resolved path,
        and the problems found on the way (a symbolic link out of the folder, a loop...).
    """
    problems: list[Problem] = []
    files = [(path, Path(str(real))) for path, real in walk(Path(folder), "", 0, problems)]
    return files, problems


def walk(
    folder: Traversable, prefix: str, depth: int, problems: list[Problem]
) -> Iterator[tuple[str, Traversable]]:
    """The pack's files in a stable order (by path): pack.toml, mappings.toml and ``*.md``.

    Hidden files and folders (names starting with a dot) are skipped, as is a README.md at the
    root, which documents the pack rather than being part of it. A folder on disk is walked
    through :func:`_walk_disk`, which keeps every read inside it.
    """
    if isinstance(folder, Path):
        root = folder.resolve()
        yield from _walk_disk(root, root, prefix, depth, problems, {root})
        return
    if depth > _MAX_DEPTH:
        problems.append(
            Problem(file=prefix.rstrip("/"), message="folders nested too deeply to read")
        )
        return
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        path = prefix + entry.name
        if _skipped(entry.name):
            continue
        if entry.is_dir():
            yield from walk(entry, path + "/", depth + 1, problems)
        elif _wanted(prefix, entry.name):
            yield path, entry


def _skipped(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def _wanted(prefix: str, name: str) -> bool:
    if name.endswith(".md"):
        return not (prefix == "" and name.lower() == "readme.md")
    return prefix == "" and name in ("pack.toml", "mappings.toml")


def _walk_disk(
    root: Path, folder: Path, prefix: str, depth: int, problems: list[Problem], seen: set[Path]
) -> Iterator[tuple[str, Traversable]]:
    """Like :func:`walk`, for a folder on disk (``folder`` resolved, below ``root``).

    Every symbolic link is resolved before anything is read through it: one that leads outside
    the pack folder, back to a folder already read, round in a loop, or to nothing (when it has
    the name of a pack file) is a problem with its file, and nothing is read through it. What is
    yielded is the resolved path, so the read itself follows no link.
    """
    if depth > _MAX_DEPTH:
        problems.append(
            Problem(file=prefix.rstrip("/"), message="folders nested too deeply to read")
        )
        return
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as exc:
        problems.append(
            Problem(
                file=prefix.rstrip("/") or ".",
                message=f"cannot list the folder: {(exc.strerror or str(exc)).lower()}",
            )
        )
        return
    for entry in entries:
        name = entry.name
        if _skipped(name):
            continue
        path = prefix + name
        real = entry
        if entry.is_symlink():
            try:
                real = entry.resolve(strict=True)
            except RuntimeError:  # Python 3.11 and 3.12 raise this for a loop
                problems.append(Problem(file=path, message=_LOOP))
                continue
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    problems.append(Problem(file=path, message=_LOOP))
                elif _wanted(prefix, name):
                    problems.append(
                        Problem(
                            file=path,
                            message="a symbolic link to nothing: the file it names does not exist",
                        )
                    )
                continue
            if not real.is_relative_to(root):
                if real.is_dir() or _wanted(prefix, name):
                    problems.append(Problem(file=path, message=_OUTSIDE))
                continue
        if real.is_dir():
            if real in seen:
                problems.append(
                    Problem(
                        file=path,
                        message="a symbolic link to a folder of the pack that is read already "
                        "(a loop, or a second copy): remove the link",
                    )
                )
                continue
            seen.add(real)
            yield from _walk_disk(root, real, path + "/", depth + 1, problems, seen)
        elif _wanted(prefix, name):
            yield path, real


_LOOP = "a symbolic link that leads round in a loop: remove it or point it at a real file"
_OUTSIDE = (
    "a symbolic link to a place outside the pack folder: a pack reads only its own files, so "
    "copy what it needs into the folder"
)

#: The most bytes each file of a pack may hold: far more than any real one (a long session type
#: is under 10 kB), little enough that a hostile pack cannot fill the memory.
MAX_FILE_BYTES = 1_000_000
#: A crosswalk of two large packs may list thousands of links.
MAX_MAPPINGS_BYTES = 4_000_000


def _limit(path: str) -> int:
    return MAX_MAPPINGS_BYTES if path == "mappings.toml" else MAX_FILE_BYTES


def file_bytes(path: str, source: Traversable) -> bytes:
    """The bytes of one file of the pack, within its cap.

    Raises:
        FileError: The file cannot be read, is not a regular file, or is too large.
    """
    limit = _limit(path)
    what = "file" if path.endswith(".toml") else "element file"
    if isinstance(source, Path):
        # Resolved by the walk: the file itself must not be a link (any more).
        return read_limited(source, limit=limit, what=what, follow_symlinks=False)
    try:
        with source.open("rb") as stream:
            data: bytes = stream.read(limit + 1)
    except OSError as exc:
        raise FileError(f"cannot read the {what}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileError(f"the {what} is larger than the {limit:,} bytes such a file may hold")
    return data
