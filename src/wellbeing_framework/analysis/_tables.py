"""A table of text columns, as every reader hands it to the import: a CSV file (``csvfile``), a
spreadsheet (``spreadsheets``), a pandas DataFrame or a pyarrow Table (here).

Each column comes back dictionary-encoded, its distinct values once and a code per row, so that
matching answers to a scale is done once per distinct value, never once per cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ..errors import DataImportError

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "Column",
    "Loaded",
    "arrow_column",
    "code_type",
    "frame_columns",
    "frame_header",
    "integers",
    "release_arrow",
    "unique_names",
]


@attrs.frozen(kw_only=True, eq=False)
class Column:
    """One column, dictionary-encoded: its distinct raw values and a code per row (the
    smallest integer type that holds them, see :func:`code_type`: one byte for an answer)."""

    name: str
    values: list[str]
    codes: NDArray[Any]


@attrs.frozen(kw_only=True, eq=False)
class Loaded:
    """The columns an import asked for, and what the reader met on the way.

    Attributes:
        columns: Column index -> column, for the indexes asked for.
        n_rows: Rows in every column.
        row_numbers: Each row's number as a spreadsheet shows it; None when they simply count up
            from the first row after the header.
        ragged: ``(row number, cells)`` of each row with a different number of cells from the
            header: not read, rejected.
        blank_rows: Wholly blank rows skipped.
        encoding: The text encoding used, for a CSV.
        encoding_fallback: True when the bytes were not UTF-8 and cp1252 was used instead.
    """

    columns: dict[int, Column]
    n_rows: int
    row_numbers: NDArray[Any] | None = None
    ragged: tuple[tuple[int, int], ...] = ()
    blank_rows: int = 0
    encoding: str | None = None
    encoding_fallback: bool = False


def unique_names(header: list[str]) -> list[str]:
    """Headings made unique (a repeated heading gets an invisible suffix), as Arrow needs."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}\x00{seen[name]}")
    return out


def code_type(size: int) -> Any:
    """The smallest integer type that holds ``size`` codes: one byte per cell for a column of
    at most 256 distinct values (every answer column), so a million rows of 20 statements are
    held in 20 MB, not the 80 MB of Arrow's int32 indices."""
    import numpy as np

    return np.uint8 if size <= 1 << 8 else np.uint16 if size <= 1 << 16 else np.int32


def arrow_column(name: str, column: Any, *, check_utf8: bool = False) -> Column:
    """A pyarrow column as distinct values and codes; nulls become blanks.

    The codes are numpy's own (copied out of Arrow, in :func:`code_type`), never a view of an
    Arrow buffer, so that the table can be freed as soon as its columns are converted.

    ``check_utf8`` validates the distinct values, once, after the chunks are joined (a CSV is
    parsed without checking its text): every value of every chunk is in the joined dictionary,
    and checking it is one call per column rather than one per block of the file (20 ms of
    Python for a million rows of 24 columns). Raises ``pyarrow.ArrowInvalid`` when they are
    not UTF-8."""
    import numpy as np
    import pyarrow as pa

    if not pa.types.is_dictionary(column.type) or column.null_count:
        # Only here: a CSV's columns are read as dictionaries without nulls, and importing
        # pyarrow's compute functions is a tenth of the command's start (25 ms).
        import pyarrow.compute as pc

        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            column = pc.cast(column, pa.string())
        column = pc.fill_null(column, "").dictionary_encode()
    if not column.num_chunks:
        return Column(name=name, values=[], codes=np.zeros(0, dtype=np.uint8))
    # One array: pyarrow concatenates the chunks (one per block of the file) and unifies their
    # dictionaries in C++, four times as fast as doing it chunk by chunk here.
    whole = column.combine_chunks() if column.num_chunks > 1 else column.chunk(0)
    if check_utf8:
        whole.dictionary.validate(full=True)
    values = [str(v) for v in whole.dictionary.to_pylist()]
    codes = _indices(whole.indices).astype(code_type(len(values)))
    return Column(name=name, values=values, codes=codes)


def release_arrow() -> None:
    """Give back to the system what Arrow's memory pool keeps of the buffers freed so far.

    pyarrow's pool (mimalloc) keeps freed memory for its own reuse, so the numpy arrays an
    import builds after reading came on top of the whole parsed table (200 MB for a million
    rows of CSV): the peak was Arrow and numpy together. Called once a table (or a batch) has
    been turned into codes and dropped."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def integers(indices: Any) -> NDArray[Any]:
    """An Arrow integer array as numpy (see :func:`_indices`)."""
    return _indices(indices)


def _indices(indices: Any) -> NDArray[Any]:
    """Dictionary indices as numpy, read from the Arrow buffer without a copy: pyarrow's own
    ``to_numpy`` imports pandas (about a second of every CLI run that reads a CSV)."""
    import numpy as np

    if indices.null_count:
        indices = indices.fill_null(0)
    width = indices.type.bit_width // 8
    data = indices.buffers()[1]
    if data is None:
        return np.zeros(len(indices), dtype=np.int32)
    return np.frombuffer(
        data, dtype=f"<i{width}", count=len(indices), offset=indices.offset * width
    )


def frame_header(data: Any, source: str) -> list[str]:
    module = type(data).__module__
    if module.startswith("pyarrow"):
        return [str(n) for n in data.column_names]
    if module.startswith("pandas"):
        return [str(n) for n in data.columns]
    raise DataImportError(
        f"expected a pandas DataFrame or a pyarrow Table, got {type(data).__name__}", source=source
    )


def frame_columns(data: Any, needed: list[int]) -> Loaded:
    import numpy as np

    if type(data).__module__.startswith("pyarrow"):
        names = [str(n) for n in data.column_names]
        columns = {i: arrow_column(names[i], data.column(i)) for i in needed}
        return Loaded(columns=columns, n_rows=data.num_rows)
    import pandas as pd

    out = {}
    for i in needed:
        codes, uniques = pd.factorize(data.iloc[:, i], use_na_sentinel=True)
        values = [str(v) for v in uniques] + [""]
        codes = np.where(codes < 0, len(values) - 1, codes).astype(np.int32)
        out[i] = Column(name=str(data.columns[i]), values=values, codes=codes)
    return Loaded(columns=out, n_rows=len(data))
