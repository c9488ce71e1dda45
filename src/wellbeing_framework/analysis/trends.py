"""Trends: how a theme's or an item's score changed between waves, group by group.

A change is reported only where the group is shown in both waves: a hidden cell has no score to
compare, and a change worked out from a hidden one would give it away.
"""

from __future__ import annotations

import itertools

from .._arguments import expect, expect_int, expect_names
from ..errors import ArgumentError, ElementNotFoundError
from .cells import ElementKind
from .derived import TrendRow
from .results import Results

__all__ = ["trends"]


def trends(
    results: Results,
    *,
    kind: ElementKind | None = ElementKind.THEME,
    waves: tuple[str, str] | None = None,
    level: int | None = None,
) -> tuple[TrendRow, ...]:
    """Changes between waves, in the order of the results (group, then element).

    Args:
        results: Private results with two or more waves.
        kind: Themes (default), items, or None for both.
        waves: The earlier and later wave to compare; by default each wave with the next.
        level: Only groups at this level (0 is everyone); all by default.

    Returns:
        One row per group, element and pair of waves where both cells are shown and scored.

    Raises:
        ElementNotFoundError: A wave named that the results do not have.
        ArgumentError: An argument of the wrong kind.
    """
    expect("trends", "results", results, Results, "Results (from aggregate)")
    if kind is not None:
        expect("trends", "kind", kind, ElementKind, "ElementKind.THEME, ElementKind.ITEM or None")
    expect_int("trends", "level", level, optional=True)
    named = tuple(w for w in results.waves if w is not None)
    if waves is not None:
        pair = expect_names("trends", "waves", waves)
        if len(pair) != 2:
            raise ArgumentError(
                f"trends: waves: expected two waves, earlier then later, got {pair}"
            )
        waves = (pair[0], pair[1])
        for w in waves:
            if w not in named:
                raise ElementNotFoundError(
                    f"no wave {w!r} in these results (waves: {', '.join(named)})"
                )
        pairs = [waves]
    else:
        pairs = list(itertools.pairwise(named))
    if not pairs:
        return ()
    return tuple(_rows(results, kind, pairs, level))


def _rows(
    results: Results,
    kind: ElementKind | None,
    pairs: list[tuple[str, str]],
    level: int | None,
) -> list[TrendRow]:
    """The rows, read from the cells' columns: each group in the order of its first node
    without a cross-tab value, then each element of the kind, then each pair of waves."""
    t, columns = results.table, results.cell_columns
    width = len(results.elements)
    chosen = [(j, e) for j, e in enumerate(results.elements) if kind is None or e.kind is kind]
    node: dict[tuple[tuple[str, ...], str | None], int] = {}
    order: list[tuple[str, ...]] = []
    for i, (group, wave, breakdown) in enumerate(zip(t.group, t.wave, t.breakdown, strict=True)):
        if breakdown:
            continue
        node[(group, wave)] = i
        if level is None or len(group) == level:
            order.append(group)
    normalised, n = columns.normalised, columns.n
    rows: list[TrendRow] = []
    for group in dict.fromkeys(order):
        for j, e in chosen:
            for before_wave, after_wave in pairs:
                b, a = node.get((group, before_wave)), node.get((group, after_wave))
                if b is None or a is None:
                    continue
                kb, ka = b * width + j, a * width + j
                before, after = normalised[kb], normalised[ka]
                n_before, n_after = n[kb], n[ka]
                if before is None or after is None or n_before is None or n_after is None:
                    continue
                rows.append(
                    TrendRow(
                        element=e.ref,
                        kind=e.kind,
                        group=group,
                        from_wave=before_wave,
                        to_wave=after_wave,
                        before=before,
                        after=after,
                        change=after - before,
                        n_before=n_before,
                        n_after=n_after,
                    )
                )
    return rows
