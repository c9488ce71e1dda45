"""Reading a Parquet or Arrow IPC export (``.parquet``, ``.arrow``, ``.feather``): recognised by
its content, read in record batches of the needed columns only, with pyarrow (the ``analysis``
extra).

Each batch of each needed column is dictionary-encoded on its own and its distinct values are
merged into the column's running list, so what the import keeps is a small code per row and
column (one byte while a column has at most 256 distinct values, as an answer column does), the
same codes a CSV import hands on; the batch's text is freed before the next one is read. A file
of any size is read with memory for those codes and one batch, never for the whole table: the
import of a 10 GB Parquet export of 20 answers per row needs about 2 bytes per answer, the int8
answer matrix and the codes it is made from. (What the import returns, the responses, is as
large as for a CSV of the same rows; past that, see ``docs/formats.md`` on handing the same
table to DuckDB.)

Values are read as text, as for a DataFrame: a number 4 (or 4.0) is ``"4"``, a date is
``"2025-03-01"``, a null is a blank. Rows are numbered from 1, the first row of data (a table
has no header row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import DataImportError
from ._tables import Column, Loaded, code_type, integers, release_arrow

if TYPE_CHECKING:
    import mmap

    from numpy.typing import NDArray

__all__ = ["BATCH_ROWS", "ColumnarFile", "columnar_kind", "open_columnar"]

#: Rows read at a time: big enough that per-batch work is negligible, small enough that one
#: batch's text (about 30 MB for a forms export of 30 columns) is a small part of the memory.
BATCH_ROWS = 1 << 16

_PARQUET = b"PAR1"
_ARROW_FILE = b"ARROW1"
_ARROW_STREAM = b"\xff\xff\xff\xff"
_FEATHER_V1 = b"FEA1"

#: What each kind is called in messages.
_NAMES = {"parquet": "Parquet", "arrow": "Arrow IPC (Feather)", "arrow-stream": "Arrow IPC stream"}


def columnar_kind(raw: bytes | mmap.mmap, source: str) -> str | None:
    """``"parquet"``, ``"arrow"`` (an IPC file, which Feather version 2 is) or ``"arrow-stream"``
    when the bytes start like one, else None.

    Raises:
        DataImportError: A Feather version 1 file, which pyarrow no longer reads.
    """
    head = bytes(raw[:8])
    if head.startswith(_PARQUET):
        return "parquet"
    if head.startswith(_ARROW_FILE):
        return "arrow"
    if head.startswith(_ARROW_STREAM) and len(raw) >= 8:
        return "arrow-stream"
    if head.startswith(_FEATHER_V1):
        raise DataImportError(
            "a Feather version 1 file, which is no longer read: expected Feather version 2 "
            "(pyarrow.feather.write_feather writes it) or Parquet",
            source=source,
        )
    return None


class _Gathered:
    """One column's distinct values so far and its codes per batch."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.chunks: list[NDArray[Any]] = []

    def add(self, values: list[str], codes: NDArray[Any]) -> None:
        import numpy as np

        index = self.index
        lut = np.fromiter(
            (index.setdefault(v, len(index)) for v in values), dtype=np.int32, count=len(values)
        )
        self.chunks.append(lut[codes].astype(code_type(len(index)), copy=False))

    def column(self, name: str) -> Column:
        import numpy as np

        dtype = code_type(len(self.index))
        codes = (
            np.concatenate(self.chunks, dtype=dtype) if self.chunks else np.zeros(0, dtype=dtype)
        )
        self.chunks = []
        return Column(name=name, values=list(self.index), codes=codes)


class ColumnarFile:
    """An opened Parquet or Arrow IPC file: its column names, then its needed columns."""

    def __init__(self, names: list[str], batches: Callable[[list[int]], Iterator[Any]]) -> None:
        self.names = names
        self._batches = batches

    def load(self, needed: list[int], source: str) -> Loaded:
        """The needed columns, read batch by batch.

        Raises:
            DataImportError: A needed column holds something other than text, numbers, dates
                or booleans (lists, records, maps), or text that is not UTF-8; or the file is
                damaged past its start.
        """
        gathered = {i: _Gathered() for i in needed}
        rows = 0
        for batch in self._batches(needed):
            for k, i in enumerate(needed):
                values, codes = _batch_text(batch.column(k), self.names[i], rows, source)
                gathered[i].add(values, codes)
            rows += batch.num_rows
            # What the batch's decoding freed is given back: Arrow's pool would keep it for
            # reuse, about 40 MB more at the peak of a million-row Parquet import.
            del batch
            release_arrow()
        return Loaded(
            columns={i: g.column(self.names[i]) for i, g in gathered.items()}, n_rows=rows
        )


