"""Supervision frequency: evidence of how often one practitioner's supervision really happens.

Standards ask employers to provide regular, reflective supervision and to monitor how often it
actually takes place. A session type can state the expectation as data (a ``cadence`` and a
``min_duration_minutes``, as the social-work pack's reflective supervision does), and a
``schedule`` by weeks in the role for someone new to it (a newly qualified social worker is
supervised weekly at first, then fortnightly, then monthly). Given the
series of supervision sessions of one practitioner, :func:`supervision_evidence` says whether
the frequency and length met that expectation, with the counts behind the answer: sessions held
and cancelled, the longest gap, the share of gaps on time and the share of sessions long enough.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

import attrs

from ..errors import RecordError
from ..model.content import Cadence, SessionType
from ..model.session import Finding, Session, SessionStatus, Severity

__all__ = ["SupervisionEvidence", "grace_days", "schedule_text", "supervision_evidence"]


def grace_days(every: int) -> int:
    """How many days late a session may be and still count as on time: a quarter of the
    interval (8 days for monthly, 4 for fortnightly, 2 for weekly), since a session booked for
    the same weekday each month does not fall on the same date."""
    return round(every / 4)


def _every(cadence: Cadence) -> str:
    days = cadence.days
    return f"{cadence} (every {days} days, {grace_days(days)} days' grace)" if days else "ad hoc"


def schedule_text(session_type: SessionType) -> str:
    """The type's cadence by time in role in words: ``weekly to week 6, ..., then monthly``."""
    steps = [f"{step.cadence} to week {step.until_week}" for step in session_type.schedule]
    return (
        ", ".join([*steps, f"then {session_type.cadence}"]) if steps else str(session_type.cadence)
    )


@attrs.frozen(kw_only=True)
class SupervisionEvidence:
    """How one practitioner's supervision compares with what its session type expects.

    Attributes:
        series: The series (the practitioner's opaque id), if the sessions share one.
        session_type: The type, as ``pack-id:type-id``.
        expected_every_days: The usual expected interval (after any schedule for someone new to
            the role), or ``None`` if the type has no cadence.
        in_role_since: The day the practitioner started, when their schedule by time in role
            was applied.
        expected_minutes: The expected minimum length, or ``None`` if the type states none.
        held: Sessions held.
        cancelled: Sessions cancelled.
        first: The first session held.
        last: The last session held.
        intervals: The days between consecutive held sessions.
        longest_gap_days: The longest of those, or of the days since the last session (given a
            date to judge against), whichever is longer.
        on_time: How many intervals were within the expected interval plus its grace.
        length_recorded: How many held sessions have a length recorded.
        long_enough: How many held sessions lasted at least the expected length.
        days_since_last: Days from the last held session to the date judged against.
        frequency_met: Whether every interval was on time (and the latest session is not
            overdue); ``None`` when the type states no frequency or nothing was held.
        length_met: Whether every held session is recorded as long enough; ``False`` when one
            was shorter, ``None`` when the type states no length or some lengths are missing.
        findings: What falls short, in plain words.
    """

    series: str | None
    session_type: str
    expected_every_days: int | None
    in_role_since: dt.date | None
    expected_minutes: int | None
    held: int
    cancelled: int
    first: dt.date | None
    last: dt.date | None
    intervals: tuple[int, ...]
    longest_gap_days: int | None
    on_time: int
    length_recorded: int
    long_enough: int
    days_since_last: int | None
    frequency_met: bool | None
    length_met: bool | None
    findings: tuple[Finding, ...]

    @property
    def share_on_time(self) -> float | None:
        """The share of intervals on time, or ``None`` with fewer than two sessions held."""
        return self.on_time / len(self.intervals) if self.intervals else None

    @property
    def share_long_enough(self) -> float | None:
        """The share of sessions with a recorded length that were long enough."""
        return self.long_enough / self.length_recorded if self.length_recorded else None


def _finding(severity: Severity, reason: str, session: str | None = None) -> Finding:
    return Finding(rule="supervision", severity=severity, reason=reason, session=session)


