"""Reading a table of text columns: a CSV file (with pyarrow when installed, else the standard
library), a pandas DataFrame or a pyarrow Table.

Each column comes back dictionary-encoded, its distinct values once and a code per row, so that
matching answers to a scale is done once per distinct value, never once per cell.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import DataImportError

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "Column",
    "decode",
    "frame_columns",
    "frame_header",
    "has_pyarrow",
    "map_file",
    "parse_arrow",
    "parse_python",
    "sniff",
]


@attrs.frozen(kw_only=True, eq=False)
class Column:
    """One column, dictionary-encoded: its distinct raw values and a code per row."""

    name: str
    values: list[str]
    codes: NDArray[Any]


def sniff(text: str) -> str:
    """The delimiter: whichever of comma, semicolon, tab and pipe splits the header into the
    most cells (quoted commas in headings do not count)."""
    first = text[: text.find("\n") if "\n" in text else len(text)]
    best, cells = ",", 1
    for candidate in (",", ";", "\t", "|"):
        row = next(csv.reader([first], delimiter=candidate), [])
        if len(row) > cells:
            best, cells = candidate, len(row)
    return best


def has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def map_file(source: str) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped when it is not empty (no copy for pyarrow or numpy)."""
    try:
        with open(source, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return b""
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise DataImportError(f"cannot read the file: {reason}", source=source) from None


def decode(raw: bytes, encoding: str, source: str, *, partial: bool) -> str:
    """Bytes to text; a partial head may end inside a character, which is then dropped."""
    try:
        return raw.decode(encoding, errors="ignore" if partial else "strict")
    except (UnicodeDecodeError, LookupError) as exc:
        raise DataImportError(
            f"the file is not in the {encoding} encoding ({exc}); pass the right encoding "
            "(such as cp1252 for an older Excel export)",
            source=source,
        ) from None


def _quoted_newlines(raw: bytes | mmap.mmap) -> bool:
    """True when a line break falls inside a quoted value (an odd number of quotes before it).
    Without any, pyarrow can split the file into blocks and parse them in parallel."""
    import numpy as np

    if raw.find(b'"') < 0:
        return False
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == ord('"'))
    if not quotes.size:
        return False
    newlines = np.flatnonzero(data == ord("\n"))
    return bool((np.searchsorted(quotes, newlines) % 2).any())


def parse_arrow(
    raw: bytes | mmap.mmap, encoding: str, sep: str, header: list[str], needed: list[int]
) -> tuple[dict[int, Column], int] | None:
    """Parse the needed columns with pyarrow, as text. None if pyarrow cannot (a ragged row,
    bad UTF-8, say): the standard library then parses the file and reports the fault."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = _unique_names(header)
    wanted = [names[i] for i in needed]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows_after_names=1,
                # Threads roughly halve the parse of a large export (benchmarks/bench_analysis.py:
                # 0.11 s single-threaded against 0.06 s on two cores for 100,000 rows).
                use_threads=True,
                encoding="utf8" if encoding in ("utf-8", "utf-8-sig", "utf8") else encoding,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=_quoted_newlines(raw)
            ),
            convert_options=pacsv.ConvertOptions(
                # Dictionary-encoded as parsed: each column's distinct values come out once.
                column_types={n: pa.dictionary(pa.int32(), pa.string()) for n in wanted},
                strings_can_be_null=False,
                include_columns=wanted,
                # Checked below on each column's distinct values only, which is much cheaper.
                check_utf8=False,
            ),
        )
        for column in table.columns:
            for chunk in column.chunks:
                chunk.dictionary.validate(full=True)
    except (pa.ArrowException, ValueError):
        return None
    columns = {i: _arrow_column(header[i], table.column(k)) for k, i in enumerate(needed)}
    return columns, table.num_rows


def _arrow_column(name: str, column: Any) -> Column:
    """A pyarrow column as distinct values and codes; nulls become blanks."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(column.type) or column.null_count:
        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            column = pc.cast(column, pa.string())
        column = pc.fill_null(column, "").dictionary_encode()
    chunks = column.unify_dictionaries().chunks if column.num_chunks > 1 else column.chunks
    if not chunks:
        return Column(name=name, values=[], codes=np.zeros(0, dtype=np.int32))
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
    return Column(
        name=name,
        values=[str(v) for v in chunks[0].dictionary.to_pylist()],
        codes=codes.astype(np.int32, copy=False),
    )


def _unique_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}\x00{seen[name]}")
    return out


def parse_python(
    text: str, sep: str, header: list[str], source: str
) -> tuple[dict[int, Column], int]:
    import numpy as np

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    next(reader)
    rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header) and any(cell.strip() for cell in row):
            raise DataImportError(
                f"the row has {len(row)} cells but the header has {len(header)}: check the "
                "delimiter and the quoting",
                source=source,
                row=number,
            )
    rows = [row for row in rows if len(row) == len(header)]
    out = {}
    for j, name in enumerate(header):
        index: dict[str, int] = {}
        codes = np.fromiter(
            (index.setdefault(row[j], len(index)) for row in rows), dtype=np.int32, count=len(rows)
        )
        out[j] = Column(name=name, values=list(index), codes=codes)
    return out, len(rows)


def frame_header(data: Any, source: str) -> list[str]:
    module = type(data).__module__
    if module.startswith("pyarrow"):
        return [str(n) for n in data.column_names]
    if module.startswith("pandas"):
        return [str(n) for n in data.columns]
    raise DataImportError(
        f"expected a pandas DataFrame or a pyarrow Table, got {type(data).__name__}", source=source
    )


def frame_columns(data: Any, needed: list[int]) -> tuple[dict[int, Column], int]:
    import numpy as np

    if type(data).__module__.startswith("pyarrow"):
        names = [str(n) for n in data.column_names]
        return {i: _arrow_column(names[i], data.column(i)) for i in needed}, data.num_rows
    import pandas as pd

    out = {}
    for i in needed:
        codes, uniques = pd.factorize(data.iloc[:, i], use_na_sentinel=True)
        values = [str(v) for v in uniques] + [""]
        codes = np.where(codes < 0, len(values) - 1, codes).astype(np.int32)
        out[i] = Column(name=str(data.columns[i]), values=values, codes=codes)
    return out, len(data)
