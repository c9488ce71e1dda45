"""TOML in pack files: the front matter between two ``+++`` lines, and where each key sits.

An element file starts with a block of TOML between two lines of ``+++``; the Markdown body
follows. ``pack.toml`` and ``mappings.toml`` are TOML throughout. Everything here works with
1-based file lines, so that a fault found in the TOML (by :mod:`tomllib` or by the converter) can
be reported at the line of the file the author sees, not the line inside the front matter.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import attrs

__all__ = [
    "FENCE",
    "FrontMatter",
    "TomlFault",
    "key_lines",
    "normalise",
    "parse_toml",
    "split_front_matter",
]

#: The line that opens and closes the front matter.
FENCE = "+++"

_NEWLINES = re.compile(r"\r\n?")
_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


class TomlFault(Exception):
    """A fault at one line of a file (raised here, turned into a Problem by the reader)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@attrs.frozen
class FrontMatter:
    """An element file split in two.

    Attributes:
        toml: The TOML text between the fences.
        toml_line: The file line (1-based) of the first line of ``toml``.
        body: The Markdown after the closing fence.
        body_line: The file line (1-based) of the first line of ``body``.
    """

    toml: str
    toml_line: int
    body: str
    body_line: int


def normalise(text: str) -> str:
    """Line ends and NUL characters as markdown-it-py sees them, so its line numbers hold.

    A leading byte order mark is dropped: some editors add one, and it is not content.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    return text


def split_front_matter(text: str) -> FrontMatter:
    """Split a normalised element file into its front matter and its body.

    Raises:
        TomlFault: The file does not start with a ``+++`` line, or the block is never closed.
    """
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1  # blank lines before the front matter are harmless
    if start == len(lines) or lines[start].rstrip() != FENCE:
        raise TomlFault(
            start + 1 if start < len(lines) else 1,
            "expected front matter: the file must start with a line '+++', then TOML keys "
            "such as kind and id, then another line '+++'",
        )
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() == FENCE:
            return FrontMatter(
                toml="\n".join(lines[start + 1 : end]),
                toml_line=start + 2,
                body="\n".join(lines[end + 1 :]),
                body_line=end + 2,
            )
    raise TomlFault(
        start + 1,
        "the front matter opened here is never closed: expected a line '+++' after its keys",
    )


def parse_toml(text: str, first_line: int, what: str) -> dict[str, Any]:
    """Parse TOML, reporting a syntax error at its line in the file.

    Args:
        text: The TOML.
        first_line: The file line of the first line of ``text``.
        what: What the TOML is, for the message ("the front matter", "pack.toml").

    Raises:
        TomlFault: The text is not valid TOML.
    """
    try:
        return tomllib.loads(text)
    except RecursionError:
        # tomllib parses nested lists and tables recursively; a few hundred levels exhaust the
        # stack. No pack needs more than three.
        raise TomlFault(first_line, f"{what} nests lists or tables too deeply to read") from None
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_fault(exc, text, first_line, what) from None
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits (a guard against slow
        # conversions), and tomllib lets that ValueError through.
        long = _LONG_NUMBER.search(text)
        line = first_line + (text.count("\n", 0, long.start()) if long else 0)
        raise TomlFault(line, f"{what} holds a number too long to read") from None


# Anchored at the start of a run of digits, so the search takes time in proportion to the text.
_LONG_NUMBER = re.compile(r"(?<![0-9_])[0-9_]{1000,}")


def _syntax_fault(exc: tomllib.TOMLDecodeError, text: str, first_line: int, what: str) -> TomlFault:
    """A TOML syntax error as a fault at its line of the file."""
    message = str(exc)
    where = _TOML_WHERE.search(message)
    line = first_line + text.count("\n")
    column = ""
    if where is not None:
        message = message[: where.start()]
        if where.group(1):
            line = first_line + int(where.group(1)) - 1
            column = f" at column {where.group(2)}"
    reason = message[:1].lower() + message[1:]
    hint = ""
    if reason.startswith("invalid value"):
        hint = ' (text needs quotes, like kind = "theme"; lists need brackets, like ["a", "b"])'
    return TomlFault(line, f"{what} is not valid TOML: {reason}{column}{hint}")


_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]")


def key_lines(text: str, first_line: int) -> dict[tuple[str | int, ...], int]:
    """Where each key of a TOML text is, as file lines.

    Keys at the top are ``(key,)``; a key in the n-th ``[[table]]`` is ``(table, n, key)`` and
    the table's header is ``(table, n)``. This is a line scan, not a parser: it is used only to
    point a message at a line, and gives up quietly on what it does not follow.
    """
    found: dict[tuple[str | int, ...], int] = {}
    counts: dict[str, int] = {}
    prefix: tuple[str | int, ...] = ()
    in_string: str | None = None
    depth = 0  # inside a list or inline table that spans lines
    for number, line in enumerate(text.split("\n"), start=first_line):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        if depth == 0:
            header = _HEADER.match(line)
            if header is not None:
                name = header.group(2).strip("\"'")
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    prefix = (name, index)
                else:
                    prefix = (name,)
                found.setdefault(prefix, number)
                continue
            key = _KEY.match(line)
            if key is not None:
                found.setdefault((*prefix, key.group(1).strip("\"'")), number)
        depth = max(
            0, depth + line.count("[") + line.count("{") - line.count("]") - line.count("}")
        )
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_string = quote
                break
    return found
