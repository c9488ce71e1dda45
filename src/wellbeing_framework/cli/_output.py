"""What every command that writes does the same way: ``-o FILE``, or standard output by default
(and with ``-o -``), in a format chosen by ``--format`` or else by the file's suffix.

A file is written whole or not at all (:func:`~wellbeing_framework._files.write_atomic`), so a
failed write leaves the previous report or handbook as it was, and never over one of the files
the command read. A file gets the same text as the terminal, control characters replaced: a
handbook later shown with ``cat`` or ``less`` must not move the cursor or recolour the terminal
either, and a pack from someone you do not know can put escape codes in its titles.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

from .._files import write_atomic
from ._context import Context

__all__ = ["add_output_option", "output_format", "printable", "write_output"]

# Control characters other than tab and newline: text from a pack, a record or data printed to a
# terminal must not be able to move the cursor, change colours or rewrite the title bar. Lone
# surrogates too: no terminal encoding can write one, and print would raise UnicodeEncodeError.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


#: The control characters above as the bytes UTF-8 writes them: one byte each below U+0080
#: (never part of a longer character), and U+0080 to U+009F as C2 80 to C2 9F.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
#: Bytes checked at a time: the check's copy stays small beside a report's 40 MB.
_CHUNK = 1 << 20


def printable(text: str) -> str:
    """Text safe to print to a terminal: control characters and lone surrogates as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def _printable_utf8(text: str) -> bytes | None:
    """The UTF-8 of ``text`` if :func:`printable` would leave it as it is, else None.

    A file is written as UTF-8 anyway, and checking the bytes (a lone surrogate cannot be
    encoded; the other characters are the bytes above) is several times as fast as the
    regular expression over the text: 40 MB of JSON report, 0.13 s by re.sub.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    for start in range(0, len(data), _CHUNK):
        part = data[start : start + _CHUNK]
        if len(part.translate(None, _CONTROL_BYTES)) != len(part):
            return None
    return None if _C1_BYTES.search(data) else data


#: The format each output suffix stands for, when ``--format`` is not given.
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def add_output_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``-o/--output FILE``, standard output when absent or ``-``."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help=f"the file to write the {what} to; '-' (the default) prints it to standard output",
    )


def output_format(given: str | None, output: str, choices: Iterable[str], *, default: str) -> str:
    """The format asked for, else the one of ``choices`` that the output file's suffix names,
    else ``default``."""
    if given:
        return given
    named = _SUFFIXES.get(Path(output).suffix.lower()) if output != "-" else None
    return named if named in set(choices) else default


def write_output(
    ctx: Context, output: str, text: str, *, what: str, inputs: Iterable[str] = ()
) -> bool:
    """Print ``text`` (``output`` is ``-``) or write it to the file ``output``.

    Args:
        ctx: The command's context (its standard output).
        output: ``-`` or a file name.
        text: What to write.
        what: What it is, for messages ("report", "handbook").
        inputs: The files the command read, which the output may not replace.

    Returns:
        Whether a file was written (so the command can say so).

    Raises:
        FileError: The file cannot be written, or is one of ``inputs``.
    """
    if output == "-":
        ctx.out.write(printable(text))
        return False
    data = _printable_utf8(text)
    write_atomic(output, printable(text) if data is None else data, what=what, inputs=inputs)
    return True
