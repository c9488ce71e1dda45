"""What the charts share: colours, text that is safe in SVG, wrapping, and the SVG frame.

Kept apart from :mod:`wellbeing_framework.render._charts` so each chart reads on its own. The
public helpers (:func:`band_colour`, :func:`text_colour`, :func:`contrast`) are re-exported
there; scores as text are :mod:`wellbeing_framework.render.scores`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._hidden import HIDDEN_WORD
from .markdown import escape
from .scores import score_text

__all__ = [
    "HIDDEN_WORD",
    "band_colour",
    "contrast",
    "text_colour",
]

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1c2326"
MUTED = "#55636a"
LINE = "#c4cfd3"
_HIDDEN_FILL = "#eceff1"
HIDDEN_STROKE = "#9aa5ab"

# Okabe and Ito's colours, which stay apart under protanopia, deuteranopia and tritanopia.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
GREY = "#6b7780"

# Red, amber and green that read as the bands they name and stay apart for colour-blind readers:
# they differ mostly in lightness (dark red, light amber, a mid blue-green), so each pair stays
# at least 30 apart (CIE 1976 colour difference) under simulated protanopia, deuteranopia and
# tritanopia (tests/render/test_charts.py checks it). Every cell prints its band's name as well.
RED = "#b2182b"
AMBER = "#f6b93b"
GREEN = "#3da584"
#: The fill of a score that has no band.
NEUTRAL_FILL = "#e3e9ec"

# Characters XML 1.0 does not allow at all; a label holding one would break the whole SVG.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    return _SPACES.sub(" ", _NOT_XML.sub("", text)).strip()


def safe(text: str) -> str:
    """Text from data or a pack, safe in SVG text and in a quoted attribute."""
    return escape(clean(text))


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def band_colour(position: int, count: int) -> str:
    """The fill of the band at ``position`` (0 is the lowest) of ``count`` bands: red for the
    lowest, green for the highest, amber between; with more than three bands, the colours
    between those, in order. One band alone is amber."""
    if count <= 1:
        return AMBER
    ramp = (RED, AMBER, GREEN)
    where = min(max(position, 0), count - 1) / (count - 1) * (len(ramp) - 1)
    k = min(int(where), len(ramp) - 2)
    share = where - k
    ca, cb = _hex(ramp[k]), _hex(ramp[k + 1])
    r, g, b = (round(x + (y - x) * share) for x, y in zip(ca, cb, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(fill: str) -> str:
    """Black or white text, whichever has more contrast on ``fill``: always at least 4.5 to 1,
    the WCAG AA level for small text."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def wrap(text: str, width: int, max_lines: int, *, split_long: bool = False) -> list[str]:
    """Words in lines of about ``width`` characters; the last line ends in an ellipsis if cut.

    A word longer than a line is cut short with an ellipsis, or with ``split_long`` broken over
    lines with a hyphen (for narrow columns: ``compassion-`` ``ate``).
    """
    words: list[str] = []
    for word in clean(text).split(" "):
        while split_long and len(word) > width and width > 3:
            words.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        words.append(word)
    lines: list[str] = []
    current = ""
    for word in words:
        if len(word) > width:
            word = word[: width - 1] + "\u2026"
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1] if len(last) >= width else last) + "\u2026"
    return lines or [""]


def svg_text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 13,
    anchor: str = "start",
    weight: str | None = None,
    fill: str = INK,
    italic: bool = False,
    cls: str | None = None,
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    if italic:
        extra += ' font-style="italic"'
    if cls:
        extra += f' class="{safe(cls)}"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{safe(content)}</text>'
    )


#: Where the gap and trends charts rule their score axis: 0, 25, 50, 75 and 100 out of 100.
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def score_axis(
    px: Callable[[float], float], top: float, bottom: float, *, label_y: float, size: float
) -> list[str]:
    """A score axis: a rule from ``top`` to ``bottom`` at each tick, its score written below."""
    out: list[str] = []
    for tick in TICKS:
        x = px(tick)
        out.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{LINE}" stroke-width="1"/>'
        )
        out.append(svg_text(x, label_y, score_text(tick), size=size, anchor="middle", fill=MUTED))
    return out


def svg_frame(
    chart_id: str, width: float, height: float, title: str, description: str, body: list[str]
) -> str:
    cid = safe(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wf-chart" id="{cid}" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="{_FONT}">'
        f'<title id="{cid}-title">{safe(title) or "Chart"}</title>'
        f'<desc id="{cid}-desc">{safe(description)}</desc>' + "".join(body) + "</svg>"
    )


def hatch(pattern_id: str) -> str:
    return (
        f'<defs><pattern id="{safe(pattern_id)}" width="8" height="8" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{_HIDDEN_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{HIDDEN_STROKE}" stroke-width="2"/>'
        "</pattern></defs>"
    )
