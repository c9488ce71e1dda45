"""The content of a framework: packs and the elements they hold.

These are plain, frozen values: no file reading, no JSON, no rendering. The Markdown reader in
``wellbeing_framework.packs`` builds them; the converter in ``convert`` serialises them.

Every element has an id, unique within its pack, that responses and mappings refer to; wording may
change freely, and an id that changes keeps its old form in ``aliases``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import ClassVar, TypeAlias

import attrs

from ..errors import ElementNotFoundError
from ._pack import Pack
from ._validators import (
    FieldError,
    SchemaRule,
    not_blank,
    positive,
    schema_rule,
    unique_ids,
    valid_id,
    valid_ids,
    valid_optional_id,
    valid_ref,
    valid_refs,
)

__all__ = [
    "ELEMENT_KINDS",
    "KINDS",
    "KIND_NAMED",
    "AgendaStep",
    "Cadence",
    "CadenceStep",
    "Checklist",
    "ChecklistItem",
    "Element",
    "Facilitation",
    "Item",
    "Kind",
    "Mapping",
    "Mode",
    "Pack",
    "Prompt",
    "ReflectiveModel",
    "Relation",
    "ResponseScale",
    "ScaleOption",
    "Scope",
    "Section",
    "SessionType",
    "Source",
    "Stage",
    "Statement",
    "Theme",
    "Tool",
    "ToolUse",
    "Trigger",
    "Voice",
    "element_items",
    "kind_of",
]


class Voice(StrEnum):
    """Whose voice a statement speaks in."""

    I = "I"  # noqa: E741 -- the framework's own name for a person's statement
    WE = "WE"


class Scope(StrEnum):
    """Who completes a checklist: one person, a team together, or the organisation."""

    INDIVIDUAL = "individual"
    TEAM = "team"
    ORGANISATIONAL = "organisational"


class ToolUse(StrEnum):
    """Where a practical tool is meant to be used."""

    SUPERVISION = "supervision"
    TEAM = "team"
    INCIDENT = "incident"
    SELF_CARE = "self-care"
    PLANNING = "planning"


class Cadence(StrEnum):
    """How often sessions of a type are meant to happen."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    AD_HOC = "ad-hoc"

    @property
    def days(self) -> int | None:
        """The expected number of days between sessions, or ``None`` for ad-hoc."""
        return {"weekly": 7, "fortnightly": 14, "monthly": 31}.get(self.value)


@attrs.frozen(kw_only=True)
class CadenceStep:
    """How often sessions happen for someone new to the role, up to a number of weeks in it.

    A session type's ``schedule`` is a list of these, shortest first; after the last, the type's
    own ``cadence`` applies (supervision for a newly qualified social worker: weekly for six
    weeks, fortnightly to six months, then monthly).
    """

    until_week: int = attrs.field()
    cadence: Cadence

    @until_week.validator
    @schema_rule(SchemaRule(minimum=1))
    def _at_least_one(self, attribute: attrs.Attribute[int], value: int) -> None:
        positive(self, attribute, value)


@schema_rule(SchemaRule(beyond="the steps go in order of until_week, each with a regular cadence"))
def _schedule(
    _: object, attribute: attrs.Attribute[tuple[CadenceStep, ...]], value: tuple[CadenceStep, ...]
) -> None:
    weeks = [step.until_week for step in value]
    if weeks != sorted(set(weeks)):
        raise FieldError(attribute.name, "the steps of a schedule go in order of until_week")
    if any(step.cadence is Cadence.AD_HOC for step in value):
        raise FieldError(attribute.name, "a schedule step needs a regular cadence, not ad-hoc")


class Facilitation(StrEnum):
    """Who leads a session."""

    EXTERNAL = "external"
    INDEPENDENT_CHAIR = "independent-chair"
    PEER = "peer"
    SUPERVISOR = "supervisor"


class Mode(StrEnum):
    """How people meet."""

    IN_PERSON = "in-person"
    ONLINE = "online"
    HYBRID = "hybrid"


class Relation(StrEnum):
    """How closely an element of one pack corresponds to an element of another."""

    EQUIVALENT = "equivalent"
    SUPPORTS = "supports"
    PARTIAL = "partial"


