"""pyarrow's CSV reader as the import uses it: its options for the needed columns, and a large
file read as two halves at once, each by a one-thread reader, with the cut between them checked
to be the end of a row.
"""

from __future__ import annotations

import io
import mmap
from typing import Any

from ._cores import both_cores
from ._inputs import Mapped

__all__ = ["SPLIT_BYTES", "csv_options", "middle_line_end", "read_halves", "read_whole", "stream"]

#: A file at least this large is read in two halves, by two readers at once (see read_halves).
SPLIT_BYTES = 4 << 20

#: UTF-8's byte-order mark, which pyarrow drops at the start of what it reads.
_BOM = b"\xef\xbb\xbf"

#: How far past the middle a line end is looked for.
_LOOK = 1 << 16

#: The line read after the first half: a row of its own only if the half ends outside quotes.
_LAST_LINE = "\x00wellbeing: end of the first half\x00"


def csv_options(
    encoding: str,
    sep: str,
    names: list[str],
    skip: int,
    needed: list[int],
    multiline: bool,
    threads: bool,
    invalid: Any,
) -> dict[str, Any]:
    """``read_csv``'s options for the needed columns of rows under ``skip`` header rows, in
    ``encoding`` as pyarrow names it."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    wanted = [names[i] for i in needed]
    return {
        "read_options": pacsv.ReadOptions(
            column_names=names,
            skip_rows_after_names=skip,
            use_threads=threads,
            encoding=encoding,
        ),
        "parse_options": pacsv.ParseOptions(
            delimiter=sep,
            newlines_in_values=multiline,
            # A blank line comes out as a row of blanks, so every row keeps its number and
            # no scan of the whole file is needed before the parse (see ``csvfile._blank_lines``).
            ignore_empty_lines=False,
            invalid_row_handler=invalid,
        ),
        "convert_options": pacsv.ConvertOptions(
            # Dictionary-encoded as parsed: each column's distinct values come out once.
            column_types={n: pa.dictionary(pa.int32(), pa.string()) for n in wanted},
            strings_can_be_null=False,
            include_columns=wanted,
            # Checked on each column's distinct values only, which is much cheaper: once
            # the chunks are joined (see ``csvfile._columns``).
            check_utf8=False,
        ),
    }


def stream(raw: bytes | mmap.mmap, start: int, stop: int) -> Any:
    """The bytes from ``start`` to ``stop`` as a pyarrow stream. A mapped file is read from the
    file, in blocks: read from the map, all of it would count in resident memory (1M rows:
    1.5 GB at the peak instead of 1.15 GB)."""
    import pyarrow as pa

    if isinstance(raw, Mapped):
        return pa.OSFile(raw.path).get_stream(start, stop - start)
    return pa.BufferReader(pa.py_buffer(raw).slice(start, stop - start))


def middle_line_end(raw: bytes | mmap.mmap, width: int) -> int | None:
    """Where to cut the file in two: just after the first line end past its middle. None for a
    small file, on one core, or for rows of one cell (whose cut ``read_halves`` cannot check)."""
    import pyarrow as pa

    if len(raw) < SPLIT_BYTES or width < 2 or pa.cpu_count() < 2:
        return None
    end = raw.find(b"\n", len(raw) // 2, len(raw) // 2 + _LOOK)
    return end + 1 if 0 <= end < len(raw) - 1 else None


class _ThenLine(io.RawIOBase):
    """A stream, then one more line."""

    def __init__(self, stream: Any, line: bytes) -> None:
        super().__init__()
        self._stream, self._line = stream, line

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1, /) -> bytes:
        chunk: bytes = self._stream.read(size)
        if not chunk:
            chunk, self._line = self._line, b""
        return chunk


def read_halves(
    raw: bytes | mmap.mmap,
    cut: int,
    encoding: str,
    sep: str,
    names: list[str],
    skip: int,
    needed: list[int],
    bad: list[tuple[int | None, int]],
    multiline: bool,
) -> Any:
    """The table read as two halves at once, each by one thread of its own; None when the
    halves cannot be read so (the cut inside a quoted value, or before a byte-order mark), and
    the file is to be read whole.

    pyarrow's own threads take about half as much CPU again as one thread reading the whole
    file (1M rows: about 1.8 s, against 1.25 s); two one-thread readers, one per half, take
    what one does, in about half its time on two free cores, and no more than pyarrow's
    threads on two busy ones.

    The cut is just after a line end, which ends a row unless it is inside a quoted value (a
    comment of two lines). pyarrow takes the end of its input as the end of a quoted value, so
    the first half is followed by a line of its own, ``_LAST_LINE``: after the end of a row it
    is a row of one cell, rejected as the last row; inside a quoted value it is part of that
    value. Only when it comes back as that last row is the cut a row's end.
    """
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    import pyarrow.csv as pacsv

    first: list[tuple[int | None, int, bool]] = []
    second: list[tuple[int | None, int]] = []

    def invalid_first(row: Any) -> str:
        first.append((row.number, row.actual_columns, row.text == _LAST_LINE))
        return "skip"

    def invalid_second(row: Any) -> str:
        second.append((row.number, row.actual_columns))
        return "skip"

    if raw[cut : cut + 3] == _BOM:
        # A byte-order mark after the cut (two exports joined) is in its row's first cell for
        # one reader; the second half's reader would take it for its own and drop it.
        return None
    last = (_LAST_LINE + "\n").encode()  # ASCII, as in cp1252

    def both() -> tuple[Any, Any]:
        with both_cores(), ThreadPoolExecutor(max_workers=1) as pool:
            head = pool.submit(
                pacsv.read_csv,
                _ThenLine(stream(raw, 0, cut), last),
                **csv_options(encoding, sep, names, skip, needed, multiline, False, invalid_first),
            )
            tail = pacsv.read_csv(
                stream(raw, cut, len(raw)),
                **csv_options(encoding, sep, names, 0, needed, multiline, False, invalid_second),
            )
            return head.result(), tail

    halves = _guarded(both, multiline)
    if not isinstance(halves, tuple):
        return halves
    top, tail = halves
    number, _, is_last = first[-1] if first else (None, 0, False)
    if not is_last or number is None or number != skip + top.num_rows + len(first):
        return None
    bad.extend((n, cells) for n, cells, _ in first[:-1])
    # The second half's rows are numbered from 1; the last line was the first half's row
    # ``number``, in its place.
    bad.extend((None if n is None else n + number - 1, cells) for n, cells in second)
    return pa.concat_tables([top, tail])


def read_whole(
    raw: bytes | mmap.mmap,
    encoding: str,
    sep: str,
    names: list[str],
    skip: int,
    needed: list[int],
    bad: list[tuple[int | None, int]],
    multiline: bool,
    threads: bool,
) -> Any:
    """The table read by one reader, on pyarrow's threads if ``threads``; as
    :func:`read_halves` gives it, ``"multiline"`` or None where it cannot be read so."""
    import pyarrow.csv as pacsv

    def invalid(row: Any) -> str:
        bad.append((row.number, row.actual_columns))
        return "skip"

    options = csv_options(encoding, sep, names, skip, needed, multiline, threads, invalid)
    return _guarded(lambda: pacsv.read_csv(stream(raw, 0, len(raw)), **options), multiline)


def _guarded(read: Any, multiline: bool) -> Any:
    """``read()``; ``"multiline"`` where pyarrow met a quoted line break it was not told of
    (where it cut a block: the file is to be read again with ``multiline``), None where it
    cannot read the file."""
    import pyarrow as pa

    try:
        return read()
    except (pa.ArrowException, ValueError, UnicodeDecodeError, LookupError) as exc:
        return "multiline" if not multiline and "newlines_in_values" in str(exc) else None
