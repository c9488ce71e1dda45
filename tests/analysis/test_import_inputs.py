"""What an import can be handed, and the files that used to break it: bytes and uploads, source
names, encodings, line ends, blank lines, huge cells, bad delimiters, arbitrary bytes."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import Catalog, ImportOptions, import_csv, make_host
from wellbeing_framework.errors import DataImportError, WellbeingError

OPTIONS = ImportOptions(checklists=sa.INDIVIDUAL, group_columns=["Team"], wave="2025")
TEXT = "Team,I feel safe to speak up.,I take my breaks.\r\nA,agree,yes\r\nB,disagree,no\r\n"


def _import(data: object, **keywords: object):
    return import_csv(data, OPTIONS, catalog=sa.CATALOG, **keywords)  # type: ignore[arg-type]


def test_bytes_and_a_binary_upload_import_like_the_file(tmp_path: Path) -> None:
    path = tmp_path / "server-side-tmp4e9e70zo.csv"
    path.write_text(TEXT, encoding="utf-8", newline="")
    from_file = _import(path)
    for data in (TEXT.encode(), io.BytesIO(TEXT.encode())):
        result = _import(data, source="upload.csv")
        assert result.reconciliation.source == "upload.csv"
        assert result.responses.option.tolist() == from_file.responses.option.tolist()
    # A path is named by its file name, never its folders.
    assert from_file.reconciliation.source == "server-side-tmp4e9e70zo.csv"


def test_server_paths_never_reach_a_message(tmp_path: Path) -> None:
    path = tmp_path / "secret-folder" / "upload.csv"
    path.parent.mkdir()
    path.write_text("Team,Colour\nA,red\n", encoding="utf-8")
    with pytest.raises(DataImportError) as info:
        _import(path)
    assert "secret-folder" not in str(info.value)
    assert str(info.value).startswith("upload.csv: ")


def test_text_or_a_text_file_is_refused_without_echoing_it() -> None:
    with pytest.raises(DataImportError) as info:
        _import("ID,Name\n1,Jo Hughes jo.hughes@example.org\n")
    assert "Hughes" not in str(info.value)
    assert "pass it as bytes" in str(info.value)
    with pytest.raises(DataImportError, match="binary mode"):
        _import(io.StringIO(TEXT))
    with pytest.raises(DataImportError, match="expected a file path, bytes or a binary file"):
        _import(42)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataImportError, match="not a regular file"):
        _import(fifo)


@pytest.mark.parametrize(
    ("data", "encoding", "fallback"),
    [
        ("\ufeffTeam,I take my breaks.\r\nCafé,yes\r\n".encode(), "utf-8-sig", False),
        ("Team,I take my breaks.\r\nCafé,yes\r\n".encode(), "utf-8", False),
        ("Team\tI take my breaks.\r\nCafé\tyes\r\n".encode("utf-16"), "utf-16", False),
        ("Team,I take my breaks.\r\nCafé ’,yes\r\n".encode("cp1252"), "cp1252", True),
    ],
)
def test_encodings_are_worked_out_and_said(data: bytes, encoding: str, fallback: bool) -> None:
    rec = _import(data).reconciliation
    assert (rec.encoding, rec.encoding_fallback) == (encoding, fallback)
    assert rec.rows_accepted == 1
    assert ("not UTF-8, so it was read as cp1252" in rec.summary()) is fallback


# 140 kB before it, and 1.4 MB: pyarrow parses the file in blocks of 1 MB, each with its own
# values, so the second puts it in a later block.
@pytest.mark.parametrize("rows_before", [20_000, 200_000], ids=["first block", "later block"])
def test_cp1252_after_the_head_is_found_too(rows_before: int) -> None:
    rows = "".join("A,yes\r\n" for _ in range(rows_before))
    data = ("Team,I take my breaks.\r\n" + rows).encode() + "Café,no\r\nCafé,yes\r\n".encode(
        "cp1252"
    )
    result = _import(data)
    assert result.reconciliation.encoding_fallback
    assert ("Café",) in result.responses.paths[0]


def test_an_encoding_given_is_used() -> None:
    data = "Team,I take my breaks.\r\nÉquipe,yes\r\nÉquipe,no\r\n".encode("latin-1")
    assert _import(data, encoding="latin-1").responses.paths == ((("Équipe",),),)
    with pytest.raises(DataImportError, match="not a text encoding"):
        _import(data, encoding="no-such-codec")


def test_lone_cr_line_ends_are_read() -> None:
    rec = _import(TEXT.replace("\r\n", "\r").encode()).reconciliation
    assert (rec.rows_read, rec.rows_accepted) == (2, 2)


def test_rows_keep_their_numbers_after_blank_lines() -> None:
    text = "Team,I take my breaks.\n\nA,yes\n\n\nB,maybe\nC,no\n"
    rec = _import(text.encode()).reconciliation
    assert [r.row for r in rec.rejections] == [6]
    assert (rec.rows_read, rec.blank_rows) == (3, 3)


@pytest.mark.parametrize("gap", ["", "\n"])  # a blank line sends it to the standard library
def test_a_cell_over_the_csv_modules_limit_is_handled(gap: str) -> None:
    big = "x" * 200_000
    text = f"Team,I take my breaks.,Comment\nA,yes,{big}\n{gap}B,no,\n"
    rec = _import(text.encode()).reconciliation
    assert rec.rows_accepted == 2
    assert big not in rec.summary()


def test_one_ragged_row_is_rejected_and_the_rest_read_in_order() -> None:
    rows = ["A,yes"] * 500 + ["A,yes,surplus"] + ["B,no"] * 500 + ["C,maybe"]
    text = "Team,I take my breaks.\n" + "\n".join(rows) + "\n"
    rec = _import(text.encode()).reconciliation
    assert (rec.rows_read, rec.rows_rejected) == (1002, 2)
    assert [r.row for r in rec.rejections] == [502, 1003]


@pytest.mark.parametrize("delimiter", ["ab", "", '"', "\n", "a"])
def test_a_bad_delimiter_is_a_clear_error(delimiter: str) -> None:
    with pytest.raises(DataImportError, match="the delimiter must be one character"):
        _import(TEXT.encode(), delimiter=delimiter)


def test_a_rejected_value_is_cut_to_a_few_characters() -> None:
    secret = "Strongly disagree - I told my manager about my depression"
    text = f'Team,I take my breaks.\nA,"{secret}"\n'
    rec = _import(text.encode()).reconciliation
    assert rec.rejections[0].value == "Stron…"
    assert "depression" not in rec.summary()
    assert "depression" not in rec.rejections[0].reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_arbitrary_bytes_give_a_result_or_the_librarys_own_error(data: bytes) -> None:
    try:
        rec = _import(data, source="fuzz.csv").reconciliation
    except WellbeingError:
        return
    assert rec.rows_read == rec.rows_accepted + rec.rows_rejected


@st.composite
def _mangled_sheets(draw: st.DrawFn) -> bytes:
    """A real .xlsx with bytes flipped, cut short, or not a sheet at all behind the zip magic."""
    raw = (Path(__file__).parent / "fixtures" / "layouts" / "msforms.xlsx").read_bytes()
    how = draw(st.sampled_from(["flip", "cut", "junk"]))
    if how == "junk":
        return b"PK\x03\x04" + draw(st.binary(max_size=400))
    if how == "cut":
        return raw[: draw(st.integers(0, len(raw)))]
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@functools.cache
def _crisis() -> Catalog:
    return make_host().catalog()


CRISIS = ImportOptions(
    checklists=["crisis-services:ps-checklist-individual"], group_columns=["Team"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mangled_sheets())
def test_arbitrary_bytes_as_xlsx_give_a_result_or_the_librarys_own_error(data: bytes) -> None:
    try:
        rec = import_csv(data, CRISIS, catalog=_crisis(), source="fuzz.xlsx").reconciliation
    except WellbeingError:
        return
    assert rec.rows_read == rec.rows_accepted + rec.rows_rejected


def test_a_spreadsheet_sheet_by_name() -> None:
    raw = (Path(__file__).parent / "fixtures" / "layouts" / "msforms.ods").read_bytes()
    rec = import_csv(raw, CRISIS, catalog=_crisis(), sheet="Responses").reconciliation
    assert rec.rows_read == 12
    with pytest.raises(DataImportError, match="no sheet 'Nope': the file has 'Responses'"):
        import_csv(raw, CRISIS, catalog=_crisis(), sheet="Nope")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    from wellbeing_framework.analysis import _spreadsheets as spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED", 1000)
    raw = (Path(__file__).parent / "fixtures" / "layouts" / "msforms.xlsx").read_bytes()
    with pytest.raises(DataImportError, match="unpacks to"):
        _import(raw)


def test_line_breaks_inside_quoted_answers_anywhere_in_a_large_file() -> None:
    # Enough rows that some quoted line breaks fall where pyarrow splits the file into blocks.
    rows = [f'A,yes,"line one\nline two {k}"' if k % 3 == 0 else "B,no,x" for k in range(60_000)]
    text = "Team,I take my breaks.,Comment\n" + "\n".join(rows) + "\nC,maybe,\n"
    rec = _import(text.encode()).reconciliation
    assert (rec.rows_read, rec.rows_accepted) == (60_001, 60_000)
    assert [r.row for r in rec.rejections] == [60_002]


def test_a_comment_of_two_paragraphs_is_no_blank_row() -> None:
    text = 'Team,I take my breaks.,Comment\r\nA,yes,"First.\r\n\r\nSecond."\r\nB,maybe,""\r\n'
    rec = _import(text.encode()).reconciliation
    assert (rec.rows_read, rec.blank_rows) == (2, 0)
    assert [r.row for r in rec.rejections] == [3]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_blank_lines_after_the_last_row_are_no_rows(end: str) -> None:
    text = end.join(["Team,I take my breaks.", "A,yes", "B,maybe", "", "", ""])
    rec = _import(text.encode()).reconciliation
    assert (rec.rows_read, rec.rows_accepted) == (2, 1)
    assert [r.row for r in rec.rejections] == [3]


def test_a_row_with_only_its_identifying_cells_filled_is_a_row_not_a_blank_line() -> None:
    # pyarrow gives a blank line as a row of blanks: a real row whose every imported cell is
    # blank must still be counted and rejected with its number, at the end of the file too.
    text = "Email,Team,I take my breaks.\na@example.org,A,yes\nb@example.org,,\n"
    rec = _import(text.encode()).reconciliation
    assert (rec.rows_read, rec.rows_accepted, rec.blank_rows) == (2, 1, 0)
    assert [(r.row, r.column) for r in rec.rejections] == [(3, "Team")]


def test_blank_line_checks_see_through_quotes() -> None:
    from wellbeing_framework.analysis._csvfile import _inner_blank_line

    assert _inner_blank_line(b'a,"x\n\ny"\n\nb\n')
    assert not _inner_blank_line(b'"a"\r\n"x\r\n\r\ny"\r\nb')
    assert not _inner_blank_line(b"a\nb\n\n\n")  # at the end: no number changes
    assert _inner_blank_line(b"a\rb\r\rc")


def test_chunks_with_different_dictionaries_are_one_column() -> None:
    import pyarrow as pa

    from wellbeing_framework.analysis._tables import arrow_column

    first = pa.array(["b", "a", None, "b"]).dictionary_encode()
    second = pa.array(["c", "a", "c"]).dictionary_encode()
    column = arrow_column("Team", pa.chunked_array([first, second, first.slice(1, 2)]))
    assert [column.values[k] for k in column.codes] == ["b", "a", "", "b", "c", "a", "c", "a", ""]
