"""Trends: how a theme's or an item's score changed between waves, group by group.

A change is reported only where the group is shown in both waves: a hidden cell has no score to
compare, and a change worked out from a hidden one would give it away.
"""

from __future__ import annotations

import itertools

from ..arguments import expect, expect_int, expect_names
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
    index = {
        (c.group, c.wave, c.element): c
        for c in results.cells
        if not c.breakdown and (kind is None or c.kind is kind)
    }
    rows: list[TrendRow] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for c in results.cells:
        if c.breakdown or (kind is not None and c.kind is not kind):
            continue
        if level is not None and c.level != level:
            continue
        if (c.group, c.element) in seen:
            continue
        seen.add((c.group, c.element))
        for before_wave, after_wave in pairs:
            before = index.get((c.group, before_wave, c.element))
            after = index.get((c.group, after_wave, c.element))
            if before is None or after is None:
                continue
            if before.normalised is None or after.normalised is None:
                continue
            if before.n is None or after.n is None:
                continue
            rows.append(
                TrendRow(
                    element=c.element,
                    kind=c.kind,
                    group=c.group,
                    from_wave=before_wave,
                    to_wave=after_wave,
                    before=before.normalised,
                    after=after.normalised,
                    change=after.normalised - before.normalised,
                    n_before=before.n,
                    n_after=after.n,
                )
            )
    return tuple(rows)
