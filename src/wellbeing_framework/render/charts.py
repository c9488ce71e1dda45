"""Charts as inline SVG: no script, nothing fetched, readable without colour and by a screen reader.

Three charts serve the results report:

- :func:`heatmap_svg`: theme scores by group, one row per group and one column per theme. Each
  cell prints its score and band, and is filled with its band's colour (red, amber, green), so
  colour only repeats what the text says; a hidden group is drawn hatched and grey with the word
  "hidden" and no number.
- :func:`gap_svg`: the I/We gap per theme as a dumbbell: a circle for what staff report on
  the individual checklist, a square for the organisation's own view, each with its number.
- :func:`trends_svg`: the change between two waves as small multiples, one panel per theme, an
  arrow per group from the earlier score to the later one, with the change written beside it.

The functions take plain values (labels and normalised scores from 0 to 1) rather than results, so
they can be tested and reused on their own; :mod:`wellbeing_framework.render.report` builds them
from :class:`~wellbeing_framework.analysis.results.Results`. Scores are printed out of 100.

Every chart is an ``<svg role="img">`` whose ``<title>`` and ``<desc>`` name and describe it, and
every label from data or a pack is escaped, with characters XML does not allow taken out, so a
group called ``<script>`` is drawn as text. The colours stay distinct for the common kinds of
colour blindness (the bands' red, amber and green differ chiefly in lightness; the markers use
Okabe and Ito's colours), and shapes and words carry the same meaning as the colours.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from ._svg import (
    BLUE,
    GREY,
    HIDDEN_STROKE,
    HIDDEN_WORD,
    INK,
    LINE,
    MUTED,
    NEUTRAL_FILL,
    ORANGE,
    VERMILLION,
    band_colour,
    change_text,
    clean,
    contrast,
    hatch,
    points,
    safe,
    score_text,
    svg_frame,
    svg_text,
    text_colour,
    wrap,
)

__all__ = [
    "HIDDEN_WORD",
    "NEUTRAL_FILL",
    "Arrow",
    "Dumbbell",
    "HeatCell",
    "HeatRow",
    "Swatch",
    "TrendPanel",
    "band_colour",
    "change_text",
    "contrast",
    "gap_svg",
    "heatmap_svg",
    "points",
    "score_text",
    "text_colour",
    "trends_svg",
]

# --- the heatmap -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class HeatCell:
    """One cell of the heatmap.

    Attributes:
        value: The normalised score, 0 to 1, or None when there is none (no answers).
        hidden: True when the group is hidden; then no number is drawn, whatever ``value`` is.
        band: The band label to print under the score, if any.
        fill: The cell's colour, its band's (see :func:`band_colour`); a plain grey when None.
        note: A longer text for the cell's tooltip, if any.
    """

    value: float | None = None
    hidden: bool = False
    band: str | None = None
    fill: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Swatch:
    """One entry of a heatmap's legend: a band's colour and what it means.

    Attributes:
        label: The words, such as ``amber 50 to 74``.
        fill: The band's colour.
    """

    label: str
    fill: str


@attrs.frozen(kw_only=True)
class HeatRow:
    """One row of the heatmap: a group and its cells, one per column.

    Attributes:
        label: The group's name as shown.
        cells: One per column, in the columns' order.
        depth: How far to indent the label: 0 for everyone, 1 for a service, 2 for a team...
    """

    label: str
    cells: tuple[HeatCell, ...]
    depth: int = 0


def heatmap_svg(
    *,
    title: str,
    description: str,
    columns: Sequence[str],
    rows: Sequence[HeatRow],
    chart_id: str = "wf-heatmap",
    hidden_note: str = HIDDEN_WORD,
    legend: Sequence[Swatch] = (),
) -> str:
    """Scores by group and theme as a grid, each cell with its number, band and colour.

    Args:
        title: What the chart shows, in a few words.
        description: A sentence or two for a screen reader: what is plotted and how to read it.
        columns: The column headings (themes), wrapped over up to four lines.
        rows: The groups, top to bottom; each must have one cell per column.
        chart_id: An id unique in the page; the title, description and hatching use it too.
        hidden_note: What a hidden cell means, for its tooltip and the legend (the same words
            for every hidden cell).
        legend: The bands' colours and words, lowest first.

    Raises:
        ValueError: A row does not have one cell per column.
    """
    for row in rows:
        if len(row.cells) != len(columns):
            raise ValueError(
                f"row {row.label!r} has {len(row.cells)} cells for {len(columns)} columns"
            )
    label_chars = max([12, *(len(clean(r.label)) + 2 * r.depth for r in rows)])
    label_w = min(300, max(150, label_chars * 7.4 + 16))
    col_w, row_h, pad = 118.0, 44.0, 8.0
    heads = [wrap(c, 14, 4) for c in columns]  # 14 bold characters fit a 118-pixel column
    head_h = 16.0 * max([1, *(len(h) for h in heads)]) + 12
    legend_h = 64.0
    # At least as wide as the legend, which is one line.
    width = max(label_w + col_w * len(columns) + pad, 610.0)
    height = head_h + row_h * len(rows) + legend_h + pad
    hatch_id = f"{chart_id}-hatch"
    body = [hatch(hatch_id)]
    for j, lines in enumerate(heads):
        cx = label_w + col_w * j + col_w / 2
        top = head_h - 8 - 16 * (len(lines) - 1)
        for k, text in enumerate(lines):
            body.append(svg_text(cx, top + 16 * k, text, anchor="middle", weight="600", size=12.5))
    for i, row in enumerate(rows):
        y = head_h + row_h * i
        label_lines = wrap(row.label, max(8, int((label_w - 16 - 12 * row.depth) / 7.4)), 2)
        ty = y + row_h / 2 + 4.5 - 8 * (len(label_lines) - 1)
        for k, text in enumerate(label_lines):
            body.append(
                svg_text(
                    8 + 12 * row.depth,
                    ty + 16 * k,
                    text,
                    weight="700" if row.depth == 0 else ("600" if row.depth == 1 else None),
                )
            )
        for j, cell in enumerate(row.cells):
            body.append(
                _heat_cell(
                    cell,
                    row.label,
                    columns[j],
                    label_w + col_w * j,
                    y,
                    col_w,
                    row_h,
                    hatch_id,
                    hidden_note,
                )
            )
    body.append(_heat_legend(8, head_h + row_h * len(rows) + 22, hatch_id, legend, hidden_note))
    return svg_frame(chart_id, width, height, title, description, body)


def _heat_cell(
    cell: HeatCell,
    row: str,
    column: str,
    x: float,
    y: float,
    w: float,
    h: float,
    hatch_id: str,
    hidden_note: str,
) -> str:
    cx, box = x + w / 2, f'x="{x + 1:.1f}" y="{y + 1:.1f}" width="{w - 2:.1f}" height="{h - 2:.1f}"'
    where = f"{clean(row)}, {clean(column)}"
    if cell.hidden:
        return (
            f"<g><title>{safe(f'{where}: {hidden_note}')}</title>"
            f'<rect {box} fill="url(#{safe(hatch_id)})" stroke="{HIDDEN_STROKE}"/>'
            + svg_text(
                cx,
                y + h / 2 + 4.5,
                HIDDEN_WORD,
                anchor="middle",
                italic=True,
                size=12.5,
                cls="wf-hidden",
            )
            + "</g>"
        )
    if cell.value is None:
        return (
            f"<g><title>{safe(f'{where}: no answers')}</title>"
            f'<rect {box} fill="#ffffff" stroke="{LINE}"/>'
            + svg_text(cx, y + h / 2 + 4.5, "no answers", fill=MUTED, size=11.5)
            + "</g>"
        )
    fill = cell.fill or NEUTRAL_FILL
    ink = text_colour(fill)
    score = score_text(cell.value)
    tip = f"{where}: {score} out of 100" + (f" ({cell.band})" if cell.band else "")
    if cell.note:
        tip += f". {cell.note}"
    parts = [f"<g><title>{safe(tip)}</title>", f'<rect {box} fill="{fill}" stroke="#ffffff"/>']
    if cell.band:
        parts.append(
            svg_text(cx, y + h / 2 + 1, score, size=16, anchor="middle", weight="700", fill=ink)
        )
        parts.append(svg_text(cx, y + h / 2 + 15, cell.band, size=11, anchor="middle", fill=ink))
    else:
        parts.append(
            svg_text(cx, y + h / 2 + 5.5, score, size=16, anchor="middle", weight="700", fill=ink)
        )
    parts.append("</g>")
    return "".join(parts)


def _heat_legend(
    x: float, y: float, hatch_id: str, legend: Sequence[Swatch], hidden_note: str
) -> str:
    """The bands' colours with their words on one line, the hidden hatching on the next."""
    parts = []
    sx = x
    for swatch in legend:
        parts.append(
            f'<rect x="{sx:.1f}" y="{y - 11:.1f}" width="22" height="16" '
            f'fill="{safe(swatch.fill)}" stroke="{LINE}"/>'
        )
        parts.append(svg_text(sx + 28, y + 2, swatch.label, size=12))
        sx += 28 + 7.0 * len(clean(swatch.label)) + 18
    hy = y + 24
    parts.append(
        f'<rect x="{x:.1f}" y="{hy - 11:.1f}" width="22" height="16" '
        f'fill="url(#{safe(hatch_id)})" stroke="{HIDDEN_STROKE}"/>'
    )
    parts.append(svg_text(x + 28, hy + 2, hidden_note, size=12, fill=MUTED))
    return "".join(parts)


