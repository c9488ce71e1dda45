"""Packs read once and kept, so that a command does not parse the same Markdown on every run.

Parsing a pack's Markdown is most of what loading costs (markdown-it's block parse of every
element file), and the installed packs are the same files run after run. A folder's pack is
kept as the converter's JSON in one entry per folder, with a key made from everything the
reading depends on: the bytes of every file the reader would read, the contributed scale ids
its checks use, and the version and source files of the library that reads them. A changed
byte, scale or reader makes a new key, and the folder is read afresh.

Only a pack that read without a problem is kept; a folder with any problem is read as if there
were no cache, so its problems are reported exactly as before. The cache is only ever a saving:
an entry that cannot be read, is not the current key's or does not convert is ignored, and one
that cannot be written is not written. An entry is data, not code: it is checked by the strict
converter as any JSON record is.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .._files import read_limited, write_atomic
from ..errors import Problem, WellbeingError
from ._folder import file_bytes, walk

if TYPE_CHECKING:
    from ..model.content import Pack

__all__ = ["MAX_ENTRIES", "read_pack_cached"]

#: Changes when an entry's layout does.
_FORMAT = "wellbeing-pack-cache 1"
#: Far more than any pack's JSON; an entry larger than this is not read.
_MAX_ENTRY_BYTES = 16_000_000
#: The most entries kept: far more folders than anyone loads at once.
MAX_ENTRIES = 64
#: The name of an entry (see ``_folder_name``).
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.json")


def read_pack_cached(folder: Traversable | Path, *, scales: Iterable[str], directory: Path) -> Pack:
    """:func:`~wellbeing_framework.packs.reader.read_pack`, kept in ``directory``: the same
    pack, or the same error, as reading the folder gives."""
    scale_ids = sorted(set(scales))
    files = _files(folder)
    if files is not None:
        key = _key(files, scale_ids)
        entry = directory / f"{_folder_name(folder, scale_ids)}.json"
        kept = _load(entry, key)
        if kept is not None:
            return kept
    # The reader (markdown-it, the checks) is imported only when a folder must be read.
    from .reader import read_pack, read_pack_files

    if files is None:
        return read_pack(folder, scales=scale_ids)
    try:
        pack = read_pack_files(files, scales=scale_ids)
    except WellbeingError:
        # Read the folder itself, so that the error is the one reading it gives, word for word.
        return read_pack(folder, scales=scale_ids)
    _store(entry, key, pack)
    return pack


def _files(folder: Traversable | Path) -> list[tuple[str, bytes]] | None:
    """Every file the reader reads, with its bytes; None if the walk or a read found a problem
    (the folder is then read without the cache, which reports it)."""
    root = folder if isinstance(folder, Traversable) else Path(folder)
    if not root.is_dir():
        return None
    problems: list[Problem] = []
    try:
        found = list(walk(root, "", 0, problems))
        if problems:
            return None
        return [(path, file_bytes(path, source)) for path, source in found]
    except WellbeingError:
        return None


def _key(files: list[tuple[str, bytes]], scale_ids: list[str]) -> str:
    digest = hashlib.sha256()
    for part in (_FORMAT, __version__, *_reader_sources(), *_parsers(), *scale_ids):
        digest.update(part.encode() + b"\0")
    for path, data in sorted(files):
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def _parsers() -> tuple[str, ...]:
    """The versions of what parses a pack beside the library: markdown-it-py for the Markdown,
    Python's own tomllib for pack.toml. Upgraded, either may read the same bytes otherwise."""
    import importlib.metadata
    import sys

    return (f"markdown-it-py {importlib.metadata.version('markdown-it-py')}", sys.version)


@functools.cache
def _reader_sources() -> tuple[str, ...]:
    """The library's own files that reading depends on, by name, size and time of change: a
    changed reader (in a working copy, where the version stays the same) reads afresh."""
    package = Path(__file__).resolve().parent.parent
    found: list[str] = []
    for folder in (package, package / "model", package / "packs"):
        with os.scandir(folder) as entries:
            for item in entries:
                if item.name.endswith(".py"):
                    info = item.stat()
                    found.append(f"{item.path}:{info.st_size}:{info.st_mtime_ns}")
    return tuple(sorted(found))


def _folder_name(folder: Traversable | Path, scale_ids: list[str]) -> str:
    # One entry per folder (and set of scales), rewritten when its key changes: the cache does
    # not grow with every edit an author makes to a pack.
    where = str(folder.resolve()) if isinstance(folder, Path) else str(folder)
    return hashlib.sha256("\0".join([where, *scale_ids]).encode()).hexdigest()[:32]


def _load(entry: Path, key: str) -> Pack | None:
    from ..model.content import Pack
    from ..model.convert import structure

    try:
        data = json.loads(read_limited(entry, limit=_MAX_ENTRY_BYTES, what="cache entry"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        pack = structure(data["pack"], Pack, source=str(entry))
    except (OSError, ValueError, KeyError, RecursionError, WellbeingError):
        return None  # RecursionError: JSON nested deeper than json.loads goes
    with contextlib.suppress(OSError):
        os.utime(entry)  # used now: pruning forgets the entries used longest ago
    return pack


def _store(entry: Path, key: str, pack: Pack) -> None:
    from ..model.convert import unstructure

    text = json.dumps({"key": key, "pack": unstructure(pack)}, ensure_ascii=False)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, text, what="cache entry")
        _prune(entry.parent)
    except (OSError, WellbeingError):
        pass  # a cache that cannot be written (a read-only home, a full disk) is no cache


def _prune(directory: Path) -> None:
    """Forget the entries used longest ago beyond :data:`MAX_ENTRIES`: each folder read once
    (a pack written to a temporary folder, say) would otherwise stay for ever."""
    # Only the cache's own entries: the folder named may hold other files of the user's.
    entries = [e for e in directory.iterdir() if _ENTRY_NAME.fullmatch(e.name)]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for stale in entries[: len(entries) - MAX_ENTRIES]:
        stale.unlink(missing_ok=True)
