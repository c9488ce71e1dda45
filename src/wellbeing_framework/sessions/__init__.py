"""Sessions: planning reflective sessions, checking them against their type's rules, the
learning kept without minutes, action plans, and supervision evidence.

Records are read and written with :func:`read_records` and :func:`write_records`; the record
types themselves are models (:class:`~wellbeing_framework.Session`,
:class:`~wellbeing_framework.ActionPlan`), re-exported here with their parts.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from ..model.rules import SessionRule
    from ..model.session import (
        Action,
        ActionPlan,
        ActionStatus,
        Finding,
        LearningPoint,
        Session,
        SessionStatus,
        Severity,
    )
    from ._resolve import resolve_session
    from .actions import ActionReport, action_report
    from .io import Origin, Records, read_records, write_records
    from .learning import LearningLog, learning_log, learning_markdown
    from .plan import SessionPlan, plan_session, rules_summary
    from .rules import builtin_rules, check_sessions
    from .supervision import SupervisionEvidence, supervision_evidence
    from .wording import long_date, session_rules

#: Each public name and the module that holds it: the one list of this package's face.
_PUBLIC: dict[str, str] = {
    "SessionRule": "..model.rules",
    **dict.fromkeys(
        [
            "Action",
            "ActionPlan",
            "ActionStatus",
            "Finding",
            "LearningPoint",
            "Session",
            "SessionStatus",
            "Severity",
        ],
        "..model.session",
    ),
    "resolve_session": "_resolve",
    **dict.fromkeys(["ActionReport", "action_report"], "actions"),
    **dict.fromkeys(["Origin", "Records", "read_records", "write_records"], "io"),
    **dict.fromkeys(["LearningLog", "learning_log", "learning_markdown"], "learning"),
    **dict.fromkeys(["SessionPlan", "plan_session", "rules_summary"], "plan"),
    **dict.fromkeys(["builtin_rules", "check_sessions"], "rules"),
    **dict.fromkeys(["SupervisionEvidence", "supervision_evidence"], "supervision"),
    **dict.fromkeys(["long_date", "session_rules"], "wording"),
}

__getattr__, __dir__, __all__ = attach(__name__, _PUBLIC)
