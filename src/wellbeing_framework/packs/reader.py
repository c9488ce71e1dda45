"""The Markdown pack reader: a folder in, a :class:`~wellbeing_framework.Pack` out.

A pack is a folder with ``pack.toml``, an optional ``mappings.toml`` and one ``.md`` file per
element (see ``docs/pack-format.md``). The folder may be a plain path or a
:class:`~importlib.resources.abc.Traversable` from :func:`importlib.resources.files`, so packs
read the same from source, from a wheel or from a zip.

Every problem in every file is collected and raised together as one
:class:`~wellbeing_framework.PackFormatError`, each with its file (relative to the pack folder,
with ``/`` separators) and line. Nothing from inside a dependency (a TOML or Unicode decode error,
a converter error) escapes raw.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from ..errors import FileError, PackFormatError, Problem
from ..model.content import Element, Mapping, Pack, ResponseScale
from ._checks import Index, Loc, check_pack, to_problems
from ._folder import MAX_FILE_BYTES, MAX_MAPPINGS_BYTES, file_bytes, pack_files, walk
from ._frontmatter import normalise
from ._packtoml import PackToml, read_mappings_toml, read_pack_toml

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_MAPPINGS_BYTES",
    "Reading",
    "inspect_pack",
    "pack_files",
    "read_pack",
    "read_pack_files",
]


Folder = Traversable | Path | str | os.PathLike[str]


def read_pack(folder: Folder, *, scales: Iterable[ResponseScale | str] = ()) -> Pack:
    """Read and check a pack folder.

    Args:
        folder: The pack folder: a path, or a Traversable from :func:`importlib.resources.files`.
        scales: Scales (or their ids) contributed by plugins, which checklists may use beside
            the core scales.

    Raises:
        PackFormatError: Listing every problem in every file of the pack.
    """
    reading = inspect_pack(folder, scales=scales)
    if reading.problems:
        raise PackFormatError(reading.problems, pack=reading.pack.id)
    return reading.pack


@attrs.frozen
class Reading:
    """All that reading a pack folder found, whether or not it holds problems.

    Attributes:
        pack: The pack, as far as it could be built: elements whose files could not be built are
            missing. Use it only when ``problems`` is empty, or to run further checks.
        index: Where everything was found.
        problems: Every problem, sorted by file and line.
    """

    pack: Pack
    index: Index
    problems: tuple[Problem, ...]


def inspect_pack(
    folder: Folder, *, scales: Iterable[ResponseScale | str] = (), check: bool = True
) -> Reading:
    """Read a pack folder without raising: the pack as far as it goes, and every problem.

    Args:
        folder: The pack folder.
        scales: Scales (or their ids) contributed by plugins.
        check: Run the checks across elements (ids, references...), not only each file's own.
    """
    root = folder if isinstance(folder, Traversable) else Path(folder)
    if not root.is_dir():
        problem = Problem(
            file=str(folder), message="not a folder: expected a pack folder holding pack.toml"
        )
        empty = Pack(id="unnamed-pack", title="?", version="0.0.0", summary="?")
        return Reading(empty, Index(Loc(str(folder))), (problem,))
    problems: list[Problem] = []
    files = list(walk(root, "", 0, problems))
    return _read(files, problems, scales=scales, check=check)


def read_pack_files(
    files: Iterable[tuple[str, str | bytes]],
    *,
    scales: Iterable[ResponseScale | str] = (),
    check: bool = True,
) -> Pack:
    """Read a pack from ``(relative path, content)`` pairs, as if they were files in a folder.

    The writer uses this to check that what it writes reads back as the same pack.

    Raises:
        PackFormatError: Listing every problem.
    """
    reading = _read(list(files), [], scales=scales, check=check)
    if reading.problems:
        raise PackFormatError(reading.problems, pack=reading.pack.id)
    return reading.pack


def _text(path: str, source: Traversable | str | bytes, problems: list[Problem]) -> str | None:
    """A file's text, or None with a problem if it cannot be read or is not UTF-8."""
    if isinstance(source, str):
        return normalise(source)
    try:
        data = source if isinstance(source, bytes) else file_bytes(path, source)
    except FileError as exc:
        problems.append(Problem(file=path, message=exc.reason))
        return None
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                file=path,
                line=line,
                message=f"not valid UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} "
                "cannot be read; save the file as UTF-8",
            )
        )
        return None


def _read(
    files: list[tuple[str, Any]],
    problems: list[Problem],
    *,
    scales: Iterable[ResponseScale | str],
    check: bool,
) -> Reading:
    # The Markdown parser is imported here, not with the module: a pack kept by the cache
    # (_cache) is found by walking the folder, and markdown-it is a fifth of a command's start.
    from ._elementfile import Retired, read_element
    from ._outline import make_parser

    md = make_parser()
    index = Index(Loc("pack.toml", 1))
    meta = PackToml()
    mappings: list[Mapping] = []
    elements: list[Element] = []
    retired: list[str] = []
    # pack.toml first: its scales are declared before any element that might clash with them.
    files = sorted(files, key=lambda f: f[0] != "pack.toml")
    seen_pack_toml = False
    for path, source in files:
        text = _text(path, source, problems)
        if path == "pack.toml":
            seen_pack_toml = True
            if text is not None:
                meta = read_pack_toml(text, index, problems)
            continue
        if text is None:
            continue
        if path == "mappings.toml":
            mappings = read_mappings_toml(text, index, problems)
            continue
        element, found = read_element(md, index, path, text)
        problems.extend(found)
        if isinstance(element, Retired):
            retired.append(element.id)
        elif element is not None:
            elements.append(element)
    if not seen_pack_toml:
        problems.append(
            Problem(
                file="pack.toml",
                message="missing: every pack folder needs a pack.toml with id, title, version "
                "and summary",
            )
        )
    base = meta.pack or Pack(
        id=meta.id or "unnamed-pack",
        title="?",
        version="0.0.0",
        summary="?",
        extends=meta.extends,
    )
    pack = attrs.evolve(
        base.with_elements(elements), mappings=tuple(mappings), retired=tuple(retired)
    )
    keys = {str(k[0]): Loc("pack.toml", v) for k, v in meta.keys.items() if len(k) == 1}
    index.place(pack, Loc("pack.toml", 1), keys)
    if check:
        extra = {s if isinstance(s, str) else s.id for s in scales}
        problems.extend(to_problems(check_pack(pack, index, scales=extra)))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return Reading(pack, index, tuple(problems))
