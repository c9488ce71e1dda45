"""What an import can be given: a path, bytes, or a binary file object, with a name for messages.

An application handles uploads without writing them to disk: it passes the bytes (or the upload's
file object) and ``source="upload.csv"``, and no server path reaches a message or a report. A path
given without ``source`` is named by its file name only, never by its folders. A file that is not
a regular file (a FIFO, a device) is refused before it is opened, so it cannot block the import.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import DataImportError

__all__ = ["Input", "Mapped", "opened"]

#: Anything an import reads from.
Input = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


class Mapped(mmap.mmap):
    """A file mapped into memory that keeps its path, so that a reader of the whole file can
    read it in blocks instead: every page of a map that is read counts in the process's
    resident memory until the map is closed (the whole 426 MB of a million-row export, most of
    the import's peak), while blocks read from the file are freed as they are parsed."""

    path: str


def _map(path: str, name: str) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped when it is not empty (no copy for pyarrow or numpy)."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "unreadable"
        raise DataImportError(f"cannot read the file: {reason}", source=name) from None
    if not regular:
        raise DataImportError(
            "not a regular file (a folder, a pipe or a device): expected an exported file",
            source=name,
        )
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return b""
            mapped = Mapped(f.fileno(), 0, access=mmap.ACCESS_READ)
            mapped.path = path
            return mapped
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "unreadable"
        raise DataImportError(f"cannot read the file: {reason}", source=name) from None


@contextlib.contextmanager
def opened(data: Input, source: str | None) -> Iterator[tuple[bytes | mmap.mmap, str]]:
    """The bytes to import and the name to use in messages; a mapped file is closed after.

    Raises:
        DataImportError: The input is of no kind the import reads, or cannot be read.
    """
    if isinstance(data, bytes | bytearray | memoryview):
        yield bytes(data), source or "<bytes>"
        return
    if isinstance(data, str | os.PathLike):
        text = os.fspath(data)
        if not isinstance(text, str) or "\n" in text or "\r" in text or len(text) > 4096:
            # Text with line breaks is a file's content, not its name: echoing it would put
            # the answers in a log line.
            raise DataImportError(
                "expected a file path, bytes or a binary file: this text looks like a file's "
                "content; pass it as bytes (text.encode()) instead",
                source=source or "<text>",
            )
        name = source or Path(text).name
        raw = _map(text, name)
        try:
            yield raw, name
        finally:
            if isinstance(raw, mmap.mmap):
                # pyarrow may still hold a view for a moment; the map is then freed with it.
                with contextlib.suppress(BufferError):
                    raw.close()
        return
    read = getattr(data, "read", None)
    if read is None:
        raise DataImportError(
            f"expected a file path, bytes or a binary file, got {type(data).__name__}",
            source=source,
        )
    name = source or Path(str(getattr(data, "name", "") or "<upload>")).name
    try:
        content = read()
    except (OSError, ValueError) as exc:
        raise DataImportError(
            f"cannot read the upload ({type(exc).__name__})", source=name
        ) from None
    if isinstance(content, str):
        raise DataImportError(
            "the file object gives text: open it in binary mode ('rb'), so the import can find "
            "the encoding itself",
            source=name,
        )
    if not isinstance(content, bytes | bytearray | memoryview):
        raise DataImportError(
            f"the file object gives {type(content).__name__}, not bytes", source=name
        )
    yield bytes(content), name
