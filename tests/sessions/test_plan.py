"""Planning a session: the agenda with its closing step last, prompts, rules, a record."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import sessions as gen

from wellbeing_framework import Catalog, Pack
from wellbeing_framework.errors import RecordError
from wellbeing_framework.model import Mode, SessionStatus
from wellbeing_framework.sessions import check_sessions, plan_session, rules_summary
from wellbeing_framework.sessions.plan import closing_last

from .conftest import DAY, GROUP, INCIDENT, SUPERVISION


def test_the_closing_step_comes_last_whatever_the_order_in_the_pack(catalog: Catalog) -> None:
    plan = plan_session(catalog, "test-pack:incident-session", date=DAY)
    assert [s.id for s in plan.agenda] == ["is-welcome", "is-impact", "is-learning", "is-close"]
    assert plan.session.agenda == ("is-welcome", "is-impact", "is-learning", "is-close")


def test_a_plan_brings_the_types_prompts_and_the_models(catalog: Catalog) -> None:
    plan = plan_session(catalog, "test-pack:incident-session", model="short-cycle", date=DAY)
    assert [p.id for p in plan.prompts] == ["is-how-now"]
    assert plan.model is not None
    assert plan.model.id == "short-cycle"
    assert plan.model_ref == plan.session.model == "test-pack:short-cycle"
    assert plan.ground_rules == INCIDENT.ground_rules
    assert plan.purpose == INCIDENT.purpose


def test_the_record_is_planned_and_ready_to_fill_in(catalog: Catalog) -> None:
    plan = plan_session(
        catalog,
        "test-pack:incident-session",
        trigger="is-violence",
        date=DAY,
        incident_date=dt.date(2025, 3, 1),
    )
    session = plan.session
    assert session.status is SessionStatus.PLANNED
    assert session.id == "incident-session-2025-03-04"
    assert session.session_type == "test-pack:incident-session"
    assert session.trigger == "is-violence"
    assert plan.trigger is not None
    assert session.incident_date == dt.date(2025, 3, 1)
    assert session.mode is Mode.IN_PERSON
    assert session.participants == ()
    assert session.learning == ()


def test_the_rules_are_said_in_plain_words() -> None:
    group = rules_summary(GROUP)
    assert "How often: Monthly." in group
    assert "Group size: Up to 8 people." in group
    assert "Led by: An external facilitator, from outside the organisation." in group
    assert "Records: No minutes; only wider learning is written down, without names." in group
    assert group[-1] == "Always ends with: Check out."
    incident = rules_summary(INCIDENT)
    assert incident[0] == "How often: When needed, with no fixed schedule."
    assert any("may also run without one" in r for r in incident)
    assert "Ways to meet: In person, online or hybrid." in incident
    supervision = rules_summary(SUPERVISION)
    assert "Group size: 2 people." in supervision
    assert "Length: At least 60 minutes." in supervision


def test_planning_and_the_handbook_word_the_rules_the_same() -> None:
    from wellbeing_framework.sessions.wording import session_rules

    for session_type in (GROUP, INCIDENT, SUPERVISION):
        pairs = session_rules(session_type)
        assert rules_summary(session_type)[: len(pairs)] == tuple(f"{w}: {r}." for w, r in pairs)


def test_a_supervision_plan_lasts_the_types_minimum(catalog: Catalog) -> None:
    plan = plan_session(catalog, "test-pack:supervision", date=DAY, series="sup-p-1")
    assert plan.session.duration_minutes == 60
    assert plan.session.series == "sup-p-1"


@pytest.mark.parametrize(
    ("ref", "kwargs", "field", "expected"),
    [
        ("group", {}, "session_type", "names no pack"),
        ("test-pack:nothing", {}, "session_type", "session types loaded: test-pack:group"),
        ("test-pack:team-wellbeing", {}, "session_type", "is a theme, not a session type"),
        ("test-pack:g-arrive", {}, "session_type", "is an item of the session type 'group'"),
        ("test-pack:group", {"model": "gibbs"}, "model", "models loaded: test-pack:short-cycle"),
        # A model's prompt names a part of the model, not the model: refused, not widened to it.
        ("test-pack:group", {"model": "sc-what"}, "model", "item of the reflective model"),
        ("test-pack:group", {"trigger": "is-violence"}, "trigger", "its triggers: g-monthly"),
        ("test-pack:group", {"mode": Mode.HYBRID}, "mode", "meets in-person, online, not hybrid"),
    ],
)
def test_bad_input_names_the_field_and_what_is_loaded(
    catalog: Catalog, ref: str, kwargs: dict[str, object], field: str, expected: str
) -> None:
    with pytest.raises(RecordError) as caught:
        plan_session(catalog, ref, date=DAY, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert expected in str(caught.value)


def test_a_closing_step_missing_from_the_agenda_is_a_broken_type() -> None:
    import attrs

    broken = attrs.evolve(GROUP, closing="g-nowhere")
    with pytest.raises(RecordError, match="'g-nowhere', which is not one of its agenda steps"):
        closing_last(broken)


@given(gen.catalogs(), st.data())
def test_a_generated_plan_passes_its_own_types_rules(
    made: tuple[Catalog, Pack], data: st.DataObject
) -> None:
    catalog, pack = made
    session_type = data.draw(st.sampled_from(pack.session_types))
    model = data.draw(st.none() | st.sampled_from([m.id for m in pack.reflective_models] or [None]))
    trigger = data.draw(
        st.none() | st.sampled_from([t.id for t in session_type.triggers] or [None])
    )
    day = data.draw(gen.dates)
    plan = plan_session(
        catalog, f"{pack.id}:{session_type.id}", model=model, trigger=trigger, date=day
    )
    findings = check_sessions(catalog, [plan.session], today=day)
    assert findings == ()
    if session_type.closing:
        assert plan.agenda[-1].id == session_type.closing
