"""What every command that writes does the same way: print to the terminal, or write a file.

A file is written whole or not at all (:func:`~wellbeing_framework.files.write_atomic`), so a
failed write leaves the previous report or handbook as it was, and never over one of the files
the command read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..files import write_atomic
from ._context import Context

__all__ = ["printable", "write_output"]

# Control characters other than tab and newline: text from a pack, a record or data printed to a
# terminal must not be able to move the cursor, change colours or rewrite the title bar. Lone
# surrogates too: no terminal encoding can write one, and print would raise UnicodeEncodeError.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe to print to a terminal: control characters and lone surrogates as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


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
    write_atomic(output, text, what=what, inputs=inputs)
    return True
