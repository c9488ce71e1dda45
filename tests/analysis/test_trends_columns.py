"""Trends read from the cells' columns are the trends read from the cells one by one, as they
were before, on any results with waves, for every kind, level and pair of waves."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis as sa

from wellbeing_framework.analysis.aggregate import aggregate
from wellbeing_framework.analysis.results import ElementKind, Results, TrendRow
from wellbeing_framework.analysis.trends import trends


def trends_cell_by_cell(
    results: Results,
    kind: ElementKind | None,
    waves: tuple[str, str] | None,
    level: int | None,
) -> tuple[TrendRow, ...]:
    """``trends`` as it was written before the columns (less its argument checks)."""
    named = tuple(w for w in results.waves if w is not None)
    pairs = [waves] if waves is not None else list(itertools.pairwise(named))
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


@given(
    data=sa.responses(waves=("w1", "w2", "w3"), roles=("nurse", "doctor")),
    k=st.integers(1, 12),
    by=st.sampled_from([(), ("role",)]),
    kind=st.sampled_from([ElementKind.THEME, ElementKind.ITEM, None]),
    level=st.sampled_from([None, 0, 1, 2]),
    waves=st.sampled_from([None, ("w1", "w2"), ("w3", "w1")]),
)
def test_trends_from_columns_are_the_trends_read_cell_by_cell(
    data: object,
    k: int,
    by: tuple[str, ...],
    kind: ElementKind | None,
    level: int | None,
    waves: tuple[str, str] | None,
) -> None:
    results = aggregate(data, min_group_size=k, force_small_groups=k < 5, by=by)  # type: ignore[arg-type]
    if waves is not None and not set(waves) <= set(results.waves):
        waves = None
    expected = trends_cell_by_cell(results, kind, waves, level)
    assert trends(results, kind=kind, waves=waves, level=level) == expected
