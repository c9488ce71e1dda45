"""Reading a CSV export: its encoding, its delimiter, its first rows, and the columns an import
needs, with pyarrow (a large file in two halves at once) and the standard library as a
fallback.

Encoding: a byte-order mark decides (UTF-8 or UTF-16); without one the file is UTF-8 unless its
bytes are not, and then it is read as cp1252 (an older Excel "CSV"), which the reconciliation
says. An encoding the caller gives is used as given (a UTF-16 mark still wins).

Row numbers are those a spreadsheet shows: blank lines count, and a line break inside a quoted
value does not start a row. Most files have neither blank lines inside nor rows with the wrong
number of cells, and take the fast, parallel path. A large file is read as two halves at once,
each on one thread and so in order: its rows of the wrong length come with their numbers. A
smaller file with such rows is read again in order (the same parser on one thread, about twice
the time, the same memory). Either way each such row is rejected with its number rather than
failing the file or sending it down the slow parser. pyarrow is told to keep blank lines, as
rows of blanks, so nothing scans the whole file before the parse; a file that does have blank
lines before its last row (or is in UTF-16) is read by the standard library, which counts them.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
from typing import TYPE_CHECKING, Any

from .._decoding import FALLBACK, bom_encoding, is_utf8
from ..errors import DataImportError
from ._arrowcsv import middle_line_end, read_halves, read_whole
from ._tables import Column, Loaded, arrow_column, release_arrow, unique_names

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["HEAD_BYTES", "choose_encoding", "first_rows", "parse"]

#: Bytes read to find the header, the delimiter and the encoding.
HEAD_BYTES = 1 << 16

_UTF8 = ("utf-8", "utf-8-sig", "utf8", "utf_8")


def choose_encoding(raw: bytes | mmap.mmap, requested: str | None) -> tuple[str, bool]:
    """The encoding to read with, and whether it is the cp1252 fallback."""
    bom = bom_encoding(bytes(raw[:4]))
    if bom == "utf-16" or (requested is None and bom):
        return bom, False
    if requested is not None:
        return ("utf-8-sig" if requested.lower() in _UTF8 else requested), False
    head = bytes(raw[:HEAD_BYTES])
    if is_utf8(head, partial=len(raw) > HEAD_BYTES):
        return "utf-8", False
    return FALLBACK, True


def _decode(raw: bytes, encoding: str, source: str, *, partial: bool) -> str:
    try:
        return raw.decode(encoding, errors="ignore" if partial else "strict").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DataImportError(
            f"the file is not in the {encoding} encoding (byte {exc.start} cannot be read): give "
            "the right one with --encoding (encoding= in Python), such as cp1252 or utf-16",
            source=source,
        ) from None


def _records(text: str, sep: str, source: str) -> Any:
    return csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)


def sniff(text: str) -> str:
    """The delimiter: whichever of comma, semicolon, tab and pipe splits the first row into the
    most cells (quoted commas in headings do not count; any line end ends the row)."""
    best, cells = ",", 1
    for candidate in (",", ";", "\t", "|"):
        try:
            row: list[str] = next(_records(text, candidate, ""), [])
        except csv.Error:
            continue
        if len(row) > cells:
            best, cells = candidate, len(row)
    return best


def first_rows(
    raw: bytes | mmap.mmap, encoding: str, delimiter: str | None, count: int, source: str
) -> tuple[list[list[str]], str]:
    """The first ``count`` rows of the file as cells, and the delimiter.

    Raises:
        DataImportError: The file is empty or its head cannot be read.
    """
    head = _decode(bytes(raw[:HEAD_BYTES]), encoding, source, partial=len(raw) > HEAD_BYTES)
    if not head.strip():
        raise DataImportError(
            "the file is empty: expected a header row naming the columns, then one row per "
            "response",
            source=source,
        )
    sep = delimiter or sniff(head)
    rows: list[list[str]] = []
    try:
        for row in _records(head, sep, source):
            rows.append(row)
            if len(rows) == count:
                break
    except csv.Error as exc:
        raise DataImportError(f"the header cannot be read as CSV ({exc})", source=source) from None
    return rows, sep


def parse(
    raw: bytes | mmap.mmap,
    *,
    encoding: str,
    fallback: bool,
    sep: str,
    header: Sequence[str],
    skip: int,
    needed: list[int],
    source: str,
) -> Loaded:
    """The needed columns of the rows under a header of ``skip`` rows.

    With pyarrow (the ``analysis`` extra) when it can read the file; otherwise, and for what
    pyarrow refuses, the standard library, which then reports what is wrong.
    """
    names = unique_names(list(header))
    loaded = _parse_arrow(raw, encoding, sep, names, skip, needed, ordered=False)
    if loaded is None and encoding == "utf-8" and not fallback and not is_utf8(bytes(raw)):
        # The head was UTF-8 but a later byte is not: the whole file is read as cp1252.
        encoding, fallback = FALLBACK, True
        loaded = _parse_arrow(raw, encoding, sep, names, skip, needed, ordered=False)
    if loaded is None:
        text = _decode(bytes(raw), encoding, source, partial=False)
        loaded = _parse_python(text, sep, names, skip, needed, source)
    return Loaded(
        columns={
            i: Column(name=header[i], values=c.values, codes=c.codes)
            for i, c in loaded.columns.items()
        },
        n_rows=loaded.n_rows,
        row_numbers=loaded.row_numbers,
        ragged=loaded.ragged,
        blank_rows=loaded.blank_rows,
        encoding=encoding,
        encoding_fallback=fallback,
    )


def _inner_blank_line(raw: bytes | mmap.mmap) -> bool:
    """True when a blank line comes before the last row (one at the end changes no number).

    With numpy over the line ends only: a byte search for two line ends in a row is slow on a
    file where every line ends in CR LF (about 0.3 s for 40 MB), a look at the byte after each
    line end is not. Two line ends inside a quoted answer (a comment of two paragraphs) are no
    blank line: an even number of quotes before them says they are outside any value.
    """
    import numpy as np

    end = len(raw)
    while end and raw[end - 1 : end] in (b"\n", b"\r", b" "):
        end -= 1
    if end < 2:
        return False
    data = np.frombuffer(raw, dtype=np.uint8, count=end)
    ends = np.flatnonzero(data == ord("\n"))
    if not ends.size:  # lone CR line ends
        ends = np.flatnonzero(data == ord("\r"))
        ends = ends[ends + 1 < end]
        blank = ends[data[ends + 1] == ord("\r")]
    else:
        after = ends[ends + 1 < end] + 1
        cr = after[data[after] == ord("\r")]
        cr = cr[cr + 1 < end]
        blank = np.union1d(after[data[after] == ord("\n")] - 1, cr[data[cr + 1] == ord("\n")] - 1)
    if not blank.size or raw.find(b'"', 0, end) < 0:
        return bool(blank.size)
    return _outside_quotes(data, blank)


def _trailing_blank_lines(raw: bytes | mmap.mmap) -> int:
    """Blank lines after the last row: pyarrow gives each as a row of blanks."""
    tail = bytes(raw[-4096:])
    for end in (b"\r\n", b"\n", b"\r"):
        if tail.endswith(end):
            tail = tail[: -len(end)]
            break
    count = 0
    while tail:
        found = next((e for e in (b"\r\n", b"\n", b"\r") if tail.endswith(e)), None)
        if found is None:
            break
        tail = tail[: -len(found)]
        count += 1
    return count


def _blank_lines(columns: dict[int, Column], n_rows: int, raw: bytes | mmap.mmap) -> int | None:
    """The rows left once the blank lines at the table's end are dropped; None when a blank
    line comes before the last row, which only the standard library reader can number and count.

    pyarrow, told not to skip blank lines, gives each as a row whose every cell is blank. Most
    files have no row whose needed cells are all blank, and that is settled on one column's
    codes without looking at the file again; only a file with such a row has its bytes checked
    for blank lines (``_inner_blank_line``), since a real row may leave every needed cell blank.
    """
    import numpy as np

    if not columns or not n_rows:
        return n_rows
    empty = np.ones(n_rows, dtype=bool)
    for column in columns.values():
        blank = [k for k, v in enumerate(column.values) if v == ""]
        if not blank:
            return n_rows
        empty &= np.isin(column.codes, blank)
        if not empty.any():
            return n_rows
    trailing = min(_trailing_blank_lines(raw), n_rows)
    if trailing and empty[-trailing:].all():
        n_rows -= trailing
        empty = empty[:n_rows]
    if empty.any() and _inner_blank_line(raw):
        return None
    return n_rows


def _outside_quotes(data: Any, positions: Any) -> bool:
    """True when some position has an even number of quotes before it, counted slice by slice
    (never an array of every quote's position, which took 0.4 GB for a million rows)."""
    import numpy as np

    quotes, start = 0, 0
    for pos in positions.tolist():
        quotes += int(np.count_nonzero(data[start:pos] == ord('"')))
        if quotes % 2 == 0:
            return True
        start = pos
    return False


def _parse_arrow(
    raw: bytes | mmap.mmap,
    encoding: str,
    sep: str,
    names: list[str],
    skip: int,
    needed: list[int],
    *,
    ordered: bool,
    multiline: bool = False,
) -> Loaded | None:
    """Parse with pyarrow. None if pyarrow is missing or cannot read the file (bad bytes for
    the encoding, an unclosed quote): the standard library then reads it and says what is wrong.

    ``ordered`` reads on one thread, so that rows keep their numbers through rows of the wrong
    length; the fast path switches to it when it meets one, unless it read the file in halves,
    each in order (see ``arrowcsv.read_halves``), whose rows have their numbers already.
    ``multiline`` allows line breaks inside quoted values, which costs about half as much
    again: it is set only when pyarrow finds one (it says so, "out of sync with chunker",
    rather than misreading the file).

    Each column is turned into small codes of numpy's own (see ``tables.arrow_column``), and
    the table is then freed and its memory handed back by Arrow's pool, which otherwise keeps
    it (about 200 MB for a million rows) under everything the import builds next.
    """
    if encoding == "utf-16":
        # UTF-16 (whose line ends are two bytes) goes to the standard library; such files are
        # small or rare.
        return None
    try:
        import pyarrow  # noqa: F401 (only whether it is installed)
    except ImportError:
        return None
    bad: list[tuple[int | None, int]] = []
    table = _read_table(raw, encoding, sep, names, skip, needed, bad, ordered, multiline)
    if isinstance(table, str):  # "multiline"
        return _parse_arrow(
            raw, encoding, sep, names, skip, needed, ordered=ordered, multiline=True
        )
    if table is None:
        return None
    if not ordered and bad:
        if any(n is None for n, _ in bad):  # pyarrow's threads do not number rows
            del table
            return _parse_arrow(
                raw, encoding, sep, names, skip, needed, ordered=True, multiline=multiline
            )
        ordered = True  # read in halves, each in order: every row has its number already
    n_rows = table.num_rows
    columns = _columns(table, names, needed)
    del table
    release_arrow()
    if columns is None:
        return None
    kept = _blank_lines(columns, n_rows, raw)
    if kept is None:
        return None
    if kept < n_rows:  # blank lines after the last row
        n_rows = kept
        columns = {
            i: Column(name=c.name, values=c.values, codes=c.codes[:n_rows])
            for i, c in columns.items()
        }
    if not ordered:
        return Loaded(columns=columns, n_rows=n_rows)
    import numpy as np

    # In order, each skipped row has its own number (blank lines aside, and there are none
    # before the last row here): every other number belongs to a row of the table.
    first = skip + 1
    numbers = np.arange(first, first + n_rows + len(bad), dtype=np.int64)
    skipped = np.asarray([n for n, _ in bad if n is not None], dtype=np.int64)
    return Loaded(
        columns=columns,
        n_rows=n_rows,
        row_numbers=numbers[~np.isin(numbers, skipped)][:n_rows],
        ragged=tuple((int(n), cells) for n, cells in bad if n is not None),
    )


def _columns(table: Any, names: list[str], needed: list[int]) -> dict[int, Column] | None:
    """Each needed column of the table as codes; None when some column's distinct values are
    not UTF-8 (the parse does not check the text, see ``_read_table``)."""
    import pyarrow as pa

    try:
        return {
            i: arrow_column(names[i], table.column(k), check_utf8=True)
            for k, i in enumerate(needed)
        }
    except pa.ArrowInvalid:
        return None


def _read_table(
    raw: bytes | mmap.mmap,
    encoding: str,
    sep: str,
    names: list[str],
    skip: int,
    needed: list[int],
    bad: list[tuple[int | None, int]],
    ordered: bool,
    multiline: bool,
) -> Any:
    """pyarrow's table of the needed columns, each dictionary-encoded, its text not yet checked
    (``_columns`` checks it); the rows of the wrong length go to ``bad``. ``"multiline"`` when
    a quoted value holds a line break and ``multiline`` was not set; None when pyarrow cannot
    read the file.

    A large file is read in two halves at once (``arrowcsv.read_halves``); a file read in order, a
    small one, and one whose halves cannot be read (the cut fell inside a quoted value, or
    something is wrong with the file) are read whole, on pyarrow's threads unless in order."""
    arrow_encoding = "utf8" if encoding in _UTF8 else encoding
    cut = middle_line_end(raw, len(names)) if _lf_bytes(encoding) and not ordered else None
    if cut is not None:
        table = read_halves(raw, cut, arrow_encoding, sep, names, skip, needed, bad, multiline)
        if table is not None:
            return table
    # Threads roughly halve the parse of a large export on two cores.
    return read_whole(
        raw, arrow_encoding, sep, names, skip, needed, bad, multiline, threads=not ordered
    )


def _lf_bytes(encoding: str) -> bool:
    """Whether every line-feed byte is a line feed in this encoding, as in UTF-8, cp1252 and
    Latin-1; in UTF-16 or UTF-32 it can be a part of a character."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name in {"utf-8", "utf-8-sig", "cp1252", "iso8859-1"}


def _parse_python(
    text: str, sep: str, names: list[str], skip: int, needed: list[int], source: str
) -> Loaded:
    """The standard library's reader, for what pyarrow cannot read; says what is wrong."""
    import numpy as np

    width = len(names)
    rows: list[list[str]] = []
    numbers: list[int] = []
    ragged: list[tuple[int, int]] = []
    blank = 0
    # No cell can be longer than the file; the module's own limit (131,072 characters) would
    # refuse a long comment. The limit is process-wide, so it is only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = _records(text, sep, source)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            if number <= skip:
                continue
            if not row or (len(row) == 1 and not row[0]):
                blank += 1
            elif len(row) != width:
                ragged.append((number, len(row)))
            else:
                rows.append(row)
                numbers.append(number)
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = (
                f"a cell is longer than {csv.field_size_limit():,} characters, which no answer "
                "is: check the quoting (an unclosed quote runs to the end of the file)"
            )
        raise DataImportError(reason, source=source, row=number + 1) from None
    out = {}
    for j in needed:
        index: dict[str, int] = {}
        codes = np.fromiter(
            (index.setdefault(row[j], len(index)) for row in rows), dtype=np.int32, count=len(rows)
        )
        out[j] = Column(name=names[j], values=list(index), codes=codes)
    return Loaded(
        columns=out,
        n_rows=len(rows),
        row_numbers=np.asarray(numbers, dtype=np.int64),
        ragged=tuple(ragged),
        blank_rows=blank,
    )
