"""A session type's rules in words, said once: the planner, the rule checks, the handbooks and
the facilitator sheets all use these. Dates are written as a person in the UK writes them,
whatever the process locale (``%B`` would follow it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model.content import Cadence, Facilitation, Mode, SessionType

__all__ = [
    "CADENCE_WORDS",
    "LEADER_WORDS",
    "MODE_WORDS",
    "long_date",
    "or_list",
    "session_rules",
]

#: How often, as a reader would say it.
CADENCE_WORDS = {
    Cadence.WEEKLY: "weekly",
    Cadence.FORTNIGHTLY: "every two weeks",
    Cadence.MONTHLY: "monthly",
    Cadence.AD_HOC: "when needed, with no fixed schedule",
}

#: Who leads, as the object of a sentence ("led by ...", "needs ...").
LEADER_WORDS = {
    Facilitation.EXTERNAL: "an external facilitator, from outside the organisation",
    Facilitation.INDEPENDENT_CHAIR: (
        "an independent chair, not directly involved in the case or incident"
    ),
    Facilitation.PEER: "a peer from the group",
    Facilitation.SUPERVISOR: "a supervisor",
}

#: How people meet.
MODE_WORDS = {Mode.IN_PERSON: "in person", Mode.ONLINE: "online", Mode.HYBRID: "hybrid"}

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def long_date(day: dt.date) -> str:
    """A date as a person writes it in the UK: ``3 June 2025`` (whatever the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def or_list(words: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _size(session: SessionType) -> str | None:
    low, high = session.min_participants, session.max_participants
    if low and high:
        return f"{low} to {high} people" if low != high else f"{low} people"
    if high and session.max_participants_advice:
        return f"Works best with up to {high} people; more is flagged, but allowed"
    if high:
        return f"Up to {high} people"
    if low:
        return f"At least {low} people"
    return None


def session_rules(session: SessionType) -> tuple[tuple[str, str], ...]:
    """The rules a session of this type is checked against, as (what, rule) pairs of plain
    text: how often, group size, membership, who leads, ways to meet, records, length, agenda.
    The step it must end with is the caller's to add, since its text is the pack's Markdown."""
    often = _capital(CADENCE_WORDS[session.cadence])
    if session.schedule:
        steps = ", ".join(
            f"{CADENCE_WORDS[s.cadence]} to week {s.until_week}" for s in session.schedule
        )
        often += f"; for someone new to the role, {steps} in it"
    rules = [("How often", often)]
    size = _size(session)
    if size:
        rules.append(("Group size", size))
    rules.append(
        (
            "Membership",
            "The same people each time"
            if session.stable_membership
            else "Open, so people may change from one session to the next",
        )
    )
    lead = _capital(LEADER_WORDS[session.facilitation])
    if session.facilitation_optional:
        lead += " (optional: the session may also run without one)"
    rules.append(("Led by", lead))
    rules.append(("Ways to meet", _capital(or_list([MODE_WORDS[m] for m in session.modes]))))
    rules.append(
        (
            "Records",
            "A brief record is kept (date, topics in outline, actions), not minutes"
            if session.minutes
            else "No minutes; only wider learning is written down, without names",
        )
    )
    if session.min_duration_minutes:
        rules.append(("Length", f"At least {session.min_duration_minutes} minutes"))
    if not session.agenda_fixed:
        rules.append(("Agenda", "A suggested shape only; the chair may run it their own way"))
    return tuple(rules)
