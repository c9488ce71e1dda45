"""What an import gives back: the responses, and its account of every row and column.

:class:`Reconciliation` says what the import did with every row (read = accepted + rejected,
each rejection with its row, column and reason) and every column (:class:`ColumnMatch`: an
item, a group level, a wave, or dropped as identifying or matching nothing), so nothing is
dropped silently. :class:`ImportResult` pairs it with the :class:`~.responses.Responses`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from .._words import plural
from ..model._validators import FieldError

if TYPE_CHECKING:
    from .responses import Responses

__all__ = [
    "ColumnMatch",
    "GroupMerge",
    "ImportResult",
    "MatchedBy",
    "Pooled",
    "Reconciliation",
    "Rejection",
]


def _at_cell(row: int, column: str, value: str | None, reason: str) -> str:
    """A row's note as the check prints it: ``row 7, column 'Team': 'Jan…' reason``."""
    shown = "" if value is None else f" {value!r}"
    return f"row {row}, column {column!r}:{shown} {reason}"


class MatchedBy(StrEnum):
    """How an imported column was recognised."""

    ID = "id"
    TEXT = "text"
    MAPPING = "mapping"
    GROUP = "group"
    WAVE = "wave"
    RESPONDENT = "respondent"
    DIMENSION = "dimension"
    IDENTIFIER = "identifier"
    NOT_SELECTED = "not-selected"
    UNMATCHED = "unmatched"


@attrs.frozen(kw_only=True)
class Rejection:
    """One row the import refused, and why.

    Attributes:
        row: The data row as a spreadsheet shows it: the header is row 1, so the first answer row
            is row 2. For a DataFrame or Arrow table the header is not counted: row 1 is the first.
        column: The column that holds the fault, as headed in the file.
        value: A short excerpt of the value refused (its first few characters, for the data
            owner's ``import --check`` only; never a direct identifier), or None when the value
            was blank or the fault is not in one cell's value.
        reason: What was wrong and what was expected; it never holds the value.
    """

    row: int
    column: str
    value: str | None = None
    reason: str

    def __str__(self) -> str:
        return _at_cell(self.row, self.column, self.value, self.reason)


@attrs.frozen(kw_only=True)
class Pooled:
    """One accepted row whose group (or dimension) value no other row holds, reported under the
    pooled group "(other)" instead of under its own name (see ``grouping``).

    Attributes:
        row: The data row, numbered as in :class:`Rejection`.
        column: The column that holds the value, as headed in the file.
        value: The value's first few characters (at most five, one fewer than it has when
            shorter), for the data owner's ``import --check`` only; never the whole value (it
            may be a person's name typed into the Team cell).
        reason: Why the row is pooled; it never holds the value.
    """

    row: int
    column: str
    value: str | None = None
    reason: str

    def __str__(self) -> str:
        return _at_cell(self.row, self.column, self.value, self.reason)


@attrs.frozen(kw_only=True)
class ColumnMatch:
    """What the import made of one column of the file.

    Attributes:
        column: The column heading as written in the file.
        matched_by: How it was recognised. ``identifier``, ``not-selected`` (a statement of a
            checklist that was not imported) and ``unmatched`` columns are dropped, and so is
            the ``respondent`` column once it has been used to refuse repeats.
        target: The item reference (``pack-id:item-id``), the level name, or None.
    """

    column: str
    matched_by: MatchedBy
    target: str | None = None

    @property
    def dropped(self) -> bool:
        return self.matched_by in (
            MatchedBy.IDENTIFIER,
            MatchedBy.NOT_SELECTED,
            MatchedBy.UNMATCHED,
            MatchedBy.RESPONDENT,
        )


