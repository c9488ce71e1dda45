"""Checks of the arguments given to the public functions, so a wrong one fails at the door.

Without them, a number passed where a list of names belongs fails somewhere deep inside (a
``TypeError`` from numpy, an ``AttributeError`` three calls down), which an application cannot
tell from a bug. Each check raises :class:`ArgumentError` naming the function, the argument, what
it expects and what it got: its type, and its value only for a number (text or bytes given in the
wrong place may be a file's content, with people's names in it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import ArgumentError

__all__ = [
    "expect",
    "expect_int",
    "expect_mapping_of_names",
    "expect_names",
]


def _got(value: object) -> str:
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    return type(value).__name__


def expect(where: str, name: str, value: object, kinds: type | tuple[type, ...], what: str) -> None:
    """Refuse ``value`` unless it is an instance of ``kinds``; ``what`` says so in words."""
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
        raise ArgumentError(f"{where}: {name}: expected {what}, got {_got(value)}")


def expect_int(
    where: str, name: str, value: object, *, minimum: int | None = None, optional: bool = False
) -> None:
    """Refuse anything but a whole number (not a bool) of at least ``minimum``."""
    if optional and value is None:
        return
    what = "a whole number" + (f" of at least {minimum}" if minimum is not None else "")
    if optional:
        what += " or None"
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(f"{where}: {name}: expected {what}, got {_got(value)}")
    if minimum is not None and value < minimum:
        raise ArgumentError(f"{where}: {name}: expected {what}, got {value}")


def expect_names(where: str, name: str, value: object) -> tuple[str, ...]:
    """A name, or a list or tuple of names, as a tuple of names."""
    if isinstance(value, str):
        return (value,)
    # Lists and tuples only: bytes and a string's letters are sequences too, but not of names.
    if isinstance(value, list | tuple):
        bad = [v for v in value if not isinstance(v, str)]
        if not bad:
            return tuple(value)
        got = f"a list holding {_got(bad[0])}"
    else:
        got = _got(value)
    raise ArgumentError(f"{where}: {name}: expected a name or a list of names, got {got}")


def expect_mapping_of_names(where: str, name: str, value: object) -> Mapping[str, Any]:
    """A mapping whose keys are names (strings)."""
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        return value
    raise ArgumentError(f"{where}: {name}: expected a mapping of names, got {_got(value)}")


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)
