"""Reading and writing session and action-plan records as JSON files.

A file holds one record (a JSON object) or a list of them; sessions and action plans may share a
file. Everything goes through the library's one converter, so a file is read exactly as
``wellbeing schema`` describes it, and every fault comes back with the file and the path of the
field (``group.json: $[2].date: ...``). Malformed JSON is reported with its line and column.

Where each record came from is kept as an :class:`Origin`, so that later checks (an unknown
trigger, a broken rule) can name the file and field too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from .._files import read_limited, write_atomic
from ..errors import ConversionError, FaultPath, FileError, RecordError, path_text
from ..model.convert import structure, unstructure
from ..model.session import ActionPlan, Session

__all__ = [
    "MAX_DEPTH",
    "MAX_NUMBER_CHARS",
    "MAX_RECORD_BYTES",
    "NOT_KEPT",
    "Origin",
    "Record",
    "Records",
    "dumps_records",
    "read_records",
    "write_records",
]

Record: TypeAlias = Session | ActionPlan

#: Keys a session record may not have: a reflective session keeps no minutes and no account of
#: what anyone said. Named here so the refusal can say why, not only "unknown key".
NOT_KEPT = ("minutes", "notes", "transcript", "discussion", "what_was_said", "comments")


@attrs.frozen(kw_only=True)
class Origin:
    """Where a record came from: its file, and its place in the file.

    Attributes:
        file: The file, as it was given.
        pointer: ``$`` for a file that holds one record, ``$[2]`` for the third of a list.
    """

    file: str
    pointer: str = "$"

    def field(self, path: str = "") -> str:
        """The path of a field of this record within its file: ``field(".trigger")`` gives
        ``$[2].trigger`` for the third record of a list."""
        return f"{self.pointer}{path}"

    def __str__(self) -> str:
        return self.file if self.pointer == "$" else f"{self.file} {self.pointer}"


@attrs.frozen(kw_only=True)
class Records:
    """The records read from one or more files, and where each came from.

    Attributes:
        sessions: Every session, in the order read.
        action_plans: Every action plan, in the order read.
        session_origins: Where each session came from, by session id.
        plan_origins: Where each action plan came from, by plan id.
    """

    sessions: tuple[Session, ...] = ()
    action_plans: tuple[ActionPlan, ...] = ()
    session_origins: Mapping[str, Origin] = attrs.field(factory=dict)
    plan_origins: Mapping[str, Origin] = attrs.field(factory=dict)

    def origin(self, record: Record) -> Origin | None:
        """Where ``record`` came from, if it was read from a file."""
        origins = self.session_origins if isinstance(record, Session) else self.plan_origins
        return origins.get(record.id)


def read_records(paths: Iterable[str | os.PathLike[str]]) -> Records:
    """Read session and action-plan records from JSON files.

    Args:
        paths: The files. Each holds one record or a list of records.

    Raises:
        RecordError: A file cannot be read, is not valid JSON (with its line and column), holds
            a record that is neither a session nor an action plan, keeps minutes, or repeats the
            id of a record already read (naming both places).
        ConversionError: A record does not fit its model; every fault with its path.
    """
    sessions: list[Session] = []
    plans: list[ActionPlan] = []
    session_origins: dict[str, Origin] = {}
    plan_origins: dict[str, Origin] = {}
    for path in paths:
        for origin, record in _records_in(str(path)):
            if isinstance(record, Session):
                _claim(session_origins, "session", record.id, origin)
                sessions.append(record)
            else:
                _claim(plan_origins, "action plan", record.id, origin)
                plans.append(record)
    return Records(
        sessions=tuple(sessions),
        action_plans=tuple(plans),
        session_origins=session_origins,
        plan_origins=plan_origins,
    )


def dumps_records(records: Record | Sequence[Record]) -> str:
    """Records as JSON text: one object for one record, a list for a sequence."""
    data = (
        unstructure(records)
        if isinstance(records, Session | ActionPlan)
        else [unstructure(r) for r in records]
    )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_records(path: str | os.PathLike[str], records: Record | Sequence[Record]) -> None:
    """Write records to a JSON file that :func:`read_records` reads back unchanged.

    The file is written whole or not at all: a failed write leaves the old file as it was.

    Raises:
        FileError: The file cannot be written, or a text holds half of a character (a lone
            surrogate), which no file can hold.
    """
    write_atomic(path, dumps_records(records), what="record file")


# -- reading ------------------------------------------------------------------------------------


def _claim(origins: dict[str, Origin], kind: str, record_id: str, origin: Origin) -> None:
    first = origins.get(record_id)
    if first is not None:
        raise RecordError(
            f"the {kind} id {record_id!r} is used twice: first at {first}; "
            f"each {kind} needs an id of its own",
            field=origin.field(".id"),
            source=origin.file,
        )
    origins[record_id] = origin


def _records_in(path: str) -> Iterator[tuple[Origin, Record]]:
    data = _load_json(path)
    if isinstance(data, dict):
        items: list[tuple[FaultPath, Any]] = [((), data)]
    elif isinstance(data, list):
        items = [((i,), item) for i, item in enumerate(data)]
    else:
        raise RecordError(
            f"expected a record (a JSON object) or a list of records, got {type(data).__name__}",
            source=path,
        )
    for place, item in items:
        origin = Origin(file=path, pointer=path_text(place))
        yield origin, _structure(item, origin, place)


def _structure(item: Any, origin: Origin, place: FaultPath) -> Record:
    if not isinstance(item, dict):
        raise RecordError(
            f"expected a record (a JSON object), got {type(item).__name__}",
            field=origin.pointer,
            source=origin.file,
        )
    cls: type[Session] | type[ActionPlan]
    if "session_type" in item:
        cls = Session
        for key in NOT_KEPT:
            if key in item:
                raise RecordError(
                    f"a session record keeps no minutes and no account of what anyone said, so "
                    f"{key!r} cannot be stored. Put wider learning, written without names, under "
                    f"'learning', each point with the forum it goes to; remove {key!r}",
                    field=origin.field(f".{key}"),
                    source=origin.file,
                )
    elif "created" in item:
        cls = ActionPlan
    else:
        raise RecordError(
            "cannot tell what this record is: a session has a 'session_type', an action plan "
            "has a 'created' date",
            field=origin.pointer,
            source=origin.file,
        )
    try:
        return structure(item, cls)
    except ConversionError as exc:
        # The converter's paths start at the record; put the record's place in the file first.
        raise ConversionError((f.under(place) for f in exc.faults), source=origin.file) from None


#: The most bytes a record file may hold: years of a busy team's sessions fit many times over.
MAX_RECORD_BYTES = 16_000_000
#: The deepest a record file may nest lists and objects; a record needs five levels.
MAX_DEPTH = 32
#: The longest number a record may hold, in characters: dates and durations need a few.
MAX_NUMBER_CHARS = 30

# One pass over the text: strings (skipped whole, possessively, so an unterminated one costs no
# backtracking), brackets, and runs of everything else, in which numbers are looked for.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[{]|[\]}]|[^"\[\]{}]+')
# A number longer than MAX_NUMBER_CHARS, matched only from its first character.
_LONG_NUMBER = re.compile(rf"(?<![-0-9.eE+])[-0-9][-0-9.eE+]{{{MAX_NUMBER_CHARS},}}")


def _load_json(path: str) -> Any:
    try:
        raw = read_limited(path, limit=MAX_RECORD_BYTES, what="record file")
    except FileError as exc:
        raise RecordError(exc.reason, source=path) from None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as some editors save, is not content
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RecordError(
            f"line {line}: cannot read the file: it is not UTF-8 text "
            f"(byte 0x{raw[exc.start]:02x})",
            source=path,
        ) from None
    _check_shape(text, path)
    try:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}", source=path
        ) from None
    except _Refused as exc:
        raise RecordError(str(exc), source=path) from None
    _check_text(data, "$", path)
    return data


def _check_shape(text: str, path: str) -> None:
    """Refuse, before parsing, what would exhaust the parser: nesting deeper than
    :data:`MAX_DEPTH` (Python's json recurses, and 10,000 brackets raise RecursionError) and
    numbers longer than :data:`MAX_NUMBER_CHARS` (5,000 digits raise ValueError)."""
    depth = 0
    for token in _TOKENS.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise RecordError(
                    f"line {_line(text, token.start())}: lists and objects nest more than "
                    f"{MAX_DEPTH} deep; a record needs a handful of levels",
                    source=path,
                )
        elif first in "]}":
            depth -= 1
        elif first != '"' and (number := _LONG_NUMBER.search(token.group())) is not None:
            raise RecordError(
                f"line {_line(text, token.start() + number.start())}: a number "
                f"{len(number.group()):,} characters long; a record's numbers have at most "
                f"{MAX_NUMBER_CHARS}",
                source=path,
            )


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _no_constant(name: str) -> Any:
    # Python's json reads NaN and Infinity, which JSON itself does not have.
    raise _Refused(f"{name} is not a number a record may hold (it is not JSON)")


def _check_text(value: Any, where: str, path: str) -> None:
    """Refuse a lone surrogate (``"\\ud800"``, half of an emoji cut by a form): it is valid
    JSON, but not text, and no file or terminal can take it. Depth is bounded already."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise RecordError(
                "holds half of a character (a lone surrogate such as \\ud800), perhaps an emoji "
                "cut in two: retype the text",
                field=where,
                source=path,
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, where, path)
            _check_text(item, f"{where}.{key}" if _SIMPLE_KEY.fullmatch(key) else where, path)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _check_text(item, f"{where}[{n}]", path)


_SURROGATE = re.compile("[\ud800-\udfff]")
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Refused(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python's json keeps the last of two equal keys without a word; a record that says its date
    # twice is a mistake worth naming.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {key!r} appears twice in one object: keep one")
        out[key] = value
    return out
