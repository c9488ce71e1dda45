"""The models: content (packs and their elements), records, scales and the converter.

This is where every model lives and is public: the content a pack author writes in Python
(:class:`Pack`, its five kinds of element and their parts), the records an application keeps
(assessments, sessions, action plans), the core response scales, the strict converter
(:func:`structure`, :func:`unstructure`) and the JSON Schema of each record. The names most
people need are also at the top, :mod:`wellbeing_framework`.

This layer imports nothing else of the project.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from .assessment import Answer as Answer
    from .assessment import Assessment as Assessment
    from .content import AgendaStep as AgendaStep
    from .content import Cadence as Cadence
    from .content import CadenceStep as CadenceStep
    from .content import Checklist as Checklist
    from .content import ChecklistItem as ChecklistItem
    from .content import Element as Element
    from .content import Facilitation as Facilitation
    from .content import Item as Item
    from .content import Mapping as Mapping
    from .content import Mode as Mode
    from .content import Pack as Pack
    from .content import Prompt as Prompt
    from .content import ReflectiveModel as ReflectiveModel
    from .content import Relation as Relation
    from .content import ResponseScale as ResponseScale
    from .content import ScaleOption as ScaleOption
    from .content import Scope as Scope
    from .content import Section as Section
    from .content import SessionType as SessionType
    from .content import Source as Source
    from .content import Stage as Stage
    from .content import Statement as Statement
    from .content import Theme as Theme
    from .content import Tool as Tool
    from .content import ToolUse as ToolUse
    from .content import Trigger as Trigger
    from .content import Voice as Voice
    from .convert import structure as structure
    from .convert import unstructure as unstructure
    from .rules import SessionRule as SessionRule
    from .scales import CORE_SCALES as CORE_SCALES
    from .schema import json_schema as json_schema
    from .session import Action as Action
    from .session import ActionPlan as ActionPlan
    from .session import ActionStatus as ActionStatus
    from .session import Finding as Finding
    from .session import LearningPoint as LearningPoint
    from .session import Session as Session
    from .session import SessionStatus as SessionStatus
    from .session import Severity as Severity

#: Each public name and the module that holds it: the one list of this face.
_PUBLIC: dict[str, str] = {
    **dict.fromkeys(
        [
            "AgendaStep",
            "Cadence",
            "CadenceStep",
            "Checklist",
            "ChecklistItem",
            "Element",
            "Facilitation",
            "Item",
            "Mapping",
            "Mode",
            "Pack",
            "Prompt",
            "ReflectiveModel",
            "Relation",
            "ResponseScale",
            "ScaleOption",
            "Scope",
            "Section",
            "SessionType",
            "Source",
            "Stage",
            "Statement",
            "Theme",
            "Tool",
            "ToolUse",
            "Trigger",
            "Voice",
        ],
        "content",
    ),
    **dict.fromkeys(["Answer", "Assessment"], "assessment"),
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
        "session",
    ),
    "SessionRule": "rules",
    "CORE_SCALES": "scales",
    **dict.fromkeys(["structure", "unstructure"], "convert"),
    "json_schema": "schema",
}

__getattr__, __dir__, __all__ = attach(__name__, _PUBLIC)
