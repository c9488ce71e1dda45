"""What the reflective practice group source asks of the group session type."""

from __future__ import annotations

import datetime as dt

import pytest

from wellbeing_framework import Session, SessionType, make_host
from wellbeing_framework.model import Cadence, Facilitation, Mode, SessionStatus, Severity
from wellbeing_framework.sessions import check_sessions


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


def _group_of(members: int) -> Session:
    return Session(
        id="rg-9001",
        session_type="reflective-groups:reflective-group",
        series="rg-9000",
        status=SessionStatus.HELD,
        date=dt.date(2025, 1, 14),
        mode=Mode.IN_PERSON,
        facilitator="ext-0001",
        facilitator_involved=False,
        participants=tuple(f"m-{k}" for k in range(members)),
        trigger="rg-when-monthly",
        agenda=(
            "rg-arrive",
            "rg-agreement",
            "rg-bring",
            "rg-explore",
            "rg-systemic",
            "rg-check-out",
        ),
    )


def test_eight_members_works_best_so_a_ninth_is_a_warning_not_an_error() -> None:
    catalog = make_host(strict=True).catalog()
    assert [f for f in check_sessions(catalog, [_group_of(8)]) if f.rule == "group-size"] == []
    (finding,) = [f for f in check_sessions(catalog, [_group_of(9)]) if f.rule == "group-size"]
    assert finding.severity is Severity.WARNING
    assert finding.reason == "9 members took part; this session type works best with at most 8"


def test_the_facilitator_comes_from_outside_the_organisation(group: SessionType) -> None:
    summary = " ".join(make_host(strict=True).catalog().pack("reflective-groups").summary.split())
    assert "led by a facilitator from outside the organisation" in summary
    assert "management structures" not in summary
    facilitation = next(s for s in group.sections if s.title == "Facilitation")
    assert "from outside the organisation" in facilitation.body


def test_setting_up_a_group_is_not_a_reason_to_convene_a_session(group: SessionType) -> None:
    assert [t.id for t in group.triggers] == ["rg-when-monthly"]
