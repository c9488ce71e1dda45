"""attrs validators shared by the models, each with what it demands in JSON Schema terms.

Each raises :class:`FieldError`, a ``ValueError`` that names its field, so the converter can put
the exact path of a fault in its message (``$.statements[2].id: ...``).

Every validator a model uses is registered with a :class:`SchemaRule` (:func:`schema_rule`), and
the schema is built from those rules: a validator without one makes ``json_schema`` fail, so the
schema cannot quietly fall behind the models. The patterns are written to mean the same in
Python's ``re`` and in ECMAScript with the ``u`` flag (ajv): no ``\\d``, ``\\s`` or ``\\w``
(Python's match non-ASCII digits and spaces), and ``$(?!\\n)`` where a value may not end in a
newline (Python's ``$`` also matches before a final one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from ..errors import WellbeingError
from ._ids import ID_PATTERN, ID_RULE, REF_PATTERN, compiled, is_id, is_ref

__all__ = [
    "ID_SCHEMA_PATTERN",
    "NON_BLANK_PATTERN",
    "REF_SCHEMA_PATTERN",
    "SCHEMA_RULES",
    "TEXT_PATTERN",
    "TOKEN_RULE",
    "TOKEN_SCHEMA_PATTERN",
    "WHITESPACE",
    "FieldError",
    "SchemaRule",
    "is_blank",
    "is_token",
    "not_blank",
    "positive",
    "schema_rule",
    "unique_ids",
    "valid_id",
    "valid_ids",
    "valid_optional_id",
    "valid_optional_ref",
    "valid_optional_token",
    "valid_ref",
    "valid_refs",
    "valid_tokens",
]

Validator = Callable[[Any, Any, Any], None]
V = TypeVar("V", bound=Callable[..., None])

#: The characters Python's ``str.strip()`` removes (those ``str.isspace()`` calls space), as
#: the inside of a regex character class. A text made only of these is blank.
WHITESPACE = (
    r"\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Any text: no lone surrogate (half of a character cut in two), which cannot be written out.
TEXT_PATTERN = r"^[^\ud800-\udfff]*$"
#: Text with at least one character that is not a space (searched, not anchored).
NON_BLANK_PATTERN = f"[^{WHITESPACE}]"
ID_SCHEMA_PATTERN = f"^{ID_PATTERN}$(?!\\n)"
REF_SCHEMA_PATTERN = f"^{REF_PATTERN}$(?!\\n)"


@attrs.frozen(kw_only=True)
class SchemaRule:
    """What a validator demands, in the terms of JSON Schema, for ``json_schema``.

    Attributes:
        patterns: Patterns every string inside the field must match (the string itself, the
            string of an optional, the items of a list).
        text: The strings are free text: they also carry :data:`TEXT_PATTERN`. False where the
            patterns allow only ASCII anyway.
        minimum: The least whole number allowed.
        max_length: The most characters allowed.
        min_items: The fewest items a list may have.
        unique_items: No two items of the list may be equal.
        beyond: What the validator checks that JSON Schema cannot say (ids unique among the
            items, dates in order across fields), in words, for the field's description.
    """

    patterns: tuple[str, ...] = ()
    text: bool = True
    minimum: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    unique_items: bool = False
    beyond: str = ""


#: Every validator the models use, and what it means in JSON Schema.
SCHEMA_RULES: dict[object, SchemaRule] = {}


def schema_rule(rule: SchemaRule) -> Callable[[V], V]:
    """Register what a validator demands, for the JSON Schema; returns it unchanged."""

    def register(validator: V) -> V:
        SCHEMA_RULES[validator] = rule
        return validator

    return register


def is_blank(value: str) -> bool:
    """True when ``value`` has nothing but spaces (what ``str.strip()`` would remove)."""
    return compiled(NON_BLANK_PATTERN).search(value) is None


class FieldError(WellbeingError, ValueError):
    """A value broke a model's rule. ``field`` is the attribute's name."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}")


@schema_rule(SchemaRule(patterns=(NON_BLANK_PATTERN,)))
def not_blank(_: Any, attribute: Any, value: str) -> None:
    if is_blank(value):
        raise FieldError(attribute.name, "must not be empty")


