"""A completed checklist: one self-assessment, as a tool produces it and the library accepts it.

Answers refer to item ids, never to wording, so an item may be reworded without breaking the
data. The respondent is an opaque token at most; a comment is kept with the record for the person
who wrote it and is never part of any aggregate.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._validators import (
    NON_BLANK_PATTERN,
    FieldError,
    SchemaRule,
    is_blank,
    not_blank,
    schema_rule,
    valid_id,
    valid_optional_token,
    valid_ref,
)

__all__ = ["Answer", "Assessment"]


@schema_rule(SchemaRule(patterns=(NON_BLANK_PATTERN,)))
def _optional_blankless(
    _: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and is_blank(value):
        raise FieldError(attribute.name, "must not be empty (leave it out instead)")


@attrs.frozen(kw_only=True)
class Answer:
    """One answer: the item's id and the value of the option chosen, or None when left blank."""

    item: str = attrs.field(validator=valid_id)
    value: str | None = attrs.field(default=None, validator=_optional_blankless)


@schema_rule(SchemaRule(patterns=(NON_BLANK_PATTERN,)))
def _group_path(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for part in value:
        if is_blank(part):
            raise FieldError(attribute.name, "a group name must not be empty")


@schema_rule(SchemaRule(beyond="no item is answered twice"))
def _distinct_items(
    _: object, attribute: attrs.Attribute[tuple[Answer, ...]], value: tuple[Answer, ...]
) -> None:
    seen: set[str] = set()
    for answer in value:
        if answer.item in seen:
            raise FieldError(attribute.name, f"item {answer.item!r} is answered twice")
        seen.add(answer.item)


@attrs.frozen(kw_only=True)
class Assessment:
    """One completed checklist.

    Attributes:
        pack: The pack's id.
        pack_version: The version of the pack the checklist was answered in.
        checklist: The checklist's id within the pack.
        respondent: An opaque, pseudonymous token (such as ``r-0413``), or None. A name or an
            email address is refused: a token has a digit, and no space or ``@``.
        group: Where the respondent belongs, top first, such as ``("Trust A", "Crisis team")``.
        wave: The survey round, such as ``"2025-spring"``, if any.
        date: The day the checklist was completed, if known.
        answers: One per item answered or left blank, by item id.
        comment: Free text the person wrote. It stays on this record and is never aggregated.
    """

    pack: str = attrs.field(validator=valid_id)
    pack_version: str = attrs.field(validator=not_blank)
    checklist: str = attrs.field(validator=valid_ref)
    respondent: str | None = attrs.field(default=None, validator=valid_optional_token)
    group: tuple[str, ...] = attrs.field(default=(), validator=_group_path)
    wave: str | None = attrs.field(default=None, validator=_optional_blankless)
    date: dt.date | None = None
    answers: tuple[Answer, ...] = attrs.field(default=(), validator=_distinct_items)
    comment: str | None = None

    def answer(self, item: str) -> str | None:
        """The value given for ``item``, or None when it was blank or not asked."""
        for a in self.answers:
            if a.item == item:
                return a.value
        return None
