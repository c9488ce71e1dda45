"""The shape of a session rule, which packs contribute and the session checks run.

It lives with the models, below both the plugin host and the session checks, so the host can
hand back typed rules without importing the checks (the layers point downwards only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from ._validators import valid_id
from .content import SessionType
from .session import Finding, Session

__all__ = ["Check", "SessionRule"]

#: The signature of a rule's check: the sessions of one series, in date order, and their type.
Check = Callable[[tuple[Session, ...], SessionType], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class SessionRule:
    """A rule that sessions are checked against.

    Attributes:
        id: The rule's id, shown with every finding it makes.
        check: Called with the sessions of one series (in date order) and their session type;
            returns or yields findings.
        description: What the rule checks, in a sentence.
    """

    id: str = attrs.field(validator=valid_id)
    check: Check
    description: str = ""
