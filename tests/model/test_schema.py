"""The JSON Schema says exactly what the converter accepts, checked with a real validator.

The integration review (``reviews/integration.md``, D2) built 36 edge cases in JavaScript and
validated them with ajv: 22 disagreed with the library. They are kept here as a table, and a
property test mutates valid records with values chosen to sit on the edge of every rule, and
asks ``jsonschema`` and the converter the same question.

What JSON Schema cannot say (ids unique among a list's items, dates in order across fields, a
key written twice in the raw text, ids that must exist in a pack) the library checks alone; the
schema names each such rule in its field's description, and the tests say which they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from schema_cases import (
    ASSESSMENT,
    BASE,
    CASES,
    EDGE_VALUES,
    MODELS,
    SESSION,
    changed,
    disagreement,
    get,
    library_faults,
    like,
    paths,
    put,
    schema_accepts,
    single_edits,
)
from strategies import content
from strategies import sessions as gen

from wellbeing_framework import (
    ActionPlan,
    ConversionError,
    Pack,
    Session,
    read_records,
    structure,
    unstructure,
)
from wellbeing_framework.errors import RecordError
from wellbeing_framework.model import json_schema
from wellbeing_framework.model._validators import SCHEMA_RULES, WHITESPACE
from wellbeing_framework.model.records import RECORD_MODELS
from wellbeing_framework.model.schema import DATE_PATTERN

SCHEMA = json_schema(RECORD_MODELS.values())
jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    ("kind", "record", "accepted"),
    [pytest.param(kind, record, ok, id=f"{n}-{what}") for n, what, kind, record, ok in CASES],
)
def test_the_review_s_edge_cases_get_one_answer_from_schema_and_library(
    kind: str, record: dict[str, Any], accepted: bool
) -> None:
    data = json.loads(json.dumps(record))  # as another language would send it
    assert schema_accepts(kind, data) is accepted
    assert (library_faults(kind, data) == ()) is accepted


@pytest.mark.parametrize(
    ("kind", "record", "fault"),
    [
        pytest.param(
            "session",
            changed("session", "incident_date", "2025-06-04"),
            "dates out of order",
            id="22-incident-after-session",
        ),
        pytest.param(
            "assessment",
            changed("assessment", "answers.1.item", "ps-speak-up"),
            "is answered twice",
            id="32-item-answered-twice",
        ),
    ],
)
def test_what_json_schema_cannot_say_is_refused_and_described(
    kind: str, record: dict[str, Any], fault: str
) -> None:
    assert schema_accepts(kind, record)
    with pytest.raises(ConversionError) as caught:
        structure(record, MODELS[kind])
    (problem,) = caught.value.faults
    assert fault in problem.reason
    field = problem.path[0]
    cls = MODELS[kind].__name__
    description = SCHEMA["$defs"][cls]["properties"][field]["description"]
    assert description.startswith("Also checked by the library:")


def test_24_a_key_written_twice_is_refused_when_the_file_is_read(tmp_path: Path) -> None:
    text = json.dumps(SESSION)[:-1] + ', "date": "2025-06-04"}'
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    assert schema_accepts("session", json.loads(text))  # JSON.parse keeps the last one
    with pytest.raises(RecordError, match="date"):
        read_records([path])


# -- the property ------------------------------------------------------------------------------


@st.composite
def edge_records(draw: st.DrawFn) -> tuple[str, Any]:
    """A valid record (a baseline or a generated one), then one to three of its fields (or a new
    key) given an edge value, or deleted."""
    kind = draw(st.sampled_from(["session", "assessment", "action-plan"]))
    generated = {
        "session": gen.sessions(),
        "action-plan": gen.action_plans(),
        "assessment": st.just(ASSESSMENT),
    }[kind]
    base = draw(st.just(BASE[kind]) | generated.map(unstructure))
    record = json.loads(json.dumps(base))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        keys = paths(record) or ["id"]
        path = draw(st.sampled_from([*keys, "x_extra"]))
        pool = like(get(record, path)) if draw(st.booleans()) else EDGE_VALUES
        put(record, path, draw(st.sampled_from([*pool, ...])))
    return kind, record


def test_schema_and_converter_agree_on_every_edge_value_in_every_field() -> None:
    disagreements = [
        f"{kind} {json.dumps(record)[:100]}: {why}"
        for kind, record in single_edits()
        if (why := disagreement(kind, record))
    ]
    assert disagreements == []


@settings(max_examples=max(settings().max_examples, 100) * 2)  # cheap: about 2 ms each
@given(edge_records())
@example(("session", changed("session", "date", "2025-W23-2")))
@example(("session", changed("session", "participants.0", "m-１０１")))
@example(("session", changed("session", "id", "rg-js-01\n")))
@example(("session", changed("session", "learning.0.text", "\u3000")))
@example(("assessment", changed("assessment", "respondent", "Jane Smith")))
def test_schema_and_converter_agree_on_generated_records_with_edge_values(
    case: tuple[str, Any],
) -> None:
    kind, record = case
    # The library may refuse beyond the schema only what JSON Schema cannot say.
    assert disagreement(kind, record) is None


@given(content.packs())
def test_every_valid_pack_is_valid_against_the_schema(pack: Pack) -> None:
    assert schema_accepts("pack", json.loads(json.dumps(unstructure(pack))))


@given(gen.sessions())
def test_every_valid_session_is_valid_against_the_schema(session: Session) -> None:
    assert schema_accepts("session", json.loads(json.dumps(unstructure(session))))


@given(gen.action_plans())
def test_every_valid_action_plan_is_valid_against_the_schema(plan: ActionPlan) -> None:
    assert schema_accepts("action-plan", json.loads(json.dumps(unstructure(plan))))


# -- the pieces --------------------------------------------------------------------------------


def test_the_schema_is_json_and_names_its_dialect() -> None:
    text = json.dumps(SCHEMA)
    assert json.loads(text)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"Pack", "Session", "Assessment", "ActionPlan", "ResponseScale"} <= set(SCHEMA["$defs"])


def test_every_validator_of_every_record_model_says_what_it_checks() -> None:
    # json_schema refuses a validator with no SchemaRule; here, each rule is used.
    used = {id(rule) for rule in SCHEMA_RULES.values()}
    assert used
    for cls in RECORD_MODELS.values():
        json_schema([cls])


def test_blank_means_what_str_strip_removes() -> None:
    import re

    space = re.compile(f"[{WHITESPACE}]")
    python = {c for c in map(chr, range(0x110000)) if c.isspace()}
    assert {c for c in python if space.fullmatch(c)} == python
    assert sum(1 for c in map(chr, range(0x10000)) if space.fullmatch(c)) == len(python)


def test_the_date_pattern_accepts_exactly_the_real_dates() -> None:
    import datetime as dt
    import re

    pattern = re.compile(DATE_PATTERN)
    for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999):
        for month in range(0, 14):
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    dt.date.fromisoformat(text)
                    real = True
                except ValueError:
                    real = False
                assert (pattern.search(text) is not None) is real, text


def test_every_example_record_file_is_valid_as_a_file_against_the_cli_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A record file holds one record or a list of them; the schema says so (review 2b)."""
    from wellbeing_framework.cli import main

    assert main(["schema"]) == 0
    validator = jsonschema.Draft202012Validator(
        json.loads(capsys.readouterr().out), format_checker=jsonschema.FormatChecker()
    )
    files = sorted((Path(__file__).parents[2] / "examples" / "sessions").glob("*.json"))
    held = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert any(isinstance(h, list) for h in held)
    assert any(isinstance(h, dict) for h in held)
    for file, data in zip(files, held, strict=True):
        assert not list(validator.iter_errors(data)), file.name
    assert list(validator.iter_errors([{"not": "a record"}]))
