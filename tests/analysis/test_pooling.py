"""A group, dimension or wave value held by one row only: a real team of one, or a person's name
typed into one Team cell. Group and dimension values are reported under "(other)" beside their
siblings (the row still counts); a wave value is refused. The value never reaches a report."""

from __future__ import annotations

import json

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import (
    ImportOptions,
    aggregate,
    import_csv,
    make_report,
    report_html,
    report_json,
    report_markdown,
)
from wellbeing_framework.analysis._coding import EXCERPT, POOLED_REASON
from wellbeing_framework.analysis._grouping import POOLED
from wellbeing_framework.analysis.gap import import_organisational

HEADER = "Service,Team,Role,I take my breaks."
OPTIONS = ImportOptions(
    checklists=sa.INDIVIDUAL,
    group_columns=["Service", "Team"],
    dimension_columns=["Role"],
    wave="2025",
)


def _import(rows: list[str], options: ImportOptions = OPTIONS, header: str = HEADER):
    data = ("\n".join([header, *rows]) + "\n").encode()
    return import_csv(data, options, catalog=sa.CATALOG, source="e.csv")


def _counts(results) -> dict[tuple[str, ...], int | None]:
    return {g.group: g.n for g in results.groups if not g.breakdown}


def test_a_real_team_of_one_still_counts_in_its_services_and_the_organisations_totals() -> None:
    rows = (
        ["Crisis,Day,nurse,yes"] * 6 + ["Crisis,Jane Okafor,nurse,no"] + ["Home,Late,nurse,yes"] * 5
    )
    result = _import(rows)
    assert result.responses.paths[1] == (("Crisis", POOLED), ("Crisis", "Day"), ("Home", "Late"))
    n = _counts(aggregate(result.responses, min_group_size=5))
    assert n[("Crisis",)] == 7
    assert n[()] == 12
    assert n[("Crisis", POOLED)] is None  # a group like any other: under the minimum, hidden
    assert result.reconciliation.rows_accepted == 12
    assert not result.reconciliation.rejections


def test_single_row_values_under_one_parent_pool_into_one_group_and_may_be_shown() -> None:
    singles = [f"Crisis,Lone {k},nurse,yes" for k in range(5)]
    rows = [*singles, "Home,Solo,nurse,no", *["Home,Late,nurse,yes"] * 5]
    result = _import(rows)
    assert result.responses.paths[1] == (("Crisis", POOLED), ("Home", POOLED), ("Home", "Late"))
    n = _counts(aggregate(result.responses, min_group_size=5))
    # Five values of one row each make a group of five: shown, as any group of five is.
    assert n[("Crisis", POOLED)] == 5
    assert n[("Home", POOLED)] is None


def test_a_service_of_one_row_pools_at_its_level_and_its_team_below_it() -> None:
    rows = ["Crisis,Day,nurse,yes"] * 5 + ["Jane Okafor,Night,nurse,no"]
    result = _import(rows)
    assert result.responses.paths == (
        ((POOLED,), ("Crisis",)),
        ((POOLED, POOLED), ("Crisis", "Day")),
    )


def test_a_group_spelt_other_in_the_file_is_the_pooled_group() -> None:
    rows = ["Crisis,(Other),nurse,yes"] * 3 + ["Crisis,Day,nurse,no"] * 3 + ["Crisis,Solo,nurse,no"]
    result = _import(rows)
    assert result.responses.paths[1] == (("Crisis", POOLED), ("Crisis", "Day"))
    assert (
        _counts(aggregate(result.responses, min_group_size=1, force_small_groups=True))[
            ("Crisis", POOLED)
        ]
        == 4
    )


def test_the_reconciliation_lists_pooled_rows_by_row_and_column_never_the_value() -> None:
    rows = [*["Crisis,Day,nurse,yes"] * 5, "Crisis,Jane Okafor,nurse,no", "Crisis,Day,hate it,yes"]
    rec = _import(rows).reconciliation
    assert [(p.row, p.column, p.value, p.reason) for p in rec.pooled] == [
        (7, "Team", "Jane …", POOLED_REASON),
        (8, "Role", "hate …", POOLED_REASON),
    ]
    assert all(len((p.value or "").rstrip("…")) <= EXCERPT for p in rec.pooled)
    shown = rec.summary(limit=None)
    assert "row 7, column 'Team': 'Jane …' held by one row only" in shown
    assert "Jane Okafor" not in shown
    assert "hate it" not in shown
    assert rec.rows_rejected == 0


