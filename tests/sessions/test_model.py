"""Session records: what they may hold, what they refuse, and their trip through JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import sessions as gen

from wellbeing_framework import ActionPlan, ConversionError, Session, structure, unstructure
from wellbeing_framework.model import (
    Action,
    Finding,
    LearningPoint,
    SessionStatus,
    Severity,
    json_schema,
)
from wellbeing_framework.model.records import RECORD_MODELS
from wellbeing_framework.model.session import is_token

BASE = {
    "id": "s-one",
    "session_type": "test-pack:group",
    "status": "held",
    "date": "2025-03-04",
}


def faults(data: dict[str, object], cls: type = Session) -> list[str]:
    with pytest.raises(ConversionError) as caught:
        structure(data, cls)
    return list(caught.value.errors)


@given(st.one_of(gen.sessions(), gen.action_plans(), gen.findings, gen.learning_points()))
def test_every_record_model_round_trips_through_json(record: object) -> None:
    data = json.loads(json.dumps(unstructure(record)))
    assert structure(data, type(record)) == record


def test_a_session_has_no_field_for_minutes() -> None:
    names = {a.name for a in Session.__attrs_attrs__}
    assert not names & {"minutes", "notes", "transcript", "discussion", "comments"}
    (fault,) = faults({**BASE, "minutes": "We talked about..."})
    assert fault.startswith("$: unknown key minutes")


@pytest.mark.parametrize(
    ("token", "why"),
    [
        ("Jane Smith", "contains a space"),
        ("jane@example.org", "email address"),
        ("jane", "no digit"),
    ],
)
def test_participants_must_be_opaque_tokens_and_the_message_says_so(token: str, why: str) -> None:
    (fault,) = faults({**BASE, "participants": ["p-1", token]})
    assert fault.startswith("$.participants[1]: is not an opaque token")
    assert why in fault
    assert token not in fault  # a name is not repeated back into logs


def test_a_facilitator_is_a_token_too() -> None:
    (fault,) = faults({**BASE, "facilitator": "Dr Ruth Ellis"})
    assert fault.startswith("$.facilitator: is not an opaque token")


def test_a_participant_listed_twice_is_refused() -> None:
    (fault,) = faults({**BASE, "participants": ["p-1", "p-1"]})
    assert fault == "$.participants[1]: the same token appears twice"


def test_tokens_look_like_tokens() -> None:
    assert is_token("p-0413")
    assert is_token("7F3A9C")
    assert not is_token("Sam")
    assert not is_token("p 1")
    assert not is_token("x")


def test_the_session_type_must_name_its_pack() -> None:
    (fault,) = faults({**BASE, "session_type": "group"})
    assert fault.startswith("$.session_type: 'group' is not a session type reference")
    assert "pack-id:type-id" in fault


def test_an_incident_after_its_session_is_dates_out_of_order() -> None:
    (fault,) = faults({**BASE, "incident_date": "2025-03-05"})
    assert fault == (
        "$.incident_date: the incident (2025-03-05) is after the session (2025-03-04): "
        "dates out of order"
    )


def test_an_action_due_before_its_session_is_dates_out_of_order() -> None:
    action = {
        "id": "a-one",
        "text": "Book a room",
        "owner_role": "team manager",
        "due": "2025-01-01",
    }
    (fault,) = faults({**BASE, "actions": [action]})
    assert fault.startswith("$.actions[0].due: 2025-01-01 is before the session (2025-03-04)")


def test_an_action_updated_before_its_plan_was_created_is_dates_out_of_order() -> None:
    with pytest.raises(ValueError, match=r"actions\[0\]\.updated: .* dates out of order"):
        ActionPlan(
            id="plan",
            title="Plan",
            created=dt.date(2025, 3, 1),
            actions=(Action(id="a-one", text="x", owner_role="lead", updated=dt.date(2025, 2, 1)),),
        )


def test_an_owner_is_a_role_not_an_email() -> None:
    with pytest.raises(ValueError, match="name a role"):
        Action(id="a-one", text="x", owner_role="sam@example.org")


def test_co_creators_are_counted_never_named() -> None:
    (fault,) = faults(
        {"id": "plan", "title": "Plan", "created": "2025-03-01", "co_created_by": ["Sam", "Ali"]},
        ActionPlan,
    )
    assert fault.startswith("$.co_created_by: expected a whole number")


def test_a_start_time_is_hh_mm() -> None:
    (fault,) = faults({**BASE, "start": "9.30am"})
    assert fault == "$.start: expected a time of day as HH:MM (24-hour), got '9.30am'"


def test_status_is_required_so_a_held_session_is_never_mistaken_for_a_plan() -> None:
    data = {k: v for k, v in BASE.items() if k != "status"}
    assert faults(data) == ["$.status: required field missing"]


def test_learning_point_ids_are_unique_within_a_session() -> None:
    point = {"id": "lp-one", "text": "Rotas need slack.", "forum": "team-meeting"}
    (fault,) = faults({**BASE, "learning": [point, point]})
    assert "learning point id 'lp-one' appears twice" in fault


def test_records_are_described_by_the_schema_command() -> None:
    assert RECORD_MODELS["session"] is Session
    assert RECORD_MODELS["action-plan"] is ActionPlan
    schema = json_schema([Session, ActionPlan])
    session = schema["$defs"]["Session"]
    assert session["additionalProperties"] is False
    assert "minutes" not in session["properties"]
    assert set(session["required"]) == {"id", "session_type", "status", "date"}
    assert "LearningPoint" in schema["$defs"]


def test_a_finding_reads_as_a_line() -> None:
    finding = Finding(
        rule="agenda", severity=Severity.ERROR, reason="ends wrongly", session="s-one"
    )
    assert str(finding) == "session s-one: error: ends wrongly"


def test_held_is_a_status() -> None:
    session = structure(BASE, Session)
    assert session.status is SessionStatus.HELD
    assert session.held
    assert session.type_pack == "test-pack"
    point = LearningPoint(id="lp-one", text="x", forum="board")
    assert point.reviewed is False