@attrs.frozen(kw_only=True)
class GroupMerge:
    """Spellings of one group value taken as one group (case, spaces, Unicode forms).

    Attributes:
        column: The group or wave column.
        kept: The spelling kept: the most common one (the first in sorted order on a tie).
        merged: The other spellings folded into it.
    """

    column: str
    kept: str
    merged: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Reconciliation:
    """The import's account of itself: ``rows_read == rows_accepted + rows_rejected``.

    A row is rejected as a whole when any of its cells is refused (an answer not on the scale, a
    blank group value, a repeated respondent token in one wave); every refused cell of that row is
    listed. Blank answers are counted as missing, not rejected.

    Attributes:
        source: What was read, as messages name it: the ``source=`` given, else the file's
            name (never its folders), ``<bytes>`` or ``<DataFrame>``.
        rows_read: Data rows read, not counting the header.
        rows_accepted: Rows that became responses.
        rows_rejected: Rows refused; each has at least one entry in ``rejections``.
        rejections: Every refused cell, in row order.
        dropped_columns: Columns dropped at import: direct identifiers (name, email, response id,
            IP address, timestamps and any the caller named), the respondent-token column, and
            columns that matched nothing (free-text comments among them).
        columns: What became of every column.
        items_not_found: Items of the checklists that no column matched (no answers kept).
        answers: Answers kept (blank ones included, as missing).
        missing: Blank answers among them.
        layout: The layout the file was read as (``plain``, ``qualtrics``...), recognised from
            its header unless one was asked for.
        header_rows: How many rows the header took (0 for a DataFrame or Arrow table).
        encoding: The text encoding a CSV was read in; None for a spreadsheet or a table.
        encoding_fallback: True when no encoding was asked for and the bytes were not UTF-8, so
            the file was read as cp1252 (an older Excel "CSV").
        blank_rows: Wholly blank rows skipped (not responses, not counted as read).
        merged_groups: Group and wave values spelt differently that were taken as one.
        pooled: Every accepted row whose group or dimension value only it holds, in row order:
            it counts in its parent's totals under "(other)", not under its own name. For the
            data owner; a public report's import block lists none of it.
    """

    source: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rejections: tuple[Rejection, ...] = ()
    dropped_columns: tuple[str, ...] = ()
    columns: tuple[ColumnMatch, ...] = ()
    items_not_found: tuple[str, ...] = ()
    answers: int = 0
    missing: int = 0
    layout: str = "plain"
    header_rows: int = 1
    encoding: str | None = None
    encoding_fallback: bool = False
    blank_rows: int = 0
    merged_groups: tuple[GroupMerge, ...] = ()
    pooled: tuple[Pooled, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.rows_read != self.rows_accepted + self.rows_rejected:
            raise FieldError(
                "rows_read",
                f"{self.rows_read} rows read but {self.rows_accepted} accepted "
                f"+ {self.rows_rejected} rejected",
            )

    @property
    def unmatched_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.columns if c.matched_by is MatchedBy.UNMATCHED)

    @property
    def identifier_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.columns if c.matched_by is MatchedBy.IDENTIFIER)

    @property
    def not_selected_columns(self) -> tuple[str, ...]:
        """Columns that are statements of checklists of the same packs that were not imported."""
        return tuple(c.column for c in self.columns if c.matched_by is MatchedBy.NOT_SELECTED)

    def summary(self, *, limit: int | None = 20) -> str:
        """The reconciliation as a person reads it, in a notebook or at a terminal: every count,
        what became of the columns, spellings merged, and the rows pooled and rejected, the first
        ``limit`` of each (None for all, as ``wellbeing import --check`` prints them). Names and
        values are quoted as Python writes them, so a stray space or control character shows."""
        read_as = f"{self.layout} layout, {plural(self.header_rows, 'header row')}"
        lines = [
            self.source,
            f"  rows read:     {self.rows_read}",
            f"  rows accepted: {self.rows_accepted}",
            f"  rows rejected: {self.rows_rejected}",
            f"  answers kept:  {self.answers} ({self.missing} blank)",
            f"  read as:       {read_as}" + (f", {self.encoding}" if self.encoding else ""),
        ]
        if self.encoding_fallback:
            lines.append(
                "  note: the file is not UTF-8, so it was read as cp1252 (an older Excel CSV); "
                "give the encoding (--encoding, or encoding= in Python) if that is wrong"
            )
        if self.blank_rows:
            lines.append(f"  blank rows skipped: {self.blank_rows}")
        dropped = (
            ("dropped, identifying or form metadata", self.identifier_columns),
            ("dropped, matched nothing", self.unmatched_columns),
            ("items with no column", self.items_not_found),
        )
        lines.extend(
            f"  {words}: " + ", ".join(repr(n) for n in names) for words, names in dropped if names
        )
        if self.not_selected_columns:
            lines.append(
                f"  dropped, statements of checklists not imported: "
                f"{len(self.not_selected_columns)} (import their checklists too to keep them)"
            )
        lines.extend(
            f"  merged in {m.column!r}: {', '.join(map(repr, m.merged))} into {m.kept!r}"
            for m in self.merged_groups
        )
        for heading, rows in (
            ("pooled (kept, counted, but not reported under their own value)", self.pooled),
            ("rejected", self.rejections),
        ):
            if rows:
                lines.append(f"  {heading}:")
                lines.extend(f"    {row}" for row in rows[:limit])
                if limit is not None and len(rows) > limit:
                    lines.append(f"    ... and {len(rows) - limit} more")
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import gives: the responses, in columnar form, and its reconciliation."""

    responses: Responses
    reconciliation: Reconciliation