# --- the I/We gap ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Dumbbell:
    """One theme of the gap chart.

    Attributes:
        label: The theme (and group, if the chart mixes groups).
        individual: Staff's normalised score on the individual checklist, or None.
        organisational: The organisation's own normalised score, or None when it has none.
        hidden: True when the individual side is hidden; then no individual number is drawn.
    """

    label: str
    individual: float | None
    organisational: float | None
    hidden: bool = False


def gap_svg(
    *,
    title: str,
    description: str,
    rows: Sequence[Dumbbell],
    chart_id: str = "wf-gap",
    individual_label: str = "I: what staff report (individual checklist)",
    organisational_label: str = "We: what the organisation says it provides",
) -> str:
    """The I/We gap as a dumbbell per theme, on a 0 to 100 axis, with the gap written at right.

    Args:
        title: What the chart shows.
        description: A sentence or two for a screen reader.
        rows: One per theme, top to bottom.
        chart_id: An id unique in the page.
        individual_label, organisational_label: The legend's words for the two markers.
    """
    label_w, plot_w, gap_w, row_h = 250.0, 400.0, 110.0, 46.0
    top = 70.0
    width = label_w + plot_w + gap_w + 20
    height = top + row_h * len(rows) + 34
    x0 = label_w + 10

    def px(value: float) -> float:
        return x0 + min(1.0, max(0.0, value)) * plot_w

    body = [
        # The legend: a circle for I, a square for We, each with its words.
        f'<circle cx="18" cy="16" r="7" fill="{BLUE}"/>',
        svg_text(32, 20.5, individual_label),
        f'<rect x="11" y="33" width="14" height="14" fill="{ORANGE}" stroke="{INK}" '
        'stroke-width="0.8"/>',
        svg_text(32, 44.5, organisational_label),
        svg_text(
            x0 + plot_w + gap_w / 2 + 10,
            top - 8,
            "gap (We \u2212 I)",
            size=12,
            anchor="middle",
            fill=MUTED,
        ),
    ]
    bottom = top + row_h * len(rows)
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = px(tick)
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{LINE}" stroke-width="1"/>'
        )
        body.append(
            svg_text(x, bottom + 16, score_text(tick), size=11, anchor="middle", fill=MUTED)
        )
    for i, row in enumerate(rows):
        y = top + row_h * i + row_h / 2
        lines = wrap(row.label, 33, 2)
        for k, text in enumerate(lines):
            body.append(svg_text(8, y + 4.5 - 8 * (len(lines) - 1) + 16 * k, text))
        body.append(_dumbbell(row, y, px, x0 + plot_w + gap_w / 2 + 10))
    return svg_frame(chart_id, width, height, title, description, body)