def test_the_check_never_spells_a_pooled_value_whole_however_short() -> None:
    rows = [*["Crisis,Day,nurse,yes"] * 5, "Crisis,Jane,nurse,no", "Crisis,J,nurse,yes"]
    rec = _import(rows).reconciliation
    assert [p.value for p in rec.pooled] == ["Jan…", "…"]
    assert "Jane" not in rec.summary(limit=None)


def test_a_value_shared_only_with_a_refused_row_is_pooled_too() -> None:
    # The second "Jane Okafor" row is refused (not an answer), so one kept row holds the value.
    rows = [
        *["Crisis,Day,nurse,yes"] * 5,
        "Crisis,Jane Okafor,nurse,no",
        "Crisis,Jane Okafor,nurse,?",
    ]
    result = _import(rows)
    assert result.responses.paths[1] == (("Crisis", POOLED), ("Crisis", "Day"))
    assert [p.row for p in result.reconciliation.pooled] == [7]


def test_a_dimension_value_of_one_row_is_pooled() -> None:
    rows = ["Crisis,Day,nurse,yes"] * 5 + ["Crisis,Day,Jane Okafor,no"]
    result = _import(rows)
    assert result.responses.dimension_values == ((POOLED, "nurse"),)


def test_a_wave_value_of_one_row_is_refused_not_pooled() -> None:
    options = ImportOptions(checklists=sa.INDIVIDUAL, group_columns=["Team"], wave_column="Round")
    rows = ["Day,2025,yes"] * 5 + ["Day,Jane Okafor,no"]
    result = _import(rows, options, header="Team,Round,I take my breaks.")
    assert result.responses.waves == ("2025",)
    (rejected,) = result.reconciliation.rejections
    assert (rejected.row, rejected.column, rejected.value) == (7, "Round", "Jane …")
    assert "held by this row only" in rejected.reason


AGREED = ImportOptions(
    checklists=sa.INDIVIDUAL, group_columns=["Team"], wave_column="Round", rows_are_people=False
)


def test_a_file_of_agreed_statements_one_per_group_is_not_pooled() -> None:
    options = AGREED
    result = _import(
        ["Day,2025,yes", "Night,2025,no", "Late,2024,no"], options, "Team,Round,I take my breaks."
    )
    assert result.responses.paths == ((("Day",), ("Late",), ("Night",)),)
    assert result.responses.waves == ("2024", "2025")
    assert not result.reconciliation.pooled
    assert not result.reconciliation.rejections


# Names of one length from letters no boilerplate spells: none is a part of another or of the page.
NAMES = st.text(alphabet="bcdfghjkmnpqvwxz", min_size=7, max_size=7).map(lambda s: "Q" + s)


@settings(max_examples=30, deadline=None)
@given(
    teams=st.lists(
        st.tuples(st.sampled_from(["Crisis", "Home"]), NAMES, st.integers(1, 6)),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[1],
    ),
    single_service=st.booleans(),
    minimum=st.sampled_from([1, 3, 5]),
)
def test_no_value_held_by_one_row_reaches_any_page(
    teams: list[tuple[str, str, int]], single_service: bool, minimum: int
) -> None:
    rows = [f"{service},{team},nurse,yes" for service, team, n in teams for _ in range(n)]
    if single_service:
        rows.append("Qsolosrv,Qsoloteam,nurse,no")
    singles = {team for _, team, n in teams if n == 1} | (
        {"Qsolosrv", "Qsoloteam"} if single_service else set()
    )
    result = _import(rows)
    results = aggregate(result.responses, min_group_size=minimum, force_small_groups=minimum < 5)
    report = make_report(results, catalog=sa.CATALOG, reconciliation=result.reconciliation)
    pages = [json.dumps(report_json(report)), report_markdown(report), report_html(report)]
    for text in pages:
        assert not [name for name in singles if name.casefold() in text.casefold()]
    # And every name of two rows or more is still there, under its own name.
    shared = {team for _, team, n in teams if n > 1}
    assert shared <= {path[-1] for path in result.responses.paths[1]}


def test_leaders_answering_one_by_one_are_pooled_as_staff_are() -> None:
    def read(rows: list[str]):
        header = "Team,Round,We protect breaks."
        options = attrs.evolve(AGREED, checklists=sa.ORGANISATIONAL)
        return lambda people: _import(
            rows, attrs.evolve(options, rows_are_people=people), header=header
        )

    # One row per team and wave: agreed statements, kept under their own names.
    consensus = import_organisational(read(["Day,2025,yes", "Night,2025,no"]))
    assert consensus.responses.paths == ((("Day",), ("Night",)),)
    # Two leaders of one team: the survey mode, where the team of one leader is pooled.
    survey = import_organisational(read(["Day,2025,yes", "Day,2025,no", "Night,2025,no"]))
    assert survey.responses.paths == (((POOLED,), ("Day",)),)
