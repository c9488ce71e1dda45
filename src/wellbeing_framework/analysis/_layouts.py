"""The header rows and metadata columns of each forms tool's export, and recognising them.

What each tool writes, from its own export documentation (the fixtures in
``tests/analysis/fixtures/layouts/`` are made from the same descriptions, with made-up people):

- **Qualtrics** (CSV and TSV): three header rows: the field's internal name (``StartDate``,
  ``ResponseId``, ``Q1_1``), its label (the question text; a matrix statement as
  ``Question - Statement``), then a JSON row ``{"ImportId":"QID1_1"}``. The legacy export has the
  first two rows only, led by ``ResponseID, ResponseSet``. The first columns are response
  metadata: dates, ``Status``, ``IPAddress``, ``Progress``, ``Duration (in seconds)``,
  ``Finished``, ``RecordedDate``, ``ResponseId``, ``Recipient*`` names and email,
  ``ExternalReference``, ``LocationLatitude``/``LocationLongitude``, ``DistributionChannel``,
  ``UserLanguage``.
- **SurveyMonkey**: two header rows. Row 1 holds each question only above its first column;
  row 2 holds a matrix's statements (or an option, or ``Response``/``Open-Ended Response``).
  The first columns are ``Respondent ID, Collector ID, Start Date, End Date, IP Address, Email
  Address, First Name, Last Name`` and ``Custom Data 1``...
- **Google Forms**: one header row led by ``Timestamp`` (then ``Email Address`` when collected);
  a grid question is one column per statement, headed ``Question [Statement]``.
- **Microsoft Forms** (.xlsx): one header row, ``ID, Start time, Completion time, Email, Name``,
  in newer exports also ``Last modified time``, then a column per question or statement.
- **LimeSurvey**: one header row, with question codes (``id, submitdate, lastpage,
  startlanguage, seed, token, ...``; an array's statements as ``Q2[SQ001]``) or full text
  (``Response ID, Date submitted, Last page, Start language, ...``; ``Question [Statement]``).

A layout turns the header rows into one heading per column (SurveyMonkey's two rows become
``Question [Statement]``), keeps a second label for matching (Qualtrics' question text), and
names its metadata columns, which are dropped and listed like any direct identifier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..errors import DataImportError
from ._matching import fold_heading
from .options import Layout

__all__ = ["HEADER_ROWS_READ", "IDENTIFYING", "Header", "read_header"]

#: Rows read from the top of a file to recognise its layout (Qualtrics has the most: three).
HEADER_ROWS_READ = 3


@attrs.frozen
class _Tool:
    """What one tool's export looks like: its metadata headings (normalised) and which of them
    identify a person."""

    identifiers: frozenset[str]
    metadata: frozenset[str] = frozenset()

    def drops(self, heading: str) -> bool:
        key = fold_heading(heading)
        return key in self.identifiers or key in self.metadata or bool(_CUSTOM_DATA.match(key))


_CUSTOM_DATA = re.compile(r"^custom data \d+$")

_TOOLS = {
    Layout.QUALTRICS: _Tool(
        identifiers=frozenset(
            {
                "responseid",
                "ipaddress",
                "recipientlastname",
                "recipientfirstname",
                "recipientemail",
                "externalreference",
                "externaldatareference",
                "locationlatitude",
                "locationlongitude",
                "startdate",
                "enddate",
                "recordeddate",
                "name",
                "emailaddress",
            }
        ),
        metadata=frozenset(
            {
                "status",
                "progress",
                "duration in seconds",
                "finished",
                "distributionchannel",
                "userlanguage",
                "responseset",
            }
        ),
    ),
    Layout.SURVEYMONKEY: _Tool(
        identifiers=frozenset(
            {
                "respondent id",
                "collector id",
                "start date",
                "end date",
                "ip address",
                "email address",
                "first name",
                "last name",
            }
        ),
    ),
    Layout.GOOGLEFORMS: _Tool(identifiers=frozenset({"timestamp", "email address"})),
    Layout.MSFORMS: _Tool(
        identifiers=frozenset(
            {"id", "start time", "completion time", "email", "name", "last modified time"}
        ),
    ),
    Layout.LIMESURVEY: _Tool(
        identifiers=frozenset(
            {
                "id",
                "token",
                "submitdate",
                "startdate",
                "datestamp",
                "ipaddr",
                "refurl",
                "response id",
                "date submitted",
                "date started",
                "date last action",
                "ip address",
                "referrer url",
            }
        ),
        metadata=frozenset({"lastpage", "startlanguage", "seed", "last page", "start language"}),
    ),
    Layout.PLAIN: _Tool(identifiers=frozenset()),
}

#: Every heading (normalised) that some tool uses for a person's identity or traces of it.
IDENTIFYING = frozenset().union(*(tool.identifiers for tool in _TOOLS.values()))

# SurveyMonkey's row-2 words for "the answer itself", which add nothing to the heading.
_PLAIN_ANSWER = frozenset({"", "response", "open ended response"})


@attrs.frozen(kw_only=True)
class Header:
    """A file's header, read according to its layout.

    Attributes:
        layout: The layout recognised or asked for (never ``auto``).
        rows: How many rows the header takes (the first response is the row after).
        names: One heading per column, as the reconciliation shows it.
        labels: A second text per column to match items and find columns by (Qualtrics' question
            label); the heading itself where there is none.
        metadata: The columns that are the tool's metadata or identify a person: dropped.
    """

    layout: Layout
    rows: int
    names: tuple[str, ...]
    labels: tuple[str, ...]
    metadata: frozenset[int]


def _keys(row: Sequence[str]) -> set[str]:
    return {fold_heading(c) for c in row}


def _cell_below(rows: Sequence[Sequence[str]], heading: str) -> str | None:
    """Row 2's cell under the column headed ``heading`` (normalised) in row 1, if any."""
    keys = [fold_heading(c) for c in rows[0]]
    if heading not in keys or len(rows) < 2:
        return None
    k = keys.index(heading)
    return rows[1][k] if k < len(rows[1]) else ""


