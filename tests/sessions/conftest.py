"""A small catalog built in code, with session types shaped like the seed documents' sessions: a
session convened after an incident, a monthly reflective group, and one-to-one supervision."""

from __future__ import annotations

import datetime as dt

import pytest

from wellbeing_framework import (
    Catalog,
    Checklist,
    ChecklistItem,
    Pack,
    Prompt,
    ReflectiveModel,
    SessionType,
    Statement,
    Theme,
)
from wellbeing_framework.model import (
    AgendaStep,
    Cadence,
    Facilitation,
    Mode,
    Scope,
    Stage,
    Trigger,
    Voice,
)

INCIDENT = SessionType(
    id="incident-session",
    title="Session after an incident",
    cadence=Cadence.AD_HOC,
    facilitation=Facilitation.INDEPENDENT_CHAIR,
    facilitation_optional=True,
    modes=(Mode.IN_PERSON, Mode.ONLINE, Mode.HYBRID),
    minutes=False,
    closing="is-close",
    purpose="A space to reflect together on how an incident has affected us.",
    triggers=(
        Trigger(id="is-violence", text="Serious violence against a member of staff."),
        Trigger(id="is-other", text="Any other event with a wide emotional impact."),
    ),
    agenda=(
        AgendaStep(id="is-close", text="Close on something hopeful.", guidance="Always last."),
        AgendaStep(id="is-welcome", text="Welcome and ground rules."),
        AgendaStep(id="is-impact", text="Reflect on the impact.", guidance="Pass is fine."),
        AgendaStep(id="is-learning", text="Wider learning for the Practice Learning Group."),
    ),
    ground_rules=("Share only what you choose.", "No minutes are taken."),
    prompts=(Prompt(id="is-how-now", text="How are you right now?"),),
)

GROUP = SessionType(
    id="group",
    title="Reflective group",
    cadence=Cadence.MONTHLY,
    max_participants=8,
    stable_membership=True,
    facilitation=Facilitation.EXTERNAL,
    modes=(Mode.IN_PERSON, Mode.ONLINE),
    closing="g-check-out",
    purpose="A regular confidential space to reflect on the work.",
    triggers=(Trigger(id="g-monthly", text="The monthly meeting."),),
    agenda=(
        AgendaStep(id="g-arrive", text="Arrive and check in."),
        AgendaStep(id="g-explore", text="Explore together."),
        AgendaStep(id="g-check-out", text="Check out."),
    ),
    prompts=(Prompt(id="g-affected", text="What has affected you since we last met?"),),
)

SUPERVISION = SessionType(
    id="supervision",
    title="Reflective supervision",
    cadence=Cadence.MONTHLY,
    max_participants=2,
    min_participants=2,
    stable_membership=True,
    facilitation=Facilitation.SUPERVISOR,
    modes=(Mode.IN_PERSON, Mode.ONLINE),
    minutes=True,
    closing="sup-close",
    min_duration_minutes=60,
    agenda=(
        AgendaStep(id="sup-check-in", text="Check in."),
        AgendaStep(id="sup-close", text="Close and book the next date."),
    ),
)

MODEL = ReflectiveModel(
    id="short-cycle",
    title="A short reflective cycle",
    stages=(
        Stage(title="What", prompts=(Prompt(id="sc-what", text="What happened?"),)),
        Stage(title="So what", prompts=(Prompt(id="sc-so-what", text="What did it mean?"),)),
    ),
)

THEME = Theme(
    id="team-wellbeing",
    title="Team wellbeing",
    statements=(Statement(id="tw-i-valued", voice=Voice.I, text="I feel valued."),),
)

CHECKLIST = Checklist(
    id="tw-team",
    title="Team wellbeing checklist",
    theme="team-wellbeing",
    scope=Scope.TEAM,
    scale="yes-partly-no",
    items=(ChecklistItem(id="tw-breaks", text="We take our breaks."),),
)

PACK = Pack(
    id="test-pack",
    title="A test pack",
    version="1.0.0",
    summary="Session types for tests.",
    themes=(THEME,),
    checklists=(CHECKLIST,),
    reflective_models=(MODEL,),
    session_types=(INCIDENT, GROUP, SUPERVISION),
)

DAY = dt.date(2025, 3, 4)


@pytest.fixture
def catalog() -> Catalog:
    return Catalog([PACK])
