"""The cells of results held as columns: one Python list per field, one entry per cell.

A report of a million respondents has about 52,000 cells (2,200 groups x 24 themes and items);
made one :class:`~.cells.Cell` at a time they took 0.3 to 0.45 s, and the report's JSON, its
trends and its audit each walked them again. :class:`CellColumns` makes the same values with a
few numpy passes over the :class:`~.cells.CellTable`, already as the Python values a cell holds
(None where hidden or unscored), so that the JSON report, the trends and the cells themselves
are made from it without a record per cell in between.

The cells are in the order of :attr:`Results.cells <.results.Results.cells>`: node by node,
the themes then the items within a node. Cell ``k`` is node ``k // width`` and element
``k % width``, where ``width`` is the number of elements.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ._rounding import points_of
from .cells import Cell, CellTable, ElementInfo, ElementKind, SuppressionReason

if TYPE_CHECKING:
    from .results import Banding

__all__ = ["CellColumns"]


@attrs.frozen(kw_only=True, eq=False)
class CellColumns:
    """Every cell's values, a list per field (see the module's docstring for the order).

    Attributes:
        elements: The themes then the items, as in the results.
        nodes: How many nodes (a group, wave and cross-tab value).
        n: Respondents, None where the cell is hidden.
        suppressed: True where hidden.
        reason: Why hidden (a node's own reason, else complementary), None where shown.
        mean, normalised: The scores, None where hidden or nothing was scored.
        answered, unscored, missing: The answer counts, None where hidden.
        band: The band label of ``normalised``, None where it is None.
        points: ``normalised`` as the whole number out of 100 the reports show (see
            :func:`~.rounding.points`), None where it is None.
        counts: For a shown item cell, its count of each option of its scale, in order;
            None for a theme and for a hidden cell.
    """

    elements: tuple[ElementInfo, ...]
    nodes: int
    n: list[int | None]
    suppressed: list[bool]
    reason: list[SuppressionReason | None]
    mean: list[float | None]
    normalised: list[float | None]
    answered: list[int | None]
    unscored: list[int | None]
    missing: list[int | None]
    band: list[str | None]
    points: list[int | None]
    counts: list[list[int] | None]

    @classmethod
    def from_table(
        cls, table: CellTable, elements: tuple[ElementInfo, ...], banding: Banding
    ) -> CellColumns:
        """The columns of the cells of ``table``, whose columns are ``elements``."""
        import numpy as np

        nodes, width = len(table.n), len(elements)
        # A cell is hidden when its node is, or its own answered count is (-1).
        shown = (table.n >= 0)[:, None] & (table.answered >= 0)
        hidden = np.flatnonzero(~shown).tolist()
        normalised = np.where(shown, table.normalised, np.nan).ravel()
        node_reason = [CellTable.reason_of(code) for code in table.reason.tolist()]
        reason: list[SuppressionReason | None] = [None] * (nodes * width)
        for k in hidden:
            reason[k] = node_reason[k // width] or SuppressionReason.COMPLEMENTARY
        n = np.repeat(table.n, width).tolist()
        return cls(
            elements=elements,
            nodes=nodes,
            n=_blanked(n, hidden),
            suppressed=(~shown).ravel().tolist(),
            reason=reason,
            mean=_numbers(np.where(shown, table.mean, np.nan).ravel().tolist()),
            normalised=_numbers(normalised.tolist()),
            answered=_blanked(table.answered.ravel().tolist(), hidden),
            unscored=_blanked(table.unscored.ravel().tolist(), hidden),
            missing=_blanked(table.missing.ravel().tolist(), hidden),
            band=banding.bands_of(normalised),
            points=points_of(normalised),
            counts=_counts(table, elements, shown),
        )

    def __len__(self) -> int:
        return len(self.n)

    def cells(self, table: CellTable, positions: Iterable[int] | None = None) -> tuple[Cell, ...]:
        """The cells as records, as :attr:`Results.cells <.results.Results.cells>` gives them:
        all of them, or those at ``positions`` (in the order given)."""
        from .._collector import collector_paused

        width = len(self.elements)
        with collector_paused():
            out = []
            for k in range(len(self.n)) if positions is None else positions:
                i, e = divmod(k, width)
                e_info = self.elements[e]
                counts = self.counts[k]
                out.append(
                    Cell(
                        group=table.group[i],
                        wave=table.wave[i],
                        breakdown=table.breakdown[i],
                        element=e_info.ref,
                        kind=e_info.kind,
                        scope=e_info.scope,
                        checklist=e_info.checklist,
                        n=self.n[k],
                        suppressed=self.suppressed[k],
                        reason=self.reason[k],
                        mean=self.mean[k],
                        normalised=self.normalised[k],
                        answered=self.answered[k],
                        unscored=self.unscored[k],
                        missing=self.missing[k],
                        band=self.band[k],
                        distribution=()
                        if counts is None
                        else tuple(zip(e_info.options, counts, strict=True)),
                    )
                )
            return tuple(out)


def _blanked(values: list[Any], hidden: list[int]) -> list[Any]:
    """``values`` with None at the positions ``hidden``."""
    for k in hidden:
        values[k] = None
    return values


def _numbers(values: list[float]) -> list[float | None]:
    """The floats of ``values``, None for NaN (the only value not equal to itself)."""
    return [x if x == x else None for x in values]


def _counts(
    table: CellTable, elements: tuple[ElementInfo, ...], shown: Any
) -> list[list[int] | None]:
    """Each cell's count of each option: a list for a shown item cell, else None."""
    nodes, width = shown.shape
    out: list[list[int] | None] = [None] * (nodes * width)
    j = 0
    for e, info in enumerate(elements):
        if info.kind is not ElementKind.ITEM:
            continue
        counts = table.distribution[:, j, : len(info.options)].tolist()
        for i in shown[:, e].nonzero()[0].tolist():
            out[i * width + e] = counts[i]
        j += 1
    return out
