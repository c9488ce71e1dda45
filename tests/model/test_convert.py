"""The converter is strict, and every fault comes back with its exact path."""

from __future__ import annotations

import datetime as dt

import pytest

from wellbeing_framework import (
    Checklist,
    ConversionError,
    Pack,
    ResponseScale,
    Statement,
    Theme,
    structure,
    unstructure,
)
from wellbeing_framework.model import Source, Voice


def faults(data: object, cls: type) -> list[str]:
    with pytest.raises(ConversionError) as caught:
        structure(data, cls)
    return list(caught.value.errors)


def test_a_number_is_not_a_string() -> None:
    assert faults({"id": "ab", "voice": "I", "text": 3}, Statement) == [
        "$.text: expected a string, got int 3"
    ]


def test_true_is_not_a_number() -> None:
    data = {"id": "s1", "title": "S", "options": [{"value": "a", "label": "A", "score": True}]}
    assert "$.options[0].score: expected a number, got bool True" in faults(data, ResponseScale)


def test_unknown_keys_are_refused_and_named() -> None:
    assert faults({"id": "ab", "voice": "I", "text": "x", "colour": "red"}, Statement) == [
        "$: unknown key colour: expected only id, voice, text, guidance"
    ]


def test_a_missing_field_is_named() -> None:
    assert faults({"voice": "I", "text": "x"}, Statement) == ["$.id: required field missing"]


def test_every_fault_is_reported_not_only_the_first() -> None:
    data = {
        "id": "th",
        "title": "Theme",
        "order": True,
        "statements": [
            {"id": "s-one", "voice": "I", "text": "fine"},
            {"id": "s-two", "voice": "THEY", "text": 7},
        ],
    }
    assert sorted(faults(data, Theme)) == [
        "$.order: expected a whole number, got bool True",
        "$.statements[1].text: expected a string, got int 7",
        "$.statements[1].voice: expected one of 'I', 'WE', got 'THEY'",
    ]


def test_model_rules_come_back_with_the_field_path() -> None:
    data = {
        "id": "th",
        "title": "Theme",
        "statements": [{"id": "Not An Id", "voice": "I", "text": "x"}],
    }
    (fault,) = faults(data, Theme)
    assert fault.startswith("$.statements[0].id: 'Not An Id' is not a valid id")


def test_a_string_is_not_a_list() -> None:
    data = {"id": "cl", "title": "C", "theme": "th", "scope": "team", "scale": "agree-5"}
    assert faults({**data, "aliases": "old"}, Checklist) == [
        "$.aliases: expected a list, got str 'old'"
    ]


def test_dates_are_iso_strings() -> None:
    source = structure({"title": "T", "publisher": "P", "published": "2024-10-30"}, Source)
    assert source.published == dt.date(2024, 10, 30)
    assert unstructure(source)["published"] == "2024-10-30"
    assert faults({"title": "T", "publisher": "P", "published": "30/10/2024"}, Source) == [
        "$.published: expected a date as YYYY-MM-DD, got '30/10/2024'"
    ]


def test_enums_become_their_values() -> None:
    data = unstructure(Statement(id="ab", voice=Voice.WE, text="We listen."))
    assert data == {"id": "ab", "voice": "WE", "text": "We listen.", "guidance": ""}
    assert type(data["voice"]) is str


def test_the_source_is_named_in_the_message() -> None:
    with pytest.raises(ConversionError, match=r"^records\.json: 4 problems in the data"):
        structure({"id": 1}, Pack, source="records.json")


def test_not_an_object_where_a_model_is_expected() -> None:
    assert faults(["a"], Statement) == [
        "$: expected an object (a table of keys) for Statement, got list ['a']"
    ]


def test_each_fault_keeps_its_path_as_keys_and_positions() -> None:
    # An application can point at the field itself, with no message to parse back.
    data = {"id": "s1", "title": "S", "options": [{"value": "a", "label": "A", "score": True}]}
    with pytest.raises(ConversionError) as caught:
        structure(data, ResponseScale)
    (fault,) = caught.value.faults
    assert fault.path == ("options", 0, "score")
    assert fault.reason == "expected a number, got bool True"
    assert str(fault) == caught.value.errors[0] == "$.options[0].score: " + fault.reason
    assert fault.under((3,)).path == (3, "options", 0, "score")


def test_a_lone_surrogate_is_refused_with_where_it_is() -> None:
    # Valid JSON ("\ud800"), but half of a character: no file or terminal could take it later.
    from wellbeing_framework.model.content import Statement

    with pytest.raises(ConversionError) as caught:
        structure({"id": "ab", "voice": "I", "text": "cut \ud83d"}, Statement)
    (fault,) = caught.value.faults
    assert fault.path == ("text",)
    assert "half of a character (the lone surrogate U+D83D, character 5)" in fault.reason


@pytest.mark.parametrize(("value", "expected"), [(90, 90), (90.0, 90), (1e21, 10**21)])
def test_a_whole_number_may_be_written_as_a_float(value: float, expected: int) -> None:
    # JSON Schema counts 90.0 as an integer, and Go, Java and JavaScript may write it so.
    from wellbeing_framework.model.content import SessionType

    data = {"id": "st", "title": "T", "min_duration_minutes": value}
    assert structure(data, SessionType).min_duration_minutes == expected


@pytest.mark.parametrize("value", [90.5, float("inf"), float("nan"), True, "90"])
def test_anything_else_is_not_a_whole_number(value: object) -> None:
    from wellbeing_framework.model.content import SessionType

    with pytest.raises(ConversionError, match="min_duration_minutes: expected a whole number"):
        structure({"id": "st", "title": "T", "min_duration_minutes": value}, SessionType)


@pytest.mark.parametrize("value", ["20250603", "2025-W23-2", "2025-06-03T10:00", "2025-02-30"])
def test_a_date_is_yyyy_mm_dd_and_real(value: str) -> None:
    from wellbeing_framework.model.session import ActionPlan

    with pytest.raises(ConversionError, match=r"created: expected a (real )?date as YYYY-MM-DD"):
        structure({"id": "pl", "title": "P", "created": value}, ActionPlan)
