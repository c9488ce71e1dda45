"""The heatmap: theme scores by group, one row per group and one column per theme.

Each cell prints its score and band, and is filled with its band's colour (red, amber, green),
so colour only repeats what the text says; a hidden group is drawn hatched and grey with the
word "hidden" and no number. :mod:`._charts` says what every chart shares.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._svg import (
    HIDDEN_STROKE,
    HIDDEN_WORD,
    LINE,
    MUTED,
    NEUTRAL_FILL,
    clean,
    hatch,
    safe,
    svg_frame,
    svg_text,
    text_colour,
    wrap,
)
from .scores import score_text

__all__ = ["HeatCell", "HeatRow", "Swatch", "heatmap_svg"]


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
