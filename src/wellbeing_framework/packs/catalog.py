"""The catalog: the merged, indexed content of every loaded pack.

Look anything up by a fully qualified reference, ``pack-id:element-id``, or by an old id kept in
``aliases``. Items inside elements (statements, checklist items, prompts, triggers, agenda steps)
resolve too, since mappings and responses point at them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

import attrs

from ..errors import DuplicatePackError, DuplicateScaleError, ElementNotFoundError
from ..model._ids import split_ref

if TYPE_CHECKING:
    # For type checkers only: the element classes are built when the first catalog is, not
    # when this module is imported (``from wellbeing_framework import Catalog``).
    from ..model.content import Checklist, Element, Item, Pack, ResponseScale, Scope, Theme

__all__ = ["Catalog", "Found"]


def _did_you_mean(wanted: str, known: Iterable[str], *, prefix: str = "") -> str:
    """``: did you mean 'x'?`` for the known id closest to a mistyped one, or nothing."""
    import difflib  # only for a mistyped id: it and heapq are a tenth of the package's import

    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.7)
    return f": did you mean {prefix + close[0]!r}?" if close else ""


@attrs.frozen(kw_only=True)
class Found:
    """What a reference names: the pack, the element, and the item inside it if the reference
    names an item (a statement, a checklist item, a prompt...)."""

    pack: Pack
    element: Element
    item: Item | None = None

    @property
    def target(self) -> Element | Item:
        """The thing itself: the item if there is one, else the element."""
        return self.element if self.item is None else self.item


class Catalog:
    """Every loaded pack, indexed.

    Args:
        packs: The packs. Two with one id raise :class:`DuplicatePackError` naming both origins.
        scales: Scales contributed by plugins, usable by any pack beside the core scales.
        origins: Where each pack came from, by pack id, for messages.
    """

    def __init__(
        self,
        packs: Iterable[Pack],
        *,
        scales: Iterable[ResponseScale] = (),
        origins: Mapping[str, str] | None = None,
    ) -> None:
        self._origins = dict(origins or {})
        self._packs: dict[str, Pack] = {}
        for pack in packs:
            if pack.id in self._packs:
                first = self._packs[pack.id]
                raise DuplicatePackError(
                    f"two packs claim the id {pack.id!r}: {first.title!r} {first.version} "
                    f"({self.origin(pack.id)}) and {pack.title!r} {pack.version}"
                )
            self._packs[pack.id] = pack
        # The core scales are built when the first catalog is, not when the module is imported.
        from ..model.content import element_items
        from ..model.scales import CORE_SCALES

        self._scales = dict(CORE_SCALES)
        for scale in scales:
            if scale.id in self._scales:
                raise DuplicateScaleError(f"two scales claim the id {scale.id!r}")
            self._scales[scale.id] = scale
        self._index: dict[tuple[str, str], Found] = {}
        for pack in self._packs.values():
            for element in pack.elements:
                found = Found(pack=pack, element=element)
                for key in (element.id, *element.aliases):
                    self._index[(pack.id, key)] = found
                for item in element_items(element):
                    self._index[(pack.id, item.id)] = Found(pack=pack, element=element, item=item)

    def __repr__(self) -> str:
        return f"Catalog(packs={sorted(self._packs)!r})"

    def __iter__(self) -> Iterator[Pack]:
        return iter(self._packs.values())

    def __len__(self) -> int:
        return len(self._packs)

    def __contains__(self, ref: object) -> bool:
        if not isinstance(ref, str):
            return False
        pack_id, element_id = split_ref(ref)
        if pack_id is None:
            return ref in self._packs
        return (pack_id, element_id) in self._index

    @property
    def packs(self) -> tuple[Pack, ...]:
        return tuple(self._packs.values())

    def origin(self, pack_id: str) -> str:
        """Where the pack came from (a distribution or a folder), for messages."""
        return self._origins.get(pack_id, f"pack {pack_id!r}")

    def pack(self, pack_id: str) -> Pack:
        """The pack with this id, or :class:`ElementNotFoundError` listing those loaded."""
        try:
            return self._packs[pack_id]
        except KeyError:
            loaded = ", ".join(sorted(self._packs)) or "none"
            hint = _did_you_mean(pack_id, self._packs)
            raise ElementNotFoundError(
                f"no pack {pack_id!r} is loaded{hint} (loaded: {loaded})"
            ) from None

    def find(self, ref: str, *, pack: str | None = None) -> Found:
        """Resolve ``pack-id:id`` (or a bare id within ``pack``) to what it names."""
        pack_id, element_id = split_ref(ref, pack)
        if pack_id is None:
            if ref in self._packs:  # the pack alone, where one of its elements was wanted
                raise ElementNotFoundError(
                    f"{ref!r} is a pack: name one of its elements, as {ref}:ELEMENT-ID"
                )
            raise ElementNotFoundError(f"{ref!r} names no pack: write it as pack-id:{ref}")
        self.pack(pack_id)
        try:
            return self._index[(pack_id, element_id)]
        except KeyError:
            ids = [key for pack, key in self._index if pack == pack_id]
            hint = _did_you_mean(element_id, ids, prefix=f"{pack_id}:")
            raise ElementNotFoundError(
                f"pack {pack_id!r} has nothing with the id {element_id!r}{hint}"
            ) from None

    def get(self, ref: str, *, pack: str | None = None) -> Element | Item:
        """The element or item that ``ref`` names; narrow it with ``isinstance`` (or use
        :meth:`element`) before reading fields only some kinds have."""
        return self.find(ref, pack=pack).target

    def element(self, ref: str, *, pack: str | None = None) -> Element:
        """The element that ``ref`` names, or that holds the item ``ref`` names."""
        return self.find(ref, pack=pack).element

    def scale(self, ref: str, *, pack: str | None = None) -> ResponseScale:
        """A scale: a pack's own (``pack-id:scale-id``, or a bare id within ``pack``), a
        contributed scale or a core scale."""
        pack_id, scale_id = split_ref(ref, pack)
        if pack_id is not None and pack_id in self._packs:
            for scale in self._packs[pack_id].scales:
                if scale.id == scale_id:
                    return scale
        if scale_id in self._scales:
            return self._scales[scale_id]
        from ..model.scales import CORE_SCALES

        raise ElementNotFoundError(f"no scale {ref!r} (core scales: {', '.join(CORE_SCALES)})")

    @property
    def shared_scales(self) -> tuple[ResponseScale, ...]:
        """The core scales and those contributed by plugins."""
        return tuple(self._scales.values())

    def themes(self, pack: str | None = None) -> tuple[Theme, ...]:
        return tuple(t for p in self._selected(pack) for t in p.themes)

    def checklists(
        self, pack: str | None = None, *, theme: str | None = None, scope: Scope | None = None
    ) -> tuple[Checklist, ...]:
        """Checklists, optionally of one pack, for one theme id, or of one scope."""
        return tuple(
            c
            for p in self._selected(pack)
            for c in p.checklists
            if (theme is None or split_ref(c.theme)[1] == split_ref(theme)[1])
            and (scope is None or c.scope is scope)
        )

    def _selected(self, pack: str | None) -> Iterable[Pack]:
        return self._packs.values() if pack is None else (self.pack(pack),)
