"""What the children's services guidance asks of the reflective wellbeing session."""

from __future__ import annotations

import datetime as dt

import pytest

from wellbeing_framework import Session, SessionType, make_host
from wellbeing_framework.model import Cadence, Facilitation, SessionStatus
from wellbeing_framework.render import pack_to_html, pack_to_markdown
from wellbeing_framework.sessions import check_sessions


@pytest.fixture(scope="module")
def session_type() -> SessionType:
    found = make_host(strict=True).catalog().get("childrens-services:reflective-wellbeing-session")
    assert isinstance(found, SessionType)
    return found


def test_convened_after_serious_incidents_as_needed(session_type: SessionType) -> None:
    assert session_type.cadence is Cadence.AD_HOC
    assert len(session_type.triggers) >= 5
    text = " ".join(t.text.lower() for t in session_type.triggers)
    assert "emotional impact" in text


def test_an_optional_independent_chair(session_type: SessionType) -> None:
    assert session_type.facilitation is Facilitation.INDEPENDENT_CHAIR
    assert session_type.facilitation_optional


def test_no_minutes_and_a_safe_uplifting_close(session_type: SessionType) -> None:
    assert session_type.minutes is False
    assert session_type.closing == session_type.agenda[-1].id
    assert "uplifting" in session_type.agenda[-1].text.lower()


def test_ground_rules_keep_sharing_voluntary(session_type: SessionType) -> None:
    rules = " ".join(session_type.ground_rules).lower()
    assert "respect" in rules
    assert session_type.ground_rules


def _held(agenda: list[str]) -> Session:
    return Session(
        id="rws-9001",
        session_type="childrens-services:reflective-wellbeing-session",
        status=SessionStatus.HELD,
        date=dt.date(2025, 6, 3),
        facilitator="ch-0001",
        facilitator_involved=False,
        participants=("p-1", "p-2", "p-3"),
        trigger="rws-trigger-serious-violence",
        incident_date=dt.date(2025, 5, 28),
        agenda=tuple(agenda),
    )


def _agenda_findings(agenda: list[str]) -> list[str]:
    findings = check_sessions(make_host(strict=True).catalog(), [_held(agenda)])
    return [f"{f.severity}: {f.reason}" for f in findings if f.rule == "agenda"]


def test_a_session_run_the_chairs_own_way_is_not_flagged(session_type: SessionType) -> None:
    # The guidance: usually informal, with no standardised agenda.
    assert session_type.agenda_fixed is False
    own_steps = ["welcome-and-tea", "what-happened-to-us", "rws-close-uplifting"]
    assert _agenda_findings(own_steps) == []


def test_the_close_on_a_safe_and_uplifting_topic_still_holds() -> None:
    (finding,) = _agenda_findings(["welcome-and-tea", "what-happened-to-us"])
    assert finding.startswith("error: the agenda ends with 'what-happened-to-us'")


def test_the_caveats_come_before_the_agenda_in_every_rendering(
    session_type: SessionType,
) -> None:
    intro = " ".join(session_type.introduction.split())
    assert "there is no standard agenda" in intro
    assert "no replacement for welfare support or for therapy" in intro
    catalog = make_host(strict=True).catalog()
    pack = catalog.pack("childrens-services")
    for text in (pack_to_markdown(pack, catalog=catalog), pack_to_html(pack, catalog=catalog)):
        flat = " ".join(text.split())
        assert flat.index("there is no standard agenda") < flat.index("Welcome, introductions")


def test_the_mars_board_and_north_lincolnshire_are_named(session_type: SessionType) -> None:
    purpose = " ".join(session_type.purpose.split())
    assert "North Lincolnshire Children's MARS Board" in purpose
    assert "In North Lincolnshire," in purpose


def test_the_chair_is_something_a_session_may_benefit_from(session_type: SessionType) -> None:
    chairing = next(s for s in session_type.sections if s.title == "Chairing")
    assert "may benefit from an independent chair" in chairing.body
    assert "often helps" not in chairing.body


def test_the_list_of_triggers_is_not_exhaustive_as_a_whole(session_type: SessionType) -> None:
    murder = session_type.triggers[0]
    assert murder.text == "The murder of a child or an adult."
    assert "exhaustive" not in murder.guidance  # the note is not about one trigger
    reasons = next(s for s in session_type.sections if s.title == "Reasons to convene")
    assert "The list is not exhaustive" in reasons.body
    assert "not a complete list" in session_type.triggers[-1].guidance
