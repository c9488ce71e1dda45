"""The JSON report's schema describes the reports the library writes, exactly."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from strategies import analysis as sa

from wellbeing_framework import Catalog, aggregate, import_csv, make_host, make_report, report_json
from wellbeing_framework.analysis import Responses
from wellbeing_framework.model import Scope
from wellbeing_framework.render._report_schema import report_schema

DATA = Path(__file__).parents[2] / "examples" / "data"
SCHEMA = report_schema()
jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _errors(data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


@functools.cache
def _demo() -> dict[str, Any]:
    """The demo's report: staff answers in two waves and the leaders' self-assessment."""
    catalog: Catalog = make_host().catalog()
    if "crisis-services" not in catalog:
        pytest.skip("the crisis-services pack is not installed")

    def checklists(scope: Scope) -> list[str]:
        return [
            f"crisis-services:{c.id}" for c in catalog.checklists("crisis-services", scope=scope)
        ]

    common: dict[str, Any] = {"catalog": catalog, "wave_column": "Survey round"}
    staff = import_csv(
        DATA / "staff-survey.csv",
        checklists=checklists(Scope.INDIVIDUAL),
        group_columns=["Service", "Team"],
        **common,
    )
    leaders = import_csv(
        DATA / "leaders-self-assessment.csv",
        checklists=checklists(Scope.ORGANISATIONAL),
        group_columns=["Service"],
        **common,
    )
    report = make_report(
        aggregate(staff.responses),
        catalog=catalog,
        reconciliation=staff.reconciliation,
        organisational=leaders.responses,
        organisational_reconciliation=leaders.reconciliation,
        source="staff-survey.csv",
    )
    return json.loads(json.dumps(report_json(report)))


def test_the_demo_report_is_valid_against_the_schema() -> None:
    data = _demo()
    assert data["gap"]
    assert data["trends"]
    assert data["priorities"]
    assert data["import"]
    assert _errors(data) == []


def test_the_schema_refuses_a_key_the_report_does_not_have() -> None:
    data = _demo()
    assert _errors({**data, "colour": "red"})
    cell = {**data["cells"][0], "reason": "primary"}  # never published: it would say too much
    assert _errors({**data, "cells": [cell]})
    assert _errors({**data, "version": 2})


@settings(max_examples=20, deadline=None)
@given(sa.responses(roles=("nurse", "doctor")))
def test_any_report_of_any_responses_is_valid_against_the_schema(responses: Responses) -> None:
    results = aggregate(responses, min_group_size=5, by=("role",))
    data = json.loads(json.dumps(report_json(make_report(results, catalog=sa.CATALOG))))
    assert _errors(data) == []
