"""Checking sessions against their type's rules: each built-in rule, the grouping into series,
bad references, and rules that packs add through the hook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import sessions as gen

from wellbeing_framework import Catalog, Pack, Session, SessionType, hookimpl, make_host
from wellbeing_framework.errors import RecordError
from wellbeing_framework.model import (
    Action,
    ActionStatus,
    Finding,
    LearningPoint,
    Mode,
    SessionStatus,
    Severity,
)
from wellbeing_framework.sessions import Origin, SessionRule, check_sessions
from wellbeing_framework.sessions.rules import members, worst

from .conftest import DAY, GROUP, PACK

GROUP_AGENDA = ("g-arrive", "g-explore", "g-check-out")


def held(type_id: str = "group", **kw: Any) -> Session:
    fields: dict[str, Any] = {
        "id": "s-one",
        "session_type": f"test-pack:{type_id}",
        "status": SessionStatus.HELD,
        "date": DAY,
        "mode": Mode.IN_PERSON,
        "facilitator": "f-1",
        "facilitator_involved": False,
    }
    if type_id == "group":
        fields["agenda"] = GROUP_AGENDA
    fields.update(kw)
    return Session(**fields)


def monthly(
    n: int, *, every: int = 28, people: tuple[str, ...] = ("p-1", "p-2", "p-3")
) -> list[Session]:
    return [
        held(
            id=f"g-{i}",
            series="grp-1",
            date=DAY + dt.timedelta(days=every * i),
            participants=people,
        )
        for i in range(n)
    ]


def by_rule(findings: tuple[Finding, ...], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_a_well_run_series_has_no_findings(catalog: Catalog) -> None:
    assert check_sessions(catalog, monthly(4), today=DAY + dt.timedelta(days=90)) == ()


def test_more_members_than_allowed_is_an_error(catalog: Catalog) -> None:
    nine = tuple(f"p-{i}" for i in range(9))
    (finding,) = check_sessions(catalog, [held(participants=nine)])
    assert (finding.rule, finding.severity, finding.field) == (
        "group-size",
        Severity.ERROR,
        "$.participants",
    )
    assert finding.reason == "9 members took part; this session type allows at most 8"


def test_an_external_facilitator_is_not_counted_but_a_supervisor_is(catalog: Catalog) -> None:
    eight = tuple(f"p-{i}" for i in range(8))
    assert check_sessions(catalog, [held(participants=eight)]) == ()
    assert len(members(held(participants=eight), GROUP)) == 8
    supervision = held(
        "supervision",
        participants=("p-1",),
        duration_minutes=60,
        agenda=("sup-check-in", "sup-close"),
    )
    assert check_sessions(catalog, [supervision]) == ()
    alone = held(
        "supervision",
        participants=("p-1",),
        facilitator=None,
        duration_minutes=60,
        agenda=("sup-check-in", "sup-close"),
    )
    sizes = by_rule(check_sessions(catalog, [alone]), "group-size")
    assert [f.severity for f in sizes] == [Severity.WARNING]
    assert "expects at least 2" in sizes[0].reason


def test_a_chair_involved_in_the_incident_breaks_independence(catalog: Catalog) -> None:
    session = held(
        "incident-session",
        facilitator_involved=True,
        trigger="is-violence",
        agenda=("is-welcome", "is-close"),
    )
    (finding,) = check_sessions(catalog, [session])
    assert (finding.rule, finding.severity) == ("independence", Severity.ERROR)
    assert "directly involved" in finding.reason
    assert "independent chair" in finding.reason


def test_an_independent_facilitator_listed_as_a_member_is_a_warning(catalog: Catalog) -> None:
    (finding,) = check_sessions(catalog, [held(participants=("p-1", "f-1"))])
    assert (finding.rule, finding.severity) == ("independence", Severity.WARNING)


def test_no_facilitator_where_one_is_needed(catalog: Catalog) -> None:
    (finding,) = check_sessions(catalog, [held(facilitator=None)])
    assert finding.field == "$.facilitator"
    assert finding.severity is Severity.WARNING
    optional = held("incident-session", facilitator=None, trigger="is-other", agenda=("is-close",))
    assert check_sessions(catalog, [optional]) == ()


def test_not_knowing_whether_the_chair_was_involved_is_a_note(catalog: Catalog) -> None:
    session = held(
        "incident-session", facilitator_involved=None, trigger="is-other", agenda=("is-close",)
    )
    (finding,) = check_sessions(catalog, [session])
    assert finding.severity is Severity.INFO
    assert finding.field == "$.facilitator_involved"


def test_membership_churn_in_a_stable_group_is_flagged_once(catalog: Catalog) -> None:
    series = monthly(3, people=("p-1", "p-2", "p-3", "p-4", "p-5", "p-6"))
    series[2] = held(
        id="g-2",
        series="grp-1",
        date=series[2].date,
        participants=("p-1", "p-2", "p-3", "p-7", "p-8", "p-9"),
    )
    (finding,) = check_sessions(catalog, series)
    assert (finding.rule, finding.session) == ("membership", "g-2")
    assert "3 joined and 3 left" in finding.reason


def test_the_odd_person_joining_or_leaving_is_fine(catalog: Catalog) -> None:
    series = monthly(3, people=("p-1", "p-2", "p-3", "p-4"))
    series[1] = held(
        id="g-1", series="grp-1", date=series[1].date, participants=("p-1", "p-2", "p-3", "p-5")
    )
    series[2] = held(
        id="g-2",
        series="grp-1",
        date=series[2].date,
        participants=("p-1", "p-2", "p-3", "p-5", "p-6"),
    )
    assert check_sessions(catalog, series) == ()


def test_a_gap_in_the_cadence_is_flagged_at_the_later_session(catalog: Catalog) -> None:
    series = monthly(3)
    series[2] = held(
        id="g-2",
        series="grp-1",
        date=series[1].date + dt.timedelta(days=70),
        participants=series[1].participants,
    )
    (finding,) = check_sessions(catalog, series)
    assert (finding.rule, finding.session, finding.severity) == ("cadence", "g-2", Severity.WARNING)
    assert finding.reason.startswith("70 days since the session on")


def test_a_series_that_has_stopped_is_flagged_given_today(catalog: Catalog) -> None:
    series = monthly(2)
    (finding,) = check_sessions(catalog, series, today=series[-1].date + dt.timedelta(days=100))
    assert finding.rule == "cadence"
    assert "no session held or planned in the 100 days" in finding.reason


def test_cancelled_sessions_do_not_fill_a_gap(catalog: Catalog) -> None:
    first, second = monthly(2, every=84)
    cancelled = held(
        id="g-x", series="grp-1", status=SessionStatus.CANCELLED, date=DAY + dt.timedelta(days=42)
    )
    (finding,) = check_sessions(catalog, [first, cancelled, second])
    assert finding.rule == "cadence"
    assert finding.session == second.id


def test_an_agenda_that_does_not_close_as_required_is_an_error(catalog: Catalog) -> None:
    (finding,) = check_sessions(catalog, [held(agenda=("g-arrive", "g-check-out", "g-explore"))])
    assert (finding.rule, finding.severity, finding.field) == ("agenda", Severity.ERROR, "$.agenda")
    assert "always ends with 'g-check-out' (Check out.)" in finding.reason


def test_steps_not_from_the_type_are_a_warning(catalog: Catalog) -> None:
    (finding,) = check_sessions(catalog, [held(agenda=("g-arrive", "g-quiz", "g-check-out"))])
    assert finding.severity is Severity.WARNING
    assert "'g-quiz'" in finding.reason


def test_a_mode_the_type_does_not_allow(catalog: Catalog) -> None:
    (finding,) = check_sessions(catalog, [held(mode=Mode.HYBRID)])
    assert (finding.rule, finding.field) == ("mode", "$.mode")
    assert "meets in-person, online" in finding.reason


def test_a_short_supervision_is_flagged(catalog: Catalog) -> None:
    session = held("supervision", participants=("p-1",), duration_minutes=40, agenda=("sup-close",))
    (finding,) = check_sessions(catalog, [session])
    assert finding.rule == "duration"
    assert "lasted 40 minutes" in finding.reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ask Sarah Jones to share the rota.", "a capitalised word that may be a name at word 2"),
        ("Mrs Patel said the room was cold.", "a title with what may be a name at word 1"),
        ("Write to lead@example.org about rotas.", "an email address at word 3"),
        ("Call 01632 960 123 for the rota.", "what looks like a phone number at word 2"),
        ("We heard from p-2 about nights.", "a participant's token at word 4"),
        ("Rotas. " * 60, "far more than a learning point needs"),
    ],
)
def test_a_learning_point_that_may_name_someone_is_flagged_for_review(
    catalog: Catalog, text: str, kind: str
) -> None:
    point = LearningPoint(id="lp-one", text=text, forum="team-meeting")
    session = held(participants=("p-1", "p-2"), learning=(point,))
    (finding,) = check_sessions(catalog, [session])
    assert (finding.rule, finding.severity) == ("learning", Severity.WARNING)
    assert finding.field == "$.learning[0].text"
    assert kind in finding.reason
    assert session.learning == (point,)  # flagged, never changed or dropped


def test_the_reason_never_repeats_the_name(catalog: Catalog) -> None:
    point = LearningPoint(id="lp-one", text="Ask Sarah Jones about it.", forum="team-meeting")
    (finding,) = check_sessions(catalog, [held(learning=(point,))])
    assert "Sarah" not in finding.reason
    assert "Jones" not in finding.reason


def test_a_reviewed_point_is_trusted_on_names_but_never_on_emails(catalog: Catalog) -> None:
    name = LearningPoint(id="lp-one", text="Ask Kirsty about it.", forum="board", reviewed=True)
    email = LearningPoint(
        id="lp-two", text="Email a@example.org today.", forum="board", reviewed=True
    )
    findings = check_sessions(catalog, [held(learning=(name, email))])
    assert [f.field for f in findings] == ["$.learning[1].text"]
    assert "remove anything that could identify someone" in findings[0].reason


def test_words_the_type_itself_capitalises_are_not_names(catalog: Catalog) -> None:
    point = LearningPoint(
        id="lp-one", text="Share this with the Practice Learning Group in May.", forum="board"
    )
    session = held("incident-session", trigger="is-other", agenda=("is-close",), learning=(point,))
    assert check_sessions(catalog, [session]) == ()


def test_an_ad_hoc_session_without_a_trigger_gets_a_note(catalog: Catalog) -> None:
    (finding,) = check_sessions(catalog, [held("incident-session", agenda=("is-close",))])
    assert (finding.rule, finding.severity) == ("trigger", Severity.INFO)
    assert "is-violence, is-other" in finding.reason


def test_dates_that_make_no_sense_given_today(catalog: Catalog) -> None:
    future = held(id="s-future", date=DAY + dt.timedelta(days=3))
    past_plan = held(id="s-past", status=SessionStatus.PLANNED, date=DAY - dt.timedelta(days=3))
    findings = check_sessions(catalog, [future, past_plan], today=DAY)
    assert {(f.session, f.severity) for f in by_rule(findings, "dates")} == {
        ("s-future", Severity.ERROR),
        ("s-past", Severity.INFO),
    }


def test_the_same_session_twice_in_a_series(catalog: Catalog) -> None:
    a, b = held(id="g-a", series="grp-1"), held(id="g-b", series="grp-1")
    (finding,) = check_sessions(catalog, [a, b])
    assert finding.rule == "dates"
    assert "'g-a' and 'g-b'" in finding.reason


def test_overdue_actions_agreed_at_a_session(catalog: Catalog) -> None:
    action = Action(
        id="a-one", text="Fix the rota", owner_role="team manager", due=DAY + dt.timedelta(days=7)
    )
    done = Action(
        id="a-two", text="Book a room", owner_role="team manager", due=DAY, status=ActionStatus.DONE
    )
    session = held(actions=(action, done))
    assert check_sessions(catalog, [session], today=DAY + dt.timedelta(days=7)) == ()
    (finding,) = check_sessions(catalog, [session], today=DAY + dt.timedelta(days=8))
    assert (finding.rule, finding.field) == ("actions", "$.actions[0].due")


def test_a_series_of_mixed_types_is_an_error(catalog: Catalog) -> None:
    group = held(id="g-1", series="mixed")
    other = held(
        "supervision",
        id="s-2",
        series="mixed",
        participants=("p-1",),
        duration_minutes=60,
        agenda=("sup-close",),
        date=DAY + dt.timedelta(days=1),
    )
    findings = check_sessions(catalog, [group, other])
    assert [f.rule for f in findings] == ["series"]
    assert "mixes session types" in findings[0].reason


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"session_type": "test-pack:nothing"}, "$[2].session_type", "no session type"),
        ({"session_type": "other-pack:group"}, "$[2].session_type", "no pack 'other-pack'"),
        ({"trigger": "is-violence"}, "$[2].trigger", "not a trigger of the session type"),
        ({"model": "gibbs"}, "$[2].model", "no reflective model 'test-pack:gibbs'"),
        (
            {"learning": (LearningPoint(id="lp", text="x", forum="board", themes=("nope",)),)},
            "$[2].learning[0].themes[0]",
            "no theme 'test-pack:nope'",
        ),
    ],
)
def test_an_unknown_reference_names_the_file_and_field(
    catalog: Catalog, change: dict[str, Any], field: str, expected: str
) -> None:
    session = held(**change)
    origin = Origin(file="group.json", pointer="$[2]")
    with pytest.raises(RecordError) as caught:
        check_sessions(catalog, [session], locate=lambda s: origin)
    assert (caught.value.source, caught.value.field) == ("group.json", field)
    assert expected in str(caught.value)


def test_two_sessions_with_one_id_are_refused(catalog: Catalog) -> None:
    with pytest.raises(RecordError, match="'s-one' is used twice"):
        check_sessions(catalog, [held(), held(date=DAY + dt.timedelta(days=30))])


def test_worst_finds_the_most_serious() -> None:
    infos = [Finding(rule="a-b", severity=Severity.INFO, reason="x")]
    assert worst(infos) is Severity.INFO
    assert (
        worst([*infos, Finding(rule="a-b", severity=Severity.ERROR, reason="y")]) is Severity.ERROR
    )
    assert worst([]) is None


# -- rules from packs ------------------------------------------------------------------------


class OnlineOnly:
    """A pack plugin that adds a rule, written as the hook's documentation shows."""

    @staticmethod
    def check(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[Finding]:
        for session in sessions:
            if session.mode != "online":
                yield Finding(
                    rule="online-only",
                    severity=Severity.WARNING,
                    session=session.id,
                    reason="our groups meet online only",
                )

    @hookimpl
    def wellbeing_session_rules(self) -> Iterator[SessionRule]:
        yield SessionRule(id="online-only", check=self.check)


class PackOfTests:
    @hookimpl
    def wellbeing_packs(self) -> Iterator[Pack]:
        yield PACK


def test_hook_wellbeing_session_rules_adds_a_rule() -> None:
    host = make_host(autoload=False, plugins=[PackOfTests(), OnlineOnly()])
    rules = host.session_rules()
    assert [r.id for r in rules] == ["online-only"]
    findings = check_sessions(
        host.catalog(), [held(), held(id="s-two", mode=Mode.ONLINE)], extra_rules=rules
    )
    assert [(f.rule, f.session) for f in findings] == [("online-only", "s-one")]


def test_a_broken_contributed_rule_is_reported_not_raised(catalog: Catalog) -> None:
    def broken(sessions: tuple[Session, ...], session_type: SessionType) -> list[Finding]:
        raise KeyError("oops")

    def wrong(sessions: tuple[Session, ...], session_type: SessionType) -> list[str]:
        return ["not a finding"]

    findings = check_sessions(
        catalog,
        [held()],
        extra_rules=[SessionRule(id="broken", check=broken), SessionRule(id="wrong", check=wrong)],  # type: ignore[arg-type]
    )
    assert [(f.rule, f.severity) for f in findings] == [
        ("broken", Severity.ERROR),
        ("wrong", Severity.ERROR),
    ]
    assert "could not run: KeyError" in findings[0].reason
    assert "where a Finding was expected" in findings[1].reason


def test_a_contributed_rule_may_not_reuse_a_built_in_id(catalog: Catalog) -> None:
    from wellbeing_framework import WellbeingError

    with pytest.raises(WellbeingError, match="share the id 'agenda'"):
        check_sessions(
            catalog, [held()], extra_rules=[SessionRule(id="agenda", check=lambda s, t: ())]
        )


def test_something_that_is_not_a_rule_is_refused_as_a_bad_argument(catalog: Catalog) -> None:
    from wellbeing_framework import ArgumentError

    with pytest.raises(ArgumentError, match="extra_rules: expected SessionRule objects, got a str"):
        check_sessions(catalog, [held()], extra_rules=["agenda"])  # type: ignore[list-item]


# -- properties ------------------------------------------------------------------------------


@given(gen.catalogs(), st.data())
def test_checking_never_raises_on_any_generated_record(
    made: tuple[Catalog, Pack], data: st.DataObject
) -> None:
    catalog, pack = made
    records = []
    for index in range(data.draw(st.integers(1, 4))):
        session_type = data.draw(st.sampled_from(pack.session_types))
        session = data.draw(
            gen.sessions(
                type_ref=f"{pack.id}:{session_type.id}",
                session_type=session_type,
                themes=tuple(f"{pack.id}:{t.id}" for t in pack.themes),
                models=tuple(m.id for m in pack.reflective_models),
            )
        )
        records.append(Session(**{**_fields(session), "id": f"s-{index}"}))
    today = data.draw(st.none() | gen.dates)
    findings = check_sessions(catalog, records, today=today)
    assert all(isinstance(f, Finding) for f in findings)
    assert {f.session for f in findings} <= {s.id for s in records} | {None}


_KNOWN_TYPE_SESSIONS = st.sampled_from(PACK.session_types).flatmap(
    lambda t: gen.sessions(type_ref=f"test-pack:{t.id}", session_type=t)
)


@given(st.one_of(gen.sessions(), _KNOWN_TYPE_SESSIONS))
def test_any_record_either_checks_or_raises_a_record_error(session: Session) -> None:
    catalog = Catalog([PACK])
    error: RecordError | None = None
    try:
        check_sessions(catalog, [session])
    except RecordError as exc:
        error = exc
    # Any other exception fails the test; a record error always says which field is at fault.
    assert error is None or (error.field or "").startswith("$.")


def _fields(session: Session) -> dict[str, Any]:
    return {a.name: getattr(session, a.name) for a in Session.__attrs_attrs__}
