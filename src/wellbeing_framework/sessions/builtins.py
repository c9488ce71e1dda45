"""The built-in session rules: what every session is checked against, whatever its pack.

Each is a :class:`~wellbeing_framework.model.rules.SessionRule`; :func:`builtin_rules` lists
them in the order their findings are reported, and :func:`~.rules.check_sessions` runs them.
The built-in rules, by id:

``group-size``
    more members than the type allows (error; a warning where its size is advice), or fewer
    (warning).
``independence``
    a chair or facilitator who was directly involved, where the type asks for an independent
    chair or an external facilitator (error); no facilitator where one is expected.
``membership``
    in a group whose membership is meant to be stable, a large share of members changing between
    one session and the next.
``cadence``
    a gap between sessions of a series well beyond the type's cadence.
``agenda``
    an agenda that does not end with the type's closing step (error), or uses steps the type does
    not have (unless its agenda is only a suggested shape, ``agenda_fixed = false``).
``mode``
    a way of meeting the type does not allow.
``duration``
    a session shorter than the type's stated minimum.
``learning``
    a learning point that seems to name someone, or is far longer than a learning point should
    be: flagged for its author to review, never changed, kept back or dropped here.
``trigger``
    a session convened on need with no trigger recorded (info).
``dates``
    a session marked held on a date still to come, two sessions of a series on one day, a planned
    date that has passed.
``actions``
    actions past their due date and still open.

There is no rule about minutes: a session record has no field that could hold them, and reading
a file that tries to keep them fails with a message saying why.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator

from .._words import noun, plural
from ..model.content import Facilitation, SessionType
from ..model.rules import SessionRule
from ..model.session import Finding, Session, SessionStatus, Severity
from ._naming import describe_concerns, learning_concerns
from .wording import LEADER_WORDS

__all__ = [
    "DEFAULT_CHURN_SHARE",
    "DEFAULT_GAP_FACTOR",
    "actions_rule",
    "builtin_rules",
    "cadence_rule",
    "dates_rule",
    "members",
    "membership_rule",
]

#: A gap between sessions longer than this many times the cadence is reported.
DEFAULT_GAP_FACTOR = 1.5
#: In a stable group, more than this share of members changing between sessions is reported.
DEFAULT_CHURN_SHARE = 1 / 3

_INDEPENDENT = (Facilitation.EXTERNAL, Facilitation.INDEPENDENT_CHAIR)


def members(session: Session, session_type: SessionType) -> frozenset[str]:
    """The members of a session: its participants, and its facilitator when the type is led from
    within (a peer or a supervisor), since they are one of the people in the conversation. An
    external facilitator or independent chair is not a member."""
    people = set(session.participants)
    if session.facilitator and session_type.facilitation not in _INDEPENDENT:
        people.add(session.facilitator)
    return frozenset(people)


#: What a built-in check says of a session: how serious, why, which session and which field.
#: The rule's id is added once, by :func:`_rule`, rather than typed again at every finding.
_Said = tuple[Severity, str, Session | None, str | None]


def _find(severity: Severity, reason: str, session: Session | None, field: str | None) -> _Said:
    return (severity, reason, session, field)


def _rule(
    *,
    rule_id: str,
    check: Callable[[tuple[Session, ...], SessionType], Iterable[_Said]],
    description: str,
) -> SessionRule:
    """A built-in rule: its id, written here once, goes on every finding its check makes."""

    def found(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[Finding]:
        for severity, reason, session, field in check(sessions, session_type):
            yield Finding(
                rule=rule_id,
                severity=severity,
                reason=reason,
                session=session.id if session else None,
                field=field,
            )

    return SessionRule(id=rule_id, check=found, description=description)


def _live(sessions: Iterable[Session]) -> list[Session]:
    return [s for s in sessions if s.status is not SessionStatus.CANCELLED]


def _group_size(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    high, low = session_type.max_participants, session_type.min_participants
    for session in _live(sessions):
        count = len(members(session, session_type))
        if not session.held and not session.participants:
            continue  # a plan need not list who is coming
        if high is not None and count > high:
            advice = session_type.max_participants_advice
            yield _find(
                Severity.WARNING if advice else Severity.ERROR,
                f"{count} members took part; this session type "
                + (f"works best with at most {high}" if advice else f"allows at most {high}"),
                session,
                "$.participants",
            )
        if low is not None and count < low:
            yield _find(
                Severity.WARNING,
                f"{plural(count, 'member')} recorded; this session type expects at least {low}",
                session,
                "$.participants",
            )


def _independence(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    leader = LEADER_WORDS[session_type.facilitation]
    for session in _live(sessions):
        if session_type.facilitation in _INDEPENDENT:
            if session.facilitator_involved:
                yield _find(
                    Severity.ERROR,
                    f"the facilitator or chair was directly involved in the case or incident; "
                    f"this session type is led by {leader}",
                    session,
                    "$.facilitator_involved",
                )
            if session.facilitator and session.facilitator in session.participants:
                yield _find(
                    Severity.WARNING,
                    f"the facilitator is also listed as a participant; this session type is led "
                    f"by {leader}, who is not one of the members",
                    session,
                    "$.participants",
                )
            if (
                session.held
                and session.facilitator
                and session.facilitator_involved is None
                and session_type.facilitation is Facilitation.INDEPENDENT_CHAIR
            ):
                yield _find(
                    Severity.INFO,
                    "record whether the chair was directly involved in the case or incident "
                    "(facilitator_involved), so that independence can be checked",
                    session,
                    "$.facilitator_involved",
                )
        if session.held and session.facilitator is None and not session_type.facilitation_optional:
            yield _find(
                Severity.WARNING,
                f"no facilitator is recorded; this session type is led by {leader}",
                session,
                "$.facilitator",
            )


def membership_rule(*, max_share: float = DEFAULT_CHURN_SHARE) -> SessionRule:
    """The ``membership`` rule: between consecutive held sessions of a stable group, more than
    ``max_share`` of the earlier members replaced (at least two people joining, or two leaving:
    the odd person coming or going is expected)."""

    def check(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
        if not session_type.stable_membership:
            return
        held = [s for s in sessions if s.held and s.participants]
        for before, after in itertools.pairwise(held):
            old, new = members(before, session_type), members(after, session_type)
            joined, left = len(new - old), len(old - new)
            # A swap counts once: the question is how much of the group was replaced.
            changed = max(joined, left)
            if changed >= 2 and changed / len(old) > max_share:
                yield _find(
                    Severity.WARNING,
                    f"the membership changed a lot since the session on "
                    f"{before.date.isoformat()}: {joined} joined and {left} left, more than "
                    f"{max_share:.0%} of its {len(old)} members; this group is meant to keep the "
                    f"same members, with only the odd person joining or leaving",
                    after,
                    "$.participants",
                )

    return _rule(
        rule_id="membership",
        check=check,
        description="In a group with a stable membership, few members change between sessions.",
    )


def cadence_rule(
    *, factor: float = DEFAULT_GAP_FACTOR, today: dt.date | None = None
) -> SessionRule:
    """The ``cadence`` rule: gaps longer than ``factor`` times the type's cadence, and (given
    ``today``) a series with no session since then."""

    def check(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
        every = session_type.cadence.days
        if every is None:
            return
        limit = every * factor
        live = _live(sessions)
        for before, after in itertools.pairwise(live):
            gap = (after.date - before.date).days
            if gap > limit:
                yield _find(
                    Severity.WARNING,
                    f"{gap} days since the session on {before.date.isoformat()}; this session "
                    f"type meets {session_type.cadence} (about every {every} days)",
                    after,
                    "$.date",
                )
        if today is not None and live and live[-1].series is not None:
            since = (today - live[-1].date).days
            if since > limit:
                yield _find(
                    Severity.WARNING,
                    f"no session held or planned in the {since} days since "
                    f"{live[-1].date.isoformat()}; this session type meets "
                    f"{session_type.cadence} (about every {every} days)",
                    live[-1],
                    "$.date",
                )

    return _rule(
        rule_id="cadence",
        check=check,
        description="Sessions of a series follow the type's cadence without long gaps.",
    )


def _agenda(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    steps = {step.id: step for step in session_type.agenda}
    closing = steps.get(session_type.closing) if session_type.closing else None
    for session in _live(sessions):
        if not session.agenda:
            if session.held and closing is not None:
                yield _find(
                    Severity.INFO,
                    f"no agenda is recorded, so whether the session closed with "
                    f"{closing.id!r} cannot be checked",
                    session,
                    "$.agenda",
                )
            continue
        unknown = [step for step in session.agenda if step not in steps]
        # A type whose agenda is only a suggested shape lets the chair run the session their
        # own way; only its closing step is a rule.
        if unknown and session_type.agenda_fixed:
            yield _find(
                Severity.WARNING,
                f"agenda {noun(len(unknown), 'step')} {', '.join(repr(s) for s in unknown)} "
                f"{'is not a step' if len(unknown) == 1 else 'are not steps'} of this session "
                f"type (its steps: {', '.join(steps) or 'none'})",
                session,
                "$.agenda",
            )
        if session_type.closing and session.agenda[-1] != session_type.closing:
            what = f" ({closing.text})" if closing else ""
            yield _find(
                Severity.ERROR,
                f"the agenda ends with {session.agenda[-1]!r}; this session type always ends "
                f"with {session_type.closing!r}{what}",
                session,
                "$.agenda",
            )


def _mode(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    allowed = ", ".join(str(m) for m in session_type.modes)
    for session in _live(sessions):
        if session.mode is not None and session.mode not in session_type.modes:
            yield _find(
                Severity.WARNING,
                f"the session met {session.mode}; this session type meets {allowed}",
                session,
                "$.mode",
            )


def _duration(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    shortest = session_type.min_duration_minutes
    if shortest is None:
        return
    for session in _live(sessions):
        if session.duration_minutes is not None and session.duration_minutes < shortest:
            yield _find(
                Severity.WARNING,
                f"the session lasted {session.duration_minutes} minutes; this session type "
                f"expects at least {shortest}",
                session,
                "$.duration_minutes",
            )
        elif session.duration_minutes is None and session.held:
            yield _find(
                Severity.INFO,
                f"no length is recorded; this session type expects at least {shortest} minutes",
                session,
                "$.duration_minutes",
            )


def _learning(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    for session in sessions:
        if session.learning and not session.held:
            yield _find(
                Severity.INFO,
                f"learning is recorded on a session marked {session.status}; only learning from "
                f"held sessions goes into the learning log",
                session,
                "$.learning",
            )
        for index, point in enumerate(session.learning):
            concerns = learning_concerns(point, session, session_type)
            if not concerns:
                continue
            firm = any(c.firm for c in concerns)
            advice = (
                "remove anything that could identify someone"
                if firm
                else 'check it names nobody and is short, then set "reviewed": true'
            )
            yield _find(
                Severity.WARNING,
                f"learning point {point.id!r} needs its author's review before it is shared: "
                f"{describe_concerns(concerns)}; {advice}",
                session,
                f"$.learning[{index}].text",
            )


def _trigger(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
    if session_type.cadence.days is not None or not session_type.triggers:
        return
    for session in sessions:
        if session.held and session.trigger is None:
            yield _find(
                Severity.INFO,
                "no trigger is recorded; say which of the type's reasons for convening applied "
                f"({', '.join(t.id for t in session_type.triggers)})",
                session,
                "$.trigger",
            )


def dates_rule(*, today: dt.date | None = None) -> SessionRule:
    """The ``dates`` rule: two sessions of a series on one day and, given ``today``, a session
    marked held on a date still to come or a planned date that has passed."""

    def check(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
        live = _live(sessions)
        for before, after in itertools.pairwise(live):
            if before.date == after.date and (before.start or "") == (after.start or ""):
                yield _find(
                    Severity.WARNING,
                    f"two sessions of this series are on {after.date.isoformat()} "
                    f"({before.id!r} and {after.id!r}); is one a copy of the other?",
                    after,
                    "$.date",
                )
        if today is None:
            return
        for session in sessions:
            if session.held and session.date > today:
                yield _find(
                    Severity.ERROR,
                    f"the session is marked held but its date, {session.date.isoformat()}, is "
                    f"after today ({today.isoformat()})",
                    session,
                    "$.date",
                )
            elif session.status is SessionStatus.PLANNED and session.date < today:
                yield _find(
                    Severity.INFO,
                    f"the session was planned for {session.date.isoformat()}, which has passed: "
                    "mark it held or cancelled",
                    session,
                    "$.status",
                )

    return _rule(
        rule_id="dates",
        check=check,
        description="Dates make sense: nothing held in the future, no session recorded twice.",
    )


def actions_rule(*, today: dt.date | None = None) -> SessionRule:
    """The ``actions`` rule: given ``today``, actions past their due date and still open."""

    def check(sessions: tuple[Session, ...], session_type: SessionType) -> Iterator[_Said]:
        if today is None:
            return
        for session in sessions:
            for index, action in enumerate(session.actions):
                if action.status.is_live and action.due is not None and action.due < today:
                    yield _find(
                        Severity.WARNING,
                        f"action {action.id!r} ({action.owner_role}) was due on "
                        f"{action.due.isoformat()} and is still {action.status}",
                        session,
                        f"$.actions[{index}].due",
                    )

    return _rule(
        rule_id="actions",
        check=check,
        description="Actions agreed at sessions are done by their due date.",
    )


def builtin_rules(
    *,
    today: dt.date | None = None,
    churn_share: float = DEFAULT_CHURN_SHARE,
    gap_factor: float = DEFAULT_GAP_FACTOR,
) -> tuple[SessionRule, ...]:
    """The rules every session is checked against.

    Args:
        today: The date to judge dates and overdue actions against; ``None`` skips those parts.
        churn_share: The share of members that may change between sessions of a stable group.
        gap_factor: How many times the cadence a gap between sessions may be.
    """
    return (
        _rule(
            rule_id="group-size",
            check=_group_size,
            description="The number of members is within the type's limits.",
        ),
        _rule(
            rule_id="independence",
            check=_independence,
            description="Where the type needs an independent chair or an external facilitator, "
            "the person leading was not involved.",
        ),
        membership_rule(max_share=churn_share),
        cadence_rule(factor=gap_factor, today=today),
        _rule(
            rule_id="agenda",
            check=_agenda,
            description="The agenda uses the type's steps and ends with its closing step.",
        ),
        _rule(
            rule_id="mode", check=_mode, description="The session meets in a way the type allows."
        ),
        _rule(
            rule_id="duration",
            check=_duration,
            description="The session lasts at least as long as the type expects.",
        ),
        _rule(
            rule_id="learning",
            check=_learning,
            description="Learning points name nobody and are short; doubtful ones are flagged "
            "for their author.",
        ),
        _rule(
            rule_id="trigger",
            check=_trigger,
            description="A session convened on need says what it was convened for.",
        ),
        dates_rule(today=today),
        actions_rule(today=today),
    )