@attrs.frozen(kw_only=True)
class Section:
    """A level-two section with no special meaning, kept as Markdown prose."""

    title: str = attrs.field(validator=not_blank)
    body: str = ""


@attrs.frozen(kw_only=True)
class Source:
    """A document the pack's content comes from."""

    title: str = attrs.field(validator=not_blank)
    publisher: str = attrs.field(validator=not_blank)
    url: str | None = None
    published: dt.date | None = None
    updated: dt.date | None = None
    licence: str | None = None


@attrs.frozen(kw_only=True)
class ScaleOption:
    """One answer a scale allows. An option without a score is counted, never scored."""

    value: str = attrs.field(validator=not_blank)
    label: str = attrs.field(validator=not_blank)
    score: float | None = None

    @property
    def scored(self) -> bool:
        return self.score is not None


@schema_rule(
    SchemaRule(
        min_items=2,
        beyond="each option has a value of its own, and at least one option has a score",
    )
)
def _scale_options(
    _: object, attribute: attrs.Attribute[tuple[ScaleOption, ...]], value: tuple[ScaleOption, ...]
) -> None:
    if len(value) < 2:
        raise FieldError(attribute.name, "a scale needs at least two options")
    values = [o.value for o in value]
    if len(set(values)) != len(values):
        raise FieldError(attribute.name, "each option of a scale needs a value of its own")
    if not any(o.scored for o in value):
        raise FieldError(attribute.name, "a scale needs at least one option with a score")


@attrs.frozen(kw_only=True)
class ResponseScale:
    """The answers a checklist item takes, and the score of each."""

    id: str = attrs.field(validator=valid_id)
    title: str = attrs.field(validator=not_blank)
    options: tuple[ScaleOption, ...] = attrs.field(validator=_scale_options)

    def option(self, value: str) -> ScaleOption:
        """The option with this value. Raises :class:`~wellbeing_framework.ElementNotFoundError`
        (a ``KeyError``) naming the values allowed."""
        for option in self.options:
            if option.value == value:
                return option
        allowed = ", ".join(o.value for o in self.options)
        raise ElementNotFoundError(
            f"{value!r} is not an answer on scale {self.id!r} (expected one of {allowed})"
        )

    @property
    def min_score(self) -> float:
        return min(o.score for o in self.options if o.score is not None)

    @property
    def max_score(self) -> float:
        return max(o.score for o in self.options if o.score is not None)


@attrs.frozen(kw_only=True)
class Statement:
    """An 'I' statement (how a person experiences wellbeing) or a 'We' statement (how the
    organisation responds)."""

    id: str = attrs.field(validator=valid_id)
    voice: Voice
    text: str = attrs.field(validator=not_blank)
    guidance: str = ""


@attrs.frozen(kw_only=True)
class Prompt:
    """A reflective prompt: a question to think or talk about."""

    id: str = attrs.field(validator=valid_id)
    text: str = attrs.field(validator=not_blank)
    guidance: str = ""
    #: What the prompt is the right question for, as for a tool's ``addresses``: when one of
    #: these is a weak result, the prompt is offered first.
    addresses: tuple[str, ...] = attrs.field(default=(), validator=valid_refs)


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One thing a checklist asks a person or an organisation to assess."""

    id: str = attrs.field(validator=valid_id)
    text: str = attrs.field(validator=not_blank)
    guidance: str = ""


@attrs.frozen(kw_only=True)
class Trigger:
    """An event that is a reason to convene a session."""

    id: str = attrs.field(validator=valid_id)
    text: str = attrs.field(validator=not_blank)
    guidance: str = ""


@attrs.frozen(kw_only=True)
class AgendaStep:
    """One step of a session's agenda, in order."""

    id: str = attrs.field(validator=valid_id)
    text: str = attrs.field(validator=not_blank)
    guidance: str = ""


@attrs.frozen(kw_only=True)
class Stage:
    """One stage of a reflective model, with the prompts that belong to it."""

    title: str = attrs.field(validator=not_blank)
    introduction: str = ""
    prompts: tuple[Prompt, ...] = attrs.field(default=(), validator=unique_ids("prompt"))


