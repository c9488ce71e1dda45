"""Group, wave and dimension values as people type them, folded into one spelling each; and the
refusal of a column that identifies people as a grouping column.

Folding: Unicode NFC, every kind of space (a non-breaking one included) as one plain space, no
spaces around, and case ignored; so "Team A", "team a " and "Team\\u00a0A" are one group. The
spelling kept is the most common one among the rows (the first in sorted order on a tie), and
the reconciliation lists the spellings folded into it.

Free text: a value held by one row that :func:`reads_as_text` is a comment typed into the wrong
cell; the import refuses that row (see ``importing``), since the value would be published.

One row alone: a value that, after folding, only one accepted row holds (a real team of one, or
a person's name or a short phrase typed into one Team cell: the import cannot tell them apart)
is not published under its own name. :func:`pool_single_rows` puts its row under
:data:`POOLED` beside its siblings (the same parent), with any other such values there; the row
still counts in its parent's and the organisation's totals, and the pooled group is a group like
any other (the minimum and the audit apply to it). Counting is over the whole file, not per
wave, so every report of the same data pools the same rows (the release ledger relies on that).
A value literally spelt "(other)" is taken as that pooled group.

Refusal (a group, wave or dimension column is published as group names): a column is refused
when its heading is a direct identifier (see ``matching`` and ``layouts``), when any of its
values looks like an email address, or when it is unique for most rows: at least
:data:`UNIQUE_MIN_ROWS` rows with a value and more than half of them holding a value no other
row holds. A column that groups people has few values shared by many; one that gives most rows
a value of their own names people, whatever its heading (names, staff numbers, timestamps). With
a minimum group size of 5 or more, such a column could show nothing anyway: every group of one
is hidden.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from ..errors import DataImportError
from ._layouts import IDENTIFYING
from ._matching import IDENTIFYING_HEADINGS, heading_forms
from .import_result import GroupMerge

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ._tables import Column

__all__ = [
    "MAX_NAME_WORDS",
    "POOLED",
    "UNIQUE_MIN_ROWS",
    "fold",
    "fold_column",
    "pool_single_rows",
    "reads_as_text",
    "refuse_identifying",
    "typed_text",
]

#: Below this many rows with a value, uniqueness says nothing about a column.
UNIQUE_MIN_ROWS = 20

#: A group, wave or dimension value of more words than this reads as a sentence, not a name.
MAX_NAME_WORDS = 6

#: The group that values held by one row only are reported under, beside their siblings.
POOLED = "(other)"

_SPACES = re.compile(r"\s+", re.UNICODE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def tidy(text: str) -> str:
    """The value as shown: NFC, spaces of every kind as single plain spaces, trimmed."""
    if text.isascii() and text.isprintable() and "  " not in text:
        # Most names: NFC leaves ASCII as it is, and its only printable space is a plain one,
        # never repeated here. A tenth of a 100,000-row import went on the regular expression.
        return text.strip()
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """The value as compared: tidied and case-folded."""
    return tidy(text).casefold()


def reads_as_text(value: str) -> bool:
    """Whether a value reads as something someone wrote rather than as a group's name: more than
    :data:`MAX_NAME_WORDS` words, a question or an exclamation, or three words or more ending
    in a full stop ("Dr. Smith's team" and "Team B." do not; "It is fine here." does)."""
    shown = tidy(value)
    words = len(shown.split())
    return (
        words > MAX_NAME_WORDS or shown.endswith(("!", "?")) or (words >= 3 and shown.endswith("."))
    )


def typed_text(column: Column) -> NDArray[Any] | None:
    """The rows whose value only they hold and :func:`reads_as_text`, or None if there are none.

    Someone typed a comment into the Team (or wave, or role) cell. A group's name is published,
    a hidden group's too, so the text would reach the report: the import refuses those rows,
    and the text stays with the data owner (five characters of it, in ``import --check``)."""
    import numpy as np

    counts = np.bincount(column.codes, minlength=len(column.values)).tolist()
    typed = [n == 1 and reads_as_text(v) for v, n in zip(column.values, counts, strict=True)]
    return np.asarray(typed, dtype=bool)[column.codes] if any(typed) else None


def _most_common(spellings: dict[str, int]) -> str:
    return min(spellings, key=lambda s: (-spellings[s], s))


def fold_column(
    column: Column, label: str
) -> tuple[list[str], NDArray[Any], NDArray[Any], list[GroupMerge]]:
    """Sorted distinct spellings kept, each row's code into them (-1 when blank), which rows are
    blank, and which spellings were merged into which."""
    import numpy as np

    counts = np.bincount(column.codes, minlength=len(column.values)).tolist()
    by_key: dict[str, dict[str, int]] = {}
    key_of: list[str] = []
    for value, count in zip(column.values, counts, strict=True):
        shown = tidy(value)
        key = shown.casefold()  # fold(value), without tidying it twice
        key_of.append(key)
        if key and count:
            spellings = by_key.setdefault(key, {})
            spellings[shown] = spellings.get(shown, 0) + count
    kept = {key: _most_common(sp) for key, sp in by_key.items()}
    names = sorted(kept.values())
    position = {name: k for k, name in enumerate(names)}
    lut = np.asarray(
        [position[kept[key]] if key in kept else -1 for key in key_of] or [0], dtype=np.int32
    )
    # int32, as Responses keeps group codes: int64 doubled each group column of a large export.
    codes = lut[column.codes] if column.values else np.zeros(len(column.codes), dtype=np.int32)
    merges = [
        GroupMerge(column=label, kept=kept[key], merged=tuple(sorted(set(sp) - {kept[key]})))
        for key, sp in sorted(by_key.items(), key=lambda kv: kept[kv[0]])
        if len(sp) > 1
    ]
    return names, codes, codes < 0, merges


def pool_single_rows(
    names: list[str], codes: NDArray[Any], keep: NDArray[Any]
) -> tuple[list[str], NDArray[Any], NDArray[Any]]:
    """Names and codes (as :func:`fold_column` gives them) with every value held by exactly
    one kept row put under :data:`POOLED`, and which kept rows were so pooled.

    Rows not kept (refused) neither count nor are pooled; blank codes (-1) stay blank."""
    import numpy as np

    filled = codes >= 0
    safe = np.where(filled, codes, 0)
    counts = np.bincount(codes[keep & filled], minlength=len(names))
    single = counts == 1
    if not single.any():
        return names, codes, np.zeros(len(codes), dtype=bool)
    # A group spelt "(other)" in the file is the pooled group, not a second one of that name.
    pooled = fold(POOLED)
    joins = single | np.asarray([fold(n) == pooled for n in names], dtype=bool)
    new_names = sorted({POOLED, *(n for n, j in zip(names, joins.tolist(), strict=True) if not j)})
    position = {name: k for k, name in enumerate(new_names)}
    lut = np.asarray(
        [
            position[POOLED] if j else position[n]
            for n, j in zip(names, joins.tolist(), strict=True)
        ],
        dtype=np.int32,
    )
    new_codes = np.where(filled, lut[safe], codes)
    return new_names, new_codes, keep & filled & single[safe]


def refuse_identifying(column: Column, heading: str, role: str, source: str) -> None:
    """Refuse a column that identifies people as a group, wave or dimension column.

    Raises:
        DataImportError: The heading is a direct identifier, a value looks like an email
            address, or the column is unique for most rows; the message names the column and
            says which, never a value.
    """
    import numpy as np

    forms = heading_forms(heading)
    if forms and (forms[0] in IDENTIFYING_HEADINGS or forms[0] in IDENTIFYING):
        raise DataImportError(
            f"cannot be a {role} column: its heading names a direct identifier, which is "
            "dropped at import and never published",
            source=source,
            column=heading,
        )
    counts: list[int] = np.bincount(column.codes, minlength=len(column.values)).tolist()
    per_key: dict[str, int] = {}
    emails = 0
    for value, count in zip(column.values, counts, strict=True):
        key = fold(value)
        if not key or not count:
            continue
        per_key[key] = per_key.get(key, 0) + int(count)
        if _EMAIL.search(key):
            emails += int(count)
    if emails:
        raise DataImportError(
            f"cannot be a {role} column: {emails} of its values look like email addresses, "
            "which identify people and are never published; correct those cells, or drop the "
            "column with --identifier-columns",
            source=source,
            column=heading,
        )
    filled = sum(per_key.values())
    alone = sum(1 for n in per_key.values() if n == 1)
    if filled >= UNIQUE_MIN_ROWS and alone * 2 > filled:
        raise DataImportError(
            f"cannot be a {role} column: {alone} of its {filled} rows hold a value no other row "
            "holds, so it names people rather than groups (names, staff numbers, times); "
            "choose a column that groups people, such as the team",
            source=source,
            column=heading,
        )
