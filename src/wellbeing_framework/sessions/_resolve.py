"""Resolving the references in session records against the catalog.

Every lookup that fails raises a :class:`RecordError` that names the file and field (when the
record came from a file) and says what is loaded instead, so a person can fix the typo.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import attrs

from ..errors import ElementNotFoundError, RecordError
from ..model._ids import split_ref
from ..model.content import (
    KINDS,
    Checklist,
    ChecklistItem,
    Element,
    ReflectiveModel,
    SessionType,
    Statement,
    Theme,
    Tool,
    Trigger,
)
from ..model.session import Session
from ..packs.catalog import Catalog
from .io import Origin

_Named = TypeVar("_Named", SessionType, ReflectiveModel, Theme)

__all__ = [
    "Link",
    "resolve_link",
    "resolve_model",
    "resolve_session",
    "resolve_theme",
    "resolve_trigger",
    "resolve_type",
    "session_type_refs",
]


def _fail(message: str, origin: Origin | None, path: str) -> RecordError:
    if origin is None:
        # A path inside a record reads "$.trigger"; a bare name ("trigger") is an argument.
        return RecordError(message, field=f"${path}" if path[:1] in ".[" else path)
    return RecordError(message, field=origin.field(path), source=origin.file)


def _listing(refs: Iterable[str]) -> str:
    items = sorted(refs)
    return ", ".join(items) if items else "none"


def _named(
    catalog: Catalog,
    ref: str,
    kind: type[_Named],
    known: str,
    origin: Origin | None,
    path: str,
) -> _Named:
    """The element of ``kind`` that ``ref`` names: the element itself, not an item inside one (a
    model's prompt does not name the model). ``known`` lists the loaded ones, for the message."""
    noun = _said(kind)
    try:
        found = catalog.find(ref)
    except ElementNotFoundError as exc:
        raise _fail(f"no {noun} {ref!r}: {exc} ({noun}s loaded: {known})", origin, path) from None
    element = found.element
    if found.item is not None:
        what = f"an item of the {_said(type(element))} {element.id!r}"
    elif not isinstance(element, kind):
        what = f"a {_said(type(element))}"
    else:
        return element
    raise _fail(f"{ref!r} is {what}, not a {noun} ({noun}s loaded: {known})", origin, path)


def _said(cls: type[Element]) -> str:
    return next(k.label.lower() for k in KINDS if k.cls is cls)


def session_type_refs(catalog: Catalog) -> tuple[str, ...]:
    """Every loaded session type as ``pack-id:type-id``."""
    return tuple(f"{p.id}:{t.id}" for p in catalog for t in p.session_types)


def resolve_type(
    catalog: Catalog, ref: str, *, origin: Origin | None = None, path: str = ".session_type"
) -> SessionType:
    """The session type ``ref`` (``pack-id:type-id``) names."""
    pack_id, _ = split_ref(ref)
    if pack_id is None and ref in catalog:  # a pack named where one of its types was meant
        types = [f"{ref}:{t.id}" for t in catalog.pack(ref).session_types]
        raise _fail(
            f"{ref!r} is a pack: name one of its session types ({_listing(types)})",
            origin,
            path,
        )
    if pack_id is None:
        raise _fail(
            f"{ref!r} names no pack: write the session type as pack-id:{ref} "
            f"(loaded: {_listing(session_type_refs(catalog))})",
            origin,
            path,
        )
    return _named(catalog, ref, SessionType, _listing(session_type_refs(catalog)), origin, path)


def resolve_trigger(
    session_type: SessionType,
    type_pack: str,
    ref: str,
    *,
    origin: Origin | None = None,
    path: str = ".trigger",
) -> Trigger:
    """A trigger of ``session_type``: its id, or ``pack-id:trigger-id``."""
    pack_id, trigger_id = split_ref(ref, type_pack)
    for trigger in session_type.triggers:
        if trigger.id == trigger_id and pack_id == type_pack:
            return trigger
    known = _listing(t.id for t in session_type.triggers)
    raise _fail(
        f"{ref!r} is not a trigger of the session type {type_pack}:{session_type.id} "
        f"(its triggers: {known})",
        origin,
        path,
    )


def resolve_model(
    catalog: Catalog,
    type_pack: str,
    ref: str,
    *,
    origin: Origin | None = None,
    path: str = ".model",
) -> ReflectiveModel:
    """A reflective model: ``pack-id:model-id``, or a model id of the session type's pack."""
    qualified = ref if ":" in ref else f"{type_pack}:{ref}"
    known = _listing(f"{p.id}:{m.id}" for p in catalog for m in p.reflective_models)
    return _named(catalog, qualified, ReflectiveModel, known, origin, path)


def resolve_theme(
    catalog: Catalog,
    type_pack: str,
    ref: str,
    *,
    origin: Origin | None = None,
    path: str,
) -> Theme:
    """A theme: ``pack-id:theme-id``, or a theme id of the session type's pack."""
    qualified = ref if ":" in ref else f"{type_pack}:{ref}"
    known = _listing(f"{p.id}:{t.id}" for p in catalog for t in p.themes)
    return _named(catalog, qualified, Theme, known, origin, path)


def resolve_session(
    catalog: Catalog, session: Session, *, origin: Origin | None = None
) -> SessionType:
    """Check every reference a session makes (its type, trigger, model, and the themes of its
    learning points) and return its session type.

    Raises:
        RecordError: A reference names nothing loaded, with the file and field.
    """
    session_type = resolve_type(catalog, session.session_type, origin=origin)
    pack = session.type_pack
    if session.trigger is not None:
        resolve_trigger(session_type, pack, session.trigger, origin=origin)
    if session.model is not None:
        resolve_model(catalog, pack, session.model, origin=origin)
    for i, point in enumerate(session.learning):
        for j, theme in enumerate(point.themes):
            resolve_theme(catalog, pack, theme, origin=origin, path=f".learning[{i}].themes[{j}]")
    return session_type


@attrs.frozen(kw_only=True)
class Link:
    """What an action's link names, ready to show.

    Attributes:
        ref: The link as written.
        kind: ``theme``, ``checklist``, ``checklist item``, ``statement``, ``tool``,
            ``reflective model`` or ``learning point``.
        label: The title or text of what it names.
    """

    ref: str
    kind: str
    label: str


def resolve_link(
    catalog: Catalog,
    ref: str,
    *,
    learning: dict[str, str],
    origin: Origin | None = None,
    path: str,
) -> Link:
    """An action's link: a theme, checklist, checklist item, statement, tool or reflective model
    (``pack-id:id``), or a learning point by its bare id (``learning`` maps learning point ids to
    their text)."""
    if ":" not in ref:
        if ref in learning:
            return Link(ref=ref, kind="learning point", label=learning[ref])
        raise _fail(
            f"{ref!r} is not the id of a learning point in the records given; write a theme or "
            f"checklist item as pack-id:id",
            origin,
            path,
        )
    try:
        found = catalog.find(ref)
    except ElementNotFoundError as exc:
        raise _fail(f"the link {ref!r} names nothing loaded: {exc}", origin, path) from None
    target = found.target
    if isinstance(target, Theme):
        return Link(ref=ref, kind="theme", label=target.title)
    if isinstance(target, Checklist):
        return Link(ref=ref, kind="checklist", label=target.title)
    if isinstance(target, ChecklistItem):
        return Link(ref=ref, kind="checklist item", label=target.text)
    if isinstance(target, Statement):
        return Link(ref=ref, kind="statement", label=target.text)
    # A drafted action plan links each action to the tools offered for it.
    if isinstance(target, Tool):
        return Link(ref=ref, kind="tool", label=target.title)
    if isinstance(target, ReflectiveModel):
        return Link(ref=ref, kind="reflective model", label=target.title)
    raise _fail(
        f"{ref!r} names a {type(target).__name__}; an action links to a theme, a checklist, a "
        f"checklist item, a statement, a tool, a reflective model or a learning point",
        origin,
        path,
    )