def open_columnar(raw: bytes | mmap.mmap, kind: str, source: str) -> ColumnarFile:
    """Open a Parquet or Arrow IPC file for reading in batches.

    Raises:
        DataImportError: pyarrow is not installed, the file cannot be read, or a column name
            is repeated.
    """
    try:
        import pyarrow as pa
    except ImportError:
        raise DataImportError(
            f'reading a {_NAMES[kind]} file needs the analysis extra: pip install "wellbeing-'
            'framework[analysis]" (or export the table as CSV)',
            source=source,
        ) from None
    buffer = pa.py_buffer(raw)
    try:
        if kind == "parquet":
            names, batches = _parquet(buffer)
        else:
            names, batches = _arrow(buffer, stream=kind == "arrow-stream")
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DataImportError(_unreadable(kind, exc), source=source) from None
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DataImportError(
                f"the column name is used twice: expected each column named once in a "
                f"{_NAMES[kind]} file",
                source=source,
                column=name,
            )
        seen.add(name)

    def checked(needed: list[int]) -> Iterator[Any]:
        rows = 0
        iterator = batches(needed)
        while True:
            try:
                batch = next(iterator)
            except StopIteration:
                return
            except (pa.ArrowException, OSError, ValueError) as exc:
                raise DataImportError(
                    _unreadable(kind, exc) + f" (after row {rows:,})", source=source
                ) from None
            for start in range(0, batch.num_rows, BATCH_ROWS):
                yield batch.slice(start, BATCH_ROWS)
            rows += batch.num_rows

    return ColumnarFile(names, checked)


def _unreadable(kind: str, exc: Exception) -> str:
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return f"not a readable {_NAMES[kind]} file ({reason})"


def _parquet(buffer: Any) -> tuple[list[str], Callable[[list[int]], Iterator[Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.ParquetFile(pa.BufferReader(buffer)).schema_arrow
    names = [str(n) for n in schema.names]

    def batches(needed: list[int]) -> Iterator[Any]:
        wanted = [names[i] for i in needed]
        # Text comes out dictionary-encoded as Parquet stores it (about three times as fast as
        # decoding every cell and encoding it again); only the needed columns are read, so
        # identifying columns never leave the file.
        text = [
            names[i]
            for i in needed
            if pa.types.is_string(schema.field(i).type) or pa.types.is_binary(schema.field(i).type)
        ]
        parquet = pq.ParquetFile(pa.BufferReader(buffer), read_dictionary=text)
        yield from parquet.iter_batches(batch_size=BATCH_ROWS, columns=wanted, use_threads=True)

    return names, batches


def _arrow(buffer: Any, *, stream: bool) -> tuple[list[str], Callable[[list[int]], Iterator[Any]]]:
    import pyarrow as pa

    reader = pa.ipc.open_stream(buffer) if stream else pa.ipc.open_file(buffer)
    names = [str(n) for n in reader.schema.names]

    def batches(needed: list[int]) -> Iterator[Any]:
        if stream:
            for batch in reader:
                yield batch.select(needed)
        else:
            for k in range(reader.num_record_batches):
                yield reader.get_batch(k).select(needed)

    return names, batches


def _batch_text(array: Any, name: str, first: int, source: str) -> tuple[list[str], NDArray[Any]]:
    """One batch of one column as its distinct texts and each row's index into them; a null
    is a blank.

    Raises:
        DataImportError: The column holds no kind of value a cell of a form has, or text that
            is not UTF-8 (named by its first row).
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = array.type.value_type if pa.types.is_dictionary(array.type) else array.type
    if pa.types.is_nested(kind) or pa.types.is_dictionary(kind):
        raise DataImportError(
            f"holds {kind} values: expected one text, number, date or true/false per cell",
            source=source,
            column=name,
        )
    if pa.types.is_null(kind):
        return [""], np.zeros(len(array), dtype=np.int32)
    encoded = array if pa.types.is_dictionary(array.type) else pc.dictionary_encode(array)
    dictionary, indices = encoded.dictionary, encoded.indices
    codes = integers(indices.fill_null(len(dictionary)) if indices.null_count else indices)
    texts = _texts(dictionary, codes, name, first, source)
    return [*("" if t is None else t for t in texts), ""], codes


def _texts(
    dictionary: Any, codes: NDArray[Any], name: str, first: int, source: str
) -> list[str | None]:
    """A batch's distinct values as text; refuses bytes that are not UTF-8, naming a row."""
    import numpy as np
    import pyarrow as pa

    if pa.types.is_string(dictionary.type) or pa.types.is_large_string(dictionary.type):
        text = dictionary
    elif pa.types.is_binary(dictionary.type) or pa.types.is_large_binary(dictionary.type):
        text = None
    else:
        text = dictionary.cast(pa.string())
    try:
        if text is None:
            text = dictionary.cast(pa.string())
        text.validate(full=True)
    except (pa.ArrowException, ValueError):
        raw = dictionary.cast(pa.binary()).to_pylist()
        bad = [k for k, v in enumerate(raw) if v is not None and not _is_utf8(v)]
        rows = np.flatnonzero(np.isin(codes, bad))
        raise DataImportError(
            "is not UTF-8 text: expected text, a number or a date",
            source=source,
            row=first + 1 + int(rows[0]) if rows.size else None,
            column=name,
        ) from None
    values: list[str | None] = text.to_pylist()
    return values


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
