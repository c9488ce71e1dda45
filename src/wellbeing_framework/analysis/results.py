"""The results of an analysis: every aggregate, already private, and how scores are banded.

:class:`Results` is what :func:`~.aggregate.aggregate` returns: the numbers of every group,
wave and theme or item (its cells, from :mod:`.cells`), the minimum applied and the
:class:`Banding` used. Nothing here holds a person's answers or free text.

The result types of the other steps have their own modules and are named here too, where
much of the code looks for them: what an import gives (:mod:`.import_result`) and what is
worked out from the results (:mod:`.derived`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import attrs

from ..errors import ElementNotFoundError
from ..model._validators import FieldError
from ._cell_columns import CellColumns
from .cells import Cell, CellTable, ElementInfo, ElementKind, GroupCell, SuppressionReason
from .derived import DraftAction, DraftActionPlan, GapRow, Priorities, Priority, TrendRow
from .import_result import (
    ColumnMatch,
    GroupMerge,
    ImportResult,
    MatchedBy,
    Pooled,
    Reconciliation,
    Rejection,
)

__all__ = [
    "DEFAULT_BANDING",
    "Band",
    "Banding",
    "Cell",
    "CellTable",
    "ColumnMatch",
    "DraftAction",
    "DraftActionPlan",
    "ElementInfo",
    "ElementKind",
    "GapRow",
    "GroupCell",
    "GroupMerge",
    "ImportResult",
    "MatchedBy",
    "Pooled",
    "Priorities",
    "Priority",
    "Reconciliation",
    "Rejection",
    "Results",
    "SuppressionReason",
    "TrendRow",
]


# -- banding ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Band:
    """A band of normalised scores: from ``lower`` (inclusive) up to the next band's lower."""

    label: str
    lower: float


def _ascending(
    _: object, attribute: attrs.Attribute[tuple[Band, ...]], value: tuple[Band, ...]
) -> None:
    if not value:
        raise FieldError(attribute.name, "banding needs at least one band")
    lowers = [b.lower for b in value]
    if lowers != sorted(lowers) or len(set(lowers)) != len(lowers):
        raise FieldError(attribute.name, f"bands must rise in order of lower bound, got {lowers}")
    if lowers[0] > 0:
        raise FieldError(attribute.name, "the first band must start at 0 or below")


@attrs.frozen(kw_only=True)
class Banding:
    """Named bands over the normalised score (0 to 1), lowest first. Data, not code: a pack or a
    caller may supply its own (through the converter, from JSON or TOML)."""

    bands: tuple[Band, ...] = attrs.field(validator=_ascending)

    def band(self, normalised: float | None) -> str | None:
        """The label of the band this normalised score falls in; None for None."""
        if normalised is None:
            return None
        label = self.bands[0].label
        for b in self.bands:
            if normalised >= b.lower:
                label = b.label
        return label

    def bands_of(self, normalised: Any) -> list[str | None]:
        """:meth:`band` of every score of a numpy array (NaN: None), in one search: the last
        band whose lower bound the score reaches, else the first."""
        import numpy as np

        lowers = np.array([b.lower for b in self.bands], dtype=np.float64)
        index = np.maximum(np.searchsorted(lowers, normalised, side="right") - 1, 0)
        index[normalised != normalised] = len(self.bands)  # NaN: the None after the labels
        labels: list[str | None] = [*self.labels, None]
        return [labels[k] for k in index.tolist()]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(b.label for b in self.bands)


#: Red below 0.5, amber from 0.5, green from 0.75 (of the normalised score).
DEFAULT_BANDING = Banding(
    bands=(
        Band(label="red", lower=0.0),
        Band(label="amber", lower=0.5),
        Band(label="green", lower=0.75),
    )
)


