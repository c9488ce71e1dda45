"""JSON Schema for the models, so tools in other languages can produce data the library accepts.

The schema is derived from the attrs classes themselves, so it cannot drift from the converter:
the same types, the same required fields, no extra keys.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Iterable
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from . import validators
from .ids import ID_PATTERN, REF_PATTERN

__all__ = ["json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_ID = f"^{ID_PATTERN}$"
_REF = f"^{REF_PATTERN}$"
#: A field checked by one of these validators carries the matching pattern in the schema.
_PATTERNS: dict[object, str] = {
    validators.valid_id: _ID,
    validators.valid_optional_id: _ID,
    validators.valid_ids: _ID,
    validators.valid_ref: _REF,
    validators.valid_optional_ref: _REF,
    validators.valid_refs: _REF,
}


def json_schema(
    models: Iterable[type], *, title: str = "wellbeing_framework records"
) -> dict[str, Any]:
    """A JSON Schema (2020-12) describing ``models``, each under ``$defs`` by class name.

    The top level accepts any one of ``models``.
    """
    defs: dict[str, Any] = {}
    roots = [_ref(cls, defs) for cls in models]
    return {"$schema": SCHEMA_DIALECT, "title": title, "anyOf": roots, "$defs": defs}


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # a placeholder first, so recursive models terminate
        defs[name] = _class_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], defs)
        pattern = _PATTERNS.get(field.validator)
        if pattern:
            schema = _with_pattern(schema, pattern)
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


def _with_pattern(schema: dict[str, Any], pattern: str) -> dict[str, Any]:
    """Put ``pattern`` on every string inside ``schema`` (the string of an optional, the items)."""
    if schema.get("type") == "string":
        return {**schema, "pattern": pattern}
    if schema.get("type") == "array":
        return {**schema, "items": _with_pattern(schema["items"], pattern)}
    if "anyOf" in schema:
        return {"anyOf": [_with_pattern(s, pattern) for s in schema["anyOf"]]}
    return schema


def _type_schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(t)
    args = get_args(t)
    if origin in (Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args]
        return {"anyOf": options}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
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
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is str:
            return {"type": "string"}
        if t is dt.datetime:
            return {"type": "string", "format": "date-time"}
        if t is dt.date:
            return {"type": "string", "format": "date"}
    raise TypeError(f"no JSON Schema for type {t!r}")
