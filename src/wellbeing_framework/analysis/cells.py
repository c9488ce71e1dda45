"""One aggregate of an analysis: a group's count, a theme's or item's cell, and their table.

A :class:`Cell` is an aggregate for one group (at one level of the hierarchy), one wave and one
theme or item; a hidden cell carries no count and no score, only the reason it is hidden
(:class:`SuppressionReason`). :class:`CellTable` holds the same numbers as numpy arrays, with
hidden numbers never stored. Nothing here holds a person's answers or free text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from ..model.content import Scope

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["Cell", "CellTable", "ElementInfo", "ElementKind", "GroupCell", "SuppressionReason"]


class ElementKind(StrEnum):
    """What a cell scores: a whole theme, or one checklist item."""

    THEME = "theme"
    ITEM = "item"


class SuppressionReason(StrEnum):
    """Why a cell is hidden.

    ``primary``: the group has fewer respondents than the minimum. ``intersection``: a cross-tab
    or filtered cell (a group and a value of another dimension) has fewer than the minimum on the
    intersection itself. ``complementary``: the cell is large enough but is hidden so that a
    smaller hidden cell cannot be worked out as its parent minus the siblings shown.
    """

    PRIMARY = "primary"
    INTERSECTION = "intersection"
    COMPLEMENTARY = "complementary"


@attrs.frozen(kw_only=True)
class GroupCell:
    """How many respondents one group has in one wave (and cross-tab value), or that it is hidden.

    Attributes:
        group: The group path from the top, such as ``("Trust A", "Crisis team")``; ``()`` is
            everyone in the data.
        wave: The wave, or None when the data have no waves.
        breakdown: For a cross-tab or filter, ``(("role", "nurse"),)``; empty otherwise.
        n: Distinct respondents, or None when hidden.
        suppressed: True when hidden.
        reason: Why it is hidden, or None when shown.
    """

    group: tuple[str, ...]
    wave: str | None = None
    breakdown: tuple[tuple[str, str], ...] = ()
    n: int | None
    suppressed: bool = False
    reason: SuppressionReason | None = None

    @property
    def level(self) -> int:
        """The depth in the hierarchy: 0 for everyone, 1 for the first group column..."""
        return len(self.group)


@attrs.frozen(kw_only=True)
class Cell:
    """A theme's or an item's aggregate for one group and wave. There is no place for free text.

    When ``suppressed`` every number is None: no count, no score, no answer counts.

    Attributes:
        group, wave, breakdown: As for :class:`GroupCell`.
        element: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        scope: Whose checklist the answers come from (individual, team, organisational).
        checklist: For an item, ``pack-id:checklist-id``; for a theme, None.
        n: Distinct respondents in the group (all of them, not only those who answered this
            element), or None when hidden.
        mean: The mean score of the scored answers on the scale's own scores; None when hidden,
            when nothing was scored, or for a theme whose items use more than one scale.
        normalised: The mean of the answers' scores put on 0 to 1, ``(score - min) / (max -
            min)`` of each answer's scale, so that scales compare.
        answered: Scored answers (answers, not people: a theme has several items each).
        unscored: Answers that count but carry no score ("not sure").
        missing: Blank answers.
        band: The band label of ``normalised``.
        distribution: For an item: each option value of its scale with its count of answers.
    """

    group: tuple[str, ...]
    wave: str | None = None
    breakdown: tuple[tuple[str, str], ...] = ()
    element: str
    kind: ElementKind
    scope: Scope
    checklist: str | None = None
    n: int | None
    suppressed: bool = False
    reason: SuppressionReason | None = None
    mean: float | None = None
    normalised: float | None = None
    answered: int | None = None
    unscored: int | None = None
    missing: int | None = None
    band: str | None = None
    distribution: tuple[tuple[str, int], ...] = ()

    @property
    def level(self) -> int:
        return len(self.group)


@attrs.frozen(kw_only=True)
class ElementInfo:
    """What a cell scores: a theme or an item, with what a report needs to name it.

    Attributes:
        ref: ``pack-id:theme-id`` or ``pack-id:item-id``.
        kind: Theme or item.
        scope: Whose checklist it comes from.
        theme: The theme's reference (for a theme, itself).
        title: The theme's title or the item's wording.
        checklist: For an item, ``pack-id:checklist-id``; for a theme, None.
        options: For an item, the values of its scale's options, in order; else empty.
    """

    ref: str
    kind: ElementKind
    scope: Scope
    theme: str
    title: str
    checklist: str | None = None
    options: tuple[str, ...] = ()


_REASONS: tuple[SuppressionReason | None, ...] = (
    None,
    SuppressionReason.PRIMARY,
    SuppressionReason.INTERSECTION,
    SuppressionReason.COMPLEMENTARY,
)


@attrs.frozen(kw_only=True, eq=False)
class CellTable:
    """The columnar form of a :class:`Results`: numpy arrays, one row per node (a group, wave
    and cross-tab value) and one column per element. Hidden numbers are never stored: a hidden
    node's count is -1 and its scores NaN, so nothing suppressed can be read back from here.

    Attributes:
        group, wave, breakdown: Each node's group path, wave and cross-tab value.
        n: Respondents per node, -1 when hidden (int64, shape ``(nodes,)``).
        reason: 0 shown, 1 primary, 2 intersection, 3 complementary (int8).
        mean, normalised: float64, ``(nodes, elements)``; NaN when hidden or nothing scored.
        answered, unscored, missing: int64, ``(nodes, elements)``; -1 when hidden.
        distribution: int64, ``(nodes, items, options)``: answers per option of each item's
            scale (the items are the elements of kind item, in order); -1 when hidden.
    """

    group: tuple[tuple[str, ...], ...]
    wave: tuple[str | None, ...]
    breakdown: tuple[tuple[tuple[str, str], ...], ...]
    n: NDArray[Any]
    reason: NDArray[Any]
    mean: NDArray[Any]
    normalised: NDArray[Any]
    answered: NDArray[Any]
    unscored: NDArray[Any]
    missing: NDArray[Any]
    distribution: NDArray[Any]

    @staticmethod
    def reason_of(code: int) -> SuppressionReason | None:
        return _REASONS[code]
