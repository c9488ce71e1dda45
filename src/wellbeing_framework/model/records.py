"""The record models: what a tool produces and the library accepts as JSON.

``wellbeing schema`` prints a JSON Schema of these (and of :class:`Pack`), so tools in other
languages can write data the converter reads.
"""

from __future__ import annotations

from .assessment import Assessment
from .content import Pack
from .session import ActionPlan, Session

__all__ = ["RECORD_MODELS"]

#: Every model that is read from or written to a JSON file, by the name used on the command line.
RECORD_MODELS: dict[str, type] = {
    "pack": Pack,
    "session": Session,
    "action-plan": ActionPlan,
    "assessment": Assessment,
}
