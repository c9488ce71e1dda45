"""The library's own exceptions.

Every error that can reach a person says where (file and line, row and column, record and field)
and what was expected. Code that catches an exception from a dependency re-raises one of these,
so no traceback from deep inside attrs, cattrs, pluggy or markdown-it-py reaches a user.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._words import plural

__all__ = [
    "ArgumentError",
    "ConversionError",
    "DataImportError",
    "DuplicatePackError",
    "DuplicateScaleError",
    "ElementNotFoundError",
    "Fault",
    "FaultPath",
    "FileError",
    "PackFormatError",
    "PackLoadError",
    "PrivacyError",
    "Problem",
    "RecordError",
    "WellbeingError",
    "path_text",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong in a file: where it is and what was expected.

    Attributes:
        file: The file, relative to the folder the reader was given (a pack folder, say).
        line: The 1-based line, or ``None`` when the problem belongs to the whole file.
        message: What is wrong and what was expected, in plain words.
    """

    file: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class WellbeingError(Exception):
    """The base of every error the library raises on purpose."""


#: Where a fault is within the data: keys and list positions from the top, ``("answers", 2,
#: "value")``; ``()`` is the whole object.
FaultPath = tuple[str | int, ...]


def path_text(path: FaultPath) -> str:
    """A path as it is written in messages: ``$.answers[2].value``."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


@attrs.frozen
class Fault:
    """One fault in data that did not fit a model: where it is and why.

    Attributes:
        path: Where, from the top of the data.
        reason: What was wrong and what was expected, such as ``expected a string, got 3``.
    """

    path: FaultPath
    reason: str

    def under(self, prefix: FaultPath) -> Fault:
        """The same fault in data that sits at ``prefix`` within larger data."""
        return Fault((*prefix, *self.path), self.reason)

    def __str__(self) -> str:
        return f"{path_text(self.path)}: {self.reason}"


class ConversionError(WellbeingError, ValueError):
    """Data did not fit a model: every fault, each with the path to the field that holds it.

    Attributes:
        faults: Every fault, as a path and a reason.
        errors: The same, one line each, such as ``$.answers[2].value: expected a string, got 3``.
        source: Where the data came from (a file name), if known.
    """

    def __init__(self, faults: Iterable[Fault], *, source: str | None = None) -> None:
        self.faults: tuple[Fault, ...] = tuple(faults)
        self.errors: tuple[str, ...] = tuple(str(f) for f in self.faults)
        self.source = source
        prefix = f"{source}: " if source else ""
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{prefix}{plural(len(self.faults), 'problem')} in the data:\n{lines}")


class RecordError(WellbeingError, ValueError):
    """A record (a session, an assessment, an action plan) names something that does not exist
    or breaks a rule of its own, such as dates out of order.

    Attributes:
        field: The field that holds the fault, as a path such as ``$.trigger``.
        source: The file the record came from, if known.
    """

    def __init__(
        self, message: str, *, field: str | None = None, source: str | None = None
    ) -> None:
        self.field = field
        self.source = source
        where = ": ".join(p for p in (source, field) if p)
        super().__init__(f"{where}: {message}" if where else message)


class FileError(WellbeingError):
    """A file could not be read or written safely: missing, not a regular file (a folder, a
    FIFO, a device), a symbolic link loop, larger than its cap, or an output that would replace an
    input.

    Attributes:
        source: The file, as it was given.
        line: The 1-based line, if the fault has one.
        reason: The message without the file and line, for callers that name the file their own
            way (a pack's problems name it relative to the pack folder).
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = ":".join(p for p in (source, None if line is None else str(line)) if p)
        super().__init__(f"{where}: {message}" if where else message)


class PackFormatError(WellbeingError, ValueError):
    """A pack could not be read or did not validate. Holds every problem found, not only the first.

    Attributes:
        problems: Each problem with its file, line and message.
        pack: The pack folder or id, if known.
    """

    def __init__(self, problems: Iterable[Problem], *, pack: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.pack = pack
        head = f"pack {pack!r}" if pack else "the pack"
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{head} has {plural(len(self.problems), 'problem')}:\n{lines}")


class PackLoadError(WellbeingError):
    """A pack plugin failed to load and strict mode turned that into an error."""


class DuplicatePackError(WellbeingError):
    """Two packs claim the same pack id. The message names both."""


class DuplicateScaleError(WellbeingError):
    """Two response scales claim the same id (a plugin's and another plugin's, or a core
    scale's). The message names both."""


class ElementNotFoundError(WellbeingError, KeyError):
    """A look-up found nothing: a reference such as ``pack-id:element-id`` that names nothing
    loaded, an id a pack does not have, an answer a scale does not offer, an element the results
    did not score. It is a ``KeyError`` too, as a failed look-up is in Python, so code written
    to catch that keeps working."""

    # KeyError would print its message quoted, as it prints a missing key.
    __str__ = Exception.__str__


class DataImportError(WellbeingError, ValueError):
    """Data could not be imported at all: an empty file, a column that must be there and is not.

    (Single bad cells do not raise: they are rejections in the import's reconciliation.)

    Attributes:
        source: The file (or ``<DataFrame>``) being imported.
        row: The row as a spreadsheet shows it, if the fault has one.
        column: The column, if the fault has one.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.source = source
        self.row = row
        self.column = column
        where = ", ".join(
            p
            for p in (
                source,
                None if row is None else f"row {row}",
                None if column is None else f"column {column!r}",
            )
            if p
        )
        super().__init__(f"{where}: {message}" if where else message)


class ArgumentError(WellbeingError, TypeError, ValueError):
    """A public function was given an argument it cannot use: of the wrong kind (a number where
    a list of names belongs, a string where a :class:`~wellbeing_framework.Results` belongs), or
    a value it does not accept (a level the responses do not have, a filter value no one gave).
    The message names the argument and what it expects; an application can answer it with "bad
    request" like any other library error. It is both a ``TypeError`` and a ``ValueError``, as
    numpy's ``AxisError`` is both a ``ValueError`` and an ``IndexError``, so that code catching
    either Python error for a bad argument catches it."""


class PrivacyError(WellbeingError, ValueError):
    """A request would weaken the privacy of results, such as a minimum group size below 5
    without saying so in so many words."""