def _one_practitioner(sessions: list[Session], session_type: SessionType) -> tuple[str | None, str]:
    """The series and session-type reference the sessions share, refusing a mixture."""
    series = {s.series for s in sessions}
    types = {s.session_type for s in sessions}
    if len(series) > 1:
        names = ", ".join(sorted(str(s) for s in series))
        raise RecordError(
            f"supervision evidence is for one practitioner at a time, and these sessions belong "
            f"to several series ({names}); choose one",
            field="$.series",
        )
    if len(types) > 1:
        raise RecordError(
            f"these sessions are of several session types ({', '.join(sorted(types))}); "
            f"supervision evidence needs them all of one",
            field="$.session_type",
        )
    return (next(iter(series)) if series else None), (
        next(iter(types)) if types else session_type.id
    )


@attrs.frozen(kw_only=True)
class _Frequency:
    """What the frequency check found: intervals on time, whether all were, and why not."""

    on_time: int = 0
    met: bool | None = None
    findings: tuple[Finding, ...] = ()


def _late(gap: int, cadence: Cadence) -> bool:
    days = cadence.days
    return days is not None and gap > days + grace_days(days)


def _frequency(
    held: list[Session],
    session_type: SessionType,
    intervals: tuple[int, ...],
    since: int | None,
    in_role_since: dt.date | None,
) -> _Frequency:
    """Judge the gaps between held sessions (and since the last) against the expected cadence."""
    findings: list[Finding] = []
    if session_type.cadence.days is None and not (
        session_type.schedule and in_role_since is not None
    ):
        findings.append(
            _finding(Severity.INFO, "the session type states no frequency to measure against")
        )
        return _Frequency(findings=tuple(findings))
    if not held:
        return _Frequency()
    if session_type.schedule and in_role_since is None:
        findings.append(
            _finding(
                Severity.INFO,
                f"checked against the usual cadence ({session_type.cadence}); for someone "
                "new to the role, give the day they started, since this session type "
                f"expects {schedule_text(session_type)}",
            )
        )

    def expected(day: dt.date) -> Cadence:
        """The cadence that applies on a day, by the practitioner's weeks in the role."""
        weeks = None if in_role_since is None else (day - in_role_since).days / 7
        return session_type.cadence_at(weeks)

    opened = _gaps_opened(held, in_role_since, findings)
    for start, end, session_id in opened:
        cadence = expected(start)
        gap = (end - start).days
        if _late(gap, cadence):
            what = "the start in role" if start == in_role_since else "supervision"
            findings.append(
                _finding(
                    Severity.WARNING,
                    f"{gap} days between {what} on {start.isoformat()} and supervision on "
                    f"{end.isoformat()}; expected {_every(cadence)}",
                    session_id,
                )
            )
    on_time = sum(
        1
        for (a, _), gap in zip(itertools.pairwise(held), intervals, strict=True)
        if not _late(gap, expected(a.date))
    )
    late_start = len(opened) > len(intervals) and _late(
        (held[0].date - opened[0][0]).days, expected(opened[0][0])
    )
    now = expected(held[-1].date)
    overdue = since is not None and _late(since, now)
    if overdue:
        findings.append(
            _finding(
                Severity.WARNING,
                f"no supervision held in the {since} days since "
                f"{held[-1].date.isoformat()}; expected {_every(now)}",
                held[-1].id,
            )
        )
    met = on_time == len(intervals) and not overdue and not late_start
    return _Frequency(on_time=on_time, met=met, findings=tuple(findings))


def _gaps_opened(
    held: list[Session], in_role_since: dt.date | None, findings: list[Finding]
) -> list[tuple[dt.date, dt.date, str]]:
    """Each gap to judge as (opened, closed, closing session id).

    Each gap is judged by the cadence on the day it opens; someone new to the role is also
    owed a first session within the first interval, so the start in role opens a gap too.
    A first session dated before the start in role is reported instead, as a likely typo.
    """
    opened: list[tuple[dt.date, dt.date, str]] = []
    if in_role_since is not None and in_role_since <= held[0].date:
        opened.append((in_role_since, held[0].date, held[0].id))
    elif in_role_since is not None:
        findings.append(
            _finding(
                Severity.WARNING,
                f"supervision on {held[0].date.isoformat()} is before the start in role "
                f"({in_role_since.isoformat()}): check the date given",
                held[0].id,
            )
        )
    opened.extend((a.date, b.date, b.id) for a, b in itertools.pairwise(held))
    return opened


