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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from ..errors import ConversionError, RecordError
from ..model.convert import structure, unstructure
from ..model.session import ActionPlan, Session

__all__ = [
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

    Raises:
        RecordError: The file cannot be written.
    """
    try:
        Path(path).write_text(dumps_records(records), encoding="utf-8")
    except OSError as exc:
        raise RecordError(
            f"cannot write the file: {exc.strerror or exc}", source=str(path)
        ) from None


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
        items: list[tuple[str, Any]] = [("$", data)]
    elif isinstance(data, list):
        items = [(f"$[{i}]", item) for i, item in enumerate(data)]
    else:
        raise RecordError(
            f"expected a record (a JSON object) or a list of records, got {type(data).__name__}",
            source=path,
        )
    for pointer, item in items:
        origin = Origin(file=path, pointer=pointer)
        yield origin, _structure(item, origin)


def _structure(item: Any, origin: Origin) -> Record:
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
        raise ConversionError(
            (origin.pointer + e[1:] if e.startswith("$") else e for e in exc.errors),
            source=origin.file,
        ) from None


def _load_json(path: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RecordError("cannot read the file: it is not UTF-8 text", source=path) from None
    except OSError as exc:
        raise RecordError(f"cannot read the file: {exc.strerror or exc}", source=path) from None
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}", source=path
        ) from None
    except _RepeatedKeyError as exc:
        raise RecordError(str(exc), source=path) from None


class _RepeatedKeyError(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python's json keeps the last of two equal keys without a word; a record that says its date
    # twice is a mistake worth naming.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RepeatedKeyError(f"the key {key!r} appears twice in one object: keep one")
        out[key] = value
    return out
