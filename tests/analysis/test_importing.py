"""Importing forms-tool exports: matching, identifiers, reconciliation and every bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from strategies import analysis as sa

from wellbeing_framework import aggregate, import_csv, import_frame, unstructure
from wellbeing_framework.analysis import read_mapping
from wellbeing_framework.analysis.importing import fold_heading
from wellbeing_framework.analysis.results import MatchedBy
from wellbeing_framework.errors import DataImportError

HEADER = [
    "Timestamp",
    "Email address",
    "Name",
    "Team",
    "I feel safe to speak up.",
    "I can ask for help, without judgement!",
    "I take my breaks.",
    "Any comments?",
]
AGREE = (
    "expected one of: Strongly disagree, Disagree, Neither agree nor disagree, Agree, "
    "Strongly agree"
)


def _write(path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False) -> Path:
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _import(path: Path, **kwargs: object):
    options: dict[str, object] = {
        "catalog": sa.CATALOG,
        "checklists": sa.INDIVIDUAL,
        "group_columns": ["Team"],
        "wave": "2025",
    }
    options.update(kwargs)
    return import_csv(path, **options)  # type: ignore[arg-type]


def _forms_export(sep: str = ",", newline: str = "\r\n") -> str:
    def row(cells: list[str]) -> str:
        return sep.join(f'"{c}"' if (sep in c or "\n" in c or "," in c) else c for c in cells)

    rows = [
        HEADER,
        [
            "2025/03/01 10:00",
            "a@example.org",
            "Ann",
            "Team A",
            "Agree",
            "Strongly agree",
            "Yes",
            "Line one\nline two",
        ],
        ["2025/03/01 10:05", "b@example.org", "Bo", "Team A", "Maybe", "agree", "No", ""],
        ["2025/03/01 10:09", "c@example.org", "Cy", "", "Disagree", "", "Not sure", "nothing"],
        [
            "2025/03/01 10:12",
            "d@example.org",
            "Di",
            "Team B",
            "STRONGLY-DISAGREE",
            "",
            "partly",
            "",
        ],
    ]
    return newline.join(row(r) for r in rows) + newline


@pytest.mark.parametrize(
    ("sep", "newline", "bom"),
    [
        (",", "\r\n", True),
        (",", "\n", False),
        (";", "\r\n", True),
        ("\t", "\n", False),
        ("|", "\r\n", False),
    ],
)
def test_a_forms_export_is_reconciled(tmp_path: Path, sep: str, newline: str, bom: bool) -> None:
    path = _write(tmp_path / "export.csv", _forms_export(sep, newline), bom=bom)
    result = _import(path)
    rec = result.reconciliation
    assert (rec.rows_read, rec.rows_accepted, rec.rows_rejected) == (4, 2, 2)
    assert [str(r) for r in rec.rejections] == [
        f"row 3, column 'I feel safe to speak up.': 'Maybe' is not an answer on the scale "
        f"'agree-5' ({AGREE})",
        "row 4, column 'Team': is blank: expected a Team for every row",
    ]
    assert rec.dropped_columns == ("Timestamp", "Email address", "Name", "Any comments?")
    assert rec.identifier_columns == ("Timestamp", "Email address", "Name")
    assert rec.unmatched_columns == ("Any comments?",)
    assert rec.missing == 1  # Di left the second item blank: missing, not rejected
    assert rec.answers == 6
    # Bo's row is refused, so Ann alone is Team A among the rows kept, as Di is Team B: a value
    # held by one accepted row is reported under "(other)", and the data owner told which rows.
    assert [(p.row, p.column, p.value) for p in rec.pooled] == [
        (2, "Team", "Team …"),
        (5, "Team", "Team …"),
    ]
    responses = result.responses
    assert responses.paths == ((("(other)",),),)
    # Ann: agree, strongly agree, yes; Di: strongly disagree, blank, partly.
    assert responses.option.reshape(2, 3).tolist() == [[3, 4, 0], [0, -1, 1]]


def test_free_text_never_reaches_the_responses_or_the_results(tmp_path: Path) -> None:
    path = _write(tmp_path / "export.csv", _forms_export())
    result = _import(path)
    results = aggregate(result.responses, min_group_size=1, force_small_groups=True)
    published = repr([unstructure(c) for c in results.cells]) + repr(result.responses.items)
    for secret in ("Line one", "nothing", "Ann", "a@example.org"):
        assert secret not in published
    assert "Any comments?" in result.reconciliation.dropped_columns


def test_columns_match_by_id_by_wording_and_by_mapping(tmp_path: Path) -> None:
    text = "team,SAFE-SPEAK,  i can ask for HELP without judgement ,Q7\nT,agree,agree,yes\n"
    path = _write(tmp_path / "e.csv", text)
    result = _import(path, group_columns=["Team"], mapping={"Q7": "rest-breaks"})
    matched = {c.column: (c.matched_by, c.target) for c in result.reconciliation.columns}
    assert matched["SAFE-SPEAK"] == (MatchedBy.ID, "demo:safe-speak")
    assert matched["  i can ask for HELP without judgement "] == (MatchedBy.TEXT, "demo:safe-ask")
    assert matched["Q7"] == (MatchedBy.MAPPING, "demo:rest-breaks")
    assert matched["team"] == (MatchedBy.GROUP, None)


def test_a_grid_question_and_a_numbered_question_match_their_items(tmp_path: Path) -> None:
    text = (
        "Team,How far do you agree? [I feel safe to speak up],3. I take my breaks.\nT,Agree,Yes\n"
    )
    result = _import(_write(tmp_path / "e.csv", text))
    assert [c.target for c in result.reconciliation.columns[1:]] == [
        "demo:safe-speak",
        "demo:rest-breaks",
    ]
    assert result.reconciliation.items_not_found == ("demo:safe-ask",)


@pytest.mark.parametrize("suffix", [".csv", ".toml"])
def test_a_mapping_file(tmp_path: Path, suffix: str) -> None:
    mapping = tmp_path / f"map{suffix}"
    if suffix == ".csv":
        mapping.write_text("column,item\nQ1,demo:safe-speak\nQ2,rest-breaks\n")
    else:
        mapping.write_text('[columns]\nQ1 = "demo:safe-speak"\nQ2 = "rest-breaks"\n')
    assert read_mapping(mapping) == {"Q1": "demo:safe-speak", "Q2": "rest-breaks"}
    result = _import(_write(tmp_path / "e.csv", "Team,Q1,Q2\nT,agree,no\n"), mapping=mapping)
    assert result.responses.option.tolist() == [3, 2]


def test_a_mapping_to_an_unknown_item_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", "Team,Q1\nT,agree\n")
    with pytest.raises(DataImportError) as info:
        _import(path, mapping={"Q1": "no-such-item"})
    assert str(info.value) == (
        "e.csv: the mapping sends 'Q1' to 'no-such-item', which is not an item of the "
        "checklists imported"
    )


def test_a_column_that_matches_nothing_is_reported_and_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", "Team,I feel safe to speak up.,Shoe size\nT,agree,9\n")
    rec = _import(path).reconciliation
    assert rec.unmatched_columns == ("Shoe size",)
    assert "Shoe size" in rec.dropped_columns
    assert "dropped, matched nothing: 'Shoe size'" in rec.summary()


def test_the_summary_lists_the_first_rejections_and_counts_the_rest(tmp_path: Path) -> None:
    bad = "T,maybe\n" * 5
    path = _write(tmp_path / "e.csv", "Team,I feel safe to speak up.\n" + "T,agree\n" * 2 + bad)
    rec = _import(path).reconciliation
    short = rec.summary(limit=2).splitlines()
    assert short[:4] == ["e.csv", "  rows read:     7", "  rows accepted: 2", "  rows rejected: 5"]
    assert short[-4:] == [
        "  rejected:",
        *(f"    {r}" for r in rec.rejections[:2]),
        "    ... and 3 more",
    ]
    every = rec.summary(limit=None)
    assert all(str(r) in every for r in rec.rejections)
    assert "more" not in every


def test_a_missing_group_column_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", "Unit,I feel safe to speak up.\nT,agree\n")
    with pytest.raises(DataImportError) as info:
        _import(path)
    assert str(info.value) == "e.csv: no group column 'Team' among the file's 2 columns"


def test_a_misspelt_group_column_names_the_closest_headings(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", "Teams,Unit,I feel safe to speak up.\nT,U,agree\n")
    with pytest.raises(DataImportError, match="the closest headings are 'Teams'"):
        _import(path)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n"])
def test_an_empty_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(content)
    with pytest.raises(DataImportError) as info:
        _import(path)
    assert str(info.value) == (
        "e.csv: the file is empty: expected a header row naming the columns, then one row per "
        "response"
    )


def test_a_header_without_rows_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", "Team,I feel safe to speak up.\r\n")
    with pytest.raises(DataImportError, match="has a header but no responses"):
        _import(path)


def test_no_item_column_at_all_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.csv", "Team,Colour\nT,red\n")
    with pytest.raises(DataImportError, match="no column matches an item of the checklists"):
        _import(path)


def test_a_ragged_row_is_rejected_with_its_row(tmp_path: Path) -> None:
    text = "Team,I feel safe to speak up.\nT,agree\nT,agree,extra\nT,disagree\n"
    rec = _import(_write(tmp_path / "e.csv", text)).reconciliation
    assert (rec.rows_read, rec.rows_accepted, rec.rows_rejected) == (3, 2, 1)
    assert [str(r) for r in rec.rejections] == [
        "row 3, column '(whole row)': has 3 cells where the header has 2: check the delimiter "
        "and the quoting (a value with the delimiter in it needs quotes)"
    ]


def test_a_utf16_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(
        "Team\tI feel safe to speak up.\r\nÉquipe\tAgree\r\nÉquipe\tAgree\r\n".encode("utf-16")
    )
    result = _import(path)
    assert result.responses.paths == ((("Équipe",),),)


def test_the_wrong_encoding_given_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes("Team,I feel safe to speak up.\nCafé,Agree\nCafé,Agree\n".encode("cp1252"))
    with pytest.raises(DataImportError, match=r"not in the utf-8-sig encoding .* --encoding"):
        _import(path, encoding="utf-8")
    assert _import(path, encoding="cp1252").responses.paths == ((("Café",),),)


def test_a_repeated_respondent_token_is_rejected_and_the_token_dropped(tmp_path: Path) -> None:
    text = "Token,Team,I take my breaks.\nr-1,A,yes\nr-2,A,no\nr-1,A,partly\n,A,yes\n"
    result = _import(_write(tmp_path / "e.csv", text), respondent_column="Token")
    rec = result.reconciliation
    assert [str(r) for r in rec.rejections] == [
        "row 4, column 'Token': repeats the respondent token of row 2 in wave '2025': one "
        "response per respondent and wave; the first is kept"
    ]
    assert "Token" in rec.dropped_columns
    assert result.responses.n_rows == 3


def test_a_wave_column_and_dimensions(tmp_path: Path) -> None:
    rows = ["A,2024,nurse,yes", "A,2024,nurse,no", "A,2025,,no", "A,2025,,yes", "A,,nurse,no"]
    text = "\n".join(["Team,Wave,Role,I take my breaks.", *rows]) + "\n"
    result = _import(
        _write(tmp_path / "e.csv", text), wave=None, wave_column="Wave", dimension_columns=["Role"]
    )
    assert result.responses.waves == ("2024", "2025")
    assert result.responses.dimension_values == (("(not given)", "nurse"),)
    assert [str(r) for r in result.reconciliation.rejections] == [
        "row 6, column 'Wave': is blank: expected a wave for every row"
    ]


def test_fold_heading_ignores_case_spacing_and_punctuation() -> None:
    assert fold_heading("  I can ask for help,\n without   JUDGEMENT! ") == (
        "i can ask for help without judgement"
    )


def test_a_dataframe_and_an_arrow_table_import_like_the_csv(tmp_path: Path) -> None:
    path = _write(tmp_path / "export.csv", _forms_export())
    from_csv = _import(path)
    frame = pd.read_csv(path, dtype=str)
    for data in (frame, pa.Table.from_pandas(frame)):
        result = import_frame(
            data, catalog=sa.CATALOG, checklists=sa.INDIVIDUAL, group_columns=["Team"], wave="2025"
        )
        assert result.reconciliation.rows_accepted == from_csv.reconciliation.rows_accepted
        assert [r.row for r in result.reconciliation.rejections] == [2, 3]  # first row is 1
        assert np.array_equal(result.responses.option, from_csv.responses.option)


def test_something_else_is_not_a_frame() -> None:
    with pytest.raises(DataImportError, match="expected a pandas DataFrame or a pyarrow Table"):
        import_frame([1, 2], catalog=sa.CATALOG, checklists=sa.INDIVIDUAL, group_columns=["T"])


@settings(max_examples=40)
@given(sa.csv_exports())
def test_the_import_always_reconciles(tmp_path_factory: pytest.TempPathFactory, export) -> None:
    text, expected = export
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    path.write_text(text, encoding="utf-8", newline="")
    rec = _import(path).reconciliation
    assert rec.rows_read == expected["rows"]
    assert rec.rows_read == rec.rows_accepted + rec.rows_rejected
    assert sorted({r.row for r in rec.rejections}) == expected["rejected_rows"]
    assert rec.missing == expected["missing"]
    assert set(rec.identifier_columns) == {"Timestamp", "Email"}
