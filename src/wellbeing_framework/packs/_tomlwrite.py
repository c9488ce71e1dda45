"""A small TOML writer for the shapes a pack uses: strings, numbers, booleans, dates, lists of
these, and inline tables. The standard library reads TOML but does not write it, and the
runtime dependencies are kept to a few.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["toml_key", "toml_lines", "toml_value"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_key(key: str) -> str:
    """A key, bare where TOML allows it."""
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _escape(char: str, *, keep_newlines: bool) -> str:
    if keep_newlines and char == "\n":
        return char
    if char in _ESCAPES:
        return _ESCAPES[char]
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"\\u{ord(char):04x}"
    return char


def _string(value: str) -> str:
    if "\n" in value:
        # A multi-line string reads better in an editor; the newline after the opening quotes
        # is dropped by TOML readers.
        body = "".join(_escape(c, keep_newlines=True) for c in value)
        return f'"""\n{body}"""'
    return '"' + "".join(_escape(c, keep_newlines=False) for c in value) + '"'


def toml_value(value: Any) -> str:
    """One value as TOML.

    Raises:
        TypeError: The value is of a type TOML cannot hold.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as TOML")


def toml_lines(table: Mapping[str, Any]) -> list[str]:
    """``key = value`` lines for a flat table (values may be lists and inline tables)."""
    return [f"{toml_key(key)} = {toml_value(value)}" for key, value in table.items()]
