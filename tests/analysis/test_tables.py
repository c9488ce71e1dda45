"""A column as every reader hands it to the import: its distinct values and a small code per row,
owned by numpy, so that the Arrow table it came from can be freed at once."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework.analysis import _csvfile as csvfile
from wellbeing_framework.analysis._tables import arrow_column, code_type

pa = pytest.importorskip("pyarrow")

_CELLS = st.none() | st.sampled_from(["", "a", "b", "Team A", "é", "x" * 40])


@given(st.lists(st.lists(_CELLS, max_size=30), min_size=1, max_size=4), st.booleans())
def test_an_arrow_column_is_its_cells_in_the_smallest_codes(
    chunks: list[list[str | None]], encoded: bool
) -> None:
    arrays = [pa.array(c, type=pa.string()) for c in chunks]
    if encoded:
        arrays = [a.dictionary_encode() for a in arrays]
    column = arrow_column("Team", pa.chunked_array(arrays, type=arrays[0].type))
    cells = [c or "" for chunk in chunks for c in chunk]
    assert [column.values[k] for k in column.codes.tolist()] == cells
    assert column.codes.dtype == code_type(len(column.values))
    # Its own memory, not a view of an Arrow buffer that would keep the table alive.
    assert column.codes.base is None


def test_text_that_is_not_utf8_in_any_chunk_is_found_once_the_chunks_are_joined() -> None:
    # A CSV is parsed without checking its text: each column's distinct values are checked once
    # its chunks (one per block of the file) are joined, a bad byte in the last chunk too.
    good = pa.array(["a", "b"]).dictionary_encode()
    bad = pa.array([b"a", b"Caf\xe9"], type=pa.binary()).view(pa.string()).dictionary_encode()
    column = pa.chunked_array([good, good, bad])
    with pytest.raises(pa.ArrowInvalid):
        arrow_column("Team", column, check_utf8=True)
    assert arrow_column("Team", pa.chunked_array([good, good]), check_utf8=True).values == [
        "a",
        "b",
    ]


def test_code_types_grow_with_the_distinct_values() -> None:
    assert code_type(0) == code_type(256) == np.uint8
    assert code_type(257) == code_type(1 << 16) == np.uint16
    assert code_type((1 << 16) + 1) == np.int32


def test_a_parsed_csv_holds_nothing_of_arrows() -> None:
    """Once its columns are codes the parsed table is freed: what Arrow kept while the import
    went on would sit under everything it builds next."""
    rows = "".join(f"T{k % 7},agree,yes\r\n" for k in range(5000))
    raw = ("Team,I feel safe to speak up.,I take my breaks.\r\n" + rows).encode()
    before = pa.total_allocated_bytes()
    loaded = csvfile.parse(
        raw,
        encoding="utf-8",
        fallback=False,
        sep=",",
        header=["Team", "I feel safe to speak up.", "I take my breaks."],
        skip=1,
        needed=[0, 1, 2],
        source="upload.csv",
    )
    assert loaded.n_rows == 5000
    assert [loaded.columns[0].values[k] for k in loaded.columns[0].codes[:8]] == [
        f"T{k}" for k in range(7)
    ] + ["T0"]
    # A reader thread of Arrow's may free its last block a moment after the parse returns.
    deadline = time.monotonic() + 5
    while pa.total_allocated_bytes() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pa.total_allocated_bytes() <= before
