"""The ledger's text of a report, written a column at a time: the standard library's to the byte.

What the ledger keeps, and its digest, must never change (old ledgers are read by new code, and
the same report twice is recorded once by its digest), so the column writer is held to
``json.dumps(report, sort_keys=True, ensure_ascii=False, allow_nan=False)`` on random reports:
lists of records whose columns are of one kind (what takes the writer's short cuts) or of any
kind (what does not), strings with quotes, backslashes, control characters, ``%``, non-ASCII
and lone surrogates, and floats at their edges.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis._ledger_text import records_text
from wellbeing_framework.analysis.ledger import record_parts

# Every code point, surrogates too, and those that JSON escapes or a template could misread.
_ODD = st.text(
    st.characters(exclude_categories=()) | st.sampled_from('"\\%\n\t\x00\x1f\x7f\u2028é✓'),
    max_size=5,
)
_STRINGS = _ODD | st.sampled_from(["amber", "red", "Team 1", "2025"])
_FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.0, -0.0, 1e16, 1e-7, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3]
)
_NUMBERS = st.none() | st.booleans() | st.integers() | _FLOATS
_SCALARS = _NUMBERS | _STRINGS
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(_STRINGS, inner, max_size=3)
    ),
    max_leaves=6,
)
# A column of one kind: what a report's cells, groups and trends hold.
_KINDS = [
    st.integers(-5, 10**6),
    _FLOATS,
    _FLOATS | st.none(),
    st.booleans(),
    _STRINGS,
    _STRINGS | st.none(),
    _NUMBERS,
    _SCALARS,
    st.lists(_STRINGS, max_size=3),
    st.lists(
        st.tuples(st.sampled_from(["Never", "Often", '5 "%s"']), st.integers(0, 99)), max_size=3
    ),
    st.lists(
        st.tuples(_STRINGS, _NUMBERS) | st.lists(_SCALARS, min_size=2, max_size=2), max_size=3
    ),
    st.lists(_NUMBERS, max_size=3),
    st.fixed_dictionaries({"before": _NUMBERS, "after": st.integers(), "é%": _STRINGS}),
    _JSON,
]


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Dicts with the same keys, in any order, each key's values of one kind."""
    names = draw(st.lists(_STRINGS, unique=True, max_size=6))
    kinds = {name: draw(st.sampled_from(_KINDS)) for name in names}
    count = draw(st.integers(1, 12))
    records = []
    for _ in range(count):
        order = draw(st.permutations(names))
        records.append({name: draw(kinds[name]) for name in order})
    return records


_REPORTS = st.dictionaries(_STRINGS, _records() | st.lists(_JSON, max_size=6) | _JSON, max_size=5)


def _outcome(make: Any) -> tuple[str, Any]:
    """What ``make()`` gives: its bytes, or the type of what it raised."""
    try:
        return "bytes", make()
    except (ValueError, TypeError) as exc:  # UnicodeEncodeError is a ValueError
        return "error", type(exc)


@given(_REPORTS, st.integers(1, 5))
def test_the_ledgers_text_is_json_dumps_to_the_byte(report: dict[str, Any], items: int) -> None:
    expected = _outcome(
        lambda: json.dumps(report, sort_keys=True, ensure_ascii=False, allow_nan=False).encode()
    )
    assert _outcome(lambda: b"".join(record_parts(report, items))) == expected


@given(_records())
def test_a_list_of_records_is_written_as_the_standard_library_writes_its_inside(
    records: list[dict[str, Any]],
) -> None:
    text = records_text(records)
    expected = json.dumps(records, sort_keys=True, ensure_ascii=False, allow_nan=False)
    assert text is None or f"[{text}]" == expected


# Lone surrogates, often: a report that holds one cannot be stored (its UTF-8 fails, as it
# always did), so they are held to the standard library's text before the UTF-8.
_SURROGATES = st.text(st.sampled_from('a"\\%\ud800\udc80\udbff\udfff'), max_size=4)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "name": _SURROGATES,
                "group": st.lists(_SURROGATES, max_size=3),
                "distribution": st.lists(st.tuples(_SURROGATES, st.integers(0, 9)), max_size=3),
                "band": _SURROGATES | st.none(),
            }
        ),
        min_size=1,
        max_size=8,
    )
)
def test_lone_surrogates_are_written_as_the_standard_library_writes_them(
    records: list[dict[str, Any]],
) -> None:
    text = records_text(records)
    assert text is not None
    assert f"[{text}]" == json.dumps(records, sort_keys=True, ensure_ascii=False, allow_nan=False)


@given(_records(), st.sampled_from([float("nan"), float("inf"), -float("inf"), {1, 2}, b"x"]))
def test_what_json_cannot_hold_is_refused_as_the_standard_library_refuses_it(
    records: list[dict[str, Any]], bad: Any
) -> None:
    records[-1] = {**records[-1], "bad": bad}
    for record in records[:-1]:
        record["bad"] = 1.5
    report = {"cells": records}
    with pytest.raises((ValueError, TypeError)) as theirs:
        json.dumps(report, sort_keys=True, ensure_ascii=False, allow_nan=False)
    with pytest.raises(theirs.type, match=re.escape(str(theirs.value))):
        record_parts(report, 1)


def test_records_that_differ_in_their_keys_are_left_to_the_standard_library() -> None:
    assert records_text([{"a": 1}, {"b": 1}]) is None
    assert records_text([{"a": 1}, {"a": 1, "b": 2}]) is None
    assert records_text([{1: 1}, {1: 2}]) is None
    assert records_text([{"a": 1}, [1]]) is None
    assert records_text([]) is None
    assert records_text([{}, {}]) == "{}, {}"


def test_a_reports_cells_take_the_short_cuts() -> None:
    """Cells as a report holds them (each kind of column the writer takes apart) are written by
    the column writer, not handed back, and as the standard library writes them."""
    cells = [
        {
            "group": ["Org 1", f"Team {k % 3}"][: k % 3],
            "wave": None if k % 2 else "2025",
            "element": 'x:"item" 5%',
            "n": k,
            "suppressed": k % 4 == 0,
            "mean": k / 7 if k % 5 else None,
            "band": ["red", None, "amber\u2028", "\udc80"][k % 4],
            "distribution": [] if k % 3 else [("Never", k), ('Often "%s"', 2 * k), ("\\", 0)],
            "shown": {"before": k, "after": 1.5 * k},
            "mixed": ["a", 1, 2.5, None, True][k % 5],
        }
        for k in range(40)
    ]
    text = records_text(cells)
    assert text is not None
    assert f"[{text}]" == json.dumps(cells, sort_keys=True, ensure_ascii=False, allow_nan=False)
