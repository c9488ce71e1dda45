"""The text the ledger keeps of a long list of records, written a column at a time.

The ledger keeps a report as ``json.dumps(report, sort_keys=True, ensure_ascii=False,
allow_nan=False)`` (see :func:`~wellbeing_framework.analysis.ledger.record_parts`), and a
report of a million respondents is 52,000 cells of 17 fields, 2,000 groups and 4,000 trends:
the C encoder spends most of the ledger's 0.28 s on the cells, sorting and writing each cell's
17 names again. Here a list of dicts with the same keys is written as its columns: a column of
numbers in one call of the C encoder, of strings through the C escaper (each distinct string
once), of lists of strings (a group's names) each distinct list once, of dicts with the same
keys as those dicts' columns, and any other column (a distribution's pairs) in one call of the
C encoder, cut apart after; then the names and the values are interleaved by slices and joined
once. Where a column cannot be cut apart, each value is written by the standard library's
encoder itself, so every text is the standard library's to the byte, and so are its errors.
A property test holds the text equal to ``json.dumps`` on random reports.
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
#: How deep dicts within dicts are taken apart (a trend's ``shown`` is one deep); deeper ones
#: are encoded whole, which also keeps a dict that holds itself from recursing here rather
#: than failing as the standard library fails it.
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
            texts = _sequences(values)
        elif types == {dict}:
            texts = _records(values, depth)
    return _apart(values) if texts is None else texts


#: Set between the values of a column encoded in one call, to cut the text apart at: the text
#: of a string of one NUL, which can stand at the start of an item only where a value holds
#: that string as an item of a list (and then the cuts are too many, and are not used).
_CUT = ", " + encode_basestring("\0") + ", "


def _apart(values: Sequence[Any]) -> list[str]:
    """The text of each of ``values``, of any kind: all in one call of the C encoder, with
    :data:`_CUT` between them, then cut apart; each by a call of its own where the cuts do not
    come out one fewer than the values."""
    between = ["\0"] * (2 * len(values) - 1)
    between[::2] = values
    texts = encode(between)[1:-1].split(_CUT)
    return texts if len(texts) == len(values) else list(map(encode, values))


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


def _sequences(values: Sequence[Sequence[Any]]) -> list[str] | None:
    """The text of each of ``values``, lists or tuples of strings (a group's names); None
    for lists of anything else (a distribution's pairs), which the C encoder writes as fast
    in one call (:func:`_apart`) as any template here."""
    first = next((v for v in values if v), ())
    # The first list tells whether to look at every item (a distribution has 200,000).
    if any(type(item) is not str for item in first):
        return None
    if set(map(type, itertools.chain.from_iterable(values))) - {str}:
        return None
    # Lists of strings repeat (a group's, once for each of its cells): each is written once.
    keys = list(map(tuple, values))
    known = {k: "[" + ", ".join(map(encode_basestring, k)) + "]" for k in set(keys)}
    return list(map(known.__getitem__, keys))
