"""Group values folded into one spelling each, and identifying columns refused as groupings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import ImportOptions, import_csv
from wellbeing_framework.analysis._grouping import (
    MAX_NAME_WORDS,
    UNIQUE_MIN_ROWS,
    fold,
    reads_as_text,
)
from wellbeing_framework.analysis.results import GroupMerge
from wellbeing_framework.errors import DataImportError

OPTIONS = ImportOptions(checklists=sa.INDIVIDUAL, group_columns=["Team"], wave="2025")


def _import(rows: list[str], header: str = "Team,I take my breaks.", **keywords: object):
    data = ("\n".join([header, *rows]) + "\n").encode()
    return import_csv(data, OPTIONS, catalog=sa.CATALOG, source="e.csv", **keywords)  # type: ignore[arg-type]


def test_spellings_of_one_group_are_one_group_and_the_most_common_is_kept() -> None:
    rows = [
        "Team A,yes",
        "Team A,no",
        "team a ,yes",
        '"Team\u00a0A",no',
        "  Team  B,yes",
        "Team B,no",
        "e\u0301,no",
    ]
    rows.append("\u00e9,yes")  # é composed and decomposed are one value
    result = _import(rows)
    assert result.responses.paths == ((("Team A",), ("Team B",), ("é",)),)
    assert result.reconciliation.merged_groups == (
        GroupMerge(column="Team", kept="Team A", merged=("team a",)),
    )
    assert "merged in 'Team': 'team a' into 'Team A'" in result.reconciliation.summary()


def test_waves_are_folded_too() -> None:
    result = _import(
        ["A,2025,yes", "A,2025 ,no", "A,2026,yes", "A,2026,no"],
        header="Team,Round,I take my breaks.",
        wave=None,
        wave_column="Round",
    )
    assert result.responses.waves == ("2025", "2026")


@given(st.text(max_size=20))
def test_folding_is_idempotent_and_ignores_case_and_spaces(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(f"  {text.upper()}\u00a0 ") == fold(text.upper())


@pytest.mark.parametrize("heading", ["Email", "Name", "ResponseId", "IP Address", "Staff number"])
def test_an_identifying_heading_is_refused_as_a_group(heading: str) -> None:
    with pytest.raises(DataImportError) as info:
        _import(["x,yes"], header=f"{heading},I take my breaks.", group_columns=[heading])
    assert str(info.value) == (
        f"e.csv, column {heading!r}: cannot be a group column: its heading names a direct "
        "identifier, which is dropped at import and never published"
    )


def test_a_column_of_emails_is_refused_without_showing_one() -> None:
    rows = ["Team A,yes"] * 30 + ["sam.patel@example.org,no"]
    with pytest.raises(DataImportError) as info:
        _import(rows)
    message = str(info.value)
    assert "1 of its values look like email addresses" in message
    assert "column 'Team'" in message
    assert "sam" not in message


def test_a_column_unique_for_most_rows_is_refused_as_any_grouping() -> None:
    people = [f"Person {k},A,yes" for k in range(UNIQUE_MIN_ROWS)]
    header = "Who,Team,I take my breaks."
    for role, keywords in (
        ("group", {"group_columns": ["Who"]}),
        ("wave", {"wave": None, "wave_column": "Who"}),
        ("dimension", {"dimension_columns": ["Who"]}),
    ):
        with pytest.raises(DataImportError) as info:
            _import(people, header=header, **keywords)
        assert f"cannot be a {role} column: 20 of its 20 rows hold a value no other row" in str(
            info.value
        )
        assert "Person" not in str(info.value)


def test_small_files_and_real_groupings_are_not_refused() -> None:
    # 19 people in 19 teams: too few rows to tell; 40 people in 15 teams: a grouping.
    assert _import([f"T{k},yes" for k in range(UNIQUE_MIN_ROWS - 1)]).responses.n_rows == 19
    rows = [f"T{k % 15},yes" for k in range(40)]
    assert _import(rows).responses.n_rows == 40


@pytest.mark.parametrize(
    "value",
    [
        "My manager shouted at me on the night shift",
        "Why does nobody listen?",
        "Help!",
        "It is awful here.",
    ],
)
def test_a_sentence_typed_into_one_team_cell_refuses_that_row_only(value: str) -> None:
    rows = [*["Day team,yes"] * 3, f'"{value}",no', *["Out of hours team,yes"] * 2]
    result = _import(rows)
    assert result.responses.paths == ((("Day team",), ("Out of hours team",)),)
    (rejected,) = result.reconciliation.rejections
    assert (rejected.row, rejected.column) == (5, "Team")
    assert "reads as a sentence" in rejected.reason
    assert value[:5] == (rejected.value or "").rstrip("…")[:5]
    # The data owner's account shows five characters of it, to find the cell by; no more.
    assert len(value) <= 5 or value not in result.reconciliation.summary()


@given(st.lists(st.sampled_from(["Team", "North", "Dr.", "St.", "B", "of", "hours", "(East)"])))
def test_names_of_a_few_words_never_read_as_a_sentence(words: list[str]) -> None:
    name = " ".join(words[:MAX_NAME_WORDS])
    assert not reads_as_text(name) or (len(name.split()) >= 3 and name.endswith("."))


def test_a_long_name_shared_by_many_rows_is_a_group() -> None:
    long_name = "Community mental health team for older adults north"
    result = _import([f"{long_name},yes", f"{long_name},no"])
    assert result.responses.paths == (((long_name,),),)
    assert not result.reconciliation.rejections


@given(
    st.lists(st.sampled_from(["Team A", "team a ", "Team\u00a0A", "B", " ", "", "c"]), min_size=1),
    st.data(),
)
def test_folded_codes_are_int32_and_name_each_rows_own_value(
    values: list[str], data: st.DataObject
) -> None:
    """Whatever the type of the codes read (one byte for a small column), each row's folded code
    is int32, as Responses keeps it, and names a spelling of that row's value (-1: blank)."""
    import numpy as np

    from wellbeing_framework.analysis._grouping import fold_column
    from wellbeing_framework.analysis._tables import Column, code_type

    rows = data.draw(st.lists(st.integers(0, len(values) - 1), max_size=40))
    codes = np.asarray(rows, dtype=code_type(len(values)))
    names, folded, blank, _ = fold_column(Column(name="Team", values=values, codes=codes), "Team")
    assert folded.dtype == np.int32
    for r, k in enumerate(rows):
        if fold(values[k]):
            assert fold(names[folded[r]]) == fold(values[k])
        else:
            assert folded[r] == -1
            assert blank[r]


@given(
    st.text(max_size=12)
    | st.text(st.sampled_from(list("Tm A-.é\u00a0\u2003\t\n\x0b\x1c\x1f\u0301e")), max_size=12)
)
def test_a_name_is_tidied_as_the_regular_expression_tidies_it(text: str) -> None:
    """The short cut for plain ASCII names gives what NFC and the space pattern give."""
    import re
    import unicodedata

    from wellbeing_framework.analysis._grouping import tidy

    expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    assert tidy(text) == expected
