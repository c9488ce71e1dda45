"""Strategies for session records: sessions, learning points, actions, action plans, findings,
and catalogs that hold session types to check them against."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import reject
from hypothesis import strategies as st

from strategies import content
from wellbeing_framework import ActionPlan, Catalog, Pack, Session, SessionType
from wellbeing_framework.model import (
    Action,
    ActionStatus,
    Finding,
    LearningPoint,
    Mode,
    SessionStatus,
    Severity,
)

#: Opaque tokens for people: letters, a hyphen, digits.
tokens = st.builds(
    lambda prefix, number: f"{prefix}-{number}",
    st.text(string.ascii_lowercase, min_size=1, max_size=3),
    st.integers(0, 99_999),
)

dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))

#: Text for learning points and actions: anything printable, names and all, since the checks
#: must cope with whatever an author types.
texts = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=500
).filter(str.strip)

owner_roles = st.sampled_from(["team manager", "wellbeing lead", "service manager", "HR partner"])


def actions(
    *, after: dt.date, links: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Action]:
    """Actions whose dates fall on or after ``after`` (the session or the plan)."""
    later = st.none() | st.integers(0, 400).map(lambda d: after + dt.timedelta(days=d))
    return st.builds(
        Action,
        id=content.ids,
        text=texts,
        owner_role=owner_roles,
        due=later,
        status=st.sampled_from(ActionStatus),
        links=st.lists(links if links is not None else content.ids, max_size=2).map(tuple),
        updated=later,
    )


def learning_points(
    themes: st.SearchStrategy[str] | None = content.ids,
) -> st.SearchStrategy[LearningPoint]:
    """Learning points whose themes are drawn from ``themes`` (none when it is ``None``)."""
    return st.builds(
        LearningPoint,
        id=content.ids,
        text=texts,
        forum=st.sampled_from(["safeguarding-practice-learning", "team-meeting", "board"]),
        themes=st.lists(themes, max_size=2).map(tuple) if themes is not None else st.just(()),
        reviewed=st.booleans(),
    )


def _unique(strategy: st.SearchStrategy, max_size: int = 3) -> st.SearchStrategy:
    return st.lists(strategy, max_size=max_size, unique_by=lambda x: x.id).map(tuple)


@st.composite
def sessions(
    draw: st.DrawFn,
    *,
    type_ref: str | None = None,
    session_type: SessionType | None = None,
    themes: tuple[str, ...] | None = None,
    models: tuple[str, ...] = (),
    series: st.SearchStrategy[str | None] | None = None,
) -> Session:
    """A valid session record. Given a session type, its references (trigger, agenda steps,
    model) are drawn from what the catalog holds, with some stray agenda steps; given
    ``themes``, learning points use only those (none for an empty tuple), else any ids."""
    day = draw(dates)
    steps = [s.id for s in session_type.agenda] if session_type else []
    triggers = [t.id for t in session_type.triggers] if session_type else []
    agenda = draw(
        st.lists(st.sampled_from(steps) | content.ids if steps else content.ids, max_size=6)
    )
    people = draw(st.lists(tokens, max_size=12, unique=True))
    return Session(
        id=draw(content.ids),
        session_type=type_ref or draw(st.builds(lambda p, t: f"{p}:{t}", content.ids, content.ids)),
        series=draw(
            series if series is not None else st.none() | st.sampled_from(["g-one", "g-two"])
        ),
        status=draw(st.sampled_from(SessionStatus)),
        date=day,
        start=draw(st.none() | st.sampled_from(["09:30", "14:00", "23:59"])),
        duration_minutes=draw(st.none() | st.integers(1, 240)),
        mode=draw(st.none() | st.sampled_from(Mode)),
        facilitator=draw(st.none() | tokens | st.sampled_from(people or ["x-1"])),
        facilitator_involved=draw(st.none() | st.booleans()),
        participants=tuple(people),
        trigger=draw(st.none() | st.sampled_from(triggers)) if triggers else None,
        incident_date=draw(
            st.none() | st.integers(0, 90).map(lambda d: day - dt.timedelta(days=d))
        ),
        model=draw(st.none() | st.sampled_from(models)) if models else None,
        agenda=tuple(agenda),
        learning=draw(_unique(learning_points(_theme_refs(themes)))),
        actions=draw(
            _unique(actions(after=day, links=st.sampled_from(themes) if themes else None))
        ),
    )


def _theme_refs(themes: tuple[str, ...] | None) -> st.SearchStrategy[str] | None:
    if themes is None:
        return content.ids
    return st.sampled_from(themes) if themes else None


@st.composite
def action_plans(draw: st.DrawFn) -> ActionPlan:
    created = draw(dates)
    return ActionPlan(
        id=draw(content.ids),
        title=draw(content.line_text),
        created=created,
        co_created_by=draw(st.none() | st.integers(1, 40)),
        actions=draw(_unique(actions(after=created), max_size=4)),
    )


findings = st.builds(
    Finding,
    rule=content.ids,
    severity=st.sampled_from(Severity),
    reason=content.line_text,
    session=st.none() | content.ids,
    field=st.none() | st.sampled_from(["$.agenda", "$.participants", "$.learning[0].text"]),
)


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[Catalog, Pack]:
    """A catalog of one generated pack: one to three generated session types, and a few themes
    and reflective models for sessions to refer to. Ids are unique across the pack."""
    pack = Pack(
        id=draw(content.ids),
        title="Generated",
        version="1.0.0",
        summary="A generated pack.",
        session_types=draw(_unique(content.session_types(), max_size=3).filter(bool)),
        themes=draw(_unique(content.themes, max_size=2)),
        reflective_models=draw(_unique(content.reflective_models, max_size=1)),
    )
    seen: set[str] = set()
    for found, _ in pack.iter_ids():
        if found in seen:
            reject()
        seen.add(found)
    return Catalog([pack]), pack
