"""The JSON Schema describes exactly what the converter accepts."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given
from strategies import content

from wellbeing_framework import Pack, json_schema, unstructure


def conforms(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    """A small validator for the subset of JSON Schema the library emits."""
    if "$ref" in schema:
        return conforms(value, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root)
    if "anyOf" in schema:
        return any(conforms(value, s, root) for s in schema["anyOf"])
    if "enum" in schema:
        return value in schema["enum"]
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            return False
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False and set(value) - set(props):
            return False
        if set(schema.get("required", ())) - set(value):
            return False
        return all(conforms(v, props[k], root) for k, v in value.items() if k in props)
    if kind == "array":
        return isinstance(value, list) and all(conforms(v, schema["items"], root) for v in value)
    if kind == "string":
        if not isinstance(value, str):
            return False
        return "pattern" not in schema or re.search(schema["pattern"], value) is not None
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    raise AssertionError(f"schema keyword not understood: {schema}")


SCHEMA = json_schema([Pack])


@given(content.packs())
def test_every_valid_pack_conforms_to_the_schema(pack: Pack) -> None:
    assert conforms(json.loads(json.dumps(unstructure(pack))), SCHEMA, SCHEMA)


def test_the_schema_refuses_what_the_converter_refuses() -> None:
    good = unstructure(Pack(id="pk", title="P", version="1.0.0", summary="S"))
    assert conforms(good, SCHEMA, SCHEMA)
    assert not conforms({**good, "colour": "red"}, SCHEMA, SCHEMA)
    assert not conforms({**good, "id": "Not An Id"}, SCHEMA, SCHEMA)
    assert not conforms({k: v for k, v in good.items() if k != "title"}, SCHEMA, SCHEMA)


def test_the_schema_is_json_and_names_its_dialect() -> None:
    text = json.dumps(SCHEMA)
    assert json.loads(text)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"Pack", "Theme", "Checklist", "SessionType", "ResponseScale"} <= set(SCHEMA["$defs"])
