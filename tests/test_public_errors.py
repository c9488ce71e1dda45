"""Garbage in, the library's own error out: what an application embedding the library relies on
to turn a bad upload or a bad request into an HTTP 400 rather than a 500.

Every public entry point of import, aggregation and reporting is fed wrong types and odd values
in every argument; whatever it does, it returns or raises a :class:`WellbeingError` with a
message, never a ``TypeError``, ``csv.Error`` or ``AttributeError`` from somewhere inside.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import (
    ImportOptions,
    Report,
    Results,
    WellbeingError,
    aggregate,
    gap,
    import_csv,
    import_frame,
    make_report,
    report_html,
    report_json,
    report_markdown,
    trends,
)
from wellbeing_framework.analysis import Responses, read_mapping

TEXT = "Team,Round,I feel safe to speak up.,I take my breaks.\r\n" + "".join(
    f"{t},{w},agree,yes\r\n" for t in "AB" for w in ("2024", "2025") for _ in range(12)
)
OPTIONS = {"checklists": sa.INDIVIDUAL, "group_columns": ["Team"], "wave_column": "Round"}


@functools.cache
def _valid() -> tuple[Responses, Results, Report]:
    responses = import_csv(TEXT.encode(), catalog=sa.CATALOG, **OPTIONS).responses
    results = aggregate(responses)
    return responses, results, make_report(results, catalog=sa.CATALOG)


class _Odd:
    """An object of no kind the library expects, whose every attribute is missing."""


garbage = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.binary(max_size=20),
    st.lists(st.one_of(st.text(max_size=5), st.integers(), st.none()), max_size=3),
    st.tuples(st.integers(), st.text(max_size=3)),
    st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=5), st.integers()), max_size=2),
    st.builds(_Odd),
    st.builds(io.BytesIO, st.binary(max_size=40)),
    st.builds(io.StringIO, st.text(max_size=40)),
    st.just(np.array([1, 2])),
    st.just(pd.DataFrame({"Team": ["A"], 3: [None]})),
)


def _sometimes(valid: Any) -> st.SearchStrategy[Any]:
    """Mostly the valid value, so the garbage elsewhere gets past the first check."""
    return st.one_of(st.just(valid), st.just(valid), garbage)


def _keywords(
    valid: dict[str, Any],
    others: tuple[str, ...],
    *,
    required: tuple[str, ...] = (),
    unknown: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """``valid`` with some values swapped for garbage, some keys (not ``required``) left out,
    and some of ``others`` given garbage; an unknown keyword too where the function takes
    ``**keywords`` (elsewhere Python itself refuses it, as for any function)."""
    extra = [*others, "colour"] if unknown else list(others)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        out = {
            k: draw(_sometimes(v))
            for k, v in valid.items()
            if k in required or draw(st.integers(0, 9))
        }
        for key in draw(st.lists(st.sampled_from(extra), max_size=2, unique=True)) if extra else ():
            out[key] = draw(garbage)
        return out

    return build()


def _only_library_errors(call: Callable[[], object]) -> None:
    try:
        call()
    except WellbeingError as exc:
        message = str(exc)
    else:
        return
    assert message.strip(), "a library error must say what went wrong"


_IMPORT_OTHERS = (
    "pack", "levels", "wave", "respondent_column", "dimension_columns", "identifier_columns",
    "mapping", "layout", "encoding", "delimiter", "sheet", "source", "options",
)  # fmt: skip

settings_ = settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])


@settings_
@given(
    data=_sometimes(TEXT.encode()),
    catalog=_sometimes(sa.CATALOG),
    keywords=_keywords(OPTIONS, _IMPORT_OTHERS, unknown=True),
)
def test_import_csv_raises_only_library_errors(
    data: Any, catalog: Any, keywords: dict[str, Any]
) -> None:
    _only_library_errors(lambda: import_csv(data, catalog=catalog, **keywords))


@settings_
@given(
    data=_sometimes(pd.read_csv(io.StringIO(TEXT), dtype=str)),
    catalog=_sometimes(sa.CATALOG),
    keywords=_keywords(OPTIONS, _IMPORT_OTHERS, unknown=True),
)
def test_import_frame_raises_only_library_errors(
    data: Any, catalog: Any, keywords: dict[str, Any]
) -> None:
    _only_library_errors(lambda: import_frame(data, catalog=catalog, **keywords))


@settings_
@given(
    required=st.fixed_dictionaries({k: _sometimes(v) for k, v in OPTIONS.items()}),
    options=_keywords({}, tuple(k for k in _IMPORT_OTHERS[:-2])),
)
def test_import_options_raise_only_library_errors(
    required: dict[str, Any], options: dict[str, Any]
) -> None:
    options.pop("colour", None)  # an unknown keyword is Python's own TypeError here
    _only_library_errors(lambda: ImportOptions(**required, **options))


@settings_
@given(mapping=garbage)
def test_read_mapping_raises_only_library_errors(mapping: Any) -> None:
    _only_library_errors(lambda: read_mapping(mapping))


_AGGREGATE = {"min_group_size": 10, "force_small_groups": False, "levels": [0, 1], "items": True}


@settings_
@given(
    responses=st.sampled_from([0, 1]),
    garbage_responses=garbage,
    keywords=_keywords(_AGGREGATE, ("by", "where", "banding", "earlier")),
)
def test_aggregate_raises_only_library_errors(
    responses: int, garbage_responses: Any, keywords: dict[str, Any]
) -> None:
    given_responses = _valid()[0] if responses else garbage_responses
    _only_library_errors(lambda: aggregate(given_responses, **keywords))


VALID = object()  # stands for the valid results, which are built once, on first use


@settings_
@given(
    results=_sometimes(VALID),
    keywords=_keywords(
        {"catalog": sa.CATALOG, "title": "Staff survey", "priorities_limit": 3},
        ("reconciliation", "organisational", "source", "organisational_mode"),
        required=("catalog",),
    ),
)
def test_make_report_raises_only_library_errors(results: Any, keywords: dict[str, Any]) -> None:
    given_results = _valid()[1] if results is VALID else results
    _only_library_errors(lambda: make_report(given_results, **keywords))


@pytest.mark.parametrize("render", [report_json, report_html, report_markdown])
@settings_
@given(report=garbage)
def test_report_writers_raise_only_library_errors(
    render: Callable[[Any], Any], report: Any
) -> None:
    _only_library_errors(lambda: render(report))


@settings_
@given(
    organisational=garbage,
    keywords=_keywords({}, ("level", "organisational_results")),
    waves=garbage,
)
def test_gap_and_trends_raise_only_library_errors(
    organisational: Any, keywords: dict[str, Any], waves: Any
) -> None:
    results = _valid()[1]
    _only_library_errors(lambda: gap(results, organisational, **keywords))
    _only_library_errors(lambda: trends(results, waves=waves))


def test_the_valid_inputs_above_really_are_valid() -> None:
    # The property tests swap garbage into a call that works: check that it does.
    _, results, report = _valid()
    assert len(results.waves) == 2
    assert report_json(report)["format"] == "wellbeing-report"
    assert "<html" in report_html(report)
    assert report_markdown(report).startswith("#")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: aggregate(_valid()[0], min_group_size="10"),
            "aggregate: min_group_size: expected a whole number, got str",
        ),
        (
            lambda: aggregate(b"Team,Name\nA,Jo Hughes\n"),
            "aggregate: responses: expected Responses (from an import), got bytes",
        ),
        (
            lambda: import_csv(
                TEXT.encode(), catalog=sa.CATALOG, checklists=3, group_columns=["Team"]
            ),
            "ImportOptions: checklists: expected a name or a list of names, got 3",
        ),
        (
            lambda: import_csv(TEXT.encode(), catalog=sa.CATALOG, **OPTIONS, colour="red"),
            "import_csv: unknown option colour: the options are checklists, delimiter",
        ),
        (
            lambda: import_csv(TEXT.encode(), catalog=sa.CATALOG),
            "import_csv: give checklists=... and group_columns=..., or options=ImportOptions(...)",
        ),
        (
            lambda: make_report(_valid()[1], catalog="crisis-services"),
            "make_report: catalog: expected a Catalog (make_host().catalog()), got str",
        ),
        (lambda: report_html(None), "report_html: report: expected a Report"),
        (lambda: trends(_valid()[1], waves=("2024",)), "trends: waves: expected two waves"),
    ],
)
def test_a_wrong_argument_is_named_with_what_was_expected(
    call: Callable[[], object], message: str
) -> None:
    from wellbeing_framework import ArgumentError

    with pytest.raises(ArgumentError) as caught:
        call()
    assert str(caught.value).startswith(message)
    assert "Hughes" not in str(caught.value)  # a value given in the wrong place is not echoed
    assert isinstance(caught.value, TypeError)  # code that caught TypeError still does


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda r: aggregate(r, levels=[7]), "no level 7"),
        (lambda r: aggregate(r, by=("Role",)), "no dimension 'Role'"),
        (lambda r: aggregate(r, where={"Role": "Nurse"}), "no dimension 'Role'"),
    ],
)
def test_a_value_the_data_do_not_have_is_an_argument_error_and_a_value_error(
    call: Callable[[Responses], object], expected: str
) -> None:
    # An application catching ValueError (or the library's ArgumentError) for a bad request
    # catches these: the kind of the argument is right, its value is not one the data have.
    from wellbeing_framework.errors import ArgumentError

    responses, _, _ = _valid()
    with pytest.raises(ArgumentError, match=expected) as caught:
        call(responses)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, WellbeingError)


@pytest.mark.parametrize(
    ("look_up", "expected"),
    [
        (lambda c, r: c.pack("demo").element("nope"), "pack 'demo' has no element 'nope'"),
        (lambda c, r: c.pack("demo").scale("nope"), "pack 'demo' has no scale 'nope'"),
        (lambda c, r: c.scale("agree-5").option("maybe"), "'maybe' is not an answer on scale"),
        (lambda c, r: c.get("demo:nope"), "pack 'demo' has nothing with the id 'nope'"),
        (lambda c, r: r.element("demo:nope"), "'demo:nope' was not scored in these results"),
    ],
)
def test_a_failed_look_up_is_the_library_s_error_and_still_a_key_error(
    look_up: Callable[[Any, Results], object], expected: str
) -> None:
    from wellbeing_framework import ElementNotFoundError

    _, results, _ = _valid()
    with pytest.raises(ElementNotFoundError) as caught:
        look_up(sa.CATALOG, results)
    assert isinstance(caught.value, WellbeingError)
    assert isinstance(caught.value, KeyError)  # code that caught KeyError still does
    assert str(caught.value).startswith(expected)  # as written, not quoted as a key would be
