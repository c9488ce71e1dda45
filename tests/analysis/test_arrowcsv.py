"""Reading a CSV in two halves at once: the same table as one reader's, or none when the cut falls
inside a quoted value, wherever the cut is and whatever the cells hold."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework import ImportOptions, import_csv
from wellbeing_framework.analysis import _arrowcsv as arrowcsv
from wellbeing_framework.analysis import _csvfile as csvfile

_CELLS = st.text(alphabet='ab ,"\n\r\x00', max_size=6)


def _whole(
    data: bytes, names: list[str], needed: list[int]
) -> tuple[pa.Table, list[tuple[int | None, int]]]:
    """One reader's table, on one thread, and its rows of the wrong length with their numbers."""
    bad: list[tuple[int | None, int]] = []
    table = csvfile._read_table(
        data, "utf-8", ",", names, 1, needed, bad, ordered=True, multiline=True
    )
    return table, bad


def _inside_quotes(data: bytes, cut: int) -> bool:
    """Whether the cut is inside a quoted value, by the standard library's reader."""
    ends = [0]
    reader = csv.reader(io.StringIO(data.decode(), newline=""))
    for _ in reader:
        ends.append(reader.line_num)
    lines = data[:cut].count(b"\n") + data[:cut].count(b"\r") - data[:cut].count(b"\r\n")
    return lines not in ends


@given(
    width=st.integers(2, 4),
    rows=st.lists(st.lists(_CELLS, min_size=4, max_size=4), min_size=1, max_size=12),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    ragged=st.booleans(),
)
def test_two_halves_read_as_the_whole_file_or_not_at_all(
    width: int, rows: list[list[str]], quoting: int, ragged: bool
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=quoting, lineterminator="\n")
    names = [f"c{k}" for k in range(width)]
    writer.writerow(names)
    for k, row in enumerate(rows):
        writer.writerow(row[: width + 1] if ragged and k == len(rows) // 2 else row[:width])
    data = out.getvalue().encode()
    needed = list(range(1, width))
    whole, whole_bad = _whole(data, names, needed)
    cuts = [k + 1 for k, byte in enumerate(data[:-1]) if byte == ord("\n")]
    for cut in cuts:
        bad: list[tuple[int | None, int]] = []
        halves = arrowcsv.read_halves(data, cut, "utf8", ",", names, 1, needed, bad, True)
        if _inside_quotes(data, cut):
            assert halves is None, cut
            continue
        assert halves is not None, cut
        assert halves.to_pylist() == whole.to_pylist()
        assert bad == whole_bad  # numbered as in one reader, in order


@pytest.mark.parametrize("ragged", [True, False])
@pytest.mark.parametrize("inside", [True, False])
def test_a_large_export_imports_the_same_read_in_halves(
    monkeypatch: pytest.MonkeyPatch, inside: bool, ragged: bool
) -> None:
    rows = [f'A,yes,"{k}"' for k in range(3000)] + ["B,no,x", "B,yes,y"] * 20
    rows[1500] = 'C,maybe,"two\nlines"' if inside else "C,maybe,one line"
    if ragged:
        rows[1507] = "B,yes,surplus,cell"
    text = "Team,I take my breaks.,Comment\n" + "\n".join(rows) + "\n"
    data = text.encode()
    options = ImportOptions(checklists=sa.INDIVIDUAL, group_columns=["Team"], wave="2025")
    whole = import_csv(data, options, catalog=sa.CATALOG).reconciliation
    # The cut just after "two\n", inside the quoted value, or after the row in its place.
    cut = text.index("C,maybe,") + (len('C,maybe,"two\n') if inside else len(rows[1500]) + 1)
    halves: list[object] = []
    read_halves = arrowcsv.read_halves

    def spied(*args: object) -> object:
        halves.append(read_halves(*args))  # type: ignore[arg-type]
        return halves[-1]

    monkeypatch.setattr(csvfile, "middle_line_end", lambda raw, width: cut)
    monkeypatch.setattr(csvfile, "read_halves", spied)
    split = import_csv(data, options, catalog=sa.CATALOG).reconciliation
    assert halves, "the file was cut in two"
    # Inside a quoted value the halves are refused, and the file is read whole.
    assert (halves[0] is None) is inside
    assert split.summary() == whole.summary()
    assert [r.row for r in split.rejections] == [r.row for r in whole.rejections]
    assert split.rows_read == whole.rows_read == len(rows)


def test_only_a_large_file_of_one_byte_line_feeds_is_cut() -> None:
    big = b"a,b\n" + b"1,2\n" * (arrowcsv.SPLIT_BYTES // 4)
    assert arrowcsv.middle_line_end(big, 2) == len(big) // 2 + 4 - len(big) // 2 % 4
    assert arrowcsv.middle_line_end(big, 1) is None  # a row of one cell: the cut is unchecked
    assert arrowcsv.middle_line_end(big[:1000], 2) is None
    assert arrowcsv.middle_line_end(big.replace(b"\n", b"\r"), 2) is None


def test_a_line_like_the_one_after_the_first_half_does_not_pass_for_it() -> None:
    # The file holds that line itself, and the cut is inside the quoted value that follows.
    text = f'a,b\n1,2\n{arrowcsv._LAST_LINE}\n3,"x\ny"\n4,5\n'
    cut = text.index("y")
    bad: list[tuple[int | None, int]] = []
    assert (
        arrowcsv.read_halves(text.encode(), cut, "utf8", ",", ["a", "b"], 1, [1], bad, True) is None
    )


@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "windows-1252", "latin-1"])
def test_a_file_whose_line_feed_bytes_are_line_feeds_is_cut(encoding: str) -> None:
    assert csvfile._lf_bytes(encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32", "no-such-codec"])
def test_a_file_whose_line_feed_bytes_may_be_part_of_a_character_is_not(encoding: str) -> None:
    assert not csvfile._lf_bytes(encoding)


def test_a_byte_order_mark_just_after_the_cut_is_read_as_one_reader_reads_it() -> None:
    # A UTF-8 byte-order mark inside the file (two exports joined, say) is part of the row's
    # first cell for one reader; the second half's reader must not take it for its own mark.
    data = "a,b\n1,2\n\ufeffB,4\n5,6\n".encode()
    whole, whole_bad = _whole(data, ["a", "b"], [0, 1])
    cut = data.index("\ufeff".encode())
    bad: list[tuple[int | None, int]] = []
    halves = arrowcsv.read_halves(data, cut, "utf8", ",", ["a", "b"], 1, [0, 1], bad, True)
    assert halves is None or (halves.to_pylist(), bad) == (whole.to_pylist(), whole_bad)
