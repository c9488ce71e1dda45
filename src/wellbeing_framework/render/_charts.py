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

Each chart has its own module (:mod:`._chart_heatmap`, :mod:`._chart_gap`, :mod:`._chart_trends`),
with the SVG plumbing in :mod:`._svg`; this module names them all, and is where the rest of the
package imports them from. The functions take plain values (labels and normalised scores from 0 to
1) rather than results, so they can be tested and reused on their own;
:mod:`wellbeing_framework.render.report` builds them from
:class:`~wellbeing_framework.analysis.results.Results`. Scores are printed out of 100.

Every chart is an ``<svg role="img">`` whose ``<title>`` and ``<desc>`` name and describe it, and
every label from data or a pack is escaped, with characters XML does not allow taken out, so a
group called ``<script>`` is drawn as text. The colours stay distinct for the common kinds of
colour blindness (the bands' red, amber and green differ chiefly in lightness; the markers use
Okabe and Ito's colours), and shapes and words carry the same meaning as the colours.
"""

from __future__ import annotations

from ._chart_gap import Dumbbell, gap_svg
from ._chart_heatmap import HeatCell, HeatRow, Swatch, heatmap_svg
from ._chart_trends import ARROW_POINTS, Arrow, TrendPanel, trends_svg
from ._svg import HIDDEN_WORD, NEUTRAL_FILL, band_colour, contrast, text_colour

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