@attrs.frozen(kw_only=True)
class Results:
    """Every aggregate of one analysis, already private: hidden cells hold no numbers.

    The numbers live in :attr:`table` (numpy); :attr:`cells` and :attr:`groups` build the
    frozen records from it the first time they are read.

    Attributes:
        table: The columnar numbers.
        elements: The themes then the items scored.
        min_group_size: The minimum applied.
        forced_small_groups: True when the caller forced a minimum below 5.
        levels: The names of the group levels, top first (the group columns).
        waves: The waves in order (``(None,)`` when the data have none). A wave is one round
            of the survey; the report's words are "round" and "rounds", the code's and the
            command line's are ``wave`` (``--wave``, ``--wave-column``).
        breakdown: The dimensions cross-tabulated, if any.
        filters: The filter applied, as ``(dimension, value)`` pairs (values of one dimension
            are pooled).
        banding: The bands used.
        hierarchy: Every group path at the deepest level, respondents or not (the names of
            all groups are public: an attacker is assumed to know them).
    """

    table: CellTable = attrs.field(repr=False)
    elements: tuple[ElementInfo, ...]
    min_group_size: int
    forced_small_groups: bool = False
    levels: tuple[str, ...]
    waves: tuple[str | None, ...]
    breakdown: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = ()
    banding: Banding = DEFAULT_BANDING
    hierarchy: tuple[tuple[str, ...], ...] = ()

    @functools.cached_property
    def groups(self) -> tuple[GroupCell, ...]:
        """The respondent count of each group, wave and cross-tab value (None when hidden)."""
        t = self.table
        out = []
        for i, n in enumerate(t.n.tolist()):
            out.append(
                GroupCell(
                    group=t.group[i],
                    wave=t.wave[i],
                    breakdown=t.breakdown[i],
                    n=None if n < 0 else n,
                    suppressed=n < 0,
                    reason=CellTable.reason_of(int(t.reason[i])),
                )
            )
        return tuple(out)

    @functools.cached_property
    def cell_columns(self) -> CellColumns:
        """The values of :attr:`cells`, a list per field (see :mod:`._cell_columns`): what the
        JSON report, the trends and :attr:`cells` itself are made from."""
        return CellColumns.from_table(self.table, self.elements, self.banding)

    @functools.cached_property
    def cells(self) -> tuple[Cell, ...]:
        """One cell per node and element, nodes in order, themes before items within a node."""
        return self.cell_columns.cells(self.table)

    @property
    def themes(self) -> tuple[str, ...]:
        """References of the themes scored, in order."""
        return tuple(e.ref for e in self.elements if e.kind is ElementKind.THEME)

    @property
    def items(self) -> tuple[str, ...]:
        """References of the items scored, in order."""
        return tuple(e.ref for e in self.elements if e.kind is ElementKind.ITEM)

    def element(self, ref: str) -> ElementInfo:
        """The theme or item with this reference. Raises
        :class:`~wellbeing_framework.ElementNotFoundError` (a ``KeyError``) if it was not
        scored."""
        for e in self.elements:
            if e.ref == ref:
                return e
        raise ElementNotFoundError(f"{ref!r} was not scored in these results")

    def title(self, ref: str) -> str:
        """A theme's title or an item's wording, or the reference itself if unknown."""
        for e in self.elements:
            if e.ref == ref:
                return e.title
        return ref

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.table.n) * len(self.elements)

    def select(
        self,
        *,
        group: tuple[str, ...] | None = None,
        level: int | None = None,
        wave: str | None = None,
        element: str | None = None,
        kind: ElementKind | None = None,
        shown: bool | None = None,
        breakdown: tuple[tuple[str, str], ...] | None = (),
    ) -> tuple[Cell, ...]:
        """The cells that match every argument given (None means any). By default only cells
        without a cross-tab value; pass ``breakdown=None`` for all."""
        # Found by position in the columns, so that picking one group's cells (as priorities
        # do) makes those cells only, not all of them.
        t, width = self.table, len(self.elements)
        nodes = [
            i
            for i, (g, w, b) in enumerate(zip(t.group, t.wave, t.breakdown, strict=True))
            if (group is None or g == group)
            and (level is None or len(g) == level)
            and (wave is None or w == wave)
            and (breakdown is None or b == breakdown)
        ]
        elements = [
            j
            for j, e in enumerate(self.elements)
            if (element is None or e.ref == element) and (kind is None or e.kind is kind)
        ]
        suppressed = self.cell_columns.suppressed
        positions = [
            k
            for k in (i * width + j for i in nodes for j in elements)
            if shown is None or suppressed[k] is not shown
        ]
        return self.cell_columns.cells(t, positions)

    def cell(
        self,
        group: tuple[str, ...],
        element: str,
        wave: str | None = None,
        breakdown: tuple[tuple[str, str], ...] = (),
    ) -> Cell | None:
        """The one cell for this group, element, wave and cross-tab value, or None."""
        for c in self.cells:
            if (
                c.group == group
                and c.element == element
                and c.wave == wave
                and c.breakdown == breakdown
            ):
                return c
        return None

    def group_cells(self, *, level: int | None = None) -> tuple[GroupCell, ...]:
        """The group counts, optionally at one level only (0 is everyone)."""
        return tuple(g for g in self.groups if level is None or g.level == level)