@attrs.frozen(kw_only=True)
class _Length:
    """What the length check found: sessions long enough, whether all were, and why not."""

    recorded: int = 0
    long_enough: int = 0
    met: bool | None = None
    findings: tuple[Finding, ...] = ()


def _length(held: list[Session], minutes: int | None) -> _Length:
    """Judge each held session's recorded length against the type's minimum."""
    recorded = [s for s in held if s.duration_minutes is not None]
    if minutes is None:
        reason = "the session type states no minimum length to measure against"
        return _Length(recorded=len(recorded), findings=(_finding(Severity.INFO, reason),))
    if not held:
        return _Length()
    short = [s for s in recorded if s.duration_minutes is not None and s.duration_minutes < minutes]
    findings = [
        _finding(
            Severity.WARNING,
            f"supervision on {session.date.isoformat()} lasted "
            f"{session.duration_minutes} minutes; expected at least {minutes}",
            session.id,
        )
        for session in short
    ]
    missing = len(held) - len(recorded)
    if missing:
        findings.append(
            _finding(
                Severity.INFO,
                f"{missing} of {len(held)} sessions held have no length recorded, so whether "
                f"they lasted {minutes} minutes cannot be told",
            )
        )
    return _Length(
        recorded=len(recorded),
        long_enough=len(recorded) - len(short),
        met=False if short else (True if not missing else None),
        findings=tuple(findings),
    )


def supervision_evidence(
    sessions: Iterable[Session],
    session_type: SessionType,
    *,
    today: dt.date | None = None,
    in_role_since: dt.date | None = None,
) -> SupervisionEvidence:
    """Evidence of how often, and for how long, one practitioner's supervision took place.

    Args:
        sessions: The supervision sessions of one practitioner, all of one session type.
        session_type: Their session type, whose ``cadence`` and ``min_duration_minutes`` state
            the expectation.
        today: The date to judge against; with it, a practitioner whose last session is
            overdue is reported too.
        in_role_since: The day a practitioner new to the role started (a newly qualified
            social worker's first day). With it, the type's ``schedule`` by weeks in the role
            applies, and the first session must come within the first interval; without it,
            the type's usual ``cadence`` does.

    Raises:
        RecordError: The sessions belong to more than one series or session type.
    """
    ordered = sorted(sessions, key=lambda s: (s.date, s.start or "", s.id))
    series, type_ref = _one_practitioner(ordered, session_type)
    held = [s for s in ordered if s.status is SessionStatus.HELD]
    cancelled = sum(1 for s in ordered if s.status is SessionStatus.CANCELLED)
    intervals = tuple((b.date - a.date).days for a, b in itertools.pairwise(held))
    since = (today - held[-1].date).days if today is not None and held else None
    gaps = [*intervals, *([since] if since is not None else [])]
    missing = (
        () if held else (_finding(Severity.WARNING, "no supervision session is recorded as held"),)
    )
    frequency = _frequency(held, session_type, intervals, since, in_role_since)
    length = _length(held, session_type.min_duration_minutes)
    return SupervisionEvidence(
        series=series,
        session_type=type_ref,
        expected_every_days=session_type.cadence.days,
        in_role_since=in_role_since if session_type.schedule else None,
        expected_minutes=session_type.min_duration_minutes,
        held=len(held),
        cancelled=cancelled,
        first=held[0].date if held else None,
        last=held[-1].date if held else None,
        intervals=intervals,
        longest_gap_days=max(gaps) if gaps else None,
        on_time=frequency.on_time,
        length_recorded=length.recorded,
        long_enough=length.long_enough,
        days_since_last=since,
        frequency_met=frequency.met,
        length_met=length.met,
        findings=(*missing, *frequency.findings, *length.findings),
    )
