"""The record models: what a tool produces and the library accepts as JSON.

``wellbeing schema`` prints a JSON Schema of these (and of :class:`Pack`), so tools in other
languages can write data the converter reads.
"""

from __future__ import annotations

from .assessment import Assessment
from .content import Pack
from .session import ActionPlan, Session

__all__ = ["LISTED_MODELS", "RECORD_MODELS"]

#: Every model that is read from or written to a JSON file, by the name used on the command line.
RECORD_MODELS: dict[str, type] = {
    "pack": Pack,
    "session": Session,
    "action-plan": ActionPlan,
    "assessment": Assessment,
}

#: The models a record file may also hold as a list (``read_records`` reads sessions and action
#: plans from one file, one record or a list of them).
LISTED_MODELS: tuple[type, ...] = (Session, ActionPlan)
