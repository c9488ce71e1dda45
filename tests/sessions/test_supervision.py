"""Supervision frequency: evidence of how often and how long one practitioner's supervision ran."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework import Session
from wellbeing_framework.errors import RecordError
from wellbeing_framework.model import Cadence, CadenceStep, SessionStatus, Severity
from wellbeing_framework.sessions import supervision_evidence
from wellbeing_framework.sessions.supervision import grace_days

from .conftest import DAY, SUPERVISION


def sup(
    day: int, minutes: int | None = 60, *, status: SessionStatus = SessionStatus.HELD, **kw: object
) -> Session:
    fields: dict[str, object] = {
        "id": f"sup-{day:03d}",
        "session_type": "test-pack:supervision",
        "series": "sup-p-1",
        "status": status,
        "date": DAY + dt.timedelta(days=day),
        "duration_minutes": minutes,
        "facilitator": "sv-1",
        "participants": ("p-1",),
    }
    fields.update(kw)
    return Session(**fields)  # type: ignore[arg-type]


def test_monthly_hour_long_supervision_meets_the_expectation() -> None:
    evidence = supervision_evidence(
        [sup(0), sup(30), sup(58), sup(91)], SUPERVISION, today=DAY + dt.timedelta(days=100)
    )
    assert (evidence.frequency_met, evidence.length_met) == (True, True)
    assert evidence.held == 4
    assert evidence.intervals == (30, 28, 33)
    assert evidence.share_on_time == 1.0
    assert evidence.share_long_enough == 1.0
    assert evidence.longest_gap_days == 33
    assert evidence.expected_every_days == 31
    assert evidence.expected_minutes == 60
    assert [f for f in evidence.findings if f.severity is not Severity.INFO] == []


def test_a_missed_month_and_a_short_session_are_the_evidence() -> None:
    sessions = [sup(0), sup(31, 40), sup(62, status=SessionStatus.CANCELLED), sup(93), sup(120)]
    evidence = supervision_evidence(sessions, SUPERVISION)
    assert evidence.held == 4
    assert evidence.cancelled == 1
    assert evidence.intervals == (31, 62, 27)
    assert evidence.on_time == 2
    assert evidence.share_on_time == pytest.approx(2 / 3)
    assert evidence.longest_gap_days == 62
    assert evidence.long_enough == 3
    assert evidence.share_long_enough == 0.75
    assert (evidence.frequency_met, evidence.length_met) == (False, False)
    reasons = [f.reason for f in evidence.findings]
    assert any(r.startswith("62 days between supervision") for r in reasons)
    assert any("lasted 40 minutes; expected at least 60" in r for r in reasons)


def test_a_practitioner_whose_supervision_has_stopped_is_overdue() -> None:
    evidence = supervision_evidence(
        [sup(0), sup(30)], SUPERVISION, today=DAY + dt.timedelta(days=120)
    )
    assert evidence.frequency_met is False
    assert evidence.days_since_last == 90
    assert evidence.longest_gap_days == 90
    assert any("no supervision held in the 90 days" in f.reason for f in evidence.findings)


def test_lengths_not_recorded_cannot_be_judged() -> None:
    evidence = supervision_evidence([sup(0), sup(30, None)], SUPERVISION)
    assert evidence.length_met is None
    assert evidence.length_recorded == 1
    assert any(
        "1 of 2 sessions held have no length recorded" in f.reason for f in evidence.findings
    )


def test_a_type_with_no_stated_expectation_says_so() -> None:
    loose = attrs.evolve(SUPERVISION, cadence=Cadence.AD_HOC, min_duration_minutes=None)
    evidence = supervision_evidence([sup(0), sup(90)], loose)
    assert (evidence.frequency_met, evidence.length_met) == (None, None)
    assert {f.severity for f in evidence.findings} == {Severity.INFO}


def test_nothing_held_is_a_warning() -> None:
    evidence = supervision_evidence([sup(0, status=SessionStatus.CANCELLED)], SUPERVISION)
    assert evidence.held == 0
    assert evidence.frequency_met is None
    assert any(f.severity is Severity.WARNING for f in evidence.findings)


def test_one_practitioner_at_a_time() -> None:
    with pytest.raises(RecordError, match="one practitioner at a time"):
        supervision_evidence([sup(0), sup(30, series="sup-p-2")], SUPERVISION)


def test_grace_is_a_quarter_of_the_interval() -> None:
    assert (grace_days(31), grace_days(14), grace_days(7)) == (8, 4, 2)


@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.none() | st.integers(10, 120)),
        max_size=12,
        unique_by=lambda t: t[0],
    )
)
def test_the_counts_always_add_up(plan: list[tuple[int, int | None]]) -> None:
    evidence = supervision_evidence([sup(day, minutes) for day, minutes in plan], SUPERVISION)
    assert evidence.held == len(plan)
    assert len(evidence.intervals) == max(0, len(plan) - 1)
    assert 0 <= evidence.on_time <= len(evidence.intervals)
    assert evidence.long_enough <= evidence.length_recorded <= evidence.held
    if evidence.frequency_met:
        assert evidence.share_on_time in (None, 1.0)


def test_the_schedule_by_time_in_role_judges_each_gap_by_the_cadence_when_it_opened() -> None:
    steps = (CadenceStep(until_week=6, cadence=Cadence.WEEKLY),)
    newcomer = attrs.evolve(SUPERVISION, schedule=steps)
    weekly_then_monthly = [sup(d) for d in (3, 10, 17, 24, 31, 38, 45, 75, 105)]
    evidence = supervision_evidence(weekly_then_monthly, newcomer, in_role_since=DAY)
    assert evidence.frequency_met is True
    assert evidence.in_role_since == DAY
    # The same sessions, three weeks late in starting: the first interval is missed.
    late = supervision_evidence(
        weekly_then_monthly, newcomer, in_role_since=DAY - dt.timedelta(days=18)
    )
    assert late.frequency_met is False
    assert any("between the start in role" in f.reason for f in late.findings)
    # Without a start date, the usual cadence applies, and the note says why.
    usual = supervision_evidence(weekly_then_monthly, newcomer)
    assert usual.frequency_met is True
    assert usual.in_role_since is None
    assert any("new to the role" in f.reason for f in usual.findings if f.severity is Severity.INFO)


def test_a_start_in_role_after_the_first_session_is_flagged() -> None:
    steps = (CadenceStep(until_week=6, cadence=Cadence.WEEKLY),)
    newcomer = attrs.evolve(SUPERVISION, schedule=steps)
    evidence = supervision_evidence(
        [sup(0), sup(7)], newcomer, in_role_since=DAY + dt.timedelta(days=3)
    )
    assert any("before the start in role" in f.reason for f in evidence.findings)
