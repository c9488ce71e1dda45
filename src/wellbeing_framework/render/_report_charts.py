"""The report's charts, built from results: the heatmap, the I/We gap and the trends.

These turn :class:`~wellbeing_framework.analysis.results.Results`, gap rows and trend rows into
the plain values :mod:`wellbeing_framework.render._charts` draws, with hidden groups drawn as
hidden. The HTML report, the notebook display and anyone embedding a chart use them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis.cells import ElementKind
from ..analysis.derived import GapRow
from ..analysis.results import Results
from ._charts import (
    Arrow,
    Dumbbell,
    HeatCell,
    HeatRow,
    Swatch,
    TrendPanel,
    band_colour,
    gap_svg,
    heatmap_svg,
    trends_svg,
)
from ._shared import one_line
from .markdown import escape
from .report import (
    EVERYONE,
    HIDDEN_WORD,
    Report,
    band_ranges,
    group_label,
    hidden_text,
    tree_order,
)

__all__ = [
    "band_fills",
    "gap_chart",
    "group_cell",
    "heatmap_chart",
    "results_fragment",
    "trends_chart",
]


def band_fills(results: Results) -> dict[str, str]:
    """Each band's colour, by its label: red for the lowest band, amber, green for the highest."""
    labels = results.banding.labels
    return {label: band_colour(k, len(labels)) for k, label in enumerate(labels)}


def group_cell(group: tuple[str, ...]) -> str:
    """A table's row heading for a group: its own name, indented by its depth."""
    name = group[-1] if group else EVERYONE
    depth = min(len(group), 3)
    return f'<th scope="row" class="wf-depth-{depth}">{escape(name)}</th>'


def heatmap_chart(
    results: Results, wave: str | None, *, chart_id: str = "wf-heatmap", compact: bool = False
) -> str:
    """Theme scores by group for one wave, as an SVG heatmap (``compact``: for a phone)."""
    themes = results.themes
    cells = {
        (c.group, c.element): c
        for c in results.select(kind=ElementKind.THEME)
        if c.wave == wave and c.breakdown == ()
    }
    groups = tree_order(g for g, _ in cells)
    fills = band_fills(results)
    rows = []
    for group in groups:
        row = []
        for theme in themes:
            cell = cells.get((group, theme))
            if cell is None:
                row.append(HeatCell())
            else:
                row.append(
                    HeatCell(
                        value=None if cell.suppressed else cell.normalised,
                        hidden=cell.suppressed,
                        band=None if cell.suppressed else cell.band,
                        fill=None if cell.suppressed or cell.band is None else fills[cell.band],
                    )
                )
        rows.append(
            HeatRow(label=group[-1] if group else EVERYONE, cells=tuple(row), depth=len(group))
        )
    when = f" in {wave}" if wave else ""
    hidden_count = sum(1 for r in rows if r.cells and r.cells[0].hidden)
    return heatmap_svg(
        title=f"Theme scores by group{when}",
        description=(
            f"A grid of {len(rows)} groups by {len(themes)} themes. Each cell gives the group's "
            "score out of 100 and its band, and is coloured by its band: "
            f"{'; '.join(band_ranges(results))}. "
            f"{hidden_count} of the groups are hidden and show no number."
        ),
        columns=[one_line(results.title(t)) for t in themes],
        rows=rows,
        chart_id=chart_id,
        hidden_note=hidden_text(results.min_group_size),
        legend=[
            Swatch(label=words, fill=fills[label])
            for label, words in zip(results.banding.labels, band_ranges(results), strict=True)
        ],
        compact=compact,
    )


def gap_chart(
    results: Results, rows: Sequence[GapRow], *, chart_id: str = "wf-gap", compact: bool = False
) -> str | None:
    """The I/We gap for the top of the hierarchy (everyone, or else the first level), or None
    when there are no gap rows."""
    if not rows:
        return None
    top = min(len(r.group) for r in rows)
    chosen = [r for r in rows if len(r.group) == top]
    chosen_groups = tree_order(r.group for r in chosen)
    by_theme = {t: i for i, t in enumerate(results.themes)}
    chosen.sort(key=lambda r: (chosen_groups.index(r.group), by_theme.get(r.theme, 99)))
    many = len(chosen_groups) > 1
    bells = [
        Dumbbell(
            label=(
                f"{one_line(results.title(r.theme))} ({group_label(r.group)})"
                if many
                else one_line(results.title(r.theme))
            ),
            individual=r.individual,
            organisational=r.organisational,
            hidden=r.suppressed,
        )
        for r in chosen
    ]
    who = group_label(chosen_groups[0]) if not many else "each group"
    return gap_svg(
        title=f"The I/We gap by theme: {who}",
        description=(
            "For each theme, a circle marks what staff report on the individual checklist and a "
            "square what the organisation says it provides on its own checklist, both out of 100. "
            "The gap at the right is the organisation's score minus the staff score."
        ),
        rows=bells,
        chart_id=chart_id,
        compact=compact,
    )


def trends_chart(
    report: Report, *, chart_id: str = "wf-trends", compact: bool = False
) -> str | None:
    """The changes between the last two waves, a panel per theme; None without two waves
    (``compact``: laid out for a phone)."""
    changes = report.latest_trends()
    if not changes:
        return None
    results = report.results
    panels = []
    for theme in results.themes:
        rows = sorted((t for t in changes if t.element == theme), key=lambda t: t.group)
        panels.append(
            TrendPanel(
                title=one_line(results.title(theme)),
                rows=tuple(
                    Arrow(
                        label=t.group[-1] if t.group else EVERYONE,
                        before=t.before,
                        after=t.after,
                        depth=len(t.group),
                    )
                    for t in rows
                ),
            )
        )
    first = changes[0]
    return trends_svg(
        title=f"Changes from {first.from_wave} to {first.to_wave}",
        description=(
            f"One panel per theme. For each group shown in both {first.from_wave} and "
            f"{first.to_wave}, an arrow runs from the earlier score (hollow circle) to the later "
            "one (filled circle); the numbers and the change are written at the right."
        ),
        panels=panels,
        from_label=first.from_wave,
        to_label=first.to_wave,
        chart_id=chart_id,
        compact=compact,
    )


def results_fragment(results: Results) -> str:
    """A short view of results for a notebook: the heatmap of the latest wave and the group
    counts, hidden groups worded as in the report."""
    wave = results.waves[-1]
    hidden = hidden_text(results.min_group_size)
    rows = []
    for g in sorted(
        (g for g in results.groups if g.breakdown == () and g.wave == wave), key=lambda g: g.group
    ):
        n = (
            f'<td class="wf-hidden" title="{escape(hidden)}">{HIDDEN_WORD}</td>'
            if g.suppressed
            else f"<td>{g.n}</td>"
        )
        rows.append(f"<tr>{group_cell(g.group)}{n}</tr>")
    waves = ", ".join(w for w in results.waves if w is not None) or "none"
    return (
        '<div class="wf-results">'
        f"<p><strong>Results</strong>: {len(results.themes)} themes, {len(results.items)} "
        f"statements; rounds: {escape(waves)}; minimum group size {results.min_group_size}.</p>"
        f"{heatmap_chart(results, wave, chart_id='wf-nb-heatmap')}"
        '<table class="wf-table"><thead><tr><th>Group</th><th>People</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
