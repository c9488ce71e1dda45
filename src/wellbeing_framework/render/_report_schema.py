"""A JSON Schema of the JSON report, so a dashboard in another language can rely on its shape.

The parts that are models (elements, groups, cells, gap and trend rows, priorities, bands) come
from the same attrs classes as :func:`~.report_json.report_json` writes, through
:func:`~wellbeing_framework.model.json_schema`, with the changes the report makes to them: no
``reason`` on a group or a cell (it would say which hidden group is the small one), a whole
``score`` on a cell and the numbers ``shown`` on gap and trend rows. The rest is written out
here. A test checks real reports against it, so a key added to the report fails until it is
described here.
"""

from __future__ import annotations

import copy
from typing import Any

from ..analysis.cells import Cell, ElementInfo, GroupCell
from ..analysis.derived import GapRow, Priorities, TrendRow
from ..analysis.gap import ORGANISATIONAL_MODES
from ..analysis.results import Band
from ..model.schema import SCHEMA_DIALECT, json_schema
from .report_json import FORMAT_VERSION

__all__ = ["report_schema"]

_TEXT: dict[str, Any] = {"type": "string"}
_NAMES: dict[str, Any] = {"type": "array", "items": _TEXT}
_WHOLE_OR_NULL: dict[str, Any] = {"anyOf": [{"type": "integer"}, {"type": "null"}]}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_IMPORT = _object(
    {
        "source": _nullable(_TEXT),
        "rows_read": _WHOLE_OR_NULL,
        "rows_accepted": _WHOLE_OR_NULL,
        "rows_rejected": {"type": "integer"},
        "rejections": {
            "type": "array",
            "items": _object({"row": {"type": "integer"}, "column": _TEXT, "reason": _TEXT}),
        },
        "identifier_columns": _NAMES,
        "unmatched_columns": _NAMES,
        "items_not_found": _NAMES,
    }
)


def _without(defs: dict[str, Any], name: str, key: str) -> None:
    definition = defs[name]
    definition["properties"].pop(key)
    if key in definition.get("required", ()):
        definition["required"].remove(key)


def _add(defs: dict[str, Any], name: str, key: str, schema: dict[str, Any]) -> None:
    defs[name]["properties"][key] = schema
    defs[name].setdefault("required", []).append(key)


def report_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) of what :func:`~wellbeing_framework.report_json` returns."""
    models = json_schema([Band, ElementInfo, GroupCell, Cell, GapRow, TrendRow, Priorities])
    defs: dict[str, Any] = copy.deepcopy(models["$defs"])
    for name in ("GroupCell", "Cell"):
        _without(defs, name, "reason")
    _add(defs, "Cell", "score", _WHOLE_OR_NULL)
    shown = {"individual": _WHOLE_OR_NULL, "organisational": _WHOLE_OR_NULL, "gap": _WHOLE_OR_NULL}
    _add(defs, "GapRow", "shown", _object(shown))
    shown = {"before": _WHOLE_OR_NULL, "after": _WHOLE_OR_NULL, "change": _WHOLE_OR_NULL}
    _add(defs, "TrendRow", "shown", _object(shown))
    groups = {"type": "array", "items": {"$ref": "#/$defs/GroupCell"}}
    organisational = {
        "type": "object",
        "properties": {
            "mode": {"enum": list(ORGANISATIONAL_MODES)},
            "min_group_size": {"type": "integer"},
            "levels": _NAMES,
            "hierarchy": {"type": "array", "items": _NAMES},
            "groups": groups,
        },
        "required": ["mode"],
        "additionalProperties": False,
    }
    report = _object(
        {
            "format": {"const": "wellbeing-report"},
            "version": {"const": FORMAT_VERSION},
            "title": _TEXT,
            "source": _nullable(_TEXT),
            "min_group_size": {"type": "integer", "minimum": 1},
            "forced_small_groups": {"type": "boolean"},
            "levels": _NAMES,
            "waves": {"type": "array", "items": _nullable(_TEXT)},
            "breakdown": _NAMES,
            "filters": {"type": "array", "items": defs["Cell"]["properties"]["breakdown"]["items"]},
            "banding": {"type": "array", "items": {"$ref": "#/$defs/Band"}},
            "hidden_wording": _TEXT,
            "hierarchy": {"type": "array", "items": _NAMES},
            "import": _nullable({"$ref": "#/$defs/Import"}),
            "organisational_import": _nullable({"$ref": "#/$defs/Import"}),
            "organisational": _nullable(organisational),
            "elements": {"type": "array", "items": {"$ref": "#/$defs/ElementInfo"}},
            "groups": groups,
            "cells": {"type": "array", "items": {"$ref": "#/$defs/Cell"}},
            "gap": {"type": "array", "items": {"$ref": "#/$defs/GapRow"}},
            "trends": {"type": "array", "items": {"$ref": "#/$defs/TrendRow"}},
            "priorities": _nullable({"$ref": "#/$defs/Priorities"}),
            "references": {"type": "object", "additionalProperties": _TEXT},
        }
    )
    defs["Import"] = _IMPORT
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "wellbeing_framework JSON report",
        "description": (
            "What `wellbeing report --format json` writes and report_json() returns. A hidden "
            "cell has n null and no score, counts or distribution."
        ),
        **report,
        "$defs": defs,
    }
