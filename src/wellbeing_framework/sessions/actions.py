"""Action plans: where each action has got to, which are overdue, which have gone quiet.

Actions live in action plans (co-created by a team, from its self-assessment results, say) and in
session records (agreed at a reflective session). :func:`action_report` puts them side by side,
resolves each action's links (themes, checklist items, learning points) against the catalog, and
reports actions past their due date and actions not updated for a while: an action nobody has
looked at for two months has usually stalled.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable

import attrs

from ..model.session import Action, ActionPlan, ActionStatus, Session
from ..packs.catalog import Catalog
from ._resolve import Link, resolve_link
from .io import Origin, Record

__all__ = ["DEFAULT_STALE_DAYS", "ActionLine", "ActionReport", "action_report"]

#: An open action not updated for this many days is reported as stale.
DEFAULT_STALE_DAYS = 60


@attrs.frozen(kw_only=True)
class ActionLine:
    """One action, where it came from, and how it stands on the day of the report.

    Attributes:
        action: The action.
        source: The id of the plan or session that holds it.
        source_kind: ``action plan`` or ``session``.
        source_title: The plan's title, or the session's type and date.
        links: What its links name.
        days_overdue: Days past its due date, for a live action that is overdue.
        days_since_update: Days since it was last updated (or since it was agreed).
        stale: True when a live action has not been updated for longer than the report allows.
    """

    action: Action
    source: str
    source_kind: str
    source_title: str
    links: tuple[Link, ...] = ()
    days_overdue: int | None = None
    days_since_update: int
    stale: bool = False

    @property
    def overdue(self) -> bool:
        return self.days_overdue is not None


@attrs.frozen(kw_only=True)
class ActionReport:
    """Every action, with the overdue and stale ones picked out.

    Attributes:
        today: The day the report judges against.
        stale_after_days: How many days without an update make a live action stale.
        lines: Every action, plans first, then sessions, in the order given.
    """

    today: dt.date
    stale_after_days: int
    lines: tuple[ActionLine, ...]

    @property
    def overdue(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.lines if line.overdue)

    @property
    def stale(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.lines if line.stale)

    @property
    def by_status(self) -> dict[ActionStatus, int]:
        """How many actions are in each status (every status, zero or not)."""
        counts = Counter(line.action.status for line in self.lines)
        return {status: counts.get(status, 0) for status in ActionStatus}


def action_report(
    catalog: Catalog,
    plans: Iterable[ActionPlan] = (),
    sessions: Iterable[Session] = (),
    *,
    today: dt.date,
    stale_after_days: int = DEFAULT_STALE_DAYS,
    locate: Callable[[Record], Origin | None] | None = None,
) -> ActionReport:
    """Report on the actions of action plans and sessions.

    Args:
        catalog: The loaded packs, to resolve links to themes and checklist items.
        plans: Action plans.
        sessions: Sessions, whose agreed actions are included and whose learning points actions
            may link to by id.
        today: The day to judge due dates and updates against.
        stale_after_days: Days without an update after which a live action is stale.
        locate: Where a record came from (``Records.origin``), for messages.

    Raises:
        RecordError: A link names nothing loaded, with the file and field.
        ValueError: ``stale_after_days`` is less than 1.
    """
    if stale_after_days < 1:
        raise ValueError(f"stale_after_days must be at least 1, got {stale_after_days}")
    where = locate or (lambda _: None)
    plans, sessions = tuple(plans), tuple(sessions)
    learning = {p.id: p.text for s in sessions for p in s.learning}
    lines: list[ActionLine] = []
    sources: list[tuple[Record, str, str, dt.date]] = [
        (plan, "action plan", plan.title, plan.created) for plan in plans
    ]
    for session in sessions:
        sources.append(
            (session, "session", f"{session.session_type}, {session.date}", session.date)
        )
    for record, kind, title, agreed in sources:
        origin = where(record)
        for i, action in enumerate(record.actions):
            links = tuple(
                resolve_link(
                    catalog, ref, learning=learning, origin=origin, path=f".actions[{i}].links[{j}]"
                )
                for j, ref in enumerate(action.links)
            )
            lines.append(
                _line(action, record.id, kind, title, agreed, links, today, stale_after_days)
            )
    return ActionReport(today=today, stale_after_days=stale_after_days, lines=tuple(lines))


def _line(
    action: Action,
    source: str,
    kind: str,
    title: str,
    agreed: dt.date,
    links: tuple[Link, ...],
    today: dt.date,
    stale_after: int,
) -> ActionLine:
    live = action.status.is_live
    overdue = (
        (today - action.due).days
        if live and action.due is not None and action.due < today
        else None
    )
    since = max(0, (today - (action.updated or agreed)).days)
    return ActionLine(
        action=action,
        source=source,
        source_kind=kind,
        source_title=title,
        links=links,
        days_overdue=overdue,
        days_since_update=since,
        stale=live and since > stale_after,
    )
