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

from ..analysis.rounding import points
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
    clean,
    contrast,
    hatch,
    safe,
    svg_frame,
    svg_text,
    text_colour,
    wrap,
)
from .scores import change_text, score_text

__all__ = [
    "ARROW_POINTS",
    "HIDDEN_WORD",
    "NEUTRAL_FILL",
    "Arrow",
    "Dumbbell",
    "HeatCell",
    "HeatRow",
    "Swatch",
    "TrendPanel",
    "band_colour",
    "contrast",
    "gap_svg",
    "heatmap_svg",
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
    compact: bool = False,
) -> str:
    """Scores by group and theme as a grid, each cell with its number, band and colour.

    Args:
        title: What the chart shows, in a few words.
        description: A sentence or two for a screen reader: what is plotted and how to read it.
        columns: The column headings (themes), wrapped over up to four lines.
        rows: The groups, top to bottom; each must have one cell per column.
        chart_id: An id unique in the page; the title, description and hatching use it too.
        hidden_note: What a hidden cell means, for its tooltip (the same words for every
            hidden cell).
        legend: The bands' colours and words, lowest first.
        compact: Lay the chart out for a phone's width: each group's name above its cells.

    Raises:
        ValueError: A row does not have one cell per column.
    """
    for row in rows:
        if len(row.cells) != len(columns):
            raise ValueError(
                f"row {row.label!r} has {len(row.cells)} cells for {len(columns)} columns"
            )
    pad = 8.0
    if compact:
        # A phone's width: each group's name on a line of its own above its cells, so the
        # columns get the whole width and the text is drawn near its own size.
        label_w, label_h = 0.0, 18.0
        col_w = max(60.0, min(86.0, 344.0 / max(1, len(columns))))
        head_size, head_line, head_lines = 11.0, 14.0, 5
    else:
        label_chars = max([12, *(len(clean(r.label)) + 2 * r.depth for r in rows)])
        label_w, label_h = min(300, max(150, label_chars * 7.4 + 16)), 0.0
        col_w = 118.0
        head_size, head_line, head_lines = 12.5, 16.0, 4
    cell_h = 40.0 if compact else 44.0
    row_h = cell_h + label_h
    # A bold character is about 0.64 of the type size wide: 8 pixels at 12.5, so 14 fit in 118.
    chars = int((col_w - 6) / (head_size * 0.64))
    heads = [wrap(c, chars, head_lines, split_long=compact) for c in columns]
    head_h = head_line * max([1, *(len(h) for h in heads)]) + 12
    # At least as wide as the legend's line, or as a phone's screen.
    width = max(label_w + col_w * len(columns) + pad, 344.0 if compact else 610.0)
    hatch_id = f"{chart_id}-hatch"
    legend_parts, legend_h = _heat_legend(
        8, head_h + row_h * len(rows) + 22, width - 16, hatch_id, legend
    )
    height = head_h + row_h * len(rows) + legend_h + pad
    body = [hatch(hatch_id)]
    for j, lines in enumerate(heads):
        cx = label_w + col_w * j + col_w / 2
        top = head_h - 8 - head_line * (len(lines) - 1)
        for k, text in enumerate(lines):
            body.append(
                svg_text(
                    cx, top + head_line * k, text, anchor="middle", weight="600", size=head_size
                )
            )
    for i, row in enumerate(rows):
        y = head_h + row_h * i
        weight = "700" if row.depth == 0 else ("600" if row.depth == 1 else None)
        if compact:
            indent = 4 + 10 * max(0, row.depth - 1)
            line = wrap(row.label, int((width - indent - 8) / 7.2), 1)[0]
            body.append(svg_text(indent, y + 13, line, weight=weight))
        else:
            label_lines = wrap(row.label, max(8, int((label_w - 16 - 12 * row.depth) / 7.4)), 2)
            ty = y + row_h / 2 + 4.5 - 8 * (len(label_lines) - 1)
            for k, text in enumerate(label_lines):
                body.append(svg_text(8 + 12 * row.depth, ty + 16 * k, text, weight=weight))
        for j, cell in enumerate(row.cells):
            body.append(
                _heat_cell(
                    cell,
                    row.label,
                    columns[j],
                    label_w + col_w * j,
                    y + label_h,
                    col_w,
                    cell_h,
                    hatch_id,
                    hidden_note,
                )
            )
    body.append(legend_parts)
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
    x: float, y: float, room: float, hatch_id: str, legend: Sequence[Swatch]
) -> tuple[str, float]:
    """The bands' colours with their words, on as many lines as ``room`` needs, then the hidden
    hatching; and the height all that takes."""
    parts = []
    sx, sy = x, y
    for swatch in legend:
        w = 28 + 7.0 * len(clean(swatch.label))
        if sx > x and sx + w > x + room:
            sx, sy = x, sy + 22
        parts.append(
            f'<rect x="{sx:.1f}" y="{sy - 11:.1f}" width="22" height="16" '
            f'fill="{safe(swatch.fill)}" stroke="{LINE}"/>'
        )
        parts.append(svg_text(sx + 28, sy + 2, swatch.label, size=12))
        sx += w + 18
    hy = sy + (24 if legend else 0)
    parts.append(
        f'<rect x="{x:.1f}" y="{hy - 11:.1f}" width="22" height="16" '
        f'fill="url(#{safe(hatch_id)})" stroke="{HIDDEN_STROKE}"/>'
    )
    # The hatching's meaning in full is in each hidden cell's tooltip and around the chart.
    parts.append(svg_text(x + 28, hy + 2, f"{HIDDEN_WORD}: no score shown", size=12, fill=MUTED))
    return "".join(parts), hy - y + 45


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
    compact: bool = False,
) -> str:
    """The I/We gap as a dumbbell per theme, on a 0 to 100 axis, with the gap written at right.

    Args:
        title: What the chart shows.
        description: A sentence or two for a screen reader.
        rows: One per theme, top to bottom.
        chart_id: An id unique in the page.
        individual_label, organisational_label: The legend's words for the two markers.
        compact: Lay the chart out for a phone's width: each theme's name above its dumbbell.
    """
    top = 70.0
    if compact:
        # A phone's width: each theme's name above its dumbbell, the axis across the width.
        plot_w, gap_w, x0, chars = 190.0, 110.0, 36.0, 46
    else:
        plot_w, gap_w, x0, chars = 400.0, 110.0, 260.0, 33
    width = x0 + plot_w + gap_w + 10
    labels = [wrap(r.label, chars, 2) for r in rows]
    # Each row's height and the middle of its dumbbell.
    heights = [(16.0 * len(lines) + 36.0) if compact else 46.0 for lines in labels]
    bottom = top + sum(heights)
    height = bottom + 34
    gap_x = x0 + plot_w + gap_w / 2 + 6

    def px(value: float) -> float:
        return x0 + min(1.0, max(0.0, value)) * plot_w

    size = 12.0 if compact else 13.0
    body = [
        # The legend: a circle for I, a square for We, each with its words.
        f'<circle cx="18" cy="16" r="7" fill="{BLUE}"/>',
        svg_text(32, 20.5, individual_label, size=size),
        f'<rect x="11" y="33" width="14" height="14" fill="{ORANGE}" stroke="{INK}" '
        'stroke-width="0.8"/>',
        svg_text(32, 44.5, organisational_label, size=size),
        svg_text(gap_x, top - 8, "gap (We \u2212 I)", size=12, anchor="middle", fill=MUTED),
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = px(tick)
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{LINE}" stroke-width="1"/>'
        )
        body.append(
            svg_text(x, bottom + 16, score_text(tick), size=11, anchor="middle", fill=MUTED)
        )
    y_top = top
    for row, lines, h in zip(rows, labels, heights, strict=True):
        if compact:
            for k, text in enumerate(lines):
                body.append(svg_text(8, y_top + 14 + 16 * k, text, weight="600", size=12.5))
            y = y_top + 16 * len(lines) + 18
        else:
            y = y_top + h / 2
            for k, text in enumerate(lines):
                body.append(svg_text(8, y + 4.5 - 8 * (len(lines) - 1) + 16 * k, text))
        body.append(_dumbbell(row, y, px, gap_x))
        y_top += h
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
        inner = f'<tspan class="wf-hidden">{safe(word)}</tspan>' if row.hidden else safe(word)
        parts.append(
            f'<text x="{px(0.0) + 4:.1f}" y="{y - 9:.1f}" font-size="11.5" fill="{MUTED}" '
            f'font-style="italic">I: {inner}</text>'
        )
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