# Never made itself, only inherited from: each kind makes its own __init__, __repr__, __eq__ and
# __hash__ over these fields and its own, so the base is spared generating (and compiling) its own.
@attrs.frozen(kw_only=True, init=False, repr=False, eq=False)
class _ElementBase:
    """What every element file shares: its id, title, display order, old ids and prose."""

    id: str = attrs.field(validator=valid_id)
    title: str = attrs.field(validator=not_blank)
    order: int | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), validator=valid_ids)
    introduction: str = ""
    sections: tuple[Section, ...] = ()


@attrs.frozen(kw_only=True)
class Theme(_ElementBase):
    """A wellbeing theme: what good looks like, its statements and its reflective prompts."""

    kind: ClassVar[str] = "theme"

    what_good_looks_like: str = ""
    statements: tuple[Statement, ...] = attrs.field(default=(), validator=unique_ids("statement"))
    prompts: tuple[Prompt, ...] = attrs.field(default=(), validator=unique_ids("prompt"))

    @property
    def i_statements(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.voice is Voice.I)

    @property
    def we_statements(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.voice is Voice.WE)


@attrs.frozen(kw_only=True)
class Checklist(_ElementBase):
    """A self-assessment checklist for one theme, answered on one scale."""

    kind: ClassVar[str] = "checklist"

    theme: str = attrs.field(validator=valid_ref)
    scope: Scope
    scale: str = attrs.field(validator=valid_ref)
    items: tuple[ChecklistItem, ...] = attrs.field(default=(), validator=unique_ids("item"))


@attrs.frozen(kw_only=True)
class Tool(_ElementBase):
    """A practical tool: a guide, an exercise, a plan template. The body is free Markdown."""

    kind: ClassVar[str] = "tool"

    themes: tuple[str, ...] = attrs.field(default=(), validator=valid_refs)
    uses: tuple[ToolUse, ...] = ()
    #: What this tool is made to work on: themes, statements, checklist items, prompts, session
    #: types. A tool that addresses nothing (a guide to the pack, say) is never offered as an
    #: action for a weak result.
    addresses: tuple[str, ...] = attrs.field(default=(), validator=valid_refs)


@attrs.frozen(kw_only=True)
class ReflectiveModel(_ElementBase):
    """A reflective model (Gibbs' cycle, say): stages in order, each with prompts."""

    kind: ClassVar[str] = "reflective-model"

    stages: tuple[Stage, ...] = ()
    #: What this model is made to work on, as for a tool's ``addresses``.
    addresses: tuple[str, ...] = attrs.field(default=(), validator=valid_refs)

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return tuple(p for stage in self.stages for p in stage.prompts)


@attrs.frozen(kw_only=True)
class SessionType(_ElementBase):
    """A kind of session (a reflective group, a session after an incident) and its rules."""

    kind: ClassVar[str] = "session-type"

    cadence: Cadence = Cadence.AD_HOC
    max_participants: int | None = attrs.field(default=None, validator=positive)
    min_participants: int | None = attrs.field(default=None, validator=positive)
    stable_membership: bool = False
    facilitation: Facilitation = Facilitation.PEER
    #: True when the session may also run with nobody in the facilitation role.
    facilitation_optional: bool = False
    modes: tuple[Mode, ...] = (Mode.IN_PERSON,)
    #: False: no minutes are kept, only wider learning written without names.
    minutes: bool = False
    #: The id of the agenda step that must come last, if any.
    closing: str | None = attrs.field(default=None, validator=valid_optional_id)
    #: True when ``max_participants`` is advice ("works best with at most eight"): a larger
    #: group is a warning, not an error.
    max_participants_advice: bool = False
    #: False when the agenda is only a suggested shape: a session run with steps of the chair's
    #: own is not flagged (the closing step is still checked).
    agenda_fixed: bool = True
    #: The shortest a session of this type should last, if the type says.
    min_duration_minutes: int | None = attrs.field(default=None, validator=positive)
    #: How often sessions happen for someone new to the role, by weeks in it; afterwards, and
    #: for everyone else, ``cadence`` applies.
    schedule: tuple[CadenceStep, ...] = attrs.field(default=(), validator=_schedule)
    purpose: str = ""
    triggers: tuple[Trigger, ...] = attrs.field(default=(), validator=unique_ids("trigger"))
    agenda: tuple[AgendaStep, ...] = attrs.field(default=(), validator=unique_ids("agenda step"))
    ground_rules: tuple[str, ...] = ()
    prompts: tuple[Prompt, ...] = attrs.field(default=(), validator=unique_ids("prompt"))

    @min_participants.validator
    @schema_rule(SchemaRule(beyond="min_participants is not more than max_participants"))
    def _min_below_max(self, _: attrs.Attribute[int | None], value: int | None) -> None:
        if (
            value is not None
            and self.max_participants is not None
            and value > self.max_participants
        ):
            raise FieldError(
                "min_participants",
                f"{value} is more than max_participants ({self.max_participants})",
            )

    def cadence_at(self, weeks_in_role: float | None) -> Cadence:
        """The cadence for someone this many weeks into the role (``None``: not new to it)."""
        if weeks_in_role is not None:
            for step in self.schedule:
                if weeks_in_role < step.until_week:
                    return step.cadence
        return self.cadence


