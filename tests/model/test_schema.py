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

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import content
from strategies import sessions as gen

from wellbeing_framework import (
    ActionPlan,
    Assessment,
    ConversionError,
    Pack,
    RecordError,
    Session,
    json_schema,
    read_records,
    structure,
    unstructure,
)
from wellbeing_framework.model.records import RECORD_MODELS
from wellbeing_framework.model.schema import DATE_PATTERN
from wellbeing_framework.model.validators import SCHEMA_RULES, WHITESPACE

SCHEMA = json_schema(RECORD_MODELS.values())
jsonschema.Draft202012Validator.check_schema(SCHEMA)
MODELS: dict[str, type] = {
    "session": Session,
    "assessment": Assessment,
    "action-plan": ActionPlan,
    "pack": Pack,
}
#: One validator per model, formats asserted as ajv-formats does.
VALIDATORS = {
    name: jsonschema.Draft202012Validator(
        json_schema([cls]), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for name, cls in MODELS.items()
}
#: The faults the library finds that JSON Schema cannot express (see the module docstring).
BEYOND_SCHEMA = (
    *("appears twice", "dates out of order", "is answered twice", "is more than max_participants"),
    *("needs a value of its own", "needs at least one option with a score"),
    *("in order of until_week", "needs a regular cadence"),
)

SESSION: dict[str, Any] = {
    "id": "rg-js-01",
    "session_type": "reflective-groups:reflective-group",
    "series": "rg-north",
    "status": "held",
    "date": "2025-06-03",
    "start": "14:00",
    "duration_minutes": 90,
    "mode": "online",
    "facilitator": "f-001",
    "participants": ["m-101", "m-102", "m-103"],
    "agenda": ["check-in", "close"],
    "learning": [{"id": "l-one", "text": "Handovers need one place.", "forum": "team-meeting"}],
    "actions": [
        {"id": "a-one", "text": "Agree a place", "owner_role": "team manager", "due": "2025-07-01"}
    ],
}
ASSESSMENT: dict[str, Any] = {
    "pack": "crisis-services",
    "pack_version": "1.0.0",
    "checklist": "ps-checklist-individual",
    "respondent": "r-0413",
    "group": ["Crisis line", "North team"],
    "wave": "2025",
    "date": "2025-06-03",
    "answers": [{"item": "ps-speak-up", "value": "agree"}, {"item": "ps-mistakes"}],
}
PLAN: dict[str, Any] = {
    "id": "team-plan",
    "title": "Team wellbeing plan 2025",
    "created": "2025-06-03",
    "co_created_by": 6,
    "actions": [{"id": "a-one", "text": "Protect breaks", "owner_role": "team manager"}],
}
PACK: dict[str, Any] = {
    "id": "ward-7",
    "title": "Ward 7 wellbeing",
    "version": "0.1.0",
    "summary": "Breaks and speaking up on ward 7.",
    "sectors": ["acute-care"],
    "sources": [{"title": "Our charter", "publisher": "Ward 7", "published": "2024-02-29"}],
    "scales": [
        {
            "id": "yes-no-unsure",
            "title": "Yes, no or not sure",
            "options": [
                {"value": "yes", "label": "Yes", "score": 1},
                {"value": "no", "label": "No", "score": 0.0},
                {"value": "unsure", "label": "Not sure"},
            ],
        }
    ],
    "themes": [
        {
            "id": "breaks",
            "title": "Breaks",
            "order": 1,
            "aliases": ["rest"],
            "statements": [{"id": "breaks-i", "voice": "I", "text": "I take my breaks."}],
            "prompts": [{"id": "breaks-prompt", "text": "What stops a break?"}],
        }
    ],
    "checklists": [
        {
            "id": "breaks-me",
            "title": "My breaks",
            "theme": "breaks",
            "scope": "individual",
            "scale": "yes-no-unsure",
            "items": [{"id": "breaks-taken", "text": "I took my breaks this week."}],
        }
    ],
    "session_types": [
        {
            "id": "huddle",
            "title": "Huddle",
            "cadence": "weekly",
            "max_participants": 8,
            "min_participants": 2,
            "min_duration_minutes": 15,
            "schedule": [{"until_week": 6, "cadence": "weekly"}],
            "triggers": [{"id": "huddle-incident", "text": "After an incident"}],
            "agenda": [{"id": "check-in", "text": "Check in"}],
        }
    ],
    "mappings": [{"source": "breaks", "target": "crisis-services:rest", "relation": "supports"}],
    "retired": ["old-theme"],
}
BASE = {"session": SESSION, "assessment": ASSESSMENT, "action-plan": PLAN, "pack": PACK}


def changed(kind: str, path: str, value: Any) -> dict[str, Any]:
    """The baseline record of ``kind`` with the value at ``path`` (``learning.0.text``)
    replaced; ``...`` as the value deletes the key."""
    record = copy.deepcopy(BASE[kind])
    *parents, last = path.split(".")
    target: Any = record
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is ...:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return record


def schema_accepts(kind: str, data: Any) -> bool:
    return VALIDATORS[kind].is_valid(data)


def library_faults(kind: str, data: Any) -> tuple[str, ...]:
    """The converter's faults for ``data`` (none when it accepts it)."""
    try:
        structure(data, MODELS[kind])
    except ConversionError as exc:
        return exc.errors
    return ()


#: The review's cases: (its number, what it tries, the record, whether both should accept).
CASES: list[tuple[int, str, str, dict[str, Any], bool]] = [
    (0, "baseline session", "session", SESSION, True),
    (1, "extra key", "session", {**SESSION, "x_source": "js"}, False),
    (2, "minutes kept", "session", {**SESSION, "notes": "Sam said..."}, False),
    (
        3,
        "null optionals",
        "session",
        {**SESSION, "series": None, "mode": None, "start": None},
        True,
    ),
    (4, "participants null", "session", changed("session", "participants", None), False),
    (5, "unicode text", "session", changed("session", "learning.0.text", "🙂 مرحبا é"), True),
    (6, "lone surrogate", "session", changed("session", "learning.0.text", "half \ud800"), False),
    (7, "full-width digits", "session", changed("session", "participants.0", "m-１０１"), False),
    (
        8,
        "empty lists",
        "session",
        {**SESSION, "participants": [], "agenda": [], "learning": [], "actions": []},
        True,
    ),
    (9, "empty learning text", "session", changed("session", "learning.0.text", ""), False),
    (10, "1e+21 minutes", "session", changed("session", "duration_minutes", 1e21), True),
    (11, "zero minutes", "session", changed("session", "duration_minutes", 0), False),
    (12, "90.0 minutes", "session", changed("session", "duration_minutes", 90.0), True),
    (13, "ISO basic date", "session", changed("session", "date", "20250603"), False),
    (14, "ISO week date", "session", changed("session", "date", "2025-W23-2"), False),
    (15, "date-time", "session", changed("session", "date", "2025-06-03T10:00:00Z"), False),
    (16, "UK date", "session", changed("session", "date", "03/06/2025"), False),
    (17, "start 2pm", "session", changed("session", "start", "2pm"), False),
    (
        18,
        "unqualified type",
        "session",
        changed("session", "session_type", "reflective-group"),
        False,
    ),
    (19, "facilitator name", "session", changed("session", "facilitator", "Jane Smith"), False),
    (
        20,
        "participant email",
        "session",
        changed("session", "participants.0", "jane@example.org"),
        False,
    ),
    (21, "token twice", "session", changed("session", "participants.1", "m-101"), False),
    (
        23,
        "long owner role",
        "session",
        changed("session", "actions.0.owner_role", "r" * 100),
        False,
    ),
    (25, "id ending in a newline", "session", changed("session", "id", "rg-js-01\n"), False),
    (
        26,
        "unknown session type",
        "session",
        changed("session", "session_type", "nope:nothing"),
        True,
    ),
    (27, "baseline assessment", "assessment", ASSESSMENT, True),
    (
        28,
        "blank group name",
        "assessment",
        changed("assessment", "group", ["", "North team"]),
        False,
    ),
    (29, "empty respondent", "assessment", changed("assessment", "respondent", ""), False),
    (
        30,
        "respondent email",
        "assessment",
        changed("assessment", "respondent", "jane@example.org"),
        False,
    ),
    (
        31,
        "answer off the scale",
        "assessment",
        changed("assessment", "answers.0.value", "Maybe"),
        True,
    ),
    (
        33,
        "unknown item",
        "assessment",
        changed("assessment", "answers.0.item", "no-such-item"),
        True,
    ),
    (34, "blank pack version", "assessment", changed("assessment", "pack_version", "  "), False),
    (35, "negative co-creators", "action-plan", changed("action-plan", "co_created_by", -3), False),
]


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

#: Values on the edge of every rule a record field has.
EDGE_VALUES: list[Any] = [
    *("", " ", "\u3000", "\x1c", "\ufeff", "x", "ab", "ab\n", "a b", "-ab", "a--b", "Ab"),
    *("Jane Smith", "jane@example.org", "p-1", "p-0413", "m-１０１", "P.1_x", "-p1"),
    "p" * 63 + "1",
    *("p" * 64 + "1", "r" * 80, "r" * 81, "half \ud800", "\udc00", "🙂", "team manager", "a@b"),
    *("2025-06-03", "2024-02-29", "2025-02-29", "1900-02-29", "2000-02-29", "0000-01-01"),
    *("20250603", "2025-W23-2", "2025-06-03T10:00:00Z", "2025-6-3", "２０２５-06-03"),
    *("14:00", "23:59", "24:00", "2pm", "9:30", "09:5", "１４:00"),
    *("held", "planned", "online", "in-person", "open", "done", "nope"),
    *("reflective-groups:reflective-group", "pk:x1", "a:b:c", "pk:", ":x", "pk:Bad"),
    *(0, 1, -3, 90, 90.0, 1.5, 1e21, 2**63, True, False, None),
    *([], {}, ["p-1"], ["p-1", "p-1"], ["p-1", "p-2"], [""], ["ok"], ["Jane Smith"], [1]),
    [{"id": "l-one", "text": "t", "forum": "team-meeting"}] * 2,
]


def _paths(record: Any, prefix: str = "") -> list[str]:
    """Every key path inside a record, nested ones too (``learning.0.text``)."""
    out: list[str] = []
    items = record.items() if isinstance(record, dict) else enumerate(record)
    for key, value in items:
        path = f"{prefix}{key}"
        out.append(path)
        if isinstance(value, dict | list):
            out.extend(_paths(value, path + "."))
    return out


def _get(record: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(record, list):
            record = record[int(part)]
        elif isinstance(record, dict) and part in record:
            record = record[part]
        else:
            return None
    return record


def _like(value: Any) -> list[Any]:
    """The edge values of the same JSON type as ``value``, so most draws probe its own rules."""
    if isinstance(value, bool) or value is None:
        return EDGE_VALUES
    kind = (int, float) if isinstance(value, int | float) else type(value)
    return [v for v in EDGE_VALUES if isinstance(v, kind) and not isinstance(v, bool)]


def _set(record: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        record = record[int(part)] if isinstance(record, list) else record[part]
    if isinstance(record, list):
        if value is ...:
            del record[int(last)]
        else:
            record[int(last)] = value
    elif value is ...:
        record.pop(last, None)
    else:
        record[last] = value


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
        paths = _paths(record) or ["id"]
        path = draw(st.sampled_from([*paths, "x_extra"]))
        pool = _like(_get(record, path)) if draw(st.booleans()) else EDGE_VALUES
        _set(record, path, draw(st.sampled_from([*pool, ...])))
    return kind, record


def _disagreement(kind: str, record: Any) -> str | None:
    """Why the schema and the converter disagree on ``record``, or None when they agree."""
    schema_ok = schema_accepts(kind, record)
    faults = library_faults(kind, record)
    if schema_ok and not all(any(b in f for b in BEYOND_SCHEMA) for f in faults):
        return f"the schema accepts what the library refuses: {faults}"
    if not schema_ok and not faults:
        return "the library accepts what its own schema refuses"
    return None


def test_schema_and_converter_agree_on_every_edge_value_in_every_field() -> None:
    # Every field of each baseline record (nested ones too, and a new key) given every edge
    # value in turn, or deleted: some 10,000 records, each with one fault at most.
    disagreements = []
    for kind, base in BASE.items():
        for path in [*_paths(base), "x_extra"]:
            for value in [*EDGE_VALUES, ...]:
                record = copy.deepcopy(base)
                _set(record, path, value)
                why = _disagreement(kind, record)
                if why:
                    disagreements.append(f"{kind} {path}={value!r}: {why}")
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
    assert _disagreement(kind, record) is None


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
