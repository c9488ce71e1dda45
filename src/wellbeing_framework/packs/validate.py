"""Validation of a pack against the packs around it.

The reader checks everything a pack holds on its own. What is left needs other packs: a mapping
to ``other-pack:element-id``, a checklist or tool that uses another pack's theme or scale, and the
base pack of an overlay (whose additions, replacements and retirements must all apply). Every
problem, the pack's own and these, is reported in one run, each with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from .._files import read_limited
from ..errors import ElementNotFoundError, FileError, PackFormatError, Problem
from ..model._ids import split_ref
from ..model.content import Checklist, Pack, ResponseScale, Theme, Tool
from ._checks import Index, Loc, check_pack, to_problems
from ._frontmatter import TomlFault, parse_toml
from .catalog import Catalog
from .manager import PackHost
from .overlay import apply_overlay
from .reader import MAX_FILE_BYTES, Folder, inspect_pack

__all__ = ["find_pack_folder", "validate_pack"]


def validate_pack(
    pack_or_folder: Pack | Folder,
    catalog: Catalog | None = None,
    *,
    scales: Iterable[ResponseScale | str] = (),
) -> tuple[Problem, ...]:
    """Every problem of a pack, its own and those that need the packs in ``catalog``.

    Args:
        pack_or_folder: A pack folder (a path or a Traversable), or a pack built in Python (its
            problems then name the pack and element instead of a file and line).
        catalog: The loaded packs, for references to other packs and the base of an overlay.
            Without it only the pack's own problems are found.
        scales: Scales (or their ids) contributed by plugins, beside those of the catalog.

    Returns:
        The problems, sorted by file and line; empty when the pack is sound.
    """
    extra = {s if isinstance(s, str) else s.id for s in scales}
    if catalog is not None:
        extra.update(s.id for s in catalog.shared_scales)
    if isinstance(pack_or_folder, Pack):
        pack = pack_or_folder
        index = Index.for_pack(pack)
        problems = to_problems(check_pack(pack, index, scales=extra))
    else:
        reading = inspect_pack(pack_or_folder, scales=extra)
        pack, index, problems = reading.pack, reading.index, list(reading.problems)
    if catalog is not None:
        problems.extend(to_problems(_across(pack, index, catalog)))
        problems.extend(_overlay(pack, index, catalog, extra))
    return tuple(sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message)))


def _across(pack: Pack, index: Index, catalog: Catalog) -> Iterator[tuple[Loc, str]]:
    """References from this pack to elements and scales of other packs."""

    def other(ref: str) -> tuple[str, str] | None:
        pack_id, name = split_ref(ref)
        if pack_id is None or pack_id == pack.id:
            return None
        return pack_id, name

    def not_loaded(pack_id: str) -> str:
        loaded = ", ".join(sorted(p.id for p in catalog)) or "none"
        return f"no pack {pack_id!r} is loaded (loaded: {loaded})"

    for mapping in pack.mappings:
        target = other(mapping.target)
        if target is None:
            continue
        if target[0] not in catalog:
            why = not_loaded(target[0])
        elif mapping.target not in catalog:
            why = f"pack {target[0]!r} has no element or item {target[1]!r}"
        else:
            continue
        yield (
            index.at(mapping, "target"),
            f"mapping target {mapping.target!r} does not exist: {why}",
        )

    for element in pack.elements:
        refs: list[tuple[str, str]] = []
        if isinstance(element, Checklist):
            refs.append(("theme", element.theme))
            scale = other(element.scale)
            if scale is not None:
                try:
                    catalog.scale(element.scale)
                except ElementNotFoundError:
                    yield (
                        index.at(element, "scale"),
                        (
                            f"unknown scale {element.scale!r}: "
                            + (
                                not_loaded(scale[0])
                                if scale[0] not in catalog
                                else f"pack {scale[0]!r} has no scale {scale[1]!r}"
                            )
                        ),
                    )
        elif isinstance(element, Tool):
            refs.extend(("themes", ref) for ref in element.themes)
        for key, ref in refs:
            theme = other(ref)
            if theme is None:
                continue
            if theme[0] not in catalog:
                yield index.at(element, key), f"unknown theme {ref!r}: {not_loaded(theme[0])}"
            elif ref not in catalog or not isinstance(catalog.get(ref), Theme):
                yield (
                    index.at(element, key),
                    (f"unknown theme {ref!r}: pack {theme[0]!r} has no theme {theme[1]!r}"),
                )


def _overlay(pack: Pack, index: Index, catalog: Catalog, scales: set[str]) -> list[Problem]:
    """An overlay applied to its base as loaded in the catalog."""
    if pack.extends is None or pack.extends == pack.id:
        return []
    if pack.extends not in catalog:
        loc = index.at(pack, "extends")
        return [
            Problem(
                file=loc.file,
                line=loc.line,
                message=f"extends {pack.extends!r}, which is not loaded: install it, or pass its "
                "folder with --pack-dir",
            )
        ]
    try:
        apply_overlay(catalog.pack(pack.extends), pack, index=index, scales=scales)
    except PackFormatError as exc:
        return list(exc.problems)
    return []


def find_pack_folder(host: PackHost, name: str) -> Traversable | Path | None:
    """The folder a pack is read from, among those the host read as it loaded.

    Args:
        host: The plugin host.
        name: A pack id (as its pack.toml gives it, so even a pack that failed to load is
            found), or the name of the plugin that yields the folder.

    Returns:
        The folder, or None when no plugin yields one (a pack may be yielded ready-made, as a
        :class:`~wellbeing_framework.Pack`).
    """
    by_plugin = None
    for plugin, folder in host.load().folders:
        if _pack_id(folder) == name:
            return folder
        if plugin == name and by_plugin is None:
            by_plugin = folder
    return by_plugin


def _pack_id(folder: Traversable | Path) -> str | None:
    try:
        if isinstance(folder, Path):  # never blocks on a FIFO, never reads past the cap
            data = read_limited(folder / "pack.toml", limit=MAX_FILE_BYTES, what="file")
        else:
            data = (folder / "pack.toml").read_bytes()
        value = parse_toml(data.decode("utf-8"), 1, "pack.toml").get("id")
    except (OSError, UnicodeDecodeError, TomlFault, FileError):
        return None  # not a readable pack folder, so not the one sought
    return value if isinstance(value, str) else None
