"""Sessions: planning reflective sessions, checking them against their type's rules, the
learning kept without minutes, action plans, and supervision evidence.

Records are read and written with :func:`read_records` and :func:`write_records`; the record
types themselves are models (:class:`~wellbeing_framework.Session`,
:class:`~wellbeing_framework.ActionPlan`), re-exported here with their parts.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from ..model.rules import SessionRule as SessionRule
    from ..model.session import (
        Action as Action,
    )
    from ..model.session import (
        ActionPlan as ActionPlan,
    )
    from ..model.session import (
        ActionStatus as ActionStatus,
    )
    from ..model.session import (
        Finding as Finding,
    )
    from ..model.session import (
        LearningPoint as LearningPoint,
    )
    from ..model.session import (
        Session as Session,
    )
    from ..model.session import (
        SessionStatus as SessionStatus,
    )
    from ..model.session import (
        Severity as Severity,
    )
    from ._resolve import resolve_session as resolve_session
    from .actions import ActionReport as ActionReport
    from .actions import action_report as action_report
    from .builtins import builtin_rules as builtin_rules
    from .io import (
        Origin as Origin,
    )
    from .io import (
        Records as Records,
    )
    from .io import (
        read_records as read_records,
    )
    from .io import (
        write_records as write_records,
    )
    from .learning import (
        LearningLog as LearningLog,
    )
    from .learning import (
        learning_log as learning_log,
    )
    from .learning import (
        learning_markdown as learning_markdown,
    )
    from .plan import (
        SessionPlan as SessionPlan,
    )
    from .plan import (
        plan_session as plan_session,
    )
    from .plan import (
        rules_summary as rules_summary,
    )
    from .rules import check_sessions as check_sessions
    from .supervision import (
        SupervisionEvidence as SupervisionEvidence,
    )
    from .supervision import (
        supervision_evidence as supervision_evidence,
    )
    from .wording import long_date as long_date
    from .wording import session_rules as session_rules

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
    "builtin_rules": "builtins",
    **dict.fromkeys(["Origin", "Records", "read_records", "write_records"], "io"),
    **dict.fromkeys(["LearningLog", "learning_log", "learning_markdown"], "learning"),
    **dict.fromkeys(["SessionPlan", "plan_session", "rules_summary"], "plan"),
    "check_sessions": "rules",
    **dict.fromkeys(["SupervisionEvidence", "supervision_evidence"], "supervision"),
    **dict.fromkeys(["long_date", "session_rules"], "wording"),
}

__getattr__, __dir__, __all__ = attach(__name__, _PUBLIC)
