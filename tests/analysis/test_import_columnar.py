"""Parquet and Arrow IPC exports: read in batches into the same answers as a CSV or an in-memory
table, identifying columns never read, and every bad file refused with what was expected."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import ImportOptions, import_csv, import_frame
from wellbeing_framework.analysis import _columnar as columnar
from wellbeing_framework.errors import DataImportError

OPTIONS = ImportOptions(checklists=sa.INDIVIDUAL, group_columns=["Team"], wave="2025")
SPEAK, BREAKS = "I feel safe to speak up.", "I take my breaks."


def _table(teams: list[str | None], speak: list[str | None], **extra: pa.Array) -> pa.Table:
    columns = {
        "Email address": pa.array([f"p{k}@example.org" for k in range(len(teams))]),
        "Team": pa.array(teams, pa.string()),
        SPEAK: pa.array(speak, pa.string()),
        **extra,
    }
    return pa.table(columns)


def _write(table: pa.Table, path: Path, kind: str, **keywords: object) -> Path:
    if kind == "parquet":
        pq.write_table(table, path, **keywords)  # type: ignore[arg-type]
    elif kind == "feather":
        feather.write_feather(table, str(path), **keywords)  # type: ignore[arg-type]
    else:
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as out:
            out.write_table(table, max_chunksize=3)
    return path


def _import(data: object, **keywords: object):
    return import_csv(data, OPTIONS, catalog=sa.CATALOG, **keywords)  # type: ignore[arg-type]


KINDS = ["parquet", "feather", "stream"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_columnar_file_imports_like_the_same_table_in_memory(tmp_path: Path, kind: str) -> None:
    table = _table(
        ["A", "B", None, "a ", "B"],
        ["Agree", "disagree", "Agree", "not an answer", None],
        **{BREAKS: pa.array(["yes", "no", "partly", None, "Yes"])},
    )
    path = _write(table, tmp_path / f"export.{kind}", kind)
    expected = import_frame(table, OPTIONS, catalog=sa.CATALOG)
    for data in (path, path.read_bytes(), io.BytesIO(path.read_bytes())):
        result = _import(data, source=f"export.{kind}")
        rec = result.reconciliation
        assert (rec.rows_read, rec.rows_accepted) == (5, 3)
        # Rows count from the first row of data; the bad value is named, never echoed whole.
        assert [(r.row, r.column) for r in rec.rejections] == [(3, "Team"), (4, SPEAK)]
        assert rec.dropped_columns == ("Email address",)
        assert np.array_equal(result.responses.option, expected.responses.option)
        assert result.responses.paths == expected.responses.paths
        assert [m.merged for m in rec.merged_groups] == [("a",)]


def test_identifying_columns_are_never_read(tmp_path: Path) -> None:
    # A column no import could read (lists) is fine where it is dropped: it is never decoded.
    table = _table(["A", "B"], ["Agree", "Agree"]).set_column(
        0, "Email address", pa.array([[1], [2]])
    )
    rec = _import(_write(table, tmp_path / "e.parquet", "parquet")).reconciliation
    assert rec.rows_accepted == 2
    assert rec.dropped_columns == ("Email address",)


def test_numbers_dates_and_dictionaries_are_read_as_text(tmp_path: Path) -> None:
    table = pa.table(
        {
            "Team": pa.array([3, 3, 4, 4]),  # a number is its text: "3"
            SPEAK: pa.array(["Agree", "Disagree", "Agree", "Agree"]).dictionary_encode(),
            "Wave": pa.array([datetime.date(2025, 3, 1)] * 4),
        }
    )
    options = ImportOptions(checklists=sa.INDIVIDUAL, group_columns=["Team"], wave_column="Wave")
    result = import_csv(
        _write(table, tmp_path / "t.feather", "feather"), options, catalog=sa.CATALOG
    )
    assert result.responses.paths == ((("3",), ("4",)),)
    assert result.responses.waves == ("2025-03-01",)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "team d", None]),
            st.sampled_from(["Agree", "Disagree", "strongly agree", "", None, "maybe"]),
        ),
        min_size=1,
        max_size=60,
    ),
    batch=st.integers(1, 8),
    group=st.integers(1, 20),
    kind=st.sampled_from(KINDS),
)
def test_any_batching_gives_the_import_of_the_whole_table(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[tuple[str | None, str | None]],
    batch: int,
    group: int,
    kind: str,
) -> None:
    # New values keep turning up in later batches and row groups; codes must stay one list.
    monkeypatch.setattr(columnar, "BATCH_ROWS", batch)
    table = _table([t for t, _ in rows], [a for _, a in rows])
    keywords = {"row_group_size": group} if kind == "parquet" else {}
    path = _write(table, tmp_path / f"x.{kind}", kind, **keywords)
    expected = import_frame(table, OPTIONS, catalog=sa.CATALOG)
    got = _import(path)
    assert got.reconciliation.rejections == expected.reconciliation.rejections
    assert got.reconciliation.rows_accepted == expected.reconciliation.rows_accepted
    assert np.array_equal(got.responses.option, expected.responses.option)
    assert got.responses.paths == expected.responses.paths


def test_a_column_of_lists_is_refused_naming_the_file_and_column(tmp_path: Path) -> None:
    table = _table(["A"], ["Agree"]).set_column(1, "Team", pa.array([["A", "B"]]))
    with pytest.raises(DataImportError) as info:
        _import(_write(table, tmp_path / "lists.parquet", "parquet"))
    assert info.value.source == "lists.parquet"
    assert info.value.column == "Team"
    assert "expected one text, number, date or true/false per cell" in str(info.value)


def test_bytes_that_are_not_utf8_are_refused_naming_the_row(tmp_path: Path) -> None:
    table = _table(["A", "B", "C"], ["Agree"] * 3).set_column(
        1, "Team", pa.array([b"A", b"B", b"\xff\xfe"], pa.binary())
    )
    with pytest.raises(DataImportError) as info:
        _import(_write(table, tmp_path / "bytes.feather", "feather"))
    assert (info.value.row, info.value.column) == (3, "Team")
    assert "is not UTF-8 text: expected text" in str(info.value)


def test_a_damaged_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = _write(_table(["A"] * 50, ["Agree"] * 50), tmp_path / "cut.parquet", "parquet")
    with pytest.raises(DataImportError, match=r"^cut\.parquet: not a readable Parquet file"):
        _import(path.read_bytes()[:-30], source="cut.parquet")
    with pytest.raises(DataImportError, match="not a readable Arrow IPC"):
        _import(b"ARROW1\x00\x00garbage", source="x.arrow")


def test_feather_version_1_is_refused_with_what_to_write_instead() -> None:
    with pytest.raises(DataImportError, match=r"Feather version 1 .* expected Feather version 2"):
        _import(b"FEA1" + b"\x00" * 64, source="old.feather")


def test_a_repeated_column_name_is_refused(tmp_path: Path) -> None:
    table = pa.Table.from_arrays([pa.array(["A"]), pa.array(["B"])], names=["Team", "Team"])
    with pytest.raises(DataImportError) as info:
        _import(_write(table, tmp_path / "twice.feather", "feather"))
    assert info.value.column == "Team"
    assert "expected each column named once" in str(info.value)


def test_an_empty_table_says_so(tmp_path: Path) -> None:
    with pytest.raises(DataImportError, match="no responses"):
        _import(_write(_table([], []), tmp_path / "empty.parquet", "parquet"))


def test_the_command_line_reads_parquet_as_it_reads_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    import pyarrow.csv as pacsv

    from wellbeing_framework.cli import main

    staff = Path(__file__).resolve().parents[2] / "examples" / "data" / "staff-survey.csv"
    text = pacsv.read_csv(staff, convert_options=pacsv.ConvertOptions(column_types={}))
    table = text.cast(pa.schema([(n, pa.string()) for n in text.column_names]))
    parquet = _write(table, tmp_path / "staff-survey.parquet", "parquet")
    common = [
        *("--pack", "crisis-services", "--group-columns", "Service,Team"),
        *("--checklist", ",".join(f"{t}-checklist-individual" for t in ("ps", "rp", "tw", "lay"))),
        *("--wave-column", "Survey round"),
    ]
    reports = []
    for path in (staff, parquet):
        out = tmp_path / f"{path.suffix[1:]}.json"
        assert main(["import", str(path), *common, "--check"]) == 1  # rows rejected on purpose
        assert main(["report", str(path), *common, "--format", "json", "-o", str(out)]) == 0
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    capsys.readouterr()
    csv_report, parquet_report = reports
    assert parquet_report["cells"] == csv_report["cells"]
    assert parquet_report["import"]["rows_accepted"] == csv_report["import"]["rows_accepted"]
    # The CSV's header is its row 1; a table's first row of data is row 1.
    assert [r["row"] + 1 for r in parquet_report["import"]["rejections"]] == [
        r["row"] for r in csv_report["import"]["rejections"]
    ]
