"""A report is published only after the audit: as data (``audited_report_json``) or as the text
the command writes and the ledger keeps (``audited_report_text``), made without the cells'
records. Both are refused alike when, beside an earlier report, a hidden figure can be worked
out, and the text is the data's text on any results."""

from __future__ import annotations

import pytest
from hypothesis import given
from strategies import analysis as sa

from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.audit import reading, release_from_report
from wellbeing_framework.analysis.results import Results
from wellbeing_framework.errors import ArgumentError, PrivacyError
from wellbeing_framework.render.report import Report, make_report
from wellbeing_framework.render.report_json import (
    audited_report_json,
    audited_report_text,
    json_text,
)

PUBLISH = [audited_report_json, audited_report_text]


def _report(results: Results) -> Report:
    return make_report(results, catalog=sa.CATALOG, title="Results", source="tests")


@given(sa.results())
def test_the_text_is_the_text_of_the_data_audited(results: Results) -> None:
    report = _report(results)
    with pytest.MonkeyPatch.context() as m:
        # Made without the cells' records: their item cells are read from the columns only.
        m.setattr(reading, "read_item_cells", None)
        m.setattr(reading, "_item_cells", None)
        text = audited_report_text(report)
    assert text == json_text(audited_report_json(report))


@given(sa.results())
def test_where_the_columns_would_not_vouch_the_records_are_audited(results: Results) -> None:
    report = _report(results)
    read: list[object] = []
    real = reading.release_from_report

    def from_records(data: dict[str, object]) -> object:
        read.append(data["cells"])
        return real(data)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as m:
        m.setattr(reading, "release_without_cells", lambda data, results: None)
        m.setattr(reading, "release_from_report", from_records)
        text = audited_report_text(report)
    assert text == json_text(audited_report_json(report))
    assert read == [audited_report_json(report)["cells"]]


def _crossing_reports() -> tuple[dict[str, object], Report]:
    """The first report of two groupings that cross, and the second made without the first in
    hand: set beside it, the second narrows hidden teams down (``sa.crossing_groupings``)."""
    by_both, by_team = sa.crossing_groupings()
    first = audited_report_json(
        _report(aggregate(by_both, min_group_size=3, force_small_groups=True))
    )
    return first, _report(aggregate(by_team, min_group_size=3, force_small_groups=True))


@pytest.mark.parametrize("publish", PUBLISH)
def test_a_report_that_gives_an_earlier_ones_hidden_team_away_is_refused(publish: object) -> None:
    first, second = _crossing_reports()
    with pytest.raises(PrivacyError, match=r"failed the privacy audit .* G2: report 1, s0 / t0"):
        publish(second, [release_from_report(first)])  # type: ignore[operator]


def test_the_text_of_something_that_is_not_a_report_is_refused() -> None:
    with pytest.raises(ArgumentError, match=r"^audited_report_text: report: "):
        audited_report_text("not a report")  # type: ignore[arg-type]
