"""Scores as a reader sees them: whole numbers out of 100, and the change between two.

Every output (the HTML and Markdown reports, the charts, the notebook, the demo's summary) writes
a score through these, so a score reads the same everywhere; the rounding rule itself is
:func:`wellbeing_framework.analysis._rounding.points`.
"""

from __future__ import annotations

from ..analysis._rounding import points

__all__ = ["change_text", "score_text"]


def score_text(value: float) -> str:
    """A normalised score (0 to 1) as a reader sees it: a whole number out of 100, rounded down
    by the one rule of :func:`~wellbeing_framework.analysis._rounding.points`."""
    return str(points(value))


def change_text(before: float, after: float) -> str:
    """The difference between two scores as shown, signed: ``+12``, ``−3`` or ``0``.

    It is the difference of the two numbers a reader sees, so the sums on the page add up.
    """
    diff = points(after) - points(before)
    if diff > 0:
        return f"+{diff}"
    if diff < 0:
        return f"\u2212{-diff}"  # a true minus sign, as wide as the plus
    return "0"
