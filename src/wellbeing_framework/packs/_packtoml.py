"""``pack.toml`` and ``mappings.toml``: a pack's details and its crosswalk to other packs.

Both are read through the strict converter, a table at a time, so that one bad source, scale or
mapping hides nothing about the others; every fault is reported at the line of its key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ..errors import Problem
from ..model._ids import ID_RULE, is_id
from ..model.content import Mapping, Pack, ResponseScale, Source
from ..model.scales import CORE_SCALES
from ._checks import Index, Loc, core_scale_reused
from ._frontmatter import TomlFault, key_lines, parse_toml
from ._lenient import fault_message, structure_leniently

__all__ = ["PACK_KEYS", "PackToml", "read_mappings_toml", "read_pack_toml"]

T = TypeVar("T")

#: The keys pack.toml may hold: the pack's own fields, less what its other files give.
PACK_KEYS = (
    "id",
    "title",
    "version",
    "summary",
    "language",
    "sectors",
    "extends",
    "sources",
    "scales",
)
_REQUIRED = ("id", "title", "version", "summary")
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

Reporter = Callable[[int, str], None]
At = Callable[..., int]


@attrs.define
class PackToml:
    """What pack.toml gave, good or bad.

    Attributes:
        pack: The pack's details (no elements yet), or None if they did not all hold.
        id: The pack's id, if it is a valid one.
        extends: The id of the pack it extends, if it is a valid one.
        keys: The line of each key (see :func:`~.frontmatter.key_lines`).
    """

    pack: Pack | None = None
    id: str | None = None
    extends: str | None = None
    keys: dict[tuple[str | int, ...], int] = attrs.Factory(dict)

    def at(self, *path: str | int) -> int:
        """The line of a key, or of the nearest table or key that holds it."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.keys:
                return self.keys[path[:end]]
        return 1


def read_pack_toml(text: str, index: Index, problems: list[Problem]) -> PackToml:
    """Read pack.toml, adding its problems to ``problems`` and its scales to ``index``."""
    meta = PackToml()
    try:
        data = parse_toml(text, 1, "pack.toml")
    except TomlFault as fault:
        problems.append(Problem(file="pack.toml", line=fault.line, message=fault.message))
        return meta
    meta.keys = key_lines(text, 1)
    at = meta.at
    reported: set[str] = set()

    def report(line: int, message: str, key: str | None = None) -> None:
        problems.append(Problem(file="pack.toml", line=line, message=message))
        if key is not None:
            reported.add(key)

    for key in data:
        if key not in PACK_KEYS:
            listed = ", ".join(PACK_KEYS)
            report(at(key), f"unknown key {key!r} in pack.toml: expected one of {listed}", key)
    for key in _REQUIRED:
        if key not in data:
            report(1, f"missing key {key!r}: pack.toml needs {', '.join(_REQUIRED)}", key)
    if not data.get("sources"):
        report(
            1,
            "missing [[sources]]: expected at least one, saying where the content comes from "
            "(title and publisher)",
        )
    for key in ("id", "extends"):
        value = data.get(key)
        if value is not None and not is_id(value):
            report(at(key), f"{key}: {value!r} is not a valid id: {ID_RULE}", key)
        elif value is not None:
            setattr(meta, key, value)
    version = data.get("version")
    if isinstance(version, str) and not _SEMVER.fullmatch(version):
        message = f"version: expected a semantic version such as 1.2.0, got {version!r}"
        report(at("version"), message, "version")
    language = data.get("language")
    if isinstance(language, str) and not _LANGUAGE.fullmatch(language):
        message = f"language: expected a language tag such as en-GB, got {language!r}"
        report(at("language"), message, "language")
    if isinstance(data.get("summary"), str):
        data["summary"] = data["summary"].strip()
    fields = {k: v for k, v in data.items() if k in PACK_KEYS and k not in ("sources", "scales")}
    pack, faults = structure_leniently(fields, Pack)
    for found in faults:
        if not (found.path and found.path[0] in reported):  # said already, in plainer words
            report(at(*found.path), fault_message(found))
    sources = _tables(data, "sources", Source, report, at)
    scales = _tables(data, "scales", ResponseScale, report, at)
    for n, scale in scales:
        where = Loc("pack.toml", at("scales", n, "id"))
        index.place(scale, Loc("pack.toml", at("scales", n)), {"id": where})
        index.declared.append((scale.id, where, "scale"))
    raw_scales = data.get("scales")
    good = {n for n, _ in scales}
    for n, raw in enumerate(raw_scales if isinstance(raw_scales, list) else ()):
        if n not in good and isinstance(raw, dict) and is_id(raw.get("id")):
            # A scale that did not build still exists: checklists using it are not told
            # it is unknown, but it may not take a core scale's id.
            index.broken[raw["id"]] = "scale"
            if raw["id"] in CORE_SCALES:
                report(at("scales", n, "id"), core_scale_reused(raw["id"]))
    if pack is not None:
        meta.pack = attrs.evolve(
            pack, sources=tuple(s for _, s in sources), scales=tuple(s for _, s in scales)
        )
    return meta


def _tables(
    data: dict[str, Any], key: str, cls: type[T], report: Reporter, at: At
) -> list[tuple[int, T]]:
    """Each ``[[key]]`` table built on its own, so one bad table hides nothing."""
    tables = data.get(key, [])
    if not isinstance(tables, list):
        report(at(key), f"{key}: expected [[{key}]] tables")
        return []
    out: list[tuple[int, T]] = []
    for n, table in enumerate(tables):
        built = _table(table, cls, f"[[{key}]]", lambda *p, n=n: at(key, n, *p), report)
        if built is not None:
            out.append((n, built))
    return out


def _table(table: object, cls: type[T], what: str, at: At, report: Reporter) -> T | None:
    """One TOML table as a model, reporting unknown keys and the converter's faults."""
    if not isinstance(table, dict):
        report(at(), f"expected {what} tables of keys, got {table!r}")
        return None
    known = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    for key in table:
        if key not in known:
            report(at(key), f"unknown key {key!r} in {what}: expected one of {', '.join(known)}")
    built, faults = structure_leniently({k: v for k, v in table.items() if k in known}, cls)
    for fault in faults:
        report(at(*fault.path), fault_message(fault))
    return built


def read_mappings_toml(text: str, index: Index, problems: list[Problem]) -> list[Mapping]:
    """Read mappings.toml, adding its problems to ``problems`` and its places to ``index``."""

    def report(line: int, message: str) -> None:
        problems.append(Problem(file="mappings.toml", line=line, message=message))

    try:
        data = parse_toml(text, 1, "mappings.toml")
    except TomlFault as fault:
        report(fault.line, fault.message)
        return []
    keys = key_lines(text, 1)
    for key in data:
        if key != "mapping":
            message = f"unknown key {key!r} in mappings.toml: expected only [[mapping]] tables"
            report(keys.get((key,), 1), message)
    tables = data.get("mapping", [])
    if not isinstance(tables, list):
        message = "expected [[mapping]] tables, each with source, target and relation"
        report(keys.get(("mapping",), 1), message)
        return []
    out: list[Mapping] = []
    for n, table in enumerate(tables):

        def at(*path: str | int, n: int = n) -> int:
            return keys.get(("mapping", n, *path[:1]), keys.get(("mapping", n), 1))

        mapping = _table(table, Mapping, "[[mapping]]", at, report)
        if mapping is not None:
            where = {k: Loc("mappings.toml", at(k)) for k in ("source", "target")}
            index.place(mapping, Loc("mappings.toml", at()), where)
            out.append(mapping)
    return out