def _dumbbell(row: Dumbbell, y: float, px: Callable[[float], float], gap_x: float) -> str:
    parts: list[str] = []
    i_value = None if row.hidden else row.individual
    we_value = row.organisational
    tip = [clean(row.label)]
    if i_value is not None and we_value is not None:
        parts.append(
            f'<line x1="{px(i_value):.1f}" y1="{y:.1f}" x2="{px(we_value):.1f}" y2="{y:.1f}" '
            f'stroke="{GREY}" stroke-width="3"/>'
        )
    # A number goes on the outer side of its marker, so the two never overlap.
    i_left = i_value is not None and (we_value is None or i_value <= we_value)
    if i_value is not None:
        x = px(i_value)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{BLUE}"/>')
        parts.append(
            svg_text(
                x - 13 if i_left else x + 13,
                y + 4.5,
                score_text(i_value),
                anchor="end" if i_left else "start",
                weight="700",
                fill=BLUE,
            )
        )
        tip.append(f"I {score_text(i_value)}")
    else:
        word = HIDDEN_WORD if row.hidden else "no answers"
        parts.append(svg_text(px(0.0) + 4, y - 9, f"I: {word}", size=11.5, italic=True, fill=MUTED))
        tip.append(f"I {word}")
    if we_value is not None:
        x = px(we_value)
        parts.append(
            f'<rect x="{x - 7.5:.1f}" y="{y - 7.5:.1f}" width="15" height="15" fill="{ORANGE}" '
            f'stroke="{INK}" stroke-width="0.8"/>'
        )
        parts.append(
            svg_text(
                x - 13 if not i_left and i_value is not None else x + 13,
                y + 4.5,
                score_text(we_value),
                anchor="end" if not i_left and i_value is not None else "start",
                weight="700",
                fill="#8a5a00",
            )
        )
        tip.append(f"We {score_text(we_value)}")
    else:
        parts.append(
            svg_text(
                px(0.0) + 4, y + 17, "We: no self-assessment", size=11.5, italic=True, fill=MUTED
            )
        )
        tip.append("We none")
    if i_value is not None and we_value is not None:
        gap = change_text(i_value, we_value)
        parts.append(svg_text(gap_x, y + 5, gap, size=15, anchor="middle", weight="700"))
        tip.append(f"gap {gap}")
    else:
        parts.append(svg_text(gap_x, y + 5, "\u2013", size=15, anchor="middle", fill=MUTED))
    return f"<g><title>{safe(', '.join(tip))}</title>{''.join(parts)}</g>"


