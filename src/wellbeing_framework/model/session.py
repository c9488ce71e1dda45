"""Records of reflective sessions, their wider learning and the actions that follow.

A :class:`Session` is one session of a session type from a pack, planned or held. It keeps the
facts a facilitator needs to check the session against its type's rules (date, mode, who led it,
opaque tokens for the people who took part, the agenda used) and the wider learning, each point
with the forum it goes to. It has no field for minutes or for what anyone said: what is said in a
reflective session stays in the room, so the record cannot hold it.

People appear only as opaque tokens (``p-0413``): never a name or an email address. Actions have
an owner *role*, and an :class:`ActionPlan` counts the people who co-created it without naming
them.

Rules that involve one record only (an incident after the session it led to, an action due
before its plan was made) are checked here, so a record with its dates out of order cannot be
built. Rules about a series of sessions and its session type are in
``wellbeing_framework.sessions``.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

import attrs

from ._ids import ID_PATTERN, ID_RULE, is_ref
from ._validators import (
    NON_BLANK_PATTERN,
    TOKEN_RULE,
    FieldError,
    SchemaRule,
    is_token,
    not_blank,
    positive,
    schema_rule,
    unique_ids,
    valid_id,
    valid_ids,
    valid_optional_id,
    valid_optional_ref,
    valid_optional_token,
    valid_refs,
    valid_tokens,
)
from .content import Mode

__all__ = [
    "TOKEN_RULE",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "Finding",
    "LearningPoint",
    "Session",
    "SessionStatus",
    "Severity",
    "is_token",
]

#: The longest owner role, in characters: a role is a few words, not a description.
_MAX_ROLE = 80
_QUALIFIED_REF = f"^{ID_PATTERN}:{ID_PATTERN}$(?!\\n)"
_TIME_PATTERN = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$(?!\\n)"
_TIME = re.compile(_TIME_PATTERN)


@schema_rule(SchemaRule(patterns=(_QUALIFIED_REF,), text=False))
def _valid_qualified_ref(_: Any, attribute: Any, value: str) -> None:
    if not is_ref(value) or ":" not in value:
        raise FieldError(
            attribute.name,
            f"{value!r} is not a session type reference: expected pack-id:type-id, such as "
            f"'reflective-groups:reflective-group' ({ID_RULE})",
        )


@schema_rule(SchemaRule(patterns=(_TIME_PATTERN,), text=False))
def _valid_time(_: Any, attribute: Any, value: str | None) -> None:
    if value is not None and not _TIME.search(value):
        raise FieldError(
            attribute.name, f"expected a time of day as HH:MM (24-hour), got {value!r}"
        )


@schema_rule(SchemaRule(patterns=(NON_BLANK_PATTERN, "^[^@]*$"), max_length=_MAX_ROLE))
def _valid_role(_: Any, attribute: Any, value: str) -> None:
    not_blank(_, attribute, value)
    if "@" in value:
        raise FieldError(
            attribute.name,
            "looks like an email address: name a role (such as 'team manager'), not a person",
        )
    if len(value) > _MAX_ROLE:
        raise FieldError(
            attribute.name,
            f"is {len(value)} characters: name a role in a few words (at most {_MAX_ROLE})",
        )


class SessionStatus(StrEnum):
    """Where a session is in its life."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ActionStatus(StrEnum):
    """Where an action has got to."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_live(self) -> bool:
        """True while the action still needs doing (open or in progress)."""
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Severity(StrEnum):
    """How much a finding matters.

    ``error``: the record breaks a rule its session type states (the closing step, the group size,
    an independent chair). ``warning``: it departs from what the type expects, or needs a person
    to look at it (a gap in the cadence, a learning point that may name someone). ``info``: worth
    knowing, nothing to fix.
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: for sorting and thresholds."""
        return ("info", "warning", "error").index(self.value)


@attrs.frozen(kw_only=True)
class LearningPoint:
    """One point of wider learning from a session, written without names, and where it goes.

    Attributes:
        id: Unique within the session; an action can link to it by this id.
        text: The learning, in a sentence or two, naming nobody.
        forum: The id of the forum it is shared with, such as ``safeguarding-practice-learning``
            or ``single-agency-meeting``: a short id of the organisation's choosing.
        themes: References to the themes it relates to (``pack-id:theme-id``, or a theme id of
            the session type's own pack).
        reviewed: Set by the author after checking a point the checks flagged as possibly naming
            someone, to say it names nobody. Emails, phone numbers and tokens are flagged anyway.
    """

    id: str = attrs.field(validator=valid_id)
    text: str = attrs.field(validator=not_blank)
    forum: str = attrs.field(validator=valid_id)
    themes: tuple[str, ...] = attrs.field(default=(), validator=valid_refs)
    reviewed: bool = False


@attrs.frozen(kw_only=True)
class Action:
    """A follow-up action, owned by a role and linked to what it answers.

    Attributes:
        id: Unique within its session or plan.
        text: What will be done.
        owner_role: The role that owns it (``team manager``), never a person's name.
        due: When it should be done by, if agreed.
        status: Open, in progress, done or dropped.
        links: What it answers: themes or checklist items (``pack-id:id``), or a learning point
            (its bare id).
        updated: When its status was last looked at; an action not updated for long is stale.
    """

    id: str = attrs.field(validator=valid_id)
    text: str = attrs.field(validator=not_blank)
    owner_role: str = attrs.field(validator=_valid_role)
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    links: tuple[str, ...] = attrs.field(default=(), validator=valid_refs)
    updated: dt.date | None = None


def _actions_after(start: dt.date, what: str, actions: tuple[Action, ...]) -> None:
    for index, action in enumerate(actions):
        for name in ("due", "updated"):
            when = getattr(action, name)
            if when is not None and when < start:
                raise FieldError(
                    f"actions[{index}].{name}",
                    f"{when.isoformat()} is before {what} ({start.isoformat()}): "
                    "dates out of order",
                )


@attrs.frozen(kw_only=True)
class ActionPlan:
    """An action plan, co-created by a team (from self-assessment results, say).

    Attributes:
        id: The plan's id.
        title: A short title, such as ``Team wellbeing plan 2025``.
        created: When the plan was agreed.
        co_created_by: How many people helped make it: a count, never names.
        actions: The actions.
    """

    id: str = attrs.field(validator=valid_id)
    title: str = attrs.field(validator=not_blank)
    created: dt.date
    co_created_by: int | None = attrs.field(default=None, validator=positive)
    actions: tuple[Action, ...] = attrs.field(default=(), validator=unique_ids("action"))

    @actions.validator
    @schema_rule(SchemaRule(beyond="no action is due or updated before the plan was created"))
    def _dates_in_order(self, _: Any, value: tuple[Action, ...]) -> None:
        _actions_after(self.created, "the plan was created", value)


@attrs.frozen(kw_only=True)
class Session:
    """One session of a session type, planned or held. It holds no minutes.

    Attributes:
        id: The session's id, unique among the records checked together.
        session_type: The type, as ``pack-id:type-id``.
        series: The id shared by the sessions of one group, or of one supervisee's supervision,
            so that they are checked as a series (cadence, membership).
        status: Planned, held or cancelled.
        date: The day of the session.
        start: The time it starts, as ``HH:MM``.
        duration_minutes: How long it lasted (or is planned to last).
        mode: In person, online or hybrid.
        facilitator: An opaque token for the facilitator or chair, if there was one.
        facilitator_involved: Whether the facilitator or chair was directly involved in the
            case or incident (the independence rule); ``None`` if not recorded.
        participants: Opaque tokens for the members who took part; for a type led by a peer
            or a supervisor the facilitator is a member too and need not be listed here.
        trigger: Why the session was convened: a trigger of the type (its id, or
            ``pack-id:trigger-id``).
        incident_date: When the incident happened, for a session after one.
        model: The reflective model used, if any (``pack-id:model-id``, or a model id of the
            type's own pack).
        agenda: The ids of the agenda steps, in the order used.
        learning: The wider learning, each point with its forum.
        actions: Follow-up actions agreed.
    """

    id: str = attrs.field(validator=valid_id)
    session_type: str = attrs.field(validator=_valid_qualified_ref)
    series: str | None = attrs.field(default=None, validator=valid_optional_id)
    status: SessionStatus
    date: dt.date
    start: str | None = attrs.field(default=None, validator=_valid_time)
    duration_minutes: int | None = attrs.field(default=None, validator=positive)
    mode: Mode | None = None
    facilitator: str | None = attrs.field(default=None, validator=valid_optional_token)
    facilitator_involved: bool | None = None
    participants: tuple[str, ...] = attrs.field(default=(), validator=valid_tokens)
    trigger: str | None = attrs.field(default=None, validator=valid_optional_ref)
    incident_date: dt.date | None = attrs.field(default=None)
    model: str | None = attrs.field(default=None, validator=valid_optional_ref)
    agenda: tuple[str, ...] = attrs.field(default=(), validator=valid_ids)
    learning: tuple[LearningPoint, ...] = attrs.field(
        default=(), validator=unique_ids("learning point")
    )
    actions: tuple[Action, ...] = attrs.field(default=(), validator=unique_ids("action"))

    @incident_date.validator
    @schema_rule(SchemaRule(beyond="the incident is not after the session's date"))
    def _incident_before(self, _: Any, value: dt.date | None) -> None:
        if value is not None and value > self.date:
            raise FieldError(
                "incident_date",
                f"the incident ({value.isoformat()}) is after the session "
                f"({self.date.isoformat()}): dates out of order",
            )

    @actions.validator
    @schema_rule(SchemaRule(beyond="no action is due or updated before the session's date"))
    def _actions_after_session(self, _: Any, value: tuple[Action, ...]) -> None:
        _actions_after(self.date, "the session", value)

    @property
    def held(self) -> bool:
        return self.status is SessionStatus.HELD

    @property
    def type_pack(self) -> str:
        """The id of the pack the session type comes from."""
        return self.session_type.partition(":")[0]


@attrs.frozen(kw_only=True)
class Finding:
    """What a rule check found: which rule, how much it matters, and why, in plain words.

    Attributes:
        rule: The id of the rule that found it.
        severity: Info, warning or error.
        reason: What is wrong and what the session type expects.
        session: The id of the session it is about, or ``None`` for a whole series.
        field: The field of the session it is about, as a path such as ``$.agenda``.
    """

    rule: str = attrs.field(validator=valid_id)
    severity: Severity
    reason: str = attrs.field(validator=not_blank)
    session: str | None = attrs.field(default=None, validator=valid_optional_id)
    field: str | None = None

    def __str__(self) -> str:
        where = f"session {self.session}: " if self.session else ""
        return f"{where}{self.severity}: {self.reason}"
