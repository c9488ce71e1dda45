"""Planning a session: everything a facilitator needs on one page, from the session type.

:func:`plan_session` takes a session type from a pack and, optionally, a reflective model and the
trigger that led to the session, and returns a :class:`SessionPlan`: the purpose, the rules of the
type in plain words, the ground rules, the agenda with the closing step last, prompts from the
type and the model, and a :class:`~wellbeing_framework.Session` record (status ``planned``) to fill
in once the session has been held. ``wellbeing_framework.render.facilitator`` turns a plan into a
facilitator sheet.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..errors import RecordError
from ..model._ids import split_ref
from ..model._validators import FieldError
from ..model.content import (
    AgendaStep,
    Mode,
    Prompt,
    ReflectiveModel,
    SessionType,
    Trigger,
)
from ..model.session import Session, SessionStatus
from ..packs.catalog import Catalog
from ._resolve import resolve_model, resolve_trigger, resolve_type
from .wording import session_rules

__all__ = ["SessionPlan", "closing_last", "plan_session", "rules_summary"]


@attrs.frozen(kw_only=True)
class SessionPlan:
    """A planned session and what its facilitator needs to run it.

    Attributes:
        type_ref: The session type, as ``pack-id:type-id``.
        session_type: The session type itself.
        pack_title: The title of the pack the type comes from.
        language: The pack's language (a BCP 47 tag), for the sheet.
        agenda: The steps in order; the type's closing step, if it has one, is last.
        prompts: The type's own reflective prompts.
        model: The reflective model chosen for the session, if any.
        model_ref: That model as ``pack-id:model-id``.
        trigger: What the session was convened for, if given.
        rules: The type's rules, one plain sentence each.
        session: The record of the session, status ``planned``, to complete after it is held.
    """

    type_ref: str
    session_type: SessionType
    pack_title: str
    language: str = "en-GB"
    agenda: tuple[AgendaStep, ...]
    prompts: tuple[Prompt, ...]
    model: ReflectiveModel | None = None
    model_ref: str | None = None
    trigger: Trigger | None = None
    rules: tuple[str, ...]
    session: Session

    @property
    def title(self) -> str:
        return self.session_type.title

    @property
    def purpose(self) -> str:
        """The type's purpose (Markdown), or its introduction when it states none."""
        return self.session_type.purpose or self.session_type.introduction

    @property
    def ground_rules(self) -> tuple[str, ...]:
        return self.session_type.ground_rules


def closing_last(session_type: SessionType) -> tuple[AgendaStep, ...]:
    """The type's agenda with its closing step moved to the end.

    Raises:
        RecordError: The type names a closing step that is not in its agenda.
    """
    steps = session_type.agenda
    if session_type.closing is None:
        return steps
    closing = [s for s in steps if s.id == session_type.closing]
    if not closing:
        raise RecordError(
            f"the session type {session_type.id!r} must close with {session_type.closing!r}, "
            f"which is not one of its agenda steps ({', '.join(s.id for s in steps) or 'none'})",
            field="closing",
        )
    return (*(s for s in steps if s.id != session_type.closing), closing[0])


def rules_summary(session_type: SessionType) -> tuple[str, ...]:
    """The rules a session of this type is checked against, one plain sentence each."""
    out = [f"{what}: {rule}." for what, rule in session_rules(session_type)]
    if session_type.closing:
        step = next((s for s in session_type.agenda if s.id == session_type.closing), None)
        label = step.text if step else session_type.closing
        out.append(f"Always ends with: {label}")
    return tuple(out)


def _session_id(type_id: str, date: dt.date) -> str:
    # An id is at most 64 characters: leave room for "-YYYY-MM-DD".
    return f"{type_id[:53].rstrip('-')}-{date.isoformat()}"


def plan_session(
    catalog: Catalog,
    type_ref: str,
    *,
    model: str | None = None,
    trigger: str | None = None,
    date: dt.date | None = None,
    session_id: str | None = None,
    series: str | None = None,
    mode: Mode | None = None,
    start: str | None = None,
    duration_minutes: int | None = None,
    incident_date: dt.date | None = None,
) -> SessionPlan:
    """Plan a session of the type ``type_ref``.

    Args:
        catalog: The loaded packs.
        type_ref: The session type, as ``pack-id:type-id``.
        model: A reflective model whose prompts to add (``pack-id:model-id``, or a model id of
            the type's pack).
        trigger: Why the session is being convened: a trigger of the type.
        date: The day of the session; today if not given.
        session_id: The id of the session record; by default the type id and the date.
        series: The series the session belongs to (a group, a supervisee).
        mode: How people will meet; by default the first way the type allows.
        start: The time it starts, as ``HH:MM``.
        duration_minutes: How long it will last; by default the type's minimum, if it has one.
        incident_date: When the incident happened, for a session after one.

    Raises:
        RecordError: The type, model or trigger is not loaded, the mode is not one the type
            allows, or the type's closing step is missing from its agenda.
    """
    session_type = resolve_type(catalog, type_ref, path="session_type")
    pack_id = type_ref.partition(":")[0]
    pack = catalog.pack(pack_id)
    chosen_model = resolve_model(catalog, pack_id, model, path="model") if model else None
    chosen_trigger = (
        resolve_trigger(session_type, pack_id, trigger, path="trigger") if trigger else None
    )
    if mode is not None and mode not in session_type.modes:
        allowed = ", ".join(str(m) for m in session_type.modes)
        raise RecordError(f"this session type meets {allowed}, not {mode}", field="mode")
    agenda = closing_last(session_type)
    when = date or dt.date.today()
    model_ref = (
        f"{split_ref(model, pack_id)[0]}:{chosen_model.id}" if model and chosen_model else None
    )
    try:
        session = Session(
            id=session_id or _session_id(session_type.id, when),
            session_type=f"{pack_id}:{session_type.id}",
            series=series,
            status=SessionStatus.PLANNED,
            date=when,
            start=start,
            duration_minutes=duration_minutes or session_type.min_duration_minutes,
            mode=mode or (session_type.modes[0] if session_type.modes else None),
            trigger=chosen_trigger.id if chosen_trigger else None,
            incident_date=incident_date,
            model=model_ref,
            agenda=tuple(step.id for step in agenda),
        )
    except FieldError as exc:
        raise RecordError(exc.reason, field=exc.field) from None
    return SessionPlan(
        type_ref=session.session_type,
        session_type=session_type,
        pack_title=pack.title,
        language=pack.language,
        agenda=agenda,
        prompts=session_type.prompts,
        model=chosen_model,
        model_ref=session.model,
        trigger=chosen_trigger,
        rules=rules_summary(session_type),
        session=session,
    )