# --- trends ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Arrow:
    """One group's change between two waves: from ``before`` to ``after`` (0 to 1)."""

    label: str
    before: float
    after: float
    depth: int = 0


@attrs.frozen(kw_only=True)
class TrendPanel:
    """One small multiple: a theme, and an arrow for each group shown in both waves."""

    title: str
    rows: tuple[Arrow, ...]


def trends_svg(
    *,
    title: str,
    description: str,
    panels: Sequence[TrendPanel],
    from_label: str,
    to_label: str,
    chart_id: str = "wf-trends",
) -> str:
    """Changes between two waves: a panel per theme, an arrow per group from earlier to later.

    A rise is a blue arrow, a fall an orange one, no change a grey dot; the numbers before and
    after and the change are written at the right, so no one needs the colours.

    Args:
        title: What the chart shows.
        description: A sentence or two for a screen reader.
        panels: One per theme, top to bottom; a panel with no rows says so.
        from_label, to_label: The two waves, as shown in the legend.
        chart_id: An id unique in the page.
    """
    label_w, plot_w, note_w, row_h, head_h = 230.0, 380.0, 150.0, 26.0, 34.0
    width = label_w + plot_w + note_w + 20
    x0 = label_w + 10
    cid = safe(chart_id)

    def px(value: float) -> float:
        return x0 + min(1.0, max(0.0, value)) * plot_w

    body = [
        "<defs>"
        f'<marker id="{cid}-up" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{BLUE}"/></marker>'
        f'<marker id="{cid}-down" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{VERMILLION}"/></marker>'
        "</defs>",
        f'<circle cx="16" cy="16" r="5.5" fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>',
        svg_text(28, 20.5, from_label),
        f'<circle cx="{40 + 8 * len(clean(from_label)):.0f}" cy="16" r="5.5" fill="{INK}"/>',
        svg_text(52 + 8 * len(clean(from_label)), 20.5, to_label),
        svg_text(
            130 + 8 * len(clean(from_label)) + 8 * len(clean(to_label)),
            20.5,
            "blue arrow: up; orange arrow: down",
            fill=MUTED,
            size=12,
        ),
    ]
    y = 40.0
    for panel in panels:
        body.append(svg_text(8, y + 20, panel.title, weight="700", size=14))
        y += head_h
        rows_h = row_h * max(1, len(panel.rows))
        for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = px(tick)
            body.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + rows_h:.1f}" '
                f'stroke="{LINE}" stroke-width="1"/>'
            )
            body.append(
                svg_text(
                    x, y + rows_h + 13, score_text(tick), size=10.5, anchor="middle", fill=MUTED
                )
            )
        if not panel.rows:
            body.append(
                svg_text(
                    x0 + 6,
                    y + row_h / 2 + 4.5,
                    "no group is shown in both waves",
                    italic=True,
                    fill=MUTED,
                )
            )
        for i, row in enumerate(panel.rows):
            ry = y + row_h * i + row_h / 2
            body.append(_arrow(row, ry, px, cid, label_w, x0 + plot_w + 12))
        y += rows_h + 24
    height = y + 4
    return svg_frame(chart_id, width, height, title, description, body)