def _is_qualtrics(rows: Sequence[Sequence[str]]) -> int:
    """The header rows of a Qualtrics export (3, or 2 for the legacy form), else 0. The legacy
    form's second row labels its columns: under ``ResponseID`` it says so, where a response
    would hold an id."""
    if len(rows) >= 3 and any(c.strip().startswith('{"ImportId"') for c in rows[2]):
        return 3
    first = _keys(rows[0]) if rows else set()
    below = _cell_below(rows, "responseid")
    if "responseset" in first and below is not None and fold_heading(below) == "responseid":
        return 2
    return 0


def _is_surveymonkey(rows: Sequence[Sequence[str]]) -> bool:
    """Row 2 is SurveyMonkey's second header row when it leaves the respondent id blank, as
    no response does: a file saved without that row is not mistaken for one."""
    if len(rows) < 2 or not {"respondent id", "collector id"} <= _keys(rows[0]):
        return False
    return not (_cell_below(rows, "respondent id") or "").strip()


def _is_limesurvey(rows: Sequence[Sequence[str]]) -> bool:
    first = _keys(rows[0]) if rows else set()
    return {"id", "submitdate", "lastpage", "startlanguage"} <= first or {
        "response id",
        "date submitted",
        "last page",
        "start language",
    } <= first


def _is_msforms(rows: Sequence[Sequence[str]]) -> bool:
    return bool(rows) and [fold_heading(c) for c in rows[0][:3]] == [
        "id",
        "start time",
        "completion time",
    ]


def _is_googleforms(rows: Sequence[Sequence[str]]) -> bool:
    return bool(rows) and bool(rows[0]) and fold_heading(rows[0][0]) == "timestamp"


#: What each layout's header must show, in the words of a message when it does not.
_EXPECTED = {
    Layout.QUALTRICS: 'a third row of {"ImportId": ...} cells, or ResponseID and ResponseSet '
    "columns (the legacy export)",
    Layout.SURVEYMONKEY: "Respondent ID and Collector ID columns above a second header row",
    Layout.LIMESURVEY: "id, submitdate, lastpage and startlanguage columns (or their full-text "
    "headings)",
    Layout.MSFORMS: "ID, Start time and Completion time as its first columns",
    Layout.GOOGLEFORMS: "Timestamp as its first column",
}


def _header_rows(layout: Layout, rows: Sequence[Sequence[str]]) -> int:
    """The header rows when the file fits ``layout``, else 0."""
    if layout is Layout.QUALTRICS:
        return _is_qualtrics(rows)
    if layout is Layout.SURVEYMONKEY:
        return 2 if _is_surveymonkey(rows) else 0
    checks = {
        Layout.LIMESURVEY: _is_limesurvey,
        Layout.MSFORMS: _is_msforms,
        Layout.GOOGLEFORMS: _is_googleforms,
    }
    if layout in checks:
        return 1 if checks[layout](rows) else 0
    return 1 if rows else 0


def read_header(
    rows: Sequence[Sequence[str]], layout: Layout, *, source: str | None = None
) -> Header:
    """Read the first rows of a file as the header of ``layout`` (``auto``: whichever fits).

    Args:
        rows: The file's first rows (up to :data:`HEADER_ROWS_READ`), as cells.
        layout: The layout asked for.
        source: The file's name, for messages.

    Raises:
        DataImportError: The file has no header row, or it does not fit the layout asked for.
    """
    if not rows or not any(c.strip() for c in rows[0]):
        raise DataImportError("the file has no columns: expected a header row", source=source)
    if layout is Layout.AUTO:
        order = (
            Layout.QUALTRICS,
            Layout.SURVEYMONKEY,
            Layout.LIMESURVEY,
            Layout.MSFORMS,
            Layout.GOOGLEFORMS,
        )
        layout = next((lay for lay in order if _header_rows(lay, rows)), Layout.PLAIN)
    count = _header_rows(layout, rows)
    if not count:
        raise DataImportError(
            f"the header does not look like a {layout.value} export: expected "
            f"{_EXPECTED[layout]}; try --layout auto or --layout plain",
            source=source,
        )
    width = len(rows[0])
    first = list(rows[0])
    names, labels = list(first), list(first)
    if layout is Layout.QUALTRICS:
        second = [*rows[1], *[""] * width][:width]
        labels = [s.strip() or f for f, s in zip(first, second, strict=True)]
    elif layout is Layout.SURVEYMONKEY:
        names = _surveymonkey_names(first, [*rows[1], *[""] * width][:width])
        labels = list(names)
    tool = _TOOLS[layout]
    metadata = frozenset(i for i, name in enumerate(first) if tool.drops(name))
    return Header(
        layout=layout, rows=count, names=tuple(names), labels=tuple(labels), metadata=metadata
    )


def _surveymonkey_names(first: list[str], second: list[str]) -> list[str]:
    """One heading per column from SurveyMonkey's two rows: the question (carried right over
    the blank cells that follow it), with the statement of row 2 as ``Question [Statement]``."""
    names = []
    question = ""
    for top, sub in zip(first, second, strict=True):
        question = top.strip() or question
        sub = sub.strip()
        names.append(question if fold_heading(sub) in _PLAIN_ANSWER else f"{question} [{sub}]")
    return names
