"""Turning an export's cells into codes, and the rows they refuse.

Each answer column becomes option codes on its item's scale; each group or wave column becomes
folded names and a code per row. A cell that cannot be coded (an answer not on the scale, a blank
group, a sentence typed where a name belongs, a repeated respondent token) is a :data:`Fault`:
its rows are marked bad, and the reconciliation lists them with their row, column and reason.
A refused value is never kept whole: at most its first :data:`EXCERPT` characters, for the data
owner's check, and never in a public report.

A group or dimension value held by one accepted row only is not refused but pooled (see
:func:`pool_singles` and ``grouping``); a wave value held by one row only is refused (see
:func:`refuse_single_wave`): a wave is a survey round every response of that round shares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._grouping import POOLED, fold_column, pool_single_rows, tidy, typed_text
from ._matching import fold_heading
from ._tables import Column
from .import_result import GroupMerge
from .responses import MISSING, ItemInfo

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "EXCERPT",
    "POOLED_REASON",
    "Fault",
    "code_answers",
    "code_group",
    "pool_singles",
    "refuse_repeats",
    "refuse_single_wave",
    "refuse_text",
]

#: Characters of a refused value kept for the data owner's check: enough to find the cell.
EXCERPT = 5

#: Why a row is listed as pooled in the reconciliation (the value itself never is).
POOLED_REASON = f"held by one row only: reported with the other such values as {POOLED!r}"

#: A fault found while coding: which rows, which column, the value shown per code (or none),
#: and the reason.
Fault = tuple["NDArray[Any]", int, list[str | None], str]


def code_answers(
    columns: dict[int, Column],
    item_of_column: dict[int, int],
    items: tuple[ItemInfo, ...],
    chosen_items: list[int],
    bad: NDArray[Any],
    faults: list[Fault],
) -> NDArray[Any]:
    """Each row's option code per chosen item (``MISSING`` when blank); answers not on the
    scale are faults, and their rows bad."""
    import numpy as np

    # Item by item into the rows of an items x rows matrix (each a contiguous write), turned
    # into rows x items once at the end: a third of the time of writing every item's column
    # into the rows x items matrix with a stride.
    by_item = np.full((len(chosen_items), len(bad)), MISSING, dtype=np.int8)
    position = {item: k for k, item in enumerate(chosen_items)}
    for i, item in sorted(item_of_column.items()):
        info = items[item]
        lut, shown = _scale_lookup(columns[i].values, info)
        codes = by_item[position[item]]
        np.take(lut, columns[i].codes, out=codes)
        wrong = codes == -2
        if wrong.any():
            allowed = ", ".join(o.label for o in info.scale.options)
            reason = f"is not an answer on the scale {info.scale.id!r} (expected one of: {allowed})"
            faults.append((wrong, i, shown, reason))
            bad |= wrong
            codes[wrong] = MISSING
    return np.ascontiguousarray(by_item.T)


def code_group(
    column: Column,
    what: str,
    bad: NDArray[Any],
    faults: list[Fault],
    merges: list[GroupMerge],
    index: int,
) -> tuple[list[str], NDArray[Any]]:
    """A group or wave column's folded names and each row's code; blanks and sentences faults."""
    names, codes, blank, merged = fold_column(column, column.name)
    merges.extend(merged)
    if blank.any():
        faults.append((blank, index, [], f"is blank: expected {what} for every row"))
        bad |= blank
    refuse_text(column, what, bad, faults, index)
    return names, codes


def refuse_text(col: Column, what: str, bad: NDArray[Any], faults: list[Fault], i: int) -> None:
    """Refuse the rows of :func:`~.grouping.typed_text` (a comment typed into the Team cell)."""
    wrong = typed_text(col)
    if wrong is not None:
        reason = f"reads as a sentence, not {what}: expected a short name (never published)"
        faults.append((wrong, i, [_excerpt(v) for v in col.values], reason))
        bad |= wrong


def pool_singles(
    column: Column,
    names: list[str],
    codes: NDArray[Any],
    keep: NDArray[Any],
    pooled: list[Fault],
    index: int,
) -> tuple[list[str], NDArray[Any]]:
    """:func:`~.grouping.pool_single_rows` on a folded group or dimension column; the rows
    pooled go to ``pooled`` (as faults do, with an excerpt of the value for the data owner)."""
    names, codes, rows = pool_single_rows(names, codes, keep)
    if rows.any():
        pooled.append((rows, index, [_part(v) for v in column.values], POOLED_REASON))
    return names, codes


def _part(value: str) -> str | None:
    """Like :func:`_excerpt`, but never the whole value, however short: a pooled value is kept,
    not refused, and may be a person's name ("Jane"), which even the check should not spell."""
    shown = tidy(value)
    return shown[: min(EXCERPT, len(shown) - 1)] + "…" if shown else None


