"""The one converter: every model to plain JSON-able data and back, strictly.

cattrs on its own is forgiving: it turns ``3`` into ``"3"``, a string into a tuple of letters, and
hides attrs validator messages behind "invalid value". Here every primitive is checked for its
exact type, unknown keys are refused, and every fault in a document is reported with its path::

    >>> from wellbeing_framework.model.content import Statement
    >>> structure({"id": "ab", "voice": "I", "text": 3}, Statement)
    Traceback (most recent call last):
    ...
    wellbeing_framework.errors.ConversionError: 1 problem in the data:
      $.text: expected a string, got int 3
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from .._words import noun
from ..errors import ConversionError, Fault, FaultPath
from ._validators import FieldError

__all__ = ["make_converter", "structure", "unstructure"]

T = TypeVar("T")


def _type_name(value: object) -> str:
    return type(value).__name__


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_type_name(value)} {value!r}")
    lone = _SURROGATE.search(value)
    if lone:
        # JSON can carry half of a character (an emoji cut in two by a form); it could never be
        # written out again, so it is refused here rather than failing in some later output.
        raise ValueError(
            f"holds half of a character (the lone surrogate U+{ord(lone.group()):04X}, "
            f"character {lone.start() + 1}), perhaps an emoji cut in two: retype the text"
        )
    return value


def _strict_int(value: object, _: type) -> int:
    # JSON Schema counts 90.0 as the whole number 90, and Go, Java and JavaScript may write it
    # so (or 1e+21): a float with no fractional part is accepted, any other is not.
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_type_name(value)} {value!r}")
    return value


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {_type_name(value)} {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    return float(value)


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_type_name(value)} {value!r}")
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # TOML front matter gives real dates
    if not isinstance(value, str):
        raise TypeError(f"expected a date as YYYY-MM-DD, got {_type_name(value)} {value!r}")
    # Python 3.11 also reads 20250603 and 2025-W23-2; the schema promises one format only.
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a real date as YYYY-MM-DD, got {value!r}") from None


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected an ISO 8601 date-time, got {value!r}") from None
    else:
        raise TypeError(f"expected an ISO 8601 date-time, got {_type_name(value)} {value!r}")
    if parsed.tzinfo is None:
        raise ValueError(f"expected a date-time with a time zone (such as +00:00), got {value!r}")
    return parsed


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"expected one of {allowed}, got {value!r}") from None


def _is_homogeneous_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _strict_tuple(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[object, type], tuple[Any, ...]]]:
    """cattrs would happily turn the string ``"ab"`` into ``("a", "b")``: allow lists only."""

    def factory(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
        inner = cattrs.cols.homogenous_tuple_structure_factory(t, converter)

        def structure(value: object, t: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {_type_name(value)} {value!r}")
            return inner(value, t)  # type: ignore[no-any-return]

        return structure

    return factory


def _attrs_strict_mapping(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[object, type], Any]]:
    """Refuse anything but a mapping where an attrs class is expected, with a plain message."""

    def factory(cls: Any) -> Callable[[object, type], Any]:
        inner = cattrs.gen.make_dict_structure_fn(cls, converter)

        def structure(value: object, t: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(
                    f"expected an object (a table of keys) for {cls.__name__}, "
                    f"got {_type_name(value)} {value!r}"
                )
            return inner(value, t)

        return structure

    return factory


def make_converter() -> cattrs.Converter:
    """A new strict converter for every model of the library.

    It refuses a value of the wrong type (``3`` for a string, ``true`` for a number), unknown keys
    and missing required fields, and collects every fault rather than stopping at the first.
    Enums become their values, dates ISO strings, tuples lists.
    """
    # cattrs resolves each model's field types in the module the model says it is from; Pack
    # is had without the element classes its fields name (model._pack), so load them.
    from . import content  # noqa: F401

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    # Enums are registered by class, not by predicate: a StrEnum is a str, and the str hook
    # above would otherwise win the dispatch and let any string through.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(enum.Enum, _structure_enum)
    # Dispatch on the class before ``str``: a StrEnum is a str, and cattrs passes strs through.
    converter.register_unstructure_hook(enum.StrEnum, _enum_value)
    converter.register_unstructure_hook(enum.Enum, _enum_value)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _strict_tuple(converter))
    converter.register_structure_hook_factory(attrs.has, _attrs_strict_mapping(converter))
    return converter


def _enum_value(member: enum.Enum) -> Any:
    return member.value


@functools.cache
def _default() -> cattrs.Converter:
    return make_converter()


def unstructure(obj: Any) -> Any:
    """A model as plain data (dicts, lists, strings, numbers, booleans, None) ready for JSON."""
    return _default().unstructure(obj)


def structure(data: Any, cls: type[T], *, source: str | None = None) -> T:
    """Build a ``cls`` from plain data, or raise :class:`ConversionError` listing every fault.

    Args:
        data: Plain data, as from ``json.load``.
        cls: The model class to build.
        source: Where the data came from (a file name), for the message.
    """
    try:
        return _default().structure(data, cls)
    except (
        ClassValidationError,
        IterableValidationError,
        FieldError,
        TypeError,
        ValueError,
    ) as exc:
        raise ConversionError(_faults(exc, ()), source=source) from None


def _faults(exc: BaseException, path: FaultPath) -> Iterator[Fault]:
    """Walk cattrs' exception groups, yielding every fault with its path (cattrs keeps the
    structure as groups with notes; it is formatted only at the edge, by ``Fault.__str__``)."""
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            index = note.index
            yield from _faults(inner, (*path, index if isinstance(index, int) else str(index)))
        for inner in without:
            yield from _faults(inner, path)
    elif isinstance(exc, ClassValidationError):
        by_field, rest = exc.group_exceptions()
        for inner, field in by_field:
            yield from _faults(inner, (*path, field.name))
        for inner in rest:
            yield from _faults(inner, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = ", ".join(a.name for a in attrs.fields(exc.cl))
        extra = ", ".join(sorted(exc.extra_fields))
        yield Fault(
            path, f"unknown {noun(len(exc.extra_fields), 'key')} {extra}: expected only {known}"
        )
    elif isinstance(exc, FieldError):
        yield Fault((*path, exc.field), exc.reason)
    elif isinstance(exc, KeyError):
        yield Fault(path, "required field missing")
    else:
        yield Fault(path, str(exc))