@schema_rule(SchemaRule(minimum=1))
def positive(_: Any, attribute: Any, value: int | None) -> None:
    if value is not None and value < 1:
        raise FieldError(attribute.name, f"must be at least 1, got {value}")


@schema_rule(SchemaRule(patterns=(ID_SCHEMA_PATTERN,), text=False))
def valid_id(_: Any, attribute: Any, value: str) -> None:
    if not is_id(value):
        raise FieldError(attribute.name, f"{value!r} is not a valid id: {ID_RULE}")


@schema_rule(SchemaRule(patterns=(ID_SCHEMA_PATTERN,), text=False))
def valid_optional_id(instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None:
        valid_id(instance, attribute, value)


@schema_rule(SchemaRule(patterns=(ID_SCHEMA_PATTERN,), text=False))
def valid_ids(instance: Any, attribute: Any, value: Iterable[str]) -> None:
    for item in value:
        valid_id(instance, attribute, item)


@schema_rule(SchemaRule(patterns=(REF_SCHEMA_PATTERN,), text=False))
def valid_ref(_: Any, attribute: Any, value: str) -> None:
    if not is_ref(value):
        raise FieldError(
            attribute.name,
            f"{value!r} is not a valid reference: expected an id or pack-id:element-id ({ID_RULE})",
        )


@schema_rule(SchemaRule(patterns=(REF_SCHEMA_PATTERN,), text=False))
def valid_optional_ref(instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None:
        valid_ref(instance, attribute, value)


@schema_rule(SchemaRule(patterns=(REF_SCHEMA_PATTERN,), text=False))
def valid_refs(instance: Any, attribute: Any, value: Iterable[str]) -> None:
    for item in value:
        valid_ref(instance, attribute, item)


def unique_ids(kind: str) -> Validator:
    """A validator: the items of a tuple have distinct ``id``s."""

    def check(_: Any, attribute: Any, value: Iterable[Any]) -> None:
        seen: set[str] = set()
        for item in value:
            if item.id in seen:
                raise FieldError(attribute.name, f"{kind} id {item.id!r} appears twice")
            seen.add(item.id)

    SCHEMA_RULES[check] = SchemaRule(beyond=f"no two {kind}s have the same id")
    return check


#: What a participant, facilitator or respondent token looks like, in words, for messages.
TOKEN_RULE = (
    "an opaque token such as 'p-0413': 2 to 64 letters, digits, '-', '_' or '.', with at least "
    "one digit; never a name or an email address"
)
TOKEN_SCHEMA_PATTERN = "^(?=[^0-9]*[0-9])[A-Za-z0-9][A-Za-z0-9._-]{1,63}$(?!\\n)"


def is_token(value: object) -> bool:
    """True when ``value`` looks like an opaque token for a person, not a name or an email."""
    return isinstance(value, str) and compiled(TOKEN_SCHEMA_PATTERN).search(value) is not None


def _why_not_token(value: str) -> str:
    # Say what is wrong without repeating the value: it may be a person's name.
    if "@" in value:
        reason = "it looks like an email address"
    elif any(c.isspace() for c in value):
        reason = "it contains a space, so it looks like a name"
    elif not any("0" <= c <= "9" for c in value):
        reason = "it has no digit, so it may be a name"
    else:
        reason = "it has characters a token does not use, or is too long or too short"
    return f"is not {TOKEN_RULE} ({reason})"


@schema_rule(SchemaRule(patterns=(TOKEN_SCHEMA_PATTERN,), text=False))
def valid_optional_token(_: Any, attribute: Any, value: str | None) -> None:
    """A token for a person, or None: never a name or an email address."""
    if value is not None and not is_token(value):
        raise FieldError(attribute.name, _why_not_token(value))


@schema_rule(SchemaRule(patterns=(TOKEN_SCHEMA_PATTERN,), text=False, unique_items=True))
def valid_tokens(_: Any, attribute: Any, value: Iterable[str]) -> None:
    """Tokens for people, each once."""
    seen: set[str] = set()
    for index, token in enumerate(value):
        if not is_token(token):
            raise FieldError(f"{attribute.name}[{index}]", _why_not_token(token))
        if token in seen:
            raise FieldError(f"{attribute.name}[{index}]", "the same token appears twice")
        seen.add(token)