def refuse_single_wave(
    column: Column, codes: NDArray[Any], bad: NDArray[Any], faults: list[Fault], index: int
) -> None:
    """Refuse the rows whose wave value no other row holds.

    Pooling them would invent a survey round named "(other)" and a trend to it; a round has
    every response of that round in it, so one row alone is a slip of the keyboard (or a name
    or phrase typed into the cell) for the data owner to correct."""
    import numpy as np

    filled = codes >= 0
    counts = np.bincount(codes[filled], minlength=int(codes.max(initial=-1)) + 1)
    alone = filled & (counts[np.where(filled, codes, 0)] == 1) if counts.size else filled & False
    alone &= ~bad
    if alone.any():
        reason = "is held by this row only: expected a wave shared by the responses of one round"
        faults.append((alone, index, [_excerpt(v) for v in column.values], reason))
        bad |= alone


def _excerpt(value: str) -> str | None:
    """The first few characters of a refused value, for the data owner to find the cell."""
    shown = tidy(value)
    if not shown:
        return None
    return shown if len(shown) <= EXCERPT else shown[:EXCERPT] + "…"


def _scale_lookup(values: list[str], info: ItemInfo) -> tuple[NDArray[Any], list[str | None]]:
    """For each distinct raw value: its option index, -1 blank, -2 not on the scale; and the
    excerpt a rejection keeps of it."""
    import numpy as np

    table: dict[str, int] = {}
    for k, option in enumerate(info.scale.options):
        table.setdefault(fold_heading(option.value), k)
        table.setdefault(fold_heading(option.label), k)
    lut = np.empty(len(values), dtype=np.int8)
    shown: list[str | None] = []
    for j, raw in enumerate(values):
        key = fold_heading(raw)
        lut[j] = MISSING if not raw.strip() else table.get(key, -2) if key else -2
        shown.append(_excerpt(raw))
    return lut, shown


def refuse_repeats(
    column: Column,
    token_idx: int,
    wave_codes: NDArray[Any],
    bad: NDArray[Any],
    faults: list[Fault],
    numbers: NDArray[Any],
    waves: list[str | None],
) -> None:
    """Reject a second response with one token in one wave (among rows otherwise accepted).
    The token itself is never echoed in a message."""
    import numpy as np

    names, codes, blank, _ = fold_column(column, column.name)
    candidates = np.nonzero(~bad & ~blank)[0]
    if not candidates.size:
        return
    key = np.maximum(wave_codes[candidates], 0) * (len(names) + 1) + codes[candidates]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    firsts = candidates[first[inverse.reshape(-1)]]
    for r, original in zip(candidates.tolist(), firsts.tolist(), strict=True):
        if r == original:
            continue
        mask = np.zeros(len(bad), dtype=bool)
        mask[r] = True
        wave = waves[int(wave_codes[r])] if wave_codes[r] >= 0 else None
        in_wave = f" in wave {wave!r}" if wave is not None else ""
        faults.append(
            (
                mask,
                token_idx,
                [],
                f"repeats the respondent token of row {int(numbers[original])}{in_wave}: one "
                "response per respondent and wave; the first is kept",
            )
        )
        bad[r] = True
