"""wellbeing_framework: staff wellbeing and reflective-practice frameworks as structured,
versioned, pluggable content, and the practices around them.

Start with :func:`make_host` to load the installed packs, then look content up in the
:class:`Catalog`::

    >>> from wellbeing_framework import make_host
    >>> catalog = make_host().catalog()          # doctest: +SKIP
    >>> catalog.element("crisis-services:psychological-safety").title   # doctest: +SKIP
    'Psychological safety'

Importing this package loads no pack and imports no numpy, pandas or pyarrow.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    ArgumentError,
    ConversionError,
    DataImportError,
    DuplicatePackError,
    ElementNotFoundError,
    FileError,
    PackFormatError,
    PackLoadError,
    PrivacyError,
    Problem,
    RecordError,
    WellbeingError,
)
from .model.content import (
    AgendaStep,
    Cadence,
    CadenceStep,
    Checklist,
    ChecklistItem,
    Element,
    Facilitation,
    Item,
    Mapping,
    Mode,
    Pack,
    Prompt,
    ReflectiveModel,
    Relation,
    ResponseScale,
    ScaleOption,
    Scope,
    Section,
    SessionType,
    Source,
    Stage,
    Statement,
    Theme,
    Tool,
    ToolUse,
    Trigger,
    Voice,
)
from .model.convert import make_converter, structure, unstructure
from .model.scales import CORE_SCALES
from .model.schema import json_schema
from .packs.catalog import Catalog, Found
from .packs.hookspecs import hookimpl
from .packs.manager import LoadedPack, LoadProblem, LoadReport, PackHost, PackLoadWarning, make_host

__version__ = "0.1.0"

if TYPE_CHECKING:  # the practice layers load on first use: see __getattr__ below
    from .analysis.aggregate import (
        DEFAULT_MIN_GROUP_SIZE,
        aggregate,
    )
    from .analysis.gap import (
        gap,
    )
    from .analysis.importing import (
        import_csv,
        import_frame,
        read_mapping,
    )
    from .analysis.options import (
        ImportOptions,
    )
    from .analysis.priorities import (
        as_action_plan,
        priorities,
    )
    from .analysis.responses import (
        Responses,
    )
    from .analysis.results import (
        DEFAULT_BANDING,
        Band,
        Banding,
        Cell,
        ElementKind,
        GapRow,
        GroupCell,
        ImportResult,
        Priorities,
        Priority,
        Reconciliation,
        Rejection,
        Results,
        SuppressionReason,
        TrendRow,
    )
    from .analysis.trends import (
        trends,
    )
    from .model.assessment import (
        Answer,
        Assessment,
    )
    from .model.session import (
        Action,
        ActionPlan,
        ActionStatus,
        Finding,
        LearningPoint,
        Session,
        SessionStatus,
        Severity,
    )
    from .packs.overlay import apply_overlay
    from .packs.reader import (
        read_pack,
    )
    from .packs.scaffold import new_pack
    from .packs.stamp import stamp_ids
    from .packs.validate import (
        validate_pack,
    )
    from .packs.writer import (
        write_pack,
    )
    from .render.facilitator import (
        SessionFocus,
        facilitator_html,
        facilitator_markdown,
    )
    from .render.handbook import (
        element_to_html,
        element_to_markdown,
        pack_to_html,
        pack_to_markdown,
    )
    from .render.markdown import (
        render_html,
    )
    from .render.report import Report, make_report
    from .render.report_html import report_html
    from .render.report_json import report_json
    from .render.report_markdown import report_markdown
    from .sessions.actions import (
        ActionReport,
        action_report,
    )
    from .sessions.io import (
        Records,
        read_records,
        write_records,
    )
    from .sessions.learning import (
        LearningLog,
        learning_log,
        learning_markdown,
    )
    from .sessions.plan import (
        SessionPlan,
        plan_session,
    )
    from .sessions.rules import (
        SessionRule,
        builtin_rules,
        check_sessions,
    )
    from .sessions.supervision import (
        SupervisionEvidence,
        supervision_evidence,
    )

#: Names that load their module on first use, so `import wellbeing_framework` stays light.
_LAZY: dict[str, str] = {
    **dict.fromkeys(["Report", "make_report"], "render.report"),
    **dict.fromkeys(["report_html"], "render.report_html"),
    **dict.fromkeys(["report_markdown"], "render.report_markdown"),
    **dict.fromkeys(["report_json"], "render.report_json"),
    **dict.fromkeys(["apply_overlay"], "packs.overlay"),
    **dict.fromkeys(["stamp_ids"], "packs.stamp"),
    **dict.fromkeys(["new_pack"], "packs.scaffold"),
    **dict.fromkeys(["Answer", "Assessment"], "model.assessment"),
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
        "model.session",
    ),
    **dict.fromkeys(["SessionRule", "builtin_rules", "check_sessions"], "sessions.rules"),
    **dict.fromkeys(["SessionPlan", "plan_session"], "sessions.plan"),
    **dict.fromkeys(["SupervisionEvidence", "supervision_evidence"], "sessions.supervision"),
    **dict.fromkeys(["LearningLog", "learning_log", "learning_markdown"], "sessions.learning"),
    **dict.fromkeys(["ActionReport", "action_report"], "sessions.actions"),
    **dict.fromkeys(["Records", "read_records", "write_records"], "sessions.io"),
    **dict.fromkeys(["import_csv", "import_frame", "read_mapping"], "analysis.importing"),
    **dict.fromkeys(["ImportOptions"], "analysis.options"),
    **dict.fromkeys(["DEFAULT_MIN_GROUP_SIZE", "aggregate"], "analysis.aggregate"),
    **dict.fromkeys(["gap"], "analysis.gap"),
    **dict.fromkeys(["trends"], "analysis.trends"),
    **dict.fromkeys(["as_action_plan", "priorities"], "analysis.priorities"),
    **dict.fromkeys(["Responses"], "analysis.responses"),
    **dict.fromkeys(
        [
            "DEFAULT_BANDING",
            "Band",
            "Banding",
            "Cell",
            "ElementKind",
            "GapRow",
            "GroupCell",
            "ImportResult",
            "Priorities",
            "Priority",
            "Reconciliation",
            "Rejection",
            "Results",
            "SuppressionReason",
            "TrendRow",
        ],
        "analysis.results",
    ),
    **dict.fromkeys(["read_pack"], "packs.reader"),
    **dict.fromkeys(["write_pack"], "packs.writer"),
    **dict.fromkeys(["validate_pack"], "packs.validate"),
    **dict.fromkeys(["render_html"], "render.markdown"),
    **dict.fromkeys(
        ["element_to_html", "element_to_markdown", "pack_to_html", "pack_to_markdown"],
        "render.handbook",
    ),
    **dict.fromkeys(
        ["SessionFocus", "facilitator_html", "facilitator_markdown"], "render.facilitator"
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CORE_SCALES",
    "DEFAULT_BANDING",
    "DEFAULT_MIN_GROUP_SIZE",
    "Action",
    "ActionPlan",
    "ActionReport",
    "ActionStatus",
    "AgendaStep",
    "Answer",
    "ArgumentError",
    "Assessment",
    "Band",
    "Banding",
    "Cadence",
    "CadenceStep",
    "Catalog",
    "Cell",
    "Checklist",
    "ChecklistItem",
    "ConversionError",
    "DataImportError",
    "DuplicatePackError",
    "Element",
    "ElementKind",
    "ElementNotFoundError",
    "Facilitation",
    "FileError",
    "Finding",
    "Found",
    "GapRow",
    "GroupCell",
    "ImportOptions",
    "ImportResult",
    "Item",
    "LearningLog",
    "LearningPoint",
    "LoadProblem",
    "LoadReport",
    "LoadedPack",
    "Mapping",
    "Mode",
    "Pack",
    "PackFormatError",
    "PackHost",
    "PackLoadError",
    "PackLoadWarning",
    "Priorities",
    "Priority",
    "PrivacyError",
    "Problem",
    "Prompt",
    "Reconciliation",
    "RecordError",
    "Records",
    "ReflectiveModel",
    "Rejection",
    "Relation",
    "Report",
    "ResponseScale",
    "Responses",
    "Results",
    "ScaleOption",
    "Scope",
    "Section",
    "Session",
    "SessionFocus",
    "SessionPlan",
    "SessionRule",
    "SessionStatus",
    "SessionType",
    "Severity",
    "Source",
    "Stage",
    "Statement",
    "SupervisionEvidence",
    "SuppressionReason",
    "Theme",
    "Tool",
    "ToolUse",
    "TrendRow",
    "Trigger",
    "Voice",
    "WellbeingError",
    "__version__",
    "action_report",
    "aggregate",
    "apply_overlay",
    "as_action_plan",
    "builtin_rules",
    "check_sessions",
    "element_to_html",
    "element_to_markdown",
    "facilitator_html",
    "facilitator_markdown",
    "gap",
    "hookimpl",
    "import_csv",
    "import_frame",
    "json_schema",
    "learning_log",
    "learning_markdown",
    "make_converter",
    "make_host",
    "make_report",
    "new_pack",
    "pack_to_html",
    "pack_to_markdown",
    "plan_session",
    "priorities",
    "read_mapping",
    "read_pack",
    "read_records",
    "render_html",
    "report_html",
    "report_json",
    "report_markdown",
    "stamp_ids",
    "structure",
    "supervision_evidence",
    "trends",
    "unstructure",
    "validate_pack",
    "write_pack",
    "write_records",
]