def _arrow(
    row: Arrow, y: float, px: Callable[[float], float], cid: str, label_w: float, note_x: float
) -> str:
    label = wrap(row.label, max(8, int((label_w - 12 - 12 * row.depth) / 7.2)), 1)[0]
    parts = [svg_text(8 + 12 * row.depth, y + 4.5, label, weight="600" if row.depth == 0 else None)]
    a, b = px(row.before), px(row.after)
    shift = points(row.after) - points(row.before)
    parts.append(
        f'<circle cx="{a:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{INK}" '
        'stroke-width="1.5"/>'
    )
    if shift != 0 and abs(b - a) > 9:
        colour, marker = (BLUE, "up") if shift > 0 else (VERMILLION, "down")
        end = b - math.copysign(6, b - a)
        parts.append(
            f'<line x1="{a + math.copysign(5, b - a):.1f}" y1="{y:.1f}" x2="{end:.1f}" '
            f'y2="{y:.1f}" stroke="{colour}" stroke-width="2.5" '
            f'marker-end="url(#{cid}-{marker})"/>'
        )
    parts.append(f'<circle cx="{b:.1f}" cy="{y:.1f}" r="5" fill="{INK}"/>')
    change = change_text(row.before, row.after)
    note = f"{score_text(row.before)} \u2192 {score_text(row.after)} ({change})"
    parts.append(
        svg_text(note_x, y + 4.5, note, size=12.5, weight="700" if abs(shift) >= 10 else None)
    )
    tip = f"{clean(row.label)}: {note}"
    return f"<g><title>{safe(tip)}</title>{''.join(parts)}</g>"
