"""Structure what can be structured, so that one bad value does not hide the next fault.

The strict converter builds nothing when any field is wrong. A pack author wants every fault at
once, though: a checklist with a misspelt ``scope`` should still be told that its theme does not
exist. So after the converter reports its faults, the bad values are set aside (an optional field
falls back to its default, a bad item is left out, a bad choice takes the first allowed one) and
the element is built again, only to be checked. A pack with any problem is never returned.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

from ..errors import ConversionError, Fault, FaultPath
from ..model._hints import field_types
from ..model.convert import structure

__all__ = ["fault_message", "structure_leniently"]

T = TypeVar("T")


def structure_leniently(data: dict[str, Any], cls: type[T]) -> tuple[T | None, tuple[Fault, ...]]:
    """Build ``cls`` from ``data``; on faults, also try without the bad values.

    Returns:
        The object (built from what was good, if there were faults; None if even that failed)
        and the converter's faults.
    """
    try:
        return structure(data, cls), ()
    except ConversionError as exc:
        faults = list(exc.faults)
    faulty: set[FaultPath] = set()
    current, pending = data, list(faults)
    for _ in range(3):
        faulty.update(fault.path[:1] for fault in pending)
        salvaged = _without_faults(current, cls, pending)
        if salvaged is None:
            return None, tuple(faults)
        try:
            return structure(salvaged, cls), tuple(faults)
        except ConversionError as exc:
            # Faults the first faults hid (a rule checked only once the values are there):
            # real ones, unless they concern what was already set aside.
            fresh = [f for f in exc.faults if f.path[:1] not in faulty]
            if not fresh:
                return None, tuple(faults)
            faults.extend(fresh)
            current, pending = salvaged, fresh
    return None, tuple(faults)


def fault_message(fault: Fault) -> str:
    """The fault's reason, prefixed with the key it concerns (the last name on its path), for
    a message that already names the file and line."""
    names = [part for part in fault.path if isinstance(part, str)]
    return f"{names[-1]}: {fault.reason}" if names else fault.reason


def _without_faults(
    data: dict[str, Any], cls: type[Any], faults: Sequence[Fault]
) -> dict[str, Any] | None:
    fields = {f.name: f for f in attrs.fields(cls)}
    types = _hints(cls)
    out = dict(data)
    drop: dict[str, set[int]] = {}
    for fault in faults:
        path = fault.path
        if not path:
            # A fault of the whole object (an unknown key, a rule across fields): keep only
            # the keys the model knows, and let the second try tell.
            out = {k: v for k, v in out.items() if k in fields}
            continue
        name = path[0]
        field = fields.get(str(name))
        if field is None:
            out.pop(str(name), None)
        elif len(path) > 1 and isinstance(path[1], int) and isinstance(out.get(str(name)), list):
            drop.setdefault(str(name), set()).add(path[1])
        elif field.default is not attrs.NOTHING:
            out.pop(str(name), None)
        elif isinstance(types.get(field.name), enum.EnumMeta):
            out[str(name)] = next(iter(types[field.name])).value
        else:
            return None
    for name, positions in drop.items():
        out[name] = [v for n, v in enumerate(out[name]) if n not in positions]
    return out


# A dict rather than functools.cache: mypy --strict does not take type[Any] as Hashable.
_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = field_types(cls)
    return _HINTS[cls]
