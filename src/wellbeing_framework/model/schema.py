"""JSON Schema for the models, so tools in other languages can produce data the library accepts.

The schema is derived from the attrs classes themselves, so it cannot drift from the converter:
the same types, the same required fields, no extra keys, and for every validator the pattern,
length, minimum or uniqueness it enforces (its :class:`~.validators.SchemaRule`). A validator
with no rule makes :func:`json_schema` fail rather than print a schema looser than the models.

What JSON Schema cannot say (ids unique among a list's items, dates in order across fields, a
key given twice in the raw text, ids that must exist in a pack) is checked by the library only;
each such rule is named in the description of its field.

Integers follow JSON Schema: ``90`` and ``90.0`` are the same whole number, and the converter
accepts both. Dates are ``YYYY-MM-DD`` only, and the pattern says so without relying on the
``date`` format being asserted (most validators treat formats as annotations).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Iterable, Iterator
from typing import Any, Union, get_args, get_origin

import attrs

from ._hints import field_types
from ._validators import SCHEMA_RULES, TEXT_PATTERN, SchemaRule

__all__ = ["DATE_PATTERN", "json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
#: A calendar date as YYYY-MM-DD, year 0001 to 9999, with the days of each month (29 February
#: in leap years only): exactly the dates the converter accepts.
DATE_PATTERN = f"^(?!0000)(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$(?!\\n)"


def json_schema(
    models: Iterable[type],
    *,
    title: str = "wellbeing_framework records",
    listed: Iterable[type] = (),
) -> dict[str, Any]:
    """A JSON Schema (2020-12) describing ``models``, each under ``$defs`` by class name.

    The top level accepts any one of ``models``, or a list of those of them in ``listed``
    (as a record file holds sessions and action plans: one, or a list).
    """
    defs: dict[str, Any] = {}
    models = list(models)
    roots = [_ref(cls, defs) for cls in models]
    in_lists = [_ref(cls, defs) for cls in listed if cls in models]
    if in_lists:
        roots.append({"type": "array", "items": {"anyOf": in_lists}})
    return {"$schema": SCHEMA_DIALECT, "title": title, "anyOf": roots, "$defs": defs}


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # a placeholder first, so recursive models terminate
        defs[name] = _class_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = field_types(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        rules = list(_rules(cls, field))
        schema = _type_schema(hints[field.name], defs, rules)
        beyond = [r.beyond for r in rules if r.beyond]
        if beyond:
            schema = {
                **schema,
                "description": "Also checked by the library: " + "; ".join(beyond) + ".",
            }
        if field.default is attrs.NOTHING:
            required.append(field.name)
        properties[field.name] = schema
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__doc__:
        out["description"] = cls.__doc__.strip().split("\n\n")[0].replace("\n", " ")
    if required:
        out["required"] = required
    return out


def _rules(cls: type, field: attrs.Attribute[Any]) -> Iterator[SchemaRule]:
    """The schema rule of each validator on ``field`` (attrs joins several with ``and_``)."""
    validator = field.validator
    if validator is None:
        return
    # attrs keeps the validators of one field, given and decorated, in an _AndValidator.
    for single in getattr(validator, "_validators", (validator,)):
        rule = SCHEMA_RULES.get(single)
        if rule is None:
            raise TypeError(
                f"{cls.__name__}.{field.name}: its validator {single!r} has no SchemaRule; "
                "register one with @schema_rule so the JSON Schema says what it checks"
            )
        yield rule


def _type_schema(t: Any, defs: dict[str, Any], rules: list[SchemaRule]) -> dict[str, Any]:
    origin = get_origin(t)
    args = get_args(t)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs, rules) for a in args]}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        array: dict[str, Any] = {"type": "array", "items": _type_schema(args[0], defs, rules)}
        if any(r.unique_items for r in rules):
            array["uniqueItems"] = True
        min_items = max((r.min_items for r in rules if r.min_items is not None), default=None)
        if min_items is not None:
            array["minItems"] = min_items
        return array
    if origin is tuple and args and Ellipsis not in args:
        # A fixed pair, such as (dimension, value): written as a list of that length.
        return {
            "type": "array",
            "prefixItems": [_type_schema(a, defs, rules) for a in args],
            "items": False,
            "minItems": len(args),
        }
    if t is type(None):
        return {"type": "null"}
    if isinstance(t, type):
        if issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if attrs.has(t):
            return _ref(t, defs)
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return _integer_schema(rules)
        if t is float:
            return {"type": "number"}
        if t is str:
            return _string_schema(rules)
        if t is dt.date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    raise TypeError(f"no JSON Schema for type {t!r}")


def _integer_schema(rules: list[SchemaRule]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "integer"}
    minimum = max((r.minimum for r in rules if r.minimum is not None), default=None)
    if minimum is not None:
        out["minimum"] = minimum
    return out


def _string_schema(rules: list[SchemaRule]) -> dict[str, Any]:
    patterns = [p for r in rules for p in r.patterns]
    if all(r.text for r in rules):
        patterns.insert(0, TEXT_PATTERN)
    out: dict[str, Any] = {"type": "string"}
    lengths = [r.max_length for r in rules if r.max_length is not None]
    if lengths:
        out["maxLength"] = min(lengths)
    if patterns:
        out["pattern"] = patterns[0]
    if len(patterns) > 1:
        # One schema holds one pattern; the others join it through allOf.
        out["allOf"] = [{"type": "string", "pattern": p} for p in patterns[1:]]
    return out
