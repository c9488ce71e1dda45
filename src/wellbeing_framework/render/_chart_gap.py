"""The I/We gap chart: one dumbbell per theme.

A circle for what staff report on the individual checklist, a square for the organisation's
own view, each with its number, and the gap written beside them. :mod:`._charts` says what every
chart shares.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from ._svg import (
    BLUE,
    GREY,
    HIDDEN_WORD,
    INK,
    MUTED,
    ORANGE,
    clean,
    safe,
    score_axis,
    svg_frame,
    svg_text,
    wrap,
)
from .scores import change_text, score_text

__all__ = ["Dumbbell", "gap_svg"]


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
    body.extend(score_axis(px, top - 4, bottom, label_y=bottom + 16, size=11))
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
