"""The text the ledger keeps of a long list of records, written a column at a time.

The ledger keeps a report as ``json.dumps(report, sort_keys=True, ensure_ascii=False,
allow_nan=False)`` (see :func:`~wellbeing_framework.analysis.ledger.record_parts`), and a
report of a million respondents is 52,000 cells of 17 fields, 2,000 groups and 4,000 trends:
the C encoder took 0.23 s over the cells alone, sorting and writing each cell's fields one by
one. Here a list of dicts with the same keys is written as its columns: each column of numbers
in one call of the C encoder, each column of strings through the C escaper (each distinct
string once), each column of lists as its items' columns, each column of dicts with the same
keys as those dicts' columns; then each record from one template of its sorted keys. Anything
else (another type, a dict whose keys differ from its neighbours', a value nested deeper than
:data:`_DEPTH`) is written by the standard library's encoder itself, so every text is the
standard library's to the byte, and so are its errors. A property test holds the text equal to
``json.dumps`` on random reports.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

__all__ = ["encode", "records_text"]

#: The ledger's encoder: the text of any JSON value, as ``json.dumps`` with its options.
encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, allow_nan=False).encode
#: Types whose text never holds a comma: a column of them is written in one call.
_PLAIN = frozenset({int, float, bool, type(None)})
#: Scalars equal across types only as True == 1 == 1.0; without numbers, a value is its key.
_UNNUMBERED = frozenset({str, bool, type(None)})
_SCALARS = _PLAIN | {str}
_SEQUENCES = frozenset({list, tuple})
#: How deep columns are taken apart (a report's cells: a distribution, of pairs, of scalars);
#: deeper values are encoded whole, which also keeps a value that holds itself from recursing
#: here rather than failing as the standard library fails it.
_DEPTH = 4


def records_text(values: Sequence[Any]) -> str | None:
    """The text of ``values``' elements, joined by ``", "`` (a JSON list's inside), when they
    are dicts with the same keys, all strings; else None, for the standard library to write.

    Raises:
        ValueError, TypeError: As ``json.dumps`` raises them, for what JSON cannot hold.
    """
    if set(map(type, values)) != {dict}:
        return None
    found = _fields(values, 0)
    if found is None:
        return None
    names, columns = found
    if not names:
        return ", ".join(["{}"] * len(values))
    # Each field's name and the text before it, then its value, interleaved by slices (a
    # template filled a record at a time took twice as long).
    count, width = len(values), 2 * len(names)
    pieces: list[str | None] = [None] * (width * count)
    for j, (name, texts) in enumerate(zip(names, columns, strict=True)):
        pieces[2 * j :: width] = [(", " if j else "}, {") + encode(name) + ": "] * count
        pieces[2 * j + 1 :: width] = texts
    pieces[0] = "{" + encode(names[0]) + ": "
    pieces.append("}")
    return "".join(pieces)  # type: ignore[arg-type]  # every None is replaced above


def _fields(
    values: Sequence[dict[Any, Any]], depth: int
) -> tuple[list[str], list[list[str]]] | None:
    """The sorted keys of ``values``, dicts, and the text of each key's values; None unless
    they all have the same keys, strings."""
    first = values[0]
    if not all(type(k) is str for k in first) or set(map(len, values)) != {len(first)}:
        return None
    names = sorted(first)
    try:
        # The same number of keys, and every one of the first's: the same keys.
        columns = [list(map(itemgetter(name), values)) for name in names]
    except KeyError:
        return None
    return names, [_column(column, depth + 1) for column in columns]


def _records(values: Sequence[dict[Any, Any]], depth: int) -> list[str] | None:
    """The text of each of ``values``, dicts; None unless they have the same keys, strings."""
    found = _fields(values, depth)
    if found is None:
        return None
    names, columns = found
    if not names:
        return ["{}"] * len(values)
    template = "{" + ", ".join(encode(n).replace("%", "%%") + ": %s" for n in names) + "}"
    return list(map(template.__mod__, zip(*columns, strict=True)))


def _column(values: Sequence[Any], depth: int) -> list[str]:
    """The text of each of ``values``."""
    types = set(map(type, values))
    if types <= _SCALARS:
        return _scalars(values, types)
    texts = None
    if depth < _DEPTH:
        if types <= _SEQUENCES:
            texts = _sequences(values, depth)
        elif types == {dict}:
            texts = _records(values, depth)
    return list(map(encode, values)) if texts is None else texts


def _scalars(values: Sequence[Any], types: set[type]) -> list[str]:
    if types <= _PLAIN:
        return _numbers(values)
    if types <= _UNNUMBERED:
        # Strings (a band, a wave, an option) repeat: each distinct value is written once.
        known = {v: encode_basestring(v) if type(v) is str else encode(v) for v in set(values)}
        return list(map(known.__getitem__, values))
    # Numbers and strings mixed: the numbers in one call (a string's place holding null).
    numbers = _numbers([None if type(v) is str else v for v in values])
    return [
        encode_basestring(v) if type(v) is str else text
        for v, text in zip(values, numbers, strict=True)
    ]


def _numbers(values: Sequence[Any]) -> list[str]:
    """The text of each of ``values`` (ints, floats, booleans or None), by one call of the C
    encoder (no such text holds a comma)."""
    return encode(list(values))[1:-1].split(", ") if values else []


def _sequences(values: Sequence[Sequence[Any]], depth: int) -> list[str] | None:
    """The text of each of ``values``, lists or tuples (written as lists)."""
    lengths = list(map(len, values))
    items = list(itertools.chain.from_iterable(values))
    types = set(map(type, items))
    if types <= {str}:
        # Lists of strings (a group's names) repeat: each distinct list is written once.
        keys = list(map(tuple, values))
        known = {k: "[" + ", ".join(map(encode_basestring, k)) + "]" for k in set(keys)}
        return list(map(known.__getitem__, keys))
    if types <= _SEQUENCES and set(map(len, items)) == {2}:
        return _pairs(lengths, items)
    texts = _column(items, depth + 1)
    ends = itertools.accumulate(lengths)
    return ["[" + ", ".join(texts[e - n : e]) + "]" for n, e in zip(lengths, ends, strict=True)]


def _pairs(lengths: list[int], pairs: list[Sequence[Any]]) -> list[str] | None:
    """The text of lists of ``lengths`` items, ``pairs`` in turn, each a name and a number (a
    distribution, each option's count); None if they are not."""
    names = list(map(itemgetter(0), pairs))
    numbers = list(map(itemgetter(1), pairs))
    if set(map(type, names)) - {str} or set(map(type, numbers)) - _PLAIN:
        return None
    texts = _numbers(numbers)
    # A distribution's options are its statement's: each list of names is a template once.
    templates: dict[tuple[str, ...], str] = {}
    out = []
    end = 0
    for length in lengths:
        start, end = end, end + length
        key = tuple(names[start:end])
        template = templates.get(key)
        if template is None:
            escaped = (encode_basestring(name).replace("%", "%%") for name in key)
            template = templates[key] = "[" + ", ".join(f"[{n}, %s]" for n in escaped) + "]"
        out.append(template % tuple(texts[start:end]))
    return out