#: The smallest change, in points out of 100, that the trends chart draws as an arrow; a smaller
#: one shows as the two dots alone.
ARROW_POINTS = 6


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
    compact: bool = False,
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
        compact: Lay the chart out for a phone's width: names and numbers above each arrow.
    """
    if compact:
        # A phone's width: each group's name and numbers on a line, its arrow on the next.
        label_w, plot_w, note_w, row_h, x0 = 0.0, 300.0, 0.0, 40.0, 24.0
    else:
        label_w, plot_w, note_w, row_h, x0 = 230.0, 380.0, 150.0, 26.0, 240.0
    head_h = 34.0
    width = x0 + plot_w + note_w + (22 if compact else 10)
    cid = safe(chart_id)

    def px(value: float) -> float:
        return x0 + min(1.0, max(0.0, value)) * plot_w

    # Arrowheads 8 pixels long (the marker's units are the line's width, 2.5).
    heads = "".join(
        f'<marker id="{cid}-{name}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="3.2" '
        f'markerHeight="3.2" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour}"/></marker>'
        for name, colour in (("up", BLUE), ("down", VERMILLION))
    )
    to_x = 40 + 8 * len(clean(from_label))
    key_x, key_y = (8.0, 42.0) if compact else (to_x + 90 + 8 * len(clean(to_label)), 20.5)
    body = [
        f"<defs>{heads}</defs>",
        f'<circle cx="16" cy="16" r="5.5" fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>',
        svg_text(28, 20.5, from_label),
        f'<circle cx="{to_x:.0f}" cy="16" r="5.5" fill="{INK}"/>',
        svg_text(to_x + 12, 20.5, to_label),
        svg_text(key_x, key_y, "blue arrow: up; orange arrow: down", fill=MUTED, size=12),
    ]
    y = 62.0 if compact else 40.0
    for panel in panels:
        # About 8.2 pixels a bold character at 14 pixels.
        titles = wrap(panel.title, int((width - 16) / 8.2), 2)
        for k, text in enumerate(titles):
            body.append(svg_text(8, y + 20 + 18 * k, text, weight="700", size=14))
        y += head_h + 18 * (len(titles) - 1)
        rows_h = row_h * max(1, len(panel.rows))
        for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = px(tick)
            body.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + rows_h:.1f}" '
                f'stroke="{LINE}" stroke-width="1"/>'
            )
            body.append(
                svg_text(
                    x, y + rows_h + 14, score_text(tick), size=11.5, anchor="middle", fill=MUTED
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
            top = y + row_h * i
            if compact:
                body.append(_arrow(row, top + 28, px, cid, width - 16, width - 8, top + 14))
            else:
                body.append(_arrow(row, top + row_h / 2, px, cid, label_w, x0 + plot_w + 12))
        y += rows_h + 26
    height = y + 4
    return svg_frame(chart_id, width, height, title, description, body)


def _arrow(
    row: Arrow,
    y: float,
    px: Callable[[float], float],
    cid: str,
    label_w: float,
    note_x: float,
    label_y: float | None = None,
) -> str:
    """One group's arrow at height ``y``; its name and numbers on the same line, or (compact)
    on the line at ``label_y``, the numbers then aligned right at ``note_x``."""
    above = label_y is not None
    change = change_text(row.before, row.after)
    note = f"{score_text(row.before)} \u2192 {score_text(row.after)} ({change})"
    room = label_w - 12 * row.depth - (7.2 * len(note) + 12 if above else 12)
    label = wrap(row.label, max(8, int(room / 7.2)), 1)[0]
    ty = (label_y if label_y is not None else y) + 4.5
    parts = [svg_text(8 + 12 * row.depth, ty, label, weight="600" if row.depth == 0 else None)]
    # Drawn at the numbers as shown, so the same change shown always gets the same arrow.
    shown_before, shown_after = points(row.before), points(row.after)
    a, b = px(shown_before / 100), px(shown_after / 100)
    shift = shown_after - shown_before
    parts.append(
        f'<circle cx="{a:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{INK}" '
        'stroke-width="1.5"/>'
    )
    # An arrow only for a change that leaves room between the two dots, so that its head never
    # hides the earlier one; decided on the numbers shown, the same in every layout.
    if abs(shift) >= ARROW_POINTS:
        colour, marker = (BLUE, "up") if shift > 0 else (VERMILLION, "down")
        end = b - math.copysign(6, b - a)
        parts.append(
            f'<line x1="{a + math.copysign(6, b - a):.1f}" y1="{y:.1f}" x2="{end:.1f}" '
            f'y2="{y:.1f}" stroke="{colour}" stroke-width="2.5" '
            f'marker-end="url(#{cid}-{marker})"/>'
        )
    parts.append(f'<circle cx="{b:.1f}" cy="{y:.1f}" r="5" fill="{INK}"/>')
    parts.append(
        svg_text(
            note_x,
            ty,
            note,
            size=12.5,
            anchor="end" if above else "start",
            weight="700" if abs(shift) >= 10 else None,
        )
    )
    tip = f"{clean(row.label)}: {note}"
    return f"<g><title>{safe(tip)}</title>{''.join(parts)}</g>"
