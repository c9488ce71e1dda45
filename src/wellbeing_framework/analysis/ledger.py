"""The release ledger: what has been published from the same data, so reports stay safe together.

Two reports of one file, each safe alone, can give a hidden group away when set side by side
(grouped by team in one, by service and team in the other; a minimum of 10 in one and 5 in the
other). The ledger remembers every report released from the same accepted responses (a
fingerprint of them) and hands their published figures to the next aggregation, which is then
suppressed so that it and every earlier report pass the audit together.

The organisational survey (the leaders answering the 'We' side) is other data, about other
people: each entry also records the fingerprint of the leaders' file it used, and a new report's
survey is suppressed together with the surveys of every earlier report of that same file
(:meth:`Ledger.organisational_releases`), whatever staff file they came with.

It is an SQLite file (in WAL mode, so that two processes can use it at once) that holds the
reports exactly as published, and nothing else: never an answer, never a person's words.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs

from ..errors import WellbeingError
from ._cores import wait_for_a_core
from .audit import Release, release_from_report

__all__ = [
    "LEDGER_ENV",
    "FileHashing",
    "Ledger",
    "LedgerEntry",
    "LedgerError",
    "default_ledger_path",
    "file_fingerprints",
    "fingerprint",
]

#: The environment variable naming the ledger file.
LEDGER_ENV = "WELLBEING_LEDGER"


#: Columns added after the first ledgers were written, added to those when opened.
_ADDED = ("organisational", "source", "rejected", "leaders_source", "leaders_rejected")
_STAFF = ("source", "rejected")
#: The indexes of the releases table, by the column each is of.
_INDEXES = {
    "by_data": "fingerprint",
    "by_file": "source",
    "by_leaders_file": "leaders_source",
    "by_leaders": "organisational",
}


class LedgerError(WellbeingError):
    """The ledger file cannot be read or written."""


def default_ledger_path() -> Path:
    """``$WELLBEING_LEDGER``, else ``ledger.sqlite3`` in the user's data folder
    (``$XDG_DATA_HOME/wellbeing-framework``, by default ``~/.local/share/wellbeing-framework``)."""
    named = os.environ.get(LEDGER_ENV)
    if named:
        return Path(named)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "wellbeing-framework" / "ledger.sqlite3"


def fingerprint(chunks: Iterable[bytes]) -> str:
    """A fingerprint of the data: SHA-256 of its bytes, as hex."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def file_fingerprints(path: str | os.PathLike[str], extra: bytes) -> tuple[str, str]:
    """The fingerprints of a file's bytes followed by ``extra`` (what makes it the same data,
    such as the rows refused) and of the file alone, from one read a block at a time, so a
    large export is never held whole. Each is :func:`fingerprint` of those bytes."""
    return _fingerprints(_file_digest(path), extra)


