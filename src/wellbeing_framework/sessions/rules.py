"""Checking sessions against the rules of their session type.

A rule is a :class:`SessionRule`: an id, a plain description, and a check that is given the
sessions of one series (in date order) with their :class:`~wellbeing_framework.SessionType` and
yields :class:`~wellbeing_framework.Finding` objects. :func:`check_sessions` groups records into
series, resolves every reference against the catalog, and runs the built-in rules plus any a pack
contributes through the ``wellbeing_session_rules`` hook.

The built-in rules themselves, and what each checks, are in :mod:`.builtins`; their names are
importable from here too, as they always were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..errors import ArgumentError, RecordError
from ..model.content import SessionType
from ..model.rules import Check, SessionRule
from ..model.session import Finding, Session, Severity
from ..packs.catalog import Catalog
from ._resolve import resolve_session
from .builtins import (
    DEFAULT_CHURN_SHARE,
    DEFAULT_GAP_FACTOR,
    actions_rule,
    builtin_rules,
    cadence_rule,
    dates_rule,
    members,
    membership_rule,
)
from .io import Origin

__all__ = [
    "DEFAULT_CHURN_SHARE",
    "DEFAULT_GAP_FACTOR",
    "Check",
    "SessionRule",
    "actions_rule",
    "builtin_rules",
    "cadence_rule",
    "check_sessions",
    "dates_rule",
    "members",
    "membership_rule",
    "worst",
]


def check_sessions(
    catalog: Catalog,
    sessions: Iterable[Session],
    *,
    extra_rules: Iterable[SessionRule] = (),
    today: dt.date | None = None,
    locate: Callable[[Session], Origin | None] | None = None,
    rules: Sequence[SessionRule] | None = None,
) -> tuple[Finding, ...]:
    """Check sessions against their types' rules and return every finding.

    Sessions that share a ``series`` are checked together, in date order (cadence, membership);
    a session with no series is checked on its own.

    Args:
        catalog: The loaded packs, which hold the session types.
        sessions: The records to check.
        extra_rules: More rules, such as those packs contribute (``PackHost.session_rules()``).
        today: The date to judge overdue actions and dates against; without it, those checks
            are skipped.
        locate: Where a session came from (``Records.origin``), for messages.
        rules: The built-in rules to use instead of :func:`builtin_rules`.

    Raises:
        RecordError: A session names a session type, trigger, model or theme that is not loaded,
            or two sessions share an id; the message names the file and field.
        ArgumentError: ``extra_rules`` holds something that is not a :class:`SessionRule`.
        ArgumentError: Two rules share an id.
    """
    sessions = tuple(sessions)
    where = locate or (lambda _: None)
    seen: dict[str, Session] = {}
    for session in sessions:
        if session.id in seen:
            origin = where(session)
            raise RecordError(
                f"the session id {session.id!r} is used twice; each session needs an id of its own",
                field=origin.field(".id") if origin else "$.id",
                source=origin.file if origin else None,
            )
        seen[session.id] = session
    types = {s.id: resolve_session(catalog, s, origin=where(s)) for s in sessions}
    all_rules = _rule_list(rules if rules is not None else builtin_rules(today=today), extra_rules)

    findings: list[Finding] = list(_mixed_series(sessions))
    for group in _series(sessions):
        session_type = types[group[0].id]
        found = [f for rule in all_rules for f in _run(rule, group, session_type)]
        # Read a series in date order: each session's findings together, in the rules' order.
        position = {s.id: i for i, s in enumerate(group)}
        findings.extend(sorted(found, key=lambda f: position.get(f.session or "", len(group))))
    return tuple(findings)


# -- grouping and running ------------------------------------------------------------------------


def _order(session: Session) -> tuple[dt.date, str, str]:
    return (session.date, session.start or "", session.id)


def _series(sessions: Sequence[Session]) -> list[tuple[Session, ...]]:
    groups: dict[tuple[str, str], list[Session]] = {}
    for session in sessions:
        key = (session.series or f"#{session.id}", session.session_type)
        groups.setdefault(key, []).append(session)
    ordered = [tuple(sorted(g, key=_order)) for g in groups.values()]
    return sorted(ordered, key=lambda g: (_order(g[0]), g[0].session_type))


def _mixed_series(sessions: Sequence[Session]) -> Iterator[Finding]:
    types: dict[str, list[str]] = {}
    for session in sessions:
        if session.series is not None:
            known = types.setdefault(session.series, [])
            if session.session_type not in known:
                known.append(session.session_type)
    for series, refs in types.items():
        if len(refs) > 1:
            yield Finding(
                rule="series",
                severity=Severity.ERROR,
                reason=f"the series {series!r} mixes session types ({', '.join(refs)}); a series "
                "is the sessions of one group or one supervisee, all of one type, so each type "
                "is checked as a series of its own",
                field="$.series",
            )


def _rule_list(
    builtin: Sequence[SessionRule], extra: Iterable[SessionRule]
) -> tuple[SessionRule, ...]:
    out: list[SessionRule] = list(builtin)
    ids = {r.id for r in out}
    for rule in extra:
        if not isinstance(rule, SessionRule):
            raise ArgumentError(
                f"check_sessions: extra_rules: expected SessionRule objects, got a "
                f"{type(rule).__name__}"
            )
        if rule.id in ids:
            raise ArgumentError(f"two session rules share the id {rule.id!r}; rename one")
        ids.add(rule.id)
        out.append(rule)
    return tuple(out)


def _run(rule: SessionRule, group: tuple[Session, ...], session_type: SessionType) -> list[Finding]:
    try:
        results = list(rule.check(group, session_type) or ())
    # A contributed rule is a pack's code: one that breaks must not hide the other findings.
    except Exception as exc:
        return [
            Finding(
                rule=rule.id,
                severity=Severity.ERROR,
                reason=f"the rule could not run: {type(exc).__name__}: {exc}",
            )
        ]
    bad = [r for r in results if not isinstance(r, Finding)]
    if bad:
        return [
            Finding(
                rule=rule.id,
                severity=Severity.ERROR,
                reason=f"the rule returned a {type(bad[0]).__name__} where a Finding was expected",
            )
        ]
    return results


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The most serious severity among ``findings``, or ``None`` if there are none."""
    ranked = [f.severity for f in findings]
    return max(ranked, key=lambda s: s.rank) if ranked else None
