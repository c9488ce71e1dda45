"""The edge cases on which a JSON Schema validator and the library's converter must agree.

Shared by ``model/test_schema.py`` (jsonschema, in Python) and ``model/test_schema_ajv.py`` (ajv,
in Node): the review's 36 cases as a table, baseline records of each kind, values on the edge of
every rule, and the one question asked of each record.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import jsonschema

from wellbeing_framework import ActionPlan, Assessment, ConversionError, Pack, Session, structure
from wellbeing_framework.model import json_schema

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


def paths(record: Any, prefix: str = "") -> list[str]:
    """Every key path inside a record, nested ones too (``learning.0.text``)."""
    out: list[str] = []
    items = record.items() if isinstance(record, dict) else enumerate(record)
    for key, value in items:
        path = f"{prefix}{key}"
        out.append(path)
        if isinstance(value, dict | list):
            out.extend(paths(value, path + "."))
    return out


def get(record: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(record, list):
            record = record[int(part)]
        elif isinstance(record, dict) and part in record:
            record = record[part]
        else:
            return None
    return record


def like(value: Any) -> list[Any]:
    """The edge values of the same JSON type as ``value``, so most draws probe its own rules."""
    if isinstance(value, bool) or value is None:
        return EDGE_VALUES
    kind = (int, float) if isinstance(value, int | float) else type(value)
    return [v for v in EDGE_VALUES if isinstance(v, kind) and not isinstance(v, bool)]


def put(record: Any, path: str, value: Any) -> None:
    """Set (or, with ``...``, delete) the value at ``path``. The value is copied: EDGE_VALUES
    holds lists and dicts, and one put into a record and edited by a later step would change
    EDGE_VALUES itself for every case after it (hypothesis then reports a flaky strategy)."""
    value = value if value is ... else copy.deepcopy(value)
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


def disagreement(kind: str, record: Any, *, schema_ok: bool | None = None) -> str | None:
    """Why the schema and the converter disagree on ``record``, or None when they agree.

    ``schema_ok`` is another validator's verdict (ajv's); by default jsonschema's.
    """
    if schema_ok is None:
        schema_ok = schema_accepts(kind, record)
    faults = library_faults(kind, record)
    if schema_ok and not all(any(b in f for b in BEYOND_SCHEMA) for f in faults):
        return f"the schema accepts what the library refuses: {faults}"
    if not schema_ok and not faults:
        return "the library accepts what its own schema refuses"
    return None


def single_edits() -> Iterator[tuple[str, Any]]:
    """Every field of each baseline record (nested ones too, and a new key) given every edge
    value in turn, or deleted: some 11,000 records, each with one fault at most."""
    for kind, base in BASE.items():
        for path in [*paths(base), "x_extra"]:
            for value in [*EDGE_VALUES, ...]:
                record = copy.deepcopy(base)
                put(record, path, value)
                yield kind, record
