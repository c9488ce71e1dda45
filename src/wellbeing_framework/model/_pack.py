"""The pack, apart from the elements it holds, so that it can be had without building them.

:class:`Pack` is public in :mod:`wellbeing_framework.model.content`, and says so (its
``__module__``): it pickles, prints and resolves its field types there. It lives here because
``from wellbeing_framework import Pack, make_host, Catalog`` is what a pack author or an
application writes first, and building the twenty element classes (attrs writes and compiles
each one's methods) was most of that statement's time; none of them is needed until an element
is made or a pack is read. Its methods that need the kinds import them from ``content`` when
called; the converter loads ``content`` before it resolves a field's type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ElementNotFoundError
from ._validators import not_blank, unique_ids, valid_id, valid_ids, valid_optional_id

if TYPE_CHECKING:
    from .content import (
        Checklist,
        Element,
        Kind,
        Mapping,
        ReflectiveModel,
        ResponseScale,
        SessionType,
        Source,
        Theme,
        Tool,
    )

__all__ = ["Pack"]


@attrs.frozen(kw_only=True)
class Pack:
    """A versioned body of content: themes, checklists, tools, models and session types.

    Look an element up with :meth:`element`; ids are unique across the whole pack, including the
    items inside elements (statements, checklist items, prompts, triggers, agenda steps).
    """

    # Where the class is public: pickles, reprs and type hints name it there (see above).
    __module__ = "wellbeing_framework.model.content"

    id: str = attrs.field(validator=valid_id)
    title: str = attrs.field(validator=not_blank)
    version: str = attrs.field(validator=not_blank)
    summary: str = attrs.field(validator=not_blank)
    language: str = "en-GB"
    sectors: tuple[str, ...] = ()
    extends: str | None = attrs.field(default=None, validator=valid_optional_id)
    sources: tuple[Source, ...] = ()
    scales: tuple[ResponseScale, ...] = attrs.field(default=(), validator=unique_ids("scale"))
    themes: tuple[Theme, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    tools: tuple[Tool, ...] = ()
    reflective_models: tuple[ReflectiveModel, ...] = ()
    session_types: tuple[SessionType, ...] = ()
    mappings: tuple[Mapping, ...] = ()
    #: Ids of base-pack elements that this overlay retires.
    retired: tuple[str, ...] = attrs.field(default=(), validator=valid_ids)

    @property
    def elements(self) -> tuple[Element, ...]:
        """Every element, themes first, then checklists, tools, models and session types."""
        from .content import KINDS

        return tuple(e for kind in KINDS for e in self.elements_of(kind))

    def elements_of(self, kind: Kind) -> tuple[Element, ...]:
        """The elements of one kind, in order."""
        elements: tuple[Element, ...] = getattr(self, kind.field)
        return elements

    def with_elements(self, elements: Iterable[Element]) -> Pack:
        """This pack holding ``elements`` (in their order within each kind) instead of its own."""
        from .content import KINDS, kind_of

        by_field: dict[str, list[Element]] = {kind.field: [] for kind in KINDS}
        for element in elements:
            by_field[kind_of(element).field].append(element)
        # Each list holds one kind only, which the field's type cannot see through the table.
        changes: dict[str, Any] = {f: tuple(found) for f, found in by_field.items()}
        return attrs.evolve(self, **changes)

    def element(self, element_id: str) -> Element:
        """The element with this id or alias. Raises
        :class:`~wellbeing_framework.ElementNotFoundError` (a ``KeyError``) if there is none."""
        for element in self.elements:
            if element.id == element_id or element_id in element.aliases:
                return element
        raise ElementNotFoundError(f"pack {self.id!r} has no element {element_id!r}")

    def scale(self, scale_id: str) -> ResponseScale:
        """The pack's own scale with this id. Raises
        :class:`~wellbeing_framework.ElementNotFoundError` (a ``KeyError``) if there is none."""
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise ElementNotFoundError(f"pack {self.id!r} has no scale {scale_id!r}")

    def iter_ids(self) -> Iterator[tuple[str, Element | None]]:
        """Every id in the pack with the element that holds it (None for scales)."""
        from .content import element_items

        for scale in self.scales:
            yield scale.id, None
        for element in self.elements:
            yield element.id, element
            for item in element_items(element):
                yield item.id, element
