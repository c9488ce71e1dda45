"""The trends chart: the change between two waves as small multiples.

One panel per theme, an arrow per group from the earlier score to the later one, with the
change written beside it. :mod:`._charts` says what every chart shares.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from ..analysis._rounding import points
from ._svg import (
    BLUE,
    INK,
    MUTED,
    VERMILLION,
    clean,
    safe,
    score_axis,
    svg_frame,
    svg_text,
    wrap,
)
from .scores import change_text, score_text

__all__ = ["ARROW_POINTS", "Arrow", "TrendPanel", "trends_svg"]


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
        body.extend(score_axis(px, y, y + rows_h, label_y=y + rows_h + 14, size=11.5))
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
