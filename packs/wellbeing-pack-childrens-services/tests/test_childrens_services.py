"""What the children's services guidance asks of the reflective wellbeing session."""

from __future__ import annotations

import pytest

from wellbeing_framework import Cadence, Facilitation, SessionType, make_host


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
