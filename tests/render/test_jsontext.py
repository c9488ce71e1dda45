"""The report's JSON text is the standard library's indented JSON, to the byte."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.render._jsontext import dumps_indented

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_KEYS = (
    st.text()
    | st.integers()
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=5).map(tuple)
        | st.dictionaries(_KEYS, inner, max_size=5)
    ),
    max_leaves=40,
)


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


@given(_DATA)
def test_the_text_is_the_standard_librarys(data: Any) -> None:
    assert dumps_indented(data) == _standard(data)


def test_quotes_line_breaks_and_non_ascii_text_are_escaped_alike() -> None:
    data = {"title": 'Équipe "Nord"\n\u2028<b>', "cells": [{"n": None, "mean": 1e-7}], "e": {}}
    assert dumps_indented(data) == _standard(data)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_float_json_cannot_hold_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps_indented({"mean": value})


def test_a_value_that_is_not_json_data_is_refused() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"when": object()})


# Lists of records, as a report's cells, groups and trends are: the same keys in the same order,
# values of one kind or mixed, lists of one length (pairs) or of many, nested records.
_RECORD_VALUES = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=3),
    st.lists(st.tuples(st.text(max_size=3), st.integers()), max_size=3),
    st.lists(st.lists(_SCALARS, min_size=2, max_size=2), max_size=3),
    st.fixed_dictionaries({"before": _SCALARS, "after": st.integers()}),
    st.dictionaries(st.text(max_size=2), _SCALARS, max_size=2),
)
_RECORDS = st.lists(st.text(max_size=4), min_size=1, max_size=4, unique=True).flatmap(
    lambda keys: st.lists(
        st.fixed_dictionaries(dict.fromkeys(keys, _RECORD_VALUES)), min_size=1, max_size=6
    )
)


@given(_RECORDS, st.booleans())
def test_a_list_of_records_is_the_standard_librarys_text(records: list[Any], wrap: bool) -> None:
    data: Any = {"cells": records, "n": 1} if wrap else records
    assert dumps_indented(data) == _standard(data)


def test_keys_with_percent_signs_and_odd_keys_are_written_alike() -> None:
    data = [{"%s": 1, "100%": [1.5, None], 3: "x"}, {"%s": None, "100%": [], 3: "y"}]
    assert dumps_indented(data) == _standard(data)
