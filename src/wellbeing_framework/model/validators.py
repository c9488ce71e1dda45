"""attrs validators shared by the models.

Each raises :class:`FieldError`, a ``ValueError`` that names its field, so the converter can put
the exact path of a fault in its message (``$.statements[2].id: ...``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .ids import ID_RULE, is_id, is_ref

__all__ = [
    "FieldError",
    "not_blank",
    "positive",
    "unique_ids",
    "valid_id",
    "valid_ids",
    "valid_optional_id",
    "valid_optional_ref",
    "valid_ref",
    "valid_refs",
]

Validator = Callable[[Any, Any, Any], None]


class FieldError(ValueError):
    """A value broke a model's rule. ``field`` is the attribute's name."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}")


def not_blank(_: Any, attribute: Any, value: str) -> None:
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")


def positive(_: Any, attribute: Any, value: int | None) -> None:
    if value is not None and value < 1:
        raise FieldError(attribute.name, f"must be at least 1, got {value}")


def valid_id(_: Any, attribute: Any, value: str) -> None:
    if not is_id(value):
        raise FieldError(attribute.name, f"{value!r} is not a valid id: {ID_RULE}")


def valid_optional_id(instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None:
        valid_id(instance, attribute, value)


def valid_ids(instance: Any, attribute: Any, value: Iterable[str]) -> None:
    for item in value:
        valid_id(instance, attribute, item)


def valid_ref(_: Any, attribute: Any, value: str) -> None:
    if not is_ref(value):
        raise FieldError(
            attribute.name,
            f"{value!r} is not a valid reference: expected an id or pack-id:element-id ({ID_RULE})",
        )


def valid_optional_ref(instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None:
        valid_ref(instance, attribute, value)


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

    return check
