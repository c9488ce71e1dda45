"""Checks across the elements of one pack: ids, aliases, references, scales, checklists, agendas.

The reader runs these on every pack it reads, with the place of everything in the files (an
:class:`Index`), so that each fault is reported at its file and line. They run too on a pack built
in Python (:meth:`Index.for_pack` then names elements instead of lines) and on an overlay merged
with its base.

Checks that need other packs (a mapping to ``other-pack:id``, the base of an overlay) live in
:mod:`wellbeing_framework.packs.validate`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping

import attrs

from ..errors import Problem
from ..model._ids import split_ref
from ..model.content import (
    Checklist,
    Element,
    Pack,
    ReflectiveModel,
    SessionType,
    Theme,
    Tool,
    element_items,
)
from ..model.scales import CORE_SCALES
from . import _prompt_addresses

__all__ = ["Index", "Loc", "check_pack", "core_scale_reused", "to_problems"]

_CORE = ", ".join(CORE_SCALES)
#: The kinds of id an ``addresses`` entry may name, as the index records them (the reader
#: names an item by the list it came from, a loaded pack by its class).
_ADDRESSABLE = frozenset(
    {"items", "statements", "prompts", "triggers", "agenda", "session-type"}
    | {"checklistitem", "statement", "prompt", "trigger", "agendastep"}
)


@attrs.frozen
class Loc:
    """A place in a pack: a file (relative to the pack folder) and a 1-based line, if known.

    ``foreign`` marks a place outside the pack being checked (the base of an overlay): faults
    found there are not the checked pack's to report.
    """

    file: str
    line: int | None = None
    foreign: bool = attrs.field(default=False, eq=False)

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


class Index:
    """Where everything in a pack was found, and every id declared, in reading order.

    The reader fills it as it goes. Places are keyed by object identity (the models are frozen
    values, and two equal items in different files are still two places).

    Attributes:
        default: Where to report a fault whose place is unknown.
        declared: Every id with its place and what holds it ("theme", "statement", "scale"...).
        aliases: Every alias with its place and the id of the element that lists it.
        broken: Ids of elements whose files did not build, with their kind if known: references
            to them are not reported again as unknown.
        retired: The place of each ``retired = true`` file, by id.
    """

    def __init__(self, default: Loc) -> None:
        self.default = default
        self.declared: list[tuple[str, Loc, str]] = []
        self.aliases: list[tuple[str, Loc, str]] = []
        self.broken: dict[str, str | None] = {}
        self.retired: dict[str, Loc] = {}
        self._at: dict[int, Loc] = {}
        self._keys: dict[tuple[int, str], Loc] = {}

    def place(self, obj: object, loc: Loc, keys: Mapping[str, Loc] | None = None) -> None:
        """Record where ``obj`` is, and where each of its keys is if known."""
        self._at[id(obj)] = loc
        for key, key_loc in (keys or {}).items():
            self._keys[(id(obj), key)] = key_loc

    def at(self, obj: object, key: str | None = None) -> Loc:
        """Where ``obj`` (or its ``key``) is; the object's place if the key's is not known."""
        if key is not None:
            found = self._keys.get((id(obj), key))
            if found is not None:
                return found
        return self._at.get(id(obj), self.default)

    def knows(self, obj: object) -> bool:
        return id(obj) in self._at

    def adopt(self, other: Index) -> None:
        """Take the places another index knows (an overlay's, for its merged pack)."""
        self._at.update(other._at)
        self._keys.update(other._keys)

    @classmethod
    def for_pack(
        cls,
        pack: Pack,
        *,
        known: Index | None = None,
        foreign: bool = False,
        name: str | None = None,
    ) -> Index:
        """An index of a pack that was not read from files: places name the pack and element.

        Args:
            pack: The pack.
            known: An index whose places win where it has them (an overlay read from files).
            foreign: Mark the places this makes up as foreign (see :class:`Loc`).
            name: The pack id to name places with (default: the pack's own).
        """
        name = name or pack.id
        index = cls(Loc(name, foreign=foreign))
        if known is not None:
            index.adopt(known)

        def where(obj: object, name: str) -> Loc:
            return index.at(obj) if index.knows(obj) else Loc(name, foreign=foreign)

        for scale in pack.scales:
            loc = where(scale, name)
            index.place(scale, loc)
            index.declared.append((scale.id, index.at(scale, "id"), "scale"))
        for element in pack.elements:
            loc = where(element, f"{name}:{element.id}")
            index.place(element, loc)
            index.declared.append((element.id, index.at(element, "id"), element.kind))
            aliases_at = index.at(element, "aliases")
            index.aliases.extend((alias, aliases_at, element.id) for alias in element.aliases)
            for item in element_items(element):
                item_loc = index.at(item) if index.knows(item) else Loc(loc.file, foreign=foreign)
                index.place(item, item_loc)
                index.declared.append((item.id, item_loc, type(item).__name__.lower()))
        for retired in pack.retired:
            loc = known.retired.get(retired, index.default) if known else index.default
            index.retired[retired] = loc
            index.declared.append((retired, loc, "retired element"))
        return index


def to_problems(found: Iterable[tuple[Loc, str]]) -> list[Problem]:
    """Faults as problems, leaving out those at foreign places."""
    return [
        Problem(file=loc.file, line=loc.line, message=msg) for loc, msg in found if not loc.foreign
    ]


def check_pack(
    pack: Pack,
    index: Index,
    *,
    scales: Collection[str] = (),
    defer_unknown: bool | None = None,
) -> list[tuple[Loc, str]]:
    """Every fault across the elements of ``pack``, each with its place.

    Args:
        pack: The pack.
        index: Where everything is.
        scales: Ids of scales contributed by plugins, usable beside the core scales.
        defer_unknown: Do not report a bare reference that names nothing here: the pack is an
            overlay and its base may hold it. Defaults to true when the pack extends another.
    """
    if defer_unknown is None:
        defer_unknown = pack.extends is not None
    found: list[tuple[Loc, str]] = []
    found.extend(_duplicates(index))
    found.extend(_aliases(index))
    found.extend(_references(pack, index, scales, defer_unknown))
    found.extend(_scales(pack, index))
    for element in pack.elements:
        if isinstance(element, Checklist) and not element.items:
            found.append(
                (
                    index.at(element),
                    f"checklist {element.id!r} has no items: expected a list whose items start "
                    "with their ids in backticks, like - `my-id` text",
                )
            )
        elif isinstance(element, SessionType):
            found.extend(_closing(element, index))
    if pack.extends == pack.id:
        found.append((index.at(pack, "extends"), "a pack cannot extend itself"))
    if pack.retired and pack.extends is None:
        for retired in pack.retired:
            found.append(
                (
                    index.retired.get(retired, index.default),
                    'retired = true applies only in an overlay: add extends = "base-pack-id" '
                    "to pack.toml, or delete this file",
                )
            )
    return found


def _duplicates(index: Index) -> Iterator[tuple[Loc, str]]:
    first: dict[str, Loc] = {}
    for element_id, loc, _ in index.declared:
        earlier = first.get(element_id)
        if earlier is None:
            first[element_id] = loc
        elif loc.foreign and not earlier.foreign:
            # The clash is with a base pack's id: report it where the overlay can change it.
            yield earlier, f"duplicate id {element_id!r} (also defined at {loc})"
        else:
            yield loc, f"duplicate id {element_id!r} (first defined at {earlier})"


def _aliases(index: Index) -> Iterator[tuple[Loc, str]]:
    ids: dict[str, Loc] = {}
    for element_id, loc, _ in index.declared:
        ids.setdefault(element_id, loc)
    seen: dict[str, tuple[Loc, str]] = {}
    for alias, loc, owner in index.aliases:
        if alias in ids:
            yield (
                loc,
                f"alias {alias!r} is already an id (defined at {ids[alias]}): an old id "
                "cannot be reused while it is still an alias",
            )
        elif alias in seen:
            where, other = seen[alias]
            yield (
                loc,
                f"alias {alias!r} is also an alias of {other!r} (at {where}): an old id "
                "can point to one element only",
            )
        else:
            seen[alias] = (loc, owner)


def _references(
    pack: Pack, index: Index, extra_scales: Collection[str], defer: bool
) -> Iterator[tuple[Loc, str]]:
    themes = {key for t in pack.themes for key in (t.id, *t.aliases)}
    themes.update(k for k, kind in index.broken.items() if kind in (None, Theme.kind))
    ids = {element_id for element_id, _, _ in index.declared}
    ids.update(alias for alias, _, _ in index.aliases)
    ids.update(index.broken)
    # What a tool or a model may say it addresses: themes, their statements and prompts,
    # checklist items, session types and their triggers and steps; not other tools.
    addressable = set(themes)
    addressable.update(i for i, _, what in index.declared if what in _ADDRESSABLE)
    own_scales = {s.id for s in pack.scales}
    own_scales.update(k for k, kind in index.broken.items() if kind == "scale")

    def local(ref: str) -> str | None:
        """The id a reference names in this pack, or None if it names another pack."""
        pack_id, element_id = split_ref(ref)
        return element_id if pack_id in (None, pack.id) else None

    def theme_ref(element: Element, ref: str, key: str) -> Iterator[tuple[Loc, str]]:
        name = local(ref)
        if name is not None and name not in themes and not defer:
            listed = ", ".join(sorted(t.id for t in pack.themes)) or "it has none"
            yield (
                index.at(element, key),
                (
                    f"unknown theme {ref!r}: expected the id of a theme in this pack ({listed}) "
                    "or pack-id:theme-id for a theme of another pack"
                ),
            )

    for element in pack.elements:
        if isinstance(element, Checklist):
            yield from theme_ref(element, element.theme, "theme")
            name = local(element.scale)
            known = name in CORE_SCALES or name in own_scales or name in extra_scales
            if name is not None and not known and not defer:
                own = ", ".join(sorted(own_scales)) or "none"
                yield (
                    index.at(element, "scale"),
                    (
                        f"unknown scale {element.scale!r}: expected a core scale ({_CORE}), one of "
                        f"this pack's own scales ({own}) or pack-id:scale-id"
                    ),
                )
        elif isinstance(element, Tool):
            for ref in element.themes:
                yield from theme_ref(element, ref, "themes")
        said: list[tuple[str, str]] = []
        if isinstance(element, Tool | ReflectiveModel):
            said += [("addresses", ref) for ref in element.addresses]
        said += [
            (_prompt_addresses.KEY, ref)
            for prompt in _prompt_addresses.prompts_of(element)
            for ref in prompt.addresses
        ]
        for key, ref in said:
            name = local(ref)
            if name is not None and name not in addressable and not defer:
                yield (
                    index.at(element, key),
                    (
                        f"{key}: {ref!r} is nothing a {'tool' if key == 'addresses' else 'prompt'} "
                        "can address in this pack: "
                        "expected the id of a theme, statement, checklist item, prompt, "
                        "session type, trigger or agenda step, or pack-id:element-id"
                    ),
                )
    for mapping in pack.mappings:
        if mapping.source not in ids and not defer:
            yield (
                index.at(mapping, "source"),
                (
                    f"mapping source {mapping.source!r} is not an id in this pack: expected the id "
                    "of one of its elements or items"
                ),
            )
        name = local(mapping.target)
        if name is not None and name not in ids and not defer:
            yield (
                index.at(mapping, "target"),
                (
                    f"mapping target {mapping.target!r} is not an id in this pack: expected "
                    "pack-id:element-id"
                ),
            )


def core_scale_reused(scale_id: str) -> str:
    """The message for a pack scale that takes a core scale's id."""
    return (
        f"scale id {scale_id!r} is the id of a core scale: a pack's own scale needs an id of "
        f"its own (core scales: {_CORE})"
    )


def _scales(pack: Pack, index: Index) -> Iterator[tuple[Loc, str]]:
    for scale in pack.scales:
        if scale.id in CORE_SCALES:
            yield index.at(scale, "id"), core_scale_reused(scale.id)


def _closing(session_type: SessionType, index: Index) -> Iterator[tuple[Loc, str]]:
    closing = session_type.closing
    if closing is None:
        return
    steps = [step.id for step in session_type.agenda]
    if closing not in steps:
        listed = ", ".join(steps) or "the agenda has none"
        yield (
            index.at(session_type, "closing"),
            (
                f"closing step {closing!r} is not on the agenda: expected the id of one of its "
                f"steps ({listed})"
            ),
        )
    elif steps[-1] != closing:
        step = next(s for s in session_type.agenda if s.id == closing)
        yield (
            index.at(step),
            (
                f"the closing step {closing!r} must come last on the agenda, but "
                f"{steps[-1]!r} comes after it"
            ),
        )