def _file_digest(
    path: str | os.PathLike[str], between: Callable[[], None] = lambda: None
) -> hashlib._Hash:
    """SHA-256 of the file, read a block at a time, calling ``between`` before each block."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            between()
            block = f.read(1 << 20)
            if not block:
                return digest
            digest.update(block)


def _fingerprints(alone: hashlib._Hash, extra: bytes) -> tuple[str, str]:
    """With ``extra`` and without: the file is hashed once, and ``extra`` added to a copy."""
    with_extra = alone.copy()
    with_extra.update(extra)
    return with_extra.hexdigest(), alone.hexdigest()


class FileHashing:
    """The fingerprints of :func:`file_fingerprints`, of a file read in a thread of its own
    from the moment this is made, so that the import goes on meanwhile.

    Reading and hashing release the GIL, so on two cores the 0.25 s of a million-row
    export's SHA-256 runs beside the import instead of after it: in the moments when a core is
    free, since it waits while the thread that made this reads a CSV on both (see ``_cores``).
    The ``extra`` that belongs to the data's fingerprint (the rows the import refuses) is added
    at the end, to a copy.

    Args:
        path: The file; its bytes are read a block at a time, never held whole.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._owner = threading.get_ident()  # whose import the hashing stands aside for
        self._digest: hashlib._Hash | None = None
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._read, name="ledger-fingerprint", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._digest = _file_digest(self.path, between=lambda: wait_for_a_core(self._owner))
        except OSError as exc:
            self._error = exc

    def fingerprints(self, extra: bytes) -> tuple[str, str]:
        """As :func:`file_fingerprints` of the file and ``extra``, once it is read.

        Raises:
            OSError: The file could not be read, as :func:`file_fingerprints` raises it.
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._digest is not None  # read, since no error was kept
        return _fingerprints(self._digest, extra)


#: How a report's JSON text begins: its first member says what it is (see ``_stored``).
_REPORT_TEXT = re.compile(r'\s*\{\s*"format"\s*:\s*"wellbeing-report"')
#: Characters of the text encoded at a time (see ``_stored``).
_PART = 1 << 20


def _stored(report: Mapping[str, Any] | str) -> list[bytes]:
    """The UTF-8 of the text an entry keeps, in parts: a report's text as published, or the
    JSON of its data, ``json.dumps(report, sort_keys=True, ensure_ascii=False,
    allow_nan=False)``, as the ledger has always written data.

    In parts, so that the 40 MB of a million respondents' report is hashed and written into
    the entry without a second copy of it, by Python or by SQLite (see ``Ledger._insert``).

    Raises:
        LedgerError: The text is not a report's JSON text, or the data is not JSON data.
    """
    try:
        if isinstance(report, str):
            # Read back in full only by the next report of the same data: a text not of a
            # report would be found then, as an entry that cannot be read. Its first member
            # says enough now, at no cost beside the report's size.
            if not _REPORT_TEXT.match(report[:200]):
                raise LedgerError(
                    "a report to record as text must be a JSON report's text, beginning "
                    '{"format": "wellbeing-report", as audited_report_text writes it'
                )
            text = report
        elif isinstance(report, Mapping):
            text = json.dumps(report, sort_keys=True, ensure_ascii=False, allow_nan=False)
        else:
            raise LedgerError(
                "a report to record is a JSON report's text or its data (a mapping), not "
                f"{type(report).__name__}"
            )
        # Cut between characters, each part is whole UTF-8.
        return [text[i : i + _PART].encode() for i in range(0, len(text), _PART)]
    except (TypeError, ValueError, RecursionError) as exc:  # UnicodeEncodeError: a surrogate
        raise LedgerError(f"cannot record the report: it is not JSON text: {exc}") from None


@attrs.frozen(kw_only=True)
class LedgerEntry:
    """One report recorded in the ledger.

    Attributes:
        id: The entry's number (for ``wellbeing ledger forget``).
        fingerprint: The data it was made from.
        created: When it was recorded (UTC, ISO 8601).
        description: What it was (its title, grouping, minimum and output).
    """

    id: int
    fingerprint: str
    created: str
    description: str


class Ledger:
    """An SQLite release ledger.

    Args:
        path: The ledger file; its folder is made if needed.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import sqlite3

        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            # An entry is a report's text, 40 MB at a million respondents: in pages of 64 KB
            # it is written in a third of the time it took in the default 4 KB (0.12 s against
            # 0.20, commit and checkpoint included). Only a new file takes it; a ledger made
            # before keeps its pages.
            self._db.execute("PRAGMA page_size=65536")
            self._db.execute("PRAGMA journal_mode=WAL")
            # A recorded release must survive a crash, the machine's too: a report made after
            # it must find it. FULL syncs the WAL at every commit; said here, since a build of
            # SQLite may default to NORMAL in WAL mode, which does not.
            self._db.execute("PRAGMA synchronous=FULL")
            # A report is written into the file as UTF-8 bytes (see _insert), which is the text
            # of the file's own encoding unless it was made as UTF-16 by other hands.
            self._utf8 = self._db.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
            if not self._schema_is_current():
                self._make_schema()
        except (OSError, sqlite3.Error) as exc:
            raise LedgerError(f"{self.path}: cannot open the release ledger: {exc}") from None

    def _schema_is_current(self) -> bool:
        """The table has every column and index: an existing ledger is opened by reading alone,
        without a write transaction."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(releases)")}
        indexes = {row[1] for row in self._db.execute("PRAGMA index_list(releases)")}
        return columns >= set(_ADDED) and indexes >= set(_INDEXES)

    def _make_schema(self) -> None:
        """Make the table, or add what an older ledger lacks, in one transaction: one commit
        (one sync of the file) for a new ledger, where each statement was a commit of its own.
        It takes the write lock first, so two processes making one ledger do it in turn."""
        self._db.execute("BEGIN IMMEDIATE")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS releases (id INTEGER PRIMARY KEY, fingerprint TEXT "
            "NOT NULL, created TEXT NOT NULL, description TEXT NOT NULL, digest TEXT NOT "
            "NULL, report TEXT NOT NULL, organisational TEXT, source TEXT, rejected TEXT, "
            "leaders_source TEXT, leaders_rejected TEXT)"
        )
        # A ledger from before these columns: which leaders' file its surveys came from, and
        # which file and rows its reports were made of, are unknown (NULL), so its surveys
        # are never handed back and its reports never compared row by row.
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(releases)")}
        for name in _ADDED:
            if name not in columns:
                self._db.execute(f"ALTER TABLE releases ADD COLUMN {name} TEXT")
        for index, column in _INDEXES.items():
            self._db.execute(f"CREATE INDEX IF NOT EXISTS {index} ON releases ({column})")
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def releases(self, data: str) -> list[Release]:
        """The published figures of every report recorded for this data, oldest first, without
        their organisational surveys (which are of other data: see
        :meth:`organisational_releases`)."""
        rows = self._query(
            "SELECT id, report FROM releases WHERE fingerprint = ? ORDER BY id", (data,)
        )
        return [attrs.evolve(r, organisational=None) for r in self._read(rows)]

    def organisational_releases(self, organisational: str) -> list[Release]:
        """The organisational surveys published from this leaders' data, oldest first."""
        rows = self._query(
            "SELECT id, report FROM releases WHERE organisational = ? ORDER BY id",
            (organisational,),
        )
        return [r.organisational for r in self._read(rows) if r.organisational is not None]

    def other_rows(
        self, source: str, rejected: Sequence[int], *, leaders: bool = False
    ) -> list[tuple[int, list[int]]]:
        """Reports of the same file that refused other rows than ``rejected``: each entry's id
        and the rows it refused. Set beside a report of this file, such a report differs from
        it by those rows alone, and shows their answers by subtraction.

        Args:
            source: The fingerprint of the file's bytes.
            rejected: The rows of it refused now.
            leaders: The file is a leaders' file (an organisational survey), not a staff file.
        """
        # Column names come from the two fixed pairs, never from input.
        file, refused = ("leaders_source", "leaders_rejected") if leaders else _STAFF
        rows = self._query(
            f"SELECT id, {refused} FROM releases WHERE {file} = ? AND {refused} IS NOT ? "
            "ORDER BY id",
            (source, json.dumps(sorted(rejected))),
        )
        return [(int(entry_id), json.loads(text)) for entry_id, text in rows]

    def _read(self, rows: list[tuple[Any, ...]]) -> list[Release]:
        out = []
        for entry_id, text in rows:
            try:
                out.append(release_from_report(json.loads(text), source=f"ledger entry {entry_id}"))
            except (ValueError, RecursionError) as exc:  # nested deeper than json.loads goes
                raise LedgerError(f"{self.path}: entry {entry_id} cannot be read: {exc}") from None
        return out

    def record(
        self,
        data: str,
        report: Mapping[str, Any] | str,
        description: str,
        *,
        organisational: str | None = None,
        source: str | None = None,
        rejected: Sequence[int] = (),
        leaders_source: str | None = None,
        leaders_rejected: Sequence[int] = (),
    ) -> int:
        """Record a report as published; the same report twice is recorded once.

        Args:
            data: The fingerprint of the staff data.
            report: The JSON report as published: its text (as
                :func:`~wellbeing_framework.render.report_json.audited_report_text` writes it),
                kept as it is, or its data (from ``audited_report_json``).
            description: What it was, for ``wellbeing ledger list``.
            organisational: The fingerprint of the leaders' data, when it has a 'We' side.
            source: The fingerprint of the staff file's bytes (see :meth:`other_rows`).
            rejected: The rows of that file the import refused.
            leaders_source, leaders_rejected: The same of the leaders' file.

        Returns:
            The entry's id.

        Raises:
            LedgerError: The ledger cannot be written, or ``report`` is not JSON data, or is
                text but not a JSON report's.
        """
        import sqlite3

        parts = _stored(report)
        hashed = hashlib.sha256()
        for part in parts:
            hashed.update(part)
        digest = hashed.hexdigest()
        found = self._query(
            "SELECT id FROM releases WHERE fingerprint = ? AND digest = ? AND organisational IS ?",
            (data, digest, organisational),
        )
        if found:
            return int(found[0][0])
        created = datetime.now(UTC).isoformat(timespec="seconds")
        values = {
            "fingerprint": data,
            "created": created,
            "description": description,
            "digest": digest,
            "organisational": organisational,
            "source": source,
            "rejected": None if source is None else json.dumps(sorted(rejected)),
            "leaders_source": leaders_source,
            "leaders_rejected": (
                None if leaders_source is None else json.dumps(sorted(leaders_rejected))
            ),
        }
        try:
            entry = self._insert(values, parts)
        except sqlite3.Error as exc:
            self._db.rollback()
            raise LedgerError(f"{self.path}: cannot record the report: {exc}") from None
        return entry

    def _insert(self, values: dict[str, Any], parts: list[bytes]) -> int:
        """Insert an entry whose report is text of its size, then written part by part: bound
        as one value, SQLite would copy it whole first. Text, as the column has always held
        (SQL's JSON functions read it); a file made as UTF-16 by other hands is given the text
        to convert."""
        if self._utf8:
            report = "CAST(zeroblob(:report) AS TEXT)"
            values["report"] = sum(len(part) for part in parts)
        else:
            report = ":report"
            values["report"] = b"".join(parts).decode()
        cursor = self._db.execute(
            "INSERT INTO releases (fingerprint, created, description, digest, report, "
            "organisational, source, rejected, leaders_source, leaders_rejected) VALUES "
            f"(:fingerprint, :created, :description, :digest, {report}, :organisational, "
            ":source, :rejected, :leaders_source, :leaders_rejected)",
            values,
        )
        entry = int(cursor.lastrowid or 0)
        if self._utf8:
            with self._db.blobopen("releases", "report", entry) as blob:
                for part in parts:
                    blob.write(part)
        self._db.commit()
        return entry

    def entries(self) -> list[LedgerEntry]:
        """Every entry, oldest first."""
        rows = self._query(
            "SELECT id, fingerprint, created, description FROM releases ORDER BY id", ()
        )
        return [
            LedgerEntry(id=int(i), fingerprint=str(f), created=str(c), description=str(d))
            for i, f, c, d in rows
        ]

    def forget(self, entry_id: int) -> bool:
        """Remove an entry (a report that was never shared, say). True if there was one."""
        import sqlite3

        try:
            cursor = self._db.execute("DELETE FROM releases WHERE id = ?", (entry_id,))
            self._db.commit()
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: cannot remove entry {entry_id}: {exc}") from None
        return cursor.rowcount > 0

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        import sqlite3

        try:
            return list(self._db.execute(sql, params))
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: cannot read the release ledger: {exc}") from None
