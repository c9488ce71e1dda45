"""Indented JSON text, the same to the byte as ``json.dumps(data, indent=2, ensure_ascii=False,
allow_nan=False)``, about three times as fast.

With an indent, the standard library leaves its C encoder for a pure-Python one made of nested
generators: over a second for the tens of thousands of cells of a large report. This writes the
same text by plain recursion into one list of pieces, with the C string escaper the standard
library uses; a property test holds the two equal on any JSON data.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps_indented"]

_STEP = "  "
_INF = float("inf")


def dumps_indented(data: Any) -> str:
    """``data`` as JSON text indented by two spaces, UTF-8 characters kept as they are.

    Raises:
        ValueError: A float that is not a number or infinite, which JSON cannot hold.
        TypeError: A value that is not JSON data (the standard library's own message).
    """
    out: list[str] = []
    _write(data, out, "\n")
    return "".join(out)


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value``; ``newline`` is a line break followed by the current indent."""
    scalar = _scalar(value)
    if scalar is not None:
        out.append(scalar)
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + _STEP
        separator = "," + inner
        out.append("[" + inner)
        for i, item in enumerate(value):
            text = _scalar(item)
            if text is None:
                if i:
                    out.append(separator)
                _write(item, out, inner)
            else:
                out.append(separator + text if i else text)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + _STEP
        separator = "," + inner
        out.append("{" + inner)
        for i, (key, item) in enumerate(value.items()):
            name = encode_basestring(key if type(key) is str else _key(key)) + ": "
            text = _scalar(item)
            if text is None:
                out.append(separator + name if i else name)
                _write(item, out, inner)
            else:
                out.append((separator + name if i else name) + text)
        out.append(newline + "}")
    else:
        # Anything else is refused with the standard library's own message.
        json.dumps(value)
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar(value: Any) -> str | None:
    """The text of a string, number, boolean or None; None for anything else."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value or value in (_INF, -_INF):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):  # a subclass, such as a StrEnum: its text, as the standard one
        return encode_basestring(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _scalar(float(value))
    return None


def _key(key: Any) -> str:
    """A number, boolean or None as a key, worded as the standard library words it."""
    if isinstance(key, (int, float)) or key is None:
        text: str = json.dumps(key, allow_nan=False)
        return text
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