Element: TypeAlias = Theme | Checklist | Tool | ReflectiveModel | SessionType
#: Anything identified inside an element, which a reference can name as well as an element.
Item: TypeAlias = Statement | Prompt | ChecklistItem | Trigger | AgendaStep


@attrs.frozen(kw_only=True)
class Kind:
    """One kind of element, and every name it goes by: adding a kind is one row of
    :data:`KINDS` (and its class), which the reader, writer, overlays, handbooks, notebook
    display and catalog all read.

    Attributes:
        name: The ``kind`` in an element file's front matter (``reflective-model``).
        cls: The class it makes.
        field: The :class:`Pack` field that holds the kind (``reflective_models``).
        folder: The sub-folder the writer puts the kind in, and its part of a handbook.
        label: The kind as a reader would say it (``Reflective model``).
        plural: More than one (``Reflective models``).
    """

    name: str
    cls: type[Element]
    field: str
    folder: str
    label: str
    plural: str


#: Every kind of element, in the order a pack shows them.
KINDS: tuple[Kind, ...] = (
    Kind(name="theme", cls=Theme, field="themes", folder="themes", label="Theme", plural="Themes"),
    Kind(
        name="checklist",
        cls=Checklist,
        field="checklists",
        folder="checklists",
        label="Checklist",
        plural="Checklists",
    ),
    Kind(name="tool", cls=Tool, field="tools", folder="tools", label="Tool", plural="Tools"),
    Kind(
        name="reflective-model",
        cls=ReflectiveModel,
        field="reflective_models",
        folder="reflective-models",
        label="Reflective model",
        plural="Reflective models",
    ),
    Kind(
        name="session-type",
        cls=SessionType,
        field="session_types",
        folder="session-types",
        label="Session type",
        plural="Session types",
    ),
)

#: The kinds by the name an element file gives.
KIND_NAMED: dict[str, Kind] = {kind.name: kind for kind in KINDS}

#: The ``kind`` in an element file's front matter, and the class it makes.
ELEMENT_KINDS: dict[str, type[Element]] = {kind.name: kind.cls for kind in KINDS}


def kind_of(element: Element) -> Kind:
    """The kind of an element."""
    return KIND_NAMED[element.kind]


@attrs.frozen(kw_only=True)
class Mapping:
    """A crosswalk link from an element of this pack to an element of another."""

    source: str = attrs.field(validator=valid_id)
    target: str = attrs.field(validator=valid_ref)
    relation: Relation
    note: str = ""


def element_items(element: Element) -> Iterator[Item]:
    """The identified items inside an element: statements, prompts, checklist items, triggers
    and agenda steps."""
    if isinstance(element, Theme):
        yield from element.statements
        yield from element.prompts
    elif isinstance(element, Checklist):
        yield from element.items
    elif isinstance(element, ReflectiveModel):
        yield from element.prompts
    elif isinstance(element, SessionType):
        yield from element.triggers
        yield from element.agenda
        yield from element.prompts
