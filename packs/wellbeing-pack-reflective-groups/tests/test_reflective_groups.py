"""What the reflective practice group source asks of the group session type."""

from __future__ import annotations

import pytest

from wellbeing_framework import Cadence, Facilitation, Mode, SessionType, make_host


@pytest.fixture(scope="module")
def group() -> SessionType:
    found = make_host(strict=True).catalog().get("reflective-groups:reflective-group")
    assert isinstance(found, SessionType)
    return found


def test_a_small_stable_monthly_group(group: SessionType) -> None:
    assert group.cadence is Cadence.MONTHLY
    assert group.max_participants == 8
    assert group.stable_membership


def test_facilitated_from_outside_in_person_or_online(group: SessionType) -> None:
    assert group.facilitation is Facilitation.EXTERNAL
    assert {Mode.IN_PERSON, Mode.ONLINE} <= set(group.modes)


def test_the_six_aims_are_prompts(group: SessionType) -> None:
    assert len(group.prompts) >= 6
    assert group.ground_rules
