"""Overlays: adapt a published pack without copying it.

A pack whose ``pack.toml`` says ``extends = "base-pack"`` starts from the base and changes it:

- a file with a new id **adds** an element;
- a file with the id of a base element (or one of its old ids) **replaces** that element;
- a file with ``retired = true`` **retires** the base element with its id.

The result is one ordinary pack with the overlay's id, title, version and summary, the base's
content as changed, and the sources of both. It is checked as a whole, so an overlay that retires
a theme a base checklist still uses is told so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import attrs

from ..errors import PackFormatError, Problem
from ..model._ids import split_ref
from ..model.content import Checklist, Element, Pack, ResponseScale, Tool, element_items
from ._checks import Index, Loc, check_pack, to_problems

__all__ = ["apply_overlay"]

T = TypeVar("T")


def apply_overlay(
    base: Pack,
    overlay: Pack,
    *,
    index: Index | None = None,
    scales: Iterable[ResponseScale | str] = (),
) -> Pack:
    """The base pack with the overlay's additions, replacements and retirements applied.

    Args:
        base: The pack the overlay extends (itself already merged, if it is an overlay too).
        overlay: The overlay, as read from its folder.
        index: Where the overlay's elements were found, so problems name files and lines.
        scales: Scales (or their ids) contributed by plugins, usable beside the core scales.

    Raises:
        PackFormatError: The overlay extends another pack, retires or replaces something the
            base lacks, or the merged pack does not hold together; every problem is listed.
    """
    own = index or Index.for_pack(overlay)
    if overlay.extends != base.id:
        raise PackFormatError(
            [
                Problem(
                    file=str(own.at(overlay, "extends")),
                    message=f"extends {overlay.extends!r}, but the base given is {base.id!r}",
                )
            ],
            pack=overlay.id,
        )
    found: list[tuple[Loc, str]] = []
    retired = _retired(base, overlay, own, found)
    replacing, added = _replacing(base, overlay)
    merged = _merge(base, overlay, retired, replacing, added)
    merged_index = Index.for_pack(merged, known=own, foreign=True, name=base.id)
    extra = {s if isinstance(s, str) else s.id for s in scales}
    found.extend(check_pack(merged, merged_index, scales=extra, defer_unknown=False))
    gone = {key: (loc, f"retires {key!r}") for key, loc in retired.items()}
    for old_id, new in replacing.items():
        if new.id != old_id:
            how = f"replaces {old_id!r} with {new.id!r} (an old id of it)"
            gone[old_id] = (own.at(new, "id"), how + "; keep the id in aliases to go on using it")
    found.extend(_still_used(merged, base, gone))
    problems = to_problems(found)
    if problems:
        problems.sort(key=lambda p: (p.file, p.line or 0))
        raise PackFormatError(problems, pack=overlay.id)
    return merged


def _targets(base: Pack) -> dict[str, str]:
    """Each id an overlay file may use to name a base element, to that element's id: its
    own id, or one of its old ids (an element's own id wins over another's old id)."""
    by_alias = {alias: element.id for element in base.elements for alias in element.aliases}
    return by_alias | {element.id: element.id for element in base.elements}


def _retired(base: Pack, overlay: Pack, own: Index, found: list[tuple[Loc, str]]) -> dict[str, Loc]:
    """The base elements the overlay retires, each with where; what it cannot retire (an
    item, or an id the base lacks) goes into ``found``."""
    targets = _targets(base)
    holders = {item.id: element for element in base.elements for item in element_items(element)}
    retired: dict[str, Loc] = {}
    for element_id in overlay.retired:
        loc = own.retired.get(element_id, own.default)
        target = targets.get(element_id)
        if target is not None:
            retired[target] = loc
        elif element_id in holders:
            holder = holders[element_id]
            found.append(
                (
                    loc,
                    f"retires {element_id!r}, which is an item of {holder.kind} {holder.id!r} in "
                    f"{base.id!r}, not an element: replace {holder.id!r} with a file of the same "
                    "id instead",
                )
            )
        else:
            found.append(
                (loc, f"retires {element_id!r}, but pack {base.id!r} has no element with that id")
            )
    return retired


def _replacing(base: Pack, overlay: Pack) -> tuple[dict[str, Element], list[Element]]:
    """The overlay's elements split into replacements (keyed by the base id they replace)
    and additions."""
    targets = _targets(base)
    replacing: dict[str, Element] = {}
    added: list[Element] = []
    for element in overlay.elements:
        target = targets.get(element.id)
        if target is not None:
            replacing[target] = element
        else:
            added.append(element)
    return replacing, added


def _merge(
    base: Pack,
    overlay: Pack,
    retired: dict[str, Loc],
    replacing: dict[str, Element],
    added: list[Element],
) -> Pack:
    """One pack: the overlay's identity, the base's content as changed, both sources."""
    kept: list[Element] = []
    added = list(added)
    for element in base.elements:
        if element.id in retired:
            continue
        new = replacing.get(element.id)
        if new is None:
            kept.append(element)
        elif new.kind == element.kind:
            kept.append(new)  # in the place of the one it replaces
        else:
            added.append(new)

    scales_by_id = {scale.id: scale for scale in base.scales}
    scales_by_id.update({scale.id: scale for scale in overlay.scales})
    merged = Pack(
        id=overlay.id,
        title=overlay.title,
        version=overlay.version,
        summary=overlay.summary,
        language=overlay.language,
        sectors=_union(base.sectors, overlay.sectors),
        sources=_union(base.sources, overlay.sources),
        scales=tuple(scales_by_id.values()),
    ).with_elements([*kept, *added])
    ids = {element_id for element_id, _ in merged.iter_ids()}
    ids.update(alias for element in merged.elements for alias in element.aliases)
    # A base mapping from something the overlay took away goes with it.
    kept_mappings = tuple(m for m in base.mappings if m.source in ids)
    return attrs.evolve(merged, mappings=kept_mappings + overlay.mappings)


def _still_used(
    merged: Pack, base: Pack, gone: dict[str, tuple[Loc, str]]
) -> list[tuple[Loc, str]]:
    """Base elements left in the merged pack that still use a theme the overlay took away.

    ``gone`` holds, for each base id the overlay removed, where it did so and how.
    """
    themes = {key for theme in merged.themes for key in (theme.id, *theme.aliases)}
    found = []
    base_ids = {id(element) for element in base.elements}
    for element in merged.elements:
        if id(element) not in base_ids:
            continue
        refs: tuple[str, ...] = ()
        if isinstance(element, Checklist):
            refs = (element.theme,)
        elif isinstance(element, Tool):
            refs = element.themes
        for ref in refs:
            pack_id, name = split_ref(ref)
            if pack_id in (None, base.id) and name in gone and name not in themes:
                loc, how = gone[name]
                found.append(
                    (
                        loc,
                        f"{how}, but {element.kind} {element.id!r} of {base.id!r} still uses "
                        f"{name!r}: retire or replace that {element.kind} too",
                    )
                )
    return found


def _union(first: tuple[T, ...], second: tuple[T, ...]) -> tuple[T, ...]:
    return first + tuple(x for x in second if x not in first)
